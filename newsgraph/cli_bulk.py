"""`newsgraph bulk-import DIR`: a first load of many extracted articles through neo4j-admin's importer.

Reads the shards `newsgraph extract --out DIR/` wrote (core.shards), writes the importer's CSV files
(graph/bulk_import.py) and, for the managed local server, replaces its empty database with them; for a remote
server (NEO4J_URI) or with --print-command it prints the command the server's admin runs, and `--finish` does
what comes after it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import click

from core.records import Skipped
from core.shards import shard_paths
from newsgraph.cli import NamedPath, graph_driver, settings_of, shown
from newsgraph.shard_input import no_shards, refuse_stale, shard_headers, shard_items


@click.command("bulk-import")
@click.argument("directory", required=False, type=NamedPath(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--csv",
    "csv_folder",
    type=NamedPath(file_okay=False, path_type=Path),
    help="New or empty folder for the import files (default: bulk-import in the data folder, removed after a "
    "local import).",
)
@click.option(
    "--print-command",
    is_flag=True,
    help="Write the import files and print the neo4j-admin command instead of importing (what a remote NEO4J_URI "
    "does too).",
)
@click.option(
    "--processes",
    type=click.IntRange(1, 256),
    default=1,
    show_default=True,
    help="Processes turning articles into rows while this one writes them (each takes a core).",
)
@click.option(
    "--allow-stale",
    is_flag=True,
    help="Import shards extracted by another extraction version than the current one (their facts are stale).",
)
@click.option(
    "--finish",
    is_flag=True,
    help="After an admin ran the printed command: give back the empty lists, create the schema and the quote clusters "
    "(no DIRECTORY).",
)
@click.pass_context
def bulk_import_command(
    ctx: click.Context,
    directory: Path | None,
    csv_folder: Path | None,
    print_command: bool,
    processes: int,
    allow_stale: bool,
    finish: bool,
) -> None:
    """First load of the shards in DIRECTORY (from `newsgraph extract --out DIR/`) through neo4j-admin's importer.

    For a graph holding nothing: the database is replaced, so a graph with any node is refused (add articles to
    it with `newsgraph load`). Shards of another extraction version than the current one are refused unless
    --allow-stale. The managed local server is stopped for the import and started again after it,
    whatever happens; then the schema is created and the statements put in their quote clusters. Articles whose
    extraction failed, lines that were no document and damaged shard lines are left out and reported, as by
    `newsgraph load`; an article given twice keeps its first version.
    """
    from graph import bulk_import

    settings = settings_of(ctx)
    if finish:
        if directory is not None:
            raise click.UsageError("--finish takes no DIRECTORY: it finishes the import already in the database")
        with graph_driver(settings) as (driver, database):
            bulk_import.finish_import(driver, database)
        click.echo("finished the import: empty lists given back, schema created, quote clusters built")
        return
    if directory is None:
        raise click.UsageError("give the DIRECTORY of shards (from `newsgraph extract --out DIR/`)")
    paths = shard_paths(directory)
    if not paths:
        raise click.ClickException(no_shards(directory))
    if not allow_stale:
        from newsgraph.pipeline import current_extraction_version

        refuse_stale(shard_headers(paths), current_extraction_version(settings))
    local = not (print_command or settings.neo4j_uri)
    if local:  # refused before writing the files, not after
        with graph_driver(settings) as (driver, database):
            bulk_import.refuse_unless_empty(driver, database)
    folder = csv_folder or settings.data_dir / "bulk-import"
    if csv_folder is None:
        shutil.rmtree(folder, ignore_errors=True)  # files a failed run left in the default folder
    writer = bulk_import.BulkWriter(folder)
    writer.add_all(shard_items(paths), processes)
    layout = writer.finish()
    summary = layout.summary
    if not summary.loaded:
        _report_skipped(summary.skipped)
        raise click.ClickException(f"no article to import in {shown(directory)}: all {len(summary.skipped)} skipped")
    if not local:
        command = bulk_import.import_command(layout, settings.neo4j_database)
        click.echo(f"# The import files are in {shown(folder)}; copy that folder to the server.")
        click.echo(shown(command, multiline=True), nl=False)
    else:
        bulk_import.import_local(settings, layout)
        if csv_folder is None:
            bulk_import.remove_import_files(layout)
    click.echo(
        f"bulk import: {summary.loaded} articles, {layout.nodes} nodes, {layout.relationships} relationships"
        f"{'' if local else ' written'}; skipped ({len(summary.skipped)})"
    )
    _report_skipped(summary.skipped)
    for reason, count in sorted(summary.dropped_facts.items()):  # as `newsgraph load` lists them
        click.echo(f"  facts dropped ({count}): {shown(reason)}", err=True)


def _report_skipped(skipped: list[Skipped]) -> None:
    for item in skipped:
        click.echo(f"  skipped {shown(item.item)}: {shown(item.reason)}", err=True)


COMMANDS = [bulk_import_command]
