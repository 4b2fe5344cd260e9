"""Article reader: the stored text with statements and entities highlighted, each linking to its record."""

from __future__ import annotations

import streamlit as st

from app_pages.common import (
    PAGES,
    guarded,
    md_text,
    not_found,
    open_link,
    page_href,
    query_param,
    reader,
    safe_url,
    table,
)
from app_pages.highlight import highlighted_html, statement_list_html
from queries import explore

graph = reader()
article_id = query_param("id")

if not article_id:
    st.title("Article reader")
    words = st.text_input("Find an article by words in its title or text", key="article_find")
    with guarded():
        found = explore.search_articles(graph, words, 50) if words.strip() else explore.recent_articles(graph, 20)
    if not found:
        st.info("No articles found." if words.strip() else "No articles yet: ingest some on the Ingest page.")
        st.stop()
    table(
        [
            {
                "published": r["published"],
                "title": r["title"] or r["article_id"],
                "source": r["source"],
                "read": page_href("article", id=r["article_id"]),
            }
            for r in found.rows
        ],
        read=open_link("read"),
    )
    st.stop()

with guarded():
    record = explore.article(graph, article_id)
if record is None:
    not_found("Article reader", "article", article_id)

st.title(md_text(record["title"] or record["article_id"]))
meta = [md_text(x) for x in (record["published"], record["source"], record["author"]) if x]
st.caption(
    " · ".join(meta) + f" · id {md_text(record['article_id'])} · extractor {md_text(record['extractor_version'])}"
)
url = safe_url(record["url"])
if url:
    st.link_button("Original article", url)
elif record["url"]:
    st.caption(f"Original address (not a web link): {md_text(record['url'])}")
if record["near_duplicate_of"]:
    st.page_link(
        PAGES["article"],
        label="This is a near-duplicate (syndicated copy): open the original",
        query_params={"id": record["near_duplicate_of"]},
        icon=":material/content_copy:",
    )

statements = record["statements"] or []
mentions = record["mentions"] or []
st.caption(
    f"{len(statements)} statements (yellow, linked to the list below; red and dashed when the speaker is uncertain) · "
    f"{len(mentions)} entities "
    "(coloured by type, linked to their profiles)"
)
st.html(highlighted_html(record["text"] or "", statements, mentions))
if statements:
    st.subheader("Statements")
    st.html(statement_list_html(statements))
