"""The explorer's pages opened with hostile URL query parameters (huge, markup, Cypher-looking, impossible dates,
unknown names): each page runs without an exception and shows what it has, never a traceback."""

from __future__ import annotations

import pytest

from tests.app_harness import app_environment, fixture_graph, no_exception, open_page, texts
from tests.graph_fixtures import FIXTURE

pytestmark = pytest.mark.neo4j

LONG = "x" * 100_000
SCRIPT = "<script>alert(1)</script>"

CASES = {
    "entity huge id": ("entity", {"id": LONG}),
    "entity script id": ("entity", {"id": SCRIPT}),
    "article cypher id": ("article", {"id": "' OR 1=1 //"}),
    "graph many ids": ("graph", {"ids": ",".join(f"person:{i}" for i in range(5000))}),
    "statements bad dates": ("statements", {"from": "99999-99-99", "to": "2022-13-45"}),
    "statements reversed dates": ("statements", {"from": "2030-01-01", "to": "1900-01-01"}),
    "statements unknown speaker": ("statements", {"speaker": SCRIPT, "about": LONG}),
    "search huge query": ("search", {"q": LONG}),
    "search markup query": ("search", {"q": "**[x](javascript:alert(1))** " + SCRIPT}),
    "timeline speakers": ("timeline", {"speakers": "," * 1000}),
    "merges unknown param": ("merges", {"type": SCRIPT, "top": "-1"}),
    "audit unknown param": ("audit", {"id": LONG}),
    "statements unknown basis": ("statements", {"basis": SCRIPT, "confidence": "NaN"}),
}


@pytest.fixture(scope="module")
def app_graph(driver, neo4j_settings):  # type: ignore[no-untyped-def]
    fixture_graph(driver, neo4j_settings)
    with app_environment(neo4j_settings):
        yield


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_a_page_opened_with_hostile_query_parameters_runs(case, app_graph):
    page, query = CASES[case]
    app = open_page(page, **query)
    no_exception(app)
    assert "Traceback" not in texts(app)


@pytest.mark.parametrize(
    ("page", "query", "title"),
    [
        ("entity", {"id": f" {FIXTURE.stefanovic}\n"}, "Nebojša Stefanović"),
        ("article", {"id": f"{FIXTURE.safe_city}\t"}, None),
        ("quote_trail", {"statement": " fixture:2021-police-law@74-139 "}, "Quote trail"),
    ],
)
def test_an_id_copied_with_spaces_around_it_opens_its_record(page, query, title, app_graph):
    app = open_page(page, **query)
    no_exception(app)
    assert "No entity with id" not in texts(app) and "No article with id" not in texts(app)
    assert "No quote trail matches" not in texts(app)
    if title:
        assert app.title[0].value == title


def test_a_list_of_ids_copied_with_spaces_opens_each(app_graph):
    app = open_page("graph", ids=f" {FIXTURE.stefanovic} , {FIXTURE.petrovski}\n")
    no_exception(app)
    assert app.multiselect(key="graph_seeds").value == [FIXTURE.stefanovic, FIXTURE.petrovski]
    app = open_page("timeline", speakers=f"{FIXTURE.stefanovic}, {FIXTURE.petrovski}")
    no_exception(app)
    assert app.multiselect(key="timeline_speakers").value == [FIXTURE.stefanovic, FIXTURE.petrovski]
