"""Roles in the graph: one Role node per (person, title, organisation); statements link to it by identity.

The end-to-end test runs the real extractor on the RSE report, builds the rows and loads them into the real
Neo4j; the row tests pin how a statement's role that matches no role of the article is handled.
"""

from __future__ import annotations

import dataclasses

import pytest

from core.records import Article, Entity, Extraction, Role, Statement, content_hash
from graph.loader import GraphLoader
from graph.rows import build_rows, role_id
from tests.nlp_fixtures import *  # noqa: F403

STEFANOVIC = "person:nebojsa-stefanovic"
INTERIOR = "organization:ministry-of-the-interior"


def _rows(database_driver, database, cypher, **params):
    records, _, _ = database_driver.execute_query(cypher, params, database_=database)
    return [dict(r) for r in records]


@pytest.mark.neo4j
def test_report_roles_are_one_node_each_and_statements_point_at_them(
    clean_db, neo4j_settings, rferl_article, rferl_extraction
) -> None:
    database = neo4j_settings.neo4j_database
    rows = build_rows(rferl_article, rferl_extraction)
    assert rows.warnings == []
    summary = GraphLoader(clean_db, database).load([(rferl_article, rferl_extraction)])
    assert summary.loaded == 1

    roles = _rows(
        clean_db,
        database,
        "MATCH (p:Entity)-[:HOLDS_ROLE]->(r:Role) OPTIONAL MATCH (r)-[:AT]->(o:Entity) "
        "RETURN DISTINCT r.id AS id, p.id AS person, r.title AS title, o.id AS org",
    )
    found = sorted((r["person"], r["title"].lower(), r["org"]) for r in roles)
    expected = sorted({(r.person_id, r.title.lower(), r.org_id) for r in rferl_extraction.roles})
    assert found == expected, "one Role per (person, title, organisation) of the article, and no other"
    [count] = _rows(clean_db, database, "MATCH (r:Role) RETURN count(r) AS n")
    assert count["n"] == len(expected)

    stefanovic = _rows(
        clean_db,
        database,
        "MATCH (:Entity {id: $id})-[:HOLDS_ROLE]->(r:Role) OPTIONAL MATCH (r)-[:AT]->(o) "
        "RETURN DISTINCT r.id AS id, r.title AS title, o.id AS org",
        id=STEFANOVIC,
    )
    assert stefanovic == [{"id": role_id(STEFANOVIC, "Interior Minister", INTERIOR), "title": "Interior Minister",
                           "org": INTERIOR}]  # fmt: skip
    spoken = _rows(
        clean_db,
        database,
        "MATCH (:Entity {id: $id})-[:SAID]->(s:Statement) OPTIONAL MATCH (s)-[i:IN_ROLE]->(r:Role) "
        "OPTIONAL MATCH (r)-[:AT]->(o) RETURN s.id AS statement, s.speaker_role AS shown, r.id AS role, "
        "o.id AS org, i.qualifier AS qualifier",
        id=STEFANOVIC,
    )
    assert len(spoken) == 2
    for row in spoken:
        assert row["role"] == role_id(STEFANOVIC, "Interior Minister", INTERIOR)
        assert row["org"] == INTERIOR
        assert row["qualifier"] == "then"
        assert row["shown"] == "then-Interior Minister, Ministry of the Interior"

    # Every statement's role is one the article reports for its speaker.
    stray = _rows(
        clean_db,
        database,
        "MATCH (p:Entity)-[:SAID]->(s:Statement)-[:IN_ROLE]->(r:Role) "
        "WHERE NOT (p)-[:HOLDS_ROLE {article_id: s.article_id}]->(r) RETURN s.id AS id",
    )
    assert stray == []


# -- rows: a statement's role the article's role list does not hold -----------------------------------

TEXT = "Interior Minister Nebojša Stefanović said the cameras would stay. He told reporters they were legal."


def _article() -> Article:
    return Article("a", TEXT, content_hash(TEXT), published="2019-03-29")


def _role(org_id: str | None = INTERIOR, title: str = "Interior Minister", qualifier: str | None = None) -> Role:
    phrase = "Interior Minister Nebojša Stefanović"
    return Role(STEFANOVIC, title, org_id, 0, len(phrase), qualifier, sentence=TEXT.split(". ")[0] + ".")


def _extraction(spoken_in: Role, roles: tuple[Role, ...]) -> Extraction:
    quote = "the cameras would stay"
    start = TEXT.index(quote)
    statement = Statement(start, start + len(quote), quote, "indirect", "Nebojša Stefanović", "Nebojša Stefanović",
                          STEFANOVIC, "said", speaker_role=spoken_in)  # fmt: skip
    entities = (
        Entity(STEFANOVIC, "Nebojša Stefanović", "Person", (), ((18, 36),)),
        Entity(INTERIOR, "Ministry of the Interior", "Organization"),
    )
    return Extraction("a", "test-1", (statement,), entities, roles)


def test_a_statement_role_links_to_the_article_role_of_the_same_identity() -> None:
    rows = build_rows(_article(), _extraction(_role(qualifier="then"), (_role(),)))
    assert [r["role_id"] for r in rows.rows["roles"]] == [role_id(STEFANOVIC, "Interior Minister", INTERIOR)]
    [link] = rows.rows["in_role"]
    assert link["role_id"] == role_id(STEFANOVIC, "Interior Minister", INTERIOR)
    assert link["provenance"]["qualifier"] == "then"
    [statement] = rows.rows["statements"]
    assert statement["props"]["speaker_role"] == "then-Interior Minister, Ministry of the Interior"


def test_a_statement_role_missing_from_the_roles_becomes_a_full_role() -> None:
    rows = build_rows(_article(), _extraction(_role(), ()))
    [role] = rows.rows["roles"]
    assert (role["role_id"], role["org_id"]) == (role_id(STEFANOVIC, "Interior Minister", INTERIOR), INTERIOR)
    # its evidence is the role phrase, not the statement
    assert TEXT[role["start"] : role["end"]] == "Interior Minister Nebojša Stefanović"
    assert [link["role_id"] for link in rows.rows["in_role"]] == [role["role_id"]]


def test_a_statement_role_at_another_organisation_reuses_the_person_s_title() -> None:
    # The same person and title reported without an organisation: no second Role for one job.
    rows = build_rows(_article(), _extraction(_role(), (_role(org_id=None),)))
    assert [r["role_id"] for r in rows.rows["roles"]] == [role_id(STEFANOVIC, "Interior Minister", None)]
    assert [link["role_id"] for link in rows.rows["in_role"]] == [role_id(STEFANOVIC, "Interior Minister", None)]


def test_a_statement_role_at_a_different_organisation_is_a_role_of_its_own() -> None:
    other = "organization:ministry-of-defence"
    rows = build_rows(_article(), _extraction(_role(), (_role(org_id=other),)))
    assert [r["role_id"] for r in rows.rows["roles"]] == [
        role_id(STEFANOVIC, "Interior Minister", other),
        role_id(STEFANOVIC, "Interior Minister", INTERIOR),
    ]
    assert [link["role_id"] for link in rows.rows["in_role"]] == [role_id(STEFANOVIC, "Interior Minister", INTERIOR)]


def test_a_statement_role_of_another_person_is_not_linked() -> None:
    other = dataclasses.replace(_role(), person_id="person:someone-else")
    rows = build_rows(_article(), _extraction(other, ()))
    assert rows.rows["in_role"] == [] and rows.rows["roles"] == []
    assert any("role" in w for w in rows.warnings)
