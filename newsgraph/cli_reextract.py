"""`newsgraph reextract`: run the NLP stage again on articles already in the graph, from their stored text.

For a newsroom that upgraded the extractor (a new model, gazetteer or aliases file): each selected article is
extracted again and its facts replaced where they changed; its node, text, url and ingestion metadata stay.
"""

from __future__ import annotations

import sys

import click
from tqdm import tqdm
from tqdm.contrib.logging import logging_redirect_tqdm

from core.records import Article, Skipped
from newsgraph.cli import ID_TEXT, engine_options, engine_settings, shown

EXIT_SKIPPED = 2
EXIT_INTERRUPTED = 130


@click.command("reextract")
@click.option("--stale", is_flag=True, help="Articles whose stored extractor version is not the current one.")
@click.option("--all", "everything", is_flag=True, help="Every article in the graph.")
@click.option("--article", "ids", multiple=True, metavar="ID", type=ID_TEXT, help="This article (repeatable).")
@click.option(
    "--batch-size",
    type=click.IntRange(1, 100_000),
    help="Articles per load transaction (default: setting load_batch_size).",
)
@click.option("--strict", is_flag=True, help=f"Exit with code {EXIT_SKIPPED} when any article was skipped.")
@engine_options
@click.pass_context
def reextract_command(
    ctx: click.Context,
    stale: bool,
    everything: bool,
    ids: tuple[str, ...],
    batch_size: int | None,
    strict: bool,
    workers: int | None,
    ray_address: str | None,
) -> None:
    """Extract stored articles again and replace their facts (after a new model, gazetteer or aliases file).

    Choose the articles with exactly one of --stale, --all or --article ID. The run is resumable: stopped
    midway, the batches already loaded stay, and running --stale again finishes the rest with no duplicates.
    An article that cannot be extracted is reported and keeps its old facts; the run goes on.
    """
    if (stale, everything, bool(ids)).count(True) != 1:
        raise click.UsageError("choose the articles with exactly one of --stale, --all or --article ID")
    settings = engine_settings(ctx, workers, ray_address)
    if batch_size is not None:
        settings = settings.replace(load_batch_size=batch_size)
    from newsgraph.pipeline import Selection, run_reextract  # loads spaCy and Neo4j only when the command runs

    counts = {"selected": 0, "done": 0, "skipped": 0}
    with logging_redirect_tqdm(), tqdm(desc="reextract", unit=" articles", disable=None, file=sys.stderr) as bar:

        def on_selected(total: int) -> None:
            counts["selected"] = total
            bar.reset(total=total)

        def on_progress(item: Article | Skipped) -> None:
            counts["skipped" if isinstance(item, Skipped) else "done"] += 1
            bar.update(1)
            bar.set_postfix(done=counts["done"], skipped=counts["skipped"], refresh=False)

        try:
            summary = run_reextract(Selection(stale, everything, ids), settings, on_progress, on_selected=on_selected)
        except KeyboardInterrupt:
            bar.close()
            click.echo(
                f"interrupted: {counts['done']} articles re-extracted, {counts['skipped']} skipped; "
                "what was loaded stays; run the same command again to finish",
                err=True,
            )
            ctx.exit(EXIT_INTERRUPTED)
    click.echo(f"reextract: {counts['selected']} articles selected")
    click.echo(shown(summary.text(), multiline=True))  # its skip reasons name articles and quote errors
    if strict and summary.skipped:
        ctx.exit(EXIT_SKIPPED)


COMMANDS = [reextract_command]
