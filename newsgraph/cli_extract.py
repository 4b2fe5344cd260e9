"""`newsgraph extract --in docs.jsonl --out results.jsonl`: the NLP stage alone, no database.

The JSON Lines contract of docs/cli.md ("newsgraph extract"): one output line per input line, same order, same
id; offsets point into each input ``text`` exactly as given; a line that cannot be processed gets ``error``.
"""

from __future__ import annotations

import io
import logging
import os
import stat
import sys
from typing import BinaryIO, TextIO

import click
from tqdm import tqdm

from newsgraph.cli import settings_of, shown


@click.command("extract")
@click.option(
    "--in",
    "input_file",
    type=click.File("rb"),
    required=True,
    help="JSON Lines of documents: {id, text, published?, url?, title?} ('-' for stdin).",
)
@click.option(
    "--out",
    "output_file",
    type=click.File("w", encoding="utf-8"),
    required=True,
    help="JSON Lines of results, one per input line ('-' for stdout).",
)
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: when a terminal).")
@click.pass_context
def extract(ctx: click.Context, input_file: BinaryIO, output_file: TextIO, progress: bool | None) -> None:
    """Entities, roles, relations and statements of each document, no database (the NLP stage alone)."""
    from nlp.runtime.contract import bounded_lines, contract_lines, json_line  # the NLP stack loads only when this runs
    from nlp.runtime.extract import Extractor

    _check_files(input_file, output_file)
    settings = settings_of(ctx)
    extractor = Extractor(settings, embed=False)  # embeddings are not part of the output contract
    done = failed = 0
    show = sys.stderr.isatty() if progress is None else progress
    try:
        records = contract_lines(bounded_lines(input_file, settings.max_bytes), extractor)
        for record in tqdm(records, unit="doc", disable=not show, file=sys.stderr):
            output_file.write(json_line(record))
            output_file.flush()  # a result on disk survives whatever happens to the documents after it
            done += 1
            failed += record["error"] is not None
    except Exception as e:  # an unforeseen failure ends the run, never the results already written
        logging.getLogger(__name__).debug("extraction stopped", exc_info=True)
        raise click.ClickException(
            f"extraction stopped after {done} documents ({type(e).__name__}: {e}); "
            f"their results are in {output_file.name}"
        ) from e
    click.echo(f"extracted {done} documents ({failed} with an error) → {shown(output_file.name)}", err=True)


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
