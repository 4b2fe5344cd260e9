"""Shared fixtures: settings in a temporary data folder and one real Neo4j for the whole session.

The session starts the managed local Neo4j (the same server users run) in its own data folder on a
free port. To run the suite against another server set NEWSGRAPH_TEST_NEO4J_URI (with
NEWSGRAPH_TEST_NEO4J_USER / _PASSWORD): never NEO4J_URI, because the tests wipe the database.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver

from core.settings import Settings, load_settings
from graph.connection import open_driver
from graph.local_server import LocalNeo4j

REPO = Path(__file__).resolve().parents[1]
TEST_DATA = Path(__file__).resolve().parent / "data"


def _environment_without_user_overrides() -> dict[str, str]:
    ignored = ("NEO4J_", "NEWSGRAPH_DATA_DIR", "NEWSGRAPH_CONFIG", "NEWSGRAPH_NEO4J_PORT")
    return {k: v for k, v in os.environ.items() if not k.startswith(ignored)}


@pytest.fixture(autouse=True)
def _main_module_kept() -> Iterator[None]:
    """Streamlit's AppTest runs a page as the module ``__main__`` and leaves it there; a process started with
    spawn afterwards (bulk import's row builders) would then run that page as its own main and die."""
    main = sys.modules["__main__"]
    yield
    sys.modules["__main__"] = main


@pytest.fixture(scope="session", autouse=True)
def ray_folder() -> Iterator[Path]:
    """One folder and token for every Ray this session starts in its own process.

    Ray keeps the authentication of its first start for the whole process, so every start here must use the same
    token; and nothing goes to the home folder (~/.ray) or the shared /tmp/ray, nor to a user's RAY_ADDRESS.
    """
    folder = Path(tempfile.mkdtemp(prefix="ngray-", dir="/tmp"))  # short: Ray's socket paths must fit 107 bytes
    token = folder / "token"
    token.write_text(secrets.token_hex(32), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        for name in [k for k in os.environ if k.startswith("RAY_")]:
            patch.delenv(name)
        # RAY_AUTH_MODE stays unset: Ray then turns token authentication on by itself, with this token.
        patch.setenv("RAY_AUTH_TOKEN_PATH", str(token))
        patch.setenv("RAY_TMPDIR", str(folder))
        yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def base_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings isolated from the user's own config and data; port 0 means any free port."""
    data_dir = tmp_path_factory.mktemp("newsgraph-data")
    settings = load_settings(environ=_environment_without_user_overrides(), config_file=None)
    return settings.replace(data_dir=data_dir, neo4j_port=0, neo4j_start_timeout=300.0)


@pytest.fixture(scope="session")
def neo4j_settings(base_settings: Settings) -> Iterator[Settings]:
    """Settings pointing at a running Neo4j: the managed local one, or NEWSGRAPH_TEST_NEO4J_URI."""
    uri = os.environ.get("NEWSGRAPH_TEST_NEO4J_URI")
    if uri:
        yield base_settings.replace(
            neo4j_uri=uri,
            neo4j_user=os.environ.get("NEWSGRAPH_TEST_NEO4J_USER", "neo4j"),
            neo4j_password=os.environ.get("NEWSGRAPH_TEST_NEO4J_PASSWORD", ""),
            neo4j_database=os.environ.get("NEWSGRAPH_TEST_NEO4J_DATABASE", "neo4j"),
        )
        return
    server = LocalNeo4j(base_settings)
    server.start()
    try:
        yield base_settings
    finally:
        server.stop()


@pytest.fixture
def private_server(base_settings: Settings, tmp_path: Path) -> Iterator[tuple[Settings, LocalNeo4j]]:
    """A local Neo4j of its own (its own data folder) for a test that stops or kills it; stopped after."""
    settings = base_settings.replace(data_dir=tmp_path / "data")
    server = LocalNeo4j(settings)
    yield settings, server
    server.stop()


@pytest.fixture(scope="session")
def driver(neo4j_settings: Settings) -> Iterator[Driver]:
    opened, _database = open_driver(neo4j_settings)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def clean_db(driver: Driver, neo4j_settings: Settings) -> Driver:
    """An empty database (schema kept) for a test that writes."""
    with driver.session(database=neo4j_settings.neo4j_database) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
    return driver


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 200 KB file system, to fill: what a command does when the disk is full. Needs root (mount)."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs to fill (needs root): {done.stderr.decode(errors='replace')}")
    yield mount
    subprocess.run(["umount", str(mount)], check=True)
