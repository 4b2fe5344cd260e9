"""URLs, feed entries and sitemap pages: fetched in parallel (bounded, in order) and turned into drafts.

A fetched document is whatever it turns out to be: a page gives a draft; a feed or a sitemap gives more
links, fetched in turn (nesting is limited, so a sitemap index pointing at itself ends). A page that
only forwards with ``<meta http-equiv="refresh">`` is followed like an HTTP redirect.

Every link, from whatever source, is checked where the resolver takes it in, before any request: a
malformed URL, a sitemap nested too deep, a URL already known, and a run out of requests
(``max_requests``) each make a Skipped.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace

from core.errors import IngestError
from core.records import Skipped
from core.settings import Settings
from ingest.article import ArticleDraft
from ingest.decode import decode_bytes
from ingest.feeds import Link, PayloadKind, classify_payload, listing_links, maybe_gunzip, truncated
from ingest.fetch import Fetcher
from ingest.html import MetaRefresh, extract_html
from ingest.netguard import RequestBudgetReached, redirect_target
from ingest.normalize import canonical_url, shown_url, url_problem
from ingest.textfile import parse_text_document

logger = logging.getLogger(__name__)

MAX_LINK_DEPTH = 3  # source URL → sitemap index → sitemap → page
Item = ArticleDraft | Skipped | Link


def fetch_link(link: Link, fetcher: Fetcher, settings: Settings, depth: int = 0) -> list[Item]:
    """What one URL holds: a draft, more links (feed, sitemap), or a Skipped with the reason."""
    try:
        return _fetch_and_read(link, fetcher, settings, depth)
    except IngestError as e:
        return [Skipped(link.url, str(e))]
    except Exception as e:  # runs in a worker thread: an unforeseen error must come back as this link's skip
        logger.exception("unexpected error fetching %s", link.url)
        return [Skipped(link.url, f"internal error: {type(e).__name__}: {e}"[:300])]


def _fetch_and_read(link: Link, fetcher: Fetcher, settings: Settings, depth: int) -> list[Item]:
    url = link.url
    for _hop in range(settings.max_redirects + 1):
        result = fetcher.fetch(url)
        body, cut = maybe_gunzip(result.body, settings.max_bytes, result.url)
        kind = classify_payload(result.content_type, body)
        if kind in ("feed", "sitemap"):
            return _expand_listing(kind, body, result.url, depth, cut)
        if cut:
            raise IngestError(truncated("the page is not read"))
        text = decode_bytes(body, result.content_type_header)
        if kind == "text":
            return [parse_text_document(text, url).with_fallbacks(link.hints or ArticleDraft("", url, url=result.url))]
        try:
            draft = extract_html(text, url, result.url)
        except MetaRefresh as e:
            url = redirect_target(result.url, e.target)
            logger.debug("meta refresh %s -> %s", result.url, url)
            continue
        return [replace(draft, origin=link.url).with_fallbacks(link.hints)]
    raise IngestError(f"too many redirects: more than {settings.max_redirects} meta refreshes from {link.url}")


def _expand_listing(kind: PayloadKind, body: bytes, url: str, depth: int, cut: bool) -> list[Item]:
    if depth >= MAX_LINK_DEPTH:
        raise IngestError(f"too deep: {kind} nested more than {MAX_LINK_DEPTH} levels")
    return [*listing_links(kind, body, url, base_url=url, cut=cut)]


class LinkResolver:
    """Fetches the links in a stream of items with a thread pool, yielding results in stream order.

    At most ``2 × fetch_concurrency`` fetches are in flight, so memory stays flat however long the
    feed or sitemap; links already known (``known_url``) are skipped without a request.
    """

    def __init__(
        self,
        fetcher: Fetcher,
        settings: Settings,
        known_url: Callable[[str, str], Skipped | None],
    ) -> None:
        self._fetcher = fetcher
        self._settings = settings
        self._known_url = known_url
        self._workers = max(1, settings.fetch_concurrency)
        self._pool = ThreadPoolExecutor(self._workers, thread_name_prefix="newsgraph-fetch")
        self._requested: set[str] = set()  # canonical URLs fetched in this run: feeds, sitemaps and pages

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def resolve(self, items: Iterable[Item], depth: int = 0) -> Iterator[ArticleDraft | Skipped]:
        window: deque[Future[list[Item]] | list[Item]] = deque()
        for item in items:
            window.append(self._start(item, depth))
            while window and (len(window) > 2 * self._workers or _ready(window[0])):
                yield from self._finish(window.popleft(), depth)
        while window:
            yield from self._finish(window.popleft(), depth)

    def _start(self, item: Item, depth: int) -> Future[list[Item]] | list[Item]:
        if not isinstance(item, Link):
            return [item]
        problem = url_problem(item.url)
        url = canonical_url(item.url) if problem is None else None
        if url is None:
            return [Skipped(shown_url(item.url), f"refused URL: {problem or 'not an absolute http(s) URL'}")]
        if item.sitemap and depth >= MAX_LINK_DEPTH:
            return [Skipped(item.url, f"too deep: sitemap nested more than {MAX_LINK_DEPTH} levels, not fetched")]
        known = self._known_url(url, item.url)
        if known is not None:
            return [known]
        if url in self._requested:
            return [Skipped(item.url, "duplicate: this URL was already fetched in this run")]
        try:
            self._fetcher.budget.check()
        except RequestBudgetReached as e:
            return [Skipped(item.url, str(e))]
        self._requested.add(url)
        return self._pool.submit(fetch_link, item, self._fetcher, self._settings, depth)

    def _finish(self, entry: Future[list[Item]] | list[Item], depth: int) -> Iterator[ArticleDraft | Skipped]:
        results = entry.result() if isinstance(entry, Future) else entry
        if any(isinstance(result, Link) for result in results):
            yield from self.resolve(results, depth + 1)
        else:
            yield from results  # type: ignore[misc]


def _ready(entry: Future[list[Item]] | list[Item]) -> bool:
    return not isinstance(entry, Future) or entry.done()
