"""`newsgraph config`: the effective settings and where each value came from."""

from __future__ import annotations

import os

import click

from core.settings import SETTINGS, display_value, settings_table_markdown
from newsgraph.cli import settings_of, shown


@click.command("config")
@click.option("--markdown", is_flag=True, help="Print the settings reference (docs/settings.md table) instead.")
@click.pass_context
def config(ctx: click.Context, markdown: bool) -> None:
    """Show every setting, its value and its environment variable (passwords masked)."""
    if markdown:
        click.echo(settings_table_markdown(), nl=False)
        return
    settings = settings_of(ctx)
    for setting in SETTINGS:
        value = display_value(settings, setting.name)
        origin = "env" if setting.env in os.environ else "default/config"
        click.echo(f"{setting.name:22} {shown(str(value)):50} {setting.env} ({origin})")


COMMANDS = [config]
