"""The schema: applied idempotently, and docs/schema.md true to the live database."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from core.relation_types import RELATION_TYPES
from graph.schema import RETIRED_INDEXES, SCHEMA_STATEMENTS, apply_schema, show_schema
from tests.graph_fixtures import load_fixture_graph

pytestmark = pytest.mark.neo4j

SCHEMA_DOC = Path(__file__).resolve().parents[1] / "docs" / "schema.md"
RELATION_SECTION = "relation"  # the documented property set of every typed entity-to-entity relation


def _documented() -> tuple[dict[str, dict[str, bool]], dict[str, dict[str, bool]]]:
    """{label: {property: optional}} and {type: {property: optional}} parsed from docs/schema.md."""
    labels: dict[str, dict[str, bool]] = {}
    types: dict[str, dict[str, bool]] = {}
    current: list[dict[str, bool]] = []
    for line in SCHEMA_DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = []
        heading = re.match(r"^(#{3,4}) (.*)$", line)
        if heading:
            level, title = len(heading.group(1)), heading.group(2)
            if title.startswith("Typed relations"):
                current = [types.setdefault(RELATION_SECTION, {})]
            elif title.startswith("["):
                current = [types.setdefault(t, {}) for t in re.findall(r"\[:([A-Z_]+)\]", title)]
            elif title.startswith(":"):
                names = re.findall(r":([A-Za-z]+)", title)
                # The type labels (a level-4 heading under :Entity) share its table.
                inherited = labels.get("Entity", {}) if level == 4 else {}
                current = [labels.setdefault(n, dict(inherited)) for n in names]
            else:
                current = []
            continue
        row = re.match(r"^\| ([a-z_]+) \| ([^|]+) \|", line)
        if row and row.group(1) != "property":
            for section in current:
                section[row.group(1)] = "optional" in row.group(2)
    return labels, types


def _live(driver, database) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    nodes, _, _ = driver.execute_query(
        "MATCH (n) UNWIND labels(n) AS label RETURN label, collect(DISTINCT keys(n)) AS keys", database_=database
    )
    rels, _, _ = driver.execute_query(
        "MATCH ()-[r]->() RETURN type(r) AS type, collect(DISTINCT keys(r)) AS keys", database_=database
    )
    labels = {r["label"]: {k for keys in r["keys"] for k in keys} for r in nodes}
    types = {r["type"]: {k for keys in r["keys"] for k in keys} for r in rels}
    return labels, types


@pytest.fixture
def fixture_graph(clean_db, neo4j_settings):
    load_fixture_graph(clean_db, neo4j_settings.neo4j_database)
    return clean_db


def test_every_live_label_and_property_is_documented(fixture_graph, neo4j_settings):
    documented_labels, _ = _documented()
    live_labels, _ = _live(fixture_graph, neo4j_settings.neo4j_database)
    assert set(live_labels) <= set(documented_labels), set(live_labels) - set(documented_labels)
    for label, properties in live_labels.items():
        undocumented = properties - set(documented_labels[label])
        assert not undocumented, f":{label} has undocumented properties {sorted(undocumented)}"


def test_every_documented_required_property_exists_live(fixture_graph, neo4j_settings):
    documented_labels, documented_types = _documented()
    live_labels, live_types = _live(fixture_graph, neo4j_settings.neo4j_database)
    for label in ("Article", "Source", "Entity", "Statement", "Role", "Person", "Organization", "Law", "Event"):
        required = {p for p, optional in documented_labels[label].items() if not optional}
        assert required <= live_labels[label], f":{label} lacks {sorted(required - live_labels[label])}"
    for rel_type, properties in documented_types.items():
        if rel_type == RELATION_SECTION:
            continue
        required = {p for p, optional in properties.items() if not optional}
        assert rel_type in live_types, f"documented [:{rel_type}] is not in the fixture graph"
        assert required <= live_types[rel_type], f"[:{rel_type}] lacks {sorted(required - live_types[rel_type])}"


def test_every_live_relationship_type_is_documented(fixture_graph, neo4j_settings):
    _, documented_types = _documented()
    _, live_types = _live(fixture_graph, neo4j_settings.neo4j_database)
    relation = documented_types[RELATION_SECTION]
    required = {p for p, optional in relation.items() if not optional}
    for rel_type, properties in live_types.items():
        if rel_type in documented_types:
            assert properties <= set(documented_types[rel_type]), (rel_type, properties)
        else:
            # A typed relation: one of the inventory's types, carrying the documented provenance and nothing else.
            assert rel_type in RELATION_TYPES, f"[:{rel_type}] is neither documented nor a type of the inventory"
            assert required <= properties <= set(relation), (rel_type, properties ^ set(relation))


def test_typed_relations_are_the_inventory_and_dates_are_stored_where_given(fixture_graph, neo4j_settings):
    _, live_types = _live(fixture_graph, neo4j_settings.neo4j_database)
    assert {"SUPPLIES", "PROPOSES", "SUPPORTS", "OPPOSES", "LINKED"} <= set(live_types)
    assert not {"PROPOSED", "CRITICIZED", "DEFENDED", "RELATED_TO", "MAKE"} & set(live_types)
    records, _, _ = fixture_graph.execute_query(
        "MATCH ()-[r:PROPOSES]->() RETURN r.article_id AS article, r.date AS date ORDER BY article",
        database_=neo4j_settings.neo4j_database,
    )
    assert [(r["article"], r["date"]) for r in records] == [
        ("fixture:2021-police-law", "2021-09"),
        ("fixture:2021-police-law-n1", None),
    ]


def test_fact_relationships_carry_provenance(fixture_graph, neo4j_settings):
    records, _, _ = fixture_graph.execute_query(
        # IN_CLUSTER is derived from statements, which hold the provenance (checked below)
        "MATCH ()-[r]->() WHERE NOT type(r) IN ['PUBLISHED', 'AT', 'DUPLICATE_OF', 'IN_CLUSTER'] "
        "AND (r.article_id IS NULL OR r.sentence IS NULL OR r.extractor_version IS NULL) RETURN type(r) AS t",
        database_=neo4j_settings.neo4j_database,
    )
    assert [r["t"] for r in records] == []
    records, _, _ = fixture_graph.execute_query(
        "MATCH (s:Statement)-[:REPORTED_IN]->(a:Article) "
        "RETURN s.text AS text, substring(a.text, s.start, s.end - s.start) AS at_offsets",
        database_=neo4j_settings.neo4j_database,
    )
    assert len(records) == 11
    assert all(r["text"] == r["at_offsets"] for r in records)
    records, _, _ = fixture_graph.execute_query(
        "MATCH (s:Statement)-[:IN_CLUSTER]->(:QuoteCluster) "
        "RETURN count(s) AS clustered, sum(count { (s)-[:REPORTED_IN]->(:Article) }) AS traced",
        database_=neo4j_settings.neo4j_database,
    )
    assert records[0]["clustered"] > 0 and records[0]["traced"] == records[0]["clustered"]


def test_every_constraint_and_index_is_documented():
    text = SCHEMA_DOC.read_text(encoding="utf-8")
    names = [re.search(r"(?:CONSTRAINT|INDEX) (\w+) IF NOT EXISTS", s).group(1) for s in SCHEMA_STATEMENTS]
    assert len(names) == 29
    for name in names:
        assert f"| {name} |" in text, f"{name} is not in docs/schema.md"


def test_an_index_an_earlier_schema_created_is_dropped(driver, neo4j_settings):
    database = neo4j_settings.neo4j_database
    retired = RETIRED_INDEXES[0]
    driver.execute_query(f"CREATE INDEX {retired} IF NOT EXISTS FOR (n:QuoteCluster) ON (n.last_published)",
                         database_=database)  # fmt: skip
    apply_schema(driver, database)
    assert retired not in {item.name for item in show_schema(driver, database)}
    assert "quote_cluster_conflict_published" in {item.name for item in show_schema(driver, database)}


def test_apply_schema_twice_changes_nothing(driver, neo4j_settings):
    database = neo4j_settings.neo4j_database
    apply_schema(driver, database)
    first = show_schema(driver, database)
    apply_schema(driver, database)
    second = show_schema(driver, database)
    assert first == second
    by_name = {item.name: item for item in second}
    assert by_name["statement_embedding"].kind == "VECTOR"
    assert by_name["statement_embedding"].state == "ONLINE"
    assert by_name["entity_names"].properties == "name, aliases"
    assert by_name["article_id"].kind == "constraint"


def test_vector_index_is_cosine_384(driver, neo4j_settings):
    apply_schema(driver, neo4j_settings.neo4j_database)
    records, _, _ = driver.execute_query(
        "SHOW VECTOR INDEXES YIELD name, options WHERE name = 'statement_embedding' RETURN options",
        database_=neo4j_settings.neo4j_database,
    )
    config = records[0]["options"]["indexConfig"]
    assert config["vector.dimensions"] == 384
    assert config["vector.similarity_function"].lower() == "cosine"


def test_unique_constraint_rejects_a_second_article_with_the_same_id(fixture_graph, neo4j_settings):
    from neo4j.exceptions import ConstraintError

    with pytest.raises(ConstraintError):
        fixture_graph.execute_query(
            "CREATE (:Article {id: 'fixture:2019-safe-city'})", database_=neo4j_settings.neo4j_database
        )
