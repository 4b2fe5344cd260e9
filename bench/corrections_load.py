"""What active corrections cost a load: the same synthetic corpus loaded without and with corrections to re-apply.

    .venv/bin/python bench/corrections_load.py [--articles 2000] [--renames 300] [--rejections 300]

Starts a private local Neo4j in a temporary folder, loads the synthetic corpus of tests/graph_synthetic.py through
the real loader, picks entities to rename and statements to reject, empties the graph, imports those corrections
(dangling until their articles arrive) and loads the same corpus again: every batch then re-applies the
corrections of its articles in its own transaction. Prints both load times and the time spent re-applying.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from graph_synthetic import SyntheticCorpus  # noqa: E402
from private_neo4j import private_neo4j  # noqa: E402

import graph.loader  # noqa: E402
from graph.connection import open_driver  # noqa: E402
from graph.correction_records import make_correction  # noqa: E402
from graph.corrections import import_corrections  # noqa: E402
from graph.loader import GraphLoader, clear_graph  # noqa: E402
from graph.schema import apply_schema  # noqa: E402

REAPPLYING = [0.0]
_reapply = graph.loader.reapply_for_articles


def _timed_reapply(tx: Any, article_ids: Any) -> dict[str, int]:
    started = time.perf_counter()
    try:
        return _reapply(tx, article_ids)
    finally:
        REAPPLYING[0] += time.perf_counter() - started


graph.loader.reapply_for_articles = _timed_reapply  # type: ignore[assignment]


def _load(driver: Any, database: str, articles: int) -> tuple[float, int]:
    REAPPLYING[0] = 0.0
    started = time.perf_counter()
    summary = GraphLoader(driver, database, batch_size=500).load(SyntheticCorpus(articles, seed=42).records())
    return time.perf_counter() - started, summary.rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--renames", type=int, default=300)
    parser.add_argument("--rejections", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, private_neo4j(Path(folder), "512m", "256m") as settings:
        driver, database = open_driver(settings)
        with driver:
            apply_schema(driver, database)
            plain, rows = _load(driver, database, args.articles)
            print(f"{args.articles} articles, no corrections: {plain:.1f} s ({rows / plain:,.0f} rows/s)", flush=True)
            entities = driver.execute_query("MATCH (e:Entity) RETURN e.id AS id ORDER BY id LIMIT $n",
                                            n=args.renames, database_=database).records  # fmt: skip
            statements = driver.execute_query("MATCH (s:Statement) RETURN s.id AS id ORDER BY id LIMIT $n",
                                              n=args.rejections, database_=database).records  # fmt: skip
            corrections = [make_correction("rename", r["id"], {"name": f"Renamed {i}"}, editor="bench")
                           for i, r in enumerate(entities)]  # fmt: skip
            corrections += [make_correction("reject-statement", r["id"], {}, editor="bench") for r in statements]
            clear_graph(driver, database)
            import_corrections(driver, database, corrections)
            corrected, rows = _load(driver, database, args.articles)
            print(f"{args.articles} articles, {len(corrections)} active corrections: {corrected:.1f} s "
                  f"({rows / corrected:,.0f} rows/s), of which re-applying them {REAPPLYING[0]:.1f} s",
                  flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
