"""`newsgraph ingest SOURCE…`: files, folders, URLs, feeds and sitemaps → articles → (NLP and graph).

With ``--no-graph`` the Article records are written as JSON Lines; otherwise the article stream goes to
``newsgraph.pipeline.run_pipeline``. Either way: one progress bar, one summary, one JSON report.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import click
from tqdm import tqdm
from tqdm.contrib.logging import logging_redirect_tqdm

from core.errors import GraphUnavailableError, kept_after_loss
from core.records import Article, Skipped
from core.settings import Settings
from ingest import IngestSummary, MemorySeenIndex, read_sources, save_run_report, write_report
from ingest.article import article_to_dict
from newsgraph.cli import NamedPath, engine_options, engine_settings, shown

EXIT_SKIPPED = 2
EXIT_INTERRUPTED = 130
MAX_SOURCE_LINE_BYTES = 65_536  # a URL or a path; longer is no source
_NOISY_LIBRARIES = ("trafilatura", "htmldate", "charset_normalizer", "courlan", "neo4j.pool")


@click.command("ingest")
@click.argument("sources", nargs=-1)
@click.option("--no-graph", is_flag=True, help="Only read the articles and write them as JSON Lines; no NLP, no graph.")
@click.option(
    "--out",
    type=NamedPath(dir_okay=False, path_type=Path),
    help="With --no-graph: JSON Lines file to write (default: standard output).",
)
@click.option(
    "--append", is_flag=True, help="With --out: add to the file and skip the articles it already holds (resume a run)."
)
@click.option(
    "--report",
    type=NamedPath(dir_okay=False, path_type=Path),
    help="Also write the machine-readable run report (JSON) to this file.",
)
@click.option(
    "--allow-private-urls",
    is_flag=True,
    help="Fetch URLs on private or loopback addresses (setting allow_private_urls).",
)
@click.option(
    "--sources-from",
    type=click.File("rb"),
    help="Read more sources, one per line (# comments allowed), from this file; '-' is standard input.",
)
@click.option("--strict", is_flag=True, help=f"Exit with code {EXIT_SKIPPED} when any item was skipped (not repeats).")
@click.option(
    "--force",
    is_flag=True,
    help="Extract and load again the articles the graph already holds (their facts are replaced), not skip them.",
)
@engine_options
@click.pass_context
def ingest_command(
    ctx: click.Context,
    sources: tuple[str, ...],
    no_graph: bool,
    out: Path | None,
    append: bool,
    report: Path | None,
    allow_private_urls: bool,
    sources_from: IO[bytes] | None,
    strict: bool,
    force: bool,
    workers: int | None,
    ray_address: str | None,
) -> None:
    """Read articles from files, folders (recursive), URLs, RSS/Atom feeds and XML sitemaps.

    SOURCE is a path (HTML, .txt/.md, .jsonl, .warc, feed or sitemap .xml) or an http(s) URL (a page,
    a feed or a sitemap). Already-ingested, duplicate and bad items are skipped with a reason and
    counted in the summary; the run never stops on one bad item.
    """
    all_sources = [*sources, *_listed_sources(sources_from)]
    if not all_sources:
        raise click.UsageError("give at least one SOURCE (a file, folder or URL) or --sources-from")
    if (out or append) and not no_graph:
        raise click.UsageError("--out and --append go with --no-graph (without it, articles go into the graph)")
    if append and out is None:
        raise click.UsageError("--append needs --out FILE")
    if force and no_graph:
        raise click.UsageError("--force goes without --no-graph (it re-extracts articles into the graph)")
    if report is not None:
        _check_writable(report)
    settings = engine_settings(ctx, workers, ray_address)
    if allow_private_urls:
        settings = settings.replace(allow_private_urls=True)
    _quiet_libraries()
    summary = IngestSummary(sources=tuple(all_sources))
    graph_line = ""
    try:
        if no_graph:
            _write_articles(all_sources, settings, summary, out, append)
        else:
            graph_line = _run_pipeline(all_sources, settings, summary, force=force)
    except KeyboardInterrupt:
        _finish(summary, settings, report, to_stderr=True, interrupted=True)
        ctx.exit(EXIT_INTERRUPTED)
    except GraphUnavailableError as e:
        if not summary.read:  # Neo4j was not there to begin with: nothing to sum up
            raise
        summary.error = (
            f"{e}; {kept_after_loss(summary.loaded)}: run the same command again to load the rest (what is stored is "
            "skipped as already ingested)"
        )
        _finish(summary, settings, report, to_stderr=no_graph and out is None)
        raise click.ClickException(summary.error) from e
    _finish(summary, settings, report, to_stderr=no_graph and out is None, graph_line=graph_line)
    if strict and summary.skipped_total:
        ctx.exit(EXIT_SKIPPED)


def _check_writable(path: Path) -> None:
    """Fail before a long run, not after it, when the report cannot be written."""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if path.is_dir() or not folder.is_dir() or not os.access(folder, os.W_OK):
        raise click.ClickException(f"cannot write the report {path}: not a writable file location")
    if path.exists() and not path.is_file():  # renamed over, a FIFO or a device would be replaced by the report
        raise click.ClickException(f"cannot write the report {path}: not a regular file")


def _listed_sources(handle: IO[bytes] | None) -> list[str]:
    """The sources of a list, one a line (# comments); read a line at a time with a bound, so a list that never
    ends a line (/dev/zero) is refused rather than held whole."""
    if handle is None:
        return []
    sources: list[str] = []
    number = 0
    while raw := handle.readline(MAX_SOURCE_LINE_BYTES + 1):
        number += 1
        if len(raw) > MAX_SOURCE_LINE_BYTES and not raw.endswith(b"\n"):
            raise click.ClickException(
                f"line {number} of the sources list is longer than {MAX_SOURCE_LINE_BYTES:,} bytes: give one source "
                "a line"
            )
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8").strip()
        except UnicodeDecodeError as e:
            raise click.ClickException(f"line {number} of the sources list is not UTF-8 text") from e
        if line and not line.startswith("#"):
            sources.append(line)
    return sources


def _quiet_libraries() -> None:
    # trafilatura logs a warning for every page without an article; the summary already counts those.
    if logging.getLogger().getEffectiveLevel() >= logging.WARNING:
        for name in _NOISY_LIBRARIES:
            logging.getLogger(name).setLevel(logging.ERROR)


@contextmanager
def _progress() -> Iterator[tqdm]:
    with logging_redirect_tqdm(), tqdm(desc="ingest", unit=" items", disable=None, file=sys.stderr) as bar:
        yield bar


def _show(bar: tqdm, summary: IngestSummary) -> None:
    bar.update(1)
    bar.set_postfix(loaded=summary.loaded, skipped=summary.skipped_total, refresh=False)


def drop_partial_last_line(path: Path) -> bool:
    """Cut a last line without its newline: a run killed mid-write left it, and its article is read again."""
    with path.open("rb+") as handle:
        size = handle.seek(0, os.SEEK_END)
        if size == 0:
            return False
        handle.seek(size - 1)
        if handle.read(1) == b"\n":
            return False
        handle.seek(max(0, size - 1_048_576))
        tail = handle.read()
        cut = tail.rfind(b"\n")
        keep = size - len(tail) + cut + 1 if cut >= 0 else (0 if size <= 1_048_576 else size)
        if keep == size:
            return False  # a last line over 1 MB without a newline: leave it to the reader to report
        handle.truncate(keep)
        return True


def _write_articles(
    sources: list[str], settings: Settings, summary: IngestSummary, out: Path | None, append: bool
) -> None:
    with _output(out, append) as handle, _progress() as bar:
        seen = _earlier_articles(out) if append and out is not None else None
        for item in read_sources(sources, settings, seen):
            summary.record_read(item)
            if isinstance(item, Article):
                try:
                    handle.write(json.dumps(article_to_dict(item), ensure_ascii=False) + "\n")
                except OSError as e:  # a full disk or a device that refuses writes
                    raise click.ClickException(f"cannot write {out or 'standard output'}: {e.strerror or e}") from e
                summary.record_outcome(item)
            _show(bar, summary)


def _earlier_articles(out: Path) -> MemorySeenIndex:
    """What an earlier run wrote to ``out`` (read while this run holds the file's lock)."""
    if drop_partial_last_line(out):
        click.echo(
            f"warning: {shown(out)} ended in an incomplete record (an interrupted run); it was removed", err=True
        )
    seen = MemorySeenIndex.from_jsonl(out)
    for number in seen.damaged_lines:
        click.echo(f"warning: line {number} of {shown(out)} is not an article record; it is left as it is", err=True)
    return seen


@contextmanager
def _output(out: Path | None, append: bool) -> Iterator[IO[str]]:
    """Standard output, or ``out`` locked against a second run writing it at the same time (lines would mix)."""
    if out is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        handle = out.open("a", encoding="utf-8")  # truncated only once the lock is ours
    except OSError as e:
        raise click.ClickException(f"cannot write {out}: {e.strerror or e}") from e
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as e:
            raise click.ClickException(
                f"{out} is being written by another run; wait for it or choose another --out"
            ) from e
        if not append and stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # a device cannot be cut
            handle.truncate(0)
        yield handle
    finally:
        try:
            handle.close()
        except OSError as e:  # closing writes the last lines: a full disk shows here
            raise click.ClickException(f"cannot write {out}: {e.strerror or e}") from e


def _run_pipeline(sources: list[str], settings: Settings, summary: IngestSummary, *, force: bool = False) -> str:
    """Run the pipeline; returns its one-line graph outcome (new, replaced, unchanged articles)."""
    from newsgraph import pipeline  # imported here: it loads spaCy and Neo4j, which --no-graph never needs

    # Without the graph's "already seen" answers every article goes on; the loader replaces changed facts.
    seen = None if force else pipeline.seen_index(settings)
    unfinished: dict[str, Article] = {}  # handed to the pipeline, not yet reported back
    with _progress() as bar:

        def articles() -> Iterator[Article]:
            for item in read_sources(sources, settings, seen):
                summary.record_read(item)
                if isinstance(item, Article):
                    unfinished[item.id] = item
                    yield item
                else:
                    _show(bar, summary)

        def on_progress(item: Article | Skipped) -> None:
            _settle(unfinished, item)
            summary.record_outcome(item)
            _show(bar, summary)

        try:
            outcome = pipeline.run_pipeline(articles(), settings, on_progress)
        except GraphUnavailableError:
            # Read, but the graph went away before they were reported stored. The batch being written may still have
            # been stored (the server can die between its commit and its answer): the next run finds it if so.
            reason = (
                "not loaded: Neo4j became unavailable while it was being stored "
                "(the next run stores it, or skips it if it was)"
            )
            for article in unfinished.values():
                summary.record_outcome(Skipped(_name(article), reason))
            raise
        finally:
            if seen is not None:
                seen.close()
    return outcome.text().splitlines()[0]


def _settle(unfinished: dict[str, Article], item: Article | Skipped) -> None:
    """Forget the article the pipeline reported (a Skipped names it by id, origin or URL)."""
    if isinstance(item, Article):
        unfinished.pop(item.id, None)
        return
    match = next((key for key, a in unfinished.items() if item.item in (a.id, a.origin, a.url)), None)
    if match is not None:
        del unfinished[match]


def _name(article: Article) -> str:
    return article.origin or article.url or article.id


def _finish(
    summary: IngestSummary,
    settings: Settings,
    report: Path | None,
    *,
    to_stderr: bool,
    interrupted: bool = False,
    graph_line: str = "",
) -> None:
    summary.finish()
    summary.interrupted = interrupted
    prefix = "interrupted: " if interrupted else ""
    click.echo(prefix + summary.text(shown), err=to_stderr)
    if graph_line:
        click.echo(shown(graph_line), err=to_stderr)
    try:
        saved: Path | None = save_run_report(summary, settings.data_dir)
    except OSError as e:  # the run is done; a read-only data folder must not turn it into a failure
        click.echo(f"warning: cannot keep the report in {shown(settings.data_dir)}: {e.strerror or e}", err=True)
        saved = None
    if report is not None:
        try:
            write_report(summary, report)
        except OSError as e:
            raise click.ClickException(f"cannot write the report {report}: {e.strerror or e}") from e
    if report or saved:
        click.echo(f"report: {shown(report or saved)}", err=to_stderr)


COMMANDS = [ingest_command]
