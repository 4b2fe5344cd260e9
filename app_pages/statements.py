"""Who said what: statements with speaker (uncertain attributions marked), role at the time, date, quote and source,
filtered and downloadable."""

from __future__ import annotations

import streamlit as st

from app_pages.attribution import CONFIDENT, attribution_columns, attribution_mark, attribution_sentence, is_confident
from app_pages.common import (
    PAGES,
    article_link,
    capped,
    csv_text,
    distinct_labels,
    embed,
    entity_link,
    entity_options,
    guarded,
    md_text,
    open_link,
    page_href,
    pick_entity,
    query_param,
    quote_in_context,
    reader,
    safe_url,
    table,
)
from app_pages.editing import statement_controls
from core.dates import iso_date
from core.records import CONFIDENT_ATTRIBUTION
from queries import explore

st.title("Who said what")


def _speaker_marked(row: dict) -> str:
    mark = attribution_mark(row["confidence"], row["basis"])
    return row["speaker"] if mark == CONFIDENT else f"{row['speaker']} ({mark})"


graph = reader()

with guarded():
    speakers = entity_options(graph, speakers=True)
    organisations = entity_options(graph, entity_type="Organization")
    everything = entity_options(graph)

with st.form("statement_filters"):
    first, second, third = st.columns(3)
    with first:
        speaker = pick_entity("Speaker", speakers, "statements_speaker", query_param("speaker"))
        organisation = pick_entity("Organisation (the speaker or a role there)", organisations, "statements_org")
    with second:
        about = pick_entity("Entity mentioned", everything, "statements_about", query_param("about"))
        topic = st.text_input("Topic (by meaning)", key="statements_topic", placeholder="e.g. privacy of cameras")
    with third:
        start = st.date_input("From", value=iso_date(query_param("from")), key="statements_from")
        end = st.date_input("To", value=iso_date(query_param("to")), key="statements_to")
    limit = st.slider("Most statements shown", 10, 1000, 200, step=10, key="statements_limit")
    confident_only = st.checkbox(
        "Confident attributions only",
        key="statements_confident",
        help=f"Only statements whose speaker was found in a way that was right at least {CONFIDENT_ATTRIBUTION:.0%} "
        "of the time on the annotated articles.",
    )
    st.form_submit_button("Apply filters", key="statements_apply")

if start and end and start > end:
    st.error("The start date is after the end date.")
    st.stop()

with guarded():
    found = explore.statements(
        graph,
        explore.StatementFilter(
            speaker_id=speaker,
            org_id=organisation,
            about_id=about,
            topic=embed(topic) if topic.strip() else None,
            start=start,
            end=end,
            min_confidence=CONFIDENT_ATTRIBUTION if confident_only else None,
            limit=limit,
        ),
    )

if not found:
    st.info(
        "No statements match these filters."
        if (speaker or organisation or about or topic or start or end or confident_only)
        else "No statements in the graph yet: ingest some articles first."
    )
    st.stop()

capped(found, "statements")
view = [
    {
        "date": r["date"],
        "speaker": r["speaker"],
        **attribution_columns(r),
        "role at the time": r["role"],
        "quote": r["quote"],
        "kind": r["kind"],
        "topic score": r["topic_score"],
        "article": r["article"],
        "source": r["source"],
        "url": safe_url(r["url"]),
        "read": page_href("article", id=r["article_id"]),
        "also in": r["other_outlets"],  # other outlets that carried the same utterance
        "trail": page_href("quote-trail", statement=r["statement_id"]),
        "statement_id": r["statement_id"],
    }
    for r in found.rows
]
if not topic.strip():
    for row in view:
        del row["topic score"]
uncertain = sum(row["attribution"] != CONFIDENT for row in view)
st.caption(
    f"{len(view)} statements"
    + (
        f" · {uncertain} marked ⚠: the speaker may be wrong (confidence below {CONFIDENT_ATTRIBUTION}, or unknown "
        "for statements extracted before confidence was calibrated: `newsgraph reextract --stale`)"
        if uncertain
        else ""
    )
)
table(
    view,
    url=st.column_config.LinkColumn("source link"),
    read=open_link("read"),
    trail=open_link("quote trail"),
)
st.download_button(
    "Download this view as CSV",
    csv_text([{k: v for k, v in row.items() if k not in ("read", "trail")} for row in view]),
    file_name="statements.csv",
    mime="text/csv",
    key="statements_csv",
)

st.subheader("In context")
labels = distinct_labels({r["statement_id"]: f"{r['date'] or '—'} · {_speaker_marked(r)}: {r['quote'][:90]}"
                          for r in found.rows})  # fmt: skip
choice = st.selectbox(
    "Statement",
    range(len(found.rows)),
    key="statements_context",
    format_func=lambda i: labels[found.rows[i]["statement_id"]],
)
chosen = found.rows[choice]
st.html(quote_in_context(chosen["sentence"], chosen["quote"]))
left, right = st.columns(2)
with left:
    if chosen["speaker_id"]:
        entity_link(chosen["speaker_id"], chosen["speaker"])
    article_link(chosen["article_id"], chosen["article"])
with right:
    url = safe_url(chosen["url"])
    if url:
        st.link_button("Original article", url)
    st.caption(
        f"{md_text(chosen['kind'])} statement, cue “{md_text(chosen['cue'] or '—')}”, "
        f"id {md_text(chosen['statement_id'])}"
    )
    others = chosen["other_outlets"]
    st.page_link(
        PAGES["quote-trail"],
        label=f"Quote trail: also in {others} other outlet{'s' if others != 1 else ''}" if others else "Quote trail",
        query_params={"statement": chosen["statement_id"]},
        icon=":material/route:",
    )
    if is_confident(chosen["confidence"], chosen["basis"]):
        st.caption(md_text(attribution_sentence(chosen)))
    else:
        st.warning(md_text(attribution_sentence(chosen)), icon=":material/help:")

statement_controls(graph, chosen, {r["id"]: f"{r['name']} ({r['type']})" for r in everything.rows})
