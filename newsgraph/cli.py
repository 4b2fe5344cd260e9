"""The `newsgraph` command line. Only this layer prints; errors become one line and a non-zero exit."""

from __future__ import annotations

import logging
from typing import Any

import click

from newsgraph import __version__
from newsgraph.errors import NewsgraphError
from newsgraph.settings import Settings, load_settings


class ProjectGroup(click.Group):
    """Turns the project's own errors into one clear line (click's ClickException) and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NewsgraphError as e:
            raise click.ClickException(str(e)) from e


def settings_of(ctx: click.Context) -> Settings:
    root = ctx.find_root()
    if root.obj is None:
        root.obj = load_settings()
    settings: Settings = root.obj
    return settings


@click.group(cls=ProjectGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsgraph")
@click.option("-v", "--verbose", count=True, help="More log output (-v info, -vv debug).")
@click.pass_context
def cli(ctx: click.Context, verbose: int) -> None:
    """newsgraph: news articles in, who said what, when, out — as a Neo4j graph with provenance."""
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    try:
        ctx.obj = load_settings()
    except NewsgraphError as e:
        raise click.ClickException(str(e)) from e


def _register() -> None:
    # Each command family lives in its own module; importing them here keeps `cli` the one entry point.
    from newsgraph import cli_app, cli_config, cli_extract, cli_ingest, cli_neo4j, cli_query

    for module in (cli_neo4j, cli_config, cli_extract, cli_ingest, cli_app, cli_query):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main() -> None:
    cli(prog_name="newsgraph")
