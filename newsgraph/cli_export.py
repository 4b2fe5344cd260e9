"""`newsgraph export`: the graph, or the subgraph around one entity, as GraphML, CSV, JSON or an HTML page."""

from __future__ import annotations

from pathlib import Path

import click

from newsgraph.cli import ID_TEXT, NamedPath, graph_driver, settings_of, shown

MAX_SUBGRAPH_NODES = 1_000_000  # past any subgraph around one entity a page or a file can hold


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(("graphml", "csv", "json")), default="graphml", show_default=True)
@click.option("--html", is_flag=True, help="Write a standalone interactive page (pyvis) of the subgraph instead.")
@click.option(
    "--entity", type=ID_TEXT, help="Export only the subgraph around this entity id (e.g. person:andrej-petrovski)."
)
@click.option("--depth", type=click.IntRange(min=0, max=6), default=2, show_default=True, help="Steps from --entity.")
@click.option(
    "--max-nodes",
    type=click.IntRange(min=1, max=MAX_SUBGRAPH_NODES),
    help="Most nodes in a subgraph (default: 2000; for --html the setting graph_node_cap).",
)
@click.option("--out", required=True, type=NamedPath(path_type=Path), help="File to write (a folder for --format csv).")
@click.pass_context
def export_command(ctx: click.Context, fmt: str, html: bool, entity: str | None, depth: int, max_nodes: int | None,
                   out: Path) -> None:  # fmt: skip
    """Export the graph, or the subgraph around one entity, as GraphML (Gephi), CSV (neo4j-admin import), JSON,
    or a standalone HTML page."""
    from graph import export

    if html and not entity:
        raise click.UsageError("--html draws the subgraph around one entity: add --entity ID")
    if html and ctx.get_parameter_source("fmt") is not click.core.ParameterSource.DEFAULT:
        raise click.UsageError("--html writes a page, not --format: give one or the other")
    settings = settings_of(ctx)
    cap = max_nodes or (settings.graph_node_cap if html else 2000)
    with graph_driver(settings) as (driver, database):
        if entity:
            graph = export.subgraph_around(driver, database, entity, depth, cap)
        else:
            graph = export.whole_graph(driver, database)
    if html:
        export.write_html(graph, out, f"newsgraph: {entity}")
    elif fmt == "csv":
        export.write_csv(graph, out)
    elif fmt == "json":
        export.write_json(graph, out)
    else:
        export.write_graphml(graph, out)
    click.echo(f"wrote {len(graph.nodes)} nodes and {len(graph.relationships)} relationships to {shown(out)}")
    if graph.truncated:
        click.echo(f"(the subgraph was cut at {cap} nodes; raise --max-nodes or lower --depth)", err=True)


COMMANDS = [export_command]
