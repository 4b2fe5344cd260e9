"""From what a reader found (an ArticleDraft) to the frozen Article record, normalising exactly once."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

import py3langid

from core.errors import IngestError
from core.records import Article, content_hash, unicode_text
from ingest.normalize import article_id, canonical_url, normalize_inline, normalize_text, parse_date

logger = logging.getLogger(__name__)

_LANGUAGE_SAMPLE_CHARS = 1000  # enough for a reliable guess; langid time grows with length


@dataclass(frozen=True, slots=True)
class ArticleDraft:
    """Raw fields as a reader found them; nothing here is normalised yet."""

    text: str
    origin: str
    title: str | None = None
    url: str | None = None
    published: object = None  # any date-like value; parse_date makes it ISO
    source: str | None = None
    author: str | None = None
    language: str | None = None

    def with_fallbacks(self, hints: ArticleDraft | None) -> ArticleDraft:
        """Fill missing metadata from hints (a feed entry, a sitemap line) without overriding the page."""
        if hints is None:
            return self
        return replace(
            self,
            title=self.title or hints.title,
            url=self.url or hints.url,
            published=self.published or hints.published,
            source=self.source or hints.source,
            author=self.author or hints.author,
            language=self.language or hints.language,
        )


def build_article(draft: ArticleDraft) -> Article:
    """The Article for a draft: normalised text, hash, stable id, ISO date, language; or IngestError."""
    text = normalize_text(draft.text)
    if not text:
        raise IngestError("empty: no text")
    url = canonical_url(draft.url)
    text_hash = content_hash(text)
    return Article(
        id=article_id(url, text_hash),
        text=text,
        content_hash=text_hash,
        title=normalize_inline(draft.title),
        url=url,
        published=parse_date(draft.published),
        source=normalize_inline(draft.source) or _site_of(url),
        author=normalize_inline(draft.author),
        language=_language(draft.language, text),
        origin=unicode_text(draft.origin),
    )


def _site_of(url: str | None) -> str | None:
    """The host name, without ``www.``, as the source of last resort: the graph links every article to one."""
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def _language(declared: str | None, text: str) -> str:
    """ISO 639-1 code: the declared one when it looks like a code, else detected from the text."""
    if declared:
        code = declared.strip().lower().replace("_", "-").split("-")[0]
        if len(code) == 2 and code.isalpha():
            return code
    language, _score = py3langid.classify(text[:_LANGUAGE_SAMPLE_CHARS])
    return str(language)


def article_to_dict(article: Article) -> dict[str, object]:
    """The JSON object written for an article (a superset of the `newsgraph extract` input)."""
    return {name: getattr(article, name) for name in Article.__slots__}


def article_from_dict(row: dict[str, object]) -> Article:
    """An Article read back from ``article_to_dict`` output; its text is already normalised."""
    known = {name: row.get(name) for name in Article.__slots__}
    for required in ("id", "text", "content_hash"):
        if not isinstance(known[required], str) or not known[required]:
            raise IngestError(f"invalid article record: `{required}` must be a non-empty string")
    return Article(**known)  # type: ignore[arg-type]
