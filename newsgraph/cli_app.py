"""`newsgraph app`: start the Streamlit explorer on 127.0.0.1 (and the local Neo4j it reads from)."""

from __future__ import annotations

import os
import sys

import click

from core.settings import PROJECT_ROOT
from graph.local_server import LocalNeo4j
from newsgraph.cli import settings_of

APP = PROJECT_ROOT / "app.py"


def streamlit_command(port: int, open_browser: bool) -> list[str]:
    """The `streamlit run` command line: loopback only, no usage statistics, no file watcher."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP),
        "--server.address=127.0.0.1",
        f"--server.port={port}",
        f"--server.headless={'false' if open_browser else 'true'}",
        "--browser.gatherUsageStats=false",
        "--server.fileWatcherType=none",
        "--client.showSidebarNavigation=true",
        "--global.developmentMode=false",
    ]


@click.command("app")
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=None,
    help="Port of the explorer (default: setting app_port, 8501).",
)
@click.option("--no-browser", is_flag=True, help="Do not open a browser tab.")
@click.pass_context
def app_command(ctx: click.Context, port: int | None, no_browser: bool) -> None:
    """Start the Streamlit explorer on http://127.0.0.1:PORT (Ctrl+C stops it).

    Without NEO4J_URI the managed local Neo4j is started first, so the explorer has a graph to read.
    """
    settings = settings_of(ctx)
    if settings.uses_local_neo4j:
        info = LocalNeo4j(settings).start()
        click.echo(f"Neo4j: {info.uri}", err=True)
    chosen = port or settings.app_port
    click.echo(f"newsgraph explorer: http://127.0.0.1:{chosen}", err=True)
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")]))
    os.chdir(PROJECT_ROOT)
    sys.stderr.flush()
    command = streamlit_command(chosen, not no_browser)
    # Become the Streamlit server rather than wait for a child: a signal that stops `newsgraph app` (Ctrl+C, a
    # service manager's SIGTERM) then reaches the server itself and leaves no orphan behind.
    try:
        os.execv(command[0], command)
    except OSError as e:
        raise click.ClickException(f"cannot start Streamlit ({command[0]}): {e.strerror}") from e


COMMANDS = [app_command]
