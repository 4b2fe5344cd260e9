"""The `newsgraph` command line. Only this layer prints; errors become one line and a non-zero exit."""

from __future__ import annotations

import importlib
import logging
from typing import Any

import click

from newsgraph import __version__
from newsgraph.errors import NewsgraphError
from newsgraph.settings import Settings, load_settings, mask_uri

log = logging.getLogger(__name__)

# Each command family lives in its own module, imported only when one of its commands runs, so
# `newsgraph --help` stays fast and no command module has to be imported before this one.
COMMAND_MODULES = {
    "neo4j": "newsgraph.cli_neo4j",
    "config": "newsgraph.cli_config",
    "ingest": "newsgraph.cli_ingest",
    "extract": "newsgraph.cli_extract",
    "reextract": "newsgraph.cli_reextract",
    "query": "newsgraph.cli_query",
    "cypher": "newsgraph.cli_query",
    "export": "newsgraph.cli_query",
    "schema": "newsgraph.cli_query",
    "app": "newsgraph.cli_app",
}


class ProjectGroup(click.Group):
    """Loads command modules lazily and turns the project's own errors into one clear line and exit code 1."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(COMMAND_MODULES))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            module = importlib.import_module(COMMAND_MODULES[cmd_name])
            for command in module.COMMANDS:
                self.add_command(command)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except NewsgraphError as e:
            raise click.ClickException(mask_uri(str(e))) from e
        except Exception as e:  # no traceback reaches the user: one line, the traceback kept for -vv
            log.debug("the command failed", exc_info=True)
            raise click.ClickException(_one_line(e)) from e


def _one_line(error: Exception) -> str:
    from neo4j.exceptions import DriverError, Neo4jError  # imported here: the driver loads slowly for --help

    if isinstance(error, (DriverError, Neo4jError)):  # the server went away or refused mid-command
        return (
            f"Neo4j failed during the command ({type(error).__name__}: {_first_line(error)}); what was done "
            "before is kept: check the server (`newsgraph neo4j status`) and run the command again"
        )
    if isinstance(error, OSError):
        where = f" ({error.filename})" if error.filename else ""
        return f"{error.strerror or _first_line(error) or type(error).__name__}{where}"
    return f"internal error: {type(error).__name__}: {_first_line(error)} (run with -vv to see where)"


def _first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return mask_uri(lines[0][:300]) if lines else ""


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
    # The server's query notices (a label or property not in the graph yet, as in an empty graph) arrive as
    # multi-line warnings about the project's own queries; they are kept for -vv.
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR if verbose < 2 else logging.DEBUG)
    try:
        ctx.obj = load_settings()
    except NewsgraphError as e:
        raise click.ClickException(str(e)) from e


def main() -> None:
    cli(prog_name="newsgraph")
