"""`newsgraph neo4j start|stop|status`: the managed local Neo4j."""

from __future__ import annotations

import click

from core.settings import mask_uri
from graph.local_server import LocalNeo4j
from newsgraph.cli import settings_of, shown


def _local(ctx: click.Context) -> LocalNeo4j:
    settings = settings_of(ctx)
    if settings.neo4j_uri:
        raise click.ClickException(
            f"NEO4J_URI is set ({mask_uri(settings.neo4j_uri)}): that server is used and no local Neo4j is managed"
        )
    return LocalNeo4j(settings)


@click.group("neo4j")
def neo4j_group() -> None:
    """Manage the local Neo4j Community server (Bolt on 127.0.0.1 only)."""


@neo4j_group.command("start")
@click.pass_context
def start(ctx: click.Context) -> None:
    """Fetch Neo4j once with Maven, start it, and return when it answers."""
    server = _local(ctx)
    info = server.start()
    click.echo(
        f"Neo4j {shown(info.version)} running at {shown(info.uri)} (pid {info.pid}); data in {shown(server.home)}"
    )


@neo4j_group.command("stop")
@click.pass_context
def stop(ctx: click.Context) -> None:
    """Shut the local Neo4j down cleanly."""
    if _local(ctx).stop():
        click.echo("Neo4j stopped")
    else:
        click.echo("Neo4j was not running")


@neo4j_group.command("status")
@click.pass_context
def status(ctx: click.Context) -> None:
    """Show URI, pid, version, data folder and store size; exit 3 when it is not running."""
    state = _local(ctx).status()
    click.echo(f"running:    {'yes' if state.running else 'no'}")
    if state.running:
        # uri, version and start time are read from the server's state file, which anyone may have edited
        click.echo(f"uri:        {shown(state.uri)}")
        click.echo(f"pid:        {state.pid}")
        click.echo(f"started:    {shown(state.started_at)}")
    click.echo(f"version:    {shown(state.version)}")
    click.echo(f"data dir:   {shown(state.data_dir)}")
    click.echo(f"store size: {state.store_bytes / 1_048_576:.1f} MiB")
    if not state.running:
        ctx.exit(3)


COMMANDS = [neo4j_group]
