"""First search by meaning: what a reader waits for with the embedding model loaded by the first search (before)
and warming up in the background from the first page view (after), side by side.

    .venv/bin/python bench/first_search.py [--pauses 0,10,20] [--repeat 3]

Starts a private local Neo4j in a temporary folder (never touches your data) and loads the fixture graph
(tests/graph_fixtures.py, statements embedded with the real model). Each figure comes from a fresh Python
process, as a fresh `newsgraph app` server, driving the real app.py with Streamlit's AppTest:

1. the reader opens the explorer (its first page, the overview, is timed: the warm-up must not slow it);
2. the reader pauses for PAUSE seconds (finding the Search page, typing);
3. the search page runs a search by meaning (`/search?q=…`) in a new session, timed: the first search.

"Before" is the same app with the warm-up call of app.py made a no-op, so the model loads inside the first search,
as it did before the warm-up existed. Times are the server's script time, not the browser's paint.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "bench")]

APP = REPO / "app.py"
TOPIC = "facial recognition cameras in Belgrade"


def one_reader(mode: str, pause: float) -> dict[str, float]:
    """In this process: open the explorer, pause, search by meaning; the seconds of the first page and search."""
    from streamlit.testing.v1 import AppTest

    import app_pages.common

    if mode == "before":
        app_pages.common.warm_up_embedder = lambda: None  # app.py imports it at each run, so it takes this one
    started = time.perf_counter()
    first = AppTest.from_file(str(APP), default_timeout=300)
    first.run()
    first_page = time.perf_counter() - started
    _no_exception(first)
    time.sleep(pause)
    search = AppTest.from_file(str(APP), default_timeout=300)
    search.run()
    search.query_params.update({"q": TOPIC})
    search.switch_page("app_pages/search.py")
    started = time.perf_counter()
    search.run()
    first_search = time.perf_counter() - started
    _no_exception(search)
    if not any("statements by meaning" in str(c.value) for c in search.caption):
        raise RuntimeError("the search page showed no search by meaning")
    return {"first_page": first_page, "first_search": first_search}


def _no_exception(app: Any) -> None:
    if app.exception:
        raise RuntimeError([e.message for e in app.exception])


def _measure(mode: str, pause: float, env: dict[str, str]) -> dict[str, float]:
    command = [sys.executable, str(Path(__file__).resolve()), "--reader", mode, str(pause)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False, cwd=REPO)
    if done.returncode != 0:
        raise RuntimeError(f"{mode} {pause}: {done.stderr[-2000:]}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def measure(settings: Any, pauses: list[float], repeat: int) -> list[dict[str, float]]:
    from graph.connection import open_driver, resolve_target
    from tests.graph_fixtures import load_fixture_graph

    driver, database = open_driver(settings, start_local=False)
    load_fixture_graph(driver, database)
    driver.close()
    target = resolve_target(settings, start_local=False)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "NEWSGRAPH_"))},
        "NEO4J_URI": target.uri,
        "NEO4J_USER": target.user,
        "NEO4J_PASSWORD": target.password,
        "NEO4J_DATABASE": target.database,
        "NEWSGRAPH_DATA_DIR": str(settings.data_dir),
        "HF_HUB_OFFLINE": "1",
    }
    rows = []
    for pause in pauses:
        runs: dict[str, list[dict[str, float]]] = {"before": [], "after": []}
        for _ in range(repeat):  # in turn, so a busy spell of the machine weighs on both alike
            for mode in runs:
                runs[mode].append(_measure(mode, pause, env))
        row = {"pause": pause}
        for mode, measured in runs.items():
            for figure in ("first_search", "first_page"):
                row[f"{mode}_{figure.removeprefix('first_')}"] = statistics.median(m[figure] for m in measured)
        rows.append(row)
    return rows


def markdown(rows: list[dict[str, float]]) -> str:
    lines = [
        "| reader's pause before searching (s) | first search, before (s) | first search, after (s) "
        "| first page, before (s) | first page, after (s) |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row['pause']:g} | {row['before_search']:.2f} | {row['after_search']:.2f} "
            f"| {row['before_page']:.2f} | {row['after_page']:.2f} |"
        )
    return "\n".join(lines)


def main() -> None:
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)  # "unknown label" hints on a young graph
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pauses", default="0,10,20", help="the reader's pauses before searching, in seconds")
    parser.add_argument("--repeat", type=int, default=3, help="fresh servers per figure (median reported)")
    parser.add_argument("--reader", nargs=2, metavar=("MODE", "PAUSE"), help=argparse.SUPPRESS)
    parser.add_argument("--heap", default="512m")
    parser.add_argument("--pagecache", default="128m")
    args = parser.parse_args()
    if args.reader:  # one fresh server's reader, in its own process
        mode, pause = args.reader
        print(json.dumps(one_reader(mode, float(pause))))
        return
    from private_neo4j import private_neo4j

    pauses = [float(p) for p in args.pauses.split(",")]
    with (
        tempfile.TemporaryDirectory(prefix="newsgraph-search-bench-") as folder,
        private_neo4j(Path(folder), args.heap, args.pagecache) as settings,
    ):
        rows = measure(settings, pauses, args.repeat)
    print(f"median of {args.repeat} fresh servers per figure")
    print(markdown(rows))


if __name__ == "__main__":
    main()
