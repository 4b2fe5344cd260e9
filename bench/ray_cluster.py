"""Extraction speed on a simulated two-node Ray cluster against one node, side by side in one run.

    .venv/bin/python bench/ray_cluster.py [--docs 96]

A Ray head with one CPU is started on this machine (tests/ray_nodes.py: its own ``ray start`` process, folder,
ports and token); ``newsgraph extract --ray-address HEAD --workers 0`` (every CPU the cluster has) runs the
documents on it alone; then a second node with one CPU joins and the same command runs the same documents
again. Printed for both: documents/s over the whole command (driver start, actors loading spaCy, extraction)
and over the steady part (first result to last), and the ratio of the two-node figures to the one-node ones
(target >= 1.6). The documents are the 16 development articles, repeated with distinct ids. Both nodes share
this machine's cores, so other work on it lowers the two-node figure first: the load average is printed, and the
CPU time the cluster's processes used during each run, over its wall time, says how many cores it obtained.
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


def timed_extract(corpus: Path, results: Path, cluster: LocalRayCluster) -> dict[str, float]:
    """Wall time of the command, when its first and last results reached the output file, and the CPU time the
    cluster's processes used meanwhile (which tells how many cores the run obtained on a shared machine)."""
    env = {k: v for k, v in cluster.environment.items() if not k.startswith("NEWSGRAPH_")}
    command = [NEWSGRAPH, "extract", "--in", str(corpus), "--out", str(results), "--ray-address", cluster.address]
    before = cluster_ticks(cluster)
    began = time.monotonic()
    run = subprocess.Popen(
        [*command, "--workers", "0"], env={**env, "NEWSGRAPH_CONFIG": ""}, stderr=subprocess.PIPE, text=True
    )
    first = None
    seen = dict(before)
    while run.poll() is None:
        if first is None and results.exists() and results.stat().st_size:
            first = time.monotonic()
        seen.update(cluster_ticks(cluster))  # a process that ends keeps its last count
        time.sleep(1.0)
    ended = time.monotonic()
    errors = run.stderr.read() if run.stderr else ""
    if run.returncode != 0:
        raise SystemExit(f"extraction failed: {errors.strip()}")
    seen.update(cluster_ticks(cluster))
    cpu = sum(ticks - before.get(pid, 0) for pid, ticks in seen.items()) / os.sysconf("SC_CLK_TCK")
    written = len(results.read_text(encoding="utf-8").splitlines())
    first = first if first is not None else ended
    return {
        "documents": written,
        "seconds": ended - began,
        "first_result": first - began,
        "last_result": ended - began,
        "cpu_seconds": cpu,
    }


def cluster_ticks(cluster: LocalRayCluster) -> dict[int, int]:
    """User and system CPU time, in clock ticks, of every process of the cluster's nodes."""
    ticks = {}
    for node in cluster.nodes:
        for pid in node.processes():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
            except OSError:
                continue
            ticks[pid] = int(fields[11]) + int(fields[12])  # utime and stime, fields 14 and 15 of proc(5)
    return ticks


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
        cluster.start_head(cpus=1)
        one = timed_extract(corpus, Path(folder) / "one.jsonl", cluster)
        cluster.add_node(cpus=1)
        two = timed_extract(corpus, Path(folder) / "two.jsonl", cluster)
        same = (Path(folder) / "one.jsonl").read_bytes() == (Path(folder) / "two.jsonl").read_bytes()
    (one_total, one_steady), (two_total, two_steady) = rates(one), rates(two)
    print(f"load average before the run: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores")
    print(f"{'':22}{'docs':>6}{'seconds':>9}{'docs/s':>8}{'steady docs/s':>15}{'CPU s':>8}{'cores obtained':>16}")
    for name, run, total, steady in (
        ("one node, 1 CPU", one, one_total, one_steady),
        ("two nodes, 1 CPU each", two, two_total, two_steady),
    ):
        cores = run["cpu_seconds"] / run["seconds"]
        print(
            f"{name:22}{run['documents']:>6.0f}{run['seconds']:>9.1f}{total:>8.2f}{steady:>15.2f}"
            f"{run['cpu_seconds']:>8.1f}{cores:>16.2f}"
        )
    print(f"two nodes / one node: {two_total / one_total:.2f}x whole command, {two_steady / one_steady:.2f}x steady")
    print(f"outputs identical: {same}")
    print(f"load average after the run: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
