"""Graph page and the pyvis drawing: filters, node cap, download, and article text that stays inert."""

from __future__ import annotations

import html
import json
import re

import pytest

from core.records import Article, Entity, Extraction, Relation, content_hash
from graph.loader import GraphLoader
from graph.network import Network
from graph.network_view import edge_tip, render_html, script_json
from tests.app_harness import app_environment, fixture_graph, no_exception, open_page, texts
from tests.graph_fixtures import FIXTURE, HOSTILE_ORG_NAME, HOSTILE_QUOTE

F = FIXTURE
RAW_MARKUP = ("<script>alert", "<img src=x", "<b>Group</b>", "<b>everywhere</b>")
SCRIPT = "<script>window.pwned = 1</script>"
MEETING = f"Jelena Milić met Belgrade officials {SCRIPT} on Monday."


def _hostile_meeting() -> tuple[Article, Extraction]:
    """A typed relation whose evidence sentence and date carry markup."""
    article = Article("app:meeting", MEETING, content_hash(MEETING), title="Meeting", published="2021-12-01")
    entities = (
        Entity(F.milic, "Jelena Milić", "Person", (), ((0, 12),)),
        Entity(F.belgrade, "Belgrade", "Location", (), ((17, 25),)),
    )
    meets = Relation(F.milic, "MEETS", F.belgrade, 0, 25, MEETING, 0.9, "2021-11")
    return article, Extraction(article.id, "fixture-1", entities=entities, relations=(meets,))


def _data_sets(page: str) -> tuple[list[dict], list[dict]]:
    nodes = re.search(r"nodes = new vis\.DataSet\((\[.*?\])\);", page, re.S)
    edges = re.search(r"edges = new vis\.DataSet\((\[.*?\])\);", page, re.S)
    assert nodes and edges
    return json.loads(nodes.group(1)), json.loads(edges.group(1))


def _hostile_network() -> Network:
    net = Network()
    net.nodes = {
        F.watch: {"id": F.watch, "name": HOSTILE_ORG_NAME, "type": "Organization", "articles": 1},
        "person:x</script><script>window.pwned=1</script>": {
            "id": "person:x</script><script>window.pwned=1</script>",
            "name": "<script>alert('name')</script>",
            "type": "Person",
            "articles": 2,
        },
    }
    net.edges = [
        {
            "source_id": "person:x</script><script>window.pwned=1</script>",
            "target_id": F.watch,
            "kind": "SAID_ABOUT",
            "label": "<i>quoted</i>",
            "evidence": HOSTILE_QUOTE,
            "evidence_count": 1,
        }
    ]
    return net


def test_drawing_escapes_labels_tooltips_and_links():
    page = render_html(_hostile_network())
    for raw in (*RAW_MARKUP, "</script><script>window.pwned", "<i>quoted</i>", HOSTILE_QUOTE):
        assert raw not in page
    nodes, edges = _data_sets(page)
    by_id = {n["id"]: n for n in nodes}
    # Labels keep the text as written (drawn on the canvas as text); tooltips are escaped HTML.
    assert by_id[F.watch]["label"] == HOSTILE_ORG_NAME
    assert html.escape(HOSTILE_ORG_NAME) in by_id[F.watch]["tip"]
    assert "<b>" not in by_id[F.watch]["tip"].replace(f"<b>{html.escape(HOSTILE_ORG_NAME)}</b>", "")
    assert html.escape(HOSTILE_QUOTE) in edges[0]["tip"]
    assert edges[0]["label"] == "<i>quoted</i>"
    assert "title" not in by_id[F.watch]  # kept out of pyvis's own (innerHTML) tooltip mode
    assert "entity?id=person%3Ax%3C%2Fscript%3E" in page  # the profile link is URL-encoded


def test_script_json_cannot_close_a_script_element():
    text = script_json({"a": "</script><!-- & >"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"a": "</script><!-- & >"}


def test_standalone_page_has_no_profile_links_and_no_network_access():
    page = render_html(_hostile_network(), links=False)
    assert "entity?id=" not in page
    assert "cdnjs" not in page.split("<body>", 1)[-1] or "vis-network" in page
    assert not re.search(r"<script[^>]+src=\"https?://", page)


def test_edge_tooltip_escapes_the_evidence_and_the_date():
    tip = edge_tip({"kind": "MEETS", "label": "meets", "evidence": MEETING, "date": "<b>2021</b>"})
    assert SCRIPT not in tip and "<b>2021</b>" not in tip
    assert html.escape(MEETING) in tip and "&lt;b&gt;2021&lt;/b&gt;" in tip


@pytest.fixture(scope="module")
def app_graph(driver, neo4j_settings):
    fixture_graph(driver, neo4j_settings)
    GraphLoader(driver, neo4j_settings.neo4j_database).load([_hostile_meeting()])
    with app_environment(neo4j_settings):
        yield


def _frame(app) -> str:
    frames = app.get("iframe")
    assert frames, "no graph frame on the page"
    return frames[0].proto.srcdoc


@pytest.mark.neo4j
def test_graph_page_draws_the_network_around_the_chosen_entity(app_graph):
    app = open_page("graph", ids=F.interior)
    no_exception(app)
    assert app.multiselect(key="graph_seeds").value == [F.interior]
    nodes, edges = _data_sets(_frame(app))
    assert {n["label"] for n in nodes} >= {"Ministry of the Interior", "Huawei", "draft police law"}
    assert {e["label"] for e in edges} >= {"supplies", "proposes", "Interior Minister"}
    assert app.multiselect(key="graph_kinds").value == [
        "AGREEMENT_WITH", "SUPPLIES", "FUNDS", "ACQUIRES", "PARTNERS_WITH", "MEETS", "SUPPORTS", "OPPOSES",
        "LEGAL_ACTION_AGAINST", "PROPOSES", "ENACTS", "WITHDRAWS", "USES", "PART_OF", "PARTICIPATES_IN",
    ]  # fmt: skip
    assert "takes part in" in app.multiselect(key="graph_kinds").options  # the kinds are offered in plain words
    supplies = next(e for e in edges if e["label"] == "supplies")
    assert supplies["arrows"] == "to" and "2019-03-29" in supplies["tip"]
    shapes = {n["label"]: n["shape"] for n in nodes}
    assert shapes["Huawei"] == "square" and shapes["Nebojša Stefanović"] == "dot"
    assert "entities" in texts(app) and "connections" in texts(app)
    assert app.download_button(key="graph_download").label == "Download as a standalone HTML page"


@pytest.mark.neo4j
def test_graph_page_filters_by_relation_kind_and_depth(app_graph):
    app = open_page("graph", ids=F.interior)
    app.multiselect(key="graph_kinds").set_value(["SUPPLIES"]).run()
    _, edges = _data_sets(_frame(app))
    assert {e["label"] for e in edges} == {"supplies", "Interior Minister"}
    app.multiselect(key="graph_kinds").set_value([]).run()
    nodes, edges = _data_sets(_frame(app))
    assert {e["label"] for e in edges} == {"Interior Minister"}
    assert any("No relation kind is chosen" in i.value for i in app.info)
    assert "Ministry of Defence" not in {n["label"] for n in nodes}
    app.checkbox(key="graph_roles").uncheck().run()
    nodes, edges = _data_sets(_frame(app))
    assert ([n["label"] for n in nodes], edges) == (["Ministry of the Interior"], [])
    no_exception(app)
    app.multiselect(key="graph_kinds").set_value(["PROPOSES", "SUPPLIES"]).run()
    app.checkbox(key="graph_roles").check().run()
    app.slider(key="graph_depth").set_value(2).run()
    nodes, _ = _data_sets(_frame(app))
    # two steps: the interior ministry → Stefanović (a role there) → the defence ministry (his later role)
    assert "Ministry of Defence" in {n["label"] for n in nodes}


@pytest.mark.neo4j
def test_graph_page_caps_nodes_with_a_message(app_graph):
    app = open_page("graph", ids=F.belgrade)
    app.slider(key="graph_depth").set_value(3).run()
    app.number_input(key="graph_cap").set_value(10).run()
    no_exception(app)
    nodes, _ = _data_sets(_frame(app))
    assert len(nodes) <= 10
    assert any("cut at" in w.value for w in app.warning)


@pytest.mark.neo4j
def test_a_node_cap_setting_under_ten_is_the_most_nodes_drawn(app_graph, neo4j_settings):
    with app_environment(neo4j_settings, NEWSGRAPH_GRAPH_NODE_CAP="3"):
        app = open_page("graph", ids=F.belgrade)
        no_exception(app)
        assert app.number_input(key="graph_cap").value == 3
        nodes, _ = _data_sets(_frame(app))
        assert len(nodes) <= 3


@pytest.mark.neo4j
def test_graph_page_keeps_hostile_names_inert(app_graph):
    app = open_page("graph", ids=F.milic)
    frame = _frame(app)
    for raw in RAW_MARKUP:
        assert raw not in frame
    nodes, _ = _data_sets(frame)
    assert HOSTILE_ORG_NAME in {n["label"] for n in nodes}


@pytest.mark.neo4j
def test_graph_page_shows_untyped_links_only_when_asked(app_graph):
    app = open_page("graph", ids=F.belgrade)
    _, edges = _data_sets(_frame(app))
    assert "make" not in {e["label"] for e in edges}
    app.checkbox(key="graph_links").check().run()
    _, edges = _data_sets(_frame(app))
    link = next(e for e in edges if e["label"] == "make")
    assert link["dashes"] is True


@pytest.mark.neo4j
def test_graph_page_keeps_a_hostile_relation_sentence_inert(app_graph):
    app = open_page("graph", ids=F.milic)
    no_exception(app)
    frame = _frame(app)
    assert SCRIPT not in frame
    _, edges = _data_sets(frame)
    meeting = next(e for e in edges if e["label"] == "meets")
    assert html.escape(MEETING) in meeting["tip"] and "2021-11" in meeting["tip"]
    assert meeting["arrows"] == ""  # a meeting has no direction
    table = next(f.value for f in app.dataframe if "evidence" in f.value.columns)
    assert MEETING in set(table["evidence"])  # shown as text in the table
