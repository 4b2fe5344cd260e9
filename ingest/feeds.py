"""RSS/Atom feeds (feedparser) and XML sitemaps, including Google News sitemaps, as lists of links.

Sitemaps are read with lxml directly rather than trafilatura's sitemap module because that module
downloads by itself, around the URL checks, size cap and rate limit of ``ingest.fetch``.
"""

from __future__ import annotations

import datetime as dt
import logging
import zlib
from dataclasses import dataclass
from typing import Literal

import feedparser
import lxml.etree

from ingest.article import ArticleDraft
from newsgraph.errors import IngestError

logger = logging.getLogger(__name__)

PayloadKind = Literal["html", "feed", "sitemap", "text"]
_XML_PARSER = lxml.etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)
_GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True, slots=True)
class Link:
    """An article address found in a feed or sitemap, with what the listing says about it."""

    url: str
    hints: ArticleDraft | None = None


@dataclass(frozen=True, slots=True)
class Sitemap:
    pages: tuple[Link, ...]
    sitemaps: tuple[str, ...]  # nested sitemaps of a sitemap index


def maybe_gunzip(body: bytes, limit: int, origin: str) -> bytes:
    """Decompress a gzip body (``sitemap.xml.gz``), refusing to inflate past ``limit`` bytes (compression bombs)."""
    if not body.startswith(_GZIP_MAGIC):
        return body
    inflater = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
    try:
        data = inflater.decompress(body, limit + 1)
    except zlib.error as e:
        raise IngestError(f"invalid gzip: {origin} ({e})") from e
    if len(data) > limit:
        raise IngestError(f"too large: {origin} inflates past max_bytes {limit:,}")
    return data


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


def parse_feed(body: bytes, base_url: str | None) -> list[Link]:
    """The entry links of an RSS or Atom feed; IngestError when it is not a feed or has no entries."""
    headers = {"content-location": base_url} if base_url else {}
    parsed = feedparser.parse(body, response_headers=headers)
    if not parsed.entries:
        if parsed.bozo:
            raise IngestError(f"invalid feed: {parsed.get('bozo_exception') or 'not RSS or Atom'}")
        raise IngestError("empty feed: no entries")
    site = parsed.feed.get("title")
    links = []
    for entry in parsed.entries:
        url = entry.get("link")
        if not url:
            logger.info("feed entry without a link skipped: %s", entry.get("title"))
            continue
        published = entry.get("published_parsed") or entry.get("updated_parsed")
        hints = ArticleDraft(
            text="",
            origin=url,
            title=entry.get("title"),
            url=url,
            published=dt.date(*published[:3]) if published else None,
            source=site,
            author=entry.get("author"),
            language=entry.get("language") or parsed.feed.get("language"),
        )
        links.append(Link(url, hints))
    if not links:
        raise IngestError("empty feed: no entry has a link")
    return links


def parse_sitemap(body: bytes) -> Sitemap:
    """Pages and nested sitemaps of an XML sitemap; news sitemap titles and dates become hints."""
    try:
        root = lxml.etree.fromstring(body, parser=_XML_PARSER)
    except lxml.etree.XMLSyntaxError as e:
        raise IngestError(f"invalid sitemap: {e}") from e
    if root is None:
        raise IngestError("invalid sitemap: no XML root element")
    kind = lxml.etree.QName(root).localname
    if kind == "sitemapindex":
        nested = tuple(_text(node, "loc") for node in _children(root, "sitemap"))
        return Sitemap((), tuple(url for url in nested if url))
    if kind != "urlset":
        raise IngestError(f"invalid sitemap: root element <{kind}> is not <urlset> or <sitemapindex>")
    pages = []
    for node in _children(root, "url"):
        url = _text(node, "loc")
        if url:
            pages.append(Link(url, _news_hints(node, url)))
    return Sitemap(tuple(pages), ())


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
