"""The end-to-end runs behind `newsgraph ingest` and `newsgraph reextract`: articles → NLP → graph, in batches.

The driver is opened once, the schema applied, and articles flow through ``nlp.runtime.extract.Extractor`` into
``graph.loader.GraphLoader`` one batch (setting ``load_batch_size``) at a time, so memory stays flat and each
committed batch survives an interruption: running the same ingest again skips what is stored (``seen_index``) and
loads the rest. A writer thread stores each batch while the next one is extracted. ``run_reextract`` feeds
articles already in the graph, rebuilt from their stored nodes, through the same path: the loader replaces the
facts of each article whose extraction changed. Every input item is reported once through ``on_progress``: the
Article when it is in the graph, or a Skipped with the reason.

The version stored on every fact (``extraction_version``) is the extractor's own version plus a fingerprint
of what else decides its output (lexicon and gazetteer with the user's aliases file, embedding model,
non-English rule), so editing the lexicon or the aliases file makes the stored facts out of date just as a new
model does.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any, Protocol

from neo4j import Driver
from neo4j.exceptions import DriverError, Neo4jError

from core.errors import GraphUnavailableError, NewsgraphError, reason_line
from core.records import Article, Extraction, Skipped
from core.settings import Settings, mask_uri
from graph.connection import open_driver, resolve_target
from graph.loader import GraphLoader, LoadCounts, LoadSummary
from graph.schema import apply_schema
from graph.seen import Neo4jSeenIndex
from graph.stored import all_article_ids, stale_article_ids, stored_articles

log = logging.getLogger(__name__)

Progress = Callable[[Article | Skipped], None]
Pair = tuple[Article, Extraction]


class ExtractorLike(Protocol):
    def extract(self, articles: Iterable[Article]) -> Iterator[Extraction]: ...


@dataclass(slots=True)
class PipelineSummary(LoadCounts):
    """One run: articles loaded (new), replaced (re-extracted), unchanged, and skipped with reasons."""

    statements: int = 0

    def text(self) -> str:
        reasons: dict[str, int] = {}
        for item in self.skipped:
            reasons[item.reason] = reasons.get(item.reason, 0) + 1
        lines = [f"graph: {self.loaded} loaded, {self.replaced} replaced, {self.unchanged} unchanged, "
                 f"{len(self.skipped)} skipped; {self.statements} statements"]  # fmt: skip
        lines += [f"  skipped ({count}): {reason}" for reason, count in sorted(reasons.items())]
        lines += [f"  facts dropped ({count}): {reason}" for reason, count in sorted(self.dropped_facts.items())]
        if self.dangling_corrections:
            lines.append(f"  corrections dangling ({self.dangling_corrections}): what they correct is no longer "
                         "extracted; kept, see `newsgraph corrections list`")  # fmt: skip
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class Selection:
    """Which stored articles to extract again: the out-of-date ones, every one, or these ids."""

    stale: bool = False
    everything: bool = False
    ids: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if (self.stale, self.everything, bool(self.ids)).count(True) != 1:
            raise NewsgraphError("choose exactly one of: the stale articles, all articles, or article ids")


class GraphLostError(GraphUnavailableError):
    """Neo4j went away in the middle of a run; what was committed before stays, a re-run finishes the job."""


def graph_address(settings: Settings) -> str:
    """The URI of the Neo4j a run talks to, without credentials (the local server's while it runs)."""
    if settings.neo4j_uri:
        return mask_uri(settings.neo4j_uri)
    try:
        return mask_uri(resolve_target(settings, start_local=False).uri)
    except NewsgraphError:
        return "the local Neo4j"


def _lost(address: str, error: Exception) -> GraphLostError:
    reason = reason_line(str(error), 300) or type(error).__name__
    return GraphLostError(f"lost the connection to Neo4j at {address}: {mask_uri(reason)}")


class GraphSeenIndex:
    """The graph's SeenIndex, turning a lost connection into one GraphLostError that names the server."""

    def __init__(self, index: Neo4jSeenIndex, address: str) -> None:
        self._index = index
        self._address = address

    def _ask(self, question: Callable[[str], bool], value: str) -> bool:
        try:
            return question(value)
        except (DriverError, Neo4jError) as e:
            raise _lost(self._address, e) from e

    def has_url(self, url: str) -> bool:
        return self._ask(self._index.has_url, url)

    def has_hash(self, content_hash: str) -> bool:
        return self._ask(self._index.has_hash, content_hash)

    def has_id(self, article_id: str) -> bool:
        return self._ask(self._index.has_id, article_id)

    def close(self) -> None:
        self._index.close()


def seen_index(settings: Settings) -> GraphSeenIndex:
    """The "already ingested" check for the ingest stage, answered by the graph (owns its own driver)."""
    driver, database = open_driver(settings)
    return GraphSeenIndex(Neo4jSeenIndex(driver, database, owns_driver=True), graph_address(settings))


def extraction_version(extractor: Any, settings: Settings) -> str:
    """The extractor's version plus a fingerprint of the configuration that changes what it finds."""
    version = str(getattr(extractor, "version", "") or "unversioned")
    gazetteer = getattr(extractor, "gazetteer", None)
    lexicon = getattr(extractor, "lexicon", None)
    config: dict[str, Any] = {"embedding_model": settings.embedding_model, "non_english": settings.non_english}
    if gazetteer is not None:
        config["gazetteer"] = _canonical(gazetteer)
    if lexicon is not None:
        config["lexicon"] = lexicon.fingerprint
    digest = hashlib.sha256(json.dumps(config, sort_keys=True).encode("utf-8")).hexdigest()
    return f"{version} config/{digest[:12]}"


def _canonical(value: Any) -> Any:
    """The same data in the same JSON whatever the set order; every field counts, new ones included."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _canonical(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(key): _canonical(item) for key, item in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted((_canonical(item) for item in value), key=lambda item: json.dumps(item, sort_keys=True))
    if isinstance(value, (list, tuple)):
        return [_canonical(item) for item in value]
    if isinstance(value, re.Pattern):  # the lexicon's patterns, by their text
        return value.pattern
    return value


def run_pipeline(
    articles: Iterable[Article | Skipped],
    settings: Settings,
    on_progress: Progress | None = None,
    *,
    driver: Driver | None = None,
    database: str | None = None,
    extractor: ExtractorLike | None = None,
) -> PipelineSummary:
    """Extract and load every article; the driver and extractor are made here unless passed in.

    When Neo4j goes away midway this raises GraphLostError naming the server: the batches committed before
    stay, and running the same ingest again skips them and loads the rest.
    """
    with _graph(settings, driver, database) as (opened, name), _losing(settings, driver):
        return _Run(settings, opened, name, extractor, on_progress).run(articles)


def run_load(
    items: Iterable[tuple[Article, Extraction] | Skipped],
    settings: Settings,
    on_progress: Progress | None = None,
    *,
    writers: int = 1,
    driver: Driver | None = None,
    database: str | None = None,
) -> PipelineSummary:
    """Load pairs extracted before (`newsgraph load` of shards): the loading half of ``run_pipeline``.

    The same batches (setting ``load_batch_size``), summary and progress: an extraction with ``error`` is
    skipped as in a pipeline run, a Skipped is reported. ``writers`` batches are written at once, each in its
    own session and transaction; the loader locks a batch's articles in id order, so concurrent batches
    cannot deadlock on them (on shared entities Neo4j may detect a deadlock, and the driver retries). When
    Neo4j goes away midway this raises GraphLostError: committed batches stay, a re-run finds them unchanged.
    """
    if writers < 1:
        raise NewsgraphError(f"writers must be at least 1, got {writers}")
    with _graph(settings, driver, database) as (opened, name), _losing(settings, driver):
        return _Run(settings, opened, name, None, on_progress).load(items, writers)


def current_extraction_version(settings: Settings) -> str:
    """The version a run would store now (``extraction_version`` of the default extractor), without its models."""
    try:
        from nlp.lexicon.gazetteer import load_gazetteer
        from nlp.lexicon.lexicon import load_lexicon
        from nlp.runtime.extract import installed_extractor_version
    except ImportError as e:
        raise NewsgraphError(f"the NLP stage cannot be loaded ({e}); install the requirements") from e
    lexicon = load_lexicon(settings.aliases_file or None)
    described = SimpleNamespace(
        version=installed_extractor_version(settings),
        lexicon=lexicon,
        gazetteer=load_gazetteer(settings.aliases_file or None, lexicon),
    )
    return extraction_version(described, settings)


@contextmanager
def _losing(settings: Settings, driver: Driver | None) -> Iterator[None]:
    """A connection lost midway as one GraphLostError naming the server."""
    address = graph_address(settings) if driver is None else mask_uri(settings.neo4j_uri) or "the graph"
    try:
        yield
    except GraphLostError:
        raise
    except GraphUnavailableError as e:  # the loader's, which says what the driver said in __cause__
        raise _lost(address, e.__cause__ if isinstance(e.__cause__, Exception) else e) from e
    except DriverError as e:
        raise _lost(address, e) from e


def run_reextract(
    selection: Selection,
    settings: Settings,
    on_progress: Progress | None = None,
    *,
    on_selected: Callable[[int], None] | None = None,
    driver: Driver | None = None,
    database: str | None = None,
    extractor: ExtractorLike | None = None,
) -> PipelineSummary:
    """Extract the selected stored articles again from their stored text and replace the facts that changed.

    ``on_selected`` hears how many articles were selected before the first one is extracted. Killed midway,
    the batches committed so far stay; with ``stale`` a second run picks up only what is still out of date.
    """
    with _graph(settings, driver, database) as (opened, name):
        extractor = extractor or _default_extractor(settings)
        ids = _selected_ids(selection, opened, name, extraction_version(extractor, settings))
        log.info("re-extracting %d stored articles", len(ids))
        if on_selected is not None:
            on_selected(len(ids))
        articles = stored_articles(opened, name, ids, settings.load_batch_size)
        # A stored article is reported by its id, which the user selects it by, not by where it was read.
        return _Run(settings, opened, name, extractor, on_progress, name_of=_stored_name).run(articles)


def _selected_ids(selection: Selection, driver: Driver, database: str, version: str) -> Sequence[str]:
    if selection.ids:
        return list(dict.fromkeys(selection.ids))
    if selection.everything:
        return all_article_ids(driver, database)
    return stale_article_ids(driver, database, version)


@contextmanager
def _graph(settings: Settings, driver: Driver | None, database: str | None) -> Iterator[tuple[Driver, str]]:
    """The driver passed in, or one opened (and closed) here; the schema applied either way."""
    owned = driver is None
    if driver is None:
        driver, database = open_driver(settings)
    try:
        name = database or settings.neo4j_database
        apply_schema(driver, name)
        yield driver, name
    finally:
        if owned:
            driver.close()


class _Run:
    def __init__(self, settings: Settings, driver: Driver, database: str, extractor: ExtractorLike | None,
                 on_progress: Progress | None, name_of: Callable[[Article], str] | None = None) -> None:  # fmt: skip
        self.settings = settings
        self.loader = GraphLoader(driver, database, settings.load_batch_size)
        self.extractor = extractor
        self.on_progress = on_progress or (lambda item: None)
        self.summary = PipelineSummary()
        self.name_of = name_of or _source_name

    def run(self, items: Iterable[Article | Skipped]) -> PipelineSummary:
        # Batches are written by a writer thread while the next ones are extracted: the server stores one batch as
        # the extractor works on the next, instead of the two taking turns.
        return self.load(self._extracted(items), writers=1)

    def _extracted(self, items: Iterable[Article | Skipped]) -> Iterator[tuple[Article, Extraction] | Skipped]:
        extractor = self.extractor or _default_extractor(self.settings)
        version = extraction_version(extractor, self.settings)
        waiting: deque[Article] = deque()
        for extraction in extractor.extract(self._articles(items, waiting)):
            article = waiting.popleft()
            yield article, dataclasses.replace(extraction, extractor_version=version)

    def _articles(self, items: Iterable[Article | Skipped], waiting: deque[Article]) -> Iterator[Article]:
        for item in items:
            if isinstance(item, Skipped):
                self._report(item)
                continue
            waiting.append(item)
            yield item

    def load(self, items: Iterable[tuple[Article, Extraction] | Skipped], writers: int) -> PipelineSummary:
        with ThreadPoolExecutor(max_workers=writers, thread_name_prefix="load") as pool:
            running: deque[tuple[list[Pair], Future[LoadSummary]]] = deque()
            try:
                for batch in self._batches(items):
                    running.append((batch, pool.submit(self.loader.load_batch, batch)))
                    # Bounded: at most two batches a writer wait in memory; results are taken in order.
                    while len(running) >= 2 * writers or (running and running[0][1].done()):
                        done, future = running.popleft()
                        self._loaded(done, future.result())
                while running:
                    done, future = running.popleft()
                    self._loaded(done, future.result())
            except BaseException:
                self.loader.settle(wait=False)  # a failed load reports at once; what is pending waits for the next
                raise
            finally:
                for _, future in running:
                    future.cancel()
        self.loader.settle()
        log.info("load done: %s", self.summary.text())
        return self.summary

    def _batches(
        self, items: Iterable[tuple[Article, Extraction] | Skipped]
    ) -> Iterator[list[tuple[Article, Extraction]]]:
        batch: list[tuple[Article, Extraction]] = []
        for item in items:
            if isinstance(item, Skipped):
                self._report(item)
                continue
            article, extraction = item
            if extraction.error is not None:  # as in a pipeline run: not stored, so a later run tries it again
                self._report(Skipped(self.name_of(article), f"extraction: {extraction.error}"))
                continue
            batch.append(item)
            if len(batch) >= self.settings.load_batch_size:
                yield batch
                batch = []
        if batch:
            yield batch

    def _loaded(self, batch: list[tuple[Article, Extraction]], result: LoadCounts) -> None:
        self.summary.add_counts(result)
        skipped_ids = {s.item for s in result.skipped}
        for item in result.skipped:
            self.on_progress(item)
        for article, extraction in batch:
            if article.id not in skipped_ids:
                self.summary.statements += len(extraction.statements)
                self.on_progress(article)

    def _report(self, item: Skipped) -> None:
        self.summary.skipped.append(item)
        self.on_progress(item)


def _source_name(article: Article) -> str:
    return article.origin or article.url or article.id


def _stored_name(article: Article) -> str:
    return article.id


def _default_extractor(settings: Settings) -> Any:
    try:
        from nlp.runtime.parallel import make_extractor
    except ImportError as e:  # the NLP stage is optional for the graph stage's own users
        raise NewsgraphError(f"the NLP stage cannot be loaded ({e}); install the requirements") from e
    return make_extractor(settings)
