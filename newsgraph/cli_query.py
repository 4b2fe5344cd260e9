"""`newsgraph query`, `newsgraph cypher`, `newsgraph export` and `newsgraph schema`: reading the graph."""

from __future__ import annotations

import csv
import json
import math
import sys
from collections.abc import Sequence
from typing import Any

import click

from core.errors import QueryError
from core.settings import Settings
from graph.readonly import ReadResult, load_json, run_read
from newsgraph.cli import graph_driver, json_shown, settings_of, shown

FORMATS = ("table", "json", "csv")


def _pairs(values: Sequence[str]) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"parameter {item!r} is not KEY=VALUE")
        if key.strip() in pairs:
            raise QueryError(f"parameter {key.strip()!r} is given twice: give each once")
        pairs[key.strip()] = value
    return pairs


def _limits(settings: Settings, limit: int | None, timeout: float | None) -> dict[str, Any]:
    return {"row_limit": limit or settings.row_limit, "timeout": timeout or settings.query_timeout}


def _emit(result: ReadResult, fmt: str) -> None:
    rows = result.rows()
    if fmt == "json":
        click.echo(json_shown(json.dumps(_json_safe(rows), ensure_ascii=False, indent=2, default=str, allow_nan=False)))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(result.columns)
        for row in rows:
            writer.writerow([_cell(row[c]) for c in result.columns])
    else:
        click.echo(_table(result.columns, rows))
    if result.truncated:
        click.echo(f"(only the first {len(rows)} rows: the row limit; raise it with --limit)", err=True)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(_json_safe(value), ensure_ascii=False, default=str, allow_nan=False)
    return str(_json_safe(value))


def _json_safe(value: Any) -> Any:
    """``value`` with NaN and the infinities as the strings Cypher prints for them.

    Cypher computes them (``0.0/0.0``) but JSON has no such numbers, and a bare ``NaN`` breaks every
    strict JSON reader downstream (jq, JavaScript's JSON.parse).
    """
    if isinstance(value, float) and not math.isfinite(value):
        return str(value).replace("nan", "NaN").replace("inf", "Infinity")
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    return value


def _table(columns: list[str], rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "(no rows)"
    import pandas as pd  # only the table format needs it

    # The table is for a terminal: a value or column name holding ESC sequences is shown escaped, not obeyed
    # (JSON and CSV are data formats and keep every value exactly).
    cells = [[shown(_cell(row[c])) for c in columns] for row in rows]
    frame = pd.DataFrame(cells, columns=[shown(c) for c in columns])
    return str(frame.to_string(index=False, max_colwidth=70))


def _json_or_text(name: str, value: str) -> Any:
    """`-p n=5` is a number, `-p ids=["a","b"]` a list, anything that is not JSON stays text.

    JSON too deep or with too long a number to read is an error naming the parameter, not text.
    """
    try:
        return load_json(value, f"parameter {name}")
    except json.JSONDecodeError:
        return value


# -- query ------------------------------------------------------------------------------------------


@click.command("query")
@click.argument("name", required=False)
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE", help="A query parameter (repeatable).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--list", "list_queries_", is_flag=True, help="List the curated queries with their parameters.")
@click.option("--show", is_flag=True, help="Print the query's Cypher instead of running it.")
@click.option("--limit", type=click.IntRange(min=1), help="Most rows to return (default: setting row_limit).")
@click.option("--timeout", type=click.FloatRange(min=0.1), help="Seconds before the query is stopped.")
@click.pass_context
def query_command(ctx: click.Context, name: str | None, params: tuple[str, ...], fmt: str, list_queries_: bool,
                  show: bool, limit: int | None, timeout: float | None) -> None:  # fmt: skip
    """Run the curated query NAME from queries/ read-only, e.g.

    newsgraph query person-statements -p person_id=person:andrej-petrovski -p from=2021-01-01
    """
    from queries import bind, get_query, list_queries

    if list_queries_:
        for query in list_queries():
            click.echo(f"{query.name}\n    {query.description}")
            click.echo(f"    params: {', '.join(p.describe() for p in query.params) or 'none'}")
        return
    if not name:
        raise click.UsageError("give a query NAME, or --list to see them")
    query = get_query(name)
    if show:
        click.echo(query.cypher.rstrip())
        return
    settings = settings_of(ctx)
    bound = bind(query, _pairs(params), _embedder(settings, query))
    with graph_driver(settings) as (driver, database):
        result = run_read(driver, database, query.cypher, bound, **_limits(settings, limit, timeout))
    _emit(result, fmt)


def _embedder(settings: Settings, query: Any) -> Any:
    """Texts given for vector parameters are embedded with the statements' model (loaded only then)."""
    if not any(p.type == "vector" for p in query.params):
        return None

    def embed(text: str) -> Sequence[float]:
        from nlp.runtime.embeddings import Embedder

        return Embedder(settings).embed([text])[0]

    return embed


# -- cypher -----------------------------------------------------------------------------------------


@click.command("cypher")
@click.argument("statement")
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="A parameter; the value is read as JSON when it is JSON (5, true, [1,2]), else as text.",
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--limit", type=click.IntRange(min=1), help="Most rows to return (default: setting row_limit).")
@click.option("--timeout", type=click.FloatRange(min=0.1), help="Seconds before the query is stopped.")
@click.pass_context
def cypher_command(ctx: click.Context, statement: str, params: tuple[str, ...], fmt: str, limit: int | None,
                   timeout: float | None) -> None:  # fmt: skip
    """Run a Cypher STATEMENT read-only ('-' reads it from standard input); writes are refused."""
    if statement == "-":
        statement = _statement_from_stdin()
    settings = settings_of(ctx)
    values = {k: _json_or_text(k, v) for k, v in _pairs(params).items()}
    with graph_driver(settings) as (driver, database):
        result = run_read(driver, database, statement, values, **_limits(settings, limit, timeout))
    _emit(result, fmt)


def _statement_from_stdin() -> str:
    """The statement on standard input, read as bytes: it is UTF-8 whatever the terminal's encoding (run_read
    refuses what is not). The read is bounded, so `< /dev/zero` or an endless pipe is refused, not held whole."""
    from graph.readonly import MAX_STATEMENT_CHARS

    most = 4 * MAX_STATEMENT_CHARS + 3  # four UTF-8 bytes a character at most, and a byte order mark
    data = sys.stdin.buffer.read(most + 1)
    if len(data) > most:
        raise click.ClickException(
            f"the statement on standard input is longer than {MAX_STATEMENT_CHARS:,} characters: give long lists of "
            "values as parameters (-p NAME=JSON)"
        )
    return data.decode("utf-8-sig", errors="surrogateescape")


# -- export -----------------------------------------------------------------------------------------


COMMANDS = [query_command, cypher_command]
