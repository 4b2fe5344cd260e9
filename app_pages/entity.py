"""Entity profile: names and aliases, roles with dates, statements by and about it, relations, articles."""

from __future__ import annotations

from typing import Any

import streamlit as st

from app_pages.attribution import attribution_columns
from app_pages.common import (
    PAGES,
    capped,
    entity_options,
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
from app_pages.editing import editing_enabled, entity_controls
from core.relation_types import relation_words
from queries import explore

graph = reader()
entity_id = query_param("id")

if not entity_id:
    st.title("Entity profile")
    name = st.text_input("Find a person, organisation, place, law or event", key="entity_find")
    if name.strip():
        with guarded():
            matches = explore.search_entities(graph, name, 20)
        if not matches:
            st.warning("No entity with that name.")
        table(
            [
                {
                    "name": r["name"],
                    "type": r["type"],
                    "articles": r["articles"],
                    "profile": page_href("entity", id=r["id"]),
                }
                for r in matches.rows
            ],
            profile=open_link("profile"),
        )
    st.stop()

with guarded():
    profile = explore.entity_profile(graph, entity_id)
if profile is None:
    with guarded():
        merged = explore.merged_into(graph, entity_id)
    if merged is None:
        not_found("Entity profile", "entity", entity_id)
    # A bookmark or an exported link to an entity an editor merged away: say where its facts went, and who did it.
    st.title("Entity profile")
    with guarded():
        now = explore.entity_profile(graph, merged.now) if merged.now else None
    where = (
        f"[{md_text(now['name'])}]({page_href('entity', id=now['id'])}) (id {md_text(now['id'])})"
        if now
        else f"{md_text(merged.into)}, which is no longer in the graph either"
    )
    st.warning(
        f"{md_text(entity_id)} was merged into {where} by {md_text(merged.editor)} on "
        f"{md_text(merged.created_at[:16].replace('T', ' '))} (correction {md_text(merged.correction_id)})."
    )
    if merged.reason:
        st.caption(f"Reason given: {md_text(merged.reason)}")
    st.stop()

st.title(md_text(profile["name"]))
st.caption(f"{md_text(profile['type'])} · id {md_text(profile['id'])}")
aliases = profile["aliases"] or []
if aliases:
    st.write("Also written: " + ", ".join(md_text(a) for a in aliases))
columns = st.columns(5)
columns[0].metric("Articles", profile["articles"])
columns[1].metric("Statements made", profile["statements_made"])
columns[2].metric("Statements about it", profile["statements_about"])
columns[3].metric("First mention", profile["first_mentioned"] or "—")
columns[4].metric("Last mention", profile["last_mentioned"] or "—")

links = st.columns(3)
onward = (
    ("graph", "Network around it", ":material/hub:", {"ids": entity_id}),
    ("timeline", "Timeline", ":material/timeline:", {"speakers": entity_id, "about": entity_id}),
    ("statements", "All its statements", ":material/format_quote:", {"speaker": entity_id}),
)
for column, (page, label, icon, params) in zip(links, onward, strict=True):
    column.page_link(PAGES[page], label=label, icon=icon, query_params=params)

with guarded():
    roles = explore.person_roles(graph, entity_id)
    made = explore.statements(graph, explore.StatementFilter(speaker_id=entity_id, limit=200))
    about = explore.statements(graph, explore.StatementFilter(about_id=entity_id, limit=200))
    relations = explore.entity_relations(graph, entity_id)
    articles = explore.entity_articles(graph, entity_id)


def _statement_rows(rows: list[dict]) -> list[dict]:
    return [
        {
            "date": r["date"],
            "speaker": r["speaker"],
            **attribution_columns(r),
            "role at the time": r["role"],
            "quote": r["quote"],
            "sentence": r["sentence"],
            "read": page_href("article", id=r["article_id"]),
            "source link": safe_url(r["url"]),
            "also in": r["other_outlets"],  # other outlets that carried the same utterance
            "trail": page_href("quote-trail", statement=r["statement_id"]),
        }
        for r in rows
    ]


LINKS = {
    "read": open_link("read"),
    "trail": open_link("quote trail"),
    "source link": st.column_config.LinkColumn("source link"),
    "profile": open_link("profile"),
}

tabs = st.tabs(
    [
        f"Roles ({len(roles)})",
        f"Statements made ({len(made)})",
        f"Statements about it ({len(about)})",
        f"Relations ({len(relations)})",
        f"Articles ({len(articles)})",
    ]
)


def _tab(result: explore.Rows, records: list[dict[str, Any]], empty: str, what: str) -> None:
    """One tab's table (or a line saying there is nothing), and a warning when the rows were capped."""
    if records:
        table(records, **LINKS)
    else:
        st.write(empty)
    capped(result, what)


role_rows = [
    {
        "title": r["title"],
        "organisation": r["organization"],
        "first seen": r["first_seen"],
        "last seen": r["last_seen"],
        "qualifiers": ", ".join(r["qualifiers"] or []),
        "articles": r["articles"],
        "profile": page_href("entity", id=r["organization_id"]) if r["organization_id"] else None,
    }
    for r in roles.rows
]
relation_rows = [
    {
        "date": r["date"] or r["published"],
        "subject": r["subject"],
        "relation": relation_words(r["relation"]),
        "object": r["object"],
        "evidence": r["evidence"],
        "read": page_href("article", id=r["article_id"]) if r["article_id"] else None,
        "source link": safe_url(r["url"]),
        "profile": page_href("entity", id=r["other_id"]),
    }
    for r in relations.rows
]
article_rows = [
    {
        "published": r["published"],
        "title": r["title"] or r["article_id"],
        "source": r["source"],
        "mentions": r["mentions"],
        "first mention": r["sentence"],
        "read": page_href("article", id=r["article_id"]),
        "source link": safe_url(r["url"]),
    }
    for r in articles.rows
]
with tabs[0]:
    _tab(roles, role_rows, "No roles reported.", "roles")
with tabs[1]:
    _tab(made, _statement_rows(made.rows), "No statements by it.", "statements")
with tabs[2]:
    _tab(about, _statement_rows(about.rows), "No statements about it.", "statements")
with tabs[3]:
    _tab(relations, relation_rows, "No relations found.", "relations")
with tabs[4]:
    _tab(articles, article_rows, "No articles.", "articles")

if editing_enabled():
    with guarded():
        choices = entity_options(graph)
    others = {r["id"]: f"{r['name']} ({r['type']})" for r in choices.rows if r["id"] != entity_id}
    entity_controls(graph, profile, others, relations.rows)
