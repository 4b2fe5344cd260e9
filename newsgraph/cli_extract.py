"""`newsgraph extract --in docs.jsonl --out results.jsonl`: the NLP stage alone, no database.

The JSON Lines contract of DESIGN.md: one output line per input line, same order, same id; offsets
point into each input ``text`` exactly as given; a line that cannot be processed gets ``error``.
"""

from __future__ import annotations

import json
import re
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

import click
from tqdm import tqdm

from newsgraph.cli import settings_of
from newsgraph.records import Article, content_hash

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class LineError(Exception):
    """An input line that is not a document; ``doc_id`` is kept when it could be read."""

    def __init__(self, message: str, doc_id: str | None = None) -> None:
        super().__init__(message)
        self.doc_id = doc_id


def parse_line(number: int, line: str) -> Article | LineError:
    """The Article of one input line, or why it is not one. The text is kept exactly as given."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as e:
        return LineError(f"line {number}: not valid JSON ({e.msg} at column {e.colno})")
    if not isinstance(data, dict):
        return LineError(f"line {number}: expected a JSON object, got {type(data).__name__}")
    doc_id, text = data.get("id"), data.get("text")
    if not isinstance(doc_id, str) or not doc_id:
        return LineError(f"line {number}: `id` must be a non-empty string")
    if not isinstance(text, str):
        return LineError(f"line {number}: `text` must be a string", doc_id)
    published = data.get("published")
    if published is not None and (not isinstance(published, str) or not _DATE.match(published)):
        return LineError(f"line {number}: `published` must be a YYYY-MM-DD date, got {published!r}", doc_id)
    title, url = data.get("title"), data.get("url")
    return Article(
        id=doc_id,
        text=text,
        content_hash=content_hash(text),
        published=published,
        title=title if isinstance(title, str) else None,
        url=url if isinstance(url, str) else None,
    )


def error_record(error: LineError) -> dict[str, Any]:
    return {"id": error.doc_id, "statements": [], "entities": [], "roles": [], "relations": [], "error": str(error)}


def contract_lines(lines: Iterable[str], extractor: Any) -> Iterator[dict[str, Any]]:
    """One output record per input line, in order; articles stream through ``extractor.extract``."""
    waiting: deque[Article | LineError] = deque()

    def articles() -> Iterator[Article]:
        for number, line in enumerate(lines, start=1):
            item = parse_line(number, line) if line.strip() else LineError(f"line {number}: empty line")
            waiting.append(item)
            if isinstance(item, Article):
                yield item

    for extraction in extractor.extract(articles()):
        while waiting and isinstance(waiting[0], LineError):
            yield error_record(waiting.popleft())  # type: ignore[arg-type]
        waiting.popleft()
        yield extraction.to_contract()
    while waiting:
        yield error_record(waiting.popleft())  # type: ignore[arg-type]


def _lines(handle: TextIO) -> Iterator[str]:
    for line in handle:
        yield line.rstrip("\n").rstrip("\r")


@click.command("extract")
@click.option(
    "--in",
    "input_file",
    type=click.File("r", encoding="utf-8", errors="strict"),
    required=True,
    help="JSON Lines of documents: {id, text, published?, url?, title?} ('-' for stdin).",
)
@click.option(
    "--out",
    "output_file",
    type=click.File("w", encoding="utf-8"),
    required=True,
    help="JSON Lines of results, one per input line ('-' for stdout).",
)
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: when a terminal).")
@click.pass_context
def extract(ctx: click.Context, input_file: TextIO, output_file: TextIO, progress: bool | None) -> None:
    """Entities, roles, relations and statements of each document, no database (the NLP stage alone)."""
    from nlp.extract import Extractor

    extractor = Extractor(settings_of(ctx), embed=False)  # embeddings are not part of the output contract
    done = failed = 0
    show = sys.stderr.isatty() if progress is None else progress
    try:
        records = contract_lines(_lines(input_file), extractor)
        for record in tqdm(records, unit="doc", disable=not show, file=sys.stderr):
            output_file.write(json.dumps(record, ensure_ascii=False) + "\n")
            done += 1
            failed += record["error"] is not None
    except UnicodeDecodeError as e:
        raise click.ClickException(f"{input_file.name} is not UTF-8 text (byte {e.start}); results so far kept") from e
    click.echo(f"extracted {done} documents ({failed} with an error) → {output_file.name}", err=True)


COMMANDS = [extract]
