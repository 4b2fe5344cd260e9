"""Merge suggestions an editor rejected: "these two are not one entity", remembered in the graph.

A rejection is a ``(:MergeRejection)`` node keyed by ``pair`` (the two entity ids sorted, joined by "|") with the
ids, the names they had, the ``editor`` and ``rejected_at``. It stands apart from the entities (no relationship to
them), so loads and re-extractions neither delete it nor keep an entity alive for it; the pair is never suggested
again while the node exists. Accepting a suggestion is a merge correction (graph/corrections.py), not this.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from neo4j import Driver, ManagedTransaction

from core.errors import QueryError
from graph import neo4j_queries as q
from graph.connection import write_transaction

log = logging.getLogger(__name__)

MAX_EDITOR = 100


@dataclass(frozen=True, slots=True)
class MergeRejection:
    pair: str
    editor: str
    rejected_at: str


def reject_merge(driver: Driver, database: str, first_id: str, second_id: str, *, editor: str) -> MergeRejection:
    """Remember that two entities are not one; a one-line QueryError when an id or the editor is wrong."""
    ids = sorted(_entity_id(i) for i in (first_id, second_id))
    if ids[0] == ids[1]:
        raise QueryError(f"a merge suggestion joins two entities; both ids are {ids[0]!r}")
    who = editor.strip() if isinstance(editor, str) else ""
    if not who or len(who) > MAX_EDITOR or not who.isprintable():
        raise QueryError(f"the editor name must be 1 to {MAX_EDITOR} printable characters")
    row = write_transaction(
        driver, database, _reject, ids[0], ids[1], who, activity="storing a rejection",
        refusal="Neo4j refused the rejection",
    )  # fmt: skip
    if row is None:
        raise QueryError(f"no entity with id {ids[0]!r} or {ids[1]!r} in the graph; nothing was stored")
    log.info("merge of %s rejected by %s", row["pair"], row["editor"])
    return MergeRejection(row["pair"], row["editor"], row["rejected_at"])


def _entity_id(value: object) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if ":" not in text or len(text) > 2000:
        raise QueryError(f"{value!r} is not an entity id (type:name, e.g. person:andrej-petrovski)")
    return text


def _reject(tx: ManagedTransaction, first_id: str, second_id: str, editor: str) -> dict[str, str] | None:
    record = tx.run(
        q.REJECT_MERGE, first_id=first_id, second_id=second_id, pair=f"{first_id}|{second_id}", editor=editor
    ).single()
    return dict(record) if record is not None else None
