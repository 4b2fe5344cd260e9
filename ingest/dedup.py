"""Exact and near-duplicate detection.

Exact: the same canonical URL, content hash or id as an article earlier in the run is a ``duplicate``;
as one stored by an earlier run (asked through a ``SeenIndex``) it is ``already ingested``. Both come
back as Skipped. Near: syndicated copies of one wire story (another headline, an extra paragraph, a
different footer) are found with MinHash LSH over word 5-grams and marked with ``near_duplicate_of``
the first copy seen in the run — they are kept, so the graph can link them, not counted twice.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np
from datasketch import MinHash, MinHashLSH

from newsgraph.errors import IngestError
from newsgraph.records import Article, Skipped

logger = logging.getLogger(__name__)

NEAR_DUPLICATE_THRESHOLD = 0.7  # Jaccard similarity of word 5-gram sets; wire copies score 0.75-0.95
NUM_PERM = 128
SHINGLE_WORDS = 5
MIN_WORDS_FOR_NEAR_DUPLICATE = 30  # shorter texts share too much boilerplate to judge
_WORD = re.compile(r"\w+")


@runtime_checkable
class SeenIndex(Protocol):
    """What earlier runs stored. The graph stage answers from Neo4j; ``MemorySeenIndex`` from a file."""

    def has_url(self, url: str) -> bool: ...

    def has_hash(self, content_hash: str) -> bool: ...

    def has_id(self, article_id: str) -> bool: ...


class MemorySeenIndex:
    """A SeenIndex in memory, filled from Article records (e.g. an earlier ``--out`` JSON Lines file)."""

    def __init__(self, articles: Iterable[Article] = ()) -> None:
        self._urls: set[str] = set()
        self._hashes: set[str] = set()
        self._ids: set[str] = set()
        for article in articles:
            self.add(article)

    @classmethod
    def from_jsonl(cls, path: Path) -> MemorySeenIndex:
        """The articles of a JSON Lines file written by ``newsgraph ingest --no-graph``."""
        index = cls()
        try:
            with path.open(encoding="utf-8") as handle:
                for number, line in enumerate(handle, 1):
                    if line.strip():
                        index._add_row(json.loads(line), path, number)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
            raise IngestError(f"cannot read earlier articles from {path}: {e}") from e
        return index

    def _add_row(self, row: object, path: Path, number: int) -> None:
        if not isinstance(row, dict) or "id" not in row:
            raise IngestError(f"{path}:{number} is not an article record")
        self._ids.add(row["id"])
        if row.get("url"):
            self._urls.add(row["url"])
        if row.get("content_hash"):
            self._hashes.add(row["content_hash"])

    def add(self, article: Article) -> None:
        self._ids.add(article.id)
        self._hashes.add(article.content_hash)
        if article.url:
            self._urls.add(article.url)

    def has_url(self, url: str) -> bool:
        return url in self._urls

    def has_hash(self, content_hash: str) -> bool:
        return content_hash in self._hashes

    def has_id(self, article_id: str) -> bool:
        return article_id in self._ids

    def __len__(self) -> int:
        return len(self._ids)


class Deduplicator:
    """Decides, article by article in stream order, whether each is new, a duplicate or a near-duplicate."""

    def __init__(self, seen: SeenIndex | None = None, threshold: float = NEAR_DUPLICATE_THRESHOLD) -> None:
        self._seen = seen
        self._run = MemorySeenIndex()
        self._first_with_url: dict[str, str] = {}
        self._first_with_hash: dict[str, str] = {}
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._signatures: dict[str, np.ndarray] = {}
        self._threshold = threshold

    def check_url(self, url: str, item: str) -> Skipped | None:
        """Before fetching: a Skipped when this canonical URL was seen, so nothing is downloaded twice."""
        if url in self._first_with_url:
            return Skipped(item, f"duplicate: same URL as article {self._first_with_url[url]}")
        if self._seen is not None and self._seen.has_url(url):
            return Skipped(item, f"already ingested: {url}")
        return None

    def admit(self, article: Article) -> Article | Skipped:
        """The article (marked when a near-duplicate) if new, else a Skipped saying what it repeats."""
        item = article.origin or article.url or article.id
        repeated = self._exact_repeat(article, item)
        if repeated is not None:
            return repeated
        self._run.add(article)
        if article.url:
            self._first_with_url[article.url] = article.id
        self._first_with_hash[article.content_hash] = article.id
        original = self._near_duplicate_original(article)
        if original is None:
            return article
        logger.info("%s is a near-duplicate of %s", article.id, original)
        return replace(article, near_duplicate_of=original)

    def _exact_repeat(self, article: Article, item: str) -> Skipped | None:
        if article.url:
            skipped = self.check_url(article.url, item)
            if skipped is not None:
                return skipped
        if article.content_hash in self._first_with_hash:
            return Skipped(item, f"duplicate: same text as article {self._first_with_hash[article.content_hash]}")
        if self._run.has_id(article.id):
            return Skipped(item, f"duplicate: same id as article {article.id}")
        if self._seen is not None and (self._seen.has_hash(article.content_hash) or self._seen.has_id(article.id)):
            return Skipped(item, f"already ingested: article {article.id}")
        return None

    def _near_duplicate_original(self, article: Article) -> str | None:
        shingles = _shingles(article.text)
        if shingles is None:
            return None
        signature = MinHash(num_perm=NUM_PERM)
        signature.update_batch(shingles)
        values = signature.hashvalues.astype(np.uint32)  # MinHash values fit 32 bits; halves the memory
        best, best_score = None, self._threshold
        for candidate in self._lsh.query(signature):
            score = float(np.mean(self._signatures[candidate] == values))
            if score >= best_score:
                best, best_score = candidate, score
        if best is None:
            self._lsh.insert(article.id, signature)
            self._signatures[article.id] = values
        return best


def _shingles(text: str) -> list[bytes] | None:
    words = _WORD.findall(text.lower())
    if len(words) < MIN_WORDS_FOR_NEAR_DUPLICATE:
        return None
    return list({" ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(words) - SHINGLE_WORDS + 1)})
