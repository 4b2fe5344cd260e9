"""Sharded JSON Lines of extracted articles: what `newsgraph extract --out DIR/` writes and `newsgraph load` reads.

A shard holds the results of one run of consecutive lines of one input file. Its first line is a header
(``ShardHeader``: the input file, its size and time, the line range, the sha256 of exactly those input bytes and
the extraction version); then one line per input line, in order, either a pair (``core.record_json``, losslessly,
embeddings included) or the reason that input line is no document::

    {"newsgraph_shard": "newsgraph-shard/1", "source": "2024/jan.jsonl", "first_line": 1, "last_line": 1000, ...}
    {"line": 1, "article": {...}, "extraction": {...}}
    {"line": 2, "error": "line 2: not valid JSON (...)", "id": null}

A shard of ``SOURCE.jsonl`` is named ``SOURCE.shard-NNNNNN.jsonl`` (its index from 0) beside the folders of the
input. It is written under a hidden temporary name and renamed when complete, so a shard under its own name
is finished. ``read_shards`` is the reader for every consumer (``newsgraph load``, bulk imports).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from core.errors import NewsgraphError
from core.record_json import RecordFormatError, pair_from_dict, pair_to_dict, to_json_text
from core.records import Article, Extraction

SHARD_FORMAT = "newsgraph-shard/1"
INDEX_DIGITS = 6
_SHARD_NAME = re.compile(r"^(?P<stem>.+)\.shard-(?P<index>\d{6,})\.jsonl$")
_PARTIAL_NAME = re.compile(r"^\..+\.shard-\d{6,}\.jsonl\.partial$")


class ShardFormatError(NewsgraphError):
    """A file that is not a shard, or a shard header that cannot be read."""


@dataclass(frozen=True, slots=True)
class ShardHeader:
    """The first line of a shard: which input lines it answers, and by which extractor."""

    source: str  # the input file, relative to the input folder (or its name when one file was given)
    input_path: str  # the input file's absolute path when extracted
    input_size: int  # bytes, when extracted
    input_mtime: float  # seconds since the epoch, when extracted
    first_line: int  # input line numbers, from 1, both included
    last_line: int
    input_sha256: str  # of exactly the bytes of input lines first_line..last_line
    extractor_version: str  # newsgraph.pipeline.extraction_version: also on every extraction in the shard

    @property
    def lines(self) -> int:
        return self.last_line - self.first_line + 1

    def to_json(self) -> str:
        return to_json_text({"newsgraph_shard": SHARD_FORMAT, **asdict(self)})

    @classmethod
    def from_json(cls, text: str | bytes) -> ShardHeader:
        try:
            data = json.loads(text)
        except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as e:
            raise ShardFormatError(f"the header is not valid JSON ({e})") from e
        except ValueError as e:  # int() refuses a number of more than 4300 digits
            raise ShardFormatError("the header is not valid JSON (a number of more than 4300 digits)") from e
        if not isinstance(data, dict) or data.get("newsgraph_shard") != SHARD_FORMAT:
            raise ShardFormatError(f"the first line is not a {SHARD_FORMAT} header")
        expected = {f.name: f.type for f in fields(cls)}
        values: dict[str, Any] = {name: data.get(name) for name in expected}
        numbers = ("input_size", "first_line", "last_line")
        if any(not isinstance(values[n], int) or isinstance(values[n], bool) for n in numbers) or not isinstance(
            values["input_mtime"], (int, float)
        ):
            raise ShardFormatError("the header's sizes and line numbers are not numbers")
        if any(not isinstance(values[n], str) for n in expected if n not in (*numbers, "input_mtime")):
            raise ShardFormatError("the header's names and versions are not strings")
        header = cls(**values)
        if header.first_line < 1 or header.last_line < header.first_line - 1:
            raise ShardFormatError(f"the header's line range {header.first_line}-{header.last_line} is impossible")
        return header


@dataclass(frozen=True, slots=True)
class ShardPair:
    """An extracted article: input line ``input_line`` of the header's source, at ``shard_line`` of ``shard``."""

    shard: Path
    shard_line: int
    input_line: int
    article: Article
    extraction: Extraction


@dataclass(frozen=True, slots=True)
class ShardError:
    """A line that gives no pair: an input line that was no document (``input_line`` set, as extracted), or a
    damaged shard line or file (``input_line`` None: the shard was cut short, edited, or is not a shard)."""

    shard: Path
    shard_line: int
    input_line: int | None
    reason: str
    doc_id: str | None = None

    @property
    def damaged(self) -> bool:
        return self.input_line is None


ShardItem = ShardPair | ShardError


def shard_name(source: str, index: int) -> str:
    """The file name of shard ``index`` of input ``source`` (a relative path: its folders are kept)."""
    stem = source[: -len(".jsonl")] if source.endswith(".jsonl") else source
    return f"{stem}.shard-{index:0{INDEX_DIGITS}d}.jsonl"


def shard_index(path: Path) -> int | None:
    """The index in a shard's file name, None for a file not named as a shard."""
    match = _SHARD_NAME.match(path.name)
    return int(match.group("index")) if match else None


def is_shard_name(name: str) -> bool:
    """Whether a file's name is that of a shard `newsgraph extract --out DIR/` writes (``docs.shard-000001.jsonl``)."""
    return _SHARD_NAME.match(name) is not None


def shard_paths(directory: Path) -> list[Path]:
    """Every finished shard under ``directory`` (recursively), in a stable order: by input, then line range."""

    def key(path: Path) -> tuple[str, int]:
        relative = path.relative_to(directory).as_posix()
        match = _SHARD_NAME.match(path.name)
        assert match is not None
        return relative[: len(relative) - len(path.name)] + match.group("stem"), int(match.group("index"))

    found = [p for p in directory.rglob("*.shard-*.jsonl") if _SHARD_NAME.match(p.name) and p.is_file()]
    return sorted((p for p in found if not _hidden(p.relative_to(directory))), key=key)


def partial_paths(directory: Path) -> list[Path]:
    """Shards a killed run left half-written (hidden, ``.partial``)."""
    return sorted(p for p in directory.rglob(".*.partial") if _PARTIAL_NAME.match(p.name) and p.is_file())


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def read_header(path: Path) -> ShardHeader:
    """A shard's header; ShardFormatError when the file is not a shard."""
    with path.open("rb") as handle:
        first = handle.readline(1 << 20)
    if not first.endswith(b"\n"):
        raise ShardFormatError("no complete header line (an empty or cut-short file)")
    return ShardHeader.from_json(first)


def read_shard(path: Path) -> Iterator[ShardItem]:
    """The items of one shard in order; a damaged line is a ShardError in its place, never the end of reading.

    A shard holding fewer lines than its header's range (a copy cut short) ends with a ShardError saying how
    many are missing; a line cut in the middle is a ShardError naming it.
    """
    try:
        header = read_header(path)
    except (ShardFormatError, OSError) as e:
        yield ShardError(path, 1, None, f"not a shard: {e}")
        return
    expected = header.first_line
    with path.open("rb") as handle:
        handle.readline(1 << 20)
        for shard_line, raw in enumerate(handle, start=2):
            item = _item(path, shard_line, raw)
            if isinstance(item, ShardPair) or not item.damaged:
                line = item.input_line
                if line != expected:
                    yield ShardError(path, shard_line, None, f"holds input line {line} where line {expected} is due")
                    return
            expected += 1
            yield item
    if expected <= header.last_line:
        missing = header.last_line - expected + 1
        yield ShardError(
            path,
            expected - header.first_line + 2,
            None,
            f"cut short: the results of input lines {expected}-{header.last_line} ({missing}) are missing",
        )


def read_shards(directory: Path) -> Iterator[ShardItem]:
    """Every item of every shard under ``directory``, in ``shard_paths`` order.

    Yields ``ShardPair(shard, shard_line, input_line, article, extraction)`` for each extracted article (the
    extraction may carry ``error``: the extractor failed on it) and ``ShardError(shard, shard_line, input_line,
    reason, doc_id)`` for an input line that was no document (``input_line`` set) or a damaged shard line
    (``damaged``: ``input_line`` None). Check versions with ``read_header`` first when stale facts matter.
    """
    for path in shard_paths(directory):
        yield from read_shard(path)


def _item(path: Path, shard_line: int, raw: bytes) -> ShardItem:
    if not raw.endswith(b"\n"):
        return ShardError(path, shard_line, None, "cut in the middle of the line (the file ends without a newline)")
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as e:
        return ShardError(path, shard_line, None, f"not valid JSON ({e})")
    except ValueError:  # int() refuses a number of more than 4300 digits
        return ShardError(path, shard_line, None, "not valid JSON (a number of more than 4300 digits)")
    line = data.get("line") if isinstance(data, dict) else None
    if not isinstance(line, int) or isinstance(line, bool):
        return ShardError(path, shard_line, None, "no input line number")
    if "error" in data:
        reason, doc_id = data.get("error"), data.get("id")
        if not isinstance(reason, str) or not (doc_id is None or isinstance(doc_id, str)):
            return ShardError(path, shard_line, None, "an error record without a reason")
        return ShardError(path, shard_line, line, reason, doc_id)
    try:
        article, extraction = pair_from_dict({k: v for k, v in data.items() if k != "line"})
    except RecordFormatError as e:
        return ShardError(path, shard_line, None, f"not an extracted article ({e})")
    return ShardPair(path, shard_line, line, article, extraction)


class ShardWriter:
    """Writes one shard under a hidden temporary name and renames it into place only when ``finish`` is called.

    Leaving the ``with`` block without ``finish`` (an error, a full disk) removes the temporary file: a shard
    exists complete or not at all.
    """

    def __init__(self, path: Path, header: ShardHeader) -> None:
        self.path = path
        self.partial = path.with_name(f".{path.name}.partial")
        self.header = header
        self._handle: IO[bytes] | None = None

    def __enter__(self) -> ShardWriter:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._handle = self.partial.open("wb")
        self._write(self.header.to_json())
        return self

    def write_pair(self, input_line: int, article: Article, extraction: Extraction) -> None:
        self._write(to_json_text({"line": input_line, **pair_to_dict(article, extraction)}))

    def write_error(self, input_line: int, reason: str, doc_id: str | None) -> None:
        self._write(to_json_text({"line": input_line, "error": reason, "id": doc_id}))

    def finish(self) -> None:
        handle = self._open()
        handle.flush()
        os.fsync(handle.fileno())
        handle.close()
        os.replace(self.partial, self.path)

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._handle is not None and not self._handle.closed:
            # the full disk that brought us here refuses the last buffer too; the file goes anyway
            with suppress(OSError):
                self._handle.close()
        self.partial.unlink(missing_ok=True)

    def _write(self, line: str) -> None:
        self._open().write(line.encode("utf-8") + b"\n")

    def _open(self) -> IO[bytes]:
        if self._handle is None:
            raise NewsgraphError("the shard is not open")
        return self._handle
