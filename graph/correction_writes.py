"""What the statement, relation, name and type corrections do to the graph, and how undo takes it back; the helpers
merges and splits share (graph/correction_identity.py). Run inside one write transaction of graph/corrections.py.

``apply`` is idempotent: applied twice, or after a load wrote the raw facts again, it leaves the same graph. It
returns whether the target was found, and the ``before`` to store when it changed something. What it adds is
marked with the correction's id (``correction_id`` on relationships, ``created_by`` on entities it creates,
``merged_from``/``split_from`` on what it moves) and what it removes is kept in ``before``, so ``undo`` restores
exactly that. Moved and added relationships keep their provenance (article id, offsets, sentence, extractor
version): a corrected fact is still traceable to its article.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from neo4j import ManagedTransaction
from neo4j.time import Date, DateTime

from core.names import fold
from core.records import ENTITY_TYPES
from graph.correction_records import parse_relation_key

Applied = tuple[bool, dict[str, Any] | None]
# (tx, target, after, correction id, the before stored so far) -> Applied; (tx, target, after, before, id) -> None
Apply = Callable[[ManagedTransaction, str, dict[str, Any], str, dict[str, Any]], Applied]
Undo = Callable[[ManagedTransaction, str, dict[str, Any], dict[str, Any], str], None]

_ENTITY = """
MATCH (e:Entity {id: $id})
RETURN e.name AS name, e.type AS type, coalesce(e.aliases, []) AS aliases, e.created_by AS created_by
"""
_STATEMENT = "RETURN EXISTS { MATCH (:Statement {id: $id}) } AS present"
CREATE_ENTITY = """
MERGE (e:Entity {id: $id})
ON CREATE SET e.name = $name, e.type = $type, e.aliases = [], e.created_by = $cid, e:$($type)
"""
DROP_CREATED = "MATCH (e:Entity {id: $id, created_by: $cid}) WHERE NOT (e)--() DELETE e"


def entity_exists(tx: ManagedTransaction, entity_id: str) -> bool:
    return tx.run(_ENTITY, id=entity_id).single() is not None


def read_entity(tx: ManagedTransaction, entity_id: str) -> dict[str, Any] | None:
    record = tx.run(_ENTITY, id=entity_id).single()
    return dict(record) if record else None


def missing_target(tx: ManagedTransaction, kind: str, target: str, after: Mapping[str, Any]) -> str | None:
    """Why a new correction cannot be recorded (what it names is not in the graph), or None."""
    if kind in ("reassign-speaker", "reject-statement"):
        record = tx.run(_STATEMENT, id=target).single()
        if not (record and record["present"]):
            return f"no statement {target} in the graph"
        if kind == "reassign-speaker" and "name" not in after and not entity_exists(tx, after["speaker_id"]):
            return f"no entity {after['speaker_id']} in the graph (give a name and type to create one)"
        return None
    if kind == "reject-relation":
        key = parse_relation_key(target)
        return None if _relation(tx, key) else f"no relation {target} in the graph"
    entity = read_entity(tx, target)
    if entity is None:
        return f"no entity {target} in the graph"
    if kind == "merge" and not entity_exists(tx, after["into"]):
        return f"no entity {after['into']} in the graph to merge into"
    if kind == "split-alias":
        if fold(after["alias"]) == fold(entity["name"]):
            return f"{after['alias']!r} is the name of {target}, not an alias: rename it instead"
        if fold(after["alias"]) not in {fold(a) for a in entity["aliases"]}:
            return f"{after['alias']!r} is not an alias of {target} (its aliases: {', '.join(entity['aliases'])})"
    return None


def completed_after(tx: ManagedTransaction, kind: str, target: str, after: Mapping[str, Any]) -> dict[str, Any]:
    """``after`` with what the graph knows added (the name and type of an existing speaker or merge target, the
    new entity of a split), so the correction can create them again in a graph that lost them."""
    out = dict(after)
    if kind == "reassign-speaker" and ("name" not in out or "type" not in out):
        entity = read_entity(tx, out["speaker_id"]) or {}
        out.setdefault("name", entity.get("name") or out["speaker_id"].split(":", 1)[-1])
        out.setdefault("type", entity.get("type") or type_of(out["speaker_id"]))
    if kind == "merge" and ("name" not in out or "type" not in out):
        entity = read_entity(tx, out["into"]) or {}
        out.setdefault("name", entity.get("name") or out["into"].split(":", 1)[-1])
        out.setdefault("type", entity.get("type") or type_of(out["into"]))
    if kind == "split-alias" and "id" not in out:
        from core.names import entity_id

        kind_of = out.get("type") or (read_entity(tx, target) or {}).get("type") or type_of(target)
        out["type"] = kind_of
        out["id"] = entity_id(kind_of, out["alias"])
    return out


def type_of(entity_id: str) -> str:
    prefix = entity_id.split(":", 1)[0].lower()
    return next((t for t in ENTITY_TYPES if t.lower() == prefix), "Group")


def spans_of(props: Mapping[str, Any]) -> list[tuple[int, int]]:
    """A MENTIONS relationship's (start, end) pairs."""
    return list(zip(props.get("starts") or [], props.get("ends") or [], strict=False))


# -- reassign-speaker ---------------------------------------------------------------------------------------------

_SPEAKER_NOW = """
MATCH (s:Statement {id: $id})-[:REPORTED_IN]->(:Article)
OPTIONAL MATCH (speaker:Entity)-[:SAID]->(s)
OPTIONAL MATCH (s)-[:IN_ROLE]->(role:Role)
RETURN s.speaker_name AS speaker_name, s.speaker_role AS speaker_role,
       s.basis AS basis, s.basis_distance AS basis_distance, s.confidence AS confidence,
       collect(DISTINCT speaker.id) AS speakers, collect(DISTINCT role.id) AS roles
"""
_SET_SPEAKER = """
MATCH (s:Statement {id: $id})-[rep:REPORTED_IN]->(:Article)
OPTIONAL MATCH (s)<-[said:SAID]-()
DELETE said
WITH DISTINCT s, rep
OPTIONAL MATCH (s)-[in_role:IN_ROLE]->()
DELETE in_role
WITH DISTINCT s, rep
MERGE (e:Entity {id: $speaker_id})
ON CREATE SET e.name = $name, e.type = $type, e.aliases = [], e.created_by = $cid, e:$($type)
CREATE (e)-[said:SAID]->(s)
SET said = properties(rep), said.correction_id = $cid
SET s.speaker_id = e.id, s.speaker_name = e.name, s.speaker_role = null
// An editor named the speaker: the extractor's basis and calibrated confidence no longer describe it.
SET s.basis = 'editor', s.basis_distance = null, s.confidence = 1.0
"""
# A merge or split that moved the SAID since keeps this correction's id as the earlier one.
_UNSET_SPEAKER = """
MATCH (:Entity)-[said:SAID]->(s:Statement {id: $id})
WHERE said.correction_id = $cid OR said.earlier_correction_id = $cid
DELETE said
RETURN count(*) AS removed
"""
_RESTORE_SPEAKER = """
MATCH (s:Statement {id: $id})-[rep:REPORTED_IN]->(:Article)
SET s.speaker_id = null, s.speaker_name = $before.speaker_name, s.speaker_role = $before.speaker_role,
    s.basis = $before.basis, s.basis_distance = $before.basis_distance, s.confidence = $before.confidence
WITH s, rep
MATCH (speaker:Entity {id: $before.speaker_id})
CREATE (speaker)-[said:SAID]->(s)
SET said = properties(rep), s.speaker_id = speaker.id
WITH s, rep
MATCH (role:Role {id: $before.role_id})
CREATE (s)-[in_role:IN_ROLE]->(role)
SET in_role = properties(rep)
"""


def _apply_speaker(
    tx: ManagedTransaction, target: str, after: dict[str, Any], cid: str, previous: dict[str, Any]
) -> Applied:
    now = tx.run(_SPEAKER_NOW, id=target).single()
    if now is None:
        return False, None
    if list(now["speakers"]) == [after["speaker_id"]]:
        return True, None
    before = {
        "speaker_id": now["speakers"][0] if now["speakers"] else None,
        "speaker_name": now["speaker_name"],
        "speaker_role": now["speaker_role"],
        "role_id": now["roles"][0] if now["roles"] else None,
        "basis": now["basis"],
        "basis_distance": now["basis_distance"],
        "confidence": now["confidence"],
    }
    tx.run(_SET_SPEAKER, id=target, speaker_id=after["speaker_id"], name=after["name"], type=after["type"],
           cid=cid).consume()  # fmt: skip
    return True, before


def _undo_speaker(tx: ManagedTransaction, target: str, after: dict[str, Any], before: dict[str, Any], cid: str) -> None:
    removed = tx.run(_UNSET_SPEAKER, id=target, cid=cid).single()
    if removed and removed["removed"]:
        tx.run(_RESTORE_SPEAKER, id=target, before=before).consume()
    tx.run(DROP_CREATED, id=after["speaker_id"], cid=cid).consume()


# -- reject-statement ---------------------------------------------------------------------------------------------

_STATEMENT_NOW = """
MATCH (s:Statement {id: $id})-[rep:REPORTED_IN]->(a:Article)
RETURN properties(s) AS props, properties(rep) AS provenance, a.id AS article_id,
       COLLECT { MATCH (e:Entity)-[:SAID]->(s) RETURN e.id } AS speakers,
       COLLECT { MATCH (s)-[:ABOUT]->(e:Entity) RETURN e.id } AS about,
       COLLECT { MATCH (s)-[r:IN_ROLE]->(role:Role) RETURN {id: role.id, props: properties(r)} } AS roles
"""
_DELETE_STATEMENT = """
MATCH (s:Statement {id: $id})
OPTIONAL MATCH (s)-[:IN_CLUSTER]->(c:QuoteCluster)
SET c.pending = true
DETACH DELETE s
"""
_RESTORE_STATEMENT = """
MATCH (a:Article {id: $article_id})
MERGE (s:Statement {id: $id})
SET s += $props, s.date = CASE WHEN $date IS NULL THEN null ELSE date($date) END, s.trail_pending = true
MERGE (s)-[rep:REPORTED_IN]->(a)
SET rep = $provenance
WITH s
CALL (s) {
  UNWIND $speakers AS speaker_id
  MATCH (e:Entity {id: speaker_id})
  MERGE (e)-[said:SAID]->(s)
  SET said = $provenance
}
CALL (s) {
  UNWIND $about AS about_id
  MATCH (e:Entity {id: about_id})
  MERGE (s)-[about:ABOUT]->(e)
  SET about = $provenance
}
CALL (s) {
  UNWIND $roles AS role
  MATCH (r:Role {id: role.id})
  MERGE (s)-[in_role:IN_ROLE]->(r)
  SET in_role = $provenance
}
WITH s
WHERE $embedding IS NOT NULL
CALL db.create.setNodeVectorProperty(s, 'embedding', $embedding)
"""


def plain(value: Any) -> Any:
    if isinstance(value, (Date, DateTime)):
        return value.iso_format()
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def _apply_reject_statement(
    tx: ManagedTransaction, target: str, after: dict[str, Any], cid: str, previous: dict[str, Any]
) -> Applied:
    now = tx.run(_STATEMENT_NOW, id=target).single()
    if now is None:
        return False, None
    props = {k: plain(v) for k, v in dict(now["props"]).items()}
    before = {
        "statement": {k: v for k, v in props.items() if k != "embedding"},
        "embedding": props.get("embedding"),
        "provenance": {k: plain(v) for k, v in dict(now["provenance"]).items()},
        "article_id": now["article_id"],
        "speakers": list(now["speakers"]),
        "about": list(now["about"]),
        "roles": [role["id"] for role in now["roles"]],
    }
    tx.run(_DELETE_STATEMENT, id=target).consume()
    return True, before


def _undo_reject_statement(
    tx: ManagedTransaction, target: str, after: dict[str, Any], before: dict[str, Any], cid: str
) -> None:
    statement = dict(before.get("statement") or {})
    if not statement or not before.get("article_id"):
        return
    date = statement.pop("date", None)
    statement.pop("id", None)
    tx.run(
        _RESTORE_STATEMENT,
        id=target,
        article_id=before["article_id"],
        props=statement,
        date=date[:10] if isinstance(date, str) else None,
        provenance=before.get("provenance") or {},
        speakers=before.get("speakers") or [],
        about=before.get("about") or [],
        roles=[{"id": r} for r in before.get("roles") or []],
        embedding=before.get("embedding"),
    ).consume()


# -- reject-relation ----------------------------------------------------------------------------------------------

_RELATION = """
MATCH (a:Entity {id: $key.subject})-[r]->(b:Entity {id: $key.object})
WHERE type(r) = $key.type AND r.article_id = $key.article_id AND r.start = $key.start AND r.end = $key.end
RETURN elementId(r) AS rid, properties(r) AS props
"""
DELETE_RELATIONS = "MATCH ()-[r]->() WHERE elementId(r) IN $ids DELETE r"
_RESTORE_RELATION = """
MATCH (a:Entity {id: $key.subject}), (b:Entity {id: $key.object})
CREATE (a)-[r:$($key.type)]->(b)
SET r = $props
"""


def _relation(tx: ManagedTransaction, key: dict[str, Any]) -> list[dict[str, Any]]:
    return [dict(r) for r in tx.run(_RELATION, key=key)]


def _apply_reject_relation(
    tx: ManagedTransaction, target: str, after: dict[str, Any], cid: str, previous: dict[str, Any]
) -> Applied:
    key = parse_relation_key(target)
    found = _relation(tx, key)
    if not found:
        return False, None
    tx.run(DELETE_RELATIONS, ids=[r["rid"] for r in found]).consume()
    return True, {"relations": [{k: plain(v) for k, v in r["props"].items()} for r in found]}


def _undo_reject_relation(
    tx: ManagedTransaction, target: str, after: dict[str, Any], before: dict[str, Any], cid: str
) -> None:
    key = parse_relation_key(target)
    if _relation(tx, key):  # extracted again since: nothing to restore
        return
    for props in before.get("relations") or []:
        tx.run(_RESTORE_RELATION, key=key, props=props).consume()


# -- rename and retype --------------------------------------------------------------------------------------------

_SET_NAME = "MATCH (e:Entity {id: $id}) SET e.name = $name, e.aliases = $aliases"
_SET_TYPE = "MATCH (e:Entity {id: $id}) REMOVE e:$($all_types) SET e:$($type), e.type = $type"
_LABELS = "MATCH (e:Entity {id: $id}) RETURN [label IN labels(e) WHERE label IN $all_types] AS types"


def _apply_rename(
    tx: ManagedTransaction, target: str, after: dict[str, Any], cid: str, previous: dict[str, Any]
) -> Applied:
    entity = read_entity(tx, target)
    if entity is None:
        return False, None
    new = after["name"]
    if entity["name"] == new and new not in entity["aliases"]:
        return True, None
    old = entity["name"]
    aliases = sorted((set(entity["aliases"]) | {old}) - {new})
    tx.run(_SET_NAME, id=target, name=new, aliases=aliases).consume()
    return True, {"name": old, "alias_added": old not in entity["aliases"] and old != new}


def _undo_rename(tx: ManagedTransaction, target: str, after: dict[str, Any], before: dict[str, Any], cid: str) -> None:
    entity = read_entity(tx, target)
    if entity is None or entity["name"] != after["name"] or not before.get("name"):
        return
    aliases = set(entity["aliases"])
    if before.get("alias_added"):
        aliases.discard(before["name"])
    tx.run(_SET_NAME, id=target, name=before["name"], aliases=sorted(aliases - {before["name"]})).consume()


def _apply_retype(
    tx: ManagedTransaction, target: str, after: dict[str, Any], cid: str, previous: dict[str, Any]
) -> Applied:
    entity = read_entity(tx, target)
    if entity is None:
        return False, None
    labels = tx.run(_LABELS, id=target, all_types=list(ENTITY_TYPES)).single()
    if entity["type"] == after["type"] and labels is not None and list(labels["types"]) == [after["type"]]:
        return True, None
    tx.run(_SET_TYPE, id=target, type=after["type"], all_types=list(ENTITY_TYPES)).consume()
    return True, {"type": entity["type"]}


def _undo_retype(tx: ManagedTransaction, target: str, after: dict[str, Any], before: dict[str, Any], cid: str) -> None:
    entity = read_entity(tx, target)
    if entity is None or entity["type"] != after["type"] or before.get("type") not in ENTITY_TYPES:
        return
    tx.run(_SET_TYPE, id=target, type=before["type"], all_types=list(ENTITY_TYPES)).consume()


APPLY: dict[str, Apply] = {
    "reassign-speaker": _apply_speaker,
    "reject-statement": _apply_reject_statement,
    "reject-relation": _apply_reject_relation,
    "rename": _apply_rename,
    "retype": _apply_retype,
}
UNDO: dict[str, Undo] = {
    "reassign-speaker": _undo_speaker,
    "reject-statement": _undo_reject_statement,
    "reject-relation": _undo_reject_relation,
    "rename": _undo_rename,
    "retype": _undo_retype,
}
