"""The Quote trail page: a trail found by its words or opened from a statement, earliest first, paginated, with
its variants' changed words marked (escaped), and the lists of altered quotes and attribution conflicts."""

from __future__ import annotations

from typing import Any

import pytest

from graph.loader import GraphLoader
from graph.schema import apply_schema
from tests.app_harness import app_environment, no_exception, open_page, texts, wipe
from tests.test_quote_trail_graph import DATA, _quote_article, _sid, gold_pairs

pytestmark = pytest.mark.neo4j

HOSTILE = "<script>window.__pwned = 1</script> we will **never** build [the] `barrier` <img src=x onerror=alert(1)>"
HOSTILE_EDIT = (
    "<script>window.__pwned = 1</script> we will **always** build [the] `barrier` <img src=x onerror=alert(1)>"
)


@pytest.fixture(scope="module")
def trail_app(driver, neo4j_settings):
    database = neo4j_settings.neo4j_database
    wipe(driver, database)
    apply_schema(driver, database)
    copies = [_quote_article(f"copy{i}", "The river barrier will be finished before the autumn storms arrive",
                             f"2026-04-{1 + i % 28:02d}") for i in range(60)]  # fmt: skip
    hostile = [
        _quote_article("hostile-1", HOSTILE, "2026-05-01"),
        _quote_article("hostile-2", HOSTILE_EDIT, "2026-05-02"),
    ]
    GraphLoader(driver, database, batch_size=20).load([*gold_pairs(DATA / "quotes"), *copies, *hostile])
    with app_environment(neo4j_settings):
        yield


def _html(app) -> str:
    return "\n".join(str(element.proto.body) for element in app.get("html"))


def _table(app) -> Any:
    return app.dataframe[0].value


def test_a_statement_opens_its_trail_earliest_first_with_variants_marked(trail_app):
    app = open_page("quote_trail", statement="brackley-digest@48-107")
    no_exception(app)
    table = _table(app)
    assert list(table["outlet"]) == ["Brackley Gazette", "Northern Wire", "Regional Digest", "The Valley Weekly",
                                     "Daily Beacon"]  # fmt: skip
    assert list(table["first"]) == ["first", "", "", "", ""]
    assert list(table["altered"]) == ["", "", "", "", "altered"]
    shown = texts(app)
    assert "**First appeared** 2026\\-03\\-02 in Brackley Gazette, attributed to Lena Ortiz" in shown
    assert "5 appearances in 5 outlets" in shown
    assert "1 altered rendering" in shown
    variants = _html(app)
    assert '<ins class="trail-added">never</ins>' in variants and '<del class="trail-removed">not</del>' in variants


def test_searching_words_finds_the_trail_and_an_attribution_conflict_is_named(trail_app):
    app = open_page("quote_trail")
    app.text_input(key="trail_search").input("not out of the woods").run()
    no_exception(app)
    assert set(_table(app)["outlet"]) == {"Coastal Health Desk", "National Post Online", "Port Allen Courier"}
    assert "Attribution conflict" in texts(app) and "Tomas Bell" in texts(app)


def test_a_long_trail_is_paginated(trail_app):
    app = open_page(
        "quote_trail", statement=_sid("copy0", "The river barrier will be finished before the autumn storms arrive")
    )
    no_exception(app)
    assert len(_table(app)) == 50 and "60 appearances in 60 outlets" in texts(app) and "page 1 of 2" in texts(app)
    app.number_input(key="trail_page").set_value(2).run()
    no_exception(app)
    assert len(_table(app)) == 10 and "showing 51–60" in texts(app)
    app.number_input(key="trail_page").set_value(9).run()
    no_exception(app)
    assert "No appearances on this page" in texts(app)


def test_hostile_quotes_are_escaped_in_the_variants(trail_app):
    app = open_page("quote_trail", statement=_sid("hostile-1", HOSTILE))
    no_exception(app)
    variants = _html(app)
    assert "<script>" not in variants and "<img" not in variants
    assert "&lt;script&gt;" in variants and "&lt;img src=x onerror=alert(1)&gt;" in variants
    assert '<ins class="trail-added">**always**</ins>' in variants


def test_the_lists_of_altered_quotes_and_conflicts_newest_first(trail_app):
    app = open_page("quote_trail")
    no_exception(app)
    altered, conflicts = app.dataframe[0].value, app.dataframe[1].value
    assert list(altered["outlet"]) == ["Outlet hostile-2", "Daily Beacon"]
    assert list(conflicts["speakers"]) == ["Priya Raman (2), Tomas Bell (1)",
                                           "Samir Haddad (1), a trade ministry spokeswoman (1)"]  # fmt: skip


def test_nothing_found_and_unknown_ids_give_a_clear_line(trail_app):
    hostile = ({"statement": "no-such@1-2"}, {"cluster": "' OR 1=1 //"}, {"q": "zebra quantum marmalade"},
               {"statement": "x\x00y"}, {"cluster": "\ufffd\x00"}, {"q": "\x00 \x7f"}, {"statement": "s" * 100_000},
               {"q": "AND OR NOT *"}, {"q": "\\ ~ ^ ( [ {"})  # fmt: skip
    for query in hostile:
        app = open_page("quote_trail", **query)
        no_exception(app)
        assert "No quote trail matches" in texts(app)
    app = open_page("quote_trail", q="zebra " * 5_000)
    no_exception(app)
    assert "the search text is too long" in texts(app)


def test_statements_link_to_their_trail_and_say_how_many_other_outlets_carried_it(trail_app):
    app = open_page("statements")
    no_exception(app)
    table = _table(app)
    row = table[table["statement_id"] == "brackley-digest@48-107"].iloc[0]
    assert row["also in"] == 4 and row["trail"] == "quote-trail?statement=brackley-digest%4048-107"
