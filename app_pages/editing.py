"""Editing controls of the explorer: shown only with the setting ``editing`` on, each correction needs an editor name.

The explorer is read-only for readers by default: with ``editing`` off nothing here renders a control, and no
page writes. Corrections are recorded through graph.corrections (the same records and rules as `newsgraph
corrections`); what an editor typed is shown back as text only (``md_text``), never as Markdown or HTML.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from app_pages.common import distinct_labels, guarded, md_text, settings
from core.records import ENTITY_TYPES
from graph.corrections import CorrectionError, record_correction, relation_key
from queries.explore import GraphReader

EDITOR_KEY = "corrections_editor"  # the name typed once is offered again on every page of the session
SHOWN_STATEMENT_KEY = "statement_correction_shown"  # the statement the correction form was last drawn for


def editing_enabled() -> bool:
    return bool(settings().editing)


def editor_name(key: str) -> str:
    """The editor name field (prefilled from the session, else the setting ``editor``); '' until one is typed."""
    if EDITOR_KEY not in st.session_state:
        st.session_state[EDITOR_KEY] = settings().editor
    name = st.text_input("Editor name", value=st.session_state[EDITOR_KEY], key=key, max_chars=100)
    st.session_state[EDITOR_KEY] = name
    return name.strip()


def submit(graph: GraphReader, kind: str, target: str, after: Mapping[str, Any], editor: str, reason: str) -> None:
    """Record one correction and say what happened; a refused one is one error line, nothing written."""
    if not editor:
        st.error("A correction needs an editor name.")
        return
    with guarded():
        try:
            made = record_correction(graph.driver, graph.database, kind, target, after, editor=editor, reason=reason)
        except CorrectionError as e:
            st.error(md_text(str(e)))
            return
    st.cache_data.clear()  # pick lists and profiles read before the correction
    st.success(f"Recorded {md_text(made.id)}: {md_text(made.describe())}. Undo it on the Audit page.")


def statement_controls(graph: GraphReader, statement: Mapping[str, Any], speakers: Mapping[str, str]) -> None:
    """Reassign the speaker of one statement, or mark it as not a statement."""
    if not editing_enabled():
        return
    target = str(statement["statement_id"])
    # The statement in context is chosen by its place in the list. A correction that removes one moves the others
    # up, so a second press (a double click) would correct the statement now at that place: it is refused.
    shown = st.session_state.get(SHOWN_STATEMENT_KEY)
    st.session_state[SHOWN_STATEMENT_KEY] = target
    speakers = distinct_labels(speakers)
    with st.expander("Correct this statement", icon=":material/edit:"):
        with st.form("statement_correction"):
            editor = editor_name("statement_editor")
            action = st.radio("Correction", ["Reassign the speaker", "Not a statement"], key="statement_action")
            speaker = st.selectbox("Existing speaker", [None, *speakers], key="statement_new_speaker",
                                   format_func=lambda i: "— a new entity —" if i is None else speakers[i])  # fmt: skip
            new_name = st.text_input("…or a new entity's name", key="statement_new_name", max_chars=300)
            new_type = st.selectbox("Its type", ENTITY_TYPES, key="statement_new_type")
            reason = st.text_input("Reason", key="statement_reason", max_chars=2000)
            if not st.form_submit_button("Record the correction", key="statement_correct"):
                return
        if shown != target:
            st.warning(
                "Nothing recorded: the list of statements changed after the form was shown, so the statement in "
                "context may not be the one meant. Check it above and record the correction again."
            )
            return
        if action == "Not a statement":
            submit(graph, "reject-statement", target, {}, editor, reason)
        elif speaker:
            submit(graph, "reassign-speaker", target, {"speaker_id": speaker}, editor, reason)
        else:
            submit(graph, "reassign-speaker", target, {"name": new_name, "type": new_type}, editor, reason)


ENTITY_ACTIONS = ("Rename", "Retype", "Merge into another entity", "Split an alias off", "Reject a relation")


def entity_controls(
    graph: GraphReader, profile: Mapping[str, Any], others: Mapping[str, str], relations: list[Mapping[str, Any]]
) -> None:
    """Rename, retype, merge, split an alias off, or reject one of its relations."""
    if not editing_enabled():
        return
    entity = str(profile["id"])
    keys = distinct_labels({relation_key(r["subject_id"], r["relation"], r["object_id"], r["article_id"], r["start"],
                            r["end"]): f"{r['subject']} {r['relation']} {r['object']} ({r['article_id']})"
                            for r in relations if r.get("subject_id") and r.get("start") is not None})  # fmt: skip
    others = distinct_labels(others)
    with st.expander("Correct this entity", icon=":material/edit:"):
        with st.form("entity_correction"):
            editor = editor_name("entity_editor")
            action = st.radio("Correction", ENTITY_ACTIONS, key="entity_action")
            name = st.text_input("New name", key="entity_new_name", max_chars=300)
            kind_of = st.selectbox("New type (also of a split-off alias)", ENTITY_TYPES, key="entity_new_type")
            into = st.selectbox("Merge into", [None, *others], key="entity_merge_into",
                                format_func=lambda i: "—" if i is None else others[i])  # fmt: skip
            alias = st.selectbox("Alias to split off", [None, *(profile.get("aliases") or [])], key="entity_alias",
                                 format_func=lambda a: "—" if a is None else a)  # fmt: skip
            relation = st.selectbox("Relation to reject", [None, *keys], key="entity_relation",
                                    format_func=lambda k: "—" if k is None else keys[k])  # fmt: skip
            reason = st.text_input("Reason", key="entity_reason", max_chars=2000)
            if not st.form_submit_button("Record the correction", key="entity_correct"):
                return
        if action == "Rename":
            submit(graph, "rename", entity, {"name": name}, editor, reason)
        elif action == "Retype":
            submit(graph, "retype", entity, {"type": kind_of}, editor, reason)
        elif action == "Merge into another entity":
            submit(graph, "merge", entity, {"into": into or ""}, editor, reason)
        elif action == "Split an alias off":
            submit(graph, "split-alias", entity, {"alias": alias or "", "type": kind_of}, editor, reason)
        elif relation:
            submit(graph, "reject-relation", relation, {}, editor, reason)
        else:
            st.error("Choose the relation to reject.")
