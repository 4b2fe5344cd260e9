"""Merge suggestions: entities that may be one, best first, each with the evidence for it. With the setting
``editing`` on and an editor name, an editor answers each: the same (a merge correction, undone on the Audit page)
or not the same (a rejection remembered in the graph, so the pair is never suggested again)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from app_pages.common import (
    empty_graph_hint,
    guarded,
    md_text,
    open_link,
    page_href,
    reader,
    settings,
    table,
)
from app_pages.editing import editing_enabled, editor_name
from core.records import ENTITY_TYPES
from graph.corrections import CorrectionError, record_correction
from graph.merge_rejections import reject_merge
from queries.merge_names import NameRules
from queries.merge_suggestions import Candidate, Suggestion, merge_suggestions, pair_key

DONE = "merge_done"  # the last answer, shown after the page runs again without the suggestion


@st.cache_resource(show_spinner="Loading the name rules…")
def _rules() -> NameRules:
    from newsgraph.merge_rules import merge_rules  # reads the lexicon and gazetteer once per server

    return merge_rules(settings())


def _entity(candidate: Candidate) -> str:
    return f"[{md_text(candidate.name)}]({page_href('entity', id=candidate.id)}) ({md_text(candidate.type)})"


def _evidence(suggestion: Suggestion) -> list[str]:
    lines = [f"**{md_text(suggestion.kind)}** · score {suggestion.score:.2f} · {md_text(suggestion.reason)}"]
    for candidate in (suggestion.first, suggestion.second):
        aliases = ", ".join(md_text(a) for a in candidate.aliases[:8]) or "none"
        lines.append(
            f"{_entity(candidate)}: {candidate.articles} articles; also written: {aliases}"
            + (f"; roles: {', '.join(md_text(r) for r in candidate.role_names[:4])}" if candidate.role_names else "")
        )
    if suggestion.shared_articles:
        shared = ", ".join(
            f"[{md_text(title)}]({page_href('article', id=aid)})" for aid, title in suggestion.shared_articles[:5]
        )
        lines.append(f"In the same articles: {shared}")
    if suggestion.shared_roles:
        lines.append("The same role: " + ", ".join(md_text(r) for r in suggestion.shared_roles))
    return lines


def _answer(suggestion: Suggestion, editor: str) -> None:
    """Same (a merge correction, keeping the name the editor picks) or not the same (remembered)."""
    key = pair_key(*suggestion.pair)
    keep_first, keep_second, reject = st.columns(3)
    for column, stays, goes, slot in (
        (keep_first, suggestion.first, suggestion.second, "first"),
        (keep_second, suggestion.second, suggestion.first, "second"),
    ):
        if column.button(f"Same: keep {md_text(stays.name)}", key=f"merge_keep_{slot}_{key}", icon=":material/merge:"):
            reason = f"merge suggestion ({suggestion.kind}): {suggestion.reason}"
            with guarded():
                try:
                    record_correction(
                        graph.driver, graph.database, "merge", goes.id, {"into": stays.id}, editor=editor, reason=reason
                    )
                except CorrectionError as e:
                    st.error(md_text(str(e)))
                    return
            st.cache_data.clear()  # pick lists and profiles read before the merge
            st.session_state[DONE] = f"Merged {goes.name} into {stays.name}. Undo it on the Audit page."
            st.rerun()
    if reject.button("Not the same", key=f"merge_reject_{key}", icon=":material/block:"):
        with guarded():
            reject_merge(graph.driver, graph.database, suggestion.first.id, suggestion.second.id, editor=editor)
        st.session_state[DONE] = f"Not the same: {suggestion.first.name} and {suggestion.second.name}"
        st.rerun()


def _editor() -> str:
    """The editor's name when editing is on and one is given; "" keeps the page read-only."""
    if not editing_enabled():
        st.caption("Read-only: an editor turns on the setting `editing` to merge or reject from here.")
        return ""
    name = editor_name("merge_editor")
    if not name:
        st.info("Give your name as editor to merge or reject: every answer is recorded with it.")
    return name


def _summary(suggestions: list[Suggestion]) -> list[dict[str, Any]]:
    return [
        {
            "rank": rank,
            "score": s.score,
            "kind": s.kind,
            "first": s.first.name,
            "second": s.second.name,
            "why": s.reason,
            "shared articles": len(s.shared_articles),
            "first profile": page_href("entity", id=s.first.id),
            "second profile": page_href("entity", id=s.second.id),
        }
        for rank, s in enumerate(suggestions, start=1)
    ]


graph = reader()
st.title("Merge suggestions")
st.caption(
    "Entities that may be one: names differing in accents or spelling, an acronym and its expansion, a short "
    "form and the full name, a name with and without its country, a translation, people in the same role."
)
if st.session_state.get(DONE):
    st.success(md_text(st.session_state.pop(DONE)))

left, right = st.columns(2)
entity_type = left.selectbox("Type", ["any", *ENTITY_TYPES], key="merge_type")
top = right.number_input("Suggestions", min_value=1, max_value=200, value=20, step=5, key="merge_top")
with guarded():
    ranking = merge_suggestions(graph, _rules(), int(top), None if entity_type == "any" else entity_type)

if ranking.entities == 0:
    if entity_type == "any":
        empty_graph_hint()
    else:
        st.info(f"No entity of type {md_text(entity_type)} in the graph.")
    st.stop()
if ranking.truncated:
    st.warning(f"Only the {ranking.entities:,} most mentioned entities were compared.")
if not ranking.suggestions:
    st.info(f"No merge suggestions among {ranking.entities:,} entities.")
    st.stop()

st.caption(f"{len(ranking.suggestions)} suggestions from {ranking.compared:,} pairs that look alike.")
table(_summary(ranking.suggestions), **{"first profile": open_link("first"), "second profile": open_link("second")})

editor = _editor()
for suggestion in ranking.suggestions:
    with st.container(border=True):
        st.markdown("  \n".join(_evidence(suggestion)))
        if editor:
            _answer(suggestion, editor)
