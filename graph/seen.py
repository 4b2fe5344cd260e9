"""The ingest stage's "already seen" check answered by the graph (ingest.dedup.SeenIndex).

Each question is one indexed lookup (unique constraint on Article.id, range indexes on url and
content_hash), so it stays exact while other processes load at the same time.
"""

from __future__ import annotations

import weakref

from neo4j import Driver

_BY_URL = "MATCH (a:Article {url: $value}) RETURN a.id AS id LIMIT 1"
_BY_HASH = "MATCH (a:Article {content_hash: $value}) RETURN a.id AS id LIMIT 1"
_BY_ID = "MATCH (a:Article {id: $value}) RETURN a.id AS id LIMIT 1"


class Neo4jSeenIndex:
    """Has an article with this URL, content hash or id been loaded already?"""

    def __init__(self, driver: Driver, database: str, *, owns_driver: bool = False) -> None:
        self.driver = driver
        self.database = database
        if owns_driver:
            # Closed explicitly (close()) or when the index is collected; never by the driver's destructor.
            self._finalizer = weakref.finalize(self, driver.close)

    def _exists(self, query: str, value: str) -> bool:
        if not value:
            return False
        records, _, _ = self.driver.execute_query(query, value=value, database_=self.database, routing_="r")
        return bool(records)

    def has_url(self, url: str) -> bool:
        return self._exists(_BY_URL, url)

    def has_hash(self, content_hash: str) -> bool:
        return self._exists(_BY_HASH, content_hash)

    def has_id(self, article_id: str) -> bool:
        return self._exists(_BY_ID, article_id)

    def close(self) -> None:
        finalizer = getattr(self, "_finalizer", None)
        if finalizer is not None:
            finalizer()
