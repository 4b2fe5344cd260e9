"""Running the explorer under Streamlit's AppTest against the session's real Neo4j.

The app reads its settings from the environment like any user's run, so the harness points NEO4J_URI
and friends at the test server and clears Streamlit's resource cache (settings and driver are cached
per process, and AppTests share the process).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from neo4j import Driver
from streamlit.testing.v1 import AppTest

from core.settings import Settings
from graph.connection import resolve_target
from tests.graph_fixtures import load_fixture_graph

APP = Path(__file__).resolve().parents[1] / "app.py"
TIMEOUT = 60.0


@contextmanager
def app_environment(
    settings: Settings, uri: str | None = None, data_dir: Path | None = None, **extra: str
) -> Iterator[None]:
    """Environment variables that make the app use ``settings``' Neo4j (or ``uri``) and data folder.

    ``extra`` sets more variables, e.g. ``NEWSGRAPH_ROW_LIMIT="3"``.
    """
    target = resolve_target(settings, start_local=False)
    with pytest.MonkeyPatch.context() as patch:
        for name in ("NEWSGRAPH_CONFIG",):
            patch.delenv(name, raising=False)
        patch.setenv("NEO4J_URI", uri or target.uri)
        patch.setenv("NEO4J_USER", target.user)
        patch.setenv("NEO4J_PASSWORD", target.password)
        patch.setenv("NEO4J_DATABASE", target.database)
        patch.setenv("NEWSGRAPH_DATA_DIR", str(data_dir or settings.data_dir))
        for name, value in extra.items():
            patch.setenv(name, value)
        st.cache_resource.clear()
        st.cache_data.clear()
        try:
            yield
        finally:
            st.cache_resource.clear()
            st.cache_data.clear()


def wipe(driver: Driver, database: str) -> None:
    with driver.session(database=database) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


def fixture_graph(driver: Driver, settings: Settings) -> None:
    wipe(driver, settings.neo4j_database)
    load_fixture_graph(driver, settings.neo4j_database)


def open_page(page: str, **query: str) -> AppTest:
    """The app on one page (``app_pages/<page>.py``), with URL query parameters, after its first run."""
    app = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    app.query_params.update(query)
    app.switch_page(f"app_pages/{page}.py").run()
    return app


def texts(app: AppTest) -> str:
    """Everything the page shows as text: markdown, captions, alerts, metrics, titles, tables."""
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "text", "error", "warning", "info", "success"):
        parts += [str(e.value) for e in getattr(app, kind)]
    parts += [f"{m.label} {m.value}" for m in app.metric]
    parts += [frame.value.to_csv() for frame in app.dataframe]
    return "\n".join(parts)


def no_exception(app: AppTest) -> None:
    assert not app.exception, [e.message for e in app.exception]


def widget(app: AppTest, kind: str, key: str) -> Any:
    return getattr(app, kind)(key=key)
