"""What the Ingest page accepts before anything is read: URLs (http(s), public addresses) and uploads.

Kept free of Streamlit so the rules are plain functions; the readers in ingest/ check everything again.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from core.errors import IngestError
from core.records import Article, Skipped, unicode_text
from core.settings import Settings
from ingest.decode import looks_binary
from ingest.files import HTML_SUFFIXES, JSONL_SUFFIXES, SUPPORTED_SUFFIXES, TEXT_SUFFIXES, XML_SUFFIXES
from ingest.netguard import check_url
from ingest.normalize import shown_url

TEXT_LIKE = HTML_SUFFIXES + TEXT_SUFFIXES + (".jsonl", ".ndjson", ".xml", ".rss", ".atom")
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
MAX_PASTED_URLS = 200  # see url_cap
SAVED_NAME_LENGTH = 100  # characters of an upload's name kept in its saved copy's (file names take 255 bytes)


_LINE_END = re.compile(r"\r\n?|\n")


def split_urls(text: str) -> list[str]:
    """One URL a line; only a typed line end ends one (str.splitlines also breaks at U+2028 and U+0085, which cut
    "http://exa\u2028mple.com/" into "http://exa" and a second address)."""
    lines = (line.strip() for line in _LINE_END.split(text))
    return [line for line in lines if line and not line.startswith("#")]


def url_cap(settings: Settings) -> int:
    """How many URLs one submission takes.

    Each pasted URL is checked here, DNS lookup included, one after another while the page waits, so a fixed
    ``MAX_PASTED_URLS`` keeps a submission to seconds; a run fetching fewer (setting ``max_requests``, its request
    budget) would skip the rest anyway. A larger list belongs in a feed, a sitemap or ``newsgraph ingest``.
    """
    return max(1, min(MAX_PASTED_URLS, settings.max_requests))


def check_urls(urls: list[str], settings: Settings) -> tuple[list[str], list[Skipped]]:
    """URLs that may be fetched, and the refused ones with a one-line reason (scheme, private address…).

    At most ``url_cap`` URLs are looked at; the rest are one Skipped naming the cap. A refused URL is named on
    one line (control characters escaped) and cut at 300 characters.
    """
    accepted: list[str] = []
    refused: list[Skipped] = []
    cap = url_cap(settings)
    for url in urls[:cap]:
        if "://" not in url:
            reason = "refused URL: not a web address (it must start with http:// or https://)"
            refused.append(Skipped(shown_url(url), reason))
            continue
        try:
            check_url(url, settings.allow_private_urls)
        except IngestError as e:
            refused.append(Skipped(shown_url(url), str(e)))
            continue
        accepted.append(url)
    if len(urls) > cap:
        why = f"too many URLs: one submission takes at most {cap:,}; put more in a feed or a sitemap, or use the CLI"
        refused.append(Skipped(f"{len(urls) - cap:,} URLs after the first {cap:,}", why))
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
def saved_uploads(files: list[tuple[str, bytes]]) -> Iterator[dict[str, str]]:
    """The accepted uploads written to a private temporary folder (removed afterwards): each saved copy's path with
    the uploaded file's name."""
    with tempfile.TemporaryDirectory(prefix="newsgraph-upload-") as folder:
        saved = {}
        for number, (name, data) in enumerate(files):
            path = Path(folder) / f"{number:03d}-{_saved_name(name)}"
            path.write_bytes(data)
            saved[str(path)] = name
        yield saved


def as_uploaded(item: Article | Skipped, saved: Mapping[str, str]) -> Article | Skipped:
    """An item of an upload named by the file the user uploaded, not by the temporary copy that was read
    (``/tmp/newsgraph-upload-…/000-notes.txt:3`` is ``notes.txt:3``): a skipped item in its item and its reason, an
    article in the origin the graph keeps (the copy is gone once the run ends)."""
    read_from = item.item if isinstance(item, Skipped) else item.origin or ""
    for path, name in saved.items():
        if read_from.startswith(path):
            shown = shown_url(name)
            if isinstance(item, Article):
                return replace(item, origin=unicode_text(name) + read_from[len(path) :])
            reason = item.reason.replace(path, shown).replace(Path(path).name, shown)
            return Skipped(shown + read_from[len(path) :], reason)
    return item


def _saved_name(name: str) -> str:
    """The upload's name as a safe file name: letters, digits, ``.``, ``_`` and ``-``, cut short, its type suffix
    (which the readers go by) kept whole: ``.html`` is saved as ``upload.html``, not as ``html``."""
    base = Path(name).name
    suffix = suffix_of(base)
    stem = _UNSAFE_NAME.sub("_", base[: len(base) - len(suffix)]).lstrip(".")[:SAVED_NAME_LENGTH]
    return (stem or "upload") + suffix
