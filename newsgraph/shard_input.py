"""Shards as input of the commands that store them (`newsgraph load`, `newsgraph bulk-import`).

Both read the shards `newsgraph extract --out DIR/` wrote in the same stable order, report the same lines as
skipped with the same reasons, and refuse shards of another extraction version than the current one unless told
to store them anyway: their facts would be stored as if current.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click

from core.records import Article, Extraction, Skipped
from core.shards import ShardError, ShardFormatError, ShardHeader, ShardPair, read_header, read_shard


def no_shards(directory: Path) -> str:
    """Why ``directory`` gives nothing to store: empty, or other files than shards."""
    others = [p for p in directory.rglob("*") if p.is_file() and not p.name.startswith(".")]
    if not others:
        return f"{directory} is empty: no shards to load (write them with `newsgraph extract --in FILE --out DIR/`)"
    return (
        f"{directory} holds no shards (files named NAME.shard-NNNNNN.jsonl) but {len(others)} other files, "
        f"e.g. {others[0].relative_to(directory)}: give the folder `newsgraph extract --out DIR/` wrote"
    )


def shard_headers(paths: list[Path]) -> dict[Path, ShardHeader]:
    """The readable headers; a shard without one is reported when it is read."""
    headers = {}
    for path in paths:
        try:
            headers[path] = read_header(path)
        except (ShardFormatError, OSError):
            continue
    return headers


def refuse_stale(headers: dict[Path, ShardHeader], current: str) -> None:
    """A one-line refusal when any shard was extracted by another version than ``current``."""
    stale = {path: h.extractor_version for path, h in headers.items() if h.extractor_version != current}
    if not stale:
        return
    versions = sorted(set(stale.values()))
    example = next(iter(stale))
    raise click.ClickException(
        f"{len(stale)} of {len(headers)} shards (e.g. {example.name}) were extracted by {versions[0]!r}"
        f"{f' and {len(versions) - 1} other versions' if len(versions) > 1 else ''}, not the current {current!r}: "
        "their facts would be stored as current; extract them again (`newsgraph extract` keeps the shards "
        "already current) or store them anyway with --allow-stale"
    )


def shard_items(paths: list[Path]) -> Iterator[tuple[Article, Extraction] | Skipped]:
    """Every line of the shards in order: its pair, or what it was skipped for."""
    for path in paths:
        for item in read_shard(path):
            if isinstance(item, ShardPair):
                yield item.article, item.extraction
            else:
                yield _skipped(item)


def _skipped(error: ShardError) -> Skipped:
    if error.damaged:
        return Skipped(f"{error.shard}:{error.shard_line}", f"damaged shard: {error.reason}")
    reason = error.reason.split(": ", 1)[1] if error.reason.startswith("line ") else error.reason
    return Skipped(f"{error.shard}:{error.shard_line} (input line {error.input_line})", f"no document: {reason}")
