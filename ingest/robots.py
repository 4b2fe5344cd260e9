"""robots.txt: which paths a site lets crawlers fetch, and how slowly (Crawl-delay).

The rules of each site are fetched once per run through the same guarded fetcher and parsed with the
standard library's ``urllib.robotparser``. A site without a readable robots.txt (404, an error, a
non-text answer) is open to all, as crawlers conventionally treat it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from core.errors import IngestError
from ingest.netguard import RequestBudgetReached

logger = logging.getLogger(__name__)

MAX_CRAWL_DELAY = 60.0  # a site asking for more would stall the run; it gets a minute between requests


class RobotsRules:
    """robots.txt answers per site (scheme, host and port), fetched at most once each."""

    def __init__(self, fetch_text: Callable[[str], str], user_agent: str) -> None:
        self._fetch_text = fetch_text
        self._user_agent = user_agent
        self._parsers: dict[str, RobotFileParser | None] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def allowed(self, url: str) -> bool:
        parser = self._parser(url)
        return parser is None or parser.can_fetch(self._user_agent, url)

    def crawl_delay(self, url: str) -> float | None:
        parser = self._parser(url)
        delay = parser.crawl_delay(self._user_agent) if parser is not None else None
        return min(float(delay), MAX_CRAWL_DELAY) if delay is not None else None

    def _parser(self, url: str) -> RobotFileParser | None:
        parts = urlsplit(url)
        site = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        with self._guard:
            lock = self._locks.setdefault(site, threading.Lock())
        with lock:  # one download per site even when several threads ask at once
            if site not in self._parsers:
                self._parsers[site] = self._load(site)
            return self._parsers[site]

    def _load(self, site: str) -> RobotFileParser | None:
        try:
            text = self._fetch_text(f"{site}/robots.txt")
        except RequestBudgetReached:
            raise  # not an answer about the site: nothing is cached, and the page is not fetched either
        except IngestError as e:
            logger.info("no usable robots.txt at %s (%s): all paths allowed", site, e)
            return None
        parser = RobotFileParser()
        parser.parse(text.splitlines())
        return parser
