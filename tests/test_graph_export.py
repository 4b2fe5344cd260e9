"""Exports: GraphML, neo4j-admin CSV, JSON and the standalone HTML page, hostile text included."""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET

import pytest

from core.errors import QueryError
from graph.export import subgraph_around, whole_graph, write_csv, write_graphml, write_html, write_json
from graph.loader import clear_graph
from tests.graph_fixtures import FIXTURE, HOSTILE_ORG_NAME, HOSTILE_QUOTE, HOSTILE_TITLE, load_fixture_graph

pytestmark = pytest.mark.neo4j
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


@pytest.fixture(scope="module")
def graph(driver, neo4j_settings):
    clear_graph(driver, neo4j_settings.neo4j_database)
    load_fixture_graph(driver, neo4j_settings.neo4j_database)
    return whole_graph(driver, neo4j_settings.neo4j_database)


def test_whole_graph_has_every_node_and_relationship_without_embeddings(graph):
    # 37 nodes and 79 relationships of facts, and the quote cluster of the syndicated copy and its original
    assert (len(graph.nodes), len(graph.relationships)) == (37 + 1, 79 + 2)
    assert sum(n.labels == ("QuoteCluster",) for n in graph.nodes) == 1
    assert all("embedding" not in n.properties for n in graph.nodes)
    statement = next(n for n in graph.nodes if n.group == "Statement" and n.properties["text"] == HOSTILE_QUOTE)
    assert statement.key == statement.properties["id"]


def test_graphml_round_trips_hostile_text(graph, tmp_path):
    path = tmp_path / "g.graphml"
    write_graphml(graph, path)
    root = ET.parse(path).getroot()
    keys = {k.get("id"): k.get("attr.name") for k in root.iter(f"{GRAPHML}key")}
    nodes = root.find(f"{GRAPHML}graph").findall(f"{GRAPHML}node")
    edges = root.find(f"{GRAPHML}graph").findall(f"{GRAPHML}edge")
    assert (len(nodes), len(edges)) == (37 + 1, 79 + 2)
    values = {node.get("id"): {keys[d.get("key")]: d.text for d in node.findall(f"{GRAPHML}data")} for node in nodes}
    assert values[f"Article:{FIXTURE.hostile}"]["title"] == HOSTILE_TITLE
    assert values[f"Entity:{FIXTURE.watch}"]["name"] == HOSTILE_ORG_NAME
    assert values[f"Entity:{FIXTURE.stefanovic}"]["labels"] == "Entity:Person"
    node_ids = set(values)
    assert all(e.get("source") in node_ids and e.get("target") in node_ids for e in edges)


def test_csv_follows_the_neo4j_admin_import_layout(graph, tmp_path):
    files = write_csv(graph, tmp_path / "csv")
    names = sorted(p.name for p in files)
    assert "nodes_Entity.csv" in names
    assert "relationships_Entity_Statement.csv" in names
    with (tmp_path / "csv" / "nodes_Statement.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    assert header[:2] == ["id:ID(Statement)", ":LABEL"]
    assert {"start:int", "end:int", "confidence:float", "date:date", "text"} <= set(header)
    text_column = header.index("text")
    assert HOSTILE_QUOTE in [row[text_column] for row in rows[1:]]
    with (tmp_path / "csv" / "relationships_Entity_Statement.csv").open(encoding="utf-8", newline="") as handle:
        rels = list(csv.reader(handle))
    assert rels[0][:3] == [":START_ID(Entity)", ":END_ID(Statement)", ":TYPE"]
    assert {r[2] for r in rels[1:]} == {"SAID"}
    assert len(rels) - 1 == 11
    with (tmp_path / "csv" / "nodes_Entity.csv").open(encoding="utf-8", newline="") as handle:
        entities = {row["id:ID(Entity)"]: row for row in csv.DictReader(handle)}
    assert entities[FIXTURE.interior]["aliases:string[]"] == "Interior Ministry"
    with (tmp_path / "csv" / "relationships_Entity_Entity.csv").open(encoding="utf-8", newline="") as handle:
        relations = list(csv.DictReader(handle))
    # A relation's date keeps its precision: text, not a date column that would read "2021-09" as 1 September.
    assert "date" in relations[0] and "date:date" not in relations[0]
    assert {(r[":TYPE"], r["date"]) for r in relations if r[":TYPE"] == "PROPOSES"} == {("PROPOSES", "2021-09"),
                                                                                        ("PROPOSES", "")}  # fmt: skip
    assert {r["predicate"] for r in relations if r[":TYPE"] == "LINKED"} == {"MAKE"}
    command = (tmp_path / "csv" / "import-command.txt").read_text(encoding="utf-8")
    assert "--nodes=nodes_Entity.csv" in command
    assert "--array-delimiter='|'" in command


def test_json_round_trips(graph, tmp_path):
    path = tmp_path / "g.json"
    write_json(graph, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert (len(data["nodes"]), len(data["relationships"])) == (37 + 1, 79 + 2)
    titles = {n["properties"].get("title") for n in data["nodes"] if "Article" in n["labels"]}
    assert HOSTILE_TITLE in titles


def test_subgraph_around_an_entity_respects_depth_and_cap(driver, neo4j_settings, graph):
    database = neo4j_settings.neo4j_database
    one = subgraph_around(driver, database, FIXTURE.milic, depth=1)
    assert {n.uid for n in one.nodes} == {
        f"Entity:{FIXTURE.milic}", f"Article:{FIXTURE.hostile}",
        *(f"Statement:{FIXTURE.hostile}@{s}" for s in _statement_spans(one)),
        f"Role:{FIXTURE.milic}|member|{FIXTURE.watch}",
    }  # fmt: skip
    assert not one.truncated
    two = subgraph_around(driver, database, FIXTURE.milic, depth=2)
    assert len(two.nodes) > len(one.nodes)
    capped = subgraph_around(driver, database, FIXTURE.milic, depth=3, max_nodes=6)
    assert (len(capped.nodes), capped.truncated) == (6, True)
    keys = {n.uid for n in capped.nodes}
    assert all(f"{r.start_group}:{r.start}" in keys and f"{r.end_group}:{r.end}" in keys for r in capped.relationships)
    with pytest.raises(QueryError, match="no entity with id"):
        subgraph_around(driver, database, "person:nobody")


def _statement_spans(graph) -> list[str]:
    return [n.key.rsplit("@", 1)[1] for n in graph.nodes if n.group == "Statement"]


def _hostile_page(driver, neo4j_settings, tmp_path):
    sub = subgraph_around(driver, neo4j_settings.neo4j_database, FIXTURE.milic, depth=2)
    path = tmp_path / "page.html"
    write_html(sub, path, 'Network of <script>alert("heading")</script>')
    return path, sub


def test_html_page_escapes_all_text(driver, neo4j_settings, graph, tmp_path):
    path, sub = _hostile_page(driver, neo4j_settings, tmp_path)
    page = path.read_text(encoding="utf-8")
    for hostile in (HOSTILE_QUOTE[:30], "<b>Group</b>", '<script>alert("heading")</script>', "<i>Gazette</i>"):
        assert hostile not in page, hostile
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in page  # present, as JSON-escaped data
    assert "&lt;script&gt;alert(&#34;heading&#34;)&lt;/script&gt;" in page or "&lt;script&gt;" in page
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"https?://", page)  # standalone: nothing remote
    # The hostile page has exactly the script and markup tags of a page made from harmless text.
    benign = tmp_path / "benign.html"
    write_html(subgraph_around(driver, neo4j_settings.neo4j_database, FIXTURE.vulin, depth=1), benign, "Vulin")
    benign_page = benign.read_text(encoding="utf-8")
    for tag in ("<script", "</script>", "<img", "<b>", "<i>"):
        assert page.count(tag) == benign_page.count(tag), tag
    assert len(sub.nodes) > 5


@pytest.mark.browser
def test_html_page_runs_no_injected_script_in_a_real_browser(driver, neo4j_settings, graph, tmp_path):
    from selenium import webdriver
    from selenium.common.exceptions import NoAlertPresentException, WebDriverException

    path, sub = _hostile_page(driver, neo4j_settings, tmp_path)
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    try:
        browser = webdriver.Chrome(options=options, service=webdriver.ChromeService("/usr/bin/chromedriver"))
    except WebDriverException as e:
        pytest.skip(f"no headless Chromium here: {e.msg}")
    try:
        browser.get(path.as_uri())
        browser.implicitly_wait(2)
        drawn = browser.execute_script("return network.body.data.nodes.length")
        labels = browser.execute_script("return network.body.data.nodes.get().map(n => n.label)")
        browser.save_screenshot(str(tmp_path / "page.png"))
        with pytest.raises(NoAlertPresentException):
            browser.switch_to.alert.text  # noqa: B018 - an injected alert() would be open now
        assert drawn == len(sub.nodes)
        assert any(label.startswith("<img src=x") for label in labels)  # shown as text, not markup
    finally:
        browser.quit()


def test_html_tooltips_stay_text_when_article_text_holds_a_link(tmp_path):
    # pyvis writes a node's `title` into the page with innerHTML as soon as a title contains "href"; the page
    # must give it no such title, and show the link markup only as escaped text.
    from graph.export import ExportNode, ExportRelationship, Subgraph

    link = '<a href="javascript:alert(1)">read more</a>'
    article = ExportNode("Article", "a1", ("Article",), {"id": "a1", "title": "Plain title", "url": "https://x.example/",
                                                          "sentence": f"He wrote {link} in the comments."})  # fmt: skip
    person = ExportNode("Entity", "person:x", ("Entity", "Person"), {"id": "person:x", "name": link})
    mention = ExportRelationship("MENTIONS", "Article", "a1", "Entity", "person:x", {"sentence": link})
    path = tmp_path / "page.html"
    write_html(Subgraph([article, person], [mention]), path, "Links")
    page = path.read_text(encoding="utf-8")
    assert link not in page and "popup.innerHTML" not in page
    nodes = json.loads(re.search(r"nodes = new vis\.DataSet\((\[.*?\])\);", page, re.S).group(1))
    by_id = {n["id"]: n for n in nodes}
    assert "title" not in by_id["Article:a1"]
    assert "He wrote &lt;a href=&quot;javascript:alert(1)&quot;&gt;read more&lt;/a&gt;" in by_id["Article:a1"]["tip"]
    assert "url: https://x.example/" in by_id["Article:a1"]["tip"]
    assert by_id["Entity:person:x"]["label"] == link  # a label is drawn on the canvas as text
    assert by_id["Entity:person:x"]["shape"] == "dot" and by_id["Article:a1"]["shape"] == "square"
