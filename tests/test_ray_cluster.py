"""A real two-node Ray cluster on this machine (tests/ray_nodes.py): a node lost mid-run loses no article; a driver
outside the cluster (Ray Client, ``ray://``) extracts what one process does.

The head and a second node run one CPU each, as separate ``ray start`` processes with token authentication on;
``newsgraph extract --ray-address`` runs two workers on them, one per node. Once the first results are written,
every process of the second node is killed at once. The run must still end normally, with every article once,
in input order, each result what a single process gives for the same text.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.ray_nodes import LocalRayCluster, ray_cli

pytestmark = [pytest.mark.slow, pytest.mark.skipif(ray_cli() is None, reason="the ray command is not installed")]

ROOT = Path(__file__).resolve().parent.parent
GOLD_DOCS = ROOT / "tests" / "data" / "gold" / "docs.jsonl"
NEWSGRAPH = str(Path(sys.executable).parent / "newsgraph")
COPIES = 4  # of the 16 development articles: enough for a minute on two busy cores
RUN_TIMEOUT = 900.0


def _isolated_environment(base: dict[str, str]) -> dict[str, str]:
    kept = {k: v for k, v in base.items() if not k.startswith(("NEWSGRAPH_", "NEO4J_"))}
    return {**kept, "NEWSGRAPH_CONFIG": ""}


def _extract(source: Path, target: Path, *options: str, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [NEWSGRAPH, "extract", "--in", str(source), "--out", str(target), *options],
        env=_isolated_environment(env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=source.parent,
    )


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def _refused_without_the_token(cluster: LocalRayCluster, corpus: Path, results: Path) -> None:
    """A driver given the address but not told to use the token: the cluster refuses it, in one line."""
    tokenless = {k: v for k, v in cluster.environment.items() if k != "RAY_AUTH_MODE"}
    run = _extract(corpus, results, "--ray-address", cluster.address, "--workers", "2", env=tokenless)
    _out, errors = run.communicate(timeout=RUN_TIMEOUT)
    assert run.returncode == 1
    assert len(errors.splitlines()) == 1, errors
    assert f"cannot use the Ray cluster at {cluster.address}" in errors and "RAY_AUTH_MODE=token" in errors


def test_a_node_lost_mid_run_loses_no_article(tmp_path: Path) -> None:
    originals = [json.loads(line) for line in GOLD_DOCS.read_text(encoding="utf-8").splitlines()]
    single = tmp_path / "single.jsonl"
    source = tmp_path / "single-docs.jsonl"
    source.write_text("".join(json.dumps(d) + "\n" for d in originals), encoding="utf-8")
    reference = _extract(source, single, "--workers", "1", env=dict(os.environ))
    _out, errors = reference.communicate(timeout=RUN_TIMEOUT)
    assert reference.returncode == 0, errors
    expected = {record["id"]: record for record in map(json.loads, _lines(single))}

    copies = [{**d, "id": f"{d['id']}#{n}"} for n in range(COPIES) for d in originals]
    corpus, results = tmp_path / "docs.jsonl", tmp_path / "results.jsonl"
    corpus.write_text("".join(json.dumps(d) + "\n" for d in copies), encoding="utf-8")

    with LocalRayCluster() as cluster:
        cluster.start_head(cpus=1)
        second = cluster.add_node(cpus=1)
        assert second.processes()
        _refused_without_the_token(cluster, corpus, tmp_path / "refused.jsonl")
        run = _extract(corpus, results, "--ray-address", cluster.address, "--workers", "2", env=cluster.environment)
        try:
            deadline = time.monotonic() + RUN_TIMEOUT
            while len(_lines(results)) < 8 and run.poll() is None and time.monotonic() < deadline:
                time.sleep(0.5)
            assert run.poll() is None, (
                f"the run ended before the node was lost: {run.stderr.read() if run.stderr else ''}"
            )
            written_before = len(_lines(results))
            assert 8 <= written_before < len(copies)
            second.kill()
            print(f"second node killed after {written_before} of {len(copies)} results")  # shown with -s
            assert second.processes() == []
            _out, errors = run.communicate(timeout=RUN_TIMEOUT)
        finally:
            if run.poll() is None:
                run.kill()
                run.wait()

    assert run.returncode == 0, errors
    # Ray recovers from the lost node without a word to the user: the summary is all the command says.
    assert errors.splitlines() == [f"extracted {len(copies)} documents (0 with an error) → {results}"], errors
    records = [json.loads(line) for line in _lines(results)]
    assert [r["id"] for r in records] == [d["id"] for d in copies]
    for record in records:
        original_id = record["id"].rpartition("#")[0]
        assert {**record, "id": original_id} == expected[original_id], record["id"]


def test_a_driver_through_ray_client_extracts_what_one_process_does(tmp_path: Path) -> None:
    single, through_client = tmp_path / "single.jsonl", tmp_path / "client.jsonl"
    reference = _extract(GOLD_DOCS, single, "--workers", "1", env=dict(os.environ))
    _out, errors = reference.communicate(timeout=RUN_TIMEOUT)
    assert reference.returncode == 0, errors
    with LocalRayCluster() as cluster:
        cluster.start_head(cpus=1)
        run = _extract(GOLD_DOCS, through_client, "--ray-address", cluster.client_address, env=cluster.environment)
        _out, errors = run.communicate(timeout=RUN_TIMEOUT)
    assert run.returncode == 0, errors
    assert errors.splitlines() == [f"extracted {len(_lines(GOLD_DOCS))} documents (0 with an error) → {through_client}"]
    assert _lines(through_client) == _lines(single)
