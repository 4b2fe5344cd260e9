"""Every curated query of queries/ run on the fixture graph, with its actual rows asserted."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from graph.loader import clear_graph
from queries import bind, get_query, list_queries, run_curated
from queries.catalog import cypher_parameters, parse_query
from queries.gallery import render_gallery
from tests.graph_fixtures import FIXTURE, HOSTILE_QUOTE, embed, load_fixture_graph

pytestmark = pytest.mark.neo4j

F = FIXTURE
TESTS = Path(__file__).resolve().parent
GALLERY = TESTS.parent / "docs" / "queries.md"


@pytest.fixture(scope="module")
def graph(driver, neo4j_settings):
    database = neo4j_settings.neo4j_database
    clear_graph(driver, database)
    load_fixture_graph(driver, database)
    return driver


@pytest.fixture
def run(graph, neo4j_settings):
    def run_query(name: str, **values):
        result = run_curated(graph, neo4j_settings.neo4j_database, name, values, embed=lambda t: embed([t])[0])
        return result.rows()

    return run_query


def _column(rows, key):
    return [row[key] for row in rows]


# -- the catalog ------------------------------------------------------------------------------------


def test_there_are_at_least_15_queries_each_with_a_full_header():
    queries = list_queries()
    assert len(queries) >= 15
    for query in queries:
        assert re.fullmatch(r"[a-z0-9-]+", query.name), query.name
        assert query.filename == f"{query.name}.cypher"
        assert len(query.description) > 20, query.name


def test_every_parameter_used_is_declared_and_every_declared_one_used():
    for query in list_queries():
        declared = {p.name for p in query.params}
        assert cypher_parameters(query) == declared, query.name


def test_every_query_has_a_test_asserting_its_rows():
    test_text = "\n".join(p.read_text(encoding="utf-8") for p in TESTS.glob("test_*.py"))
    untested = [q.name for q in list_queries() if f'"{q.name}"' not in test_text]
    assert untested == []


def test_the_gallery_in_docs_is_up_to_date():
    assert GALLERY.read_text(encoding="utf-8") == render_gallery(), "run: python -m queries.gallery > docs/queries.md"


def test_parameters_are_converted_to_their_declared_types():
    query = get_query("person-statements")
    bound = bind(query, {"person_id": "person:x", "from": "2021-01-31", "limit": "5"})
    assert bound == {"person_id": "person:x", "about_id": None, "from": dt.date(2021, 1, 31), "to": None, "limit": 5}


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("99999999999999999999", "99999999999999999999"),
        ("-9223372036854775809", "-9223372036854775809"),
        (2**63, "9223372036854775808"),
        ("9" * 5000, "99999999999999999999… (5000 digits)"),
    ],
)
def test_an_integer_parameter_outside_64_bits_is_one_line_with_the_range(value, shown):
    from core.errors import QueryError

    with pytest.raises(QueryError) as error:
        bind(get_query("top-speakers"), {"limit": value})
    assert str(error.value) == (
        f"parameter limit of top-speakers: {shown} is out of range; whole numbers go from "
        "-9223372036854775808 to 9223372036854775807"
    )


def test_integer_parameters_at_the_edge_of_64_bits_are_kept():
    query = get_query("top-speakers")
    assert bind(query, {"limit": "9223372036854775807"})["limit"] == 2**63 - 1
    assert bind(query, {"limit": " -9223372036854775808 "})["limit"] == -(2**63)


def test_a_vector_nested_too_deeply_or_too_long_is_one_short_line():
    from core.errors import QueryError

    with pytest.raises(QueryError) as error:
        bind(get_query("semantic-search"), {"topic": "[" * 100000 + "]" * 100000})
    message = str(error.value)
    assert message.startswith("parameter topic of semantic-search: expected a list of numbers or a text to embed")
    assert message.endswith("… (200000 characters)")


def test_header_errors_name_the_file():
    from core.errors import QueryError

    with pytest.raises(QueryError, match=r"broken.cypher: header line `// params:` is missing"):
        parse_query("// name: x\n// description: y\nRETURN 1", "broken.cypher")
    with pytest.raises(QueryError, match=r"parameter n has unknown type 'integer'"):
        parse_query("// name: x\n// description: y\n// params: n: integer\nRETURN $n", "t.cypher")


# -- each query's rows --------------------------------------------------------------------------------


def test_person_statements(run):
    rows = run("person-statements", person_id=F.stefanovic)
    assert _column(rows, "quote") == [
        "the army would not use facial recognition cameras",
        "Belgrade residents had nothing to fear",
        "the Safe City project would make Belgrade safer",
        "The cameras will help the police solve crimes faster,",
    ]
    interior = "Interior Minister, Ministry of the Interior"
    assert _column(rows, "role") == ["Defence Minister, Ministry of Defence", None, interior, interior]
    first = rows[0]
    assert first["url"] == "https://n1info.example/2021/10/01/army"
    assert (
        first["sentence"]
        == "Defence Minister Nebojša Stefanović said the army would not use facial recognition cameras."
    )
    assert first["date"] == "2021-10-01"


def test_person_statements_about_an_entity_between_dates(run):
    about = run("person-statements", person_id=F.stefanovic, about_id=F.belgrade)
    assert _column(about, "quote") == [
        "Belgrade residents had nothing to fear",
        "the Safe City project would make Belgrade safer",
    ]
    dated = run("person-statements", person_id=F.petrovski, **{"from": "2021-01-01", "to": "2021-09-15"})
    assert _column(dated, "quote") == [
        "Mass biometric surveillance has no place in a democratic society,",
        "the draft police law would legalise facial recognition in public spaces",
    ]
    assert set(_column(dated, "article_id")) == {F.police_law}


def test_quoted_about(run):
    rows = run("quoted-about", entity_id=F.safe_city_project)
    assert [(r["speaker"], r["statements"]) for r in rows] == [
        ("Andrej Petrovski", 1),
        ("Jelena Milić", 1),
        ("Nebojša Stefanović", 1),
    ]
    assert rows[1]["latest_quote"] == "the Safe City cameras were <b>everywhere</b> in Belgrade"
    law = run("quoted-about", entity_id=F.police_law_bill)
    assert [(r["speaker"], r["latest_quote"]) for r in law] == [
        ("Aleksandar Vulin", "the law was \u201cfully in line with European standards\u201d"),
        ("Andrej Petrovski", "the draft police law would legalise facial recognition in public spaces"),
    ]


def test_semantic_search_uses_the_vector_index(run):
    rows = run("semantic-search", topic="legalising face recognition technology", limit=3)
    assert rows[0]["quote"] == "the draft police law would legalise facial recognition in public spaces"
    assert len(rows) == 3
    assert rows[0]["score"] > rows[1]["score"] >= rows[2]["score"] > 0.3
    threshold = run("semantic-search", topic="legalising face recognition technology", limit=10, min_score=0.7)
    assert all(r["score"] >= 0.7 for r in threshold)
    assert len(threshold) < 10


def test_search_entities_ignores_accents_and_special_characters(run):
    rows = run("search-entities", q="stefanovic")
    assert _column(rows, "id") == [F.stefanovic]
    assert rows[0]["articles"] == 2
    assert _column(run("search-entities", q="Interior Ministry"), "id")[0] == F.interior
    hostile = run("search-entities", q='Citizens\' "Watch" <b>Group</b> \\ & Co')
    assert _column(hostile, "id")[0] == F.watch
    assert run("search-entities", q="   ") == []


def test_search_statements(run):
    rows = run("search-statements", q="facial recognition")
    assert _column(rows, "quote") == [
        "the army would not use facial recognition cameras",
        "the draft police law would legalise facial recognition in public spaces",
    ]
    assert rows[1]["statement_id"].startswith(f"{F.police_law}@")
    assert rows[0]["speaker"] == "Nebojša Stefanović"
    assert _column(run("search-statements", q="MATCH (n) DETACH DELETE n //"), "quote") == [HOSTILE_QUOTE]


def test_person_roles(run):
    rows = run("person-roles", person_id=F.stefanovic)
    assert [(r["title"], r["organization"], r["first_seen"], r["last_seen"]) for r in rows] == [
        ("Interior Minister", "Ministry of the Interior", "2019-03-29", "2019-03-29"),
        ("Defence Minister", "Ministry of Defence", "2021-10-01", "2021-10-01"),
    ]
    vulin = run("person-roles", person_id=F.vulin)
    assert [(r["title"], r["qualifiers"], r["articles"]) for r in vulin] == [("Interior Minister", ["then"], 1)]


def test_statements_by_role(run):
    rows = run("statements-by-role", person_id=F.stefanovic)
    assert [(r["role"], r["quote"]) for r in rows] == [
        ("Interior Minister", "the Safe City project would make Belgrade safer"),
        ("Interior Minister", "The cameras will help the police solve crimes faster,"),
        ("Defence Minister", "Belgrade residents had nothing to fear"),
        ("Defence Minister", "the army would not use facial recognition cameras"),
    ]


def test_org_connections(run):
    rows = run("org-connections", org_id=F.interior)
    assert [(r["name"], r["connections"], r["evidence_count"]) for r in rows] == [
        ("draft police law", ["PROPOSES"], 2),
        ("Aleksandar Vulin", ["role: Interior Minister"], 1),
        ("Huawei", ["SUPPLIES (to it)"], 1),
        ("Nebojša Stefanović", ["role: Interior Minister"], 1),
    ]
    assert rows[2]["evidence"] == "Huawei supplies the cameras to the Ministry of the Interior."


def test_shortest_path_has_evidence_on_every_edge(run):
    rows = run("shortest-path", from_id=F.huawei, to_id=F.police_law_bill)
    assert [(r["step"], r["from"], r["relationship"], r["to"]) for r in rows] == [
        (1, "Huawei", "SUPPLIES", "Ministry of the Interior"),
        (2, "Ministry of the Interior", "PROPOSES", "draft police law"),
    ]
    assert rows[0]["evidence"] == "Huawei supplies the cameras to the Ministry of the Interior."
    assert rows[1]["evidence"] in {
        "The Ministry of the Interior proposed the draft police law in September.",
        "The draft police law was proposed by the Ministry of the Interior.",
    }
    assert all(r["url"] and r["article_id"] for r in rows)
    assert run("shortest-path", from_id=F.huawei, to_id=F.police_law_bill, max_steps=1) == []


def test_co_mentions_network(run):
    rows = run("co-mentions", entity_id=F.vulin)
    edges = {(r["source_id"], r["target_id"]): r["articles"] for r in rows}
    neighbours = {F.petrovski, F.interior, F.share, F.police_law_bill, F.safe_city_project}
    assert {e for pair in edges for e in pair} == neighbours | {F.vulin}
    assert set(edges.values()) == {1}  # counted over the one article that names Vulin
    around_petrovski = {
        (r["source_id"], r["target_id"]): r["articles"] for r in run("co-mentions", entity_id=F.petrovski)
    }
    assert around_petrovski[(F.interior, F.petrovski)] == 3
    assert around_petrovski[(F.police_law_bill, F.share)] == 1
    latest = run("co-mentions", entity_id=F.petrovski, max_articles=2)  # the two 2021 articles only
    assert {e for r in latest for e in (r["source_id"], r["target_id"])} == {
        F.petrovski, F.vulin, F.interior, F.share, F.police_law_bill, F.safe_city_project,
    }  # fmt: skip
    assert F.huawei in {r["target_id"] for r in run("co-mentions", entity_id=F.petrovski)}
    strong = run("co-mentions", entity_id=F.vulin, min_articles=2)
    assert strong == []  # Vulin appears in one article only


def test_top_speakers(run):
    rows = run("top-speakers")
    assert [(r["speaker"], r["statements"], r["articles"]) for r in rows] == [
        ("Andrej Petrovski", 4, 3),
        ("Nebojša Stefanović", 4, 2),
        ("Jelena Milić", 2, 1),
        ("Aleksandar Vulin", 1, 1),
    ]
    in_2019 = run("top-speakers", **{"from": "2019-01-01", "to": "2019-12-31"}, limit=1)
    assert [(r["speaker"], r["statements"]) for r in in_2019] == [("Nebojša Stefanović", 2)]


def test_top_speakers_by_period(run):
    rows = run("top-speakers-by-period", per_period=1)
    assert [(r["period"], r["speaker"], r["statements"]) for r in rows] == [
        ("2019", "Nebojša Stefanović", 2),
        ("2021", "Andrej Petrovski", 3),
    ]
    months = run("top-speakers-by-period", period="month", per_period=5, **{"from": "2021-09-01"})
    assert [(r["period"], r["speaker"]) for r in months] == [
        ("2021-09", "Andrej Petrovski"),
        ("2021-09", "Aleksandar Vulin"),
        ("2021-10", "Nebojša Stefanović"),
        ("2021-11", "Jelena Milić"),
    ]


def test_articles_mentioning_both(run):
    rows = run("articles-mentioning-both", a_id=F.stefanovic, b_id=F.belgrade)
    assert _column(rows, "article_id") == [F.defence, F.safe_city]
    assert rows[1]["first_sentence"].startswith("Interior Minister Nebojša Stefanović said")
    assert run("articles-mentioning-both", a_id=F.huawei, b_id=F.vulin) == []


def test_first_appearance(run):
    rows = run("first-appearance", quote="no place in a democratic society")
    assert len(rows) == 1
    first = rows[0]
    assert (first["article_id"], first["published"], first["appearances"]) == (F.police_law, "2021-09-15", 2)
    assert first["later_articles"] == [F.syndicated]
    hostile = run("first-appearance", quote="It's \"fine\" \\o/ '})")
    assert [(r["article_id"], r["quote"]) for r in hostile] == [(F.hostile, HOSTILE_QUOTE)]


def test_orgs_in_law_or_event(run):
    rows = run("orgs-in-law-or-event", entity_id=F.police_law_bill)
    assert [(r["name"], sorted(r["involvement"])) for r in rows] == [
        ("Ministry of the Interior", ["PROPOSES", "SUPPORTS (Aleksandar Vulin, Interior Minister)"]),
    ]
    assert rows[0]["articles"] == [F.police_law, F.syndicated]
    event = run("orgs-in-law-or-event", entity_id=F.safe_city_project)
    assert [(r["name"], r["involvement"]) for r in event] == [("SHARE Foundation", ["OPPOSES"])]


def test_entity_profile(run):
    (row,) = run("entity-profile", entity_id=F.stefanovic)
    assert row["name"] == "Nebojša Stefanović"
    assert (row["articles"], row["statements_made"], row["statements_about"]) == (2, 4, 0)
    assert sorted(row["roles"]) == ["Defence Minister", "Interior Minister"]
    assert (row["first_mentioned"], row["last_mentioned"]) == ("2019-03-29", "2021-10-01")


def test_entity_relations(run):
    rows = run("entity-relations", entity_id=F.interior)
    # in time order: the relation's own date ("2021-09") where the article gives one, else the article's
    assert [(r["subject"], r["relation"], r["object"], r["date"], r["published"]) for r in rows] == [
        ("Huawei", "SUPPLIES", "Ministry of the Interior", None, "2019-03-29"),
        ("Ministry of the Interior", "PROPOSES", "draft police law", "2021-09", "2021-09-15"),
        ("Ministry of the Interior", "PROPOSES", "draft police law", None, "2021-09-16"),
    ]
    assert [r["direction"] for r in rows] == ["in", "out", "out"]
    assert rows[0]["confidence"] == 0.8
    # the untyped verb link of the Safe City project is no relation
    assert run("entity-relations", entity_id=F.belgrade) == []


def test_recent_articles(run):
    rows = run("recent-articles", limit=3)
    assert [(r["article_id"], r["statements"], r["entities"]) for r in rows] == [
        (F.hostile, 2, 4),
        (F.defence, 2, 3),
        (F.syndicated, 1, 3),
    ]


def test_statement_timeline(run):
    said = run("statement-timeline", entity_id=F.petrovski)
    assert [(r["month"], r["statements"]) for r in said] == [("2019-03", 1), ("2021-09", 3)]
    about = run("statement-timeline", entity_id=F.belgrade, about="true")
    assert [(r["month"], r["statements"]) for r in about] == [("2019-03", 1), ("2021-10", 1), ("2021-11", 1)]


def test_graph_counts(run):
    counts = {r["what"]: r["count"] for r in run("graph-counts")}
    assert counts == {
        "articles": 5,
        "sources": 4,
        "statements": 11,
        "roles": 5,
        "relations": 5,
        "links": 1,
        "entities: Person": 4,
        "entities: Organization": 5,
        "entities: Location": 1,
        "entities: Law": 1,
        "entities: Event": 1,
    }
