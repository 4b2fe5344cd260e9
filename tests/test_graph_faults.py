"""Faults while loading: Neo4j killed in the middle of a load, and two loading processes at once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from neo4j import GraphDatabase

from core.errors import GraphUnavailableError
from graph.connection import open_driver, resolve_target
from graph.loader import GraphLoader, clear_graph
from graph.schema import apply_schema
from tests.graph_synthetic import SyntheticCorpus

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]

TESTS = Path(__file__).resolve().parent
COUNTS = """
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
CALL () { MATCH (a:Article) RETURN count(a) AS articles }
CALL () { MATCH (s:Statement) RETURN count(s) AS statements }
RETURN nodes, relationships, articles, statements
"""
DUPLICATE_RELATIONSHIPS = """
MATCH (a)-[r]->(b)
WITH a, b, type(r) AS type, r.article_id AS article, r.start AS start, count(*) AS copies
WHERE copies > 1
RETURN count(*) AS n
"""


def _counts(driver, database) -> dict[str, int]:
    return dict(driver.execute_query(COUNTS, database_=database).records[0])


def _short_retry_driver(settings):
    # The loader gives up when the driver's retries run out; a few seconds keep the test short.
    target = resolve_target(settings, start_local=False)
    driver = GraphDatabase.driver(target.uri, auth=(target.user, target.password), max_transaction_retry_time=3.0,
                                  connection_timeout=3.0)  # fmt: skip
    return driver, target.database


def test_rerun_after_neo4j_is_killed_mid_load_completes_without_duplicates(private_server):
    settings, server = private_server
    info = server.start()
    pairs = list(SyntheticCorpus(240, seed=11).records())
    expected_statements = sum(len(x.statements) for _, x in pairs)
    driver, database = _short_retry_driver(settings)
    apply_schema(driver, database)
    failure: list[BaseException] = []
    batches: list[object] = []
    three_written, killed = threading.Event(), threading.Event()

    def written(summary: object) -> None:
        batches.append(summary)
        if len(batches) == 3:
            three_written.set()  # the kill comes now, while the next batches are written …
        if len(batches) == 6:
            killed.wait(timeout=300)  # … and before the load could finish, however the two threads are scheduled

    def load() -> None:
        try:
            GraphLoader(driver, database, batch_size=20).load(pairs, on_batch=written)
        except BaseException as e:  # inspected below
            failure.append(e)

    loading = threading.Thread(target=load)
    loading.start()
    assert three_written.wait(timeout=300)
    os.kill(info.pid, signal.SIGKILL)  # no clean shutdown: a batch transaction is most likely cut in the middle
    killed.set()
    loading.join(timeout=120)
    driver.close()
    assert not loading.is_alive()
    assert len(failure) == 1 and isinstance(failure[0], GraphUnavailableError), failure
    assert "run the same load again" in str(failure[0])

    server.start()  # recovers the store from its transaction log
    driver, database = open_driver(settings)
    with driver:
        partial = _counts(driver, database)
        assert 60 <= partial["articles"] <= 120
        assert partial["articles"] % 20 == 0  # only whole batches were committed
        rerun = GraphLoader(driver, database, batch_size=20).load(pairs)
        assert (rerun.unchanged, rerun.loaded, rerun.replaced) == (partial["articles"], 240 - partial["articles"], 0)
        after = _counts(driver, database)
        assert after["articles"] == 240
        assert after["statements"] == expected_statements
        assert driver.execute_query(DUPLICATE_RELATIONSHIPS, database_=database).records[0]["n"] == 0
        # The same input loaded in one go into an empty graph gives exactly the same counts.
        clear_graph(driver, database)
        GraphLoader(driver, database, batch_size=100).load(pairs)
        assert _counts(driver, database) == after


LOADER_SCRIPT = """
import sys
sys.path.insert(0, {tests!r})
from graph_synthetic import SyntheticCorpus
from graph.connection import open_driver
from graph.loader import GraphLoader
from core.settings import load_settings

settings = load_settings()
pairs = list(SyntheticCorpus(160, seed=5).records())
chosen = pairs[{start}:{stop}]
if {reverse}:
    chosen.reverse()
driver, database = open_driver(settings)
with driver:
    summary = GraphLoader(driver, database, batch_size=15).load(chosen)
print(summary.loaded + summary.unchanged + summary.replaced)
"""


def _loader_process(settings, start: int, stop: int, reverse: bool) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "NEWSGRAPH_"))}
    env["NEWSGRAPH_DATA_DIR"] = str(settings.data_dir)
    if settings.neo4j_uri:
        env |= {"NEO4J_URI": settings.neo4j_uri, "NEO4J_USER": settings.neo4j_user,
                "NEO4J_PASSWORD": settings.neo4j_password, "NEO4J_DATABASE": settings.neo4j_database}  # fmt: skip
    script = LOADER_SCRIPT.format(tests=str(TESTS), start=start, stop=stop, reverse=reverse)
    return subprocess.Popen([sys.executable, "-c", script], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)  # fmt: skip


def test_two_loading_processes_on_overlapping_input_create_no_duplicates(clean_db, neo4j_settings):
    database = neo4j_settings.neo4j_database
    apply_schema(clean_db, database)
    processes = [_loader_process(neo4j_settings, 0, 120, False), _loader_process(neo4j_settings, 40, 160, True)]
    outputs = [p.communicate(timeout=600) for p in processes]
    for process, (out, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, err[-2000:]
        assert out.strip() == "120"
    together = _counts(clean_db, database)
    assert together["articles"] == 160
    duplicates, _, _ = clean_db.execute_query(
        "MATCH (e:Entity) WITH e.id AS id, count(*) AS copies WHERE copies > 1 RETURN count(*) AS n",
        database_=database,
    )
    assert duplicates[0]["n"] == 0
    assert clean_db.execute_query(DUPLICATE_RELATIONSHIPS, database_=database).records[0]["n"] == 0
    clear_graph(clean_db, database)
    GraphLoader(clean_db, database).load(SyntheticCorpus(160, seed=5).records())
    assert _counts(clean_db, database) == together
