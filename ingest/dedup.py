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
from datasketch import MinHash

from core.errors import IngestError
from core.records import Article, Skipped

logger = logging.getLogger(__name__)

NEAR_DUPLICATE_THRESHOLD = 0.7  # Jaccard similarity of word 5-gram sets; wire copies score 0.75-0.95
NUM_PERM = 120
# 20 bands of 6 rows: a pair at Jaccard 0.7 shares a band with probability 0.92, at 0.8 with 0.995;
# candidates are then confirmed on the whole signature against the threshold.
BANDS, ROWS = 20, 6
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
        self.damaged_lines: list[int] = []
        for article in articles:
            self.add(article)

    @classmethod
    def from_jsonl(cls, path: Path) -> MemorySeenIndex:
        """The articles of a JSON Lines file written by ``newsgraph ingest --no-graph``.

        A damaged line (two writers crossed, a bad disk) does not stop the others from being read: its number
        is kept in ``damaged_lines`` for the caller to report, and its article, if there was one, counts as not
        seen.
        """
        index = cls()
        try:
            with path.open("rb") as handle:
                for number, line in enumerate(handle, 1):
                    if line.strip() and not index._add_line(line):
                        logger.debug("%s:%d is not an article record; it is left as it is", path, number)
                        index.damaged_lines.append(number)
        except OSError as e:
            raise IngestError(f"cannot read earlier articles from {path}: {e.strerror or e}") from e
        return index

    def _add_line(self, line: bytes) -> bool:
        try:
            row = json.loads(line.decode("utf-8"))
        except (ValueError, RecursionError):  # not JSON, not UTF-8, or a number of more than 4300 digits
            return False
        if not isinstance(row, dict) or not isinstance(row.get("id"), str):
            return False
        self._ids.add(row["id"])
        if row.get("url"):
            self._urls.add(row["url"])
        if row.get("content_hash"):
            self._hashes.add(row["content_hash"])
        return True

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


class NearDuplicateIndex:
    """MinHash LSH over word 5-grams: which earlier article, if any, a text is a near-copy of.

    datasketch computes the MinHash signatures; the banding index is kept here because datasketch's
    in-memory LSH holds a Python set per bucket (about 5 KB per article), while one int per band and a
    packed uint32 signature (about 1.5 KB) keep a 100,000-article run in reasonable memory. Candidates
    from the bands are confirmed on the full signatures, so a bucket collision never marks a copy.
    """

    def __init__(self, threshold: float = NEAR_DUPLICATE_THRESHOLD) -> None:
        self._threshold = threshold
        self._buckets: list[dict[int, int | list[int]]] = [{} for _ in range(BANDS)]
        self._signatures = np.empty((1024, NUM_PERM), dtype=np.uint32)
        self._ids: list[str] = []

    def original_of(self, article_id: str, text: str) -> str | None:
        """The id of the first similar article seen, else None (and this text is remembered)."""
        shingles = _shingles(text)
        if shingles is None:
            return None
        minhash = MinHash(num_perm=NUM_PERM)
        minhash.update_batch(shingles)
        signature = minhash.hashvalues.astype(np.uint32)  # MinHash values fit 32 bits
        keys = [hash(signature[band * ROWS : (band + 1) * ROWS].tobytes()) for band in range(BANDS)]
        best, best_score = None, self._threshold
        for candidate in self._candidates(keys):
            score = float(np.mean(self._signatures[candidate] == signature))
            if score >= best_score:
                best, best_score = candidate, score
        if best is not None:
            return self._ids[best]
        self._remember(article_id, signature, keys)
        return None

    def _candidates(self, keys: list[int]) -> set[int]:
        found: set[int] = set()
        for bucket, key in zip(self._buckets, keys, strict=True):
            hit = bucket.get(key)
            if isinstance(hit, int):
                found.add(hit)
            elif hit is not None:
                found.update(hit)
        return found

    def _remember(self, article_id: str, signature: np.ndarray, keys: list[int]) -> None:
        index = len(self._ids)
        if index == len(self._signatures):
            self._signatures = np.resize(self._signatures, (2 * index, NUM_PERM))
        self._signatures[index] = signature
        self._ids.append(article_id)
        for bucket, key in zip(self._buckets, keys, strict=True):
            hit = bucket.setdefault(key, index)
            if hit != index:
                bucket[key] = [*hit, index] if isinstance(hit, list) else [hit, index]


class Deduplicator:
    """Decides, article by article in stream order, whether each is new, a duplicate or a near-duplicate."""

    def __init__(self, seen: SeenIndex | None = None, threshold: float = NEAR_DUPLICATE_THRESHOLD) -> None:
        self._seen = seen
        self._first_with_url: dict[str, str] = {}
        self._first_with_hash: dict[str, str] = {}
        self._ids: set[str] = set()
        self._near = NearDuplicateIndex(threshold)

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
        self._ids.add(article.id)
        if article.url:
            self._first_with_url[article.url] = article.id
        self._first_with_hash[article.content_hash] = article.id
        original = self._near.original_of(article.id, article.text)
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
        if article.id in self._ids:
            return Skipped(item, f"duplicate: same id as article {article.id}")
        if self._seen is not None and (self._seen.has_hash(article.content_hash) or self._seen.has_id(article.id)):
            return Skipped(item, f"already ingested: article {article.id}")
        return None


def _shingles(text: str) -> list[bytes] | None:
    words = _WORD.findall(text.lower())
    if len(words) < MIN_WORDS_FOR_NEAR_DUPLICATE:
        return None
    return list({" ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(words) - SHINGLE_WORDS + 1)})
