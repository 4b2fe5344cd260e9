"""Timeline, entity profile and article reader pages on the fixture graph."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.app_harness import app_environment, fixture_graph, no_exception, open_page, texts
from tests.graph_fixtures import FIXTURE, HOSTILE_ORG_NAME, HOSTILE_QUOTE

pytestmark = pytest.mark.neo4j
F = FIXTURE


@pytest.fixture(scope="module")
def app_graph(driver, neo4j_settings):
    fixture_graph(driver, neo4j_settings)
    with app_environment(neo4j_settings):
        yield


def _chart_spec(app) -> str:
    charts = app.get("vega_lite_chart")
    assert charts, "no chart on the page"
    return charts[0].proto.spec


def test_timeline_charts_speakers_and_an_entity_by_month(app_graph):
    app = open_page("timeline", speakers=F.stefanovic)
    no_exception(app)
    assert app.multiselect(key="timeline_speakers").value == [F.stefanovic]
    assert '"mark": {"type": "line"' in _chart_spec(app) or '"line"' in _chart_spec(app)
    assert "4 statements in 2 months." in texts(app)
    app.selectbox(key="timeline_about").set_value(F.belgrade).run()
    assert "7 statements in 3 months." in texts(app)  # + 3 statements about Belgrade, one in a new month
    app.multiselect(key="timeline_speakers").set_value([]).run()
    app.selectbox(key="timeline_about").set_value(None).run()
    assert any("Choose speakers or an entity" in i.value for i in app.info)


def test_entity_profile_shows_names_roles_statements_relations_articles(app_graph):
    app = open_page("entity", id=F.stefanovic)
    no_exception(app)
    assert app.title[0].value == "Nebojša Stefanović"
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Articles"] == "2" and metrics["Statements made"] == "4"
    assert (metrics["First mention"], metrics["Last mention"]) == ("2019-03-29", "2021-10-01")
    assert "Also written: Stefanović" in texts(app)
    roles, made = app.dataframe[0].value, app.dataframe[1].value
    assert [(r["title"], r["organisation"], r["first seen"]) for _, r in roles.iterrows()] == [
        ("Interior Minister", "Ministry of the Interior", "2019-03-29"),
        ("Defence Minister", "Ministry of Defence", "2021-10-01"),
    ]
    assert len(made) == 4 and "Defence Minister, Ministry of Defence" in set(made["role at the time"])
    onward = {p.proto.label: p.proto.query_string for p in app.page_link}
    assert onward["Network around it"] == "ids=person%3Anebojsa-stefanovic"


def test_entity_profile_relations_with_evidence_and_statements_about_it(app_graph):
    app = open_page("entity", id=F.police_law_bill)
    no_exception(app)
    frames = [f.value for f in app.dataframe]
    about = next(f for f in frames if "quote" in f.columns)
    assert set(about["speaker"]) == {"Andrej Petrovski", "Aleksandar Vulin"}
    relations = next(f for f in frames if "evidence" in f.columns)
    assert "Then-Interior Minister Aleksandar Vulin defended the draft police law." in set(relations["evidence"])
    # in plain words, in date order (the relation's own date, else the article's), with a link to the article
    assert [(r["date"], r["subject"], r["relation"], r["object"]) for _, r in relations.iterrows()] == [
        ("2021-09", "Ministry of the Interior", "proposes", "draft police law"),
        ("2021-09-15", "Aleksandar Vulin", "supports", "draft police law"),
        ("2021-09-16", "Ministry of the Interior", "proposes", "draft police law"),
    ]
    assert list(relations["read"]) == [
        f"article?id={quote(a, safe='')}" for a in (F.police_law, F.police_law, F.syndicated)
    ]
    assert "Relations (3)" in [t.label for t in app.tabs]


def test_entity_profile_relations_in_both_directions_and_none(app_graph):
    app = open_page("entity", id=F.huawei)
    relations = next(f.value for f in app.dataframe if "relation" in f.value.columns)
    assert [(r["subject"], r["relation"], r["object"]) for _, r in relations.iterrows()] == [
        ("Huawei", "supplies", "Ministry of the Interior")
    ]
    interior = open_page("entity", id=F.interior)
    relations = next(f.value for f in interior.dataframe if "relation" in f.value.columns)
    assert ("Huawei", "supplies", "Ministry of the Interior") in {
        (r["subject"], r["relation"], r["object"]) for _, r in relations.iterrows()
    }  # told the other way round: the ministry is the object
    lonely = open_page("entity", id=F.stefanovic)
    no_exception(lonely)
    assert "Relations (0)" in [t.label for t in lonely.tabs]
    assert "No relations found." in texts(lonely)
    belgrade = open_page("entity", id=F.belgrade)  # only an untyped verb link, which is no relation
    assert "Relations (0)" in [t.label for t in belgrade.tabs]


def test_entity_profile_of_unknown_id_and_hostile_name(app_graph):
    app = open_page("entity", id="person:nobody")
    no_exception(app)
    assert any("No entity with id person" in w.value for w in app.warning)
    hostile = open_page("entity", id=F.watch)
    title = hostile.title[0].value
    assert "<b>" not in title and "\\<b\\>Group\\</b\\>" in title  # Markdown-escaped, shown as written


def test_article_reader_highlights_statements_and_entities_escaped(app_graph):
    app = open_page("article", id=F.hostile)
    no_exception(app)
    body = app.html[0].value
    assert "<img" not in body and "<script>" not in body and "<b>everywhere" not in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body
    assert 'href="entity?id=person%3Ajelena-milic"' in body
    assert body.count('href="#statement-1"') >= 1 and 'href="#statement-2"' in body
    assert "Jelena Milić" in app.html[1].value and 'id="statement-1"' in app.html[1].value
    assert app.link_button[0].proto.url == "https://gazette.example/2021/11/02/a?b=1&c=<2>"
    assert "\\<script\\>" in app.title[0].value
    assert HOSTILE_QUOTE not in body and HOSTILE_ORG_NAME not in body


def test_article_reader_marks_each_statement_span_exactly(app_graph):
    app = open_page("article", id=F.defence)
    body = app.html[0].value
    assert (  # the fixture's statements have no basis: their attribution shows as unknown, never as confident
        '<a class="stmt uncertain" href="#statement-1" title="Statement 1: Nebojša Stefanović (⚠ unknown)">'
        "the army would not use facial recognition cameras</a>"
    ) in body
    assert "2 statements" in texts(app)


def test_article_reader_without_id_lists_articles(app_graph):
    app = open_page("article")
    no_exception(app)
    assert len(app.dataframe[0].value) == 5
    app.text_input(key="article_find").input("army").run()
    assert list(app.dataframe[0].value["title"]) == ["Army will not use facial recognition, minister says"]
