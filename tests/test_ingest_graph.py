"""`newsgraph ingest` into the real Neo4j: the hand-off to the pipeline, and a re-run that skips what is stored."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.connection import open_driver
from newsgraph.cli import cli

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
pytestmark = [pytest.mark.neo4j, pytest.mark.slow]


@pytest.fixture
def graph_env(neo4j_settings, clean_db, monkeypatch):
    """The command's environment pointing at the test session's Neo4j."""
    if neo4j_settings.neo4j_uri:
        for name, value in (("NEO4J_URI", neo4j_settings.neo4j_uri), ("NEO4J_USER", neo4j_settings.neo4j_user),
                            ("NEO4J_PASSWORD", neo4j_settings.neo4j_password)):  # fmt: skip
            monkeypatch.setenv(name, value)
    else:
        monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.setenv("NEWSGRAPH_DATA_DIR", str(neo4j_settings.data_dir))
    monkeypatch.setenv("NEO4J_DATABASE", neo4j_settings.neo4j_database)
    monkeypatch.delenv("NEWSGRAPH_CONFIG", raising=False)
    return clean_db


def _articles(driver, database):
    records, _, _ = driver.execute_query("MATCH (a:Article) RETURN a.id AS id ORDER BY id", database_=database)
    return [r["id"] for r in records]


def test_ingest_loads_articles_and_a_rerun_skips_them(graph_env, neo4j_settings):
    sources = [str(SAMPLES / "wikinews" / n) for n in ("wikinews-flag.txt", "wikinews-crane.txt")]
    first = CliRunner().invoke(cli, ["ingest", *sources, "/no/such.txt"])
    assert first.exit_code == 0, first.output
    assert "read 3, loaded 2, near-duplicates 0, duplicates 0 (0 already ingested), skipped 1" in first.output
    stored = _articles(graph_env, neo4j_settings.neo4j_database)
    assert len(stored) == 2
    again = CliRunner().invoke(cli, ["ingest", *sources])
    assert again.exit_code == 0, again.output
    assert "read 2, loaded 0, near-duplicates 0, duplicates 2 (2 already ingested), skipped 0" in again.output
    assert _articles(graph_env, neo4j_settings.neo4j_database) == stored


def test_ingest_force_extracts_stored_articles_again(graph_env, neo4j_settings):
    database = neo4j_settings.neo4j_database
    sources = [str(SAMPLES / "wikinews" / "wikinews-flag.txt")]
    assert CliRunner().invoke(cli, ["ingest", *sources]).exit_code == 0
    count = "MATCH (n) RETURN count(n) AS nodes, COUNT { ()-[]->() } AS relationships"
    before = graph_env.execute_query(count, database_=database).records[0]
    # Facts of an older extraction on record: the forced run must replace them, not skip the article.
    graph_env.execute_query(
        "MATCH (a:Article)<-[:REPORTED_IN]-(s:Statement) SET a.fact_hash = 'older', s.extractor_version = 'older'",
        database_=database,
    )
    forced = CliRunner().invoke(cli, ["ingest", "--force", *sources])
    assert forced.exit_code == 0, forced.output
    assert "read 1, loaded 1, near-duplicates 0, duplicates 0 (0 already ingested), skipped 0" in forced.output
    assert "graph: 0 loaded, 1 replaced, 0 unchanged, 0 skipped" in forced.output
    after = graph_env.execute_query(count, database_=database).records[0]
    assert dict(after) == dict(before)
    versions, _, _ = graph_env.execute_query(
        "MATCH (s:Statement) RETURN collect(DISTINCT s.extractor_version) AS v", database_=database
    )
    assert len(versions[0]["v"]) == 1 and versions[0]["v"][0].startswith("newsgraph-nlp/")


def test_ingest_force_goes_with_the_graph_only():
    result = CliRunner().invoke(cli, ["ingest", "--force", "--no-graph", "x.txt"])
    assert result.exit_code == 2
    assert "--force goes without --no-graph" in result.output


def _ingest_process(settings, *arguments: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "NEWSGRAPH_"))}
    env |= {"NEWSGRAPH_DATA_DIR": str(settings.data_dir), "NEWSGRAPH_LOAD_BATCH_SIZE": "2",
            "NEWSGRAPH_NLP_BATCH_SIZE": "2"}  # fmt: skip
    command = [str(Path(sys.executable).parent / "newsgraph"), "ingest", *arguments]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_neo4j_dying_mid_ingest_ends_in_one_line_a_summary_and_a_report(private_server):
    settings, server = private_server
    info = server.start()
    driver, database = open_driver(settings)
    with driver:
        ingest = _ingest_process(settings, str(SAMPLES))
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline and ingest.poll() is None and len(_articles(driver, database)) < 4:
            time.sleep(0.5)
        loaded_before = len(_articles(driver, database))
    assert ingest.poll() is None, "the ingest finished before Neo4j could be killed"
    os.kill(info.pid, signal.SIGKILL)
    stdout, stderr = ingest.communicate(timeout=300)  # it ends (how fast is for a benchmark, not a test)
    assert ingest.returncode == 1, stderr[-3000:]
    assert "Traceback" not in stderr, stderr[-3000:]
    password = server.password()
    assert password not in stderr + stdout
    assert "will be retried" not in stderr, "the driver's retry warnings are kept for -v"
    errors = [line for line in stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, stderr[-3000:]
    assert f"Neo4j at {info.uri}" in errors[0] and "run the same command again" in errors[0]
    summary = re.search(r"read (\d+), loaded (\d+),", stdout)
    assert summary is not None, stdout + stderr[-3000:]
    loaded = int(summary.group(2))
    assert "skipped, not loaded: " in stdout, "read but not stored: counted, not lost"
    unsure = int(re.search(r"skipped, not loaded: (\d+)", stdout).group(1))
    # what the graph held before the kill was reported loaded, or is the batch whose commit answer died with the server
    assert loaded + unsure >= loaded_before, stdout
    assert re.search(r"^report: .*ingest-reports/ingest-.*\.json$", stdout, re.MULTILINE)
    report = json.loads((settings.data_dir / "ingest-reports" / "latest.json").read_text())
    assert report["loaded"] == loaded and report["error"] == errors[0].removeprefix("Error: ")

    server.start()  # recovers the store; the re-run loads the rest and skips what was stored
    rerun = _ingest_process(settings, str(SAMPLES))
    stdout, stderr = rerun.communicate(timeout=900)
    assert rerun.returncode == 0, stderr[-3000:]
    # What was reported loaded is stored; of the articles in flight when the server died, the batch being committed
    # may be stored too (its answer lost with the server): never more than those.
    stored = int(re.search(r"\((\d+) already ingested\)", stdout).group(1))
    assert loaded <= stored <= loaded + unsure, stdout
    driver, database = open_driver(settings)
    with driver:
        assert len(_articles(driver, database)) == 25
