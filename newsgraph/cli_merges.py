"""`newsgraph merges`: entities that may be one, ranked, with the signal and the evidence for each."""

from __future__ import annotations

import json

import click

from core.records import ENTITY_TYPES
from newsgraph.cli import graph_driver, json_shown, settings_of, shown


@click.command("merges")
@click.option("--top", type=click.IntRange(min=1, max=10_000), default=20, show_default=True, help="How many.")
@click.option("--type", "entity_type", type=click.Choice(ENTITY_TYPES), help="Only entities of this type.")
@click.option("--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True)
@click.pass_context
def merges_command(ctx: click.Context, top: int, entity_type: str | None, fmt: str) -> None:
    """List merge suggestions: pairs of entities that may be one (spelling, acronym, short form, country,
    translation, same role), best first, with why and the articles both appear in. Rejected pairs are left out;
    answer them on the explorer's Merge suggestions page."""
    from newsgraph.merge_rules import merge_rules
    from queries.explore import GraphReader
    from queries.merge_suggestions import merge_suggestions

    settings = settings_of(ctx)
    with graph_driver(settings) as (driver, database):
        reader = GraphReader(driver, database, timeout=settings.query_timeout, row_limit=settings.row_limit)
        ranking = merge_suggestions(reader, merge_rules(settings), top, entity_type)
    rows = [s.as_row() for s in ranking.suggestions]
    if fmt == "json":
        click.echo(json_shown(json.dumps(rows, ensure_ascii=False, indent=2)))
        return
    if not rows:
        click.echo(f"no merge suggestions among {ranking.entities} entities")
        return
    for rank, row in enumerate(rows, start=1):
        click.echo(
            f"{rank:3d}  {row['score']:.2f}  {row['kind']:<11}  {shown(row['first_id'])}  ~  {shown(row['second_id'])}"
        )
        shared = f"; shared articles: {', '.join(row['shared_articles'])}" if row["shared_articles"] else ""
        click.echo(f"     {shown(row['reason'])}{shown(shared)}")
    if ranking.truncated:
        click.echo(f"(only the {ranking.entities} most mentioned entities were compared)", err=True)


COMMANDS = [merges_command]
