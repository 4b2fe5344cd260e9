"""Extraction speed on a simulated two-node Ray cluster against one node, side by side in one run.

    .venv/bin/python bench/ray_cluster.py [--docs 96]

A Ray head with one CPU is started on this machine (tests/ray_nodes.py: its own ``ray start`` process, folder,
ports and token); ``newsgraph extract --ray-address HEAD --workers 0`` (every CPU the cluster has) runs the
documents on it alone; then a second node with one CPU joins and the same command runs the same documents
again. Printed for both: documents/s over the whole command (driver start, actors loading spaCy, extraction)
and over the steady part (first result to last), and the ratio of the two-node figures to the one-node ones
(target >= 1.6). The documents are the 16 development articles, repeated with distinct ids. Both nodes share
this machine's cores, so other work on it lowers the two-node figure first: say how busy it was.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.ray_nodes import LocalRayCluster  # noqa: E402

DOCS = ROOT / "tests" / "data" / "gold" / "docs.jsonl"
NEWSGRAPH = str(Path(sys.executable).parent / "newsgraph")


def write_corpus(path: Path, count: int) -> None:
    originals = [json.loads(line) for line in DOCS.read_text(encoding="utf-8").splitlines() if line.strip()]
    with path.open("w", encoding="utf-8") as handle:
        for number in range(count):
            document = originals[number % len(originals)]
            handle.write(json.dumps({**document, "id": f"{document['id']}#{number}"}) + "\n")


def timed_extract(corpus: Path, results: Path, address: str, environment: dict[str, str]) -> dict[str, float]:
    """Wall time of the command, and when its first and last results reached the output file."""
    env = {k: v for k, v in environment.items() if not k.startswith("NEWSGRAPH_")}
    began = time.monotonic()
    run = subprocess.Popen(
        [NEWSGRAPH, "extract", "--in", str(corpus), "--out", str(results), "--ray-address", address, "--workers", "0"],
        env={**env, "NEWSGRAPH_CONFIG": ""},
        stderr=subprocess.PIPE,
        text=True,
    )
    first = None
    while run.poll() is None:
        if first is None and results.exists() and results.stat().st_size:
            first = time.monotonic()
        time.sleep(0.2)
    ended = time.monotonic()
    errors = run.stderr.read() if run.stderr else ""
    if run.returncode != 0:
        raise SystemExit(f"extraction failed: {errors.strip()}")
    written = len(results.read_text(encoding="utf-8").splitlines())
    first = first if first is not None else ended
    return {"documents": written, "seconds": ended - began, "first_result": first - began, "last_result": ended - began}


def rates(run: dict[str, float], batch: int = 8) -> tuple[float, float]:
    """Documents/s over the whole command, and from the first result (a batch) to the last."""
    steady_seconds = max(run["last_result"] - run["first_result"], 1e-9)
    return run["documents"] / run["seconds"], (run["documents"] - batch) / steady_seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=96, help="documents per run (default 96)")
    options = parser.parse_args()
    load = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="ngb-") as folder, LocalRayCluster() as cluster:
        corpus = Path(folder) / "docs.jsonl"
        write_corpus(corpus, options.docs)
        address = cluster.start_head(cpus=1)
        one = timed_extract(corpus, Path(folder) / "one.jsonl", address, cluster.environment)
        cluster.add_node(cpus=1)
        two = timed_extract(corpus, Path(folder) / "two.jsonl", address, cluster.environment)
        same = (Path(folder) / "one.jsonl").read_bytes() == (Path(folder) / "two.jsonl").read_bytes()
    (one_total, one_steady), (two_total, two_steady) = rates(one), rates(two)
    print(f"load average before the run: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores")
    print(f"{'':22}{'docs':>6}{'seconds':>9}{'docs/s':>8}{'steady docs/s':>15}")
    for name, run, total, steady in (
        ("one node, 1 CPU", one, one_total, one_steady),
        ("two nodes, 1 CPU each", two, two_total, two_steady),
    ):
        print(f"{name:22}{run['documents']:>6.0f}{run['seconds']:>9.1f}{total:>8.2f}{steady:>15.2f}")
    print(f"two nodes / one node: {two_total / one_total:.2f}x whole command, {two_steady / one_steady:.2f}x steady")
    print(f"outputs identical: {same}")
    print(f"load average after the run: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
