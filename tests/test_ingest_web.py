"""URLs, feeds and sitemaps against a real HTTP server on 127.0.0.1 started by the test (no internet)."""

from __future__ import annotations

import contextlib
import gzip
import itertools
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from core.errors import IngestError
from core.records import Article, Skipped
from ingest import MemorySeenIndex, feeds, read_sources
from ingest.fetch import Fetcher
from ingest.netguard import GuardedHTTPConnectionPool, RefusedURL, check_url
from ingest.normalize import shown_url

DATA = Path(__file__).parent / "data" / "ingest"
HTML = "text/html; charset=utf-8"


@dataclass
class Reply:
    status: int = 200
    content_type: str | None = HTML
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class Seen:
    path: str
    user_agent: str
    at: float


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        self.server.requests.append(Seen(self.path, self.headers.get("User-Agent", ""), time.monotonic()))
        route = self.server.routes.get(self.path)
        reply = route(self) if callable(route) else route
        if reply is None:
            reply = Reply(404, "text/plain", b"not here")
        if reply.delay:
            time.sleep(reply.delay)
        self.send_response(reply.status)
        if reply.content_type:
            self.send_header("Content-Type", reply.content_type)
        for key, value in reply.headers.items():
            self.send_header(key, value)
        if "Content-Length" not in reply.headers:
            self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        # The client may give up (timeout, size cap): that is what those tests want.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(reply.body)

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes: dict[str, Reply | Callable[[_Handler], Reply]] = {}
        self.requests: list[Seen] = []

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def handle_error(self, request: object, client_address: object) -> None:
        pass

    def pages(self) -> list[Seen]:
        """Requests other than the robots.txt lookups."""
        return [r for r in self.requests if r.path != "/robots.txt"]

    def paths(self) -> list[str]:
        return [r.path for r in self.pages()]


def _file(name: str, base: str = "") -> bytes:
    return (DATA / name).read_text(encoding="utf-8").replace("{base}", base).encode("utf-8")


@pytest.fixture
def server() -> Iterator[_Server]:
    httpd = _Server()
    base = httpd.base
    xml = "application/xml"
    flaky_calls = {"n": 0}

    def flaky(_handler: _Handler) -> Reply:
        flaky_calls["n"] += 1
        if flaky_calls["n"] < 3:
            return Reply(503, "text/plain", b"busy", {"Retry-After": "0"})
        return Reply(body=_file("second.html"))

    httpd.routes.update(
        {
            "/article.html": Reply(body=_file("article_full.html")),
            "/second.html": Reply(body=_file("second.html")),
            "/gzip.html": Reply(body=gzip.compress(_file("second.html")), headers={"Content-Encoding": "gzip"}),
            "/slow.html": Reply(body=_file("second.html"), delay=1.5),
            "/loop": Reply(302, None, headers={"Location": "/loop"}),
            "/redirect": Reply(301, None, headers={"Location": f"{base}/second.html"}),
            "/image.png": Reply(content_type="image/png", body=b"\x89PNG\r\n\x1a\n" + b"\x00" * 100),
            "/big.html": Reply(body=b"<html>" + b"x" * 2_000_000),
            "/bomb.html": Reply(
                body=gzip.compress(b"<html><body>" + b"a" * 20_000_000), headers={"Content-Encoding": "gzip"}
            ),
            "/flaky.html": flaky,
            "/refresh.html": Reply(
                body=f'<html><head><meta http-equiv="refresh" content="0;url={base}/second.html">'
                "</head><body></body></html>".encode()
            ),
            "/plain.txt": Reply(
                content_type="text/plain; charset=utf-8",
                body=b"Title: Plain story\nDate: 2023-03-10\n\nThe council met on Friday and approved the budget.",
            ),
            "/feed.xml": Reply(content_type="application/rss+xml", body=_file("feed_rss.xml", base)),
            "/atom.xml": Reply(content_type="application/atom+xml", body=_file("feed_atom.xml", base)),
            "/invalid-feed.xml": Reply(content_type=xml, body=_file("invalid_feed.xml", base)),
            "/sitemap-index.xml": Reply(content_type=xml, body=_file("sitemap_index.xml", base)),
            "/sitemap-news.xml": Reply(content_type=xml, body=_file("sitemap_news.xml", base)),
            "/sitemap.xml.gz": Reply(
                content_type="application/gzip", body=gzip.compress(_file("sitemap_news.xml", base))
            ),
        }
    )
    for n in range(10):
        httpd.routes[f"/chain/{n}"] = Reply(302, None, headers={"Location": f"/chain/{n + 1}"})
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


@pytest.fixture
def settings(base_settings):
    """Loopback is allowed explicitly: the test server lives on 127.0.0.1."""
    return base_settings.replace(
        allow_private_urls=True, host_delay=0.0, fetch_retries=0, fetch_timeout=5.0, max_bytes=1_000_000
    )


def run(urls, settings, seen=None):
    with Fetcher(settings, backoff=0.01) as fetcher:
        items = list(read_sources(urls, settings, seen, fetcher=fetcher))
    articles = [i for i in items if isinstance(i, Article)]
    skipped = [i for i in items if isinstance(i, Skipped)]
    return articles, skipped


def test_a_page_with_its_metadata_and_our_user_agent(server, settings):
    (article,), skipped = run([f"{server.base}/article.html"], settings)
    assert skipped == []
    assert article.url == "https://balkanledger.example.com/2023/03/belgrade-cameras-vote"
    assert article.origin == f"{server.base}/article.html"
    assert (article.published, article.author, article.source) == ("2023-03-14", "Milica Radović", "The Balkan Ledger")
    assert "told reporters outside the chamber" in article.text
    assert server.requests[0].user_agent == settings.user_agent


def test_loopback_is_refused_unless_allowed(server, settings):
    articles, skipped = run([f"{server.base}/article.html"], settings.replace(allow_private_urls=False))
    assert articles == []
    assert skipped == [
        Skipped(
            f"{server.base}/article.html",
            "refused URL: 127.0.0.1 resolves to the non-public address 127.0.0.1 (see allow_private_urls)",
        )
    ]
    assert server.requests == [], "nothing may reach the private address"


def test_a_refused_connection_is_no_timeout(settings):
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there now: the connection is refused at once
    _, (skipped,) = run([f"http://127.0.0.1:{port}/x"], settings)
    assert skipped.reason.startswith(f"network error: cannot connect to http://127.0.0.1:{port}/x")
    assert "timeout" not in skipped.reason


def test_a_dns_name_resolving_to_loopback_is_refused(server, settings):
    port = server.server_address[1]
    _, (skipped,) = run([f"http://localhost:{port}/article.html"], settings.replace(allow_private_urls=False))
    assert skipped.reason.startswith("refused URL: localhost resolves to the non-public address")
    assert server.requests == []


@pytest.mark.parametrize(
    "url",
    [
        "http://[::1]/",
        "http://2130706433/",
        "http://0x7f000001/",
        "http://017700000001/",
        "http://0/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::ffff:127.0.0.1]/",
        "http://10.0.0.1/",
        "http://192.168.1.1/admin",
        "http://100.64.0.1/",
        "https://[fd00::1]/",
    ],
)
def test_hostile_urls_are_refused(url, settings):
    with pytest.raises(RefusedURL, match="non-public address"):
        check_url(url, allow_private=False)
    _, (skipped,) = run([url], settings.replace(allow_private_urls=False))
    assert skipped.reason.startswith("refused URL:")


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://user:secret@example.com/", "credentials in the URL are not sent"),
        ("gopher://example.com/", "scheme gopher:// is not fetched"),
        ("http:///nohost", "no host name"),
        ("http://example.com:99999/", "malformed URL"),
        ("http://[fe80::1%25eth0]/", "scoped IPv6 addresses"),
    ],
)
def test_malformed_urls_are_refused(url, why):
    with pytest.raises(RefusedURL, match=why):
        check_url(url, allow_private=False)


def test_the_connection_itself_is_checked_against_dns_rebinding(server):
    # A name that resolved to a public address at the check could resolve to 127.0.0.1 at connect time;
    # the guarded connection looks at the socket's real peer address.
    pool = GuardedHTTPConnectionPool("127.0.0.1", server.server_address[1])
    with pytest.raises(RefusedURL, match=r"connected to the non-public address 127\.0\.0\.1"):
        pool.request("GET", "/article.html", retries=False)
    pool.close()
    assert server.requests == []


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing.html", "http error: 404 Not Found"),
        ("/loop", "redirect loop: {base}/loop -> {base}/loop"),
        ("/chain/0", "too many redirects: more than 5 from {base}/chain/0"),
        ("/image.png", "unsupported content type: image/png at {base}/image.png"),
        ("/big.html", "too large: {base}/big.html is 2,000,006 bytes, over max_bytes 1,000,000"),
        ("/bomb.html", "too large: {base}/bomb.html is over max_bytes 1,000,000 bytes"),
        ("/invalid-feed.xml", "invalid feed:"),
    ],
)
def test_bad_urls_are_skipped_with_the_reason(server, settings, path, reason):
    articles, (skipped,) = run([server.base + path], settings)
    assert articles == []
    assert skipped.item == server.base + path
    assert skipped.reason.startswith(reason.format(base=server.base))


def test_a_url_that_times_out_is_retried_then_skipped(server, settings):
    started = time.monotonic()
    _, (skipped,) = run([f"{server.base}/slow.html"], settings.replace(fetch_timeout=0.3, fetch_retries=1))
    elapsed = time.monotonic() - started
    assert skipped.reason == f"timeout: no answer from {server.base}/slow.html within 0.3s"
    # the server's thread records the retry's request on its own time: wait for it rather than read at once
    deadline = time.monotonic() + 5
    while len(server.paths()) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.paths() == ["/slow.html", "/slow.html"]
    assert elapsed < 2.5  # two tries of 0.3 s and a short backoff; without the timeout they take 3 s


def test_transient_errors_are_retried_with_backoff(server, settings):
    (article,), skipped = run([f"{server.base}/flaky.html"], settings.replace(fetch_retries=3))
    assert skipped == []
    assert "I know people waited too long" in article.text
    assert server.paths() == ["/flaky.html"] * 3


def test_retries_give_up_with_the_last_error(server, settings):
    _, (skipped,) = run([f"{server.base}/flaky.html"], settings.replace(fetch_retries=1))
    assert skipped.reason == "http error: 503 Service Unavailable"


def test_gzip_page_then_copies_of_it_through_redirects_and_plain_text(server, settings):
    urls = [f"{server.base}/{p}" for p in ("gzip.html", "redirect", "refresh.html", "plain.txt")]
    articles, skipped = run(urls, settings)
    gzipped, plain = articles
    assert "I know people waited too long" in gzipped.text
    assert gzipped.url == f"{server.base}/gzip.html"
    assert skipped == [
        Skipped(f"{server.base}/redirect", f"duplicate: same text as article {gzipped.id}"),
        Skipped(f"{server.base}/refresh.html", f"duplicate: same text as article {gzipped.id}"),
    ]
    assert (plain.title, plain.published) == ("Plain story", "2023-03-10")
    assert plain.text == "The council met on Friday and approved the budget."
    assert plain.source == "127.0.0.1", "without a site name the host is the source"


def test_redirect_and_meta_refresh_land_on_the_target(server, settings):
    (by_redirect,), _ = run([f"{server.base}/redirect"], settings)
    (by_refresh,), _ = run([f"{server.base}/refresh.html"], settings)
    for article in (by_redirect, by_refresh):
        assert article.title == "Tram line opens two years late"
        assert article.url == f"{server.base}/second.html"
    assert by_refresh.origin == f"{server.base}/refresh.html"


def test_feed_entries_are_fetched_and_a_404_entry_does_not_stop_the_others(server, settings):
    articles, skipped = run([f"{server.base}/feed.xml"], settings)
    assert [a.title for a in articles] == [
        "Belgrade council delays vote on facial recognition cameras",
        "Tram line opens two years late",
    ]
    assert skipped == [Skipped(f"{server.base}/missing.html", "http error: 404 Not Found")]
    tram = articles[1]
    assert tram.published == "2023-03-12", "the feed's date fills in when the page has none"
    assert tram.source == "The Balkan Ledger"


def test_atom_feed(server, settings):
    (article,), skipped = run([f"{server.base}/atom.xml"], settings)
    assert skipped == [] and article.published == "2023-03-14"


def test_sitemap_index_with_a_cycle_and_news_sitemap(server, settings):
    articles, skipped = run([f"{server.base}/sitemap-index.xml"], settings)
    assert sorted(a.title for a in articles) == [
        "Belgrade council delays vote on facial recognition cameras",
        "Tram line opens two years late",
    ]
    tram = next(a for a in articles if a.title.startswith("Tram"))
    assert tram.published == "2023-03-12"
    assert skipped == [
        Skipped(f"{server.base}/sitemap-index.xml", "duplicate: this URL was already fetched in this run")
    ]


def test_gzip_compressed_sitemap(server, settings):
    articles, skipped = run([f"{server.base}/sitemap.xml.gz"], settings)
    assert len(articles) == 2 and skipped == []


def test_already_ingested_urls_are_not_downloaded_again(server, settings):
    first, _ = run([f"{server.base}/feed.xml"], settings)
    server.requests.clear()
    seen = MemorySeenIndex(first)
    articles, skipped = run([f"{server.base}/feed.xml"], settings, seen)
    assert articles == []
    assert [s.reason for s in skipped] == [
        f"already ingested: {first[0].url}",  # known only after download: its canonical URL is in the page
        "http error: 404 Not Found",
        f"already ingested: {server.base}/second.html",
    ]
    assert sorted(server.paths()) == ["/article.html", "/feed.xml", "/missing.html"], "a known URL is not fetched"


def test_per_host_delay_spaces_requests(server, settings):
    run([f"{server.base}/feed.xml"], settings.replace(host_delay=0.3, fetch_concurrency=4))
    times = [r.at for r in server.pages()]
    assert len(times) == 4
    gaps = [b - a for a, b in itertools.pairwise(times)]
    # 0.3 s apart when sent; a request leaving its slot late shortens the next gap the server sees, as in the
    # Crawl-delay test below: each gap against half the delay, the span of four requests against most of three
    assert min(gaps) >= 0.15, gaps
    assert times[-1] - times[0] >= 0.75, times


def test_feed_entries_are_fetched_in_parallel_and_kept_in_order(server, settings):
    items = "".join(f"<item><title>t{n}</title><link>{server.base}/slow{n}.html</link></item>" for n in range(4))
    server.routes["/slow-feed.xml"] = Reply(
        content_type="application/rss+xml",
        body=f"<rss version='2.0'><channel><title>s</title>{items}</channel></rss>".encode(),
    )
    for n in range(4):
        page = _file("second.html").replace(b"Tram line opens", f"Story {n}: tram line opens".encode())
        server.routes[f"/slow{n}.html"] = Reply(
            body=page.replace(b"first tram", f"tram number {n}".encode()), delay=0.5
        )
    articles, _ = run([f"{server.base}/slow-feed.xml"], settings.replace(fetch_concurrency=4))
    assert [a.title.split(":")[0] for a in articles] == ["Story 0", "Story 1", "Story 2", "Story 3"]
    # In parallel, all four requests reach the server before the first answer (half a second later) is sent; one
    # after the other, the last would be asked for a second and a half after the first. Not a time limit on the
    # whole run: a busy machine slows the page extraction, not when the requests are sent.
    arrivals = [r.at for r in server.pages() if r.path.startswith("/slow") and r.path.endswith(".html")]
    assert len(arrivals) == 4 and max(arrivals) - min(arrivals) < 0.5, arrivals


def test_fetcher_raises_ingest_errors_directly(server, settings):
    with Fetcher(settings) as fetcher:
        result = fetcher.fetch(f"{server.base}/gzip.html")
        assert result.content_type == "text/html" and b"Tram line opens" in result.body
        with pytest.raises(IngestError, match=r"^http error: 404"):
            fetcher.fetch(f"{server.base}/missing.html")


def test_the_command_fetches_local_urls_only_with_allow_private_urls(server, base_settings, monkeypatch, tmp_path):
    from click.testing import CliRunner

    from newsgraph.cli import cli

    monkeypatch.setenv("NEWSGRAPH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("NEWSGRAPH_HOST_DELAY", "0")
    url = f"{server.base}/second.html"
    refused = CliRunner().invoke(cli, ["ingest", url, "--no-graph", "--out", str(tmp_path / "a.jsonl")])
    assert refused.exit_code == 0 and "skipped, refused URL: 1" in refused.output
    assert server.requests == []
    allowed = CliRunner().invoke(
        cli, ["ingest", url, "--no-graph", "--out", str(tmp_path / "b.jsonl"), "--allow-private-urls"]
    )
    assert allowed.exit_code == 0 and "read 1, loaded 1" in allowed.output
    assert json.loads((tmp_path / "b.jsonl").read_text())["title"] == "Tram line opens two years late"


def _robots_feed(server: _Server, robots: str) -> str:
    server.routes["/robots.txt"] = Reply(content_type="text/plain", body=robots.encode())
    links = "".join(
        f"<item><title>{p}</title><link>{server.base}{p}</link></item>"
        for p in ("/article.html", "/private/secret.html", "/second.html")
    )
    server.routes["/robots-feed.xml"] = Reply(
        content_type="application/rss+xml",
        body=f"<rss version='2.0'><channel><title>r</title>{links}</channel></rss>".encode(),
    )
    secret = (
        "<html><head><title>Staff notice</title></head><body><article><p>The editorial board met on Monday to "
        "discuss the new newsroom schedule, which moves the morning meeting to nine o'clock from next week.</p>"
        "<p>Reporters who cover the city council will keep their current shifts until the budget debate ends in "
        "June, the managing editor wrote in a memo to staff.</p></article></body></html>"
    )
    server.routes["/private/secret.html"] = Reply(body=secret.encode())
    return f"{server.base}/robots-feed.xml"


def test_robots_txt_disallow_is_obeyed_and_read_once_per_site(server, settings):
    feed = _robots_feed(server, "User-agent: *\nDisallow: /private/\n")
    articles, skipped = run([feed], settings.replace(fetch_concurrency=4))
    assert [a.title for a in articles] == [
        "Belgrade council delays vote on facial recognition cameras",
        "Tram line opens two years late",
    ]
    secret = f"{server.base}/private/secret.html"
    assert skipped == [Skipped(secret, f"disallowed by robots.txt: {secret}")]
    assert [r.path for r in server.requests].count("/robots.txt") == 1
    assert "/private/secret.html" not in server.paths()


def test_robots_txt_can_be_switched_off(server, settings):
    feed = _robots_feed(server, "User-agent: *\nDisallow: /\n")
    articles, skipped = run([feed], settings.replace(respect_robots_txt=False))
    assert len(articles) == 3 and skipped == []
    assert "/robots.txt" not in [r.path for r in server.requests]


def test_robots_txt_rules_for_other_crawlers_do_not_apply_and_crawl_delay_spaces_requests(server, settings):
    feed = _robots_feed(server, "User-agent: othercrawler\nDisallow: /\n\nUser-agent: *\nCrawl-delay: 1\n")
    articles, skipped = run([feed], settings.replace(fetch_concurrency=4))
    assert len(articles) == 3 and skipped == []
    times = [r.at for r in server.pages()]
    # The fetcher books its slots a second apart; on a busy machine a request may leave its slot late, so the
    # gaps the server sees are checked against half the delay (without Crawl-delay they are near 0) and the
    # span of three requests against most of two delays.
    assert min(b - a for a, b in itertools.pairwise(times)) >= 0.5, "Crawl-delay: 1 spaces requests"
    assert times[-1] - times[0] >= 1.5, "Crawl-delay: 1 keeps three requests about two seconds apart"


def test_tls_failures_are_not_retried(server, settings):
    url = f"https://127.0.0.1:{server.server_address[1]}/article.html"  # the server speaks plain HTTP
    started = time.monotonic()
    _, (skipped,) = run([url], settings.replace(fetch_retries=3))
    assert skipped.reason.startswith(f"network error: TLS failed for {url}")
    assert time.monotonic() - started < 2.0


# Malformed URLs: wherever a URL comes in, a bad one is a Skipped (or only that field is dropped), never a crash.
MALFORMED_URLS = [
    "http://[::1",
    "http://[::1]]/",
    "http://[zz]/",
    "http://example.com:99999/",
    "http://example.com:abc/",
    "http://example.com:0/",
    "http://exa mple.com/",
    "http://example.com/a\x00b",
    "http://example.com/\r\nX-Injected: 1",
    "http://ex\x7fample.com/",
    "http://" + "a" * 5000 + ".com/",
    "http://" + "x" * 64 + ".com/",
    "http://a..b/",
    "http://ex%41mple.com/",
    "http://\u2603\u2603..com/",
    "http:///no-host",
    "http://:80/",
    "ftp://[::1",
]


@pytest.mark.parametrize("url", MALFORMED_URLS, ids=lambda u: repr(u[:40]))
def test_a_malformed_url_is_refused_before_any_request(url, settings):
    # allow_private_urls is on, so nothing is refused for its address: the URL itself must be the reason.
    articles, (skipped,) = run([url], settings)
    assert articles == []
    assert skipped.item == shown_url(url), "the item is named by the URL, shown on one line"
    assert skipped.item.isprintable() and len(skipped.item) <= 301
    assert skipped.reason.startswith("refused URL: ")
    assert "\n" not in skipped.reason and len(skipped.reason) < 400
    with pytest.raises(RefusedURL):
        check_url(url, allow_private=True)


def _rss(*links: str) -> bytes:
    items = "".join(f"<item><title>entry {n}</title><link>{link}</link></item>" for n, link in enumerate(links))
    return f"<rss version='2.0'><channel><title>s</title>{items}</channel></rss>".encode()


def test_a_feed_listing_malformed_urls_keeps_going(server, settings):
    bad = ["http://[::1", "http://example.com:99999/x", "javascript:alert(1)", "http://a..b/", "mailto:x@example.com"]
    server.routes["/bad-feed.xml"] = Reply(
        content_type="application/rss+xml", body=_rss(bad[0], f"{server.base}/second.html", *bad[1:])
    )
    articles, skipped = run([f"{server.base}/bad-feed.xml"], settings)
    assert [a.title for a in articles] == ["Tram line opens two years late"]
    assert len(skipped) == len(bad), skipped
    assert all(s.reason.startswith(("refused URL: ", "no link: ")) for s in skipped), skipped
    assert server.paths() == ["/bad-feed.xml", "/second.html"]


def test_a_sitemap_listing_malformed_urls_keeps_going(server, settings):
    locs = [*MALFORMED_URLS[:7], f"{server.base}/second.html"]
    urls = "".join(f"<url><loc>{loc}</loc></url>" for loc in locs)
    server.routes["/bad-sitemap.xml"] = Reply(
        content_type="application/xml",
        body=f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'.encode(),
    )
    articles, skipped = run([f"{server.base}/bad-sitemap.xml"], settings)
    assert [a.title for a in articles] == ["Tram line opens two years late"]
    assert [s.item for s in skipped] == MALFORMED_URLS[:7]
    assert all(s.reason.startswith("refused URL: ") for s in skipped), skipped


@pytest.mark.parametrize(
    "location", ["http://[::1", "http://example.com:99999/", "file:///etc/passwd", "http://exa mple.com/", "//:80/x"]
)
def test_a_redirect_to_a_malformed_url_is_refused(server, settings, location):
    server.routes["/bad-redirect"] = Reply(302, None, headers={"Location": location})
    _, (skipped,) = run([f"{server.base}/bad-redirect"], settings)
    assert skipped.reason.startswith("refused URL: "), skipped
    assert server.paths() == ["/bad-redirect"]


def test_a_meta_refresh_to_a_malformed_url_is_refused(server, settings):
    server.routes["/bad-refresh.html"] = Reply(
        body=b'<html><head><meta http-equiv="refresh" content="0;url=http://[::1"></head><body></body></html>'
    )
    _, (skipped,) = run([f"{server.base}/bad-refresh.html"], settings)
    assert skipped.reason.startswith("refused URL: "), skipped


@pytest.mark.parametrize(
    "canonical", ["http://[::1", "http://example.com:99999/story", "http://" + "x" * 64 + ".com/", "http://a..b/"]
)
def test_a_malformed_canonical_url_in_a_page_is_dropped_for_the_address_it_came_from(server, settings, canonical):
    page = _file("second.html").replace(b"<head>", f'<head><link rel="canonical" href="{canonical}">'.encode(), 1)
    assert canonical.encode() in page
    server.routes["/bad-canonical.html"] = Reply(body=page)
    (article,), skipped = run([f"{server.base}/bad-canonical.html"], settings)
    assert skipped == []
    assert article.url == f"{server.base}/bad-canonical.html"


@pytest.mark.parametrize("kind", ["feed", "urlset", "sitemapindex"])
def test_a_listing_gives_at_most_max_listing_links_and_says_what_it_left_out(server, settings, monkeypatch, kind):
    monkeypatch.setattr(feeds, "MAX_LISTING_LINKS", 2)
    urls = [f"{server.base}/gone{n}.xml" for n in range(6)]
    if kind == "feed":
        body = _rss(*urls)
    else:
        entry = "url" if kind == "urlset" else "sitemap"
        locs = "".join(f"<{entry}><loc>{url}</loc></{entry}>" for url in urls)
        body = f'<{kind} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</{kind}>'.encode()
    server.routes["/long-listing.xml"] = Reply(content_type="application/xml", body=body)
    _, skipped = run([f"{server.base}/long-listing.xml"], settings)
    assert [s.reason for s in skipped] == [
        "http error: 404 Not Found",
        "http error: 404 Not Found",
        "too many links: 4 entries past the first 2 are not read",
    ]
    assert skipped[-1].item == f"{server.base}/long-listing.xml"
    assert sorted(server.paths()) == ["/gone0.xml", "/gone1.xml", "/long-listing.xml"]


# Bounded runs: nesting is checked before a request, and a run makes at most max_requests requests.
def _endless_sitemaps(server: _Server, children: int) -> str:
    """Every /nest/….xml is a sitemap index of ``children`` more, without end."""

    def index(handler: _Handler) -> Reply:
        stem = handler.path.removesuffix(".xml")
        locs = "".join(f"<sitemap><loc>{server.base}{stem}-{n}.xml</loc></sitemap>" for n in range(children))
        body = f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</sitemapindex>'
        return Reply(content_type="application/xml", body=body.encode())

    server.routes.update({f"/nest/r{''.join(f'-{n}' for n in p)}.xml": index for p in _paths(children, 4)})
    return f"{server.base}/nest/r.xml"


def _paths(children: int, levels: int) -> list[tuple[int, ...]]:
    paths: list[tuple[int, ...]] = [()]
    for level in range(1, levels + 1):
        paths += list(itertools.product(range(children), repeat=level))
    return paths


def test_sitemaps_nested_too_deep_are_skipped_before_they_are_fetched(server, settings):
    _, skipped = run([_endless_sitemaps(server, 3)], settings)
    assert len(server.paths()) == 1 + 3 + 9, "the index, its sitemaps and theirs; not the 27 a level below"
    assert len(skipped) == 27
    assert {s.reason for s in skipped} == {"too deep: sitemap nested more than 3 levels, not fetched"}
    assert all(s.item.count("-") == 3 for s in skipped), "all at the fourth level"


def test_a_run_stops_requesting_at_max_requests_and_skips_the_rest(server, settings, caplog):
    pages = [f"{server.base}/gone{n}.html" for n in range(8)]
    server.routes["/budget-feed.xml"] = Reply(content_type="application/rss+xml", body=_rss(*pages))
    with caplog.at_level("WARNING", logger="ingest"):
        _, skipped = run([f"{server.base}/budget-feed.xml"], settings.replace(max_requests=5))
    assert len(server.requests) == 5, "robots.txt, the feed and three pages"
    assert [r.path for r in server.requests][:2] == ["/robots.txt", "/budget-feed.xml"]
    assert [s.item for s in skipped] == pages
    reasons = [s.reason for s in skipped]
    assert reasons.count("http error: 404 Not Found") == 3
    assert reasons.count("request budget reached") == 5, reasons
    warnings = [r for r in caplog.records if r.levelname == "WARNING" and "request budget reached" in r.getMessage()]
    assert len(warnings) == 1, [r.getMessage() for r in caplog.records]


def test_redirect_hops_count_against_the_request_budget(server, settings):
    _, (skipped,) = run([f"{server.base}/chain/0"], settings.replace(max_requests=3, respect_robots_txt=False))
    assert skipped == Skipped(f"{server.base}/chain/0", "request budget reached")
    assert server.paths() == ["/chain/0", "/chain/1", "/chain/2"]


def test_the_endless_sitemap_ends_with_a_summary_and_a_report_at_the_budget(
    server, base_settings, monkeypatch, tmp_path
):
    from click.testing import CliRunner

    from newsgraph.cli import cli

    monkeypatch.setenv("NEWSGRAPH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("NEWSGRAPH_HOST_DELAY", "0")
    monkeypatch.setenv("NEWSGRAPH_MAX_REQUESTS", "6")
    report = tmp_path / "report.json"
    result = CliRunner().invoke(
        cli, ["ingest", _endless_sitemaps(server, 3), "--no-graph", "--allow-private-urls", "--report", str(report)]
    )
    assert result.exit_code == 0, result.output
    assert len(server.requests) == 6
    # robots.txt, the index, its 3 sitemaps and 1 of their 9 (whose 3 are too deep): the other 8 are left over
    assert "skipped, request budget reached: 8" in result.output and "skipped, too deep: 3" in result.output
    assert json.loads(report.read_text())["skipped_by_reason"] == {"request budget reached": 8, "too deep": 3}


def test_a_local_sitemap_file_says_what_it_left_out_too(server, settings, monkeypatch, tmp_path):
    monkeypatch.setattr(feeds, "MAX_LISTING_LINKS", 2)
    locs = "".join(f"<url><loc>{server.base}/gone{n}.html</loc></url>" for n in range(5))
    path = tmp_path / "sitemap.xml"
    path.write_text(f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>', encoding="utf-8")
    _, skipped = run([str(path)], settings)
    assert [s.reason for s in skipped] == [
        "http error: 404 Not Found",
        "http error: 404 Not Found",
        "too many links: 3 entries past the first 2 are not read",
    ]
    assert skipped[-1].item == str(path)


def test_a_host_the_http_library_cannot_encode_is_refused_not_retried(settings):
    # IDNA 2003 (the standard library) accepts a snowman; IDNA 2008 (urllib3) does not.
    _, (skipped,) = run(["http://\u2603.example.com/"], settings.replace(fetch_retries=3))
    assert skipped.reason.startswith("refused URL: malformed URL ("), skipped


@pytest.mark.parametrize("source", ["a" * 5000, "www." + "a." * 3000 + "com/x"], ids=["long name", "long host-like"])
def test_an_overlong_source_that_is_not_a_url_is_a_skipped_item(source, settings):
    started = time.monotonic()
    _, (skipped,) = run([source], settings)
    assert skipped.reason.startswith("not found: "), skipped.reason
    assert time.monotonic() - started < 2.0


def test_the_canonical_url_of_a_document_never_keeps_credentials():
    from ingest.normalize import canonical_url

    assert canonical_url("https://editor:s3cret@News.example.com/a?utm_source=x#top") == "https://news.example.com/a"
    assert canonical_url("http://[::1]:8080/x") == "http://[::1]:8080/x"


def _cut_inside(xml: bytes, marker: bytes) -> bytes:
    """``xml`` gzip-compressed (stored blocks: output follows input byte for byte) and cut just after ``marker``
    begins, as an interrupted download or copy leaves it."""
    whole = gzip.compress(xml, compresslevel=0)
    cut = whole[: 10 + 5 + xml.index(marker) + 4]  # gzip header, stored-block header, the data up to the cut
    assert gzip.decompress(whole) == xml and len(cut) < len(whole)
    return cut


def _sitemap(base: str, *pages: str) -> bytes:
    locs = "".join(f"<url><loc>{base}/{page}</loc></url>\n" for page in pages)
    return f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{locs}</urlset>\n'.encode()


TRUNCATED = "truncated archive: the gzip stream is cut short (an interrupted download or copy); "


def test_a_truncated_gzip_sitemap_keeps_its_complete_entries_and_reports_the_cut(server, settings):
    cut = _cut_inside(_sitemap(server.base, "second.html", "article.html", "third-page.html"), b"third-page")
    server.routes["/cut-sitemap.xml.gz"] = Reply(content_type="application/gzip", body=cut)
    articles, skipped = run([f"{server.base}/cut-sitemap.xml.gz"], settings)
    assert len(articles) == 2
    assert skipped == [
        Skipped(f"{server.base}/cut-sitemap.xml.gz", TRUNCATED + "the 2 entries before the cut are read")
    ]
    assert not any(path.startswith("/thi") for path in server.paths()), "half an address is never fetched"


def test_a_truncated_gzip_feed_keeps_its_complete_entries_and_reports_the_cut(server, settings):
    cut = _cut_inside(_file("feed_rss.xml", server.base), b"<title>Second story")
    server.routes["/cut-feed.xml.gz"] = Reply(content_type="application/gzip", body=cut)
    articles, skipped = run([f"{server.base}/cut-feed.xml.gz"], settings)
    assert [a.title for a in articles] == ["Belgrade council delays vote on facial recognition cameras"]
    assert skipped == [
        Skipped(f"{server.base}/missing.html", "http error: 404 Not Found"),
        Skipped(f"{server.base}/cut-feed.xml.gz", TRUNCATED + "the 2 entries before the cut are read"),
    ]


def test_a_gzip_sitemap_missing_only_its_trailer_is_read_and_reported(server, settings):
    whole = gzip.compress(_sitemap(server.base, "second.html"))
    server.routes["/no-trailer.xml.gz"] = Reply(content_type="application/gzip", body=whole[:-8])
    articles, skipped = run([f"{server.base}/no-trailer.xml.gz"], settings)
    assert len(articles) == 1
    assert skipped == [Skipped(f"{server.base}/no-trailer.xml.gz", TRUNCATED + "the 1 entries before the cut are read")]


def test_a_truncated_gzip_page_is_skipped_not_read_as_a_shorter_page(server, settings):
    server.routes["/cut-page"] = Reply(content_type="application/gzip", body=gzip.compress(_file("second.html"))[:-40])
    articles, skipped = run([f"{server.base}/cut-page"], settings)
    assert articles == []
    assert skipped == [Skipped(f"{server.base}/cut-page", TRUNCATED + "the page is not read")]


def test_a_truncated_local_sitemap_file_keeps_its_complete_entries_and_reports_the_cut(server, settings, tmp_path):
    path = tmp_path / "sitemap.xml.gz"
    path.write_bytes(_cut_inside(_sitemap(server.base, "second.html", "article.html", "third-page.html"), b"third"))
    articles, skipped = run([str(path)], settings)
    assert len(articles) == 2
    assert skipped == [Skipped(str(path), TRUNCATED + "the 2 entries before the cut are read")]
    nothing = tmp_path / "nothing.xml.gz"
    nothing.write_bytes(_cut_inside(_sitemap(server.base, "second.html"), b"second"))
    assert run([str(nothing)], settings) == (
        [],
        [Skipped(str(nothing), TRUNCATED + "the 0 entries before the cut are read")],
    )


def test_a_local_gzip_sitemap_of_several_members_is_read_whole(server, settings, tmp_path):
    path = tmp_path / "sitemap.xml.gz"
    xml = _sitemap(server.base, "second.html", "article.html")
    path.write_bytes(gzip.compress(xml[:100]) + gzip.compress(xml[100:]))  # as `cat a.gz b.gz` or pigz write it
    articles, skipped = run([str(path)], settings)
    assert len(articles) == 2 and skipped == []
