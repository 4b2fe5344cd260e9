"""`newsgraph extract --in docs.jsonl --out results.jsonl`: the NLP stage alone, no database.

The JSON Lines contract of docs/cli.md ("newsgraph extract"): one output line per input line, same order, same
id; offsets point into each input ``text`` exactly as given; a line that cannot be processed gets ``error``.

With ``--out DIR/`` (an existing folder, a path ending in ``/``, or any ``--out`` when ``--in`` is a folder) the
output is shards of extracted articles for `newsgraph load` instead (newsgraph/shard_extract.py).
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import stat
import sys
from pathlib import Path
from typing import Any, BinaryIO, TextIO

import click
from tqdm import tqdm

from newsgraph.cli import engine_options, engine_settings, shown

DEFAULT_SHARD_SIZE = 1000
EXIT_INTERRUPTED = 130  # as a shell reports a run stopped with Ctrl-C


@click.command("extract")
@click.option(
    "--in",
    "input_name",
    metavar="FILE|DIR",
    required=True,
    help="JSON Lines of documents: {id, text, published?, url?, title?} ('-' for stdin); a folder: its *.jsonl "
    "files, recursively (hidden ones and shards of an earlier --out left out).",
)
@click.option(
    "--out",
    "output_name",
    metavar="FILE|DIR/",
    required=True,
    help="JSON Lines of results, one per input line ('-' for stdout). A folder (it exists, the name ends in '/', "
    "or --in is a folder): shards of extracted articles with embeddings, for `newsgraph load`.",
)
@click.option(
    "--shard-size",
    type=click.IntRange(1, 10_000_000),
    help=f"With a folder --out: input lines per shard (default {DEFAULT_SHARD_SIZE}).",
)
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: when a terminal).")
@engine_options
@click.pass_context
def extract(
    ctx: click.Context,
    input_name: str,
    output_name: str,
    shard_size: int | None,
    progress: bool | None,
    workers: int | None,
    ray_address: str | None,
) -> None:
    """Entities, roles, relations and statements of each document, no database (the NLP stage alone).

    With a folder as --out, each input file is cut into shards of --shard-size lines written with embeddings
    for `newsgraph load`; a run again keeps the shards already finished for the same input and extractor.
    """
    show = sys.stderr.isatty() if progress is None else progress
    to_folder = output_name.endswith(("/", os.sep)) or os.path.isdir(output_name)
    if input_name != "-" and os.path.isdir(input_name):
        to_folder = True
    settings = engine_settings(ctx, workers, ray_address)
    if to_folder:
        _extract_to_folder(ctx, input_name, Path(output_name), shard_size or DEFAULT_SHARD_SIZE, settings, show)
        return
    if shard_size is not None:
        raise click.UsageError("--shard-size goes with a folder as --out (a name ending in '/')")
    input_file = _opened(ctx, "input_name", click.File("rb"), input_name)
    output_file = _opened(ctx, "output_name", click.File("w", encoding="utf-8"), output_name)
    _extract_to_file(input_file, output_file, settings, show)


def _opened(ctx: click.Context, name: str, kind: click.File, value: str) -> Any:
    """The file as click's own File option would open it, with the same messages."""
    param = next(p for p in ctx.command.params if p.name == name)
    return kind.convert(value, param, ctx)


def _extract_to_file(input_file: BinaryIO, output_file: TextIO, settings: Any, show: bool) -> None:
    from nlp.runtime.contract import bounded_lines, contract_lines, json_line  # the NLP stack loads only when this runs
    from nlp.runtime.parallel import make_extractor

    _check_files(input_file, output_file)
    extractor = make_extractor(settings, embed=False)  # embeddings are not part of the output contract
    done = failed = 0
    try:
        records = contract_lines(bounded_lines(input_file, settings.max_bytes), extractor)
        for record in tqdm(records, unit="doc", disable=not show, file=sys.stderr):
            try:
                output_file.write(json_line(record))
                output_file.flush()  # a result on disk survives whatever happens to the documents after it
            except OSError as e:  # a full disk, a device that refuses writes
                with contextlib.suppress(OSError):  # closed now: closing flushes the same lines again, failing again
                    output_file.close()
                raise click.ClickException(
                    f"cannot write the results to {shown(output_file.name)}: {e.strerror or e} ({done} documents "
                    "written before)"
                ) from e
            done += 1
            failed += record["error"] is not None
    except KeyboardInterrupt:
        click.echo(f"interrupted: {done} documents extracted; their results are in {shown(output_file.name)}", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except click.FileError as e:  # the output opens on the first write: a folder that does not exist, no permission
        raise click.ClickException(f"cannot write the results: {e.format_message()}") from e
    except click.ClickException:
        raise
    except Exception as e:  # an unforeseen failure ends the run, never the results already written
        logging.getLogger(__name__).debug("extraction stopped", exc_info=True)
        raise click.ClickException(
            f"extraction stopped after {done} documents ({type(e).__name__}: {e}); "
            f"their results are in {output_file.name}"
        ) from e
    click.echo(f"extracted {done} documents ({failed} with an error) → {shown(output_file.name)}", err=True)


def _extract_to_folder(
    ctx: click.Context, input_name: str, out: Path, shard_size: int, settings: Any, show: bool
) -> None:
    from newsgraph.pipeline import extraction_version
    from newsgraph.shard_extract import Input, extract_to_shards, input_files
    from nlp.runtime.parallel import make_extractor

    if input_name == "-":
        raise click.UsageError("--in - cannot be cut into shards: a re-run could not tell what it holds; give a file")
    given = Path(input_name)
    if not given.exists():
        raise click.BadParameter(f"{shown(input_name)} does not exist", ctx=ctx, param_hint="'--in'")
    if given.is_dir():
        inputs = input_files(given)
        if out.resolve().is_relative_to(given.resolve()):
            raise click.UsageError(
                f"--out {shown(out)} is inside --in {shown(given)}: its shards would be read as input"
            )
        if not inputs:
            raise click.ClickException(f"{shown(given)} holds no *.jsonl file of documents")
    elif given.is_file():
        inputs = [Input(given.name, given)]
    else:
        raise click.UsageError(f"--in {shown(input_name)} is not a file or a folder of JSON Lines")
    if out.exists() and not out.is_dir():
        raise click.UsageError(f"--out {shown(out)} is a file, not a folder for shards")
    extractor = make_extractor(settings, embed=True)  # a later load stores the statements' embeddings
    version = extraction_version(extractor, settings)
    bar = tqdm(unit="doc", disable=not show, file=sys.stderr)

    def planned(total: int) -> None:
        bar.total = total
        bar.refresh()

    try:
        run = extract_to_shards(
            inputs, out, extractor, version, settings, shard_size,
            on_planned=planned,
            on_document=lambda: bar.update(),
        )  # fmt: skip
    except KeyboardInterrupt:
        bar.close()
        click.echo(
            f"interrupted: the finished shards in {shown(out)} stay; run the same command again to finish", err=True
        )
        ctx.exit(EXIT_INTERRUPTED)
    finally:
        bar.close()
    removed = f", {run.removed} out-of-date or half-written removed" if run.removed else ""
    click.echo(
        f"extracted {run.documents} documents ({run.errors} with an error) into {run.written} shards; "
        f"{run.kept} finished shards kept{removed} → {shown(out)}",
        err=True,
    )


def _check_files(input_file: BinaryIO, output_file: TextIO) -> None:
    """Refuse a device as input (it never ends) and an output that is the input (writing would truncate it)."""
    try:
        given = os.fstat(input_file.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        return  # not a real file (a test's in-memory stream): nothing to check
    if stat.S_ISCHR(given.st_mode) or stat.S_ISBLK(given.st_mode):
        raise click.UsageError(f"--in {input_file.name} is a device, not a file of JSON Lines")
    name = getattr(output_file, "name", "-")
    if name != "-" and os.path.exists(name) and os.path.samefile(name, input_file.name):
        raise click.UsageError(f"--out {name} is the input file: writing it would destroy the input")


COMMANDS = [extract]
