"""The managed local Neo4j: real round trips, restart durability, crash recovery."""

from __future__ import annotations

import os
import signal
import socket
import time

import pytest

from graph.connection import open_driver
from graph.local_server import LocalNeo4j, _port_is_free

pytestmark = pytest.mark.neo4j


def test_write_then_read_back(clean_db, neo4j_settings):
    database = neo4j_settings.neo4j_database
    clean_db.execute_query("CREATE (:Probe {name: $name, n: 1})", name="Vučić", database_=database)
    records, _, _ = clean_db.execute_query("MATCH (p:Probe) RETURN p.name AS name", database_=database)
    assert [r["name"] for r in records] == ["Vučić"]


def test_bolt_listens_on_loopback_only(neo4j_settings):
    if neo4j_settings.neo4j_uri:
        pytest.skip("an external test server is configured")
    info = LocalNeo4j(neo4j_settings).running()
    assert info is not None
    assert info.uri.startswith("bolt://127.0.0.1:")
    config = LocalNeo4j(neo4j_settings).config_file.read_text()
    assert f"server.bolt.listen_address=127.0.0.1:{info.port}" in config


def test_password_file_is_owner_only(neo4j_settings):
    if neo4j_settings.neo4j_uri:
        pytest.skip("an external test server is configured")
    mode = LocalNeo4j(neo4j_settings).password_file.stat().st_mode & 0o777
    assert mode == 0o600


def test_store_folder_is_owner_only(neo4j_settings):
    if neo4j_settings.neo4j_uri:
        pytest.skip("an external test server is configured")
    assert LocalNeo4j(neo4j_settings).home.stat().st_mode & 0o777 == 0o700


def test_a_port_in_time_wait_counts_as_free():
    """After a server closes its connections, its port sits in TIME_WAIT; a restart may listen on it again.
    The server here allows address reuse as Java's server sockets (and so Neo4j's Bolt) do on Linux."""
    with socket.socket() as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        client = socket.create_connection(("127.0.0.1", port))
        accepted, _ = server.accept()
        accepted.close()  # the server side closes first: TIME_WAIT is on the server's port
        client.recv(1)
        client.close()
    assert _port_is_free(port) is True
    with socket.socket() as squatter:
        squatter.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        squatter.bind(("127.0.0.1", port))
        squatter.listen()
        assert _port_is_free(port) is False  # a port another program listens on is still taken


def _count_probes(settings) -> int:
    driver, database = open_driver(settings)
    with driver:
        records, _, _ = driver.execute_query("MATCH (p:Probe) RETURN count(p) AS n", database_=database)
    return int(records[0]["n"])


def _write_probes(settings, count: int) -> None:
    driver, database = open_driver(settings)
    with driver:
        driver.execute_query("UNWIND range(1, $count) AS i CREATE (:Probe {i: i})", count=count, database_=database)


@pytest.mark.slow
def test_data_survives_stop_and_start(private_server):
    settings, server = private_server
    server.start()
    _write_probes(settings, 25)
    assert server.stop() is True
    assert server.running() is None
    server.start()
    assert _count_probes(settings) == 25


@pytest.mark.slow
def test_stop_then_start_keeps_the_port(base_settings, tmp_path):
    settings = base_settings.replace(data_dir=tmp_path / "data", neo4j_port=_free_port())
    server = LocalNeo4j(settings)
    try:
        first = server.start()
        driver, database = open_driver(settings)
        driver.execute_query("RETURN 1", database_=database)  # a live connection the server closes on stop
        server.stop()
        driver.close()
        second = server.start()
        assert second.port == first.port == settings.neo4j_port
        assert _count_probes(settings) == 0
    finally:
        server.stop()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.slow
def test_start_recovers_after_kill_9(private_server):
    settings, server = private_server
    info = server.start()
    _write_probes(settings, 10)
    os.kill(info.pid, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while server.running() is not None and time.monotonic() < deadline:
        time.sleep(0.2)
    assert server.state_file.exists() is False  # the stale state was noticed and cleared
    restarted = server.start()
    assert restarted.pid != info.pid
    assert _count_probes(settings) == 10
