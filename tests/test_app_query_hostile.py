"""The explorer's pages opened with hostile URL query parameters (huge, markup, Cypher-looking, impossible dates,
unknown names): each page runs without an exception and shows what it has, never a traceback."""

from __future__ import annotations

import pytest

from tests.app_harness import app_environment, fixture_graph, no_exception, open_page, texts

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
