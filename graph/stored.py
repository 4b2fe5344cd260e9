"""Articles already in the graph, read back as ``Article`` records so they can be extracted again.

The stored node keeps everything the ingest stage knew (text, url, dates, source, origin, duplicate link),
so an article rebuilt from it loads back with the same node properties: only its facts change. A node
that cannot be rebuilt (no text, a text that is not a string) comes back as a ``Skipped`` with the reason.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from typing import Any

from neo4j import Driver
from neo4j.time import Date, DateTime

from core.errors import QueryError
from core.records import Article, Skipped, content_hash

log = logging.getLogger(__name__)

ALL_IDS = "MATCH (a:Article) WHERE a.id IS NOT NULL RETURN a.id AS id ORDER BY id"
# An article never extracted (no version) is out of date too.
STALE_IDS = """
MATCH (a:Article) WHERE a.id IS NOT NULL AND coalesce(a.extractor_version, '') <> $version
RETURN a.id AS id ORDER BY id
"""
ARTICLES = """
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN properties(a) AS article
"""
_OPTIONAL_TEXT = ("title", "url", "source", "author", "language", "origin", "near_duplicate_of")


def all_article_ids(driver: Driver, database: str) -> list[str]:
    return _ids(driver, database, ALL_IDS)


def stale_article_ids(driver: Driver, database: str, current_version: str) -> list[str]:
    """Articles whose facts were extracted by another extractor version (or by none)."""
    if not current_version:
        raise QueryError("cannot tell stale articles without the current extractor version")
    return _ids(driver, database, STALE_IDS, version=current_version)


def _ids(driver: Driver, database: str, query: str, **params: Any) -> list[str]:
    records, _, _ = driver.execute_query(query, params, database_=database, routing_="r")
    return [str(r["id"]) for r in records]


def stored_articles(driver: Driver, database: str, ids: Sequence[str], page_size: int) -> Iterator[Article | Skipped]:
    """The articles with these ids, in this order, read ``page_size`` at a time so memory stays flat."""
    if page_size < 1:
        raise QueryError(f"page size must be at least 1, got {page_size}")
    for first in range(0, len(ids), page_size):
        page = list(ids[first : first + page_size])
        records, _, _ = driver.execute_query(ARTICLES, ids=page, database_=database, routing_="r")
        found = {r["article"]["id"]: r["article"] for r in records}
        for article_id in page:
            props = found.get(article_id)
            if props is None:
                yield Skipped(article_id, "not in the graph (deleted, or never loaded)")
            else:
                yield article_from_node(props)


def article_from_node(props: dict[str, Any]) -> Article | Skipped:
    """An ``Article`` equal to the one that was loaded, or why the stored node cannot give one."""
    article_id = str(props["id"])
    text = props.get("text")
    if not isinstance(text, str):
        return Skipped(article_id, f"stored text is not a string ({type(text).__name__}); nothing to extract")
    if not text.strip():
        return Skipped(article_id, "stored text is empty; nothing to extract")
    stored_hash = props.get("content_hash")
    return Article(
        id=article_id,
        text=text,
        content_hash=stored_hash if isinstance(stored_hash, str) and stored_hash else content_hash(text),
        published=_iso_date(props.get("published")),
        **{key: _text_or_none(props.get(key)) for key in _OPTIONAL_TEXT},
    )


def _iso_date(value: Any) -> str | None:
    if isinstance(value, (Date, DateTime)):
        return value.iso_format()[:10]
    return _text_or_none(value)


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None
