"""Explorer latency: time to first render of every page, and of a 200-node graph, on a synthetic graph.

    .venv/bin/python bench/app_latency.py --articles 10000 [--runs 5] [--out results.json]

Starts a private local Neo4j in a temporary folder (never touches your data), loads a synthetic corpus
(tests/graph_synthetic.py, shaped like the extractor's output) through the real loader, then drives the
real app.py with Streamlit's AppTest, the way the app tests do. For each page it reports:

* ``first``: the first render of the page in a new session (the driver and models already loaded by an
  earlier session, as on a running server) — what a user waits for when opening the page;
* ``rerun``: the median of ``--runs`` further renders of the same page (what each interaction costs).

Times are the server's script time (queries and page building), not the browser's paint. The search
page's first render waits for what remains of the embedding model's background load, which the first session
starts (bench/first_search.py measures that wait alone).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from graph_synthetic import SyntheticCorpus  # noqa: E402
from private_neo4j import private_neo4j  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from graph.connection import open_driver, resolve_target  # noqa: E402
from graph.loader import GraphLoader  # noqa: E402
from graph.schema import apply_schema  # noqa: E402

APP = REPO / "app.py"
TARGETS = {"page": 1.0, "graph-200": 2.0}  # seconds: the targets after the first load


def _render(page: str, query: dict[str, str], widgets: dict[str, Any] | None = None) -> tuple[AppTest, float]:
    app = AppTest.from_file(str(APP), default_timeout=300)
    app.run()
    app.query_params.update(query)
    app.switch_page(f"app_pages/{page}.py")
    started = time.perf_counter()
    app.run()
    for key, value in (widgets or {}).items():
        _widget(app, key).set_value(value)
        started = time.perf_counter()
        app.run()
    seconds = time.perf_counter() - started
    if app.exception:
        raise RuntimeError(f"{page}: {[e.message for e in app.exception]}")
    return app, seconds


def _widget(app: AppTest, key: str) -> Any:
    for kind in ("slider", "number_input", "text_input", "multiselect", "selectbox", "toggle"):
        try:
            return getattr(app, kind)(key=key)
        except KeyError:
            continue
    raise KeyError(key)


def _rerun(app: AppTest, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        app.run()
        samples.append(time.perf_counter() - started)
    return samples


def _graph_nodes(app: AppTest) -> int:
    frame = app.get("iframe")[0].proto.srcdoc
    start = frame.index("nodes = new vis.DataSet(") + len("nodes = new vis.DataSet(")
    end = frame.index(");", start)
    return len(json.loads(frame[start:end]))


def measure(settings: Any, articles: int, runs: int) -> dict[str, Any]:
    driver, database = open_driver(settings, start_local=False)
    apply_schema(driver, database)
    started = time.perf_counter()
    summary = GraphLoader(driver, database, batch_size=500).load(SyntheticCorpus(articles).records())
    load_seconds = time.perf_counter() - started
    records, _, _ = driver.execute_query(
        "MATCH (p:Person)<-[:MENTIONS]-(a:Article) WITH p, count(a) AS n ORDER BY n DESC LIMIT 1 RETURN p.id",
        database_=database,
    )
    hub = records[0][0]
    driver.close()

    target = resolve_target(settings, start_local=False)
    os.environ.update(
        NEO4J_URI=target.uri, NEO4J_USER=target.user, NEO4J_PASSWORD=target.password,
        NEO4J_DATABASE=target.database, NEWSGRAPH_DATA_DIR=str(settings.data_dir),
    )  # fmt: skip
    started = time.perf_counter()
    _render("overview", {})  # the server's first session: imports, driver, schema check
    warm_up = time.perf_counter() - started
    pages = [
        ("overview", {}, None),
        ("search", {"q": "surveillance cameras"}, None),
        ("statements", {}, None),
        ("timeline", {}, None),
        ("entity", {"id": hub}, None),
        ("graph", {"ids": hub}, None),
        ("cypher", {}, None),
        ("article", {"id": "synthetic:42"}, None),
        ("ingest", {}, None),
    ]
    rows = []
    for page, query, widgets in pages:
        app, first = _render(page, query, widgets)
        samples = _rerun(app, runs)
        rows.append({"page": page, "first": first, "rerun": statistics.median(samples), "max": max(samples)})
    app, first = _render("graph", {"ids": hub}, {"graph_depth": 2, "graph_cap": 200})
    samples = _rerun(app, runs)
    rows.append(
        {
            "page": "graph-200",
            "first": first,
            "rerun": statistics.median(samples),
            "max": max(samples),
            "nodes": _graph_nodes(app),
        }
    )
    return {
        "articles": articles,
        "load_seconds": round(load_seconds, 1),
        "loaded": summary.loaded,
        "first_session_seconds": round(warm_up, 2),
        "pages": [{k: round(v, 3) if isinstance(v, float) else v for k, v in r.items()} for r in rows],
    }


def markdown(result: dict[str, Any]) -> str:
    lines = [
        f"{result['articles']:,} synthetic articles (loaded in {result['load_seconds']} s); "
        f"first session of a fresh server {result['first_session_seconds']} s.",
        "",
        "| page | first render (s) | rerun, median (s) | rerun, max (s) | target (s) |",
        "|---|---|---|---|---|",
    ]
    for row in result["pages"]:
        target = TARGETS["graph-200"] if row["page"] == "graph-200" else TARGETS["page"]
        name = f"graph, {row['nodes']} nodes" if row["page"] == "graph-200" else row["page"]
        lines.append(f"| {name} | {row['first']:.2f} | {row['rerun']:.2f} | {row['max']:.2f} | {target:g} |")
    return "\n".join(lines)


def main() -> None:
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)  # "unknown label" hints on a young graph
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=5, help="reruns per page (median reported)")
    parser.add_argument("--heap", default="1g")
    parser.add_argument("--pagecache", default="512m")
    parser.add_argument("--out", type=Path, help="also write the figures as JSON")
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory(prefix="newsgraph-app-bench-") as folder,
        private_neo4j(Path(folder), args.heap, args.pagecache) as settings,
    ):
        result = measure(settings, args.articles, args.runs)
    print(markdown(result))
    if args.out:
        args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
