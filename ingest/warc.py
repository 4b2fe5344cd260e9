"""WARC and ARC web archives (warcio): each archived HTML response with status 200 is one article.

The size cap applies per record, not per file. A bad record costs that record only: reading resumes at the
next record (the next gzip member, or the next ``WARC/1.`` line). A record cut short (a download or copy
that stopped) is skipped as ``truncated archive``, never read as a shorter page.
"""

from __future__ import annotations

import gzip
import logging
import zlib
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from core.errors import IngestError
from core.records import Skipped
from ingest.article import ArticleDraft
from ingest.decode import decode_bytes
from ingest.html import extract_html
from ingest.localfile import open_regular

logger = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")
# warcio reports some malformed headers as AttributeError/KeyError rather than its own error type.
_WARCIO_ERRORS = (ArchiveLoadFailed, ValueError, EOFError, AttributeError, KeyError)
_GZIP_MEMBER = b"\x1f\x8b\x08"
_WARC_LINE = b"\nWARC/1."
_SCAN_CHUNK = 1 << 20

Records = Generator[ArticleDraft | Skipped, None, tuple[int, str | None] | None]


def read_warc(path: Path, max_bytes: int) -> Iterator[ArticleDraft | Skipped]:
    """Each archived HTML response (status 200) of a WARC/ARC file, gzip-compressed or not."""
    try:
        compressed = _compressed(path)
        if not _starts_like_an_archive(path, compressed):
            yield Skipped(str(path), "invalid WARC: the file does not start with a WARC or ARC record")
            return
        offset = 0
        while True:
            stopped = yield from _records(path, offset, max_bytes)
            if stopped is None:
                return
            end, failure = stopped
            problem = _after_last_record(path, end, failure)
            if problem is None:
                return
            resume = _next_record(path, end + 1, compressed) if problem.startswith("invalid WARC") else None
            yield Skipped(str(path), problem + (f"; reading resumed at byte {resume:,}" if resume else ""))
            if resume is None:
                return
            offset = resume
    except IngestError as e:
        yield Skipped(str(path), str(e))
    except OSError as e:
        yield Skipped(str(path), f"unreadable: {e.strerror or e}")


def _records(path: Path, offset: int, max_bytes: int) -> Records:
    """The records from ``offset`` on; returns where the last whole one ended and why reading stopped there
    (None when it stopped at a record that was cut, which it reported)."""
    end, failure = offset, None
    with open_regular(path) as handle:
        handle.seek(offset)
        records = ArchiveIterator(handle, arc2warc=True)
        try:
            for record in records:
                item = f"{path}#{record.rec_headers.get_header('WARC-Target-URI') or ''}"
                draft = _warc_draft(record, item, max_bytes) if record.rec_type == "response" else None
                records.read_to_end()
                missing = getattr(record.raw_stream, "limit", 0)
                if missing > 0:
                    yield Skipped(
                        item, f"truncated archive: {path.name} ends inside this record ({missing:,} bytes missing)"
                    )
                    return None
                if draft is not None:
                    yield draft
                end = records.get_record_offset() + records.get_record_length()
        except _WARCIO_ERRORS as e:
            failure = str(e) or type(e).__name__
    return end, failure


def _after_last_record(path: Path, end: int, failure: str | None) -> str | None:
    """Why the bytes after the last complete record are not read, or None when there are none (or only blanks)."""
    with open_regular(path) as handle:
        handle.seek(end)
        head = handle.read(1 << 16)
        if head.startswith(b"\x1f\x8b"):
            handle.seek(end)
            if not _whole_gzip_member(handle):
                return f"truncated archive: {path.name} ends inside a record that starts at byte {end:,}"
        elif not head.strip():
            return None if failure is None else f"invalid WARC: {failure}"
        elif failure is None:  # warcio stops without a word at a record whose header is cut
            return f"truncated archive: {path.name} ends inside a record that starts at byte {end:,}"
    return f"invalid WARC: record at byte {end:,}: {failure or 'not a WARC or ARC record'}"


def _next_record(path: Path, start: int, compressed: bool) -> int | None:
    """Where the next record after ``start`` begins: a gzip member holding a WARC record, or a ``WARC/1.`` line."""
    marker = _GZIP_MEMBER if compressed else _WARC_LINE
    with open_regular(path) as handle:
        position = start
        while True:
            handle.seek(position)
            chunk = handle.read(_SCAN_CHUNK + len(marker))
            found = chunk.find(marker)
            if found < 0:
                if len(chunk) <= len(marker):
                    return None
                position += _SCAN_CHUNK
                continue
            candidate = position + found + (0 if compressed else 1)
            if not compressed or _member_holds_a_record(handle, candidate):
                return candidate
            position = position + found + 1


def _member_holds_a_record(handle: BinaryIO, offset: int) -> bool:
    handle.seek(offset)
    try:
        head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(handle.read(4096), 64)
    except zlib.error:
        return False
    return head.startswith((b"WARC/", b"filedesc://"))


def _whole_gzip_member(handle: BinaryIO) -> bool:
    member = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        while not member.eof:
            chunk = handle.read(1 << 16)
            if not chunk:
                return False
            member.decompress(chunk, 1 << 16)
            while member.unconsumed_tail and not member.eof:
                member.decompress(member.unconsumed_tail, 1 << 16)
    except zlib.error:
        return True  # a whole but broken member: invalid, not truncated
    return True


def _compressed(path: Path) -> bool:
    with open_regular(path) as handle:
        return handle.read(2) == b"\x1f\x8b"


def _starts_like_an_archive(path: Path, compressed: bool) -> bool:
    with open_regular(path) as handle:
        if compressed:
            with gzip.GzipFile(fileobj=handle, mode="rb") as unpacked:
                head = unpacked.read(512)
        else:
            head = handle.read(512)
    return head.lstrip().startswith((b"WARC/", b"filedesc://"))


def _warc_draft(record: Any, item: str, max_bytes: int) -> ArticleDraft | Skipped:
    try:
        uri = record.rec_headers.get_header("WARC-Target-URI") or ""
        http = record.http_headers
        status = http.get_statuscode() if http else None
        if status != "200":
            return Skipped(item, f"http error: archived response has status {status}")
        content_type = http.get_header("Content-Type") or ""
        if not content_type.lower().startswith(_HTML_TYPES):
            return Skipped(item, f"unsupported content type: {content_type.split(';')[0] or '(none)'}")
        body = record.content_stream().read(max_bytes + 1)
    except _WARCIO_ERRORS as e:  # a malformed HTTP header block or body encoding: this record only
        return Skipped(item, f"invalid WARC: this record: {e or type(e).__name__}")
    if len(body) > max_bytes:
        return Skipped(item, f"too large: archived page is over max_bytes {max_bytes:,}")
    try:
        return extract_html(decode_bytes(body, content_type), item, uri or None)
    except IngestError as e:
        return Skipped(item, str(e))
