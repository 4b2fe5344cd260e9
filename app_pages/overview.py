"""Overview: how big the graph is, the newest articles, the most-quoted speakers, the last ingest run."""

from __future__ import annotations

import streamlit as st

from app_pages.common import (
    PAGES,
    empty_graph_hint,
    guarded,
    md_text,
    open_link,
    page_href,
    reader,
    safe_url,
    settings,
    table,
)
from ingest import latest_report
from queries import explore

st.title("newsgraph explorer")
st.caption("Who said what, when — every fact with its source sentence and a link to the article.")

graph = reader()
with guarded():
    counts = explore.counts(graph)

if not counts.get("articles"):
    empty_graph_hint()
    st.stop()

entity_total = sum(v for k, v in counts.items() if k.startswith("entities"))
columns = st.columns(5)
for column, (label, value) in zip(
    columns,
    [
        ("Articles", counts.get("articles", 0)),
        ("Statements", counts.get("statements", 0)),
        ("Entities", entity_total),
        ("Relations", counts.get("relations", 0)),
        ("Sources", counts.get("sources", 0)),
    ],
    strict=True,
):
    column.metric(label, f"{value:,}")

by_type = {k.split(": ", 1)[1]: v for k, v in counts.items() if k.startswith("entities: ")}
if by_type:
    st.caption("Entities by type: " + ", ".join(f"{md_text(k)} {v:,}" for k, v in sorted(by_type.items())))

left, right = st.columns(2)
with left:
    st.subheader("Recent articles")
    with guarded():
        recent = explore.recent_articles(graph, limit=10)
    rows = [
        {
            "published": r["published"],
            "title": r["title"] or r["article_id"],
            "read": page_href("article", id=r["article_id"]),
            "source": r["source"],
            "statements": r["statements"],
            "entities": r["entities"],
            "url": safe_url(r["url"]),
        }
        for r in recent.rows
    ]
    table(
        rows,
        read=open_link("read"),
        url=st.column_config.LinkColumn("original"),
    )
with right:
    st.subheader("Most-quoted speakers")
    with guarded():
        speakers = explore.top_speakers(graph, limit=10)
    if not speakers:
        st.write("No statements with a known speaker yet.")
    rows = [
        {
            "speaker": r["speaker"],
            "profile": page_href("entity", id=r["speaker_id"]),
            "statements": r["statements"],
            "articles": r["articles"],
            "first": r["first"],
            "last": r["last"],
        }
        for r in speakers.rows
    ]
    table(rows, profile=open_link("profile"))

st.subheader("Last ingest")
report = latest_report(settings().data_dir)
if report is None:
    st.write("No ingest run recorded in this data folder yet.")
else:
    st.write(
        f"Finished {md_text(report.get('finished') or report.get('started'))}: read {report.get('read', 0)}, "
        f"loaded {report.get('loaded', 0)}, duplicates {report.get('duplicates', 0)}, "
        f"already ingested {report.get('already_ingested', 0)}, skipped {report.get('skipped', 0)}."
    )
    skipped = report.get("skipped_items") or []
    if skipped:
        with st.expander(f"Skipped items ({len(skipped)})"):
            table([{"item": s.get("item"), "reason": s.get("reason")} for s in skipped[:500]])
st.page_link(PAGES["ingest"], label="Ingest more articles", icon=":material/download:")
