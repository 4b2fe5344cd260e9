"""`newsgraph extract --out DIR/`: input files of documents cut into shards of extracted articles (core/shards.py).

Each input file is read once to plan its shards — runs of ``shard_size`` lines, each with the sha256 of its
bytes — and a shard already in the output folder whose header names the same input name, line range, bytes
and extraction version is kept; the others are extracted. All the lines to extract stream through one
extractor (in process or on Ray), so shards do not restart its workers; each shard is written under a
temporary name and renamed once complete. Shards of an input beyond its current last line (the input got
shorter, another shard size) are removed. One run at a time writes a folder: it is locked.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path
from typing import IO, Any, BinaryIO, cast

from core.errors import NewsgraphError
from core.records import Article, Extraction
from core.settings import Settings
from core.shards import (
    ShardFormatError,
    ShardHeader,
    ShardWriter,
    is_shard_name,
    partial_paths,
    read_header,
    shard_index,
    shard_name,
)

LOCK_NAME = ".newsgraph-extract.lock"


class ShardWriteError(NewsgraphError):
    """A shard could not be written (a full disk, no permission); finished shards are kept."""


@dataclass(frozen=True, slots=True)
class Input:
    """An input file and the name its shards are named after (its path relative to the input folder)."""

    source: str
    path: Path


@dataclass(frozen=True, slots=True)
class PlannedShard:
    source: Input
    index: int
    first_line: int
    last_line: int
    offset: int  # where its first line starts in the input file
    sha256: str
    size: int  # of the whole input file
    mtime: float

    def header(self, version: str) -> ShardHeader:
        return ShardHeader(
            source=self.source.source,
            input_path=str(self.source.path.resolve()),
            input_size=self.size,
            input_mtime=self.mtime,
            first_line=self.first_line,
            last_line=self.last_line,
            input_sha256=self.sha256,
            extractor_version=version,
        )


@dataclass(slots=True)
class ShardRun:
    """What a run did: shards written and kept, documents extracted and how many with an error."""

    written: int = 0
    kept: int = 0
    removed: int = 0  # shards of lines the inputs no longer have, and half-written ones of a killed run
    documents: int = 0
    errors: int = 0


def input_files(directory: Path) -> list[Input]:
    """The ``*.jsonl`` files under ``directory``, recursively, sorted by relative path; hidden ones left out, and
    shards an earlier ``--out`` wrote there (``docs.shard-000001.jsonl``): extractions, not documents."""
    found = []
    for path in directory.rglob("*.jsonl"):
        relative = path.relative_to(directory)
        hidden = any(part.startswith(".") for part in relative.parts)
        if path.is_file() and not hidden and not is_shard_name(path.name):
            found.append(Input(relative.as_posix(), path))
    return sorted(found, key=lambda i: i.source)


def extract_to_shards(
    inputs: list[Input],
    out: Path,
    extractor: Any,
    version: str,
    settings: Settings,
    shard_size: int,
    on_planned: Callable[[int], None] | None = None,
    on_document: Callable[[], None] | None = None,
) -> ShardRun:
    """Write the shards of ``inputs`` into ``out`` that are missing or out of date; see the module docstring.

    ``version`` (newsgraph.pipeline.extraction_version) goes in every header and on every extraction.
    ``on_planned`` hears how many input lines will be extracted; ``on_document`` hears each one written.
    """
    run = ShardRun()
    with _locked(out):
        for partial in partial_paths(out):
            partial.unlink(missing_ok=True)
            run.removed += 1
        todo: list[PlannedShard] = []
        for source in inputs:
            planned = plan(source, shard_size, settings.max_bytes)
            run.removed += _remove_beyond(out, source.source, len(planned))
            for shard in planned:
                if _finished(out / shard_name(source.source, shard.index), shard.header(version)):
                    run.kept += 1
                else:
                    todo.append(shard)
        if on_planned is not None:
            on_planned(sum(s.last_line - s.first_line + 1 for s in todo))
        _extract(todo, out, extractor, version, settings.max_bytes, run, on_document or (lambda: None))
    return run


def plan(source: Input, shard_size: int, max_bytes: int) -> list[PlannedShard]:
    """The shards of one input file: line ranges of ``shard_size`` lines and the sha256 of their bytes."""
    from nlp.runtime.contract import bounded_lines

    shards: list[PlannedShard] = []
    with source.path.open("rb") as handle:
        status = os.fstat(handle.fileno())
        reader = _HashingReader(handle)
        lines = bounded_lines(cast(BinaryIO, reader), max_bytes)
        last = 0
        while True:
            offset, reader.digest = reader.position, hashlib.sha256()
            count = sum(1 for _ in islice(lines, shard_size))
            if not count:
                return shards
            shards.append(PlannedShard(source, len(shards), last + 1, last + count, offset, reader.digest.hexdigest(),
                                       status.st_size, status.st_mtime))  # fmt: skip
            last += count


class _HashingReader:
    """``readline`` of a binary file that counts and hashes what it gives, for shard ranges and their sha256."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.position = handle.tell()
        self.digest = hashlib.sha256()

    def readline(self, size: int = -1) -> bytes:
        data = self.handle.readline(size)
        self.position += len(data)
        self.digest.update(data)
        return data


def _finished(path: Path, expected: ShardHeader) -> bool:
    """A shard already written for the same input bytes, line range and extraction version."""
    if not path.is_file():
        return False
    try:
        found = read_header(path)
    except (ShardFormatError, OSError):
        return False
    same = ("source", "first_line", "last_line", "input_sha256", "extractor_version")
    return all(getattr(found, name) == getattr(expected, name) for name in same)


def _remove_beyond(out: Path, source: str, count: int) -> int:
    """Remove the shards of ``source`` numbered ``count`` or more: lines the input no longer has."""
    first = out / shard_name(source, 0)
    stem = first.name.removesuffix(".shard-000000.jsonl")
    removed = 0
    if first.parent.is_dir():
        for path in first.parent.glob(f"{_glob_escape(stem)}.shard-*.jsonl"):
            index = shard_index(path)
            if index is not None and index >= count and path.name == f"{stem}.shard-{index:06d}.jsonl":
                path.unlink()
                removed += 1
    return removed


def _glob_escape(text: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in text)


@contextmanager
def _locked(out: Path) -> Iterator[None]:
    out.mkdir(parents=True, exist_ok=True)
    with (out / LOCK_NAME).open("a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as e:
            raise NewsgraphError(
                f"{out} is being written by another extract run; wait for it or choose another --out"
            ) from e
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _extract(todo: list[PlannedShard], out: Path, extractor: Any, version: str, max_bytes: int, run: ShardRun,
             on_document: Callable[[], None]) -> None:  # fmt: skip
    from nlp.runtime.contract import LineError, document_item

    waiting: deque[tuple[PlannedShard, int, Article | LineError]] = deque()

    def articles() -> Iterator[Article]:
        for shard in todo:
            for number, line in enumerate(_lines(shard, max_bytes), start=shard.first_line):
                item = document_item(number, line)
                waiting.append((shard, number, item))
                if isinstance(item, Article):
                    yield item

    sink = _Sink(out, version, run, on_document)
    try:
        for extraction in extractor.extract(articles()):
            while waiting and not isinstance(waiting[0][2], Article):
                sink.put(*waiting.popleft(), None)
            sink.put(*waiting.popleft(), replace(extraction, extractor_version=version))
        while waiting:
            sink.put(*waiting.popleft(), None)
    finally:
        sink.abandon()


def _lines(shard: PlannedShard, max_bytes: int) -> Iterable[Any]:
    """The input lines of one planned shard, read again; the bytes must still be those planned."""
    from nlp.runtime.contract import bounded_lines

    with shard.source.path.open("rb") as handle:
        handle.seek(shard.offset)
        reader = _HashingReader(handle)
        yield from islice(bounded_lines(cast(BinaryIO, reader), max_bytes), shard.last_line - shard.first_line + 1)
    if reader.digest.hexdigest() != shard.sha256:
        raise NewsgraphError(
            f"{shard.source.path} changed while it was being extracted (lines {shard.first_line}-{shard.last_line}); "
            "run again once it is written"
        )


class _Sink:
    """Writes each input line's result into its shard, finishing a shard at its last line."""

    def __init__(self, out: Path, version: str, run: ShardRun, on_document: Callable[[], None]) -> None:
        self.out = out
        self.version = version
        self.run = run
        self.on_document = on_document
        self.writer: ShardWriter | None = None

    def put(self, shard: PlannedShard, number: int, item: Any, extraction: Extraction | None) -> None:
        writer = self._writer(shard)
        try:
            if extraction is None:
                writer.write_error(number, str(item), getattr(item, "doc_id", None))
                self.run.errors += 1
            else:
                writer.write_pair(number, item, extraction)
                self.run.errors += extraction.error is not None
            if number == shard.last_line:
                writer.finish()
                self.writer = None
                self.run.written += 1
        except OSError as e:
            self.abandon()
            raise ShardWriteError(
                f"cannot write {writer.path}: {e.strerror or e}; the {self.run.written} shards finished in this run "
                "are kept: free space and run the same command again to resume"
            ) from e
        self.run.documents += 1
        self.on_document()

    def _writer(self, shard: PlannedShard) -> ShardWriter:
        path = self.out / shard_name(shard.source.source, shard.index)
        if self.writer is not None and self.writer.path == path:
            return self.writer
        self.abandon()
        writer = ShardWriter(path, shard.header(self.version))
        try:
            writer.__enter__()
        except OSError as e:
            writer.__exit__(None, None, None)
            raise ShardWriteError(f"cannot write {path}: {e.strerror or e}") from e
        self.writer = writer
        return writer

    def abandon(self) -> None:
        """Remove the shard being written: unfinished, it must not look finished."""
        if self.writer is not None:
            self.writer.__exit__(None, None, None)
            self.writer = None
