"""Cypher console: read queries as tables and graphs, the gallery as forms, writes refused, results capped."""

from __future__ import annotations

import re

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


def _errors(app) -> list[str]:
    """The error messages as text: the page escapes Markdown in them (they may quote user input)."""
    return [re.sub(r"\\(.)", r"\1", e.value).replace("\u2060", "") for e in app.error]


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
    assert _errors(app) == ["refused: this query would write to the graph, and only read queries may run here"]
    assert _count(driver, database, "MATCH (n) RETURN count(n)") == before
    assert _count(driver, database, "MATCH (e:Entity) WHERE e.name = 'pwned' RETURN count(e)") == 0


def test_syntax_errors_and_bad_parameters_are_one_line(app_graph):
    app = _run(open_page("cypher"), "MATCH (n RETURN n")
    assert _errors(app)[0].startswith("Cypher syntax error:")
    app = _run(open_page("cypher"), "RETURN $x AS x", "[1, 2]")
    assert _errors(app)[0] == 'The parameters must be a JSON object, like {"name": "Huawei"}.'


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
    assert "needs parameter entity_id" in _errors(app)[0]


def test_huge_results_are_capped_with_a_message(app_graph, neo4j_settings):
    with app_environment(neo4j_settings, NEWSGRAPH_ROW_LIMIT="3"):
        app = _run(open_page("cypher"), "UNWIND range(1, 100000) AS n RETURN n")
        assert len(app.dataframe[0].value) == 3
        assert any("Showing the first 3 rows; there are more" in w.value for w in app.warning)


ADMIN_REFUSED = (
    "refused: administration commands (transactions, users, roles, privileges, settings, databases) "
    "cannot run here, only queries that read the graph"
)


def test_the_console_cannot_list_or_end_another_sessions_transaction(app_graph, driver, neo4j_settings):
    database = neo4j_settings.neo4j_database
    with driver.session(database=database) as session:
        victim = session.begin_transaction(metadata={"who": "console-victim"})
        victim.run("MATCH (n) RETURN count(n)").consume()
        records, _, _ = driver.execute_query(
            "SHOW TRANSACTIONS YIELD transactionId, metaData WHERE metaData.who = 'console-victim' "
            "RETURN transactionId",
            database_=database,
        )
        victim_id = records[0]["transactionId"]
        listed = _run(open_page("cypher"), "SHOW TRANSACTIONS")
        assert _errors(listed) == [ADMIN_REFUSED]
        assert victim_id not in texts(listed)
        ended = _run(open_page("cypher"), "/* routine */ TERMINATE TRANSACTIONS $id", f'{{"id": "{victim_id}"}}')
        assert _errors(ended) == [ADMIN_REFUSED]
        assert victim.run("RETURN 2 AS two").single()["two"] == 2  # not terminated
        victim.commit()


def test_the_console_shows_indexes_and_constraints(app_graph):
    app = _run(open_page("cypher"), "SHOW INDEXES YIELD name, type WHERE name = 'entity_names' RETURN name, type")
    assert not app.error
    assert app.dataframe[0].value.to_dict("records") == [{"name": "entity_names", "type": "FULLTEXT"}]
    app = _run(open_page("cypher"), "CALL dbms.listConfig() YIELD name RETURN name")
    assert _errors(app)[0].startswith("refused: procedure dbms.listConfig cannot run here")


INT_RANGE = "Neo4j integers go from -9223372036854775808 to 9223372036854775807"


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        ('{"x": 99999999999999999999}', f"parameter x: 99999999999999999999 is out of range; {INT_RANGE}"),
        ('{"x": [1, {"y": -99999999999999999999}]}',
         f"parameter x[1].y: -99999999999999999999 is out of range; {INT_RANGE}"),
        ('{"x": ' + "9" * 5000 + "}", f"parameters: a whole number has more than 4300 digits; {INT_RANGE}"),
        ('{"x": ' + "[" * 100000 + "]" * 100000 + "}", "parameters: the JSON is nested too deeply to read"),
        ('{"x": ' + "[" * 150 + "]" * 150 + "}",
         "parameter x: lists and maps nested more than 100 levels deep cannot be sent"),
        ('{"x": "\\ud800"}', "parameter x: the text is not valid Unicode (a lone surrogate at character 0)"),
    ],
)  # fmt: skip
def test_parameters_neo4j_cannot_take_are_one_line(app_graph, parameters, message):
    app = _run(open_page("cypher"), "RETURN $x AS x", parameters)
    assert _errors(app) == [message]


def test_the_gallery_refuses_an_integer_out_of_range(app_graph):
    app = open_page("cypher")
    app.selectbox(key="gallery_query").set_value("top-speakers").run()
    app.text_input(key="gallery_top-speakers_limit").input("99999999999999999999")
    app.button(key="gallery_run").click().run()
    no_exception(app)
    assert _errors(app) == [
        "parameter limit of top-speakers: 99999999999999999999 is out of range; whole numbers go from "
        "-9223372036854775808 to 9223372036854775807"
    ]
