"""Explorer start: the project's Streamlit config hides developer options from readers, and the embedding model
starts loading in the background at the first page view, once, so the first search by meaning does not wait."""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future
from pathlib import Path

import pytest
from streamlit import config as streamlit_config

from app_pages import common
from tests.app_harness import app_environment, fixture_graph, no_exception, open_page, texts

pytestmark = pytest.mark.neo4j

REPO = Path(__file__).resolve().parents[1]
LOAD_SECONDS = 180.0  # a generous bound for importing torch and reading the weights on a busy machine


@pytest.fixture
def project_config(monkeypatch: pytest.MonkeyPatch):
    """Streamlit's config as `newsgraph app` reads it: from the project folder it runs in."""
    monkeypatch.chdir(REPO)
    streamlit_config.get_config_options(force_reparse=True)
    yield
    monkeypatch.undo()
    streamlit_config.get_config_options(force_reparse=True)


def test_the_project_config_hides_the_deploy_button_and_developer_menu(project_config, driver, neo4j_settings):
    fixture_graph(driver, neo4j_settings)
    with app_environment(neo4j_settings):
        no_exception(open_page("overview"))
    assert streamlit_config.get_option("client.toolbarMode") == "viewer"
    assert Path(streamlit_config.get_where_defined("client.toolbarMode")) == REPO / ".streamlit" / "config.toml"


def _loaders() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "newsgraph-embedding-model"]


def _loaded(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.getMessage().startswith("loaded embedding model")]


def _loading() -> Future:
    loading = common._embedder_loading()
    assert isinstance(loading, Future)
    return loading


def test_the_embedding_model_loads_at_start_once_and_serves_the_first_search(driver, neo4j_settings, caplog):
    fixture_graph(driver, neo4j_settings)
    for earlier in _loaders():  # loads that sessions of earlier tests started must not be counted here
        earlier.join(LOAD_SECONDS)
    caplog.set_level(logging.INFO, logger="nlp.runtime.embeddings")
    with app_environment(neo4j_settings):
        no_exception(open_page("overview"))  # no search yet
        assert _loaders() or _loaded(caplog)  # the first page view started the load and did not wait for it
        loading = _loading()
        model = loading.result(timeout=LOAD_SECONDS)
        assert len(model.embed(["facial recognition"])[0]) == 384

        app = open_page("search", q="facial recognition")  # a second session, as a second reader
        no_exception(app)
        assert "statements by meaning" in texts(app) and "0 statements by meaning" not in texts(app)
        assert _loading() is loading and loading.result() is model
    assert len(_loaded(caplog)) == 1, _loaded(caplog)


def test_a_missing_model_leaves_pages_working_and_the_search_says_why(driver, neo4j_settings, tmp_path):
    fixture_graph(driver, neo4j_settings)
    missing = tmp_path / "no-model-here"
    with app_environment(neo4j_settings, NEWSGRAPH_EMBEDDING_MODEL=str(missing)):
        no_exception(open_page("overview"))
        failed = _loading()
        with pytest.raises(Exception, match="does not exist"):
            failed.result(timeout=LOAD_SECONDS)
        app = open_page("search", q="facial recognition")
        no_exception(app)
        assert len(app.error) == 1 and "does not exist" in app.error[0].value
        assert _loading() is not failed  # a failed load is tried again at the next use, not kept for good
