"""Files that hold many articles: JSON Lines (one article per line) and WARC web archives (warcio).

The size cap applies per record here, not per file: a 2 GB JSON Lines corpus is fine, one 50 MB line
is not. Each bad line or record is skipped with its line number or URL; the rest of the file goes on.
"""

from __future__ import annotations

import gzip
import json
import logging
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ingest.article import ArticleDraft
from ingest.decode import decode_bytes
from ingest.html import extract_html
from ingest.localfile import open_regular
from newsgraph.errors import IngestError
from newsgraph.records import Skipped

logger = logging.getLogger(__name__)

# Field names accepted for each Article field, first match wins.
JSONL_FIELDS = {
    "title": ("title", "headline"),
    "url": ("url", "link", "canonical_url"),
    "published": ("published", "date", "published_at", "pubdate", "publication_date"),
    "source": ("source", "site", "sitename", "publisher"),
    "author": ("author", "byline", "authors"),
    "language": ("language", "lang"),
}
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_jsonl(path: Path, max_bytes: int) -> Iterator[ArticleDraft | Skipped]:
    """One draft per line with ``text`` (or ``html``); blank lines are ignored, bad lines skipped."""
    number = 0
    try:
        with open_regular(path) as raw, _maybe_gunzip(path, raw) as handle:
            while True:
                line = handle.readline(max_bytes + 1)
                if not line:
                    return
                number += 1
                if len(line) > max_bytes and not line.endswith(b"\n"):
                    _skip_rest_of_line(handle)
                    yield Skipped(f"{path}:{number}", f"too large: line {number} is over max_bytes {max_bytes:,}")
                    continue
                if line.strip():
                    yield _jsonl_draft(line, f"{path}:{number}", number)
    except IngestError as e:
        yield Skipped(str(path), str(e))
    except EOFError:  # gzip: the data ended before the stream did; every complete line was read above
        yield Skipped(
            str(path),
            f"truncated archive: {path.name} ends before its gzip stream does; "
            f"the {number} complete lines before the cut were read",
        )
    except (gzip.BadGzipFile, zlib.error) as e:
        yield Skipped(str(path), f"invalid gzip: {path.name}: {e}")
    except OSError as e:
        yield Skipped(str(path), f"unreadable: {e.strerror or e}")


def _maybe_gunzip(path: Path, raw: BinaryIO) -> gzip.GzipFile | BinaryIO:
    return gzip.GzipFile(fileobj=raw, mode="rb") if path.name.lower().endswith(".gz") else raw


def _skip_rest_of_line(handle: Any) -> None:
    while True:
        chunk = handle.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return


def _jsonl_draft(line: bytes, item: str, number: int) -> ArticleDraft | Skipped:
    try:
        row = json.loads(line.rstrip(b"\r\n").decode("utf-8"))
    except UnicodeDecodeError:
        return Skipped(item, f"undecodable: line {number} is not UTF-8")
    except json.JSONDecodeError as e:
        return Skipped(item, f"invalid JSON: line {number}: {e.msg} (column {e.colno})")
    except RecursionError:  # `[[[[…` thousands deep: the parser gives up, this line costs only itself
        return Skipped(item, f"invalid JSON: line {number} is nested too deeply")
    if not isinstance(row, dict):
        return Skipped(item, f"invalid record: line {number} is a JSON {type(row).__name__}, not an object")
    fields = {name: _first(row, keys) for name, keys in JSONL_FIELDS.items()}
    text, html = (_string(value) if isinstance(value, str) else None for value in (row.get("text"), row.get("html")))
    try:
        if text and text.strip():
            return ArticleDraft(text=text, origin=item, **fields)
        if html and html.strip():
            return extract_html(html, item, fields["url"]).with_fallbacks(ArticleDraft(text="", origin=item, **fields))
    except IngestError as e:
        return Skipped(item, str(e))
    return Skipped(item, f"missing text: line {number} has no non-empty `text` or `html` string")


def _first(row: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    """The first field given as a string, a number or a list of those; objects and nested lists are ignored."""
    for key in keys:
        value = row.get(key)
        if isinstance(value, list):
            value = ", ".join(part for part in map(_string, value) if part)
        text = _string(value)
        if text:
            return text
    return None


def _string(value: object) -> str | None:
    """A JSON string or number as text; lone surrogates (``"\\ud800"``) become U+FFFD, as UTF-8 cannot hold them."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    text = str(value)
    if text.isascii():
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def read_warc(path: Path, max_bytes: int) -> Iterator[ArticleDraft | Skipped]:
    """Each archived HTML response (status 200) of a WARC/ARC file, gzip-compressed or not.

    A record cut short (a download or copy that stopped) is skipped as ``truncated archive``, never read as a
    shorter page; so is whatever follows the last complete record when it is not a whole record.
    """
    end = 0  # where the last complete record ends
    try:
        if not _starts_like_an_archive(path):
            yield Skipped(str(path), "invalid WARC: the file does not start with a WARC or ARC record")
            return
        with open_regular(path) as handle:
            records = ArchiveIterator(handle, arc2warc=True)
            for record in records:
                item = f"{path}#{record.rec_headers.get_header('WARC-Target-URI') or ''}"
                draft = _warc_draft(record, item, max_bytes) if record.rec_type == "response" else None
                records.read_to_end()
                missing = getattr(record.raw_stream, "limit", 0)
                if missing > 0:
                    yield Skipped(
                        item, f"truncated archive: {path.name} ends inside this record ({missing:,} bytes missing)"
                    )
                    return
                if draft is not None:
                    yield draft
                end = records.get_record_offset() + records.get_record_length()
        failure = None
    # warcio reports some malformed headers as AttributeError/KeyError rather than its own error type.
    except (ArchiveLoadFailed, ValueError, EOFError, AttributeError, KeyError) as e:
        failure = f"{e or type(e).__name__}"
    except IngestError as e:
        yield Skipped(str(path), str(e))
        return
    except OSError as e:
        yield Skipped(str(path), f"unreadable: {e.strerror or e}")
        return
    problem = _after_last_record(path, end, failure)
    if problem:
        yield Skipped(str(path), problem)


def _after_last_record(path: Path, end: int, failure: str | None) -> str | None:
    """Why the bytes after the last complete record are not read, or None when there are none (or only blanks)."""
    try:
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
    except (IngestError, OSError) as e:
        return f"unreadable: {getattr(e, 'strerror', None) or e}"
    return f"invalid WARC: record at byte {end:,}: {failure or 'not a WARC or ARC record'}"


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


def _starts_like_an_archive(path: Path) -> bool:
    with open_regular(path) as handle:
        head = handle.read(512)
        if head.startswith(b"\x1f\x8b"):
            handle.seek(0)
            with gzip.GzipFile(fileobj=handle, mode="rb") as unpacked:
                head = unpacked.read(512)
    return head.lstrip().startswith((b"WARC/", b"filedesc://"))


def _warc_draft(record: Any, item: str, max_bytes: int) -> ArticleDraft | Skipped:
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    http = record.http_headers
    status = http.get_statuscode() if http else None
    if status != "200":
        return Skipped(item, f"http error: archived response has status {status}")
    content_type = http.get_header("Content-Type") or ""
    if not content_type.lower().startswith(_HTML_TYPES):
        return Skipped(item, f"unsupported content type: {content_type.split(';')[0] or '(none)'}")
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        return Skipped(item, f"too large: archived page is over max_bytes {max_bytes:,}")
    try:
        return extract_html(decode_bytes(body, content_type), item, uri or None)
    except IngestError as e:
        return Skipped(item, str(e))
