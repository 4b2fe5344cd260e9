"""``read_sources``: every kind of source in, a stream of Article or Skipped out, deduplicated.

Streaming end to end: files are read one at a time, links fetched through a bounded window, and only
the small dedup indexes grow with the corpus, so 10,000 documents do not pile up in memory.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from core.errors import IngestError
from core.records import Article, Skipped
from core.settings import Settings
from ingest.article import build_article
from ingest.dedup import Deduplicator, SeenIndex
from ingest.feeds import Link
from ingest.fetch import Fetcher
from ingest.files import read_file, walk
from ingest.netguard import ALLOWED_SCHEMES
from ingest.normalize import shown_url
from ingest.web import Item, LinkResolver

logger = logging.getLogger(__name__)

_LOOKS_LIKE_A_HOST = re.compile(r"^(www\.)?[\w-]+(\.[\w-]+)*\.[a-z]{2,}(/|$)", re.IGNORECASE)
_SCHEME = re.compile(r"^\s*([a-z][a-z0-9+.-]*)://", re.IGNORECASE)


def read_sources(
    sources: Sequence[str],
    settings: Settings,
    seen: SeenIndex | None = None,
    *,
    fetcher: Fetcher | None = None,
) -> Iterator[Article | Skipped]:
    """Articles from files, folders, URLs, feeds and sitemaps, in source order; problems as Skipped.

    ``seen`` answers which URLs, hashes and ids earlier runs stored; those items are skipped as
    ``already ingested`` (URLs before they are downloaded). ``fetcher`` may be shared between calls; its
    request budget (``max_requests``) is then shared too, so give each run its own.
    """
    dedup = Deduplicator(seen)
    own_fetcher = fetcher is None
    active = fetcher or Fetcher(settings)
    resolver = LinkResolver(active, settings, dedup.check_url)
    try:
        for item in resolver.resolve(_items(sources, settings)):
            if isinstance(item, Skipped):
                yield item
                continue
            try:
                article = build_article(item)
            except IngestError as e:
                yield Skipped(item.origin, str(e))
                continue
            except Exception as e:  # an unforeseen error costs this item, not the run
                logger.exception("unexpected error building the article of %s", item.origin)
                yield Skipped(item.origin, internal_error(e))
                continue
            yield dedup.admit(article)
    finally:
        resolver.close()
        if own_fetcher:
            active.close()


def _items(sources: Sequence[str], settings: Settings) -> Iterator[Item]:
    for source in sources:
        kind = source_kind(source)
        if not source.strip():  # as a path, "" is the working folder: an unset variable would ingest all of it
            yield Skipped(repr(source), "empty source: give a file, folder or URL")
        elif kind == "url":
            yield Link(source.strip())  # checked, like every link, where the resolver takes it in
        elif kind == "refused":
            yield Skipped(source, f"refused URL: scheme {_scheme(source)}:// is not fetched, only http and https")
        else:
            yield from _path_items(Path(source).expanduser(), settings)


def source_kind(source: str) -> str:
    """``url`` (http/https), ``refused`` (another scheme such as file:// or ftp://) or ``path``.

    Only the scheme is looked at (a malformed URL is still a URL, skipped with its reason later).
    """
    if "://" in source:
        return "url" if _scheme(source) in ALLOWED_SCHEMES else "refused"
    return "path"


def _scheme(source: str) -> str:
    match = _SCHEME.match(source)
    return match.group(1).lower() if match else ""


def _path_items(root: Path, settings: Settings) -> Iterator[Item]:
    try:
        exists = root.exists()
    except OSError as e:  # a name too long for the file system, and the like
        yield Skipped(shown_url(str(root)), f"not found: {e.strerror or e}")
        return
    if not exists:
        hint = " (for a web page give the whole URL, with https://)" if _LOOKS_LIKE_A_HOST.match(str(root)) else ""
        yield Skipped(str(root), f"not found: no such file or folder{hint}")
        return
    for entry in walk(root):
        if isinstance(entry, Skipped):
            yield entry
            continue
        try:
            yield from read_file(entry, settings.max_bytes)
        except Exception as e:  # a bug or an unforeseen library error costs this file, not the run
            logger.exception("unexpected error reading %s", entry)
            yield Skipped(str(entry), internal_error(e))


def internal_error(error: Exception) -> str:
    """The skip reason for an error nobody foresaw (the log has the traceback)."""
    return f"internal error: {type(error).__name__}: {error}"[:300]
