"""What the Ingest page accepts before anything is read: URLs (http(s), public addresses) and uploads.

Kept free of Streamlit so the rules are plain functions; the readers in ingest/ check everything again.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from core.errors import IngestError
from core.records import Skipped
from core.settings import Settings
from ingest.decode import looks_binary
from ingest.files import HTML_SUFFIXES, JSONL_SUFFIXES, SUPPORTED_SUFFIXES, TEXT_SUFFIXES, XML_SUFFIXES
from ingest.netguard import check_url

TEXT_LIKE = HTML_SUFFIXES + TEXT_SUFFIXES + (".jsonl", ".ndjson", ".xml", ".rss", ".atom")
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def split_urls(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]


def check_urls(urls: list[str], settings: Settings) -> tuple[list[str], list[Skipped]]:
    """URLs that may be fetched, and the refused ones with a one-line reason (scheme, private address…)."""
    accepted: list[str] = []
    refused: list[Skipped] = []
    for url in urls:
        if "://" not in url:
            refused.append(Skipped(url, "refused URL: not a web address (it must start with http:// or https://)"))
            continue
        try:
            check_url(url, settings.allow_private_urls)
        except IngestError as e:
            refused.append(Skipped(url, str(e)))
            continue
        accepted.append(url)
    return accepted, refused


def suffix_of(name: str) -> str:
    lower = name.lower()
    return next((s for s in sorted(SUPPORTED_SUFFIXES, key=len, reverse=True) if lower.endswith(s)), "")


def check_upload(name: str, data: bytes, settings: Settings) -> str | None:
    """Why an uploaded file is refused (one line), or None when it may be read."""
    if not data:
        return "empty: the file has no content"
    if len(data) > settings.max_bytes:
        return f"too large: {len(data):,} bytes, the limit is {settings.max_bytes:,} (setting max_bytes)"
    suffix = suffix_of(name)
    if not suffix:
        known = ", ".join(sorted({*HTML_SUFFIXES, *TEXT_SUFFIXES, *JSONL_SUFFIXES, *XML_SUFFIXES, ".warc"}))
        return f"unsupported file type: {Path(name).suffix or 'no extension'} (accepted: {known})"
    if suffix in TEXT_LIKE and looks_binary(data):
        return f"binary: {suffix} file whose content is not text"
    return None


@contextmanager
def saved_uploads(files: list[tuple[str, bytes]]) -> Iterator[list[str]]:
    """The accepted uploads written to a private temporary folder (removed afterwards), as paths."""
    with tempfile.TemporaryDirectory(prefix="newsgraph-upload-") as folder:
        paths = []
        for number, (name, data) in enumerate(files):
            safe = _UNSAFE_NAME.sub("_", Path(name).name).lstrip(".") or "upload"
            path = Path(folder) / f"{number:03d}-{safe}"
            path.write_bytes(data)
            paths.append(str(path))
        yield paths
