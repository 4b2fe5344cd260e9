"""Overview page: counts, recent articles, most-quoted speakers and the last ingest run."""

from __future__ import annotations

import pytest

from core.records import Skipped
from ingest import IngestSummary, save_run_report
from tests.app_harness import app_environment, fixture_graph, no_exception, open_page, texts

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def app_graph(driver, neo4j_settings, tmp_path_factory):
    fixture_graph(driver, neo4j_settings)
    data_dir = tmp_path_factory.mktemp("overview-data")
    summary = IngestSummary(sources=("samples/",))
    summary.record_read(Skipped("https://example.org/feed.xml", "http error: 404 Not Found"))
    summary.read, summary.loaded = 21, 20
    summary.finish()
    save_run_report(summary, data_dir)
    with app_environment(neo4j_settings, data_dir=data_dir):
        yield


def test_overview_shows_counts(app_graph):
    app = open_page("overview")
    no_exception(app)
    metrics = {m.label: m.value for m in app.metric}
    assert metrics == {"Articles": "5", "Statements": "11", "Entities": "12", "Relations": "5", "Sources": "4"}
    assert "Location 1, Organization 5, Person 4" in texts(app).replace("Event 1, Law 1, ", "")


def test_overview_lists_recent_articles_newest_first_with_links(app_graph):
    app = open_page("overview")
    recent = app.dataframe[0].value
    assert list(recent["published"])[:2] == ["2021-11-02", "2021-10-01"]
    assert recent["title"].iloc[1] == "Army will not use facial recognition, minister says"
    assert recent["read"].iloc[1] == "article?id=fixture%3A2021-defence"
    assert recent["url"].iloc[1] == "https://n1info.example/2021/10/01/army"


def test_overview_ranks_the_most_quoted_speakers(app_graph):
    app = open_page("overview")
    speakers = app.dataframe[1].value
    assert list(speakers["speaker"][:2]) == ["Andrej Petrovski", "Nebojša Stefanović"]
    assert list(speakers["statements"][:2]) == [4, 4]
    assert speakers["profile"].iloc[0] == "entity?id=person%3Aandrej-petrovski"


def test_overview_summarises_the_last_ingest_run(app_graph):
    app = open_page("overview")
    shown = texts(app)
    assert "read 21, loaded 20" in shown and "skipped 1" in shown
    skipped = app.dataframe[2].value
    assert skipped["reason"].iloc[0] == "http error: 404 Not Found"


def test_a_last_report_edited_by_hand_does_not_take_the_page_down(neo4j_settings, tmp_path):
    folder = tmp_path / "ingest-reports"
    folder.mkdir()
    (folder / "latest.json").write_text(
        '{"read": "**bold**", "skipped_items": [1, {"item": "a.txt", "reason": "empty"}]}'
    )
    with app_environment(neo4j_settings, data_dir=tmp_path):
        app = open_page("overview")
    no_exception(app)
    shown = texts(app)
    assert "read 0," in shown and "**bold**" not in shown
    assert list(app.dataframe[-1].value["item"]) == ["a.txt"]
