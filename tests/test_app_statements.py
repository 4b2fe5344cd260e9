"""Who said what: the statements table, its filters, the quote in context and the CSV of the view."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.app_harness import app_environment, fixture_graph, no_exception, open_page, texts
from tests.graph_fixtures import FIXTURE

pytestmark = pytest.mark.neo4j
F = FIXTURE


@pytest.fixture(scope="module")
def app_graph(driver, neo4j_settings):
    fixture_graph(driver, neo4j_settings)
    with app_environment(neo4j_settings):
        yield


def _apply(app):
    app.button(key="statements_apply").click().run()
    no_exception(app)
    return app.dataframe[0].value


def test_all_statements_newest_first_with_role_and_source(app_graph):
    app = open_page("statements")
    no_exception(app)
    table = app.dataframe[0].value
    assert len(table) == 11
    assert list(table["date"][:2]) == ["2021-11-02", "2021-11-02"]
    row = table[table["quote"] == "the army would not use facial recognition cameras"].iloc[0]
    assert (row["speaker"], row["role at the time"], row["date"]) == (
        "Nebojša Stefanović",
        "Defence Minister, Ministry of Defence",
        "2021-10-01",
    )
    assert row["url"] == "https://n1info.example/2021/10/01/army"
    assert "11 statements" in texts(app)


def test_filter_by_speaker_and_date_range(app_graph):
    app = open_page("statements")
    app.selectbox(key="statements_speaker").set_value(F.stefanovic)
    app.date_input(key="statements_from").set_value(dt.date(2021, 1, 1))
    table = _apply(app)
    assert list(table["quote"]) == [
        "the army would not use facial recognition cameras",
        "Belgrade residents had nothing to fear",
    ]


def test_filter_by_organisation_and_entity_mentioned(app_graph):
    app = open_page("statements")
    app.selectbox(key="statements_org").set_value(F.share)
    table = _apply(app)
    assert set(table["speaker"]) == {"Andrej Petrovski"} and len(table) == 4
    app.selectbox(key="statements_org").set_value(None)
    app.selectbox(key="statements_about").set_value(F.police_law_bill)
    table = _apply(app)
    assert set(table["speaker"]) == {"Andrej Petrovski", "Aleksandar Vulin"}


def test_filter_by_topic_ranks_by_meaning(app_graph):
    app = open_page("statements")
    app.text_input(key="statements_topic").input("cameras used by soldiers")
    table = _apply(app)
    assert table["quote"].iloc[0] == "the army would not use facial recognition cameras"
    assert table["topic score"].is_monotonic_decreasing


def test_quote_in_context_and_csv_of_the_view(app_graph):
    app = open_page("statements", speaker=F.vulin)
    no_exception(app)
    assert app.selectbox(key="statements_speaker").value == F.vulin
    context = app.html[0].value
    assert "<mark>the law was “fully in line with European standards”</mark>" in context
    assert context.startswith("<blockquote>Vulin told the parliament that ")
    assert app.download_button(key="statements_csv").label == "Download this view as CSV"
    assert [p.proto.query_string for p in app.page_link][:1] == [f"id={F.vulin.replace(':', '%3A')}"]


def test_an_impossible_date_range_is_refused(app_graph):
    app = open_page("statements")
    app.date_input(key="statements_from").set_value(dt.date(2022, 1, 1))
    app.date_input(key="statements_to").set_value(dt.date(2021, 1, 1))
    app.button(key="statements_apply").click().run()
    assert [e.value for e in app.error] == ["The start date is after the end date."]


def test_csv_keeps_quotes_exact_and_formulas_inert():
    from app_pages.common import csv_text

    text = csv_text([{"quote": 'He said "no", twice', "speaker": '=HYPERLINK("http://x")', "n": 3}])
    assert text.splitlines() == ["quote,speaker,n", '"He said ""no"", twice","\'=HYPERLINK(""http://x"")",3']
