"""Bulk import against the transactional loader: rows/s of each on the same synthetic articles, side by side.

    .venv/bin/python bench/bulk_import.py --articles 10000 [--processes 2] [--batch-size 100] [--heap 1g]

Each side gets a private local Neo4j in a temporary folder (never your data). The loader side applies the schema
and loads the articles through graph/loader.py (``--batch-size`` articles per transaction); the bulk side writes
the import files (graph/bulk_import.py), stops its server, runs neo4j-admin's importer, starts it again, gives back
the empty lists and creates the schema (indexes populated: the vector index too). Both read the same articles from
tests/graph_synthetic.py, generated again for each side (not held in memory: 384-d embeddings); generating them
takes the time measured alone first, and the rates are given with and without it. The unit is the rows of
graph/rows.py (what both write from: ~30 per article). The bulk writer's memory is measured at the end (what a
bulk import keeps: article ids, sources, roles, entities) and given per article and per entity; each side's store
and transaction logs on disk once its server stopped.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from graph_synthetic import SyntheticCorpus  # noqa: E402
from private_neo4j import private_neo4j  # noqa: E402

from core.records import Article, Extraction  # noqa: E402
from graph.bulk_import import BulkWriter, import_local  # noqa: E402
from graph.connection import open_driver  # noqa: E402
from graph.loader import GraphLoader  # noqa: E402
from graph.local_server import LocalNeo4j  # noqa: E402
from graph.schema import apply_schema  # noqa: E402

SEED = 11
COUNTS = "MATCH (n) RETURN count(n) AS n UNION ALL MATCH ()-[r]->() RETURN count(r) AS n"


def _pairs(articles: int) -> Iterator[tuple[Article, Extraction]]:
    return SyntheticCorpus(articles, seed=SEED).records()


def _counts(settings: Any) -> list[int]:
    driver, database = open_driver(settings)
    try:
        return [r["n"] for r in driver.execute_query(COUNTS, database_=database).records]
    finally:
        driver.close()


def _store_bytes(settings: Any) -> dict[str, int]:
    """Bytes on disk of the database's store files (with its indexes) and of its transaction logs (files of 256 MiB
    made ahead, pruned by Neo4j's retention setting)."""
    data = LocalNeo4j(settings).home / "data"

    def size(folder: Path) -> int:
        return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())

    database = settings.neo4j_database
    return {"store_bytes": size(data / "databases" / database), "log_bytes": size(data / "transactions" / database)}


def _loader_side(articles: int, batch_size: int, folder: Path, heap: str, pagecache: str) -> dict[str, Any]:
    with private_neo4j(folder, heap, pagecache) as settings:
        driver, database = open_driver(settings)
        try:
            apply_schema(driver, database)
            started = time.perf_counter()
            summary = GraphLoader(driver, database, batch_size).load(_pairs(articles))
            seconds = time.perf_counter() - started
        finally:
            driver.close()
        nodes, relationships = _counts(settings)
    stored = _store_bytes(settings)  # once the server stopped: its page cache written back to the store files
    return {"seconds": seconds, "loaded": summary.loaded, "nodes": nodes, "relationships": relationships, **stored}


def _bulk_side(articles: int, folder: Path, heap: str, pagecache: str, processes: int) -> dict[str, Any]:
    with private_neo4j(folder / "store", heap, pagecache) as settings:
        started = time.perf_counter()
        writer = BulkWriter(folder / "csv")
        writer.add_all(_pairs(articles), processes)
        layout = writer.finish()
        written = time.perf_counter()
        steps = import_local(settings, layout)
        done = time.perf_counter()
        nodes, relationships = _counts(settings)
        memory = _writer_memory(writer)
    stored = _store_bytes(settings)
    files = sum(p.stat().st_size for p in layout.folder.iterdir())
    return {"seconds": done - started, "write_seconds": written - started, "import_seconds": done - written,
            "import_steps": steps, "rows": layout.summary.rows, "loaded": layout.summary.loaded, "nodes": nodes,
            "relationships": relationships, "files_bytes": files, **stored, **memory}  # fmt: skip


def _writer_memory(writer: BulkWriter) -> dict[str, Any]:
    """Bytes of what the writer keeps until the end, counted object by object."""
    kept = {"article_ids": writer._article_ids, "sources": writer._sources, "roles": writer._roles,
            "entities": writer._entities, "duplicates": writer._duplicates}  # fmt: skip
    sizes = {name: _deep_size(value) for name, value in kept.items()}
    return {"memory_bytes": sizes, "entities": len(writer._entities)}


def _deep_size(value: Any, seen: set[int] | None = None) -> int:
    seen = set() if seen is None else seen
    if id(value) in seen:
        return 0
    seen.add(id(value))
    size = sys.getsizeof(value)
    if isinstance(value, dict):
        size += sum(_deep_size(k, seen) + _deep_size(v, seen) for k, v in value.items())
    elif isinstance(value, (list, tuple, set, frozenset)):
        size += sum(_deep_size(v, seen) for v in value)
    return size


def _generation_seconds(articles: int) -> float:
    started = time.perf_counter()
    for _ in _pairs(articles):
        pass
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--batch-size", type=int, default=100, help="Articles per loader transaction.")
    parser.add_argument("--processes", type=int, default=1, help="Processes building the bulk import's rows.")
    parser.add_argument("--heap", default="1g")
    parser.add_argument("--pagecache", default="512m")
    parser.add_argument("--out", type=Path, help="Also write the figures as JSON here.")
    args = parser.parse_args()
    # The synthetic corpus has no roles on its statements: the driver would warn of the unknown property per batch.
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
    generation = _generation_seconds(args.articles)
    with tempfile.TemporaryDirectory(prefix="bulk-bench-") as temporary:
        folder = Path(temporary)
        loader = _loader_side(args.articles, args.batch_size, folder / "loader", args.heap, args.pagecache)
        bulk = _bulk_side(args.articles, folder / "bulk", args.heap, args.pagecache, args.processes)
    rows = bulk["rows"]
    result = {"articles": args.articles, "rows": rows, "generation_seconds": generation,
              "processes": args.processes, "loader": loader, "bulk": bulk}  # fmt: skip
    for side in (loader, bulk):
        side["rows_per_second"] = rows / side["seconds"]
        side["rows_per_second_without_generation"] = rows / max(side["seconds"] - generation, 1e-9)
    result["speedup"] = bulk["rows_per_second"] / loader["rows_per_second"]
    result["speedup_without_generation"] = (
        bulk["rows_per_second_without_generation"] / loader["rows_per_second_without_generation"]
    )
    if (loader["nodes"], loader["relationships"]) != (bulk["nodes"], bulk["relationships"]):
        result["warning"] = "the two graphs differ in size"
    print(json.dumps(result, indent=1))
    if args.out:
        args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
