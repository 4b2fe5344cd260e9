"""Audit: every correction, newest first — when, who, what, before, after, why, and its state — with undo.

Readers see the list; undo is offered only with the setting ``editing`` on, and needs an editor name. The
aliases file's entries are listed below as the corrections the extractor applies (changed by editing the file).
"""

from __future__ import annotations

import json

import streamlit as st

from app_pages.common import guarded, md_text, reader, settings, table
from app_pages.editing import editing_enabled, editor_name
from graph.correction_file import aliases_file_corrections
from graph.corrections import Correction, CorrectionError, list_corrections, undo_correction

st.title("Audit: corrections")
graph = reader()


def _row(correction: Correction) -> dict[str, str]:
    return {
        "when": correction.created_at[:19].replace("T", " "),
        "editor": correction.editor,
        "kind": correction.kind,
        "target": correction.target,
        "change": correction.describe(),
        "before": json.dumps({k: v for k, v in correction.before.items() if k != "embedding"}, ensure_ascii=False),
        "after": json.dumps(dict(correction.after), ensure_ascii=False),
        "reason": correction.reason,
        "state": correction.state,
        "undone": f"by {correction.undone_by} at {(correction.undone_at or '')[:19]}" if correction.undone_by else "",
        "id": correction.id,
    }


with guarded():
    corrections = list_corrections(graph.driver, graph.database)

if editing_enabled():
    active = [c for c in corrections if c.status == "active"]
    if active:
        with st.form("audit_undo_form"):
            editor = editor_name("audit_editor")
            # The id makes each label its own: Streamlit tells a choice by its label. Nothing is chosen at first, so
            # a second Undo, sent for a correction no longer on offer, is refused instead of undoing the next one.
            labels = {c.id: f"{c.created_at[:19]} · {c.editor}: {c.describe()} ({c.id})" for c in active}
            chosen = st.selectbox("Correction to undo", list(labels), index=None, key="audit_undo_choice",
                                  placeholder="Choose a correction", format_func=lambda i: labels[i])  # fmt: skip
            if st.form_submit_button("Undo", key="audit_undo"):
                if not editor:
                    st.error("Undoing a correction needs an editor name.")
                elif chosen is None:
                    st.error("Choose the correction to undo.")
                else:
                    with guarded():
                        try:
                            undone = undo_correction(graph.driver, graph.database, chosen, editor=editor)
                        except CorrectionError as e:
                            st.error(md_text(str(e)))
                        else:
                            st.cache_data.clear()
                            st.success(f"Undone {md_text(undone.id)}: {md_text(undone.describe())}.")
                            corrections = list_corrections(graph.driver, graph.database)
else:
    st.caption("The explorer is read-only: an editor turns on the setting `editing` to correct and undo.")

dangling = sum(1 for c in corrections if c.state == "dangling")
if dangling:
    st.warning(f"{dangling} corrections name something no longer in the graph (dangling); they are kept and apply "
               "again when a load brings their target back.")  # fmt: skip
st.caption(f"{len(corrections)} corrections, newest first")
if corrections:
    table([_row(c) for c in corrections])
else:
    st.info("No corrections yet.")

try:
    from_file = aliases_file_corrections(settings().aliases_file or None)
except CorrectionError as e:
    st.error(md_text(str(e)))
    from_file = []
if from_file:
    st.subheader("The aliases file (applied at extraction)")
    st.caption(f"{len(from_file)} entries; change them by editing {md_text(settings().aliases_file)}")
    table([_row(c) for c in from_file])
