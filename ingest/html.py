"""HTML page → ArticleDraft with trafilatura: main text, title, author, date, site name, canonical URL.

Publication dates come from trafilatura's htmldate (meta tags, JSON-LD, URL, visible text); the canonical
URL from ``<link rel=canonical>``/``og:url``, else the address the page was fetched from.
"""

from __future__ import annotations

import logging
import re

import lxml.etree
import lxml.html
import trafilatura

from ingest.article import ArticleDraft
from newsgraph.errors import IngestError

logger = logging.getLogger(__name__)

MIN_ARTICLE_WORDS = 20
MIN_SENTENCE_WORDS = 8
# The language the page declares; trafilatura does not report it. Read from the first bytes only.
_DECLARED_LANGUAGE = re.compile(
    r"""<html\b[^>]*?\blang\s*=\s*["']?([a-zA-Z]{2,3})\b|<meta[^>]+http-equiv=["']?content-language["']?[^>]+"""
    r"""content=["']?([a-zA-Z]{2,3})\b""",
    re.IGNORECASE,
)
_REFRESH_URL = re.compile(r"^\s*\d*\s*[;,]?\s*(?:url\s*=\s*)?['\"]?([^'\"]+)['\"]?\s*$", re.IGNORECASE)


class MetaRefresh(IngestError):
    """The page holds no article and only forwards the reader to another address."""

    def __init__(self, target: str) -> None:
        super().__init__(f"redirect only: the page only forwards to {target}")
        self.target = target


def extract_html(html: str, origin: str, url: str | None = None) -> ArticleDraft:
    """The article in a page, or IngestError (``no article: …``, ``redirect only: …``)."""
    try:
        document = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except (ValueError, TypeError, lxml.etree.LxmlError) as e:
        raise IngestError(f"malformed HTML: {e}") from e
    text = getattr(document, "text", None)
    if not text or not _has_prose(text):
        target = meta_refresh_target(html)
        if target:
            raise MetaRefresh(target)
        raise IngestError("no article: no main text found in the page")
    title = document.title  # type: ignore[union-attr]
    return ArticleDraft(
        text=_without_headline(text, title),
        origin=origin,
        title=title,
        url=document.url or url,  # type: ignore[union-attr]
        published=document.date,  # type: ignore[union-attr]
        source=document.sitename,  # type: ignore[union-attr]
        author=document.author,  # type: ignore[union-attr]
        language=declared_language(html),
    )


def declared_language(html: str) -> str | None:
    """The language code in ``<html lang>`` or a content-language meta tag, lower case, or None."""
    match = _DECLARED_LANGUAGE.search(html, 0, 4096)
    if not match:
        return None
    return (match.group(1) or match.group(2)).lower()


def _has_prose(text: str) -> bool:
    # On pages without an article trafilatura falls back to menus and link lists ("Home | Politics");
    # an article has at least one line that reads like a sentence.
    if len(text.split(None, MIN_ARTICLE_WORDS)) < MIN_ARTICLE_WORDS:
        return False
    return any(len(line.split(None, MIN_SENTENCE_WORDS)) >= MIN_SENTENCE_WORDS for line in text.splitlines())


def _without_headline(text: str, title: str | None) -> str:
    """Drop a first line that repeats the title: it is stored in ``title`` and is not article prose."""
    first, sep, rest = text.lstrip().partition("\n")
    if title and sep and rest.strip() and " ".join(first.split()) == " ".join(title.split()):
        return rest
    return text


def meta_refresh_target(html: str) -> str | None:
    """The address in ``<meta http-equiv="refresh" content="0; url=…">``, if the page has one."""
    if "refresh" not in html.lower():
        return None
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.LxmlError):
        return None
    for content in tree.xpath(
        "//meta[translate(@http-equiv, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')='refresh']/@content"
    ):
        match = _REFRESH_URL.match(str(content))
        if match and not match.group(1).strip().isdigit():
            return match.group(1).strip()
    return None
