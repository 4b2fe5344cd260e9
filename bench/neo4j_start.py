"""Start-up and round-trip floor of the managed local Neo4j.

Measures, in one run: cold start (jars cached, new empty store), warm start (existing store), and the Bolt
round trip of `RETURN 1` (median and p95 over --calls calls) — the floor later query latencies are compared to.

    .venv/bin/python bench/neo4j_start.py [--calls 1000]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from core.settings import load_settings
from graph.connection import open_driver
from graph.local_server import LocalNeo4j


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=1000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="newsgraph-bench-") as folder:
        settings = load_settings().replace(data_dir=Path(folder), neo4j_port=0, neo4j_uri="")
        server = LocalNeo4j(settings)
        server.ensure_installed()

        began = time.perf_counter()
        server.start()
        cold = time.perf_counter() - began
        server.stop()

        began = time.perf_counter()
        server.start()
        warm = time.perf_counter() - began

        driver, database = open_driver(settings)
        with driver, driver.session(database=database) as session:
            for _ in range(50):  # warm the connection pool and the query cache
                session.run("RETURN 1").consume()
            timings = []
            for _ in range(args.calls):
                began = time.perf_counter()
                session.run("RETURN 1").single()
                timings.append((time.perf_counter() - began) * 1000)
        server.stop()

    print(f"neo4j {settings.neo4j_version}, heap {settings.neo4j_heap}, page cache {settings.neo4j_pagecache}")
    print(f"cold start (jars cached, empty store): {cold:6.2f} s")
    print(f"warm start (existing store):           {warm:6.2f} s")
    print(
        f"RETURN 1 round trip over {args.calls} calls: median {statistics.median(timings):.3f} ms, "
        f"p95 {percentile(timings, 0.95):.3f} ms"
    )


if __name__ == "__main__":
    main()
