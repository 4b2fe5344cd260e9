"""Drawing a ``Network`` (queries/explore.py) as an interactive pyvis page, safe for untrusted article text.

The explorer's graph page and console draw with it, and so does ``newsgraph export --html`` (graph/export.py
turns its subgraph into a ``Network``): one drawing, one set of escaping rules.

Names and evidence sentences come from articles, so nothing of theirs may reach the browser as markup:

* labels travel inside pyvis's data JSON, which its template writes with Jinja's ``tojson`` (``<``, ``>``,
  ``&`` and quotes become ``\\u`` escapes, so a name cannot close the ``<script>`` block);
* tooltips are built here as HTML in which every article-derived part is ``html.escape``d, and kept in
  a ``tip`` property rather than pyvis's ``title``: pyvis switches to an ``innerHTML`` tooltip mode when
  a title contains the letters "href", which article text may well do. A small script then turns each
  escaped tip into a DOM element for vis-network's tooltip;
* the script's own data (profile links) is JSON with ``<``, ``>`` and ``&`` escaped the same way.
"""

from __future__ import annotations

import html
import json
import math
import re
from typing import Any
from urllib.parse import quote

from pyvis.network import Network as PyvisNetwork

from graph.network import LINK_KIND, Network, is_symmetric

STYLE_BY_TYPE: dict[str, tuple[str, str]] = {
    "Person": ("dot", "#4e79a7"),
    "Organization": ("square", "#f28e2b"),
    "Location": ("triangle", "#59a14f"),
    "Law": ("diamond", "#e15759"),
    "Event": ("star", "#b07aa1"),
    "Product": ("triangleDown", "#9c755f"),
    "Group": ("hexagon", "#76b7b2"),
}
# Nodes that are not entities, drawn by exports of a whole subgraph.
RECORD_STYLES: dict[str, tuple[str, str]] = {
    "Article": ("square", "#9e9e9e"),
    "Statement": ("square", "#5c6bc0"),
    "Role": ("square", "#8d6e63"),
    "Source": ("square", "#607d8b"),
}
DEFAULT_STYLE = ("ellipse", "#bab0ac")
EDGE_COLOURS = {"HOLDS_ROLE": "#8c8c8c", "SAID_ABOUT": "#d4a6c8", LINK_KIND: "#c7c7c7"}
PROFILE_PAGE = "entity"
# pyvis's template always adds Bootstrap from a CDN; the drawing does not use it, and a published page or
# an offline explorer must not reach out to third-party hosts.
_REMOTE_ASSETS = re.compile(r"<link[^>]*href=\"https?://[^>]*>|<script[^>]*src=\"https?://[^\"]*\"[^>]*>\s*</script>")
# The template prints a heading twice; once is enough.
_REPEATED_HEADING = re.compile(r"<center>\s*<h1>.*?</h1>\s*</center>", re.DOTALL)


def profile_link(entity_id: str) -> str:
    """Relative link to an entity's profile page in the explorer."""
    return f"{PROFILE_PAGE}?id={quote(entity_id, safe='')}"


def script_json(value: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element (no ``</script>``, no ``<!--``)."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def node_tip(node: dict[str, Any], degree: int) -> str:
    """Name, type and id, then the node's ``details`` (label, value) pairs, then its counts; all escaped."""
    name = html.escape(str(node.get("name") or node["id"]))
    kind = html.escape(str(node.get("type") or "entity"))
    ident = html.escape(str(node["id"]))
    lines = [f"<b>{name}</b>", f"{kind} · <code>{ident}</code>"]
    lines += [f"{html.escape(str(label))}: {html.escape(str(value))}" for label, value in node.get("details", ())]
    counts = f"{degree} connections"
    if "articles" in node:
        counts = f"{int(node.get('articles') or 0)} articles · {counts}"
    return "<br>".join([*lines, counts])


def edge_tip(edge: dict[str, Any]) -> str:
    """What the edge says, its date and the evidence sentence; every part escaped (all of it comes from articles)."""
    label = html.escape(str(edge.get("label") or edge["kind"]))
    evidence = html.escape(str(edge.get("evidence") or ""))
    count = int(edge.get("evidence_count") or 1)
    lines = [f"<b>{label}</b> ({count} evidence)" if evidence else f"<b>{label}</b> ({count})"]
    if edge.get("date"):
        lines.append(html.escape(str(edge["date"])))
    if evidence:
        lines.append(f"<i>{evidence}</i>")
    return "<br>".join(lines)


def degrees(net: Network) -> dict[str, int]:
    found = dict.fromkeys(net.nodes, 0)
    for edge in net.edges:
        for end in (edge["source_id"], edge["target_id"]):
            found[end] = found.get(end, 0) + 1
    return found


def render_html(
    net: Network,
    *,
    seeds: tuple[str, ...] = (),
    size_by: str = "degree",
    height: str = "640px",
    links: bool = True,
    heading: str = "",
) -> str:
    """A self-contained HTML page (vis-network inlined, no network access needed) drawing ``net``.

    With ``links`` a click on a node opens its profile in the explorer (in a new tab, because the
    explorer shows the graph in a sandboxed frame); a standalone download leaves links out. ``heading`` is
    plain text, shown once above the drawing.
    """
    page = PyvisNetwork(height=height, width="100%", directed=True, cdn_resources="in_line",
                        heading=html.escape(heading))  # fmt: skip
    degree = degrees(net)
    for node_id, node in net.nodes.items():
        shape, colour = _style(str(node.get("type")))
        weight = degree.get(node_id, 0) if size_by == "degree" else int(node.get("articles") or 0)
        page.add_node(
            node_id,
            label=str(node.get("name") or node_id),
            shape=shape,
            color=colour,
            size=10 + 5 * math.sqrt(weight),
            borderWidth=4 if node_id in seeds else 1,
            tip=node_tip(node, degree.get(node_id, 0)),
            group=str(node.get("type") or "entity"),
            font={"size": 18},
        )
    for edge in net.edges:
        page.add_edge(
            edge["source_id"],
            edge["target_id"],
            label=str(edge.get("label") or edge["kind"]),
            width=1 + math.log2(int(edge.get("evidence_count") or 1)),
            color=EDGE_COLOURS.get(edge["kind"], "#4e79a7"),
            tip=edge_tip(edge),
            arrows="" if is_symmetric(edge["kind"]) else "to",
            dashes=edge["kind"] == LINK_KIND,  # an untyped verb link is drawn apart from the facts
            font={"size": 12, "align": "middle"},
        )
    page.barnes_hut(spring_length=160)
    document = _REPEATED_HEADING.sub("", _REMOTE_ASSETS.sub("", page.generate_html(notebook=False)), count=1)
    urls = {node_id: profile_link(node_id) for node_id in net.nodes} if links else {}
    return document.replace("</body>", _behaviour_script(urls) + "\n</body>", 1)


def _style(node_type: str) -> tuple[str, str]:
    return STYLE_BY_TYPE.get(node_type) or RECORD_STYLES.get(node_type, DEFAULT_STYLE)


def _behaviour_script(urls: dict[str, str]) -> str:
    return (
        "<script>\n(function () {\n"
        f"  var profiles = {script_json(urls)};\n"
        "  function tip(markup) { var box = document.createElement('div'); box.innerHTML = markup; return box; }\n"
        "  nodes.forEach(function (n) { if (n.tip) { nodes.update({id: n.id, title: tip(n.tip)}); } });\n"
        "  edges.forEach(function (e) { if (e.tip) { edges.update({id: e.id, title: tip(e.tip)}); } });\n"
        "  network.on('click', function (params) {\n"
        "    var target = params.nodes.length ? profiles[params.nodes[0]] : null;\n"
        "    if (target) { window.open(target, '_blank', 'noopener'); }\n"
        "  });\n"
        "})();\n</script>"
    )
