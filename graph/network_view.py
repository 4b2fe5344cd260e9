"""Drawing a ``Network`` (graph/explore.py) as an interactive pyvis page, safe for untrusted article text.

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

from graph.explore import Network

STYLE_BY_TYPE: dict[str, tuple[str, str]] = {
    "Person": ("dot", "#4e79a7"),
    "Organization": ("square", "#f28e2b"),
    "Location": ("triangle", "#59a14f"),
    "Law": ("diamond", "#e15759"),
    "Event": ("star", "#b07aa1"),
    "Product": ("triangleDown", "#9c755f"),
    "Group": ("hexagon", "#76b7b2"),
}
DEFAULT_STYLE = ("ellipse", "#bab0ac")
EDGE_COLOURS = {"HOLDS_ROLE": "#8c8c8c", "SAID_ABOUT": "#d4a6c8"}
PROFILE_PAGE = "entity"
# pyvis's template always adds Bootstrap from a CDN; the drawing does not use it, and a published page or
# an offline explorer must not reach out to third-party hosts.
_REMOTE_ASSETS = re.compile(r"<link[^>]*href=\"https?://[^>]*>|<script[^>]*src=\"https?://[^\"]*\"[^>]*>\s*</script>")


def profile_link(entity_id: str) -> str:
    """Relative link to an entity's profile page in the explorer."""
    return f"{PROFILE_PAGE}?id={quote(entity_id, safe='')}"


def script_json(value: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element (no ``</script>``, no ``<!--``)."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def node_tip(node: dict[str, Any], degree: int) -> str:
    name = html.escape(str(node.get("name") or node["id"]))
    kind = html.escape(str(node.get("type") or "entity"))
    ident = html.escape(str(node["id"]))
    return (
        f"<b>{name}</b><br>{kind} · <code>{ident}</code><br>"
        f"{int(node.get('articles') or 0)} articles · {degree} connections"
    )


def edge_tip(edge: dict[str, Any]) -> str:
    label = html.escape(str(edge.get("label") or edge["kind"]))
    evidence = html.escape(str(edge.get("evidence") or ""))
    count = int(edge.get("evidence_count") or 1)
    return f"<b>{label}</b> ({count} evidence)<br><i>{evidence}</i>" if evidence else f"<b>{label}</b> ({count})"


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
) -> str:
    """A self-contained HTML page (vis-network inlined, no network access needed) drawing ``net``.

    With ``links`` a click on a node opens its profile in the explorer (in a new tab, because the
    explorer shows the graph in a sandboxed frame); a standalone download leaves links out.
    """
    page = PyvisNetwork(height=height, width="100%", directed=True, cdn_resources="in_line")
    degree = degrees(net)
    for node_id, node in net.nodes.items():
        shape, colour = STYLE_BY_TYPE.get(str(node.get("type")), DEFAULT_STYLE)
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
            arrows="to",
            font={"size": 12, "align": "middle"},
        )
    page.barnes_hut(spring_length=160)
    document = _REMOTE_ASSETS.sub("", page.generate_html(notebook=False))
    urls = {node_id: profile_link(node_id) for node_id in net.nodes} if links else {}
    return document.replace("</body>", _behaviour_script(urls) + "\n</body>", 1)


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
