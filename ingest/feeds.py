"""RSS/Atom feeds (feedparser) and XML sitemaps, including Google News sitemaps, as lists of links.

Sitemaps are read with lxml directly rather than trafilatura's sitemap module because that module
downloads by itself, around the URL checks, size cap and rate limit of ``ingest.fetch``. A listing
gives at most ``MAX_LISTING_LINKS`` links (the sitemap protocol's own limit); the rest are one Skipped.
The links are not checked here: ``ingest.web`` checks every link, from whatever source, where it takes it in.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import zlib
from dataclasses import dataclass
from typing import Literal

import feedparser
import lxml.etree

from core.errors import IngestError
from core.records import Skipped
from ingest.article import ArticleDraft

logger = logging.getLogger(__name__)

PayloadKind = Literal["html", "feed", "sitemap", "text"]
_XML_PARSER = lxml.etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)
_RECOVERING_PARSER = lxml.etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True, recover=True
)
_GZIP_MAGIC = b"\x1f\x8b"
# The end of one entry of a sitemap (<url>, <sitemap>), an RSS (<item>) or an Atom feed (<entry>), any prefix.
_ENTRY_END = re.compile(rb"</(?:[\w.-]+:)?(?:url|sitemap|item|entry)\s*>")
MAX_LISTING_LINKS = 50_000


@dataclass(frozen=True, slots=True)
class Link:
    """An article address found in a feed or sitemap, with what the listing says about it.

    ``sitemap`` marks an entry of a sitemap index: another listing, so its nesting depth is checked
    before it is fetched.
    """

    url: str
    hints: ArticleDraft | None = None
    sitemap: bool = False


@dataclass(frozen=True, slots=True)
class Sitemap:
    pages: tuple[Link, ...]
    sitemaps: tuple[str, ...]  # nested sitemaps of a sitemap index
    left_out: int = 0  # entries past MAX_LISTING_LINKS

    def links(self, origin: str) -> list[Link | Skipped]:
        """The pages, the nested sitemaps (marked as such) and one Skipped for the entries left out."""
        nested = [Link(url, sitemap=True) for url in self.sitemaps]
        return [*self.pages, *nested, *_left_out(origin, self.left_out)]


def maybe_gunzip(body: bytes, limit: int, origin: str) -> tuple[bytes, bool]:
    """Decompress a gzip body (``sitemap.xml.gz``), refusing to inflate past ``limit`` bytes (compression bombs).

    Returns the data and whether the gzip stream was cut short (an interrupted download or copy): the data is
    then what came before the cut, for the caller to keep what is complete and report the cut. A stream ends
    where zlib says it does (``eof``, as ``ingest.warc`` checks a WARC record's member). Members written one
    after another (``cat a.gz b.gz``, pigz) are read as one stream, as gzip(1) does.
    """
    if not body.startswith(_GZIP_MAGIC):
        return body, False
    parts: list[bytes] = []
    size = 0
    rest = body
    while rest.startswith(_GZIP_MAGIC):
        inflater = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
        try:
            part = inflater.decompress(rest, limit + 1 - size)
        except zlib.error as e:
            raise IngestError(f"invalid gzip: {origin} ({e})") from e
        parts.append(part)
        size += len(part)
        if size > limit:
            raise IngestError(f"too large: {origin} inflates past max_bytes {limit:,}")
        if not inflater.eof:  # every byte given was read and the stream goes on: the rest is missing
            return b"".join(parts), True
        rest = inflater.unused_data
    return b"".join(parts), False


def truncated(what_was_read: str) -> str:
    """The skip reason for a gzip stream cut short, in the category the other readers use."""
    return f"truncated archive: the gzip stream is cut short (an interrupted download or copy); {what_was_read}"


def listing_links(
    kind: PayloadKind, body: bytes, origin: str, *, base_url: str | None, cut: bool
) -> list[Link | Skipped]:
    """The links of a feed or sitemap. Of a listing cut short (``cut``) the entries complete before the cut are
    read, and one Skipped says so: the entry the cut went through is left out (it may hold half an address)."""
    if cut:
        ends = list(_ENTRY_END.finditer(body))
        body = body[: ends[-1].end()] if ends else b""
    try:
        links = parse_feed(body, base_url) if kind == "feed" else _sitemap_links(body, origin, recover=cut)
    except IngestError:
        if not cut:
            raise
        links = []  # nothing complete before the cut
    if not cut:
        return links
    count = sum(isinstance(link, Link) for link in links)
    return [*links, Skipped(origin, truncated(f"the {count} entries before the cut are read"))]


def _sitemap_links(body: bytes, origin: str, *, recover: bool) -> list[Link | Skipped]:
    sitemap = parse_sitemap(body, recover=recover)
    if not sitemap.pages and not sitemap.sitemaps:
        raise IngestError("empty sitemap: no <loc> entries")
    return sitemap.links(origin)


def classify_payload(content_type: str, body: bytes) -> PayloadKind:
    """What a downloaded or local document is, by its root element first and its media type second."""
    head = body[:4096].lstrip().lower()
    if b"<urlset" in head or b"<sitemapindex" in head:
        return "sitemap"
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "feed"
    if content_type == "text/plain":
        return "text"
    return "html"


def parse_feed(body: bytes, base_url: str | None) -> list[Link | Skipped]:
    """The entry links of an RSS or Atom feed, an entry without a usable link as a Skipped.

    IngestError when it is not a feed or no entry has a link. feedparser drops a link it cannot
    resolve (a malformed address), so such an entry is skipped as one without a link.
    """
    headers = {"content-location": base_url} if base_url else {}
    parsed = feedparser.parse(body, response_headers=headers)
    if not parsed.entries:
        if parsed.bozo:
            raise IngestError(f"invalid feed: {parsed.get('bozo_exception') or 'not RSS or Atom'}")
        raise IngestError("empty feed: no entries")
    site = parsed.feed.get("title")
    items: list[Link | Skipped] = []
    for number, entry in enumerate(parsed.entries[:MAX_LISTING_LINKS], 1):
        url = entry.get("link")
        if not url or not isinstance(url, str):
            items.append(Skipped(f"{base_url or 'feed'} entry {number}", "no link: the feed entry has no usable link"))
            continue
        hints = ArticleDraft(
            text="",
            origin=url,
            title=entry.get("title"),
            url=url,
            published=_entry_date(entry),
            source=site,
            author=entry.get("author"),
            language=entry.get("language") or parsed.feed.get("language"),
        )
        items.append(Link(url, hints))
    if not any(isinstance(item, Link) for item in items):
        raise IngestError("empty feed: no entry has a link")
    return [*items, *_left_out(base_url or "feed", len(parsed.entries) - MAX_LISTING_LINKS)]


def _entry_date(entry: feedparser.FeedParserDict) -> dt.date | None:
    published = entry.get("published_parsed") or entry.get("updated_parsed")
    try:
        return dt.date(*published[:3]) if published else None
    except (TypeError, ValueError):  # year 0 and other impossible dates
        return None


def _left_out(origin: str, count: int) -> list[Skipped]:
    if count <= 0:
        return []
    why = f"too many links: {count:,} entries past the first {MAX_LISTING_LINKS:,} are not read"
    return [Skipped(origin, why)]


def parse_sitemap(body: bytes, *, recover: bool = False) -> Sitemap:
    """Pages and nested sitemaps of an XML sitemap; news sitemap titles and dates become hints.

    ``recover`` reads a sitemap whose end is missing (cut after its last complete entry).
    """
    try:
        root = lxml.etree.fromstring(body, parser=_RECOVERING_PARSER if recover else _XML_PARSER)
    except lxml.etree.XMLSyntaxError as e:
        raise IngestError(f"invalid sitemap: {e}") from e
    if root is None:
        raise IngestError("invalid sitemap: no XML root element")
    kind = lxml.etree.QName(root).localname
    if kind == "sitemapindex":
        entries = _children(root, "sitemap")
        nested = (_text(node, "loc") for node in entries[:MAX_LISTING_LINKS])
        return Sitemap((), tuple(url for url in nested if url), len(entries) - MAX_LISTING_LINKS)
    if kind != "urlset":
        raise IngestError(f"invalid sitemap: root element <{kind}> is not <urlset> or <sitemapindex>")
    entries = _children(root, "url")
    pages = []
    for node in entries[:MAX_LISTING_LINKS]:
        url = _text(node, "loc")
        if url:
            pages.append(Link(url, _news_hints(node, url)))
    return Sitemap(tuple(pages), (), len(entries) - MAX_LISTING_LINKS)


def _news_hints(node: lxml.etree._Element, url: str) -> ArticleDraft | None:
    news = next(iter(_children(node, "news")), None)
    if news is None:
        return None
    publication = next(iter(_children(news, "publication")), None)
    return ArticleDraft(
        text="",
        origin=url,
        title=_text(news, "title"),
        url=url,
        published=_text(news, "publication_date"),
        source=_text(publication, "name") if publication is not None else None,
        language=_text(publication, "language") if publication is not None else None,
    )


def _children(node: lxml.etree._Element, name: str) -> list[lxml.etree._Element]:
    return [child for child in node if isinstance(child.tag, str) and lxml.etree.QName(child).localname == name]


def _text(node: lxml.etree._Element, name: str) -> str | None:
    for child in _children(node, name):
        if child.text and child.text.strip():
            return child.text.strip()
    return None
