"""JSON Lines files, one article per line, plain or gzip-compressed (WARC archives are in ingest/warc.py).

The size cap applies per line here, not per file: a 2 GB JSON Lines corpus is fine, one 50 MB line
is not. Each bad line is skipped with its line number; the rest of the file goes on.
"""

from __future__ import annotations

import gzip
import json
import logging
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from core.errors import IngestError
from core.records import Skipped
from ingest.article import ArticleDraft
from ingest.html import extract_html
from ingest.localfile import open_regular

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
    except ValueError:  # int() refuses a number of more than 4300 digits
        return Skipped(item, f"invalid JSON: line {number} holds a number of more than 4300 digits")
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
