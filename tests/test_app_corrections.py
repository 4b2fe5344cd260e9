"""Corrections in the explorer (AppTest on the real Neo4j): off by default, every kind from its page, still applied
after the articles load again, listed on the Audit page newest first and undone there; names and reasons shown as
text."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

import pytest

from app_pages.common import md_text
from graph.corrections import list_corrections, record_correction, relation_key, undo_correction
from queries.explore import GraphReader, curated
from tests.app_harness import app_environment, fixture_graph, no_exception, open_page, texts
from tests.graph_fixtures import FIXTURE, load_fixture_graph

pytestmark = pytest.mark.neo4j
F = FIXTURE
HOSTILE = "<script>alert('x')</script> **bold** [link](https://evil.example)"
QUOTE = "fixture:2021-police-law@179-250"  # Andrej Petrovski: the draft police law would legalise …
OPPOSES = relation_key(F.share, "OPPOSES", F.safe_city_project, F.police_law, 407, 452)


@pytest.fixture
def graph(driver, neo4j_settings):
    fixture_graph(driver, neo4j_settings)
    return driver


@pytest.fixture
def editing(graph, neo4j_settings):
    with app_environment(neo4j_settings, NEWSGRAPH_EDITING="1", NEWSGRAPH_EDITOR="ana"):
        yield graph


def _one(driver, settings, cypher: str, **params: Any) -> Any:
    records, _, _ = driver.execute_query(cypher, params, database_=settings.neo4j_database)
    return records[0][0] if records else None


def _reload(driver, settings) -> None:
    """Every article written again, as after `reextract --all` with a new extractor: raw facts, then corrections."""
    driver.execute_query("MATCH (a:Article) SET a.fact_hash = 'stale'", database_=settings.neo4j_database)
    summary = load_fixture_graph(driver, settings.neo4j_database)
    assert summary.replaced == 5, summary.as_dict()


def _statement_page(statement_id: str):
    app = open_page("statements")
    ids = list(app.dataframe[0].value["statement_id"])
    app.selectbox(key="statements_context").set_value(ids.index(statement_id)).run()
    no_exception(app)
    return app


def _reassign_existing(app):
    app.radio(key="statement_action").set_value("Reassign the speaker")
    app.selectbox(key="statement_new_speaker").set_value(F.vulin)


def _reassign_new(app):
    app.radio(key="statement_action").set_value("Reassign the speaker")
    app.text_input(key="statement_new_name").input(HOSTILE)


def _reject(app):
    app.radio(key="statement_action").set_value("Not a statement")


def _rename(app):
    app.radio(key="entity_action").set_value("Rename")
    app.text_input(key="entity_new_name").input(HOSTILE)


def _retype(app):
    app.radio(key="entity_action").set_value("Retype")
    app.selectbox(key="entity_new_type").set_value("Group")


def _merge(app):
    app.radio(key="entity_action").set_value("Merge into another entity")
    app.selectbox(key="entity_merge_into").set_value(F.stefanovic)


def _split(app):
    app.radio(key="entity_action").set_value("Split an alias off")
    app.selectbox(key="entity_alias").set_value("Vulin")


def _reject_relation(app):
    app.radio(key="entity_action").set_value("Reject a relation")
    app.selectbox(key="entity_relation").set_value(OPPOSES)


# name: (page, statement or entity id, set the form, Cypher true once applied)
CASES = {
    "reassign-existing": ("statements", QUOTE, _reassign_existing,
                          f"MATCH (:Entity {{id: '{F.vulin}'}})-[:SAID]->(:Statement {{id: '{QUOTE}'}}) RETURN true"),
    "reassign-new": ("statements", QUOTE, _reassign_new,
                     f"MATCH (e:Person)-[:SAID]->(:Statement {{id: '{QUOTE}'}}) WHERE e.name = $hostile RETURN true"),
    "reject-statement": ("statements", QUOTE, _reject,
                         f"RETURN NOT EXISTS {{ MATCH (:Statement {{id: '{QUOTE}'}}) }}"),
    "rename": ("entity", F.huawei, _rename, f"MATCH (e:Entity {{id: '{F.huawei}'}}) RETURN e.name = $hostile"),
    "retype": ("entity", F.huawei, _retype, f"MATCH (e:Group {{id: '{F.huawei}'}}) RETURN e.type = 'Group'"),
    "merge": ("entity", F.vulin, _merge,
              f"MATCH (e:Entity {{id: '{F.stefanovic}'}}) WHERE NOT EXISTS {{ MATCH (:Entity {{id: '{F.vulin}'}}) }} "
              "RETURN 'Aleksandar Vulin' IN e.aliases"),
    "split-alias": ("entity", F.vulin, _split,
                    "MATCH (e:Person {id: 'person:vulin'}) RETURN e.created_by IS NOT NULL"),
    "reject-relation": ("entity", F.share, _reject_relation,
                        f"RETURN NOT EXISTS {{ MATCH (:Entity {{id: '{F.share}'}})-[:OPPOSES]->() }}"),
}  # fmt: skip


@pytest.mark.parametrize("case", list(CASES))
def test_each_kind_from_its_page_survives_a_reload_and_is_undone_on_the_audit_page(case, editing, neo4j_settings):
    page, target, fill, check = CASES[case]
    applied = lambda: bool(_one(editing, neo4j_settings, check, hostile=HOSTILE))  # noqa: E731
    assert not applied()
    app = _statement_page(target) if page == "statements" else open_page("entity", id=target)
    no_exception(app)
    prefix = "statement" if page == "statements" else "entity"
    fill(app)
    app.text_input(key=f"{prefix}_reason").input(f"<b>{case}</b>")
    app.button(key=f"{prefix}_correct").click().run()
    no_exception(app)
    assert "Recorded c" in texts(app), texts(app)
    assert applied()

    _reload(editing, neo4j_settings)
    assert applied()

    audit = open_page("audit")
    no_exception(audit)
    table = audit.dataframe[0].value
    assert list(table["reason"]) == [f"<b>{case}</b>"] and list(table["state"]) == ["applied"]
    assert list(table["editor"]) == ["ana"]
    audit.selectbox(key="audit_undo_choice").set_value(table["id"][0])
    audit.button(key="audit_undo").click().run()
    no_exception(audit)
    assert "Undone c" in texts(audit)
    assert not applied()
    assert list(audit.dataframe[0].value["state"]) == ["undone"]
    _reload(editing, neo4j_settings)
    assert not applied()


def test_the_explorer_is_read_only_by_default(graph, neo4j_settings):
    record_correction(graph, neo4j_settings.neo4j_database, "rename", F.huawei, {"name": "Huawei Technologies"},
                      editor="ana")  # fmt: skip
    with app_environment(neo4j_settings):
        app = _statement_page(QUOTE)
        assert not _has(app, "statement_correct")
        entity = open_page("entity", id=F.huawei)
        assert not _has(entity, "entity_correct")
        audit = open_page("audit")
        no_exception(audit)
        assert not _has(audit, "audit_undo")
        assert "read-only" in texts(audit)
        assert list(audit.dataframe[0].value["change"]) == [f"{F.huawei} renamed 'Huawei Technologies'"]


def _has(app, key: str) -> bool:
    return any(getattr(b, "key", None) == key for b in app.get("button"))


def test_a_correction_needs_an_editor_name(editing, neo4j_settings):
    app = open_page("entity", id=F.huawei)
    _rename(app)
    app.text_input(key="entity_editor").input("")
    app.button(key="entity_correct").click().run()
    no_exception(app)
    assert "needs an editor name" in texts(app)
    assert list_corrections(editing, neo4j_settings.neo4j_database) == []


def test_a_refused_correction_is_one_line_and_writes_nothing(editing, neo4j_settings):
    app = open_page("entity", id=F.vulin)
    app.radio(key="entity_action").set_value("Split an alias off")
    app.button(key="entity_correct").click().run()
    no_exception(app)
    assert "the alias is empty" in texts(app)
    assert list_corrections(editing, neo4j_settings.neo4j_database) == []


def test_html_in_names_and_reasons_is_shown_as_text(editing, neo4j_settings):
    record_correction(editing, neo4j_settings.neo4j_database, "rename", F.huawei, {"name": HOSTILE}, editor=HOSTILE,
                      reason=HOSTILE)  # fmt: skip
    audit = open_page("audit")
    no_exception(audit)
    row = audit.dataframe[0].value.iloc[0]
    assert (row["editor"], row["reason"]) == (HOSTILE, HOSTILE)  # a data frame cell is text, never markup
    shown = [str(e.value) for kind in ("markdown", "caption", "success", "error") for e in audit.get(kind)]
    assert not any("<script>" in text for text in shown), shown
    entity = open_page("entity", id=F.huawei)
    no_exception(entity)
    assert "<script>" not in entity.title[0].value and "\\<script\\>" in entity.title[0].value


def test_a_merged_away_id_says_where_it_went_by_which_correction_and_links_there(graph, neo4j_settings):
    database = neo4j_settings.neo4j_database
    first = record_correction(graph, database, "merge", F.vulin, {"into": F.stefanovic}, editor=HOSTILE,
                              reason="one minister")  # fmt: skip
    reader = GraphReader(graph, database)
    rows = curated(reader, "merged-into", {"entity_id": F.vulin}).rows
    assert [(r["correction_id"], r["editor"], json.loads(r["after"])["into"]) for r in rows] == [
        (first.id, HOSTILE, F.stefanovic)
    ]
    with app_environment(neo4j_settings):  # read-only: a bookmark works for every reader
        app = open_page("entity", id=F.vulin)
        no_exception(app)
        shown = texts(app)
        assert f"No entity with id {md_text(F.vulin)}" not in shown
        for part in ("merged into", "Nebojša Stefanović", first.id, first.created_at[:10], "one minister"):
            assert md_text(part) in shown, (part, shown)
        assert HOSTILE not in shown and "\\<script\\>" in shown  # the editor's name shown as text
        assert f"](entity?id={quote(F.stefanovic, safe='')})" in shown

        # The entity it went into was merged away in turn: the link leads on to where the facts are now.
        second = record_correction(graph, database, "merge", F.stefanovic, {"into": F.petrovski}, editor="bo")
        shown = texts(open_page("entity", id=F.vulin))
        assert md_text(first.id) in shown and f"](entity?id={quote(F.petrovski, safe='')})" in shown, shown
        assert "Andrej Petrovski" in shown

        undo_correction(graph, database, second.id, editor="bo")
        undo_correction(graph, database, first.id, editor="ana")  # undone: the id is an entity again
        assert curated(reader, "merged-into", {"entity_id": F.vulin}).rows == []
        app = open_page("entity", id=F.vulin)
        assert app.title[0].value == "Aleksandar Vulin" and "merged into" not in texts(app)

        app = open_page("entity", id="person:nobody")
        assert f"No entity with id {md_text('person:nobody')}." in texts(app) and "merged into" not in texts(app)


def test_undo_pressed_twice_undoes_the_chosen_correction_only(editing, neo4j_settings):
    database = neo4j_settings.neo4j_database
    older = record_correction(editing, database, "rename", F.huawei, {"name": "Huawei Technologies"}, editor="ana")
    first = record_correction(editing, database, "rename", F.share, {"name": "Share"}, editor="ana")
    newer = record_correction(editing, database, "rename", F.share, {"name": "SHARE"}, editor="ana")
    twin = record_correction(editing, database, "rename", F.share, {"name": "Share"}, editor="ana")  # first's label
    audit = open_page("audit")
    audit.selectbox(key="audit_undo_choice").set_value(newer.id)
    audit.button(key="audit_undo").click().run()
    no_exception(audit)
    assert f"Undone {md_text(newer.id)}" in texts(audit)
    audit.button(key="audit_undo").click().run()  # a double click: the chosen correction is no longer on offer
    no_exception(audit)
    assert "Choose the correction to undo." in texts(audit)
    states = {c.id: c.status for c in list_corrections(editing, database)}
    assert states == {older.id: "active", first.id: "active", newer.id: "undone", twin.id: "active"}


def test_a_statement_correction_pressed_twice_corrects_the_chosen_statement_only(editing, neo4j_settings):
    app = _statement_page(QUOTE)
    _reject(app)
    app.button(key="statement_correct").click().run()
    no_exception(app)
    assert "Recorded c" in texts(app)
    app.button(key="statement_correct").click().run()  # a double click: the statement at that place is another now
    no_exception(app)
    assert "Nothing recorded: the list of statements changed" in texts(app)
    corrections = list_corrections(editing, neo4j_settings.neo4j_database)
    assert [(c.kind, c.target) for c in corrections] == [("reject-statement", QUOTE)]


def test_two_statements_listed_alike_are_each_chosen_as_themselves(editing, neo4j_settings):
    syndicated, original = "fixture:2021-police-law-n1@1-66", "fixture:2021-police-law@74-139"
    _one(editing, neo4j_settings, "MATCH (s:Statement {id: $id}) SET s.date = date('2021-09-15') RETURN true",
         id=syndicated)  # fmt: skip
    app = open_page("statements")
    ids = list(app.dataframe[0].value["statement_id"])
    for statement_id in (original, syndicated):  # the same date, speaker and quote
        app.selectbox(key="statements_context").set_value(ids.index(statement_id)).run()
        no_exception(app)
        assert f"id {md_text(statement_id)}" in texts(app)


def test_two_entities_of_one_name_are_each_chosen_as_themselves(editing, neo4j_settings):
    record_correction(editing, neo4j_settings.neo4j_database, "rename", F.huawei, {"name": "SHARE Foundation"},
                      editor="ana")  # fmt: skip
    for merged, into in ((F.vulin, F.share), (F.milic, F.huawei)):
        app = open_page("entity", id=merged)
        app.radio(key="entity_action").set_value("Merge into another entity")
        app.selectbox(key="entity_merge_into").set_value(into)
        app.button(key="entity_correct").click().run()
        no_exception(app)
        made = list_corrections(editing, neo4j_settings.neo4j_database)[0]
        assert (made.target, made.after["into"]) == (merged, into)


def test_an_entity_correction_pressed_twice_is_recorded_once_and_undone_at_once(editing, neo4j_settings):
    app = open_page("entity", id=F.huawei)
    app.radio(key="entity_action").set_value("Rename")
    app.text_input(key="entity_new_name").input("Huawei Technologies")
    app.button(key="entity_correct").click().run()
    app.button(key="entity_correct").click().run()  # a double click
    no_exception(app)
    made = list_corrections(editing, neo4j_settings.neo4j_database)
    assert len(made) == 1 and f"already in force as {made[0].id}" in texts(app).replace("\\", "")
    undo_correction(editing, neo4j_settings.neo4j_database, made[0].id, editor="ana")
    assert _one(editing, neo4j_settings, "MATCH (e:Entity {id: $id}) RETURN e.name", id=F.huawei) == "Huawei"
