"""Cypher console: read-only queries (read transaction, timeout, row limit) and the curated gallery as forms."""

from __future__ import annotations

import json
from typing import Any

import streamlit as st

from app_pages.common import capped, embed, guarded, md_text, reader, settings, table
from graph.network import network_from_records
from graph.network_view import render_html
from graph.readonly import ReadResult, load_json
from queries import explore
from queries.catalog import list_queries

st.title("Cypher console")
graph = reader()
st.caption(
    f"Read-only: queries run in a read transaction, stop after {graph.timeout:g} s and return at most "
    f"{graph.row_limit:,} rows. A query that would write is refused before it runs. The schema is in docs/schema.md."
)


def _cell(value: Any) -> Any:
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def show_result(result: ReadResult) -> None:
    rows = [{k: _cell(v) for k, v in row.items()} for row in result.rows()]
    st.caption(f"{len(rows)} rows in {result.seconds * 1000:.0f} ms")
    capped(explore.Rows(rows, result.truncated))
    if not rows:
        st.info("The query returned no rows.")
        return
    table(rows, result.columns)
    net = network_from_records(result.records, settings().graph_node_cap)
    if net.nodes:
        if net.capped:
            st.warning(f"The drawing shows the first {len(net.nodes)} nodes only (the node cap).")
        st.iframe(render_html(net, height="520px"), height=540)


own, gallery = st.tabs(["Your query", "Query gallery"])
with own:
    cypher = st.text_area(
        "Cypher",
        value="MATCH (p:Person)-[:SAID]->(s:Statement) RETURN p.name AS speaker, count(s) AS statements "
        "ORDER BY statements DESC LIMIT 10",
        height=140,
        key="cypher_text",
    )
    parameters = st.text_area("Parameters (JSON object, optional)", value="{}", key="cypher_params")
    if st.button("Run", key="cypher_run", type="primary"):
        try:
            with guarded():  # JSON too deep or with a 4300-digit number is one message too
                values = load_json(parameters or "{}", "parameters")
        except json.JSONDecodeError as e:
            st.error(f"The parameters are not valid JSON: {e}")
            st.stop()
        if not isinstance(values, dict):
            st.error('The parameters must be a JSON object, like {"name": "Huawei"}.')
            st.stop()
        with guarded():
            show_result(explore.run_console(graph, cypher, values))

with gallery:
    queries = {q.name: q for q in list_queries()}
    name = st.selectbox("Query", list(queries), key="gallery_query")
    query = queries[name]
    st.write(md_text(query.description))
    with st.form(f"gallery_form_{name}"):
        values = {}
        for param in query.params:
            default = "" if param.default is None else str(param.default)
            hint = "required" if param.required else "optional"
            values[param.name] = st.text_input(
                f"{param.name} ({param.type}, {hint})",
                value=default,
                key=f"gallery_{name}_{param.name}",
                help="For a vector, type a topic: it is embedded like the statements."
                if param.type == "vector"
                else None,
            )
        submitted = st.form_submit_button("Run", key="gallery_run", type="primary")
    with st.expander("Cypher"):
        st.code(query.cypher, language="cypher")
    if submitted:
        with guarded():
            bound = explore.gallery_parameters(name, values, embed=embed)
            show_result(explore.run_gallery(graph, name, bound))
