"""`newsgraph schema`: the graph's constraints and indexes, created when missing and listed."""

from __future__ import annotations

import click

from newsgraph.cli import graph_driver, settings_of, shown


@click.command("schema")
@click.option("--show", is_flag=True, help="Only list the constraints and indexes; create nothing.")
@click.pass_context
def schema_command(ctx: click.Context, show: bool) -> None:
    """Create the graph's constraints and indexes (if missing) and list them."""
    from graph.schema import apply_schema, show_schema

    with graph_driver(settings_of(ctx)) as (driver, database):
        if not show:
            apply_schema(driver, database)
        items = show_schema(driver, database)
    for item in items:
        name, entity, properties, state = (
            shown(value) for value in (item.name, item.entity, item.properties, item.state)
        )
        click.echo(f"{item.kind:<11} {name:<22} {entity:<12} {properties:<16} {state}")


COMMANDS = [schema_command]
