"""Cypher console: read queries as tables and graphs, the gallery as forms, writes refused, results capped."""

from __future__ import annotations

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


def _run(app, cypher: str, parameters: str = "{}"):
    app.text_area(key="cypher_text").input(cypher)
    app.text_area(key="cypher_params").input(parameters)
    app.button(key="cypher_run").click().run()
    no_exception(app)
    return app


def _count(driver, database, cypher: str) -> int:
    records, _, _ = driver.execute_query(cypher, database_=database)
    return records[0][0]


def test_a_read_query_shows_a_table(app_graph):
    app = _run(
        open_page("cypher"),
        "MATCH (p:Person {id: $id})-[:SAID]->(s:Statement) RETURN s.date AS date, s.text AS quote ORDER BY date",
        '{"id": "person:aleksandar-vulin"}',
    )
    table = app.dataframe[0].value
    assert list(table.columns) == ["date", "quote"]
    assert list(table["quote"]) == ["the law was “fully in line with European standards”"]
    assert "1 rows in" in texts(app)


def test_nodes_and_relationships_are_also_drawn_as_a_graph(app_graph):
    app = _run(open_page("cypher"), "MATCH p = (:Organization {name: 'Huawei'})-[:SUPPLIES]->(:Organization) RETURN p")
    frame = app.get("iframe")[0].proto.srcdoc
    assert "Huawei" in frame and "Ministry of the Interior" in frame and "supplies" in frame


@pytest.mark.parametrize(
    "write",
    [
        "CREATE (n:Pwned {by: 'console'}) RETURN n",
        "MATCH (n) DETACH DELETE n",
        "MATCH (e:Entity) SET e.name = 'pwned' RETURN count(e)",
        "LOAD CSV FROM 'file:///etc/passwd' AS line CREATE (:Pwned {line: line})",
    ],
)
def test_a_write_is_refused_with_a_clear_message_and_nothing_is_written(app_graph, driver, neo4j_settings, write):
    database = neo4j_settings.neo4j_database
    before = _count(driver, database, "MATCH (n) RETURN count(n)")
    app = _run(open_page("cypher"), write)
    assert [e.value for e in app.error] == [
        "refused: this query would write to the graph, and only read queries may run here"
    ]
    assert _count(driver, database, "MATCH (n) RETURN count(n)") == before
    assert _count(driver, database, "MATCH (e:Entity) WHERE e.name = 'pwned' RETURN count(e)") == 0


def test_syntax_errors_and_bad_parameters_are_one_line(app_graph):
    app = _run(open_page("cypher"), "MATCH (n RETURN n")
    assert app.error[0].value.startswith("Cypher syntax error:")
    app = _run(open_page("cypher"), "RETURN $x AS x", "[1, 2]")
    assert app.error[0].value == 'The parameters must be a JSON object, like {"name": "Huawei"}.'


def test_the_gallery_runs_a_curated_query_from_its_form(app_graph):
    app = open_page("cypher")
    app.selectbox(key="gallery_query").set_value("person-roles").run()
    app.text_input(key="gallery_person-roles_person_id").input(F.stefanovic)
    app.button(key="gallery_run").click().run()
    no_exception(app)
    table = app.dataframe[0].value
    assert list(table["title"]) == ["Interior Minister", "Defence Minister"]
    assert list(table["organization"]) == ["Ministry of the Interior", "Ministry of Defence"]


def test_the_gallery_reports_a_missing_required_parameter(app_graph):
    app = open_page("cypher")
    app.selectbox(key="gallery_query").set_value("entity-profile").run()
    app.button(key="gallery_run").click().run()
    assert "needs parameter entity_id" in app.error[0].value


def test_huge_results_are_capped_with_a_message(app_graph, neo4j_settings):
    with app_environment(neo4j_settings, NEWSGRAPH_ROW_LIMIT="3"):
        app = _run(open_page("cypher"), "UNWIND range(1, 100000) AS n RETURN n")
        assert len(app.dataframe[0].value) == 3
        assert any("Showing the first 3 rows; there are more" in w.value for w in app.warning)
