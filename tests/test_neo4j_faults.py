"""Faults around the local Neo4j and remote servers: each ends in one clear line, nothing half-written."""

from __future__ import annotations

import re
import socket
import stat

import pytest
from click.testing import CliRunner

from core.errors import ConfigError, GraphUnavailableError, Neo4jSetupError
from graph.connection import open_driver
from graph.local_server import LocalNeo4j
from newsgraph.cli import cli


def _fake_executable(folder, name: str, script: str):
    path = folder / name
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def _leftovers(cache_dir) -> list[str]:
    return sorted(p.name for p in cache_dir.iterdir()) if cache_dir.exists() else []


def test_java_missing(base_settings, tmp_path):
    settings = base_settings.replace(java=str(tmp_path / "no-java"), cache_dir=tmp_path / "cache")
    with pytest.raises(Neo4jSetupError, match=r"Java 17\+ is needed .* NEO4J_URI"):
        LocalNeo4j(settings).start()
    assert _leftovers(settings.cache_dir) == []


def test_java_too_old(base_settings, tmp_path):
    java = _fake_executable(tmp_path, "java", "echo 'openjdk version \"11.0.21\" 2023-10-17' >&2\n")
    settings = base_settings.replace(java=str(java), cache_dir=tmp_path / "cache")
    with pytest.raises(Neo4jSetupError, match=r"Java 11 found .* needs Java 17\+"):
        LocalNeo4j(settings).start()


def test_maven_missing_leaves_nothing_behind(base_settings, tmp_path):
    settings = base_settings.replace(maven=str(tmp_path / "no-mvn"), cache_dir=tmp_path / "cache")
    with pytest.raises(Neo4jSetupError, match="Maven is needed once"):
        LocalNeo4j(settings).ensure_installed()
    assert _leftovers(settings.cache_dir) == []


@pytest.mark.slow
def test_maven_central_unreachable_leaves_nothing_behind(base_settings, tmp_path):
    # A mirror on a closed loopback port stands in for an unreachable Maven Central.
    maven_settings = tmp_path / "settings.xml"
    maven_settings.write_text(
        "<settings><mirrors><mirror><id>nowhere</id><mirrorOf>*</mirrorOf>"
        "<url>http://127.0.0.1:9/maven2</url></mirror></mirrors></settings>"
    )
    settings = base_settings.replace(
        cache_dir=tmp_path / "cache",
        maven_args=f"-s {maven_settings} -Dmaven.repo.local={tmp_path / 'empty-repo'}",
    )
    with pytest.raises(Neo4jSetupError, match="could not download Neo4j") as raised:
        LocalNeo4j(settings).ensure_installed()
    assert "\n" not in str(raised.value)
    assert _leftovers(settings.cache_dir) == []


def test_cli_turns_setup_errors_into_one_line(tmp_path):
    runner = CliRunner()
    result = runner.invoke(
        cli,
        ["neo4j", "start"],
        env={
            "NEWSGRAPH_JAVA": str(tmp_path / "no-java"),
            "NEWSGRAPH_DATA_DIR": str(tmp_path / "data"),
            "NEO4J_URI": "",
        },
    )
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1
    assert lines[0].startswith("Error: Java 17+ is needed")


def test_cli_refuses_to_manage_when_remote_is_configured():
    result = CliRunner().invoke(cli, ["neo4j", "start"], env={"NEO4J_URI": "bolt://db.example:7687"})
    assert result.exit_code == 1
    assert "NEO4J_URI is set (bolt://db.example:7687)" in result.output


def test_status_of_a_stopped_server(tmp_path):
    result = CliRunner().invoke(
        cli, ["neo4j", "status"], env={"NEWSGRAPH_DATA_DIR": str(tmp_path / "data"), "NEO4J_URI": ""}
    )
    assert result.exit_code == 3
    assert "running:    no" in result.output


@pytest.mark.neo4j
def test_wrong_password_names_the_uri_not_the_password(neo4j_settings):
    if neo4j_settings.neo4j_uri:
        pytest.skip("an external test server is configured")
    uri = LocalNeo4j(neo4j_settings).running().uri
    wrong = neo4j_settings.replace(neo4j_uri=uri, neo4j_password="not-the-password-42")
    with pytest.raises(GraphUnavailableError) as raised:
        open_driver(wrong)
    message = str(raised.value)
    assert uri in message and "refused the credentials" in message
    assert "not-the-password-42" not in message


def test_unreachable_uri_is_named(base_settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    uri = f"bolt://127.0.0.1:{closed_port}"
    settings = base_settings.replace(neo4j_uri=uri, neo4j_password="secret-pw-xyz")
    with pytest.raises(GraphUnavailableError, match=f"cannot reach Neo4j at {uri}") as raised:
        open_driver(settings)
    assert "secret-pw-xyz" not in str(raised.value)
    # the driver's first line ends in a colon: the reason is on the next one, and kept
    assert str(raised.value).endswith("Connection refused)"), str(raised.value)


def test_invalid_uri_scheme(base_settings):
    with pytest.raises(ConfigError, match=re.escape("neo4j_uri (NEO4J_URI) is 'http://127.0.0.1:7474'; it must be")):
        base_settings.replace(neo4j_uri="http://127.0.0.1:7474", neo4j_password="pw")


@pytest.mark.parametrize("command", [["cypher", "RETURN 1"], ["config"], ["neo4j", "start"], ["query", "--list"]])
def test_a_password_inside_neo4j_uri_is_never_printed(command):
    result = CliRunner().invoke(cli, command, env={"NEO4J_URI": "bolt://neo4j:Secret@127.0.0.1:7791"})
    assert result.exit_code == 1
    assert "Secret" not in result.output
    assert result.output.strip() == (
        "Error: setting neo4j_uri (NEO4J_URI) is 'bolt://***@127.0.0.1:7791'; it must be empty, or a bolt://, "
        "neo4j://, bolt+s:// or neo4j+s:// (or +ssc) URI with a host and no credentials"
    )


def test_config_masks_the_password_and_shows_the_uri(tmp_path):
    env = {"NEO4J_URI": "neo4j+s://db.example:7687", "NEO4J_PASSWORD": "Secret", "NEWSGRAPH_DATA_DIR": str(tmp_path)}
    result = CliRunner().invoke(cli, ["config"], env=env)
    assert result.exit_code == 0, result.output
    assert "Secret" not in result.output and "********" in result.output
    assert "neo4j+s://db.example:7687" in result.output


@pytest.mark.slow
@pytest.mark.neo4j
def test_taken_port_moves_to_a_free_one(base_settings, tmp_path):
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        taken = squatter.getsockname()[1]
        settings = base_settings.replace(data_dir=tmp_path / "data", neo4j_port=taken)
        server = LocalNeo4j(settings)
        try:
            info = server.start()
            assert info.port != taken
            driver, database = open_driver(settings)
            with driver:
                records, _, _ = driver.execute_query("RETURN 1 AS one", database_=database)
            assert records[0]["one"] == 1
        finally:
            server.stop()
