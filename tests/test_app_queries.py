"""The explorer's reads (queries/explore.py and its curated queries) on the fixture graph, rows asserted."""

from __future__ import annotations

import datetime as dt

import pytest

from core.relation_types import RELATION_TYPES
from queries import explore
from queries.explore import GraphReader, NetworkFilter, StatementFilter
from tests.app_harness import fixture_graph
from tests.graph_fixtures import FIXTURE, HOSTILE_QUOTE, embed

pytestmark = pytest.mark.neo4j
F = FIXTURE


@pytest.fixture(scope="module")
def graph(driver, neo4j_settings):
    fixture_graph(driver, neo4j_settings)
    return GraphReader(driver, neo4j_settings.neo4j_database, timeout=30.0, row_limit=1000)


def test_search_articles_finds_titles_and_text_accents_ignored(graph):
    rows = explore.search_articles(graph, "facial recognition").rows
    assert {r["article_id"] for r in rows} == {F.police_law, F.defence}
    hostile = explore.curated(graph, "search-articles", {"q": "<script>", "limit": 5}).rows
    assert [r["article_id"] for r in hostile] == [F.hostile]
    assert explore.search_articles(graph, "   ").rows == []


def test_statements_by_speaker_newest_first_with_role_at_the_time(graph):
    rows = explore.statements(graph, StatementFilter(speaker_id=F.stefanovic)).rows
    assert [r["date"] for r in rows] == ["2021-10-01", "2021-10-01", "2019-03-29", "2019-03-29"]
    roles = {r["quote"]: r["role"] for r in rows}
    assert roles["the army would not use facial recognition cameras"] == "Defence Minister, Ministry of Defence"
    assert roles["the Safe City project would make Belgrade safer"] == "Interior Minister, Ministry of the Interior"
    assert all(r["speaker"] == "Nebojša Stefanović" for r in rows)


def test_statements_by_organisation_through_roles_held_there(graph):
    rows = explore.curated(graph, "statements", {"org_id": F.share}).rows
    assert {r["speaker"] for r in rows} == {"Andrej Petrovski"}
    assert len(rows) == 4  # two in the police-law article, one syndicated copy, one in 2019


def test_statements_about_an_entity_and_date_range(graph):
    rows = explore.statements(graph, StatementFilter(about_id=F.police_law_bill)).rows
    assert {r["speaker"] for r in rows} == {"Andrej Petrovski", "Aleksandar Vulin"}
    dated = explore.statements(graph, StatementFilter(start=dt.date(2021, 9, 16), end=dt.date(2021, 10, 1))).rows
    assert sorted({r["date"] for r in dated}) == ["2021-09-16", "2021-10-01"]


def test_statements_by_topic_ranks_the_closest_meaning_first(graph):
    topic = embed(["face recognition by the army"])[0]
    rows = explore.statements(graph, StatementFilter(topic=topic, min_score=0.2)).rows
    assert rows[0]["quote"] == "the army would not use facial recognition cameras"
    assert rows[0]["topic_score"] >= rows[-1]["topic_score"]


def test_entity_articles_and_options(graph):
    rows = explore.curated(graph, "entity-articles", {"entity_id": F.stefanovic}).rows
    assert [r["article_id"] for r in rows] == [F.defence, F.safe_city]
    assert rows[1]["mentions"] == 3  # "Nebojša Stefanović", and "Stefanović" twice (alias)
    speakers = explore.curated(graph, "entity-options", {"speakers": True}).rows
    assert {r["name"] for r in speakers} == {
        "Nebojša Stefanović",
        "Andrej Petrovski",
        "Aleksandar Vulin",
        "Jelena Milić",
    }
    laws = explore.entity_options(graph, entity_type="Law").rows
    assert [r["id"] for r in laws] == [F.police_law_bill]


def test_article_with_its_statements_and_mentions(graph):
    record = explore.curated(graph, "article", {"article_id": F.hostile}).rows[0]
    quote = next(s for s in record["statements"] if s["kind"] == "direct")
    assert record["text"][quote["start"] : quote["end"]] == HOSTILE_QUOTE
    assert quote["speaker"] == "Jelena Milić" and quote["speaker_id"] == F.milic
    names = {m["name"] for m in record["mentions"]}
    assert {"Jelena Milić", "Belgrade", "Safe City"} <= names
    assert explore.article(graph, "no-such-article") is None


def test_entity_network_one_step_with_filters(graph):
    rows = explore.curated(graph, "entity-network", {"entity_ids": F.interior}).rows
    edges = {(r["source"], r["label"], r["target"]) for r in rows}
    assert ("Huawei", "SUPPLIES", "Ministry of the Interior") in edges
    assert ("Ministry of the Interior", "PROPOSES", "draft police law") in edges
    assert ("Nebojša Stefanović", "Interior Minister", "Ministry of the Interior") in edges
    proposed = next(r for r in rows if r["label"] == "PROPOSES")
    assert proposed["evidence_count"] == 2  # the original and the syndicated copy
    # the earliest evidence, with its date as precise as the article gives it
    assert (proposed["date"], proposed["evidence"]) == (
        "2021-09",
        "The Ministry of the Interior proposed the draft police law in September.",
    )
    supplies = next(r for r in rows if r["label"] == "SUPPLIES")
    assert supplies["date"] == "2019-03-29"  # no date in the text: the article's
    # untyped verb links only when asked for by name
    for entity_id in (F.belgrade, F.safe_city_project):
        plain = explore.curated(graph, "entity-network", {"entity_ids": entity_id}).rows
        assert "LINKED" not in {r["kind"] for r in plain}
    links = explore.curated(graph, "entity-network", {"entity_ids": F.belgrade, "kinds": "linked"}).rows
    assert [(r["source"], r["kind"], r["label"], r["target"]) for r in links] == [
        ("Safe City", "LINKED", "MAKE", "Belgrade")
    ]
    only_roles = explore.curated(graph, "entity-network", {"entity_ids": F.interior, "kinds": "holds_role"}).rows
    assert {r["kind"] for r in only_roles} == {"HOLDS_ROLE"}
    later = explore.curated(graph, "entity-network", {"entity_ids": F.interior, "from": "2021-01-01"}).rows
    assert ("Huawei", "SUPPLIES", "Ministry of the Interior") not in {
        (r["source"], r["label"], r["target"]) for r in later
    }


def test_entity_nodes_labels_the_network(graph):
    rows = explore.curated(graph, "entity-nodes", {"entity_ids": f"{F.huawei}, {F.belgrade}"}).rows
    assert [(r["id"], r["name"], r["articles"]) for r in rows] == [(F.belgrade, "Belgrade", 3), (F.huawei, "Huawei", 1)]


def test_network_expands_by_depth_and_stops_at_the_cap(graph):
    one = explore.network(graph, NetworkFilter((F.huawei,), depth=1))
    assert set(one.nodes) == {F.huawei, F.interior}
    two = explore.network(graph, NetworkFilter((F.huawei,), depth=2))
    assert {F.police_law_bill, F.stefanovic, F.vulin} <= set(two.nodes)
    assert not two.capped
    capped = explore.network(graph, NetworkFilter((F.huawei,), depth=3, node_cap=3))
    assert len(capped.nodes) == 3 and capped.capped
    people = explore.network(graph, NetworkFilter((F.interior,), depth=1, types=("Person",)))
    assert {n["type"] for k, n in people.nodes.items() if k != F.interior} == {"Person"}


def test_network_edges_speak_plain_words_and_filter_by_kind(graph):
    net = explore.network(graph, NetworkFilter((F.interior,), depth=1))
    labels = {(net.nodes[e["source_id"]]["name"], e["label"], net.nodes[e["target_id"]]["name"]) for e in net.edges}
    assert ("Huawei", "supplies", "Ministry of the Interior") in labels
    assert ("Ministry of the Interior", "proposes", "draft police law") in labels
    only_supplies = explore.network(
        graph, NetworkFilter((F.interior,), relations=("SUPPLIES",), roles=False, said_about=False)
    )
    assert [(e["kind"], e["label"]) for e in only_supplies.edges] == [("SUPPLIES", "supplies")]
    # no kind at all: the seed alone, not "every kind"
    nothing = explore.network(graph, NetworkFilter((F.interior,), relations=(), roles=False, said_about=False))
    assert (list(nothing.nodes), nothing.edges) == ([F.interior], [])
    assert "LINKED" not in {e["kind"] for e in explore.network(graph, NetworkFilter((F.belgrade,), depth=2)).edges}
    linked = explore.network(graph, NetworkFilter((F.belgrade,), relations=(), said_about=False, links=True))
    assert [(e["kind"], e["label"]) for e in linked.edges] == [("LINKED", "make")]


def test_relation_kinds_lists_typed_relations_roles_and_statements(graph):
    kinds = [r["kind"] for r in explore.curated(graph, "relation-kinds").rows]
    # other tests of the session may have used more types; the fixture's must be there, structural ones never
    assert {"SUPPLIES", "PROPOSES", "SUPPORTS", "OPPOSES", "LINKED", "HOLDS_ROLE", "SAID_ABOUT"} <= set(kinds)
    assert not {"MENTIONS", "SAID", "ABOUT", "REPORTED_IN", "PUBLISHED", "AT", "IN_ROLE"} & set(kinds)
    assert set(kinds) <= {*RELATION_TYPES, "LINKED", "HOLDS_ROLE", "SAID_ABOUT"}
