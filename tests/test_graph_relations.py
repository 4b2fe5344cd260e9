"""Typed relations and untyped links in the graph: the inventory's types only, dates, links apart, re-extraction."""

from __future__ import annotations

from dataclasses import replace

import pytest

from core.records import Article, Entity, Extraction, Relation, content_hash
from core.relation_types import RELATION_TYPES
from graph.loader import GraphLoader
from graph.rows import build_rows, relation_type
from graph.schema import apply_schema

TEXT = (
    "Huawei sold cameras to the Ministry of the Interior in 2017. "
    "The ministry relies on Huawei. "
    "Huawei bribed the Ministry of the Interior, critics claim. "
    "The Ministry of the Interior met Huawei <script>window.pwned = 1</script> in March."
)
HUAWEI = "organization:huawei"
MINISTRY = "organization:ministry-of-the-interior"


def _span(needle: str) -> tuple[int, int]:
    start = TEXT.index(needle)
    return start, start + len(needle)


def _sentence(needle: str) -> str:
    start = TEXT.rfind(". ", 0, TEXT.index(needle))
    start = 0 if start == -1 else start + 2
    end = TEXT.find(".", TEXT.index(needle) + len(needle))
    return TEXT[start : end + 1]


def _relation(subject: str, predicate: str, obj: str, needle: str, date: str | None = None) -> Relation:
    return Relation(subject, predicate, obj, *_span(needle), _sentence(needle), 0.7, date)


def _records(version: str = "v1", **changes: object) -> tuple[Article, Extraction]:
    article = Article(
        "rel:1", TEXT, content_hash(TEXT), title="Cameras", published="2021-05-04", url="https://x.example/1"
    )
    entities = (
        Entity(HUAWEI, "Huawei", "Organization", (), (_span("Huawei"),)),
        Entity(MINISTRY, "Ministry of the Interior", "Organization", (), (_span("Ministry of the Interior"),)),
    )
    relations = (
        _relation(HUAWEI, "SUPPLIES", MINISTRY, "Huawei sold cameras to the Ministry", "2017"),
        _relation(HUAWEI, "BRIBES", MINISTRY, "Huawei bribed the Ministry"),  # no type of the inventory
        _relation(HUAWEI, "supplies", MINISTRY, "Huawei bribed the Ministry"),  # not the inventory's spelling
        _relation(MINISTRY, "MEETS", HUAWEI, "met Huawei", "March 2021"),  # a date not as the contract writes it
        _relation(HUAWEI, "MEETS", MINISTRY, "met Huawei"),  # the same meeting, told the other way round
    )
    links = (_relation(MINISTRY, "RELY_ON", HUAWEI, "The ministry relies on Huawei"),)
    extraction = Extraction(article.id, version, entities=entities, relations=relations, links=links)
    return article, replace(extraction, **changes)  # type: ignore[arg-type]


def test_relation_type_is_the_inventory_and_nothing_else():
    assert [relation_type(t) for t in RELATION_TYPES] == list(RELATION_TYPES)
    for other in ("supplies", "BRIBES", "RELATED_TO", "MENTIONS", "LINKED", "SUPPLIES ", ""):
        assert relation_type(other) is None


def test_rows_refuse_unknown_types_keep_dates_and_put_links_apart():
    rows = build_rows(*_records())
    relations = rows.rows["relations"]
    assert [(r["type"], r["provenance"].get("date")) for r in relations] == [("SUPPLIES", "2017"), ("MEETS", None)]
    assert all("predicate" not in r["provenance"] for r in relations)
    assert [(r["subject_id"], r["provenance"]["predicate"], r["object_id"]) for r in rows.rows["links"]] == [
        (MINISTRY, "RELY_ON", HUAWEI)
    ]
    assert sorted(w.split(": ", 1)[1] for w in rows.warnings) == [
        "date is not YYYY, YYYY-MM or YYYY-MM-DD; stored without it",
        "given twice; kept once",
        "not a relation type of the inventory; not stored",
        "not a relation type of the inventory; not stored",
    ]


@pytest.mark.neo4j
def test_unknown_predicates_are_refused_with_a_warning_and_the_rest_loads(clean_db, neo4j_settings, caplog):
    database = neo4j_settings.neo4j_database
    apply_schema(clean_db, database)
    summary = GraphLoader(clean_db, database).load([_records()])
    assert summary.loaded == 1
    assert summary.dropped_facts["not a relation type of the inventory; not stored"] == 2
    assert "relation 'BRIBES' at" in caplog.text
    records, _, _ = clean_db.execute_query(
        "MATCH (a:Entity)-[r]->(b:Entity) RETURN a.id AS a, type(r) AS type, b.id AS b, properties(r) AS p "
        "ORDER BY type",
        database_=database,
    )
    found = {(r["a"], r["type"], r["b"]): r["p"] for r in records}
    assert set(found) == {(HUAWEI, "SUPPLIES", MINISTRY), (MINISTRY, "LINKED", HUAWEI), (MINISTRY, "MEETS", HUAWEI)}
    supplies = found[(HUAWEI, "SUPPLIES", MINISTRY)]
    assert supplies["date"] == "2017" and supplies["sentence"] == _sentence("Huawei sold")
    assert set(supplies) == {"article_id", "start", "end", "sentence", "extractor_version", "confidence", "date"}
    meeting = found[(MINISTRY, "MEETS", HUAWEI)]
    assert "date" not in meeting and "<script>" in meeting["sentence"]  # stored as written; pages escape it
    assert found[(MINISTRY, "LINKED", HUAWEI)]["predicate"] == "RELY_ON"


@pytest.mark.neo4j
def test_re_extraction_replaces_the_relations_and_links_of_the_article(clean_db, neo4j_settings):
    database = neo4j_settings.neo4j_database
    apply_schema(clean_db, database)
    loader = GraphLoader(clean_db, database)
    loader.load([_records()])
    opposes = _relation(HUAWEI, "OPPOSES", MINISTRY, "Huawei bribed the Ministry")
    summary = loader.load([_records("v2", relations=(opposes,), links=())])
    assert summary.replaced == 1
    records, _, _ = clean_db.execute_query(
        "MATCH ()-[r]->() WHERE r.article_id = 'rel:1' AND NOT type(r) IN ['MENTIONS', 'PUBLISHED'] "
        "RETURN type(r) AS type, r.extractor_version AS version",
        database_=database,
    )
    assert [(r["type"], r["version"]) for r in records] == [("OPPOSES", "v2")]
