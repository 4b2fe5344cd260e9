"""Local files and folders: a recursive, symlink-loop-safe walk, and one reader per file type."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

from core.errors import IngestError
from core.records import Skipped
from ingest.article import ArticleDraft
from ingest.containers import read_jsonl
from ingest.decode import decode_bytes
from ingest.feeds import Link, PayloadKind, classify_payload, listing_links, maybe_gunzip
from ingest.html import extract_html
from ingest.localfile import not_regular, open_regular
from ingest.textfile import parse_text_document
from ingest.warc import read_warc

logger = logging.getLogger(__name__)

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
XML_SUFFIXES = (".xml", ".rss", ".atom", ".xml.gz")
SUPPORTED_SUFFIXES = HTML_SUFFIXES + TEXT_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES + XML_SUFFIXES
# Project files found in a corpus folder that are about the folder, not news (read when named directly).
NOT_ARTICLES = ("readme", "license", "licence", "changelog", "contributing", "notice")

FileItem = ArticleDraft | Skipped | Link


def walk(root: Path) -> Iterator[Path | Skipped]:
    """Files under ``root`` in a stable order; hidden entries are left out, each folder is read once."""
    if not root.is_dir():
        yield _named_file(root)
        return
    visited: set[tuple[int, int]] = set()
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            status = folder.stat()
        except OSError as e:
            yield Skipped(str(folder), f"unreadable: {e.strerror}")
            continue
        if (status.st_dev, status.st_ino) in visited:
            yield Skipped(str(folder), "symlink loop: this folder was already read through another path")
            continue
        visited.add((status.st_dev, status.st_ino))
        files, folders = _list(folder)
        if isinstance(files, Skipped):
            yield files
            continue
        yield from files
        pending.extend(reversed(folders))


def _list(folder: Path) -> tuple[list[Path | Skipped] | Skipped, list[Path]]:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as e:
        return Skipped(str(folder), f"unreadable: {e.strerror}"), []
    files: list[Path | Skipped] = []
    folders: list[Path] = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir():
                folders.append(Path(entry.path))
            elif entry.is_file() and entry.name.lower().split(".")[0] in NOT_ARTICLES:
                files.append(Skipped(entry.path, "not an article: a README or licence file in a corpus folder"))
            elif entry.is_file():
                files.append(Path(entry.path))
            else:
                files.append(_named_file(Path(entry.path)))
        except OSError as e:
            files.append(Skipped(entry.path, f"unreadable: {e.strerror}"))
    return files, folders


def _named_file(path: Path) -> Path | Skipped:
    """The path when it is a regular file (or a symlink to one) that can be read, else why not."""
    try:
        reason = not_regular(path.stat().st_mode)
    except FileNotFoundError:
        return Skipped(str(path), "not found: broken symlink")
    except OSError as e:
        return Skipped(str(path), f"unreadable: {e.strerror or e}")
    return Skipped(str(path), reason) if reason else path


def file_kind(path: Path) -> str | None:
    name = path.name.lower()
    for kind, suffixes in (
        ("html", HTML_SUFFIXES),
        ("text", TEXT_SUFFIXES),
        ("jsonl", JSONL_SUFFIXES),
        ("warc", WARC_SUFFIXES),
        ("xml", XML_SUFFIXES),
    ):
        if name.endswith(suffixes):
            return kind
    return None


def read_file(path: Path, max_bytes: int) -> Iterator[FileItem]:
    """The drafts (or, for a feed or sitemap file, the links) in one file; problems come back as Skipped."""
    kind = file_kind(path)
    if kind is None:
        yield Skipped(str(path), f"unsupported file type: {''.join(path.suffixes[-2:]) or 'no extension'}")
    elif kind == "jsonl":
        yield from read_jsonl(path, max_bytes)
    elif kind == "warc":
        yield from read_warc(path, max_bytes)
    else:
        try:
            data = _read_capped(path, max_bytes)
            yield from _read_document(path, kind, data, max_bytes)
        except IngestError as e:
            yield Skipped(str(path), str(e))


def _read_capped(path: Path, max_bytes: int) -> bytes:
    try:
        with open_regular(path) as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                raise IngestError(f"too large: {size:,} bytes, over max_bytes {max_bytes:,}")
            data = handle.read(max_bytes + 1)
    except OSError as e:
        raise IngestError(f"unreadable: {e.strerror or e}") from e
    if len(data) > max_bytes:  # the file grew after stat
        raise IngestError(f"too large: over max_bytes {max_bytes:,}")
    if not data.strip():
        raise IngestError("empty: the file has no content")
    return data


def _read_document(path: Path, kind: str, data: bytes, max_bytes: int) -> Iterator[FileItem]:
    origin = str(path)
    if kind == "xml":
        data, cut = maybe_gunzip(data, max_bytes, origin)
        kind_of_listing: PayloadKind = "sitemap" if classify_payload("", data) == "sitemap" else "feed"
        yield from listing_links(kind_of_listing, data, origin, base_url=None, cut=cut)
        return
    text = decode_bytes(data)
    if kind == "html":
        yield extract_html(text, origin)
    else:
        yield parse_text_document(text, origin)
