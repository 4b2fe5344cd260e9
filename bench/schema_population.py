"""What the schema costs after a bulk import: each constraint and index populated alone, on the imported graph.

    .venv/bin/python bench/schema_population.py --articles 10000 [--processes 2] [--heap 2g] [--pagecache 1g]

A private local Neo4j in a temporary folder (never your data) gets the synthetic articles of
tests/graph_synthetic.py through the bulk import with no schema; then each statement of graph/schema.py runs
alone and the server is awaited until its index is online, so each figure is that index's population over the
whole graph. A bulk import cannot be faster than its importer plus these figures: they bound its speed-up over the
transactional loader, which populates the same indexes as it writes.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from graph_synthetic import SyntheticCorpus  # noqa: E402
from private_neo4j import private_neo4j  # noqa: E402

from graph.bulk_import import BulkWriter, import_local  # noqa: E402
from graph.connection import open_driver  # noqa: E402
from graph.schema import SCHEMA_STATEMENTS  # noqa: E402

SEED = 11


def _index_name(statement: str) -> str:
    words = statement.split()
    return words[words.index("IF") - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--processes", type=int, default=2, help="Processes building the import's rows.")
    parser.add_argument("--heap", default="2g")
    parser.add_argument("--pagecache", default="1g")
    args = parser.parse_args()
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="schema-bench-") as temporary:
        folder = Path(temporary)
        with private_neo4j(folder / "store", args.heap, args.pagecache) as settings:
            writer = BulkWriter(folder / "csv")
            writer.add_all(SyntheticCorpus(args.articles, seed=SEED).records(), args.processes)
            steps = import_local(settings, writer.finish(), finish=False)
            driver, database = open_driver(settings)
            try:
                population: dict[str, float] = {}
                for statement in SCHEMA_STATEMENTS:
                    started = time.perf_counter()
                    driver.execute_query(statement, database_=database)
                    driver.execute_query("CALL db.awaitIndexes(36000)", database_=database)
                    population[_index_name(statement)] = time.perf_counter() - started
            finally:
                driver.close()
    total = sum(population.values())
    largest = max(population, key=population.__getitem__)
    print(json.dumps({"articles": args.articles, "import_steps": steps, "schema_seconds": total,
                      "largest": largest, "largest_share": population[largest] / total,
                      "population_seconds": population}, indent=1))  # fmt: skip


if __name__ == "__main__":
    main()
