"""Polite, bounded HTTP fetching: robots.txt, timeouts, a size cap, a redirect limit, per-host delay, retries.

urllib3 does the HTTP (pooling, gzip/deflate decoding); redirects are followed here, one hop at a time,
because every hop must pass the URL checks of ``ingest.netguard`` and loops must be told apart from
long chains. The size cap applies to the decoded body, so a small gzip bomb cannot get past it.
"""

from __future__ import annotations

import email.utils
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType

import urllib3
from urllib3.exceptions import HTTPError, LocationValueError, NameResolutionError, NewConnectionError, SSLError
from urllib3.exceptions import TimeoutError as Urllib3Timeout

from core.errors import IngestError
from core.settings import Settings
from ingest.netguard import GUARDED_POOL_CLASSES, RefusedURL, RequestBudget, check_url, redirect_target
from ingest.robots import RobotsRules

logger = logging.getLogger(__name__)

ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,"
    "text/plain;q=0.8,*/*;q=0.5"
)
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_RETRY_AFTER = 60.0
_CHUNK = 65_536
# Bodies worth downloading: pages, feeds, sitemaps (gzip-compressed sitemaps too), plain text.
_TEXTUAL = ("text/", "application/xhtml", "application/xml", "application/rss", "application/atom")
_COMPRESSED = ("application/gzip", "application/x-gzip")


@dataclass(frozen=True, slots=True)
class FetchResult:
    url: str  # the address after redirects
    content_type: str  # media type, lower case, without parameters ("" when the server sent none)
    content_type_header: str  # the full header, with any charset
    body: bytes


class HostThrottle:
    """At most one request per host every ``delay`` seconds, shared by all fetching threads."""

    def __init__(self, delay: float, sleep: Callable[[float], None] = time.sleep) -> None:
        self._delay = delay
        self._sleep = sleep
        self._next_slot: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, host: str, delay: float | None = None) -> None:
        """Block until ``host`` may be asked again; ``delay`` (a site's Crawl-delay) can only lengthen the gap."""
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next_slot.get(host, 0.0))
            self._next_slot[host] = slot + max(self._delay, delay or 0.0)
        if slot > now:
            self._sleep(slot - now)


class Fetcher:
    """Fetches URLs under the ingest settings; one instance is shared by the threads of a run.

    ``budget`` counts every request it sends (each redirect hop, retry and robots.txt) against the
    setting ``max_requests``: one Fetcher per run, as ``read_sources`` makes it.
    """

    def __init__(self, settings: Settings, *, backoff: float = 1.0, sleep: Callable[[float], None] = time.sleep):
        self._settings = settings
        self._backoff = backoff
        self._sleep = sleep
        self._throttle = HostThrottle(settings.host_delay, sleep)
        self.budget = RequestBudget(settings.max_requests)
        self._pool = urllib3.PoolManager(
            num_pools=64,
            maxsize=max(1, settings.fetch_concurrency),
            headers={"User-Agent": settings.user_agent, "Accept": ACCEPT, "Accept-Encoding": "gzip, deflate"},
        )
        if not settings.allow_private_urls:
            self._pool.pool_classes_by_scheme = GUARDED_POOL_CLASSES
        self._robots = RobotsRules(self._robots_txt, settings.user_agent) if settings.respect_robots_txt else None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._pool.clear()

    def fetch(self, url: str) -> FetchResult:
        """Download one URL, following redirects; raise IngestError with the reason when it cannot."""
        return self._fetch(url, self._robots)

    def _robots_txt(self, url: str) -> str:
        return self._fetch(url, None).body.decode("utf-8", errors="replace")

    def _fetch(self, url: str, robots: RobotsRules | None) -> FetchResult:
        visited: list[str] = []
        current = url
        while True:
            host = check_url(current, self._settings.allow_private_urls)
            if robots is not None and not robots.allowed(current):
                raise IngestError(f"disallowed by robots.txt: {current}")
            visited.append(current)
            outcome = self._with_retries(current, host, robots.crawl_delay(current) if robots else None)
            if isinstance(outcome, FetchResult):
                return outcome
            target = redirect_target(current, outcome)
            if target in visited:
                raise IngestError(f"redirect loop: {' -> '.join([*visited, target])}")
            if len(visited) > self._settings.max_redirects:
                raise IngestError(f"too many redirects: more than {self._settings.max_redirects} from {url}")
            logger.debug("redirect %s -> %s", current, target)
            current = target

    def _with_retries(self, url: str, host: str, crawl_delay: float | None) -> FetchResult | str:
        """A FetchResult, or the Location of a redirect; transient failures are retried with backoff."""
        retries = max(0, self._settings.fetch_retries)
        for attempt in range(retries + 1):
            self.budget.spend()
            self._throttle.wait(host, crawl_delay)
            try:
                return self._attempt(url)
            except _Transient as e:
                if attempt == retries:
                    raise IngestError(e.reason) from e
                delay = e.retry_after if e.retry_after is not None else self._backoff * 2**attempt
                logger.info("%s: %s; retry %d of %d in %.1fs", url, e.reason, attempt + 1, retries, delay)
                self._sleep(delay)
        raise AssertionError("unreachable: the loop returns or raises")

    def _attempt(self, url: str) -> FetchResult | str:
        timeout = self._settings.fetch_timeout
        deadline = time.monotonic() + timeout
        try:
            response = self._pool.request(
                "GET",
                url,
                redirect=False,
                retries=False,
                preload_content=False,
                timeout=urllib3.Timeout(connect=timeout, read=timeout),
            )
        except NameResolutionError as e:
            raise IngestError(f"network error: cannot resolve the host of {url}") from e
        except LocationValueError as e:  # a host urllib3's IDNA 2008 refuses; retrying cannot help
            raise RefusedURL(url, f"malformed URL ({_short(e)})") from e
        except NewConnectionError as e:  # urllib3 counts it a timeout; a refused connection came back at once
            if isinstance(e.__cause__ or e.__context__, TimeoutError) or "timed out" in str(e):
                raise _Transient(f"timeout: no answer from {url} within {timeout:g}s") from e
            raise _Transient(f"network error: cannot connect to {url} ({_short(e)})") from e
        except Urllib3Timeout as e:
            raise _Transient(f"timeout: no answer from {url} within {timeout:g}s") from e
        except SSLError as e:  # a bad certificate or no TLS at all: retrying cannot help
            raise IngestError(f"network error: TLS failed for {url} ({_short(e)})") from e
        except HTTPError as e:
            raise _Transient(f"network error: {_short(e)}") from e
        try:
            outcome = self._handle(url, response, deadline)
            if isinstance(outcome, str):
                response.close()  # a redirect's body is not wanted; closing beats reading it
            return outcome
        except BaseException:
            response.close()  # unread data must not go back to the pool with the connection
            raise
        finally:
            response.release_conn()

    def _handle(self, url: str, response: urllib3.BaseHTTPResponse, deadline: float) -> FetchResult | str:
        status = response.status
        if status in REDIRECT_STATUSES:
            location = response.headers.get("Location")
            if not location:
                raise IngestError(f"http error: {status} redirect without a Location header")
            return location
        if status in RETRY_STATUSES:
            raise _Transient(f"http error: {status} {response.reason or ''}".strip(), _retry_after(response))
        if status >= 400 or status < 200:
            raise IngestError(f"http error: {status} {response.reason or ''}".strip())
        header = response.headers.get("Content-Type", "")
        media_type = header.split(";")[0].strip().lower()
        if media_type and not media_type.startswith(_TEXTUAL + _COMPRESSED) and not media_type.endswith("+xml"):
            raise IngestError(f"unsupported content type: {media_type} at {url}")
        return FetchResult(
            url=url, content_type=media_type, content_type_header=header, body=self._read_body(url, response, deadline)
        )

    def _read_body(self, url: str, response: urllib3.BaseHTTPResponse, deadline: float) -> bytes:
        limit = self._settings.max_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise IngestError(f"too large: {url} is {int(declared):,} bytes, over max_bytes {limit:,}")
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.stream(_CHUNK, decode_content=True):
                size += len(chunk)
                if size > limit:
                    raise IngestError(f"too large: {url} is over max_bytes {limit:,} bytes")
                if time.monotonic() > deadline:
                    raise _Transient(f"timeout: {url} did not finish within {self._settings.fetch_timeout:g}s")
                chunks.append(chunk)
        except Urllib3Timeout as e:
            raise _Transient(f"timeout: {url} stalled for {self._settings.fetch_timeout:g}s") from e
        except HTTPError as e:
            raise _Transient(f"network error: {url} broke off ({_short(e)})") from e
        return b"".join(chunks)


class _Transient(Exception):
    """A failure worth retrying: timeouts, dropped connections, 429 and 5xx answers."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


def _retry_after(response: urllib3.BaseHTTPResponse) -> float | None:
    value = (response.headers.get("Retry-After") or "").strip()
    if not value:
        return None
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return min(max(0.0, moment.timestamp() - time.time()), MAX_RETRY_AFTER)


def _short(error: Exception) -> str:
    return str(error).split(": ", 1)[-1][:200]
