"""Timeline: statements per month by one or several speakers, or about an entity, as a chart."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from app_pages.common import distinct_labels, entity_options, guarded, pick_entities, pick_entity, query_param, reader
from queries import explore

st.title("Timeline")
graph = reader()

with guarded():
    speakers = entity_options(graph, speakers=True)
    everything = entity_options(graph)

names = distinct_labels({r["id"]: r["name"] for r in speakers.rows})  # also the chart's line names
initial = [i.strip() for i in (query_param("speakers") or "").split(",") if i.strip() in names]
chosen = pick_entities("Statements by these speakers", names, initial or list(names)[:3], "timeline_speakers")
about = pick_entity("…and statements about this entity", everything, "timeline_about", query_param("about"))

series: list[pd.DataFrame] = []
with guarded():
    for speaker_id in chosen:
        rows = explore.timeline(graph, speaker_id).rows
        series.append(pd.DataFrame(rows).assign(series=f"said by {names[speaker_id]}"))
    if about:
        label = next((r["name"] for r in everything.rows if r["id"] == about), about)
        series.append(pd.DataFrame(explore.timeline(graph, about, about=True).rows).assign(series=f"about {label}"))

dated = [s for s in series if not s.empty]  # an id from the address that matches nothing gives no rows
data = pd.concat(dated, ignore_index=True) if dated else pd.DataFrame()
if data.empty:
    st.info("Choose speakers or an entity: dated statements by or about them are counted per month.")
    st.stop()

data["month"] = pd.to_datetime(data["month"] + "-01")
chart = (
    alt.Chart(data)
    .mark_line(point=True)
    .encode(
        x=alt.X("month:T", title="month"),
        y=alt.Y("statements:Q", title="statements"),
        color=alt.Color("series:N", title=None),
        tooltip=[alt.Tooltip("series:N"), alt.Tooltip("month:T", format="%Y-%m"), alt.Tooltip("statements:Q")],
    )
)
st.altair_chart(chart, key="timeline_chart")
st.caption(f"{int(data['statements'].sum())} statements in {data['month'].nunique()} months.")
