"""Search: one box over entities, statements and articles — by words (full-text) and by meaning (vectors)."""

from __future__ import annotations

import streamlit as st

from app_pages.attribution import attribution_columns
from app_pages.common import capped, embed, guarded, open_link, page_href, query_param, reader, safe_url, table
from queries import explore

st.title("Search")
graph = reader()

text = st.text_input(
    "Search people, organisations, statements and articles",
    value=query_param("q") or "",
    key="search_q",
    placeholder="e.g. Stefanović, facial recognition, Safe City",
)
by_meaning = st.toggle("Also find statements by meaning (semantic search)", value=True, key="search_semantic")
limit = st.slider("Results per kind", 5, 100, 20, key="search_limit")

if not text.strip():
    st.info("Type a name, a word or a topic. Accents are optional: “Stefanovic” finds “Stefanović”.")
    st.stop()

with guarded():
    entities = explore.search_entities(graph, text, limit)
    said = explore.search_statements(graph, text, limit)
    articles = explore.search_articles(graph, text, limit)
    similar = explore.semantic_statements(graph, embed(text), limit) if by_meaning else explore.Rows([])

st.caption(
    f"{len(entities)} entities · {len(said)} statements by words · {len(similar)} statements by meaning · "
    f"{len(articles)} articles"
)
if not (entities or said or articles or similar):
    st.warning("No matches. Try fewer or other words, or turn on search by meaning.")
    st.stop()

st.subheader("Entities")
if entities:
    table(
        [
            {
                "match": "name or alias",
                "name": r["name"],
                "type": r["type"],
                "aliases": ", ".join(r["aliases"] or []),
                "articles": r["articles"],
                "profile": page_href("entity", id=r["id"]),
                "score": r["score"],
            }
            for r in entities.rows
        ],
        profile=open_link("profile"),
    )
else:
    st.write("No entity names match.")

st.subheader("Statements")
statement_rows = [
    {
        "match": "words" if kind == "said" else "meaning",
        "speaker": r["speaker"],
        **attribution_columns(r),
        "date": r["date"],
        "quote": r["quote"],
        "article": r["article"],
        "read": page_href("article", id=r["statement_id"].rsplit("@", 1)[0]),
        "original": safe_url(r["url"]),
        "score": r["score"],
        "also in": r["other_outlets"],  # other outlets that carried the same utterance
        "trail": page_href("quote-trail", statement=r["statement_id"]),
    }
    for kind, rows in (("said", said), ("meaning", similar))
    for r in rows.rows
]
if statement_rows:
    table(
        statement_rows,
        read=open_link("read"),
        original=st.column_config.LinkColumn("original"),
        trail=open_link("quote trail"),
    )
else:
    st.write("No statements match.")

st.subheader("Articles")
if articles:
    table(
        [
            {
                "match": "title or text",
                "title": r["title"] or r["article_id"],
                "published": r["published"],
                "source": r["source"],
                "read": page_href("article", id=r["article_id"]),
                "original": safe_url(r["url"]),
                "score": r["score"],
            }
            for r in articles.rows
        ],
        read=open_link("read"),
        original=st.column_config.LinkColumn("original"),
    )
else:
    st.write("No article titles or texts match.")
for rows in (entities, said, articles, similar):
    capped(rows, "results")
