"""Merge suggestions on a real Neo4j: one pair for each signal, pairs that must not be suggested, and rejections
that persist; the name signals themselves as pure functions."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from click.testing import CliRunner

from core.errors import QueryError
from graph.loader import GraphLoader
from graph.merge_rejections import reject_merge
from newsgraph.cli import cli
from newsgraph.merge_rules import merge_rules
from queries import run_curated
from queries.explore import GraphReader
from queries.merge_names import NameRules, compare, initials
from queries.merge_suggestions import Candidate, merge_suggestions, pair_key, rank
from tests.graph_fixtures import cli_env
from tests.merge_fixtures import HOSTILE, HOSTILE_TOO, ident, load_merge_graph, merge_records

P, ORG, L = "Person", "Organization", "Location"


@pytest.fixture(scope="module")
def rules(base_settings):
    return merge_rules(base_settings)


@pytest.fixture
def graph(clean_db, neo4j_settings):
    load_merge_graph(clean_db, neo4j_settings.neo4j_database)
    return GraphReader(clean_db, neo4j_settings.neo4j_database)


def _by_pair(ranking):
    return {pair_key(*s.pair): s for s in ranking.suggestions}


def _key(first: tuple[str, str], second: tuple[str, str]) -> str:
    return pair_key(ident(*first), ident(*second))


EXPECTED = {
    _key((P, "Dalija Peterson"), (P, "Dahlia Peterson")): "spelling",
    _key((ORG, "BIRN"), (ORG, "Balkan Investigative Reporting Network")): "acronym",
    _key((ORG, "Scientology"), (ORG, "Church of Scientology")): "short form",
    _key((P, "J. Doe"), (P, "John Doe")): "short form",
    _key((P, "Bauchtman"), (P, "Lydia Buchtmann")): "short form",
    _key((ORG, "US State Department"), (ORG, "State Department")): "country",
    _key((ORG, "Ministry of Internal Affairs"), (ORG, "Interior Ministry")): "translation",
    _key((ORG, "Ministry of Internal Affairs"), (ORG, "Ministry of the Interior")): "translation",
    _key((P, "Aleksandar Vulin"), (P, "Aco Vulin")): "same role",
    _key((ORG, HOSTILE), (ORG, HOSTILE_TOO)): "short form",
}
NOT_SUGGESTED = [
    _key((P, "Luka Jovanović"), (P, "Stefan Jovanović")),  # one surname, two first names
    _key((P, "Jovanović"), (P, "Luka Jovanović")),  # a surname two people of the article have
    _key((P, "Jovanović"), (P, "Stefan Jovanović")),
    _key((L, "Indonesia"), (ORG, "Indonesian Navy")),  # a country and its adjective's organisation
    _key((L, "North Korea"), (L, "South Korea")),
    _key((L, "Kennedy Space Center"), (L, "Kennedy Space Center Visitor Complex")),
    _key((P, "Ahmed Mohamed"), (P, "Mohamed El-Hassan Mohamed")),  # both also written "Mohamed"
    _key((P, "Aco Vulin"), (P, "Nebojša Stefanović")),  # the same role, held by two people
    _key((L, "Belgrade"), (ORG, HOSTILE_TOO)),
]


def test_each_signal_is_suggested_with_its_kind_and_evidence(graph, rules):
    ranking = merge_suggestions(graph, rules, limit=100)
    found = _by_pair(ranking)
    assert {key: found[key].kind for key in EXPECTED if key in found} == EXPECTED
    peterson = found[_key((P, "Dalija Peterson"), (P, "Dahlia Peterson"))]
    assert [article_id for article_id, _ in peterson.shared_articles] == ["m-share"]
    vulin = found[_key((P, "Aleksandar Vulin"), (P, "Aco Vulin"))]
    assert vulin.shared_roles == ("Interior Minister, Ministry of the Interior",)
    assert "initials" in found[_key((ORG, "BIRN"), (ORG, "Balkan Investigative Reporting Network"))].reason
    scores = [s.score for s in ranking.suggestions]
    assert scores == sorted(scores, reverse=True) and all(0 < s < 1 for s in scores)


def test_pairs_that_are_not_one_entity_are_not_suggested(graph, rules):
    found = _by_pair(merge_suggestions(graph, rules, limit=200))
    assert [key for key in NOT_SUGGESTED if key in found] == []


def test_limit_and_type_filter(graph, rules):
    assert len(merge_suggestions(graph, rules, limit=3).suggestions) == 3
    people = merge_suggestions(graph, rules, limit=100, entity_type="Person").suggestions
    assert people and {s.first.type for s in people} == {"Person"} == {s.second.type for s in people}
    with pytest.raises(QueryError, match="at least 1"):
        merge_suggestions(graph, rules, limit=0)


def test_an_empty_graph_has_no_suggestions(clean_db, neo4j_settings, rules):
    ranking = merge_suggestions(GraphReader(clean_db, neo4j_settings.neo4j_database), rules)
    assert (ranking.entities, ranking.suggestions) == (0, [])


def test_a_rejected_pair_is_remembered_with_editor_and_time_and_never_suggested_again(graph, rules, neo4j_settings):
    database = neo4j_settings.neo4j_database
    first, second = ident(P, "Dalija Peterson"), ident(P, "Dahlia Peterson")
    rejection = reject_merge(graph.driver, database, second, first, editor="ana")
    assert rejection.pair == pair_key(first, second) and rejection.editor == "ana" and rejection.rejected_at
    again = reject_merge(graph.driver, database, first, second, editor="bo")
    assert (again.editor, again.rejected_at) == ("ana", rejection.rejected_at)  # the first answer stays
    assert pair_key(first, second) not in _by_pair(merge_suggestions(graph, rules, limit=100))
    rows = run_curated(graph.driver, database, "merge-rejections", {}).rows()
    assert [(sorted(r["entity_ids"]), r["editor"], sorted(r["names"])) for r in rows] == [
        (sorted([first, second]), "ana", ["Dahlia Peterson", "Dalija Peterson"])
    ]
    # a new extraction of the article replaces its facts, and the rejection stays
    records = merge_records()
    article, extraction = next(r for r in records if r[0].id == "m-share")
    edited = (replace(article, title="Edited"), replace(extraction, extractor_version="merge-fixture-2"))
    summary = GraphLoader(graph.driver, database).load([edited])
    assert summary.replaced == 1
    assert len(run_curated(graph.driver, database, "merge-rejections", {}).rows()) == 1
    assert pair_key(first, second) not in _by_pair(merge_suggestions(graph, rules, limit=100))


@pytest.mark.parametrize(
    ("first", "second", "editor", "message"),
    [
        ("person:nobody", "person:dalija-peterson", "ana", "no entity with id"),
        ("person:dalija-peterson", "person:dalija-peterson", "ana", "two entities"),
        ("dalija", "person:dalija-peterson", "ana", "is not an entity id"),
        ("person:dahlia-peterson", "person:dalija-peterson", "  ", "editor name"),
        ("person:dahlia-peterson", "person:dalija-peterson", "x" * 101, "editor name"),
    ],
)
def test_a_bad_rejection_is_one_clear_error_and_writes_nothing(graph, neo4j_settings, first, second, editor, message):
    database = neo4j_settings.neo4j_database
    with pytest.raises(QueryError, match=message) as error:
        reject_merge(graph.driver, database, first, second, editor=editor)
    assert "\n" not in str(error.value)
    assert run_curated(graph.driver, database, "merge-rejections", {}).rows() == []


def test_merge_candidates_query_returns_names_articles_and_roles(graph, neo4j_settings):
    rows = run_curated(
        graph.driver, neo4j_settings.neo4j_database, "merge-candidates", {"entity_type": "Person"}
    ).rows()
    by_id = {r["id"]: r for r in rows}
    vulin = by_id[ident(P, "Aleksandar Vulin")]
    assert (vulin["name"], vulin["type"], vulin["articles"]) == ("Aleksandar Vulin", "Person", 1)
    assert vulin["sample_articles"] == [{"id": "m-state", "title": "Article m-state"}]
    assert vulin["roles"] == [
        {"title": "Interior Minister", "org_id": "organization:ministry-of-the-interior",
         "organization": "Ministry of the Interior"}
    ]  # fmt: skip
    assert by_id[ident(P, "Ahmed Mohamed")]["aliases"] == ["Mohamed"]
    assert {r["type"] for r in rows} == {"Person"}
    assert run_curated(graph.driver, neo4j_settings.neo4j_database, "merge-candidates", {"limit": 2}).rows()[0][
        "id"
    ] == ident(ORG, "Ministry of the Interior")  # most mentioned first


def test_newsgraph_merges_lists_them_and_refuses_bad_options(graph, neo4j_settings):
    runner = CliRunner()
    listed = runner.invoke(cli, ["merges", "--type", "Person", "--format", "json"], env=cli_env(neo4j_settings))
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.output)
    assert {(r["first_id"], r["second_id"], r["kind"]) for r in rows} >= {
        (ident(P, "Dahlia Peterson"), ident(P, "Dalija Peterson"), "spelling"),
        (ident(P, "J. Doe"), ident(P, "John Doe"), "short form"),
    }
    table = runner.invoke(cli, ["merges", "--top", "2"], env=cli_env(neo4j_settings))
    assert table.exit_code == 0 and table.output.count(" ~ ") == 2, table.output
    for bad in (["merges", "--top", "0"], ["merges", "--type", "Planet"]):
        refused = runner.invoke(cli, bad, env=cli_env(neo4j_settings))
        assert refused.exit_code == 2 and "Invalid value" in refused.output


# -- the name signals, without a database -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "types", "kind"),
    [
        ("Nebojša Stefanović", "Nebojsa Stefanovic", (P, P), "spelling"),
        ("World Health Organisation", "World Health Organization", (ORG, ORG), "spelling"),
        ("United Nations", "Untied Nations", (ORG, ORG), "spelling"),
        ("NEMISIS", "National Enforcement Management Information System", (ORG, ORG), "acronym"),
        ("East L.A.", "East Los Angeles", (L, L), "acronym"),
        ("UNSW", "University of NSW", (ORG, ORG), "acronym"),
        ("Marc Hill", "Marc Lamont Hill", (P, P), "short form"),
        ("Texas", "State of Texas", (L, L), "short form"),
        ("Udvar-Hazy Center", "Steven F. Udvar-Hazy Center", (ORG, ORG), "short form"),
        ("Evergreen Museum", "Evergreen Museum of McMinnville", (ORG, ORG), "short form"),
        ("Serbian Ministry of Finance", "Ministry of Finance", (ORG, ORG), "country"),
    ],
)
def test_signals(first, second, types, kind, rules):
    rules = rules.with_countries({"Serbia"})  # the graph's places join the lexicon's countries (rank does this)
    found = compare(first, second, *types, rules)
    assert found is not None and found.kind == kind, found
    assert compare(second, first, types[1], types[0], rules).kind == kind


@pytest.mark.parametrize(
    ("first", "second", "types"),
    [
        ("North Korea", "South Korea", (L, L)),
        ("Australia", "South Australia", (L, L)),
        ("Belgrade", "New Belgrade", (L, L)),
        ("North Korea", "North and South Korea", (L, L)),
        ("Kennedy Space Center", "Kennedy Space Center Visitor Complex", (L, L)),
        ("Andy Warhol", "Andy Warhol Foundation", (P, ORG)),
        ("Sheffield", "University of Sheffield", (L, ORG)),
        ("Canada", "Environment Canada", (L, ORG)),
        ("John Baird", "John Key", (P, P)),
        ("Luka Jovanović", "Stefan Jovanović", (P, P)),
        ("IE6", "IE9", (L, L)),
        ("Google", "Google Science Fair", (ORG, "Event")),
    ],
)
def test_not_signals(first, second, types, rules):
    assert compare(first, second, *types, rules) is None


def test_initials_skip_small_words_and_keep_an_acronym_inside_a_name():
    assert initials("Council on American-Islamic Relations") == "cair"
    assert initials("University of NSW") == "unsw"


def test_ranking_is_deterministic_and_a_two_letter_acronym_needs_a_shared_article():
    rules = NameRules()
    candidates = [
        Candidate("organization:eu", "EU", ORG, (), 3, (("a1", "A1"),)),
        Candidate("organization:european-union", "European Union", ORG, (), 1, (("a2", "A2"),)),
        Candidate("organization:who", "WHO", ORG, (), 1, (("a3", "A3"),)),
        Candidate("organization:world-health-organization", "World Health Organization", ORG, (), 1, (("a4", "A4"),)),
    ]
    expected = [("organization:who", "organization:world-health-organization")]
    assert [s.pair for s in rank(candidates, rules).suggestions] == expected
    assert [s.pair for s in rank(list(reversed(candidates)), rules).suggestions] == expected
    shared = [candidates[0], replace(candidates[1], sample_articles=(("a1", "A1"),))]
    assert [(s.pair, s.kind) for s in rank(shared, rules).suggestions] == [
        (("organization:eu", "organization:european-union"), "acronym")
    ]
