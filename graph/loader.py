"""Loading Articles and their Extractions into Neo4j, idempotently, one transaction per batch.

Inside each batch transaction the loader locks the batch's articles and reads their stored
``fact_hash``: an article whose rows are unchanged is left alone (re-ingesting changes no counts); an
article whose rows differ (new extractor version, edited text) has its old facts deleted before the
new ones are written, so facts never pile up. The read, the delete and the writes share one transaction, which
``execute_write`` retries on transient errors (deadlocks between concurrent loads, leader changes).
Unique constraints (graph/schema.py) keep concurrent loads from creating duplicate nodes. After each batch commits,
the new statements join their quote clusters (graph/quote_trail.py) in transactions of their own, run by a
background thread while the next batch is prepared and written; ``load`` returns once they are settled (callers of
``load_batch`` call ``settle``). What a failure leaves pending is settled by the next load or
``newsgraph quote-trail``.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from neo4j import Driver, ManagedTransaction

from core.errors import QueryError, reason_line
from core.records import Article, Extraction, Skipped
from graph import neo4j_queries as q
from graph.connection import write_transaction
from graph.corrections import reapply_for_articles
from graph.quote_trail import refresh_quote_trail
from graph.rows import ArticleRows, build_rows

log = logging.getLogger(__name__)


@dataclass(slots=True)
class LoadCounts:
    """Articles by outcome, and the facts dropped on the way: what a load and a whole pipeline run both report."""

    loaded: int = 0
    unchanged: int = 0
    replaced: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    dropped_facts: Counter[str] = field(default_factory=Counter)
    # editors' corrections whose statement, relation or entity the articles just written no longer hold
    dangling_corrections: int = 0

    def add_counts(self, other: LoadCounts) -> None:
        self.loaded += other.loaded
        self.unchanged += other.unchanged
        self.replaced += other.replaced
        self.skipped.extend(other.skipped)
        self.dropped_facts.update(other.dropped_facts)
        self.dangling_corrections += other.dangling_corrections


@dataclass(slots=True)
class LoadSummary(LoadCounts):
    """What a load did. ``rows`` counts parameter rows written (the unit of the load-rate benchmark)."""

    rows: int = 0
    batches: int = 0
    seconds: float = 0.0

    def add(self, other: LoadSummary) -> None:
        self.add_counts(other)
        self.rows += other.rows
        self.batches += other.batches
        self.seconds += other.seconds

    def as_dict(self) -> dict[str, Any]:
        return {
            "loaded": self.loaded,
            "unchanged": self.unchanged,
            "replaced": self.replaced,
            "skipped": [{"item": s.item, "reason": s.reason} for s in self.skipped],
            "dropped_facts": dict(self.dropped_facts),
            "dangling_corrections": self.dangling_corrections,
            "rows": self.rows,
            "batches": self.batches,
            "seconds": round(self.seconds, 3),
        }


Pair = tuple[Article, Extraction]


class GraphLoader:
    """Writes (Article, Extraction) pairs in batches. The driver is passed in and never closed here."""

    def __init__(self, driver: Driver, database: str, batch_size: int = 500, *, quote_trail: bool = True) -> None:
        if batch_size < 1:
            raise QueryError(f"load batch size must be at least 1, got {batch_size}")
        self.driver = driver
        self.database = database
        self.batch_size = batch_size
        self.quote_trail = quote_trail  # False: statements wait, pending, for a later refresh
        self._settler: _Settler | None = None
        self._settler_lock = threading.Lock()  # writers of one loader share it (pipeline load --writers)

    def load(self, pairs: Iterable[Pair], on_batch: Callable[[LoadSummary], None] | None = None) -> LoadSummary:
        """Load every pair; a bad pair is skipped with a reason, never the batch."""
        total = LoadSummary()
        try:
            for batch in _batches(pairs, self.batch_size):
                result = self.load_batch(batch)
                total.add(result)
                if on_batch is not None:
                    on_batch(result)
        except BaseException:
            self.settle(wait=False)  # a failed load reports at once; what is pending stays for the next run
            raise
        self.settle()
        return total

    def settle(self, wait: bool = True) -> None:
        """Wait until the quote clusters of everything loaded so far are settled, and stop the thread doing it
        (``wait=False``: let it finish what it does on its own, without waiting)."""
        with self._settler_lock:
            settler, self._settler = self._settler, None
        if settler is not None:
            settler.finish(wait)

    def load_batch(self, batch: list[Pair]) -> LoadSummary:
        started = time.perf_counter()
        summary = LoadSummary(batches=1)
        prepared: list[ArticleRows] = []
        for article, extraction in batch:
            rows = self._prepare(article, extraction, summary)
            if rows is not None:
                prepared.append(rows)
        prepared = _last_wins(prepared)
        if prepared:
            try:
                outcomes = [self._write(prepared)]
            except QueryError as e:
                if len(prepared) == 1:
                    summary.skipped.append(Skipped(prepared[0].article_id, str(e)))
                    outcomes = []
                else:  # one article Neo4j refuses (a value too large to index, …) must not cost the others
                    log.warning("a batch of %d articles was refused (%s); loading them one by one", len(prepared), e)
                    outcomes = self._write_one_by_one(prepared, summary)
            for outcome in outcomes:
                summary.loaded += outcome["loaded"]
                summary.replaced += outcome["replaced"]
                summary.unchanged += outcome["unchanged"]
                summary.rows += outcome["rows"]
                summary.dangling_corrections += outcome.get("dangling_corrections", 0)
            if self.quote_trail and (summary.loaded or summary.replaced):
                with self._settler_lock:
                    if self._settler is None:
                        self._settler = _Settler(self.driver, self.database)
                    self._settler.kick()
        summary.seconds = time.perf_counter() - started
        log.info(
            "batch: %d loaded, %d replaced, %d unchanged, %d rows in %.2fs",
            summary.loaded,
            summary.replaced,
            summary.unchanged,
            summary.rows,
            summary.seconds,
        )
        return summary

    def _write(self, prepared: list[ArticleRows]) -> dict[str, int]:
        result: dict[str, int] = write_transaction(
            self.driver, self.database, _write_batch, prepared, activity="loading", refusal="Neo4j refused to store it",
            unavailable=f"Neo4j became unavailable while loading a batch of {len(prepared)} articles; "
            "batches already committed are kept, run the same load again to finish",
        )  # fmt: skip
        return result

    def _write_one_by_one(self, prepared: list[ArticleRows], summary: LoadSummary) -> list[dict[str, int]]:
        outcomes = []
        for rows in prepared:
            try:
                outcomes.append(self._write([rows]))
            except QueryError as e:
                summary.skipped.append(Skipped(rows.article_id, str(e)))
        return outcomes

    def _prepare(self, article: Article, extraction: Extraction, summary: LoadSummary) -> ArticleRows | None:
        if not isinstance(article, Article) or not isinstance(extraction, Extraction):
            summary.skipped.append(Skipped(repr(article)[:80], "not an (Article, Extraction) pair"))
            return None
        if not article.id or not article.id.strip():
            summary.skipped.append(Skipped(article.origin or article.url or "?", "article has no id"))
            return None
        if extraction.article_id != article.id:
            summary.skipped.append(Skipped(article.id, f"extraction is for another article ({extraction.article_id})"))
            return None
        try:
            rows = build_rows(article, extraction)
        except (TypeError, ValueError, AttributeError) as e:
            summary.skipped.append(Skipped(article.id, f"cannot turn the extraction into graph rows: {e}"))
            return None
        for warning in rows.warnings:
            log.warning("article %s: %s", article.id, warning)
            summary.dropped_facts[_reason_of(warning)] += 1
        return rows


class _Settler:
    """A thread that settles quote clusters whenever batches were written, so a load's next batch is prepared and
    written meanwhile (the server and the loader's own process take turns otherwise)."""

    def __init__(self, driver: Driver, database: str) -> None:
        self.driver = driver
        self.database = database
        self._wanted = threading.Event()
        self._stopping = False
        self._abandoned = False  # the load failed: stop between transactions, the caller may close the driver
        self._thread = threading.Thread(target=self._run, name="quote-trail", daemon=True)
        self._thread.start()

    def kick(self) -> None:
        self._wanted.set()

    def finish(self, wait: bool = True) -> None:
        self._stopping = True
        self._abandoned = not wait
        self._wanted.set()
        if wait:
            self._thread.join()

    def _run(self) -> None:
        while True:
            self._wanted.wait()
            self._wanted.clear()
            if self._abandoned:
                return
            try:
                refresh_quote_trail(self.driver, self.database, stop=lambda: self._abandoned)
            except Exception as e:
                # Never a traceback from this thread: the load's own error is what counts. The articles are stored;
                # their statements stay pending for the next refresh.
                log.warning("quote trails not settled: %s", reason_line(str(e)) or type(e).__name__)
            if self._stopping and not self._wanted.is_set():
                return


def _write_batch(tx: ManagedTransaction, prepared: list[ArticleRows]) -> dict[str, int]:
    """One batch in one transaction; runs again from the top when the driver retries it."""
    ids = sorted(rows.article_id for rows in prepared)  # one lock order for every loader: fewer deadlocks
    stored = {r["id"]: r["fact_hash"] for r in tx.run(q.LOCK_ARTICLES, ids=ids)}
    to_write = [rows for rows in prepared if stored.get(rows.article_id) != rows.fact_hash]
    # An article node with no fact_hash was created by the lock just now: new, nothing to delete.
    replaced = [rows.article_id for rows in to_write if stored.get(rows.article_id) is not None]
    if replaced:
        for statement in q.DELETE_ORDER:
            tx.run(statement, ids=replaced).consume()
    written = 0
    for key, statement in q.WRITE_ORDER:
        rows = _merged(key, to_write)
        if rows:
            tx.run(statement, rows=rows).consume()
            written += len(rows)
    # The raw facts just written undo the editors' corrections of these articles: apply them again, same transaction.
    corrected = reapply_for_articles(tx, [rows.article_id for rows in to_write])
    return {
        "dangling_corrections": corrected.get("dangling", 0),
        "loaded": len(to_write) - len(replaced),
        "replaced": len(replaced),
        "unchanged": len(prepared) - len(to_write),
        "rows": written,
    }


def _merged(key: str, prepared: list[ArticleRows]) -> list[dict[str, Any]]:
    rows = [row for article in prepared for row in article.rows.get(key, [])]
    if key != "entities":
        return rows
    # One row per entity id per batch, aliases united: fewer MERGEs on the same node in one statement.
    by_id: dict[str, dict[str, Any]] = {}
    for row in rows:
        seen = by_id.get(row["id"])
        if seen is None:
            by_id[row["id"]] = dict(row)
        else:
            seen["aliases"] = sorted({*seen["aliases"], *row["aliases"]} - {seen["name"]})
    return list(by_id.values())


def _last_wins(prepared: list[ArticleRows]) -> list[ArticleRows]:
    """The same article twice in one batch: keep its last version, as if loaded one after the other."""
    by_id = {rows.article_id: rows for rows in prepared}
    return list(by_id.values())


def _batches(pairs: Iterable[Pair], size: int) -> Iterator[list[Pair]]:
    batch: list[Pair] = []
    for pair in pairs:
        batch.append(pair)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _reason_of(warning: str) -> str:
    """Group warnings by their kind for the summary: the part after the fact's position."""
    return warning.split(": ", 1)[-1]


def clear_graph(driver: Driver, database: str) -> None:
    """Delete every node and relationship (schema kept), in chunks so a large graph fits in memory."""
    with driver.session(database=database) as session:
        session.run(q.CLEAR_DATABASE).consume()
