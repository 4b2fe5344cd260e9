"""The Merge suggestions page under AppTest on the real Neo4j: empty graph, suggestions with their evidence, names
shown as text, read-only by default, and an editor's answers recorded (a merge correction, a rejection)."""

from __future__ import annotations

import pytest

from queries.merge_suggestions import pair_key
from tests.app_harness import app_environment, no_exception, open_page, texts, wipe
from tests.merge_fixtures import HOSTILE, HOSTILE_TOO, ident, load_merge_graph

pytestmark = pytest.mark.neo4j

DALIJA, DAHLIA = ident("Person", "Dalija Peterson"), ident("Person", "Dahlia Peterson")
BIRN, NETWORK = ident("Organization", "BIRN"), ident("Organization", "Balkan Investigative Reporting Network")


@pytest.fixture
def merge_graph(driver, neo4j_settings):
    wipe(driver, neo4j_settings.neo4j_database)
    load_merge_graph(driver, neo4j_settings.neo4j_database)
    return driver


def _buttons(app) -> set[str]:
    return {b.key for b in app.button if b.key and b.key.startswith("merge_")}


def test_an_empty_graph_says_how_to_fill_it(driver, neo4j_settings):
    wipe(driver, neo4j_settings.neo4j_database)
    with app_environment(neo4j_settings):
        app = open_page("merges")
    no_exception(app)
    assert any("The graph is empty" in i.value for i in app.info)
    assert not app.dataframe


def test_suggestions_with_evidence_read_only_by_default(merge_graph, neo4j_settings):
    with app_environment(neo4j_settings):
        app = open_page("merges")
        no_exception(app)
        summary = app.dataframe[0].value
        pairs = {frozenset((r["first"], r["second"])): r["kind"] for _, r in summary.iterrows()}
        assert pairs[frozenset(("Dahlia Peterson", "Dalija Peterson"))] == "spelling"
        assert pairs[frozenset(("BIRN", "Balkan Investigative Reporting Network"))] == "acronym"
        assert frozenset(("Luka Jovanović", "Stefan Jovanović")) not in pairs
        shown = texts(app)
        assert "In the same articles: [Article m\\-share](article?id=m-share)" in shown
        assert "The same role: Interior Minister, Ministry of the Interior" in shown
        assert "Read-only" in shown and _buttons(app) == set()
        app.selectbox(key="merge_type").set_value("Person").run()
        people = app.dataframe[0].value
        assert set(people["first"]) | set(people["second"]) <= {
            "Dahlia Peterson", "Dalija Peterson", "Aco Vulin", "Aleksandar Vulin", "Bauchtman", "Lydia Buchtmann",
            "J. Doe", "John Doe",
        }  # fmt: skip


def test_html_in_names_is_shown_as_text(merge_graph, neo4j_settings):
    with app_environment(neo4j_settings):
        app = open_page("merges")
    no_exception(app)
    evidence = "\n".join(m.value for m in app.markdown)
    assert "<b>" not in evidence and "\\<b\\>Acme\\</b\\> Holdings" in evidence
    assert HOSTILE in set(app.dataframe[0].value["first"]) | set(app.dataframe[0].value["second"])  # a cell is text


def test_an_editor_rejects_one_pair_and_merges_another(merge_graph, neo4j_settings):
    database = neo4j_settings.neo4j_database
    with app_environment(neo4j_settings, NEWSGRAPH_EDITING="true", NEWSGRAPH_EDITOR="ana"):
        app = open_page("merges")
        no_exception(app)
        hostile = pair_key(ident("Organization", HOSTILE), ident("Organization", HOSTILE_TOO))
        label = app.button(key=f"merge_keep_first_{hostile}").label
        assert "<b>" not in label and "\\<b\\>Acme" in label  # a button label reads Markdown: escaped
        app.button(key=f"merge_reject_{pair_key(DALIJA, DAHLIA)}").click().run()
        no_exception(app)
        assert [s.value for s in app.success] == ["Not the same\\: Dahlia Peterson and Dalija Peterson"]
        assert f"merge_reject_{pair_key(DALIJA, DAHLIA)}" not in _buttons(app)
        app.button(key=f"merge_keep_first_{pair_key(BIRN, NETWORK)}").click().run()
        no_exception(app)
        assert [s.value for s in app.success] == [
            "Merged BIRN into Balkan Investigative Reporting Network\\. Undo it on the Audit page\\."
        ]
        assert f"merge_reject_{pair_key(BIRN, NETWORK)}" not in _buttons(app)
    rejected, _, _ = merge_graph.execute_query(
        "MATCH (r:MergeRejection) RETURN r.pair AS pair, r.editor AS editor, r.rejected_at IS NOT NULL AS dated",
        database_=database,
    )
    assert [(r["pair"], r["editor"], r["dated"]) for r in rejected] == [(pair_key(DALIJA, DAHLIA), "ana", True)]
    merged, _, _ = merge_graph.execute_query(
        "MATCH (c:Correction) RETURN c.kind AS kind, c.target AS target, c.after AS after, c.editor AS editor",
        database_=database,
    )
    assert [(r["kind"], r["target"], r["editor"]) for r in merged] == [("merge", BIRN, "ana")]
    assert NETWORK in merged[0]["after"]
    gone, _, _ = merge_graph.execute_query("MATCH (e:Entity {id: $id}) RETURN e", id=BIRN, database_=database)
    assert gone == []


def test_editing_without_an_editor_name_offers_no_answer(merge_graph, neo4j_settings):
    with app_environment(neo4j_settings, NEWSGRAPH_EDITING="true", NEWSGRAPH_EDITOR=""):
        app = open_page("merges")
    no_exception(app)
    assert any("Give your name as editor" in i.value for i in app.info)
    assert _buttons(app) == set()
