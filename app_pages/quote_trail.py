"""Quote trail: one utterance across outlets — where it first appeared, every appearance in date order, the variants
beside the reference rendering with their changed words marked, and the lists of altered quotes and attribution
conflicts. Reached by searching a quote's words, or from any statement (``?statement=<id>``)."""

from __future__ import annotations

import streamlit as st

from app_pages.common import (
    csv_text,
    guarded,
    html_text,
    md_text,
    open_link,
    page_href,
    query_param,
    reader,
    safe_url,
    table,
)
from core.quote_match import word_diff
from queries import explore

PAGE_SIZE = 50

st.title("Quote trail")
graph = reader()


def _diff_html(reference: str, variant: str) -> str:
    """The variant with the reference's dropped words struck through and its own new words marked; every piece of
    text escaped before it becomes markup."""
    marks = {
        "same": "{}",
        "removed": '<del class="trail-removed">{}</del>',
        "added": '<ins class="trail-added">{}</ins>',
    }
    return " ".join(marks[kind].format(html_text(text)) for kind, text in word_diff(reference, variant))


_STYLE = """<style>
.trail-variants td { vertical-align: top; padding: 0.3em 0.6em; border-bottom: 1px solid #ddd; }
.trail-removed { background: #fdd; text-decoration: line-through; }
.trail-added { background: #dfd; text-decoration: none; font-weight: 600; }
</style>"""


def _variants(reference: str, renderings: list[str]) -> str:
    rows = []
    for text in renderings:
        same = text == reference
        rows.append(
            f"<tr><td>{html_text(reference) if not same else '<em>reference</em>'}</td>"
            f"<td>{html_text(text) if same else _diff_html(reference, text)}</td></tr>"
        )
    head = "<tr><th>earliest full direct rendering</th><th>variant (changed words marked)</th></tr>"
    return f'{_STYLE}<table class="trail-variants">{head}{"".join(rows)}</table>'


statement_id = query_param("statement")
cluster_id = query_param("cluster")
words = st.text_input(
    "Search a quote",
    value="" if (statement_id or cluster_id) else (query_param("q") or ""),
    key="trail_search",
    placeholder="a few words of the quote, e.g. not out of the woods",
)
if words.strip():
    statement_id = cluster_id = None

page_number = st.number_input("Page", min_value=1, value=1, step=1, key="trail_page")
skip = (int(page_number) - 1) * PAGE_SIZE

if statement_id or cluster_id or words.strip():
    with guarded():
        found = explore.quote_trail(graph, quote=words.strip() or None, statement_id=statement_id,
                                    cluster_id=cluster_id, skip=skip, limit=PAGE_SIZE)  # fmt: skip
    if not found and skip:
        st.info("No appearances on this page: go back to page 1.")
    elif not found:
        st.info("No quote trail matches: try other words, or open a statement's trail from Who said what.")
    else:
        rows = found.rows
        head = rows[0]
        total = head["appearances"]
        first = next((r for r in rows if r["first"]), None)
        if first is not None:
            st.markdown(
                f"**First appeared** {md_text(first['published'] or 'undated')} in "
                f"{md_text(first['source'] or first['article'] or first['article_id'])}, attributed to "
                f"{md_text(first['speaker'] or 'nobody named')}."
            )
        st.caption(
            f"{total} appearances in {head['outlets']} outlets · showing {skip + 1}–{skip + len(rows)}"
            + (f" · page {int(page_number)} of {(total + PAGE_SIZE - 1) // PAGE_SIZE}" if total > PAGE_SIZE else "")
        )
        if head["conflict"]:
            speakers = head["speakers"] or []  # a conflict is a cluster's: its first row names them all
            st.warning(
                "Attribution conflict: outlets give these words to different speakers — "
                + md_text(", ".join(speakers)),
                icon=":material/warning:",
            )
        altered = [r for r in rows if r["altered"]]
        if altered:
            st.warning(f"{len(altered)} altered rendering(s) on this page: words changed inside the quote.",
                       icon=":material/edit_note:")  # fmt: skip
        view = [
            {
                "date": r["published"],
                "outlet": r["source"],
                "speaker": r["speaker"],
                "kind": r["kind"],
                "quote": r["quote"],
                "first": "first" if r["first"] else "",
                "altered": "altered" if r["altered"] else "",
                "article": r["article"],
                "url": safe_url(r["url"]),
                "read": page_href("article", id=r["article_id"]),
                "statement_id": r["statement_id"],
            }
            for r in rows
        ]
        table(view, url=st.column_config.LinkColumn("source link"), read=open_link("read"))
        st.download_button(
            "Download this page as CSV",
            csv_text([{k: v for k, v in row.items() if k != "read"} for row in view]),
            file_name="quote-trail.csv",
            mime="text/csv",
            key="trail_csv",
        )
        reference = head["reference_quote"]
        renderings = head["renderings"] or []
        if skip == 0 and reference and len(renderings) > 1:
            st.subheader("Variants")
            st.caption("Each distinct rendering against the earliest full direct one: words it dropped struck "
                       "through, words it added marked (case, punctuation, ellipses and brackets aside).")  # fmt: skip
            st.html(_variants(reference, renderings))

st.divider()
altered_tab, conflicts_tab = st.tabs(["Altered quotes", "Attribution conflicts"])
with altered_tab, guarded():
    altered_rows = explore.altered_quotes(graph, limit=PAGE_SIZE).rows
    if not altered_rows:
        st.info("No altered quote in the graph: no direct quote changes the words of an earlier rendering.")
    else:
        table([{"date": r["published"], "outlet": r["source"], "speaker": r["speaker"], "altered": r["altered_quote"],
                "original": r["original_quote"], "original outlet": r["original_source"],
                "original date": r["original_published"],
                "trail": page_href("quote-trail", statement=r["statement_id"])} for r in altered_rows],
              trail=open_link("trail"))  # fmt: skip
with conflicts_tab, guarded():
    conflict_rows = explore.attribution_conflicts(graph, limit=PAGE_SIZE).rows
    if not conflict_rows:
        st.info("No attribution conflict in the graph: every quote carried by several articles has one speaker.")
    else:
        table([{"last seen": r["last_published"], "quote": r["quote"], "speakers": ", ".join(r["speakers"]),
                "appearances": r["appearances"], "outlets": r["outlets"], "first outlet": r["first_source"],
                "first date": r["first_published"], "trail": page_href("quote-trail", cluster=r["cluster_id"])}
               for r in conflict_rows], trail=open_link("trail"))  # fmt: skip
