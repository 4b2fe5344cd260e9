"""First loads of many articles through ``neo4j-admin database import full`` instead of transactions.

``BulkWriter`` turns (Article, Extraction) pairs into the importer's CSV files (graph/bulk_csv.py) holding the
nodes, relationships and properties that graph/loader.py writes for the same pairs into an empty graph. It reads
graph/rows.py's rows as the loader does and applies the loader's Cypher (graph/neo4j_queries.py) in Python:

* articles, statements and their relationships belong to one article and are written as they come;
* a ``Source`` is one node per name, PUBLISHED one per article; a ``Role`` is one node per role id with the
  title, person and organisation of its first row (``ON CREATE``), AT written once with it; HOLDS_ROLE and
  IN_ROLE one per row;
* an ``Entity`` is one node per id with the name and type of its first row (``ON CREATE``), every type it was
  given as a label (``SET e:$(row.type)``) and the sorted union of its aliases without its name — so entities
  are written last;
* DUPLICATE_OF is written when the original article is in the import, wherever it comes in the input (the
  loader links it when the original was loaded in the same batch or before);
* an article given twice keeps its first version, the later one reported (the loader would replace it).

What stays in memory: the article ids (for the twice-given check and DUPLICATE_OF), the source names and role
ids seen, each entity's name, type, labels and aliases, and the near-duplicate pairs — about 160 bytes per
article plus 250 per entity (bench/bulk_import.py measures it). Everything else streams to disk.

The import itself replaces the database's store, so it is for a database holding nothing: ``import_local``
checks that, stops the managed server, runs the importer on its store (graph/local_server.py), starts it again
in every case, then ``finish_import`` gives back the empty lists CSV cannot carry and creates the schema.
For a remote server ``import_command`` is the command its admin runs.
"""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
import shlex
import shutil
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from neo4j import Driver

from core.errors import NewsgraphError
from core.records import Article, Extraction, Skipped
from core.settings import Settings
from graph.bulk_csv import ARRAY_DELIMITER, ARRAY_DELIMITER_OPTION, EMPTY_LISTS_KEY, BulkValueError, CsvFamily
from graph.loader import LoadSummary
from graph.quote_trail import refresh_quote_trail
from graph.rows import ArticleRows, build_rows
from graph.schema import apply_schema

log = logging.getLogger(__name__)

# The label of nodes that get empty lists after the import; finish_import removes it.
EMPTY_LISTS_LABEL = "BulkImportEmptyLists"
DEFAULT_READ_BUFFER = 4 * 1024 * 1024
COMMAND_FILE = "import-command.txt"


class BulkImportRefused(NewsgraphError):
    """The bulk import cannot run here: a graph that already holds data, a folder that is not empty."""


@dataclass(slots=True)
class BulkLayout:
    """The import files written and what the importer needs to know about them."""

    folder: Path
    node_files: list[Path]
    relationship_files: list[Path]
    multiline_files: list[Path]
    longest_field: int
    empty_list_types: list[str]  # relationship types some of whose relationships get empty lists afterwards
    nodes: int
    relationships: int
    summary: LoadSummary = field(default_factory=LoadSummary)

    def arguments(self, database: str, max_off_heap: str | None = None) -> list[str]:
        """The importer's arguments after ``neo4j-admin``, with file names relative to the folder."""
        read_buffer = max(DEFAULT_READ_BUFFER, 2 * self.longest_field + 1024)
        arguments = ["database", "import", "full", database, "--overwrite-destination=true",
                     f"--array-delimiter={ARRAY_DELIMITER_OPTION}", f"--read-buffer-size={read_buffer}",
                     "--report-file=import.report"]  # fmt: skip
        if max_off_heap:
            arguments.append(f"--max-off-heap-memory={max_off_heap}")
        if self.multiline_files:
            names = ",".join(path.name for path in self.multiline_files)
            arguments += ["--multiline-fields-format=v2", f"--multiline-fields={names}"]
        arguments += [f"--nodes={path.name}" for path in self.node_files]
        arguments += [f"--relationships={path.name}" for path in self.relationship_files]
        return arguments


class BulkWriter:
    """Streams pairs into the CSV files of one import; ``finish`` writes the entities and closes the files."""

    def __init__(self, folder: Path, imported_at: dt.datetime | None = None) -> None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if any(folder.iterdir()):
                raise BulkImportRefused(f"the folder for the import files, {folder}, is not empty: give an empty one")
        except OSError as e:
            raise NewsgraphError(f"cannot use {folder} for the import files: {e.strerror}") from e
        self.folder = folder
        self.loaded_at = imported_at or dt.datetime.now(dt.UTC)
        self.summary = LoadSummary()
        self._started = time.perf_counter()
        self._families: dict[str, CsvFamily] = {}
        self._article_ids: set[str] = set()
        self._sources: set[str] = set()
        self._roles: set[str] = set()
        # id -> [name, type, aliases or None, further types or None]: the loader's ON CREATE and accumulations
        self._entities: dict[str, list[Any]] = {}
        self._duplicates: list[tuple[str, str]] = []
        self._empty_list_types: set[str] = set()

    def add_all(self, items: Iterable[tuple[Article, Extraction] | Skipped], processes: int = 1) -> None:
        """Write every pair in order, and report the items already skipped among them. With ``processes`` > 1 that
        many worker processes build the rows (most of the work: graph/rows.py and its fingerprint) while this one
        writes them, in the same order."""
        if processes <= 1:
            for item in items:
                self.add_rows(_rows_of(item))
            return
        for built in _built_in_processes(items, processes):
            self.add_rows(built)

    def add(self, article: Article, extraction: Extraction) -> None:
        """Write one pair, or report it in ``summary.skipped`` with the reason; nothing of a skipped pair is kept."""
        self.add_rows(rows_or_skipped(article, extraction))

    def add_rows(self, built: ArticleRows | Skipped) -> None:
        if isinstance(built, Skipped):
            self.summary.skipped.append(built)
            return
        rows = built
        if rows.article_id in self._article_ids:
            self.summary.skipped.append(Skipped(rows.article_id, "given again: a bulk import keeps the first; "
                                                "`newsgraph load` the later one afterwards to replace it"))  # fmt: skip
            return
        try:
            pending = self._encode(rows)
        except BulkValueError as e:
            self.summary.skipped.append(Skipped(rows.article_id, f"cannot go into the import files: {e}"))
            return
        for family, leading, encoded in pending:
            family.write(leading, encoded)
        self._remember(rows)
        for warning in rows.warnings:
            log.info("article %s: %s", rows.article_id, warning)
            self.summary.dropped_facts[warning.split(": ", 1)[-1]] += 1
        self.summary.loaded += 1
        self.summary.rows += rows.count()

    def finish(self) -> BulkLayout:
        try:
            self._write_entities()
            self._write_duplicates()
        finally:
            for family in self._families.values():
                family.close()
        self.summary.seconds = time.perf_counter() - self._started
        node_files: list[Path] = []
        relationship_files: list[Path] = []
        for family in self._families.values():
            (node_files if family.name.startswith("nodes_") else relationship_files).extend(family.parts)
        layout = BulkLayout(
            folder=self.folder,
            node_files=node_files,
            relationship_files=relationship_files,
            multiline_files=sorted(p for f in self._families.values() for p in f.multiline_parts),
            longest_field=max((f.longest_field for f in self._families.values()), default=0),
            empty_list_types=sorted(self._empty_list_types),
            nodes=sum(f.rows for f in self._families.values() if f.name.startswith("nodes_")),
            relationships=sum(f.rows for f in self._families.values() if f.name.startswith("relationships_")),
            summary=self.summary,
        )
        (self.folder / COMMAND_FILE).write_text(import_command(layout, "neo4j"), encoding="utf-8")
        return layout

    # -- checks and rows ------------------------------------------------------------------------------

    def _family(self, name: str, fixed: list[str], dates_are_text: bool = False) -> CsvFamily:
        family = self._families.get(name)
        if family is None:
            family = self._families[name] = CsvFamily(self.folder, name, fixed, dates_are_text)
        return family

    def _nodes(self, group: str, key: str = "id") -> CsvFamily:
        return self._family(f"nodes_{group}", [f"{key}:ID({group})", ":LABEL"])

    def _relationships(self, name: str, start: str, end: str) -> CsvFamily:
        return self._family(f"relationships_{name}", [f":START_ID({start})", f":END_ID({end})", ":TYPE"], True)

    def _encode(self, rows: ArticleRows) -> list[tuple[CsvFamily, list[str], dict[str, str]]]:
        """Every CSV row of one article, checked before any is written: an article goes in whole or not at all."""
        out: list[tuple[CsvFamily, list[str], dict[str, str]]] = []

        def node(group: str, key: str, node_id: str, labels: list[str], props: dict[str, Any]) -> None:
            family = self._nodes(group, key)
            encoded = family.encode(props)
            if EMPTY_LISTS_KEY in encoded:
                labels = [*labels, EMPTY_LISTS_LABEL]
            out.append((family, [_id(node_id), ARRAY_DELIMITER.join(labels)], encoded))

        def link(name: str, ends: tuple[str, str], start: str, end: str, rtype: str, props: dict[str, Any]) -> None:
            family = self._relationships(name, *ends)
            encoded = family.encode(props)
            if EMPTY_LISTS_KEY in encoded:
                self._empty_list_types.add(rtype)
            out.append((family, [_id(start), _id(end), rtype], encoded))

        [article] = rows.rows["articles"]
        published = article["props"]["published"]
        node("Article", "id", article["id"], ["Article"], {**article["props"], "loaded_at": self.loaded_at})
        source = article["source"]
        if source is not None:
            if source not in self._sources:
                node("Source", "name", source, ["Source"], {})
            link("PUBLISHED", ("Source", "Article"), source, article["id"], "PUBLISHED", {})
        for row in rows.rows["entities"]:
            self._check_entity(row)
        for row in rows.rows["mentions"]:
            link("MENTIONS", ("Article", "Entity"), row["article_id"], row["entity_id"], "MENTIONS", row["props"])
        for row in rows.rows["statements"]:
            # trail_pending as the loader writes it: the refresh after the import puts each in its quote cluster
            props = {**row["props"], "date": row["date"] or published, "embedding": row["embedding"],
                     "trail_pending": True}  # fmt: skip
            node("Statement", "id", row["id"], ["Statement"], props)
            link("REPORTED_IN", ("Statement", "Article"), row["id"], row["article_id"], "REPORTED_IN",
                 row["provenance"])  # fmt: skip
        for row in rows.rows["said"]:
            link("SAID", ("Entity", "Statement"), row["entity_id"], row["statement_id"], "SAID", row["provenance"])
        for row in rows.rows["about"]:
            link("ABOUT", ("Statement", "Entity"), row["statement_id"], row["entity_id"], "ABOUT", row["provenance"])
        new_roles: set[str] = set()
        for row in rows.rows["roles"]:
            role = row["role_id"]
            if role not in self._roles and role not in new_roles:
                new_roles.add(role)
                props = {"title": row["title"], "person_id": row["person_id"], "org_id": row["org_id"]}
                node("Role", "id", role, ["Role"], props)
                if row["org_id"] is not None:
                    link("AT", ("Role", "Entity"), role, row["org_id"], "AT", {})
            link("HOLDS_ROLE", ("Entity", "Role"), row["person_id"], role, "HOLDS_ROLE", row["provenance"])
        for row in rows.rows["in_role"]:
            link("IN_ROLE", ("Statement", "Role"), row["statement_id"], row["role_id"], "IN_ROLE", row["provenance"])
        for row in rows.rows["relations"]:
            link("relations", ("Entity", "Entity"), row["subject_id"], row["object_id"], row["type"],
                 row["provenance"])  # fmt: skip
        for row in rows.rows["links"]:
            link("LINKED", ("Entity", "Entity"), row["subject_id"], row["object_id"], "LINKED", row["provenance"])
        return out

    def _check_entity(self, row: dict[str, Any]) -> None:
        """The entity values that reach the files at the end, checked now, while their article can still be left."""
        _id(row["id"])
        if not isinstance(row["name"], str) or not isinstance(row["type"], str) or not row["type"]:
            raise BulkValueError(f"entity {row['id']!r} has no text name or type")
        if any(not isinstance(alias, str) or ARRAY_DELIMITER in alias for alias in row["aliases"]):
            raise BulkValueError(f"entity {row['id']!r} has an alias that is not text or holds U+001F")

    def _remember(self, rows: ArticleRows) -> None:
        [article] = rows.rows["articles"]
        self._article_ids.add(article["id"])
        if article["source"] is not None:
            self._sources.add(article["source"])
        self._roles.update(row["role_id"] for row in rows.rows["roles"])
        self._duplicates.extend((row["id"], row["original_id"]) for row in rows.rows["duplicates"])
        for row in rows.rows["entities"]:
            seen = self._entities.get(row["id"])
            if seen is None:
                self._entities[row["id"]] = [row["name"], row["type"], set(row["aliases"]) or None, None]
                continue
            if row["aliases"]:
                seen[2] = (seen[2] or set()) | set(row["aliases"])
            if row["type"] != seen[1]:
                seen[3] = (seen[3] or set()) | {row["type"]}

    # -- what comes last ------------------------------------------------------------------------------

    def _write_entities(self) -> None:
        family = self._nodes("Entity")
        for entity_id, (name, etype, aliases, more_types) in self._entities.items():
            props = {"name": name, "type": etype, "aliases": sorted((aliases or set()) - {name})}
            encoded = family.encode(props)
            labels = sorted({"Entity", etype, *(more_types or ())})
            if EMPTY_LISTS_KEY in encoded:
                labels.append(EMPTY_LISTS_LABEL)
            family.write([entity_id, ARRAY_DELIMITER.join(labels)], encoded)

    def _write_duplicates(self) -> None:
        for copy, original in self._duplicates:
            if original in self._article_ids:
                self._relationships("DUPLICATE_OF", "Article", "Article").write([copy, original, "DUPLICATE_OF"], {})


def rows_or_skipped(article: Article, extraction: Extraction) -> ArticleRows | Skipped:
    """graph/rows.py's rows of a pair, or why it is left out: the loader's and the pipeline's checks. Pure (worker
    processes run it); the check a bulk import adds, each article once, is the writer's."""
    if not isinstance(article, Article) or not isinstance(extraction, Extraction):
        return Skipped(repr(article)[:80], "not an (Article, Extraction) pair")
    if not isinstance(article.id, str) or not article.id.strip():
        return Skipped(article.origin or article.url or "?", "article has no id")
    if extraction.article_id != article.id:
        return Skipped(article.id, f"extraction is for another article ({extraction.article_id})")
    if extraction.error is not None:
        return Skipped(article.id, f"extraction: {extraction.error}")
    try:
        return build_rows(article, extraction)
    except (TypeError, ValueError, AttributeError) as e:
        return Skipped(article.id, f"cannot turn the extraction into graph rows: {e}")


def _rows_of(item: tuple[Article, Extraction] | Skipped) -> ArticleRows | Skipped:
    return item if isinstance(item, Skipped) else rows_or_skipped(*item)


_ROWS_PER_TASK = 16
Item = tuple[Article, Extraction] | Skipped


def _built_in_processes(items: Iterable[Item], processes: int) -> Iterator[ArticleRows | Skipped]:
    """``_rows_of`` of every item, in the input's order, built by ``processes`` worker processes.

    A few tasks per process are in flight at a time, so a long input is never all in memory; a worker that dies
    (killed, out of memory) ends the run with an error instead of a wait for a result that never comes, which is
    why this is a ProcessPoolExecutor and not multiprocessing.Pool.imap.
    """
    # spawn: a fork would copy whatever threads the caller runs (a Neo4j driver's) in an unknown state
    context = multiprocessing.get_context("spawn")
    in_flight: deque[Future[list[ArticleRows | Skipped]]] = deque()
    stream = iter(items)
    try:
        with ProcessPoolExecutor(processes, mp_context=context) as pool:
            while True:
                while len(in_flight) < 2 * processes and (task := list(islice(stream, _ROWS_PER_TASK))):
                    in_flight.append(pool.submit(_rows_of_all, task))
                if not in_flight:
                    return
                yield from in_flight.popleft().result()
    except BrokenProcessPool as e:
        raise NewsgraphError(f"a process building the import rows stopped unexpectedly (out of memory?): {e}") from e


def _rows_of_all(items: list[Item]) -> list[ArticleRows | Skipped]:
    return [_rows_of(item) for item in items]


def _id(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise BulkValueError(f"a node id is {value!r}, not a text")
    return value


def write_import_files(pairs: Iterable[tuple[Article, Extraction]], folder: Path, processes: int = 1) -> BulkLayout:
    """The CSV files of every pair in ``folder`` (an empty or new folder)."""
    writer = BulkWriter(folder)
    writer.add_all(pairs, processes)
    return writer.finish()


# -- running the import -------------------------------------------------------------------------------


def import_command(layout: BulkLayout, database: str) -> str:
    """What the admin of a server runs, from the folder of the files, and what comes after it."""
    command = " \\\n  ".join(["neo4j-admin", *(shlex.quote(a) for a in layout.arguments(database))])
    return (
        f"# From the folder holding these files, with the database {database} stopped (it is replaced: first loads"
        " only):\n"
        f"{command}\n"
        f"# Then start the database and run `newsgraph bulk-import --finish` against it (empty lists, schema).\n"
    )


def node_count(driver: Driver, database: str) -> int:
    """How many nodes the database holds (counted from the store's statistics: instant on any size)."""
    records, _, _ = driver.execute_query("MATCH (n) RETURN count(n) AS nodes", database_=database)
    return int(records[0]["nodes"])


def refuse_unless_empty(driver: Driver, database: str) -> None:
    nodes = node_count(driver, database)
    if nodes:
        raise BulkImportRefused(
            f"the database {database} already holds {nodes} nodes: bulk import is for first loads; "
            "use `newsgraph load` to add articles to a graph"
        )


def import_local(
    settings: Settings, layout: BulkLayout, max_off_heap: str | None = "50%", finish: bool = True
) -> dict[str, float]:
    """Replace the managed local server's empty database with the import, then finish it (unless ``finish`` is
    False: bench/schema_population.py times the schema alone); returns the seconds of each step. The server runs
    after this whatever happens; an import that fails leaves the store as it was.

    The server is stopped and started here, and its port may change when it starts again, so this opens its own
    drivers instead of taking one.
    """
    from graph.connection import open_driver
    from graph.local_server import LocalNeo4j

    server = LocalNeo4j(settings)
    seconds: dict[str, float] = {}
    started = time.perf_counter()

    def step(name: str) -> None:
        nonlocal started
        now = time.perf_counter()
        seconds[name] = now - started
        started = now

    driver, database = open_driver(settings)
    try:
        refuse_unless_empty(driver, database)
    finally:
        driver.close()
    server.stop()
    step("stop")
    try:
        server.import_store(layout.arguments(database, max_off_heap), layout.folder)
        step("import")
    finally:
        server.start()
        step("start")
    if not finish:
        return seconds
    driver, database = open_driver(settings)
    try:
        give_back_empty_lists(driver, database, layout.empty_list_types)
        step("empty lists")
        apply_schema(driver, database)
        step("schema")
        refresh_quote_trail(driver, database)
        step("quote trails")
    finally:
        driver.close()
    return seconds


def finish_import(driver: Driver, database: str, relationship_types: Iterable[str] | None = None) -> None:
    """After an import: the empty lists the files marked, then the schema (constraints and indexes, created after
    the data as the importer advises), then the quote clusters of every statement. ``relationship_types`` None
    looks at every type the database has."""
    give_back_empty_lists(driver, database, relationship_types)
    apply_schema(driver, database)
    refresh_quote_trail(driver, database)


def give_back_empty_lists(driver: Driver, database: str, relationship_types: Iterable[str] | None = None) -> None:
    """Set the empty lists named by the import's marks and remove the marks."""
    if relationship_types is None:
        records, _, _ = driver.execute_query("CALL db.relationshipTypes() YIELD relationshipType AS t RETURN t",
                                             database_=database)  # fmt: skip
        relationship_types = [r["t"] for r in records]
    with driver.session(database=database) as session:  # CALL … IN TRANSACTIONS needs an implicit transaction
        session.run(
            f"MATCH (n:{EMPTY_LISTS_LABEL}) CALL (n) {{ FOREACH (key IN n.{EMPTY_LISTS_KEY} | SET n[key] = []) "
            f"REMOVE n.{EMPTY_LISTS_KEY} REMOVE n:{EMPTY_LISTS_LABEL} }} IN TRANSACTIONS OF 10000 ROWS"
        ).consume()
        for rtype in relationship_types:
            session.run(
                f"MATCH ()-[r:`{rtype.replace('`', '``')}`]->() WHERE r.{EMPTY_LISTS_KEY} IS NOT NULL "
                f"CALL (r) {{ FOREACH (key IN r.{EMPTY_LISTS_KEY} | SET r[key] = []) REMOVE r.{EMPTY_LISTS_KEY} }} "
                "IN TRANSACTIONS OF 10000 ROWS"
            ).consume()


def remove_import_files(layout: BulkLayout) -> None:
    shutil.rmtree(layout.folder, ignore_errors=True)
