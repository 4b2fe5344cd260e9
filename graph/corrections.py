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

``before`` is filled by the graph when a correction changes something: it is what undo restores. A correction
whose target is not in the graph is kept and reported ``dangling``; the user's aliases file, applied at extraction,
is listed beside the stored corrections (graph/correction_file.py) as the same kind of record.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from neo4j import Driver, ManagedTransaction
from neo4j.exceptions import DriverError, Neo4jError, ServiceUnavailable, SessionExpired

from core.errors import GraphUnavailableError, NewsgraphError
from core.names import entity_id
from core.records import ENTITY_TYPES
from core.relation_types import RELATION_TYPES
from graph import correction_writes as writes

log = logging.getLogger(__name__)

STATEMENT_KINDS = ("reassign-speaker", "reject-statement")
ENTITY_KINDS = ("merge", "split-alias", "rename", "retype")
RELATION_KINDS = ("reject-relation",)
KINDS = (*STATEMENT_KINDS, *ENTITY_KINDS, *RELATION_KINDS)
# Two active corrections of one target in the same slot conflict: the newest wins, the older is "superseded".
_SLOT = {
    "reassign-speaker": "statement",
    "reject-statement": "statement",
    "merge": "identity",
    "rename": "name",
    "retype": "type",
    "reject-relation": "relation",
}
MAX_NAME = 300
MAX_EDITOR = 100
MAX_REASON = 2000
_STATEMENT_ID = re.compile(r"^(?P<article>.+)@(?P<start>\d+)-(?P<end>\d+)$")
_ENTITY_ID = re.compile(r"^[a-z]+:\S.*$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class CorrectionError(NewsgraphError):
    """A correction that cannot be recorded, undone or read: one line saying why."""


@dataclass(frozen=True, slots=True)
class Correction:
    """One correction. ``state``: applied, dangling (target not in the graph), superseded (a newer correction of
    the same target wins) or pending (not applied yet); ``source`` is ``graph`` or ``aliases file``."""

    id: str
    kind: str
    target: str
    after: Mapping[str, Any]
    editor: str
    created_at: str
    reason: str = ""
    before: Mapping[str, Any] = field(default_factory=dict)
    status: str = "active"
    undone_by: str | None = None
    undone_at: str | None = None
    state: str = "pending"
    source: str = "graph"

    @property
    def article_id(self) -> str | None:
        """The article a statement or relation correction belongs to (None for entity corrections)."""
        return target_article(self.kind, self.target)

    def describe(self) -> str:
        """The change in words, for lists and the audit page."""
        after = dict(self.after)
        if self.kind == "reassign-speaker":
            return f"speaker of {self.target} -> {after.get('name')} ({after.get('speaker_id')})"
        if self.kind == "merge":
            return f"{self.target} merged into {after.get('into')}"
        if self.kind == "split-alias" and "names" in after:
            return f"kept apart: {' | '.join(str(n) for n in after['names'])}"
        if self.kind == "reject-entity":
            return f"{self.target!r} is not an entity"
        if self.kind == "split-alias":
            return f"{after.get('alias')!r} split off {self.target} as {after.get('id')}"
        if self.kind == "rename":
            return f"{self.target} renamed {after.get('name')!r}"
        if self.kind == "retype":
            return f"{self.target} retyped {after.get('type')}"
        if self.kind == "reject-statement":
            return f"{self.target} is not a statement"
        if self.kind == "reject-relation":
            return f"relation {self.target} rejected"
        return f"{self.kind} {self.target} {json.dumps(after, ensure_ascii=False)}"


def now_text() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def normalise_time(value: Any) -> str:
    """An ISO 8601 time as the one text form corrections are sorted by (UTC, microseconds); no zone means UTC."""
    if not isinstance(value, str) or not value.strip():
        raise CorrectionError("the time of a correction must be an ISO 8601 text such as 2026-01-31T09:30:00Z")
    try:
        parsed = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError as e:
        raise CorrectionError(f"{value!r} is not an ISO 8601 time") from e
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.astimezone(dt.UTC).isoformat(timespec="microseconds")


def target_article(kind: str, target: str) -> str | None:
    if kind in STATEMENT_KINDS:
        match = _STATEMENT_ID.match(target)
        return match.group("article") if match else None
    if kind in RELATION_KINDS:
        parts = target.split("|")
        match = _STATEMENT_ID.match(parts[-1]) if len(parts) == 4 else None
        return match.group("article") if match else None
    return None


def relation_key(subject_id: str, relation_type: str, object_id: str, article_id: str, start: int, end: int) -> str:
    """The stable key a relation correction names its relation by."""
    return f"{subject_id}|{relation_type}|{object_id}|{article_id}@{start}-{end}"


def parse_relation_key(key: str) -> dict[str, Any]:
    parts = key.split("|")
    where = _STATEMENT_ID.match(parts[-1]) if len(parts) == 4 else None
    if where is None or not all(p.strip() for p in parts[:3]):
        raise CorrectionError(f"{key!r} is not a relation key (subject id|TYPE|object id|article id@start-end)")
    if parts[1] not in RELATION_TYPES:
        raise CorrectionError(f"{parts[1]!r} is not a relation type ({', '.join(RELATION_TYPES)})")
    return {
        "subject": parts[0],
        "type": parts[1],
        "object": parts[2],
        "article_id": where.group("article"),
        "start": int(where.group("start")),
        "end": int(where.group("end")),
    }


def _text(what: str, value: Any, longest: int, *, required: bool = True) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise CorrectionError(f"{what} must be text")
    text = value.strip()
    if required and not text:
        raise CorrectionError(f"{what} is empty")
    if len(text) > longest:
        raise CorrectionError(f"{what} is longer than {longest} characters")
    if _CONTROL.search(text):
        raise CorrectionError(f"{what} holds control characters")
    return text


def _entity_type(value: Any) -> str:
    if value not in ENTITY_TYPES:
        raise CorrectionError(f"entity type {value!r} is not one of {', '.join(ENTITY_TYPES)}")
    return str(value)


def _target(kind: str, target: Any) -> str:
    text = _text("the target", target, 2000)
    if kind in STATEMENT_KINDS and not _STATEMENT_ID.match(text):
        raise CorrectionError(f"{text!r} is not a statement id (article id@start-end)")
    if kind in ENTITY_KINDS and not _ENTITY_ID.match(text):
        raise CorrectionError(f"{text!r} is not an entity id (type:name, e.g. person:andrej-petrovski)")
    if kind in RELATION_KINDS:
        parse_relation_key(text)
    return text


def checked_after(kind: str, target: str, after: Mapping[str, Any] | None) -> dict[str, Any]:
    """``after`` with exactly the fields its kind takes, each checked; derived ids filled in."""
    given = dict(after or {})
    known = {
        "reassign-speaker": {"speaker_id", "name", "type"},
        "merge": {"into", "name", "type"},
        "split-alias": {"alias", "type", "id"},
        "rename": {"name"},
        "retype": {"type"},
    }.get(kind, set())
    unknown = sorted(set(given) - known)
    if unknown:
        raise CorrectionError(f"a {kind} correction takes no {', '.join(unknown)}")
    if kind == "reassign-speaker":
        if given.get("speaker_id"):
            out = {"speaker_id": _text("the speaker id", given["speaker_id"], 2000)}
            if not _ENTITY_ID.match(out["speaker_id"]):
                raise CorrectionError(f"{out['speaker_id']!r} is not an entity id")
            for key in ("name", "type"):
                if given.get(key):
                    out[key] = _text(f"the speaker's {key}", given[key], MAX_NAME)
            if "type" in out:
                _entity_type(out["type"])
            return out
        name = _text("the new speaker's name", given.get("name"), MAX_NAME)
        kind_of = _entity_type(given.get("type") or "Person")
        return {"speaker_id": entity_id(kind_of, name), "name": name, "type": kind_of}
    if kind == "merge":
        into = _text("the entity to merge into", given.get("into"), 2000)
        if not _ENTITY_ID.match(into):
            raise CorrectionError(f"{into!r} is not an entity id")
        if into == target:
            raise CorrectionError("an entity cannot be merged into itself")
        out = {"into": into}
        if given.get("name"):
            out["name"] = _text("the name", given["name"], MAX_NAME)
        if given.get("type"):
            out["type"] = _entity_type(given["type"])
        return out
    if kind == "split-alias":
        alias = _text("the alias", given.get("alias"), MAX_NAME)
        out = {"alias": alias}
        if given.get("type"):
            out["type"] = _entity_type(given["type"])
            out["id"] = entity_id(out["type"], alias)
        if given.get("id"):
            out["id"] = _text("the new entity's id", given["id"], 2000)
        return out
    if kind == "rename":
        return {"name": _text("the new name", given.get("name"), MAX_NAME)}
    if kind == "retype":
        return {"type": _entity_type(given.get("type"))}
    return {}


def make_correction(
    kind: str,
    target: str,
    after: Mapping[str, Any] | None = None,
    *,
    editor: str,
    reason: str = "",
    created_at: str | None = None,
    correction_id: str | None = None,
) -> Correction:
    """A checked correction record (nothing is written): a one-line CorrectionError when a field is wrong."""
    if kind not in KINDS:
        raise CorrectionError(f"unknown kind of correction {kind!r}; the kinds are {', '.join(KINDS)}")
    checked_target = _target(kind, target)
    checked = checked_after(kind, checked_target, after)
    who = _text("the editor name", editor, MAX_EDITOR)
    why = _text("the reason", reason, MAX_REASON, required=False)
    when = normalise_time(created_at) if created_at is not None else now_text()
    ident = correction_id or _correction_id(kind, checked_target, checked, who, when)
    if not re.fullmatch(r"[A-Za-z0-9_.:-]{1,80}", ident):
        raise CorrectionError(f"{ident!r} is not a correction id (letters, digits, . _ : -)")
    return Correction(ident, kind, checked_target, checked, who, when, why)


def _correction_id(kind: str, target: str, after: Mapping[str, Any], editor: str, when: str) -> str:
    key = json.dumps([kind, target, after, editor, when], sort_keys=True, ensure_ascii=False)
    return "c-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


# -- the graph ----------------------------------------------------------------------------------------------------

EXISTS = "RETURN EXISTS { MATCH (:Correction {id: $id}) } AS present"
CREATE = "CREATE (c:Correction {id: $id}) SET c += $props"
ALL = "MATCH (c:Correction) RETURN properties(c) AS c ORDER BY c.created_at DESC, c.id DESC"
ONE = "MATCH (c:Correction {id: $id}) RETURN properties(c) AS c"
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
SET_STATE = """
MATCH (c:Correction {id: $id})
SET c.state = $state, c.checked_at = $now
FOREACH (_ IN CASE WHEN $before IS NULL THEN [] ELSE [1] END | SET c.before = $before)
"""
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
    try:
        with driver.session(database=database) as session:
            return session.execute_write(work, *args)
    except (ServiceUnavailable, SessionExpired) as e:
        raise GraphUnavailableError(f"Neo4j became unavailable while writing corrections: {e}") from e
    except Neo4jError as e:
        raise CorrectionError(
            f"Neo4j refused the correction: {e.code}: {(e.message or '').splitlines()[0][:300]}"
        ) from e
    except DriverError as e:
        raise GraphUnavailableError(f"lost the connection to Neo4j while writing corrections: {e}") from e


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
    return _write(driver, database, _record, correction, True)


def _record(tx: ManagedTransaction, correction: Correction, must_exist: bool) -> Correction:
    if must_exist:
        problem = writes.missing_target(tx, correction.kind, correction.target, correction.after)
        if problem:
            raise CorrectionError(problem)
    correction = replace(correction, after=writes.completed_after(tx, correction.kind, correction.target,
                                                                  correction.after))  # fmt: skip
    if _stored(tx, correction.id):
        raise CorrectionError(f"another correction already has the id {correction.id}")
    tx.run(CREATE, id=correction.id, props=_props(correction)).consume()
    if correction.status == "active":
        _apply_in_order(tx, _of_targets(tx, [correction.target]), after_load=False)
    stored = tx.run(ONE, id=correction.id).single()
    return from_node(stored["c"]) if stored else correction


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
        found, before = writes.apply(tx, correction)
        if found:
            state = "applied"
        elif correction.kind in ("reject-statement", "reject-relation", "merge") and not after_load:
            state = correction.state if correction.state in ("applied", "dangling") else "dangling"
            if correction.kind == "merge" and writes.entity_exists(tx, str(correction.after.get("into"))):
                state = "applied"
        else:
            state = "dangling"
        counts[state] = counts.get(state, 0) + 1
        encoded = json.dumps(before, sort_keys=True, ensure_ascii=False) if before is not None else None
        tx.run(SET_STATE, id=correction.id, state=state, before=encoded, now=now_text()).consume()
        if state == "dangling":
            log.warning("correction %s (%s %s): its target is not in the graph", correction.id, correction.kind,
                        correction.target)  # fmt: skip
    return counts


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
    return _apply_in_order(tx, corrections, after_load=True)


def undo_correction(driver: Driver, database: str, correction_id: str, *, editor: str) -> Correction:
    """Mark a correction undone by ``editor`` and restore what it changed (its ``before``); the other active
    corrections of the same target are applied again, oldest first. CorrectionError for an unknown id or one
    already undone."""
    who = _text("the editor name", editor, MAX_EDITOR)
    return _write(driver, database, _undo, correction_id, who)


def _undo(tx: ManagedTransaction, correction_id: str, editor: str) -> Correction:
    stored = tx.run(ONE, id=correction_id).single()
    if stored is None:
        raise CorrectionError(f"no correction with id {correction_id}")
    correction = from_node(stored["c"])
    if correction.status == "undone":
        raise CorrectionError(f"correction {correction_id} was already undone by {correction.undone_by}")
    tx.run(MARK_UNDONE, id=correction_id, editor=editor, now=now_text()).consume()
    writes.undo(tx, correction)
    _apply_in_order(tx, _of_targets(tx, [correction.target]), after_load=False)
    again = tx.run(ONE, id=correction_id).single()
    return from_node(again["c"]) if again else correction


def import_corrections(driver: Driver, database: str, corrections: Sequence[Correction]) -> dict[str, int]:
    """Store corrections read from a file (their ids kept, so importing twice adds nothing) and apply the active
    ones whose target is in the graph; the others are kept as dangling until a load brings their target."""
    return _write(driver, database, _import, list(corrections))


def _import(tx: ManagedTransaction, corrections: list[Correction]) -> dict[str, int]:
    counts = {"imported": 0, "already there": 0}
    targets: list[str] = []
    for correction in corrections:
        if _stored(tx, correction.id):
            counts["already there"] += 1
            continue
        tx.run(CREATE, id=correction.id, props=_props(correction)).consume()
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
