"""The `newsgraph` command line. Only this layer prints; errors become one line and a non-zero exit."""

from __future__ import annotations

import importlib
import logging
import os
import re
import select
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

from core import __version__
from core.errors import NewsgraphError, reason_line
from core.settings import Settings, load_settings, mask_uri

if TYPE_CHECKING:
    from neo4j import Driver

log = logging.getLogger(__name__)

# Each command family lives in its own module, imported only when one of its commands runs, so
# `newsgraph --help` stays fast and no command module has to be imported before this one.
COMMAND_MODULES = {
    "neo4j": "newsgraph.cli_neo4j",
    "config": "newsgraph.cli_config",
    "ingest": "newsgraph.cli_ingest",
    "extract": "newsgraph.cli_extract",
    "bulk-import": "newsgraph.cli_bulk",
    "load": "newsgraph.cli_load",
    "reextract": "newsgraph.cli_reextract",
    "query": "newsgraph.cli_query",
    "cypher": "newsgraph.cli_query",
    "export": "newsgraph.cli_export",
    "schema": "newsgraph.cli_schema",
    "app": "newsgraph.cli_app",
    "merges": "newsgraph.cli_merges",
    "corrections": "newsgraph.cli_corrections",
    "quote-trail": "newsgraph.cli_quote_trail",
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
        except click.ClickException as e:  # its message may quote a file name, a URL or a title
            e.message = shown(e.message)  # type: ignore[misc]  # click marks it Final; it is only read when shown
            raise
        except (click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError as e:
            if not _reader_gone():
                log.debug("the command failed", exc_info=True)
                raise click.ClickException(shown(_one_line(e))) from e
            raise click.exceptions.Exit(READER_GONE) from e
        except NewsgraphError as e:
            raise click.ClickException(shown(mask_uri(str(e)))) from e
        except Exception as e:  # no traceback reaches the user: one line, the traceback kept for -vv
            log.debug("the command failed", exc_info=True)
            raise click.ClickException(shown(_one_line(e))) from e


# What a shell reports for a program stopped by SIGPIPE: `newsgraph corrections list | head -1` ends as `ls | head -1`
# does, quietly, rather than with an error about the output nobody reads any more.
READER_GONE = 128 + 13


def _reader_gone() -> bool:
    """Whether standard output is a pipe its reader closed (polled: a broken pipe can also be a socket's); if so, it
    is pointed at /dev/null, so the flush at exit does not print Python's own complaint."""
    try:
        poller = select.poll()
        poller.register(sys.stdout.fileno(), select.POLLOUT)
        gone = any(events & select.POLLERR for _fd, events in poller.poll(0))
        if gone:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
        return gone
    except (OSError, ValueError, AttributeError):  # no file descriptor (a test's captured output), no poll
        return False


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
    return mask_uri(reason_line(str(error)))


# What must not reach a terminal raw: C0 controls (ESC starts the sequences that move the cursor, clear the
# screen, retitle the window or write links), DEL, C1 controls (U+009B is a one-character ESC [), and the bidi
# overrides and isolates that make text read in another order than it is.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_KEEPING_LINES = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def shown(text: object, *, multiline: bool = False) -> str:
    """``text`` safe to print on a terminal: control characters and bidi overrides as visible escapes.

    Every name or value that came from input or the graph (a path, a URL, a title, a query result, a message
    quoting one) goes through this before it is printed: ``\\x1b[2J`` is shown, not obeyed. A one-line field
    shows a newline as ``\\n``; ``multiline`` keeps newlines for text made of several lines.
    """
    pattern = _UNSAFE_KEEPING_LINES if multiline else _UNSAFE
    return pattern.sub(_escape, str(text))


def json_shown(json_text: str) -> str:
    """JSON text safe to print on a terminal and still the same JSON: unsafe characters as ``\\uXXXX`` escapes.

    ``json.dumps`` escapes C0 controls itself but leaves DEL, C1 controls and bidi overrides raw; outside
    strings JSON holds only printable ASCII and layout whitespace, so every such character is inside a string.
    """
    return _UNSAFE_KEEPING_LINES.sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


class _ShownFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return shown(super().format(record), multiline=True)  # a traceback keeps its lines


@contextmanager
def graph_driver(settings: Settings) -> Iterator[tuple[Driver, str]]:
    """A connected Neo4j driver and database for one command, closed after it."""
    from graph.connection import open_driver  # imported here: the driver loads slowly for --help

    driver, database = open_driver(settings)
    try:
        yield driver, database
    finally:
        driver.close()


class IdText(click.ParamType):
    """An id given on the command line: text that is not empty and is Unicode (the shell passes any bytes)."""

    name = "id"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value)
        if not text.strip():
            self.fail("is empty; give an id", param, ctx)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            self.fail(f"{shown(text)} is not UTF-8 text", param, ctx)
        return text


ID_TEXT = IdText()


class NamedPath(click.Path):
    """A file or folder named on the command line: an empty name is refused, where click would read it as the
    working folder (an unset "$OUT" made `export --format csv --out ""` write over the CSV files there)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value.strip():
            self.fail("is empty; give a file or folder name", param, ctx)
        return super().convert(value, param, ctx)


def settings_of(ctx: click.Context) -> Settings:
    root = ctx.find_root()
    if root.obj is None:
        root.obj = load_settings()
    settings: Settings = root.obj
    return settings


def engine_options(command: Any) -> Any:
    """``--workers`` and ``--ray-address``, for the commands that run the NLP stage."""
    command = click.option(
        "--ray-address",
        metavar="ADDRESS",
        help="Extract on this Ray cluster: ray://HOST:10001, HOST:6379, or auto inside one (setting ray_address).",
    )(command)
    return click.option(
        "--workers",
        type=click.IntRange(0, 100_000),
        help="Extraction workers, one core each: 0 = every core Ray sees, 1 = in this process without Ray "
        "(setting workers; default 0).",
    )(command)


def engine_settings(ctx: click.Context, workers: int | None, ray_address: str | None) -> Settings:
    """The command's settings with its --workers and --ray-address applied."""
    settings = settings_of(ctx)
    if workers is not None:
        settings = settings.replace(workers=workers)
    if ray_address is not None:
        settings = settings.replace(ray_address=ray_address.strip())
    return settings


@click.group(cls=ProjectGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsgraph")
@click.option("-v", "--verbose", count=True, help="More log output (-v info, -vv debug).")
@click.pass_context
def cli(ctx: click.Context, verbose: int) -> None:
    """newsgraph: news articles in, who said what, when, out — as a Neo4j graph with provenance."""
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    handler = logging.StreamHandler()  # log lines quote URLs and file names: shown escaped like all output
    handler.setFormatter(_ShownFormatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler])
    # The server's query notices (a label or property not in the graph yet, as in an empty graph) arrive as
    # multi-line warnings about the project's own queries; they are kept for -vv.
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR if verbose < 2 else logging.DEBUG)
    try:
        ctx.obj = load_settings()
    except NewsgraphError as e:
        raise click.ClickException(shown(str(e))) from e


def main() -> None:
    cli(prog_name="newsgraph")
