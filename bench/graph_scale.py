"""Graph scale benchmark: load rate and the latency of every curated query on a synthetic graph.

    .venv/bin/python bench/graph_scale.py --articles 10000 [--articles 100000] [--runs 30] [--out results.json]
    .venv/bin/python bench/graph_scale.py --articles 100000 --keep /tmp/scale   # load once, time again later
    .venv/bin/python bench/graph_scale.py --articles 10000 --quote-trail-cost   # load with and without clustering

Starts a private local Neo4j in a temporary folder (never touches your data), loads a synthetic corpus
shaped like the extractor's output (tests/graph_synthetic.py: ~9 mentions, 4 embedded statements, 1 role,
2 relations per article) through the real loader, then times each curated query (median and p95 of
``--runs`` runs with varied parameters, after warm-up) as a ratio to the Bolt round trip of ``RETURN 1``
measured in the same run: each query's runs alternate with ``RETURN 1``, and its p95 is divided by the
median and by the p95 of those interleaved floor samples, so both saw the same load of a shared machine.
With ``--keep`` the graph of each size stays in that folder and a later run with the same folder times the
queries again without reloading (the load figures are those of the run that loaded it). Queries run in a
read transaction like the explorer's; the read-only runner (graph/readonly.py) adds one EXPLAIN round trip
on top, reported once as ``explain``. The quote-trail queries are given the ids of statements that other
articles repeat (and of any statement), drawn from the loaded graph.

``--quote-trail-cost`` measures what clustering quotes at load time (graph/quote_trail.py) costs: the same corpus
is loaded twice in one run, into two private servers one after the other, without clustering and with it, and
the load times are printed side by side with their ratio (the issue's bound: at most 1.2); then the quote-trail
queries are timed on the clustered graph as above.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from graph_synthetic import SyntheticCorpus  # noqa: E402
from private_neo4j import private_neo4j  # noqa: E402

from graph.connection import open_driver  # noqa: E402
from graph.loader import GraphLoader  # noqa: E402
from graph.schema import apply_schema  # noqa: E402
from queries import bind, list_queries  # noqa: E402

TARGETS = {  # the targets at 100k articles, as multiples of the RETURN 1 floor at p95
    "person-statements": 5, "search-entities": 5, "search-statements": 5, "semantic-search": 10,
    "shortest-path": 50, "co-mentions": 50, "org-connections": 50, "quote-trail": 10,
}  # fmt: skip
# What --quote-trail-cost times on the clustered graph.
TRAIL_QUERIES = ("quote-trail", "altered-quotes", "attribution-conflicts", "first-appearance", "statements")


# Optional parameters the benchmark gives anyway: without them the query answers nothing at once.
GIVEN = {("quote-trail", "statement_id")}


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _time(run: Callable[[], Any], runs: int, warmup: int = 3) -> list[float]:
    for _ in range(warmup):
        run()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        samples.append(time.perf_counter() - started)
    return samples


class Parameters:
    """Realistic parameter values drawn from the synthetic corpus, by parameter name."""

    def __init__(
        self, corpus: SyntheticCorpus, articles: int, seed: int = 1, statement_ids: list[str] | None = None
    ) -> None:
        self.rng = random.Random(seed)
        self.statement_ids = statement_ids or ["none@0-0"]
        self.corpus = corpus
        # Entities that appear in articles: the popularity-weighted head and the long tail alike.
        ranked = corpus.entities[: max(20, len(corpus.entities) // 10)]
        self.people = [e[0] for e in ranked if e[2] == "Person"]
        self.orgs = [e[0] for e in ranked if e[2] == "Organization"]
        self.others = [e[0] for e in ranked if e[2] in ("Law", "Event")] or self.orgs
        self.laws = [e[0] for e in ranked if e[2] == "Law"] or self.others
        self.events = [e[0] for e in ranked if e[2] == "Event"] or self.others
        self.any = [e[0] for e in ranked]
        self.articles = articles

    def value(self, name: str, kind: str) -> Any:
        pick = self.rng.choice
        by_name: dict[str, Callable[[], Any]] = {
            "person_id": lambda: pick(self.people), "org_id": lambda: pick(self.orgs),
            "entity_id": lambda: pick(self.any), "a_id": lambda: pick(self.people), "b_id": lambda: pick(self.orgs),
            "from_id": lambda: pick(self.people), "to_id": lambda: pick(self.orgs),
            "entity_ids": lambda: ",".join(self.rng.sample(self.any, 3)),
            "law": lambda: pick(self.laws), "event": lambda: pick(self.events),
            "article_id": lambda: f"synthetic:{self.rng.randrange(self.articles)}",
            "q": lambda: pick(self.any).split(":", 1)[1].split("-")[0],
            "quote": lambda: self.corpus.article(self.rng.randrange(self.articles))[1].statements[0].text,
            "topic": lambda: [float(x) for x in self.corpus._unit_vector()],
            "statement_id": lambda: pick(self.statement_ids),
        }  # fmt: skip
        if name in by_name:
            return by_name[name]()
        if kind == "date":
            return None
        raise KeyError(name)


def _timed(call: Callable[[], Any]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def _bench_queries(
    driver: Any, database: str, params: Parameters, runs: int, only: tuple[str, ...] = ()
) -> list[dict[str, Any]]:
    """Each query's runs alternate with RETURN 1, so the floor it is divided by saw the same machine load."""

    def ping() -> None:
        with driver.session(database=database) as session:
            session.execute_read(lambda tx: list(tx.run("RETURN 1")))

    results: list[dict[str, Any]] = []
    for query in list_queries():
        if only and query.name not in only:
            continue
        required = [p for p in query.params if p.required or (query.name, p.name) in GIVEN]
        try:
            draws = [{p.name: params.value(p.name, p.type) for p in required} for _ in range(runs + 3)]
        except KeyError as missing:
            results.append({"query": query.name, "skipped": f"no generator for parameter {missing}"})
            continue
        values = iter(draws)

        def run(query=query, values=values) -> None:
            bound = bind(query, next(values))
            with driver.session(database=database) as session:
                session.execute_read(lambda tx: list(tx.run(query.cypher, bound)))

        for _ in range(3):
            ping()
            run()
        floors, samples = [], []
        for _ in range(runs):
            floors.append(_timed(ping))
            samples.append(_timed(run))
        median, p95 = statistics.median(samples), _percentile(samples, 0.95)
        floor, floor_p95 = statistics.median(floors), _percentile(floors, 0.95)
        results.append({"query": query.name, "median_ms": median * 1000, "p95_ms": p95 * 1000,
                        "floor_ms": floor * 1000, "floor_p95_ms": floor_p95 * 1000,
                        "median_x": median / floor, "p95_x": p95 / floor,
                        "p95_over_floor_p95": p95 / floor_p95})  # fmt: skip
        print(f"  {query.name:<26} median {median * 1000:7.1f} ms  p95 {p95 * 1000:7.1f} ms  "
              f"(p95 {p95 / floor:5.1f}x floor median, {p95 / floor_p95:5.1f}x floor p95)", flush=True)  # fmt: skip
    return results


def _floor(driver: Any, database: str, runs: int) -> tuple[float, float]:
    def ping() -> None:
        with driver.session(database=database) as session:
            session.execute_read(lambda tx: list(tx.run("RETURN 1")))

    samples = _time(ping, max(runs * 5, 100), warmup=20)
    return statistics.median(samples), _percentile(samples, 0.95)


def _load(
    driver: Any, database: str, corpus: SyntheticCorpus, articles: int, batch_size: int, quote_trail: bool = True
) -> dict[str, Any]:
    loader = GraphLoader(driver, database, batch_size=batch_size, quote_trail=quote_trail)
    started = time.perf_counter()
    summary = loader.load(corpus.records())
    seconds = time.perf_counter() - started
    driver.execute_query("CALL db.awaitIndexes(600)", database_=database)
    counts = dict(driver.execute_query(
        "CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } "
        "RETURN nodes, rels", database_=database).records[0])  # fmt: skip
    clustered = "with" if quote_trail else "without"
    print(f"{articles} articles ({clustered} quote clusters): {summary.rows} rows in {seconds:.1f} s = "
          f"{summary.rows / seconds:,.0f} rows/s "
          f"({articles / seconds:,.0f} articles/s); {counts['nodes']:,} nodes, {counts['rels']:,} relationships",
          flush=True)  # fmt: skip
    return {
        "articles": articles, "rows": summary.rows, "load_seconds": seconds, "rows_per_second": summary.rows / seconds,
        "articles_per_second": articles / seconds, "nodes": counts["nodes"], "relationships": counts["rels"],
    }  # fmt: skip


def run_size(settings: Any, articles: int, runs: int, batch_size: int) -> dict[str, Any]:
    """Load (unless the data folder already holds this size, see ``--keep``) and time every query."""
    loaded_marker = settings.data_dir / "bench-loaded.json"
    driver, database = open_driver(settings)
    with driver:
        apply_schema(driver, database)
        corpus = SyntheticCorpus(articles, seed=42)
        if loaded_marker.exists():
            load = json.loads(loaded_marker.read_text(encoding="utf-8"))
            print(f"{articles} articles already loaded in {settings.data_dir} (loaded at "
                  f"{load['rows_per_second']:,.0f} rows/s)", flush=True)  # fmt: skip
        else:
            load = _load(driver, database, corpus, articles, batch_size)
            loaded_marker.write_text(json.dumps(load), encoding="utf-8")
        floor, floor_p95 = _floor(driver, database, runs)
        print(f"  RETURN 1 floor: median {floor * 1000:.2f} ms, p95 {floor_p95 * 1000:.2f} ms", flush=True)
        explain = statistics.median(_time(lambda: driver.execute_query("EXPLAIN RETURN 1", database_=database), 50))
        records, _, _ = driver.execute_query(
            "CALL () { MATCH (c:QuoteCluster) WHERE c.appearances > 1 RETURN c.first_statement_id AS id LIMIT 300 "
            "UNION MATCH (s:Statement) RETURN s.id AS id LIMIT 300 } RETURN collect(id) AS ids",
            database_=database,
        )
        statement_ids = list(records[0]["ids"])
        queries = _bench_queries(driver, database, Parameters(corpus, articles, statement_ids=statement_ids), runs)
    return {**load, "floor_ms": floor * 1000, "floor_p95_ms": floor_p95 * 1000, "explain_ms": explain * 1000,
            "queries": queries}  # fmt: skip


def _trail_statements(driver: Any, database: str) -> list[str]:
    """Statements for the quote-trail query: half of them in clusters (other articles repeat them), half any."""
    records, _, _ = driver.execute_query(
        "CALL () { MATCH (c:QuoteCluster) RETURN c.first_statement_id AS id LIMIT 300 "
        "UNION MATCH (s:Statement) RETURN s.id AS id LIMIT 300 } RETURN collect(id) AS ids",
        database_=database,
    )
    return list(records[0]["ids"])


def quote_trail_cost(articles: int, batch_size: int, heap: str, pagecache: str, runs: int) -> dict[str, Any]:
    """The same corpus loaded without and with quote clustering, each into a fresh private server; the quote-trail
    queries timed on the clustered graph."""
    loads: dict[str, dict[str, Any]] = {}
    queries: list[dict[str, Any]] = []
    for clustered in (False, True):
        with (
            tempfile.TemporaryDirectory(prefix="newsgraph-bench-") as folder,
            private_neo4j(Path(folder), heap, pagecache) as settings,
        ):
            driver, database = open_driver(settings)
            with driver:
                apply_schema(driver, database)
                load = _load(driver, database, SyntheticCorpus(articles, seed=42), articles, batch_size, clustered)
                records, _, _ = driver.execute_query(
                    "MATCH (c:QuoteCluster) RETURN count(c) AS clusters, "
                    "sum(CASE WHEN c.appearances > 1 THEN 1 ELSE 0 END) AS trails, max(c.appearances) AS largest",
                    database_=database,
                )
                loads["with" if clustered else "without"] = {**load, **dict(records[0])}
                if clustered:
                    corpus = SyntheticCorpus(articles, seed=42)
                    params = Parameters(corpus, articles, statement_ids=_trail_statements(driver, database))
                    queries = _bench_queries(driver, database, params, runs, only=TRAIL_QUERIES)
    ratio = loads["with"]["load_seconds"] / loads["without"]["load_seconds"]
    print(f"{articles} articles: load {loads['without']['load_seconds']:.1f} s without quote clustering, "
          f"{loads['with']['load_seconds']:.1f} s with it: {ratio:.2f}x ({loads['with']['clusters']:,} clusters, "
          f"{loads['with']['trails']:,} carried by several articles, largest {loads['with']['largest']})",
          flush=True)  # fmt: skip
    return {"articles": articles, "ratio": ratio, **loads, "queries": queries}


def markdown(results: list[dict[str, Any]]) -> str:
    """The tables of docs/performance.md: load rate, then per query latency and ratios to the floor."""
    lines = ["| articles | rows | load rows/s | articles/s | nodes | relationships | floor median | floor p95 |",
             "|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for r in results:
        lines.append(f"| {r['articles']:,} | {r['rows']:,} | {r['rows_per_second']:,.0f} | "
                     f"{r['articles_per_second']:,.0f} | {r['nodes']:,} | {r['relationships']:,} | "
                     f"{r['floor_ms']:.1f} ms | {r['floor_p95_ms']:.1f} ms |")  # fmt: skip
    sizes = [f"{r['articles'] // 1000}k" for r in results]
    # Three floors: the RETURN 1 runs interleaved with the query (median and p95), and the run's own RETURN 1 loop.
    headers = ("median", "p95", "p95 / interleaved floor median", "p95 / interleaved floor p95", "p95 / run floor")
    lines += ["", "| query | " + " | ".join(f"{s} {h}" for s in sizes for h in headers) + " | target |",
              "|---|" + "---|" * len(headers) * len(results) + "---|"]  # fmt: skip
    by_query: dict[str, list[str]] = {}
    for r in results:
        for q in r["queries"]:
            cells = by_query.setdefault(q["query"], [])
            if "skipped" in q:
                cells += ["–"] * len(headers)
                continue
            over_p95 = q.get("p95_over_floor_p95")
            cells += [f"{q['median_ms']:.0f} ms", f"{q['p95_ms']:.0f} ms", f"{q['p95_x']:.1f}×",
                      f"{over_p95:.1f}×" if over_p95 is not None else "–",
                      f"{q['p95_ms'] / r['floor_ms']:.1f}×"]  # fmt: skip
    for name, cells in sorted(by_query.items()):
        target = TARGETS.get(name)
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {f'{target}×' if target else ''} |")
    return "\n".join(lines) + "\n"


@contextlib.contextmanager
def _data_folder(keep: Path | None, articles: int) -> Iterator[str]:
    if keep is None:
        with tempfile.TemporaryDirectory(prefix="newsgraph-bench-") as temporary:
            yield temporary
        return
    kept = keep / f"articles-{articles}"
    kept.mkdir(parents=True, exist_ok=True)
    yield str(kept)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, action="append", help="corpus size (repeatable); default 10000")
    parser.add_argument("--runs", type=int, default=30, help="timed runs per query")
    parser.add_argument("--batch-size", type=int, default=500, help="articles per load transaction")
    parser.add_argument("--heap", default="2g", help="heap of the private Neo4j")
    parser.add_argument("--pagecache", default="2g", help="page cache of the private Neo4j")
    parser.add_argument("--out", type=Path, help="write the results as JSON")
    parser.add_argument("--markdown", type=Path, help="print the tables of a results JSON file and exit")
    parser.add_argument("--keep", type=Path, help="keep each size's graph under this folder and reuse it next time")
    parser.add_argument("--quote-trail-cost", action="store_true",
                        help="only load each size twice, without and with quote clustering, and compare")  # fmt: skip
    args = parser.parse_args()
    # The synthetic corpus has no IN_ROLE or author data, so the driver warns about unknown names on every run.
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
    if args.markdown:
        print(markdown(json.loads(args.markdown.read_text(encoding="utf-8"))))
        return
    if args.quote_trail_cost:
        for size in args.articles or [10000]:
            print(json.dumps(quote_trail_cost(size, args.batch_size, args.heap, args.pagecache, args.runs)),
                  flush=True)  # fmt: skip
        return
    results = []
    for size in args.articles or [10000]:
        with (
            _data_folder(args.keep, size) as folder,
            private_neo4j(Path(folder), args.heap, args.pagecache) as settings,
        ):
            results.append(run_size(settings, size, args.runs, args.batch_size))
    if args.out:
        args.out.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
