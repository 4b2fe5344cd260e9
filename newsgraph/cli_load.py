"""`newsgraph load DIR`: shards written by `newsgraph extract --out DIR/` into Neo4j, no extraction.

The loading half of `newsgraph ingest`: the same loader, batches, summary and skip reasons (newsgraph.pipeline
``run_load``). Shards extracted by another extraction version than the current one are refused unless
``--allow-stale`` (newsgraph/shard_input.py), because their facts would be stored as if current.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from tqdm import tqdm
from tqdm.contrib.logging import logging_redirect_tqdm

from core.errors import kept_after_loss
from core.records import Article, Skipped
from core.shards import shard_paths
from newsgraph.cli import NamedPath, settings_of, shown
from newsgraph.shard_input import no_shards, refuse_stale, shard_headers, shard_items

EXIT_SKIPPED = 2
EXIT_INTERRUPTED = 130


@click.command("load")
@click.argument("directory", type=NamedPath(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--writers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Batches written at once, each in its own session (docs/cli.md says what more writers gave here).",
)
@click.option(
    "--batch-size",
    type=click.IntRange(1, 100_000),
    help="Articles per load transaction (default: setting load_batch_size).",
)
@click.option(
    "--allow-stale",
    is_flag=True,
    help="Load shards extracted by another extraction version than the current one (their facts are stale).",
)
@click.option("--strict", is_flag=True, help=f"Exit with code {EXIT_SKIPPED} when any line was skipped.")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: when a terminal).")
@click.pass_context
def load_command(
    ctx: click.Context,
    directory: Path,
    writers: int,
    batch_size: int | None,
    allow_stale: bool,
    strict: bool,
    progress: bool | None,
) -> None:
    """Load the shards of extracted articles in DIRECTORY (from `newsgraph extract --out DIR/`) into the graph.

    Shards are read in a stable order (by input file, then line range). A re-run is harmless: articles already
    loaded as they are count as unchanged. An input line that was no document, an article whose extraction
    failed and a damaged shard line are reported as skipped with their file and line; the rest loads.
    """
    settings = settings_of(ctx)
    if batch_size is not None:
        settings = settings.replace(load_batch_size=batch_size)
    paths = shard_paths(directory)
    if not paths:
        raise click.ClickException(no_shards(directory))
    headers = shard_headers(paths)
    from newsgraph.pipeline import GraphLostError, current_extraction_version, run_load  # loads spaCy and Neo4j

    if not allow_stale:
        refuse_stale(headers, current_extraction_version(settings))
    counts = {"done": 0, "skipped": 0}
    show = sys.stderr.isatty() if progress is None else progress
    total = sum(h.lines for h in headers.values())
    with logging_redirect_tqdm(), tqdm(total=total, unit=" lines", disable=not show, file=sys.stderr) as bar:

        def on_progress(item: Article | Skipped) -> None:
            counts["skipped" if isinstance(item, Skipped) else "done"] += 1
            bar.update(1)

        try:
            summary = run_load(shard_items(paths), settings, on_progress, writers=writers)
        except GraphLostError as e:
            raise click.ClickException(
                f"{e}; {kept_after_loss(counts['done'])}: run the same load again to finish (what is stored counts as "
                "unchanged)"
            ) from e
        except KeyboardInterrupt:
            bar.close()
            click.echo(
                f"interrupted: {counts['done']} articles loaded, {counts['skipped']} skipped; what was loaded "
                "stays; run the same load again to finish",
                err=True,
            )
            ctx.exit(EXIT_INTERRUPTED)
    click.echo(f"load: {len(paths)} shards, {total} input lines from {shown(directory)}")
    click.echo(shown(summary.text(), multiline=True))  # its skip reasons name articles and quote errors
    if strict and summary.skipped:
        ctx.exit(EXIT_SKIPPED)


COMMANDS = [load_command]
