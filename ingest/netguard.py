"""Which URLs may be fetched: http(s) only, and no private, loopback or link-local addresses unless allowed.

The explorer accepts URLs from users, so a URL must not reach the machine's own services or the
local network (server-side request forgery). Addresses are checked twice: when the URL is accepted
(every address the name resolves to) and on the connected socket itself, so a name that resolves
differently the second time (DNS rebinding) still cannot reach a private address.

And how many: a ``RequestBudget`` (setting ``max_requests``) bounds the requests of a run, whatever
the feeds and sitemaps it reads list.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import threading
from urllib.parse import urljoin, urlsplit

from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from core.errors import IngestError
from ingest.normalize import WEB_SCHEMES, shown_url, url_problem

logger = logging.getLogger(__name__)

ALLOWED_SCHEMES = WEB_SCHEMES
BUDGET_REACHED = "request budget reached"


class RefusedURL(IngestError):
    """A URL that is never fetched: wrong scheme, malformed, or pointing at a private address."""

    def __init__(self, url: str, why: str) -> None:
        super().__init__(f"refused URL: {why}")
        self.url = url


class RequestBudgetReached(IngestError):
    """The run has made ``max_requests`` requests; the URL is skipped without one."""

    def __init__(self) -> None:
        super().__init__(BUDGET_REACHED)


class RequestBudget:
    """At most ``limit`` HTTP requests, counted across the fetching threads; one warning when it runs out."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._used = 0
        self._warned = False
        self._lock = threading.Lock()

    @property
    def used(self) -> int:
        return self._used

    def check(self) -> None:
        """Raise RequestBudgetReached when no request is left (without spending one)."""
        self._take(spend=False)

    def spend(self) -> None:
        """Count one request about to be sent; RequestBudgetReached when none is left."""
        self._take(spend=True)

    def _take(self, *, spend: bool) -> None:
        with self._lock:
            if self._used < self._limit:
                if spend:
                    self._used += 1
                return
            first, self._warned = not self._warned, True
        if first:
            logger.warning(
                "%s: %d requests made (max_requests); the URLs left over are skipped", BUDGET_REACHED, self._limit
            )
        raise RequestBudgetReached()


def is_public_address(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def check_url(url: str, allow_private: bool) -> str:
    """Return the URL's host when it may be fetched; raise RefusedURL otherwise (resolves the name)."""
    problem = url_problem(url.strip())
    if problem is not None:
        raise RefusedURL(url, problem)
    parts = urlsplit(url.strip())
    port = parts.port
    host = parts.hostname or ""
    if parts.username or parts.password:
        raise RefusedURL(url, "credentials in the URL are not sent")
    if "%" in host:
        raise RefusedURL(url, "scoped IPv6 addresses (with a zone id) are link-local and not fetched")
    if allow_private:
        return host
    for address in _resolve(url, host, port or (443 if parts.scheme.lower() == "https" else 80)):
        if not is_public_address(address):
            raise RefusedURL(url, f"{host} resolves to the non-public address {address} (see allow_private_urls)")
    return host


def redirect_target(current: str, location: str) -> str:
    """The absolute address a redirect (Location header, meta refresh) points to; RefusedURL when malformed."""
    problem: str | None
    try:
        target = urljoin(current, location.strip())
    except ValueError as e:
        target, problem = location, f"malformed URL ({str(e)[:100]})"
    else:
        problem = url_problem(target)
    if problem is not None:
        raise RefusedURL(target, f"{problem} in a redirect to {shown_url(target, 200)}")
    return target


def _resolve(url: str, host: str, port: int) -> set[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, ValueError) as e:
        raise IngestError(f"network error: cannot resolve {host} ({e})") from e
    return {str(info[4][0]) for info in infos}


def _check_peer(sock: socket.socket, host: str) -> None:
    address = sock.getpeername()[0]
    if not is_public_address(address):
        sock.close()
        raise RefusedURL(host, f"{host} connected to the non-public address {address}")


class _GuardedHTTPConnection(HTTPConnection):
    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        _check_peer(sock, self.host)
        return sock


class _GuardedHTTPSConnection(HTTPSConnection):
    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        _check_peer(sock, self.host)
        return sock


class GuardedHTTPConnectionPool(HTTPConnectionPool):
    ConnectionCls = _GuardedHTTPConnection


class GuardedHTTPSConnectionPool(HTTPSConnectionPool):
    ConnectionCls = _GuardedHTTPSConnection


GUARDED_POOL_CLASSES = {"http": GuardedHTTPConnectionPool, "https": GuardedHTTPSConnectionPool}
