"""The end-to-end run behind `newsgraph ingest`: articles → NLP extraction → graph, streamed in batches.

The driver is opened once, the schema applied, and articles flow through ``nlp.extract.Extractor`` into
``graph.loader.GraphLoader`` one batch (setting ``load_batch_size``) at a time, so memory stays flat and
each committed batch survives an interruption: running the same ingest again skips what is stored
(``seen_index``) and loads the rest. Every input item is reported once through ``on_progress``: the
Article when it is in the graph, or a Skipped with the reason.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from neo4j import Driver

from graph.connection import open_driver
from graph.loader import GraphLoader, LoadSummary
from graph.schema import apply_schema
from graph.seen import Neo4jSeenIndex
from newsgraph.errors import NewsgraphError
from newsgraph.records import Article, Extraction, Skipped
from newsgraph.settings import Settings

log = logging.getLogger(__name__)

Progress = Callable[[Article | Skipped], None]


class ExtractorLike(Protocol):
    def extract(self, articles: Iterable[Article]) -> Iterator[Extraction]: ...


@dataclass(slots=True)
class PipelineSummary:
    """One run: articles loaded (new), replaced (re-extracted), unchanged, and skipped with reasons."""

    loaded: int = 0
    replaced: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    dropped_facts: dict[str, int] = field(default_factory=dict)
    statements: int = 0

    def text(self) -> str:
        reasons: dict[str, int] = {}
        for item in self.skipped:
            reasons[item.reason] = reasons.get(item.reason, 0) + 1
        lines = [f"graph: {self.loaded} loaded, {self.replaced} replaced, {self.unchanged} unchanged, "
                 f"{len(self.skipped)} skipped; {self.statements} statements"]  # fmt: skip
        lines += [f"  skipped ({count}): {reason}" for reason, count in sorted(reasons.items())]
        lines += [f"  facts dropped ({count}): {reason}" for reason, count in sorted(self.dropped_facts.items())]
        return "\n".join(lines)


def seen_index(settings: Settings) -> Neo4jSeenIndex:
    """The "already ingested" check for the ingest stage, answered by the graph (owns its own driver)."""
    driver, database = open_driver(settings)
    return Neo4jSeenIndex(driver, database, owns_driver=True)


def run_pipeline(
    articles: Iterable[Article | Skipped],
    settings: Settings,
    on_progress: Progress | None = None,
    *,
    driver: Driver | None = None,
    database: str | None = None,
    extractor: ExtractorLike | None = None,
) -> PipelineSummary:
    """Extract and load every article; the driver and extractor are made here unless passed in."""
    owned = driver is None
    if driver is None:
        driver, database = open_driver(settings)
    try:
        apply_schema(driver, database or settings.neo4j_database)
        return _Run(settings, driver, database or settings.neo4j_database, extractor, on_progress).run(articles)
    finally:
        if owned:
            driver.close()


class _Run:
    def __init__(self, settings: Settings, driver: Driver, database: str, extractor: ExtractorLike | None,
                 on_progress: Progress | None) -> None:  # fmt: skip
        self.settings = settings
        self.loader = GraphLoader(driver, database, settings.load_batch_size)
        self.extractor = extractor
        self.on_progress = on_progress or (lambda item: None)
        self.summary = PipelineSummary()
        self.load = LoadSummary()

    def run(self, items: Iterable[Article | Skipped]) -> PipelineSummary:
        extractor = self.extractor or _default_extractor(self.settings)
        waiting: deque[Article] = deque()
        batch: list[tuple[Article, Extraction]] = []
        for extraction in extractor.extract(self._articles(items, waiting)):
            article = waiting.popleft()
            if extraction.error is not None:
                # Not stored, so a later run (a fixed extractor, another setting) tries it again.
                self._report(Skipped(article.origin or article.url or article.id, f"extraction: {extraction.error}"))
                continue
            batch.append((article, extraction))
            if len(batch) >= self.settings.load_batch_size:
                self._flush(batch)
                batch = []
        self._flush(batch)
        self.summary.dropped_facts = dict(self.load.dropped_facts)
        log.info("pipeline done: %s", self.summary.text())
        return self.summary

    def _articles(self, items: Iterable[Article | Skipped], waiting: deque[Article]) -> Iterator[Article]:
        for item in items:
            if isinstance(item, Skipped):
                self._report(item)
                continue
            waiting.append(item)
            yield item

    def _flush(self, batch: list[tuple[Article, Extraction]]) -> None:
        if not batch:
            return
        result = self.loader.load_batch(batch)
        self.load.add(result)
        self.summary.loaded += result.loaded
        self.summary.replaced += result.replaced
        self.summary.unchanged += result.unchanged
        skipped_ids = {s.item for s in result.skipped}
        for item in result.skipped:
            self._report(item)
        for article, extraction in batch:
            if article.id not in skipped_ids:
                self.summary.statements += len(extraction.statements)
                self.on_progress(article)

    def _report(self, item: Skipped) -> None:
        self.summary.skipped.append(item)
        self.on_progress(item)


def _default_extractor(settings: Settings) -> Any:
    try:
        from nlp.extract import Extractor
    except ImportError as e:  # the NLP stage is optional for the graph stage's own users
        raise NewsgraphError(f"the NLP stage cannot be loaded ({e}); install the requirements") from e
    return Extractor(settings)
