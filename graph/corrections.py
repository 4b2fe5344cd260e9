"""Editors' corrections: records in the graph, applied at once and again after every load and re-extraction.

A correction is a ``(:Correction)`` node: what (``kind`` and ``target``), ``before``, ``after``, ``editor``, when
(``created_at``), ``reason``, and whether it was undone. It names its target by a key that survives re-extraction:
a statement by its id (``<article id>@<start>-<end>``), an entity by its id (``person:andrej-petrovski``), a typed
relation by ``<subject id>|<TYPE>|<object id>|<article id>@<start>-<end>``. Re-extracting an article writes its raw
facts again; the loader then calls ``reapply_for_articles`` in the same transaction, which applies every active
correction touching those articles, oldest first, so the newest of two conflicting corrections wins.

The kinds (``KINDS``), their targets and ``after`` fields:

- ``reassign-speaker`` statement; ``speaker_id`` of an existing entity, or ``name`` and ``type`` of a new one.
- ``reject-statement`` statement ("not a statement"); nothing.
- ``merge`` entity merged away; ``into``: the entity that stays.
- ``split-alias`` entity; ``alias``: the name to split off into an entity of its own, ``type`` (default: the
  entity's type).
- ``rename`` entity; ``name``.  ``retype`` entity; ``type``.
- ``reject-relation`` typed relation; nothing.

The record itself and its checks are graph/correction_records.py; what each kind does to the graph and its undo,
graph/correction_writes.py and graph/correction_identity.py. ``before`` is filled by the graph when a correction
changes something: it is what undo restores. A correction whose target is not in the graph is kept and reported
``dangling``; the user's aliases file, applied at extraction, is listed beside the stored corrections
(graph/correction_file.py) as the same kind of record.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from neo4j import Driver, ManagedTransaction

from core.errors import GraphUnavailableError, QueryError
from graph import correction_identity
from graph import correction_writes as writes
from graph.connection import write_transaction
from graph.correction_file import checked_before
from graph.correction_records import (
    ENTITY_KINDS,
    KINDS,
    MAX_EDITOR,
    Correction,
    CorrectionError,
    checked_correction_id,
    checked_text,
    make_correction,
    now_text,
    parse_relation_key,
    relation_key,
)
from graph.quote_trail import mark_speakers, mark_statements, refresh_quote_trail

# The record model is imported from here by the CLI, the explorer and the merge suggestions.
__all__ = [
    "KINDS",
    "Correction",
    "CorrectionError",
    "get_correction",
    "import_corrections",
    "list_corrections",
    "make_correction",
    "parse_relation_key",
    "reapply_for_articles",
    "record_correction",
    "relation_key",
    "undo_correction",
]

log = logging.getLogger(__name__)

# Two active corrections of one target in the same slot conflict: the newest wins, the older is "superseded".
_SLOT = {
    "reassign-speaker": "statement",
    "reject-statement": "statement",
    "merge": "identity",
    "rename": "name",
    "retype": "type",
    "reject-relation": "relation",
}
_APPLY = {**writes.APPLY, **correction_identity.APPLY}
_UNDO = {**writes.UNDO, **correction_identity.UNDO}


# -- the graph ----------------------------------------------------------------------------------------------------

EXISTS = "RETURN EXISTS { MATCH (:Correction {id: $id}) } AS present"
CREATE = "CREATE (c:Correction {id: $id}) SET c += $props"
ALL = "MATCH (c:Correction) RETURN properties(c) AS c ORDER BY c.created_at DESC, c.id DESC"
ONE = "MATCH (c:Correction {id: $id}) RETURN properties(c) AS c"
ACTIVE_MERGES = """
MATCH (c:Correction {kind: 'merge', status: 'active'}) RETURN c.id AS id, c.target AS target, c.after AS after
"""
OF_TARGETS = """
MATCH (c:Correction {status: 'active'}) WHERE c.target IN $targets
RETURN properties(c) AS c ORDER BY c.created_at, c.id
"""
# The active corrections a load of these articles may have undone: those of their statements and relations, and
# those of the entities they mention.
OF_ARTICLES = """
MATCH (c:Correction {status: 'active'})
WHERE c.article_id IN $ids
   OR (c.kind IN $entity_kinds
       AND EXISTS { MATCH (a:Article)-[:MENTIONS]->(:Entity {id: c.target}) WHERE a.id IN $ids })
RETURN properties(c) AS c ORDER BY c.created_at, c.id
"""
# An entity correction applied before whose entity a load has just removed (no article mentions it any more). A
# merge is left out: its merged entity is meant to be gone.
MARK_GONE = """
MATCH (c:Correction {status: 'active', state: 'applied'})
WHERE c.kind IN $kinds AND NOT EXISTS { MATCH (:Entity {id: c.target}) }
SET c.state = 'dangling', c.checked_at = $now
RETURN c.id AS id, c.kind AS kind, c.target AS target
"""
SET_STATE = """
MATCH (c:Correction {id: $id})
SET c.state = $state, c.checked_at = $now
FOREACH (_ IN CASE WHEN $before IS NULL THEN [] ELSE [1] END | SET c.before = $before)
"""
# The active entity corrections recorded after one, oldest first: those made on what a merge produced.
ENTITY_CORRECTIONS_AFTER = """
MATCH (c:Correction {status: 'active'})
WHERE c.kind IN $kinds AND (c.created_at > $created_at OR (c.created_at = $created_at AND c.id > $id))
RETURN properties(c) AS c ORDER BY c.created_at, c.id
"""
FORGET_BEFORE = "MATCH (c:Correction) WHERE c.id IN $ids SET c.before = '{}'"
MARK_UNDONE = """
MATCH (c:Correction {id: $id})
SET c.status = 'undone', c.undone_by = $editor, c.undone_at = $now, c.state = 'undone'
"""
EXISTS_NOW = """
UNWIND $rows AS row
RETURN row.id AS id,
       CASE row.kind
         WHEN 'merge' THEN EXISTS { MATCH (:Entity {id: row.target}) } OR EXISTS { MATCH (:Entity {id: row.into}) }
         ELSE EXISTS { MATCH (:Entity {id: row.target}) }
       END AS present
"""


def _props(correction: Correction) -> dict[str, Any]:
    return {
        "kind": correction.kind,
        "target": correction.target,
        "article_id": correction.article_id,
        "after": json.dumps(correction.after, sort_keys=True, ensure_ascii=False),
        "before": json.dumps(correction.before, sort_keys=True, ensure_ascii=False),
        "editor": correction.editor,
        "created_at": correction.created_at,
        "reason": correction.reason,
        "status": correction.status,
        "undone_by": correction.undone_by,
        "undone_at": correction.undone_at,
        "state": "pending" if correction.status == "active" else "undone",
    }


def from_node(props: Mapping[str, Any]) -> Correction:
    """A Correction from its node's properties; CorrectionError when the node was edited into something else."""
    try:
        after = json.loads(props.get("after") or "{}")
        before = json.loads(props.get("before") or "{}")
    except (TypeError, ValueError) as e:
        raise CorrectionError(f"correction {props.get('id')} holds a field that is not JSON: {e}") from e
    return Correction(
        id=str(props.get("id")),
        kind=str(props.get("kind")),
        target=str(props.get("target")),
        after=after if isinstance(after, dict) else {},
        editor=str(props.get("editor") or ""),
        created_at=str(props.get("created_at") or ""),
        reason=str(props.get("reason") or ""),
        before=before if isinstance(before, dict) else {},
        status=str(props.get("status") or "active"),
        undone_by=props.get("undone_by"),
        undone_at=props.get("undone_at"),
        state=str(props.get("state") or "pending"),
    )


def _write(driver: Driver, database: str, work: Any, *args: Any) -> Any:
    return write_transaction(
        driver, database, work, *args, activity="writing corrections", refusal="Neo4j refused the correction",
        refused=CorrectionError,
    )  # fmt: skip


def record_correction(
    driver: Driver,
    database: str,
    kind: str,
    target: str,
    after: Mapping[str, Any] | None = None,
    *,
    editor: str,
    reason: str = "",
) -> Correction:
    """Check, store and apply one correction now; it is applied again after every later load of its articles.

    ``kind`` is one of ``KINDS``; ``target`` the stable key of what it corrects; ``after`` its kind's fields (see
    the module docstring), e.g. ``record_correction(driver, "neo4j", "merge", "person:petrovski",
    {"into": "person:andrej-petrovski"}, editor="ana", reason="same person")``. The target (and for a merge the
    entity it goes into, for a reassignment an existing speaker) must be in the graph; otherwise CorrectionError.
    Returns the stored correction with its ``before`` and ``state``.
    """
    correction = make_correction(kind, target, after, editor=editor, reason=reason)
    stored = _write(driver, database, _record, correction, True)
    _settled(driver, database)
    return stored


def _record(tx: ManagedTransaction, correction: Correction, must_exist: bool) -> Correction:
    if must_exist:
        problem = writes.missing_target(tx, correction.kind, correction.target, correction.after)
        if problem:
            raise CorrectionError(problem)
    correction = replace(correction, after=writes.completed_after(tx, correction.kind, correction.target,
                                                                  correction.after))  # fmt: skip
    if _stored(tx, correction.id):
        raise CorrectionError(f"another correction already has the id {correction.id}")
    same = _in_force(tx, correction)
    if same is not None:
        raise CorrectionError(f"already in force as {same.id}: {same.describe()}")
    cycle = _merge_cycle(_active_merges(tx), correction)
    if cycle:
        raise CorrectionError(cycle)
    tx.run(CREATE, id=correction.id, props=_props(correction)).consume()
    if correction.status == "active":
        _apply_in_order(tx, _of_targets(tx, [correction.target]), after_load=False)
    stored = tx.run(ONE, id=correction.id).single()
    return from_node(stored["c"]) if stored else correction


def _in_force(tx: ManagedTransaction, correction: Correction) -> Correction | None:
    """The correction in force for the same target and slot when it makes the very same change. Recorded again (a
    form sent twice), the older would take over when the newer is undone, and the undo would seem to do nothing."""
    slot = _SLOT.get(correction.kind)
    in_slot = [c for c in _of_targets(tx, [correction.target]) if slot is not None and _SLOT.get(c.kind) == slot]
    newest = in_slot[-1] if in_slot else None  # oldest first
    if newest is not None and newest.kind == correction.kind and dict(newest.after) == dict(correction.after):
        return newest
    return None


def _active_merges(tx: ManagedTransaction) -> dict[str, tuple[str, str]]:
    """Each entity merged away by an active merge: the entity it went into, and the correction's id."""
    into_of: dict[str, tuple[str, str]] = {}
    for record in tx.run(ACTIVE_MERGES):
        into = json.loads(record["after"] or "{}").get("into")
        if isinstance(into, str):
            into_of[record["target"]] = (into, record["id"])
    return into_of


def _merge_cycle(into_of: dict[str, tuple[str, str]], correction: Correction) -> str | None:
    """Why a merge cannot be stored: it would close a circle of the active merges ``into_of`` (A into B, then B into
    A, perhaps through others), which no order of replaying them could settle; None for any other correction."""
    if correction.kind != "merge" or correction.status != "active":
        return None
    step, seen = str(correction.after.get("into")), set()
    while step in into_of and step not in seen:
        seen.add(step)
        step, by = into_of[step]
        if step == correction.target:
            return (
                f"merging {correction.target} into {correction.after.get('into')} would undo correction {by}, which "
                f"merged them the other way; undo {by} instead"
            )
    return None


def _stored(tx: ManagedTransaction, correction_id: str) -> bool:
    record = tx.run(EXISTS, id=correction_id).single()
    return bool(record and record["present"])


def _of_targets(tx: ManagedTransaction, targets: Sequence[str]) -> list[Correction]:
    return [from_node(r["c"]) for r in tx.run(OF_TARGETS, targets=list(targets))]


def _apply_in_order(tx: ManagedTransaction, corrections: Iterable[Correction], *, after_load: bool) -> dict[str, int]:
    """Apply each correction, oldest first, and store what it found; ``after_load``: its articles were just
    written again, so a target that removes itself (a rejection, a merge) and is missing has gone dangling."""
    counts = {"applied": 0, "dangling": 0}
    for correction in corrections:
        # an imported line may leave out what the graph knew when it was made (a split's new id and type)
        after = writes.completed_after(tx, correction.kind, correction.target, correction.after)
        found, before = _APPLY[correction.kind](tx, correction.target, after, correction.id, dict(correction.before))
        if found:
            state = "applied"
        elif correction.kind in ("reject-statement", "reject-relation", "merge") and not after_load:
            state = correction.state if correction.state in ("applied", "dangling") else "dangling"
            if correction.kind == "merge" and writes.entity_exists(tx, str(correction.after.get("into"))):
                state = "applied"
        else:
            state = "dangling"
        counts[state] = counts.get(state, 0) + 1
        if before is not None:
            _mark_trail(tx, correction)
        if state == correction.state and before is None:
            continue  # already applied as it is: no write (a load touches many articles of a corrected entity)
        encoded = json.dumps(before, sort_keys=True, ensure_ascii=False) if before is not None else None
        tx.run(SET_STATE, id=correction.id, state=state, before=encoded, now=now_text()).consume()
        if state == "dangling":
            _warn_dangling(correction.id, correction.kind, correction.target)
    return counts


_warned_dangling: set[str] = set()


def _warn_dangling(correction_id: str, kind: str, target: str) -> None:
    """Once a process: a long load applies a correction again with every batch of its articles."""
    if correction_id not in _warned_dangling:
        _warned_dangling.add(correction_id)
        log.warning("correction %s (%s %s): its target is not in the graph", correction_id, kind, target)


def _mark_trail(tx: ManagedTransaction, correction: Correction) -> None:
    """The quote clusters whose speakers this correction changes are summarised again by the next refresh."""
    if correction.kind in ("reassign-speaker", "reject-statement"):
        mark_statements(tx, [correction.target])
    elif correction.kind in ENTITY_KINDS:
        after = correction.after
        mark_speakers(tx, [correction.target, str(after.get("into") or ""), str(after.get("id") or "")])


def _settled(driver: Driver, database: str) -> None:
    """Quote trails follow a correction at once: its clusters' speakers, conflicts and members are settled."""
    try:
        refresh_quote_trail(driver, database)
    except (GraphUnavailableError, QueryError) as e:  # the correction is stored; the next load settles the trails
        log.warning("quote trails not refreshed after the correction: %s", e)


def reapply_for_articles(tx: ManagedTransaction, article_ids: Sequence[str]) -> dict[str, int]:
    """Inside a load's transaction, after the articles' raw facts were written: apply again every active correction
    of their statements, relations and mentioned entities, oldest first. Returns counts by state."""
    if not article_ids:
        return {}
    records = tx.run(OF_ARTICLES, ids=list(article_ids), entity_kinds=list(ENTITY_KINDS))
    corrections = []
    for record in records:
        try:
            corrections.append(from_node(record["c"]))
        except CorrectionError as e:  # a node edited by hand must not cost the load
            log.warning("%s; skipped", e)
    counts = _apply_in_order(tx, corrections, after_load=True)
    gone_kinds = [kind for kind in ENTITY_KINDS if kind != "merge"]
    for gone in tx.run(MARK_GONE, kinds=gone_kinds, now=now_text()):
        _warn_dangling(gone["id"], gone["kind"], gone["target"])
        counts["dangling"] = counts.get("dangling", 0) + 1
    return counts


def undo_correction(driver: Driver, database: str, correction_id: str, *, editor: str) -> Correction:
    """Mark a correction undone by ``editor`` and restore what it changed (its ``before``); the other active
    corrections of the same target are applied again, oldest first. CorrectionError for an unknown id or one
    already undone."""
    who = checked_text("the editor name", editor, MAX_EDITOR)
    undone = _write(driver, database, _undo, checked_correction_id(correction_id), who)
    _settled(driver, database)
    return undone


def _undo(tx: ManagedTransaction, correction_id: str, editor: str) -> Correction:
    stored = tx.run(ONE, id=correction_id).single()
    if stored is None:
        raise CorrectionError(f"no correction with id {correction_id}")
    correction = from_node(stored["c"])
    if correction.status == "undone":
        raise CorrectionError(f"correction {correction_id} was already undone by {correction.undone_by}")
    built_on = _built_on(tx, correction)
    for undone in (*built_on, correction):  # stored by an earlier version or edited by hand: refused, not half done
        try:
            checked_before(undone.kind, undone.before)
        except CorrectionError as e:
            raise CorrectionError(f"correction {undone.id} cannot be undone: {e}") from e
    for later in reversed(built_on):  # newest first, as if each were undone in turn
        _UNDO[later.kind](tx, later.target, writes.completed_after(tx, later.kind, later.target, later.after),
                          dict(later.before), later.id)  # fmt: skip
    # What they find when done again below is their new ``before`` (nothing, when what one acted on is gone with
    # this correction: its undo then has nothing to give back).
    tx.run(FORGET_BEFORE, ids=[later.id for later in built_on]).consume()
    tx.run(MARK_UNDONE, id=correction_id, editor=editor, now=now_text()).consume()
    after = writes.completed_after(tx, correction.kind, correction.target, correction.after)
    _UNDO[correction.kind](tx, correction.target, after, dict(correction.before), correction.id)
    _mark_trail(tx, correction)
    redone = {later.id for later in built_on}
    _apply_in_order(tx, [c for c in _of_targets(tx, [correction.target]) if c.id not in redone], after_load=False)
    _apply_in_order(tx, [replace(later, before={}) for later in built_on], after_load=False)  # oldest first
    again = tx.run(ONE, id=correction_id).single()
    return from_node(again["c"]) if again else correction


# What a merge or a split leaves in the graph besides its target: the entity merged into, the entity split off.
_PRODUCES = {"merge": "into", "split-alias": "id"}


def _built_on(tx: ManagedTransaction, correction: Correction) -> list[Correction]:
    """The later entity corrections made on what a merge or split touched: a merge, split, rename or retype of its
    entity or of the one it produced, and so on down a chain ("A into B", then "B into C"; an alias split off A,
    then merged into C). Undoing the correction undoes these first and does them again after, so what it moved
    goes back even when the entities were corrected on."""
    if correction.kind not in _PRODUCES:
        return []
    touched = {correction.target, str(correction.after.get(_PRODUCES[correction.kind]) or "")}
    chain = []
    for record in tx.run(ENTITY_CORRECTIONS_AFTER, kinds=list(ENTITY_KINDS), created_at=correction.created_at,
                         id=correction.id):  # fmt: skip
        later = from_node(record["c"])
        if later.target in touched:
            chain.append(later)
            if later.kind in _PRODUCES:
                touched.add(str(later.after.get(_PRODUCES[later.kind]) or ""))
    return chain


def import_corrections(driver: Driver, database: str, corrections: Sequence[Correction]) -> dict[str, int]:
    """Store corrections read from a file (their ids kept, so importing twice adds nothing) and apply the active
    ones whose target is in the graph; the others are kept as dangling until a load brings their target."""
    counts = _write(driver, database, _import, list(corrections))
    _settled(driver, database)
    return counts


def _import(tx: ManagedTransaction, corrections: list[Correction]) -> dict[str, int]:
    counts = {"imported": 0, "already there": 0}
    targets: list[str] = []
    into_of = _active_merges(tx)  # read once; the merges stored below are added as they are
    for correction in corrections:
        if _stored(tx, correction.id):
            counts["already there"] += 1
            continue
        cycle = _merge_cycle(into_of, correction)
        if cycle:
            log.warning("correction %s not imported: %s", correction.id, cycle)
            counts["refused"] = counts.get("refused", 0) + 1
            continue
        tx.run(CREATE, id=correction.id, props=_props(correction)).consume()
        if correction.kind == "merge" and correction.status == "active":
            into_of[correction.target] = (str(correction.after.get("into")), correction.id)
        counts["imported"] += 1
        targets.append(correction.target)
    counts.update(_apply_in_order(tx, _of_targets(tx, targets), after_load=False))
    return counts


def list_corrections(driver: Driver, database: str, *, include_undone: bool = True) -> list[Correction]:
    """Every stored correction, newest first, with its state now: entity corrections whose entity is gone are
    dangling, and of two active corrections of one target in one slot the older is superseded."""
    records, _, _ = driver.execute_query(ALL, database_=database, routing_="r")
    corrections: list[Correction] = []
    for record in records:
        try:
            corrections.append(from_node(record["c"]))
        except CorrectionError as e:
            log.warning("%s; not listed", e)
    return _with_live_state(driver, database, corrections, include_undone)


def _with_live_state(
    driver: Driver, database: str, corrections: list[Correction], include_undone: bool
) -> list[Correction]:
    entity = [c for c in corrections if c.status == "active" and c.kind in ENTITY_KINDS]
    present: dict[str, bool] = {}
    if entity:
        rows = [{"id": c.id, "kind": c.kind, "target": c.target, "into": c.after.get("into")} for c in entity]
        records, _, _ = driver.execute_query(EXISTS_NOW, rows=rows, database_=database, routing_="r")
        present = {r["id"]: bool(r["present"]) for r in records}
    winners: set[tuple[str, str]] = set()
    shown = []
    for correction in corrections:  # newest first: the first of each (target, slot) wins
        if correction.status != "active":
            if include_undone:
                shown.append(replace(correction, state="undone"))
            continue
        state = correction.state
        if correction.id in present and not present[correction.id]:
            state = "dangling"
        slot = (correction.target, _SLOT.get(correction.kind, correction.id))
        if slot in winners:
            state = "superseded"
        winners.add(slot)
        shown.append(replace(correction, state=state))
    return shown


def get_correction(driver: Driver, database: str, correction_id: str) -> Correction | None:
    records, _, _ = driver.execute_query(ONE, id=correction_id, database_=database, routing_="r")
    return from_node(records[0]["c"]) if records else None
