"""`newsgraph load --writers N` side by side: the same synthetic shards loaded with 1, 2 and 4 writers.

    .venv/bin/python bench/load_writers.py [--articles 2000] [--shard-size 500] [--batch-size 100] [--repeats 2]

Writes the synthetic corpus of tests/graph_synthetic.py as shards (core/shards.py), starts a private local Neo4j
in a temporary folder, and for each writer count empties the graph and loads every shard through
newsgraph.pipeline.run_load, the function behind `newsgraph load`. Prints, per writer count, the best of the
repeats: seconds, articles/s and parameter rows/s (rows of graph/rows.py, the loader's unit of work).
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from graph_synthetic import SyntheticCorpus  # noqa: E402
from private_neo4j import private_neo4j  # noqa: E402

from core.shards import ShardHeader, ShardPair, ShardWriter, read_shards, shard_name  # noqa: E402
from graph.connection import open_driver  # noqa: E402
from graph.loader import clear_graph  # noqa: E402
from graph.rows import build_rows  # noqa: E402
from graph.schema import apply_schema  # noqa: E402
from newsgraph.pipeline import run_load  # noqa: E402

WRITERS = (1, 2, 4)


def write_shards(folder: Path, articles: int, shard_size: int) -> int:
    """The corpus as shards; returns the parameter rows a fresh load of it writes."""
    rows = 0
    corpus = SyntheticCorpus(articles, seed=3)
    for first in range(0, articles, shard_size):
        last = min(articles, first + shard_size)
        header = ShardHeader("synthetic.jsonl", "/synthetic.jsonl", 0, 0.0, first + 1, last, "0" * 64, "synthetic-1")
        with ShardWriter(folder / shard_name("synthetic.jsonl", first // shard_size), header) as writer:
            for index in range(first, last):
                article, extraction = corpus.article(index)
                rows += sum(len(r) for r in build_rows(article, extraction).rows.values())
                writer.write_pair(index + 1, article, extraction)
            writer.finish()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--shard-size", type=int, default=500)
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--heap", default="1g")
    parser.add_argument("--pagecache", default="512m")
    args = parser.parse_args()
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)  # an empty graph's unknown-property notes
    with tempfile.TemporaryDirectory(prefix="load-writers-") as temporary:
        folder = Path(temporary) / "shards"
        started = time.perf_counter()
        rows = write_shards(folder, args.articles, args.shard_size)
        print(f"{args.articles} articles in shards of {args.shard_size}, {rows} rows "
              f"(written in {time.perf_counter() - started:.1f} s)")  # fmt: skip
        with private_neo4j(Path(temporary) / "neo4j", args.heap, args.pagecache) as settings:
            settings = settings.replace(load_batch_size=args.batch_size)
            driver, database = open_driver(settings)
            with driver:
                apply_schema(driver, database)
                best: dict[int, float] = {}
                for _ in range(args.repeats):
                    for writers in WRITERS:
                        clear_graph(driver, database)
                        items = ((i.article, i.extraction) for i in read_shards(folder) if isinstance(i, ShardPair))
                        started = time.perf_counter()
                        summary = run_load(items, settings, writers=writers, driver=driver, database=database)
                        seconds = time.perf_counter() - started
                        if summary.loaded != args.articles:
                            raise SystemExit(f"{writers} writers loaded {summary.loaded} of {args.articles} articles")
                        best[writers] = min(best.get(writers, seconds), seconds)
    print(f"{'writers':>8} {'seconds':>8} {'articles/s':>11} {'rows/s':>8}")
    for writers in WRITERS:
        seconds = best[writers]
        print(f"{writers:>8} {seconds:>8.1f} {args.articles / seconds:>11.0f} {rows / seconds:>8.0f}")


if __name__ == "__main__":
    main()
