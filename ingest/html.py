"""HTML page → ArticleDraft with trafilatura: main text, title, author, date, site name, canonical URL.

Publication dates come from trafilatura's htmldate (meta tags, JSON-LD, URL, visible text); the canonical
URL from ``<link rel=canonical>``/``og:url``, else the address the page was fetched from.

Speed: the page is parsed once; the main text comes from trafilatura's own extractor alone, and its slower
comparison with the readability/jusText fallbacks runs only when that text is short or reads like no article.
Metadata is read from the same parsed tree, and only the fields an Article keeps.
"""

from __future__ import annotations

import copy
import logging
import re

import lxml.etree
import lxml.html
import trafilatura
from lxml.html import HtmlElement
from trafilatura import metadata as trafilatura_metadata
from trafilatura.settings import Document, Extractor, set_date_params
from trafilatura.utils import load_html

from core.errors import IngestError
from ingest.article import ArticleDraft
from ingest.normalize import url_problem
from ingest.pagekind import (
    MIN_ARTICLE_WORDS,
    MIN_SENTENCE_WORDS,
    NO_MAIN_TEXT,
    no_article_reason,
    without_link_edges,
)

logger = logging.getLogger(__name__)

# Below this many words the main extractor may have missed part of the article: compare with the fallbacks.
FALLBACK_BELOW_WORDS = 150
# … or below this share of the text the page shows.
FALLBACK_BELOW_SHARE = 0.5
# The language the page declares; trafilatura does not report it. Read from the first bytes only.
_DECLARED_LANGUAGE = re.compile(
    r"""<html\b[^>]*?\blang\s*=\s*["']?([a-zA-Z]{2,3})\b|<meta[^>]+http-equiv=["']?content-language["']?[^>]+"""
    r"""content=["']?([a-zA-Z]{2,3})\b""",
    re.IGNORECASE,
)
_MAIN_EXTRACTOR_ONLY = Extractor(output_format="python", fast=True, comments=False, tables=False)
_WITH_FALLBACKS = Extractor(output_format="python", fast=False, comments=False, tables=False)
_TRAFILATURA_DEFAULTS = Extractor(output_format="python")  # comments and tables in, as trafilatura.extract has them
_REFRESH_URL = re.compile(r"^\s*\d*\s*[;,]?\s*(?:url\s*=\s*)?['\"]?([^'\"]+)['\"]?\s*$", re.IGNORECASE)


class MetaRefresh(IngestError):
    """The page holds no article and only forwards the reader to another address."""

    def __init__(self, target: str) -> None:
        super().__init__(f"redirect only: the page only forwards to {target}")
        self.target = target


def extract_html(html: str, origin: str, url: str | None = None) -> ArticleDraft:
    """The article in a page, or IngestError (``no article: …``, ``redirect only: …``)."""
    try:
        tree = load_html(html)
        text, refusal = _article_text(tree, url) if tree is not None else (None, NO_MAIN_TEXT)
    except (ValueError, TypeError, lxml.etree.LxmlError) as e:
        raise IngestError(f"malformed HTML: {e}") from e
    if tree is None or text is None:
        target = meta_refresh_target(html)
        if target:
            raise MetaRefresh(target)
        raise IngestError(f"no article: {refusal or NO_MAIN_TEXT}")
    document = _metadata(tree, url)
    return ArticleDraft(
        text=_without_headline(without_link_edges(text, tree), document.title),
        origin=origin,
        title=document.title,
        url=document.url if document.url and url_problem(document.url) is None else url,  # a bad canonical is dropped
        published=document.date,
        source=document.sitename,
        author=document.author,
        language=declared_language(html),
    )


def _article_text(tree: HtmlElement, url: str | None) -> tuple[str | None, str | None]:
    """The article's main text and None, or None and what the page is instead (a ``no article`` reason)."""
    text = _main_text(tree, url)
    refusal = no_article_reason(text, tree)
    if refusal is None:
        return text, None
    return _as_trafilatura_defaults_find(tree, url, refusal)


def _main_text(tree: HtmlElement, url: str | None) -> str | None:
    """The main text; trafilatura copies the tree before cleaning it, so ``tree`` stays whole for metadata."""
    text = _extract_text(tree, url, options=_MAIN_EXTRACTOR_ONLY)
    if text and _has_prose(text) and _long_enough(text) and _covers_page(text, tree):
        return text
    return _extract_text(tree, url, options=_WITH_FALLBACKS)


def _as_trafilatura_defaults_find(tree: HtmlElement, url: str | None, refusal: str) -> tuple[str | None, str | None]:
    """The main text trafilatura finds with its own defaults, when the project's options found no article.

    Leaving comments out makes trafilatura delete, before any extractor runs, every container whose id or
    class starts with "comment" (``commentable-story``), and leaving tables out deletes table layouts whole:
    a short article inside either is lost, while bare ``trafilatura.extract`` keeps it. Only the main text is
    taken, never the comment section, and it must read as an article too.
    """
    text = _extract_text(tree, url, options=_TRAFILATURA_DEFAULTS)
    second_refusal = no_article_reason(text, tree)
    if second_refusal is None:
        return text, None
    # The first extraction's reason unless it only found nothing and this one found what the page is.
    return None, second_refusal if refusal == NO_MAIN_TEXT else refusal


def _long_enough(text: str) -> bool:
    return len(text.split(None, FALLBACK_BELOW_WORDS)) > FALLBACK_BELOW_WORDS


def _covers_page(text: str, tree: HtmlElement) -> bool:
    # A main text much shorter than the page's visible text may be an article cut short: then trafilatura's
    # comparison with readability and jusText decides, as it would by default.
    body = tree.find("body")
    if body is None:
        return False
    code = sum(_printed_chars(element.text_content()) for element in body.iter("script", "style", "noscript"))
    return _printed_chars(text) >= FALLBACK_BELOW_SHARE * (_printed_chars(body.text_content()) - code)


def _printed_chars(text: str) -> int:
    # Counted rather than split into words: this runs on every page and splitting costs 5 % of the extraction.
    return len(text) - text.count(" ") - text.count("\n") - text.count("\t") - text.count("\r")


def _extract_text(tree: HtmlElement, url: str | None, *, options: Extractor) -> str | None:
    # A copy of a ready Extractor: building one per page re-reads trafilatura's config file settings.
    options = copy.copy(options)
    options.url = options.source = url
    document = trafilatura.bare_extraction(tree, options=options)
    return getattr(document, "text", None)


def _metadata(tree: HtmlElement, url: str | None) -> Document:
    """Title, author, date, site name and URL the way ``trafilatura.extract_metadata`` finds them.

    Its steps are called one by one because it also looks for categories, tags and a licence, which an
    Article does not keep and which cost a third of the metadata time.
    """
    meta = trafilatura_metadata
    document = meta.examine_meta(tree)
    if document.author and " " not in document.author:
        document.author = None  # a single word is a handle or a site, not a person (as trafilatura does)
    try:
        document = meta.extract_meta_json(tree, document)
    except Exception as e:  # trafilatura's JSON-LD reader has its own bugs; the meta tags still stand
        logger.debug("JSON-LD metadata unreadable: %s", e)
    document.title = document.title or meta.extract_title(tree)
    document.author = document.author or meta.extract_author(tree)
    document.url = document.url or meta.extract_url(tree, url)
    date_params = set_date_params(True)
    date_params["url"] = document.url
    document.date = meta.find_date(tree, **date_params)
    document.sitename = _sitename(tree, document)
    document.clean_and_trim()
    return document


def _sitename(tree: HtmlElement, document: Document) -> str | None:
    sitename = document.sitename or trafilatura_metadata.extract_sitename(tree)
    if sitename:
        sitename = sitename.lstrip("@")
        if sitename and "." not in sitename and not sitename[0].isupper():
            sitename = sitename.title()
        return sitename
    match = trafilatura_metadata.META_URL.match(document.url) if document.url else None
    return match[1] if match else None


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
