"""Search page: one box over entities, statements and articles, by words and by meaning, kind of match shown."""

from __future__ import annotations

import pytest

from tests.app_harness import app_environment, fixture_graph, no_exception, open_page, texts
from tests.graph_fixtures import HOSTILE_QUOTE, HOSTILE_TITLE

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def app_graph(driver, neo4j_settings):
    fixture_graph(driver, neo4j_settings)
    with app_environment(neo4j_settings):
        yield


def _tables(app):
    return {frame.value.columns[1]: frame.value for frame in app.dataframe}


def test_search_finds_an_entity_without_its_accents_and_links_its_profile(app_graph):
    app = open_page("search")
    app.toggle(key="search_semantic").set_value(False)
    app.text_input(key="search_q").input("Stefanovic").run()
    no_exception(app)
    entities = app.dataframe[0].value
    assert list(entities["name"]) == ["Nebojša Stefanović"]
    assert entities["match"].iloc[0] == "name or alias"
    assert entities["profile"].iloc[0] == "entity?id=person%3Anebojsa-stefanovic"
    assert "1 entities · 0 statements by words · 0 statements by meaning" in texts(app)


def test_search_by_words_and_by_meaning_says_which_matched(app_graph):
    app = open_page("search", q="facial recognition")
    no_exception(app)
    frames = [f.value for f in app.dataframe]
    statements = next(f for f in frames if "quote" in f.columns)
    by_words = statements[statements["match"] == "words"]
    by_meaning = statements[statements["match"] == "meaning"]
    assert set(by_words["quote"]) == {
        "the army would not use facial recognition cameras",
        "the draft police law would legalise facial recognition in public spaces",
    }
    assert len(by_meaning) > 0 and by_meaning["score"].is_monotonic_decreasing
    articles = next(f for f in frames if "title" in f.columns)
    assert set(articles["title"]) == {
        "Draft police law would allow facial recognition",
        "Army will not use facial recognition, minister says",
    }
    assert set(articles["read"]) == {"article?id=fixture%3A2021-police-law", "article?id=fixture%3A2021-defence"}


def test_search_shows_hostile_text_as_plain_text(app_graph):
    app = open_page("search")
    app.toggle(key="search_semantic").set_value(False)
    app.text_input(key="search_q").input("onerror").run()
    no_exception(app)
    statements = next(f.value for f in app.dataframe if "quote" in f.value.columns)
    assert list(statements["quote"]) == [HOSTILE_QUOTE]  # the cell holds the text exactly, shown as text
    assert list(statements["article"]) == [HOSTILE_TITLE]
    for markdown in app.markdown:
        assert "<img" not in markdown.value


def test_search_with_no_match_says_so(app_graph):
    app = open_page("search")
    app.toggle(key="search_semantic").set_value(False)
    app.text_input(key="search_q").input("zzzqqqxxx").run()
    assert any("No matches" in w.value for w in app.warning)
