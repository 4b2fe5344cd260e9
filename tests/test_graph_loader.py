"""The loader on a real Neo4j: idempotent, replaces re-extracted facts, keeps provenance, skips bad items."""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest

from core.errors import QueryError
from core.records import Article, Entity, Extraction, Statement, content_hash
from graph.loader import GraphLoader
from graph.schema import apply_schema
from tests.graph_fixtures import (
    FIXTURE,
    HOSTILE_ORG_NAME,
    HOSTILE_QUOTE,
    HOSTILE_TITLE,
    SAFE_CITY_TEXT,
    embedded_fixture_records,
    fixture_records,
    load_fixture_graph,
)
from tests.graph_synthetic import SyntheticCorpus

pytestmark = pytest.mark.neo4j


def _counts(driver, database) -> dict[str, int]:
    nodes, _, _ = driver.execute_query(
        "MATCH (n) RETURN labels(n)[0] + coalesce(':' + labels(n)[1], '') AS k, count(*) AS c", database_=database
    )
    rels, _, _ = driver.execute_query("MATCH ()-[r]->() RETURN type(r) AS k, count(*) AS c", database_=database)
    return {r["k"]: r["c"] for r in [*nodes, *rels]}


def _one(driver, database, cypher, **params):
    records, _, _ = driver.execute_query(cypher, params, database_=database)
    return [dict(r) for r in records]


def test_fixture_loads_with_expected_counts(clean_db, neo4j_settings):
    summary = load_fixture_graph(clean_db, neo4j_settings.neo4j_database)
    assert (summary.loaded, summary.replaced, summary.unchanged, summary.skipped) == (5, 0, 0, [])
    assert summary.dropped_facts == {}
    counts = _counts(clean_db, neo4j_settings.neo4j_database)
    assert counts["Article"] == 5
    assert counts["Statement"] == 11
    assert counts["Entity:Person"] == 4
    assert counts["Entity:Organization"] == 5
    assert counts["Role"] == 5
    assert counts["SAID"] == 11
    assert counts["IN_ROLE"] == 4
    assert counts["PROPOSES"] == 2
    assert counts["LINKED"] == 1
    assert counts["DUPLICATE_OF"] == 1


def test_loading_again_changes_nothing(clean_db, neo4j_settings):
    database = neo4j_settings.neo4j_database
    load_fixture_graph(clean_db, database)
    before = _counts(clean_db, database)
    loaded_at = _one(clean_db, database, "MATCH (a:Article) RETURN a.id AS id, a.loaded_at AS t ORDER BY id")
    summary = load_fixture_graph(clean_db, database)
    assert (summary.loaded, summary.replaced, summary.unchanged, summary.rows) == (0, 0, 5, 0)
    assert _counts(clean_db, database) == before
    assert _one(clean_db, database, "MATCH (a:Article) RETURN a.id AS id, a.loaded_at AS t ORDER BY id") == loaded_at


def test_new_extractor_version_replaces_facts(clean_db, neo4j_settings):
    database = neo4j_settings.neo4j_database
    load_fixture_graph(clean_db, database)
    before = _counts(clean_db, database)
    summary = load_fixture_graph(clean_db, database, extractor_version="fixture-2")
    assert (summary.loaded, summary.replaced, summary.unchanged) == (0, 5, 0)
    assert _counts(clean_db, database) == before
    versions = _one(
        clean_db,
        database,
        "MATCH ()-[r]->() WHERE r.extractor_version IS NOT NULL RETURN DISTINCT r.extractor_version AS v",
    )
    assert versions == [{"v": "fixture-2"}]
    statements = _one(clean_db, database, "MATCH (s:Statement) RETURN DISTINCT s.extractor_version AS v")
    assert statements == [{"v": "fixture-2"}]


def test_re_extraction_with_fewer_facts_removes_the_stale_ones(clean_db, neo4j_settings):
    database = neo4j_settings.neo4j_database
    load_fixture_graph(clean_db, database)
    article, extraction = embedded_fixture_records()[0]  # the 2019 Safe City article
    assert article.id == FIXTURE.safe_city
    # The new extractor drops Huawei (only in this article), the supply relation, the verb link, Petrovski's role
    # and a statement.
    slimmer = replace(
        extraction,
        extractor_version="fixture-2",
        statements=extraction.statements[:2],
        entities=tuple(e for e in extraction.entities if e.id != FIXTURE.huawei),
        relations=(),
        links=(),
        roles=extraction.roles[:1],
    )
    summary = GraphLoader(clean_db, database).load([(article, slimmer)])
    assert summary.replaced == 1
    assert _one(clean_db, database, "MATCH (e:Entity {id: $id}) RETURN e.id AS id", id=FIXTURE.huawei) == []
    assert _one(clean_db, database, "MATCH ()-[r:SUPPLIES]->() RETURN r") == []
    assert _one(clean_db, database, "MATCH ()-[r:LINKED]->() RETURN r") == []
    statements = _one(
        clean_db,
        database,
        "MATCH (s:Statement {article_id: $id}) RETURN s.text AS text ORDER BY text",
        id=FIXTURE.safe_city,
    )
    assert [s["text"] for s in statements] == [
        "The cameras will help the police solve crimes faster,",
        "the Safe City project would make Belgrade safer",
    ]
    # Petrovski's role is reported only by this article; his statements elsewhere stay.
    assert _one(clean_db, database, "MATCH (r:Role {person_id: $id}) RETURN r.title AS t", id=FIXTURE.petrovski) == []
    said = _one(clean_db, database, "MATCH (:Person {id: $id})-[:SAID]->(s) RETURN count(s) AS n", id=FIXTURE.petrovski)
    assert said == [{"n": 3}]
    # The Ministry is still mentioned by other articles and keeps its other relations.
    assert _one(
        clean_db, database, "MATCH (:Organization {id: $id})-[r:PROPOSES]->() RETURN count(r) AS n", id=FIXTURE.interior
    ) == [{"n": 2}]


def test_provenance_points_into_the_stored_text(clean_db, neo4j_settings):
    database = neo4j_settings.neo4j_database
    load_fixture_graph(clean_db, database)
    rows = _one(
        clean_db,
        database,
        """
        MATCH (a:Article)-[m:MENTIONS]->(e:Entity) WHERE m.count > 0
        RETURN e.name AS name, e.aliases AS aliases,
               [i IN range(0, size(m.starts) - 1) | substring(a.text, m.starts[i], m.ends[i] - m.starts[i])] AS seen
    """,
    )
    assert len(rows) == 22  # plus the Ministry of Defence, known from a role but never named
    for row in rows:
        assert set(row["seen"]) <= {row["name"], *row["aliases"]}, row
    relation = _one(
        clean_db,
        database,
        "MATCH (:Organization {id: $id})-[r:SUPPLIES]->() RETURN properties(r) AS p",
        id=FIXTURE.huawei,
    )[0]["p"]
    start = SAFE_CITY_TEXT.index("Huawei supplies")
    assert relation == {
        "article_id": FIXTURE.safe_city,
        "start": start,
        "end": start + 43,
        "confidence": 0.8,
        "sentence": "Huawei supplies the cameras to the Ministry of the Interior.",
        "extractor_version": "fixture-1",
    }
    assert SAFE_CITY_TEXT[start : start + 43] == "Huawei supplies the cameras to the Ministry"


def test_hostile_strings_round_trip_unchanged(clean_db, neo4j_settings):
    database = neo4j_settings.neo4j_database
    load_fixture_graph(clean_db, database)
    article = _one(
        clean_db,
        database,
        "MATCH (a:Article {id: $id}) RETURN a.title AS title, a.source AS source",
        id=FIXTURE.hostile,
    )
    assert article == [{"title": HOSTILE_TITLE, "source": "Local <i>Gazette</i>"}]
    quote = _one(
        clean_db,
        database,
        "MATCH (:Person {id: $id})-[:SAID]->(s) WHERE s.kind = 'direct' RETURN s.text AS text",
        id=FIXTURE.milic,
    )
    assert quote == [{"text": HOSTILE_QUOTE}]
    org = _one(clean_db, database, "MATCH (o:Organization {id: $id}) RETURN o.name AS name", id=FIXTURE.watch)
    assert org == [{"name": HOSTILE_ORG_NAME}]
    assert _counts(clean_db, database)["Article"] == 5  # the Cypher-looking quote deleted nothing


def test_bad_items_are_skipped_with_reasons_and_the_rest_loads(clean_db, neo4j_settings):
    database = neo4j_settings.neo4j_database
    apply_schema(clean_db, database)
    pairs = fixture_records()
    good_article, good_extraction = pairs[2]  # the defence article
    wrong_offsets = replace(good_extraction.statements[0], start=5000, end=5010)
    wrong_text = replace(good_extraction.statements[1], text="words nobody wrote")
    broken = replace(good_extraction, statements=(wrong_offsets, wrong_text))
    failed = Extraction(pairs[0][0].id, "fixture-1", error="document could not be parsed")
    mismatched = Extraction("someone-else", "fixture-1")
    no_id = Article("", "text", content_hash("text"))
    summary = GraphLoader(clean_db, database).load(
        [(good_article, broken), (pairs[0][0], failed), (pairs[1][0], mismatched), (no_id, Extraction("", "v"))]
    )
    assert summary.loaded == 2
    assert sorted(s.reason for s in summary.skipped) == [
        "article has no id",
        "extraction is for another article (someone-else)",
    ]
    assert sum(summary.dropped_facts.values()) == 2
    assert _one(clean_db, database, "MATCH (s:Statement) RETURN count(s) AS n") == [{"n": 0}]
    errors = _one(clean_db, database, "MATCH (a:Article) RETURN a.id AS id, a.extraction_error AS e ORDER BY id")
    assert errors == [
        {"id": FIXTURE.safe_city, "e": "document could not be parsed"},
        {"id": FIXTURE.defence, "e": None},
    ]
    # The defence article still has its role and entities.
    assert _one(
        clean_db, database, "MATCH (:Article {id: $id})-[:MENTIONS]->(e) RETURN count(e) AS n", id=FIXTURE.defence
    ) == [{"n": 3}]


def test_unknown_speaker_id_becomes_an_entity(clean_db, neo4j_settings):
    database = neo4j_settings.neo4j_database
    apply_schema(clean_db, database)
    text = 'The Ombudsman said the cameras were "illegal".'
    article = Article("a:1", text, content_hash(text), published="2022-02-02")
    start = text.index("the cameras")
    statement = Statement(
        start,
        start + 26,
        text[start : start + 26],
        "mixed",
        "Ombudsman",
        "The Ombudsman",
        "organization:ombudsman",
        "said",
    )
    GraphLoader(clean_db, database).load([(article, Extraction("a:1", "v1", statements=(statement,)))])
    rows = _one(
        clean_db,
        database,
        "MATCH (o:Organization)-[:SAID]->(s:Statement) RETURN o.name AS name, s.text AS text, s.date AS date",
    )
    assert [(r["name"], r["text"], r["date"].iso_format()) for r in rows] == [
        ("Ombudsman", 'the cameras were "illegal"', "2022-02-02")
    ]


def test_batch_size_must_be_positive(driver, neo4j_settings):
    with pytest.raises(QueryError, match="at least 1"):
        GraphLoader(driver, neo4j_settings.neo4j_database, batch_size=0)


def test_concurrent_loads_of_overlapping_input_create_no_duplicates(clean_db, neo4j_settings):
    database = neo4j_settings.neo4j_database
    apply_schema(clean_db, database)
    pairs = list(SyntheticCorpus(120, seed=3).records())
    # Two loaders, overlapping halves in opposite orders, started together.
    inputs = [pairs[:90], list(reversed(pairs[30:]))]
    barrier = threading.Barrier(len(inputs))
    errors: list[BaseException] = []

    def run(chunk):
        try:
            barrier.wait()
            GraphLoader(clean_db, database, batch_size=10).load(chunk)
        except BaseException as e:  # surfaced by the assertion below
            errors.append(e)

    threads = [threading.Thread(target=run, args=(chunk,)) for chunk in inputs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    assert errors == []
    concurrent = _counts(clean_db, database)
    duplicates = _one(
        clean_db,
        database,
        """
        MATCH (a)-[r]->(b) WITH a, b, type(r) AS t, r.article_id AS article, r.start AS start, count(*) AS n
        WHERE n > 1 RETURN t, n LIMIT 5
    """,
    )
    assert duplicates == []
    clean_db.execute_query("MATCH (n) DETACH DELETE n", database_=database)
    GraphLoader(clean_db, database, batch_size=50).load(pairs)
    assert concurrent == _counts(clean_db, database)
    assert concurrent["Article"] == 120


def _article_naming(ident: str, text: str, alias: str) -> tuple[Article, Extraction]:
    start = text.index(alias)
    entity = Entity(
        "organization:acme-holdings", "Acme Holdings", "Organization", (alias,), ((start, start + len(alias)),)
    )
    article = Article(id=ident, text=text, content_hash=content_hash(text))
    return article, Extraction(ident, "test/1", entities=(entity,))


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 1, 0), (1, 2, 0)])
def test_aliases_are_the_same_whatever_order_articles_load_in(clean_db, neo4j_settings, order):
    database = neo4j_settings.neo4j_database
    apply_schema(clean_db, database)
    pairs = [
        _article_naming("a1", "Shares of Zeta Acme rose.", "Zeta Acme"),
        _article_naming("a2", "Acme Corp said nothing.", "Acme Corp"),
        _article_naming("a3", "ACME fell again.", "ACME"),
    ]
    loader = GraphLoader(clean_db, database, batch_size=1)
    loader.load([pairs[i] for i in order])
    [row] = _one(clean_db, database, "MATCH (e:Entity {id: 'organization:acme-holdings'}) RETURN e.aliases AS a")
    assert row["a"] == ["ACME", "Acme Corp", "Zeta Acme"]


def test_an_article_neo4j_refuses_is_skipped_and_the_rest_of_its_batch_loads(clean_db, neo4j_settings):
    """A 40,000-character name is too large for the name index: that article alone is refused."""
    database = neo4j_settings.neo4j_database
    apply_schema(clean_db, database)
    huge = "Zed" * 13_334
    pairs = [
        _article_naming("ok-1", "Shares of Acme Corp rose.", "Acme Corp"),
        _article_naming("huge", f"{huge} spoke.", huge),
        _article_naming("ok-2", "ACME fell again.", "ACME"),
    ]
    huge_entity = Entity("person:huge", huge, "Person", (), ((0, len(huge)),))
    pairs[1] = (pairs[1][0], replace(pairs[1][1], entities=(huge_entity,)))
    summary = GraphLoader(clean_db, database, batch_size=10).load(pairs)
    assert summary.loaded == 2
    [skipped] = summary.skipped
    assert skipped.item == "huge" and "too large to index" in skipped.reason
    rows = _one(clean_db, database, "MATCH (a:Article) RETURN a.id AS id ORDER BY id")
    assert [r["id"] for r in rows] == ["ok-1", "ok-2"]
    assert _one(clean_db, database, "MATCH (e:Entity {id: 'person:huge'}) RETURN count(e) AS n")[0]["n"] == 0
