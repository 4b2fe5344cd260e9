"""Graph: an interactive network around chosen entities, with filters, a node cap and an HTML download."""

from __future__ import annotations

import streamlit as st

from app_pages.common import (
    distinct_labels,
    entity_link,
    entity_options,
    guarded,
    pick_entities,
    query_param,
    reader,
    settings,
    table,
)
from core.relation_types import RELATION_TYPES, relation_words
from graph.network_view import STYLE_BY_TYPE, render_html
from queries import explore

st.title("Graph")
graph = reader()
cap = settings().graph_node_cap

with guarded():
    options = entity_options(graph, limit=1000)
names = {r["id"]: f"{r['name']} ({r['type']})" for r in options.rows}
if not names:
    st.info("The graph has no entities yet: ingest some articles first.")
    st.stop()
wanted = [i.strip() for i in (query_param("ids") or "").split(",") if i.strip()]
for entity_id in wanted:
    names.setdefault(entity_id, entity_id)

with st.sidebar:
    st.subheader("Graph filters")
    depth = st.slider("Depth (steps from the chosen entities)", 1, explore.MAX_DEPTH, 1, key="graph_depth")
    types = st.multiselect("Neighbour types (none = all)", list(STYLE_BY_TYPE), key="graph_types")
    kinds = st.multiselect(
        "Relation kinds",
        RELATION_TYPES,
        default=list(RELATION_TYPES),
        key="graph_kinds",
        format_func=relation_words,
        help="The fifteen kinds of relation the extractor reports (RELATIONS.md); remove one to hide it.",
    )
    roles = st.checkbox("Roles held at organisations", value=True, key="graph_roles")
    said_about = st.checkbox("Quoted about another entity", value=True, key="graph_said_about")
    links = st.checkbox(
        "Untyped verb links",
        value=False,
        key="graph_links",
        help="Verbs linking two entities that are none of the fifteen kinds (“rely on”, “remove”): "
        "no facts, drawn dashed.",
    )
    start = st.date_input("Evidence from", value=None, key="graph_from")
    end = st.date_input("Evidence to", value=None, key="graph_to")
    size_by = st.radio("Node size by", ["degree", "mentions"], horizontal=True, key="graph_size")
    node_cap = st.number_input("Most nodes", min(cap, 10), cap, min(cap, 200), step=10, key="graph_cap")

seeds = pick_entities("Around these entities", names, wanted or list(names)[:1], "graph_seeds")
if not seeds:
    st.info("Choose one or more entities to draw the network around them.")
    st.stop()

with guarded():
    net = explore.network(
        graph,
        explore.NetworkFilter(
            tuple(seeds),
            depth,
            tuple(types),
            tuple(kinds),
            start,
            end,
            node_cap=int(node_cap),
            roles=roles,
            said_about=said_about,
            links=links,
        ),
    )

if not net.nodes:
    st.warning("None of the chosen entities is in the graph.")
    st.stop()
if net.capped:
    st.warning(
        f"The network was cut at {len(net.nodes)} nodes (the node cap, {int(node_cap)}). "
        "Lower the depth or filter by type, relation or dates to see everything around it."
    )
if not kinds:
    st.info("No relation kind is chosen, so typed relations are hidden; pick kinds in the sidebar to show them.")
if net.rows_truncated:
    st.warning("Some connections were left out because a step returned more rows than the row limit.")
st.caption(
    f"{len(net.nodes)} entities, {len(net.edges)} connections. Hover for evidence; click a node to open its "
    "profile in a new tab; drag to rearrange, scroll to zoom."
)
page = render_html(net, seeds=tuple(seeds), size_by=size_by, height="620px")
st.iframe(page, height=640)
st.download_button(
    "Download as a standalone HTML page",
    render_html(net, seeds=tuple(seeds), size_by=size_by, height="90vh", links=False),
    file_name="newsgraph-network.html",
    mime="text/html",
    key="graph_download",
)
shown = distinct_labels({node_id: node["name"] or node_id for node_id, node in net.nodes.items()})
profile = st.selectbox("Open a profile", list(shown), key="graph_profile", format_func=lambda i: shown[i])
entity_link(profile, shown[profile])
with st.expander("Connections as a table"):
    table(
        [
            {
                "from": e["source"],
                "connection": e["label"] or e["kind"],
                "kind": e["kind"],
                "to": e["target"],
                "date": e.get("date"),
                "evidence count": e["evidence_count"],
                "evidence": e["evidence"],
            }
            for e in net.edges
        ]
    )
