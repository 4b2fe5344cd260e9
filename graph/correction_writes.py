"""What each kind of correction does to the graph, and how undo takes it back; run inside one write transaction.

``apply`` is idempotent: applied twice, or after a load wrote the raw facts again, it leaves the same graph. It
returns whether the target was found, and the ``before`` to store when it changed something. What it adds is
marked with the correction's id (``correction_id`` on relationships, ``created_by`` on entities it creates,
``merged_from``/``split_from`` on what it moves) and what it removes is kept in ``before``, so ``undo`` restores
exactly that. Moved and added relationships keep their provenance (article id, offsets, sentence, extractor
version): a corrected fact is still traceable to its article.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from neo4j import ManagedTransaction
from neo4j.time import Date, DateTime

from core.names import fold
from core.records import ENTITY_TYPES

Applied = tuple[bool, dict[str, Any] | None]

_ENTITY = "MATCH (e:Entity {id: $id}) RETURN e.name AS name, e.type AS type, coalesce(e.aliases, []) AS aliases"
_STATEMENT = "RETURN EXISTS { MATCH (:Statement {id: $id}) } AS present"
_CREATE_ENTITY = """
MERGE (e:Entity {id: $id})
ON CREATE SET e.name = $name, e.type = $type, e.aliases = [], e.created_by = $cid, e:$($type)
"""
_DROP_CREATED = "MATCH (e:Entity {id: $id, created_by: $cid}) WHERE NOT (e)--() DELETE e"


def entity_exists(tx: ManagedTransaction, entity_id: str) -> bool:
    return tx.run(_ENTITY, id=entity_id).single() is not None


def _entity(tx: ManagedTransaction, entity_id: str) -> dict[str, Any] | None:
    record = tx.run(_ENTITY, id=entity_id).single()
    return dict(record) if record else None


def missing_target(tx: ManagedTransaction, kind: str, target: str, after: Mapping[str, Any]) -> str | None:
    """Why a new correction cannot be recorded (what it names is not in the graph), or None."""
    from graph.corrections import parse_relation_key  # the key's format belongs to the record model

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
    entity = _entity(tx, target)
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
        entity = _entity(tx, out["speaker_id"]) or {}
        out.setdefault("name", entity.get("name") or out["speaker_id"].split(":", 1)[-1])
        out.setdefault("type", entity.get("type") or _type_of(out["speaker_id"]))
    if kind == "merge" and ("name" not in out or "type" not in out):
        entity = _entity(tx, out["into"]) or {}
        out.setdefault("name", entity.get("name") or out["into"].split(":", 1)[-1])
        out.setdefault("type", entity.get("type") or _type_of(out["into"]))
    if kind == "split-alias" and "id" not in out:
        from core.names import entity_id

        kind_of = out.get("type") or (_entity(tx, target) or {}).get("type") or _type_of(target)
        out["type"] = kind_of
        out["id"] = entity_id(kind_of, out["alias"])
    return out


def _type_of(entity_id: str) -> str:
    prefix = entity_id.split(":", 1)[0].lower()
    return next((t for t in ENTITY_TYPES if t.lower() == prefix), "Group")


def apply(tx: ManagedTransaction, correction: Any) -> Applied:
    """Apply one correction; (target found, before to store or None when nothing changed)."""
    handler = _APPLY[correction.kind]
    return handler(tx, correction.target, dict(correction.after), correction.id, dict(correction.before))


def undo(tx: ManagedTransaction, correction: Any) -> None:
    """Take back what ``apply`` did, from the marks it left and its stored ``before``."""
    _UNDO[correction.kind](tx, correction.target, dict(correction.after), dict(correction.before), correction.id)


# -- reassign-speaker ---------------------------------------------------------------------------------------------

_SPEAKER_NOW = """
MATCH (s:Statement {id: $id})-[:REPORTED_IN]->(:Article)
OPTIONAL MATCH (speaker:Entity)-[:SAID]->(s)
OPTIONAL MATCH (s)-[:IN_ROLE]->(role:Role)
RETURN s.speaker_name AS speaker_name, s.speaker_role AS speaker_role,
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
"""
_UNSET_SPEAKER = """
MATCH (:Entity)-[said:SAID {correction_id: $cid}]->(s:Statement {id: $id})
DELETE said
RETURN count(*) AS removed
"""
_RESTORE_SPEAKER = """
MATCH (s:Statement {id: $id})-[rep:REPORTED_IN]->(:Article)
SET s.speaker_id = null, s.speaker_name = $before.speaker_name, s.speaker_role = $before.speaker_role
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
    }
    tx.run(_SET_SPEAKER, id=target, speaker_id=after["speaker_id"], name=after["name"], type=after["type"],
           cid=cid).consume()  # fmt: skip
    return True, before


def _undo_speaker(tx: ManagedTransaction, target: str, after: dict[str, Any], before: dict[str, Any], cid: str) -> None:
    removed = tx.run(_UNSET_SPEAKER, id=target, cid=cid).single()
    if removed and removed["removed"]:
        tx.run(_RESTORE_SPEAKER, id=target, before=before).consume()
    tx.run(_DROP_CREATED, id=after["speaker_id"], cid=cid).consume()


# -- reject-statement ---------------------------------------------------------------------------------------------

_STATEMENT_NOW = """
MATCH (s:Statement {id: $id})-[rep:REPORTED_IN]->(a:Article)
RETURN properties(s) AS props, properties(rep) AS provenance, a.id AS article_id,
       COLLECT { MATCH (e:Entity)-[:SAID]->(s) RETURN e.id } AS speakers,
       COLLECT { MATCH (s)-[:ABOUT]->(e:Entity) RETURN e.id } AS about,
       COLLECT { MATCH (s)-[r:IN_ROLE]->(role:Role) RETURN {id: role.id, props: properties(r)} } AS roles
"""
_DELETE_STATEMENT = "MATCH (s:Statement {id: $id}) DETACH DELETE s"
_RESTORE_STATEMENT = """
MATCH (a:Article {id: $article_id})
MERGE (s:Statement {id: $id})
SET s += $props, s.date = CASE WHEN $date IS NULL THEN null ELSE date($date) END
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


def _plain(value: Any) -> Any:
    if isinstance(value, (Date, DateTime)):
        return value.iso_format()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _apply_reject_statement(
    tx: ManagedTransaction, target: str, after: dict[str, Any], cid: str, previous: dict[str, Any]
) -> Applied:
    now = tx.run(_STATEMENT_NOW, id=target).single()
    if now is None:
        return False, None
    props = {k: _plain(v) for k, v in dict(now["props"]).items()}
    before = {
        "statement": {k: v for k, v in props.items() if k != "embedding"},
        "embedding": props.get("embedding"),
        "provenance": {k: _plain(v) for k, v in dict(now["provenance"]).items()},
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
_DELETE_RELATION = "MATCH ()-[r]->() WHERE elementId(r) IN $ids DELETE r"
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
    from graph.corrections import parse_relation_key

    key = parse_relation_key(target)
    found = _relation(tx, key)
    if not found:
        return False, None
    tx.run(_DELETE_RELATION, ids=[r["rid"] for r in found]).consume()
    return True, {"relations": [{k: _plain(v) for k, v in r["props"].items()} for r in found]}


def _undo_reject_relation(
    tx: ManagedTransaction, target: str, after: dict[str, Any], before: dict[str, Any], cid: str
) -> None:
    from graph.corrections import parse_relation_key

    key = parse_relation_key(target)
    if _relation(tx, key):  # extracted again since: nothing to restore
        return
    for props in before.get("relations") or []:
        tx.run(_RESTORE_RELATION, key=key, props=props).consume()


# -- rename and retype --------------------------------------------------------------------------------------------

_SET_NAME = "MATCH (e:Entity {id: $id}) SET e.name = $name, e.aliases = $aliases"
_SET_TYPE = "MATCH (e:Entity {id: $id}) REMOVE e:$($all_types) SET e:$($type), e.type = $type"
_LABELS = "MATCH (e:Entity {id: $id}) RETURN [label IN labels(e) WHERE label IN $all_types] AS types"
_SPEAKER_NAMES = "MATCH (:Entity {id: $id})-[:SAID]->(s:Statement) SET s.speaker_name = $name"


def _apply_rename(
    tx: ManagedTransaction, target: str, after: dict[str, Any], cid: str, previous: dict[str, Any]
) -> Applied:
    entity = _entity(tx, target)
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
    entity = _entity(tx, target)
    if entity is None or entity["name"] != after["name"] or not before.get("name"):
        return
    aliases = set(entity["aliases"])
    if before.get("alias_added"):
        aliases.discard(before["name"])
    tx.run(_SET_NAME, id=target, name=before["name"], aliases=sorted(aliases - {before["name"]})).consume()


def _apply_retype(
    tx: ManagedTransaction, target: str, after: dict[str, Any], cid: str, previous: dict[str, Any]
) -> Applied:
    entity = _entity(tx, target)
    if entity is None:
        return False, None
    labels = tx.run(_LABELS, id=target, all_types=list(ENTITY_TYPES)).single()
    if entity["type"] == after["type"] and labels is not None and list(labels["types"]) == [after["type"]]:
        return True, None
    tx.run(_SET_TYPE, id=target, type=after["type"], all_types=list(ENTITY_TYPES)).consume()
    return True, {"type": entity["type"]}


def _undo_retype(tx: ManagedTransaction, target: str, after: dict[str, Any], before: dict[str, Any], cid: str) -> None:
    entity = _entity(tx, target)
    if entity is None or entity["type"] != after["type"] or before.get("type") not in ENTITY_TYPES:
        return
    tx.run(_SET_TYPE, id=target, type=before["type"], all_types=list(ENTITY_TYPES)).consume()


# -- merge --------------------------------------------------------------------------------------------------------

# Every relationship of the merged entity moves to the one it goes into, marked; a relation between the two
# would become a loop and is kept in ``before`` instead. An article naming both keeps one MENTIONS, its spans
# united; the merged entity's own MENTIONS is kept whole in ``merged_mentions`` for undo.
_BETWEEN = """
MATCH (a:Entity {id: $source})-[r]-(b:Entity)
WHERE b.id IN [$source, $into]
RETURN DISTINCT type(r) AS type, startNode(r).id AS start, endNode(r).id AS end, properties(r) AS props,
       elementId(r) AS rid
"""
_SHARED_MENTIONS = """
MATCH (x:Article)-[r:MENTIONS]->(:Entity {id: $source}), (x)-[m:MENTIONS]->(:Entity {id: $into})
RETURN elementId(r) AS rid, elementId(m) AS mid, properties(r) AS theirs, properties(m) AS ours
"""
_FOLD_MENTIONS = """
MATCH ()-[m:MENTIONS]->() WHERE elementId(m) = $mid
SET m.starts = $starts, m.ends = $ends, m.count = size($starts), m.start = $starts[0], m.end = $ends[0],
    m.merged_mentions = coalesce(m.merged_mentions, []) + [$kept]
WITH m
MATCH ()-[r:MENTIONS]->() WHERE elementId(r) = $rid
DELETE r
"""
_MOVE_OUT = """
MATCH (a:Entity {id: $source}), (b:Entity {id: $into})
CALL (a, b) {
  MATCH (a)-[r]->(x) WHERE x <> a AND x <> b
  CREATE (b)-[moved:$(type(r))]->(x)
  SET moved = properties(r), moved.merged_from = a.id, moved.correction_id = $cid
  DELETE r
}
CALL (a, b) {
  MATCH (x)-[r]->(a) WHERE x <> a AND x <> b
  CREATE (x)-[moved:$(type(r))]->(b)
  SET moved = properties(r), moved.merged_from = a.id, moved.correction_id = $cid
  DELETE r
}
WITH a, b
OPTIONAL MATCH (b)-[:SAID {correction_id: $cid}]->(s:Statement)
SET s.speaker_id = b.id
WITH DISTINCT a, b
SET b.aliases = $aliases
DETACH DELETE a
"""
_MOVE_BACK = """
MATCH (a:Entity {id: $source}), (b:Entity {id: $into})
CALL (a, b) {
  MATCH (b)-[r {correction_id: $cid}]->(x)
  CREATE (a)-[moved:$(type(r))]->(x)
  SET moved = properties(r) REMOVE moved.merged_from, moved.correction_id
  DELETE r
}
CALL (a, b) {
  MATCH (x)-[r {correction_id: $cid}]->(b)
  CREATE (x)-[moved:$(type(r))]->(a)
  SET moved = properties(r) REMOVE moved.merged_from, moved.correction_id
  DELETE r
}
WITH a
OPTIONAL MATCH (a)-[:SAID]->(s:Statement)
SET s.speaker_id = a.id
"""
_FOLDED = """
MATCH (x:Article)-[m:MENTIONS]->(:Entity {id: $into})
WHERE m.merged_mentions IS NOT NULL
RETURN x.id AS article_id, elementId(m) AS mid, properties(m) AS props
"""
_UNFOLD = """
MATCH (x:Article)-[m:MENTIONS]->(:Entity {id: $into}) WHERE elementId(m) = $mid
SET m.starts = $starts, m.ends = $ends, m.count = size($starts), m.start = $starts[0], m.end = $ends[0],
    m.merged_mentions = CASE WHEN size($left) = 0 THEN null ELSE $left END
WITH x
MATCH (a:Entity {id: $source})
CREATE (x)-[r:MENTIONS]->(a)
SET r = $props
"""
_CREATE_LINK = """
MATCH (s:Entity {id: $start}), (e:Entity {id: $end})
CREATE (s)-[r:$($type)]->(e)
SET r = $props
"""


def _spans(props: Mapping[str, Any]) -> list[tuple[int, int]]:
    return list(zip(props.get("starts") or [], props.get("ends") or [], strict=False))


def _apply_merge(
    tx: ManagedTransaction, target: str, after: dict[str, Any], cid: str, previous: dict[str, Any]
) -> Applied:
    merged = _entity(tx, target)
    if merged is None:
        return False, None
    into = after["into"]
    tx.run(_CREATE_ENTITY, id=into, name=after["name"], type=after["type"], cid=cid).consume()
    kept = _entity(tx, into) or {"name": after["name"], "aliases": []}
    between = [dict(r) for r in tx.run(_BETWEEN, source=target, into=into)]
    tx.run(_DELETE_RELATION, ids=[r["rid"] for r in between]).consume()
    for shared in tx.run(_SHARED_MENTIONS, source=target, into=into).data():
        spans = sorted(set(_spans(shared["ours"])) | set(_spans(shared["theirs"])))
        record = json.dumps({"from": target, "correction_id": cid, "props": shared["theirs"]}, sort_keys=True)
        tx.run(_FOLD_MENTIONS, mid=shared["mid"], rid=shared["rid"], starts=[s for s, _ in spans],
               ends=[e for _, e in spans], kept=record).consume()  # fmt: skip
    added = sorted(({merged["name"], *merged["aliases"]} - set(kept["aliases"])) - {kept["name"]})
    aliases = sorted(set(kept["aliases"]) | set(added))
    tx.run(_MOVE_OUT, cid=cid, aliases=aliases, source=target, into=into).consume()
    # A load that wrote the merged entity again adds nothing new to these: what earlier applications found stays.
    links = [
        *previous.get("between", []),
        *(
            {
                "type": r["type"],
                "start": r["start"],
                "end": r["end"],
                "props": {k: _plain(v) for k, v in r["props"].items()},
            }
            for r in between
        ),
    ]
    before = {
        "name": merged["name"],
        "type": merged["type"],
        "aliases": merged["aliases"],
        "aliases_added": sorted(set(previous.get("aliases_added", [])) | set(added)),
        "between": list({json.dumps(link, sort_keys=True): link for link in links}.values()),
    }
    return True, before


def _undo_merge(tx: ManagedTransaction, target: str, after: dict[str, Any], before: dict[str, Any], cid: str) -> None:
    into = after["into"]
    if not before.get("name") or not entity_exists(tx, into):
        return
    tx.run(_CREATE_ENTITY, id=target, name=before["name"], type=before.get("type") or _type_of(target),
           cid=None).consume()  # fmt: skip
    tx.run("MATCH (e:Entity {id: $id}) SET e.aliases = $aliases", id=target, aliases=before.get("aliases") or [])
    tx.run(_MOVE_BACK, cid=cid, source=target, into=into).consume()
    for folded in tx.run(_FOLDED, into=into).data():
        entries = [json.loads(e) for e in folded["props"].get("merged_mentions") or []]
        mine = [e for e in entries if e.get("correction_id") == cid]
        if not mine:
            continue
        theirs = {span for e in mine for span in _spans(e["props"])}
        spans = sorted(set(_spans(folded["props"])) - theirs)
        left = [json.dumps(e, sort_keys=True) for e in entries if e.get("correction_id") != cid]
        for entry in mine:
            tx.run(_UNFOLD, mid=folded["mid"], into=into, starts=[s for s, _ in spans], ends=[e for _, e in spans],
                   left=left, props=entry["props"], source=target).consume()  # fmt: skip
    for link in before.get("between") or []:
        tx.run(_CREATE_LINK, start=link["start"], end=link["end"], type=link["type"], props=link["props"]).consume()
    kept = _entity(tx, into)
    if kept is not None:
        aliases = sorted(set(kept["aliases"]) - set(before.get("aliases_added") or []))
        tx.run("MATCH (e:Entity {id: $id}) SET e.aliases = $aliases", id=into, aliases=aliases).consume()
    tx.run(_DROP_CREATED, id=into, cid=cid).consume()


# -- split-alias --------------------------------------------------------------------------------------------------

# The spans of the entity's mentions that read as the alias, per article (the stored text at the stored offsets).
_ALIAS_SPANS = """
MATCH (x:Article)-[r:MENTIONS]->(:Entity {id: $id})
WITH x, r, [i IN range(0, size(coalesce(r.starts, [])) - 1)
            WHERE toLower(substring(x.text, r.starts[i], r.ends[i] - r.starts[i])) = toLower($alias) | i] AS hits
WHERE size(hits) > 0
RETURN elementId(r) AS rid, x.id AS article_id, properties(r) AS props, hits
"""
_SPLIT_MENTION = """
MATCH (x:Article)-[r:MENTIONS]->(:Entity {id: $source}) WHERE elementId(r) = $rid
MATCH (n:Entity {id: $new})
CREATE (x)-[moved:MENTIONS]->(n)
SET moved = $moved, moved.split_from = $source, moved.correction_id = $cid
WITH r
CALL (r) {
  WITH r WHERE size($starts) = 0
  DELETE r
}
CALL (r) {
  WITH r WHERE size($starts) > 0
  SET r.starts = $starts, r.ends = $ends, r.count = size($starts), r.start = $starts[0], r.end = $ends[0]
}
"""
_SPLIT_SAID = """
MATCH (e:Entity {id: $source})-[said:SAID]->(s:Statement), (n:Entity {id: $new})
WHERE s.speaker_mention IS NOT NULL AND toLower(s.speaker_mention) = toLower($alias)
CREATE (n)-[moved:SAID]->(s)
SET moved = properties(said), moved.split_from = $source, moved.correction_id = $cid, s.speaker_id = n.id
DELETE said
"""
_SPLIT_BACK_SAID = """
MATCH (n:Entity {id: $new})-[said:SAID {correction_id: $cid}]->(s:Statement), (e:Entity {id: $source})
CREATE (e)-[back:SAID]->(s)
SET back = properties(said), s.speaker_id = e.id
REMOVE back.split_from, back.correction_id
DELETE said
"""
_SPLIT_MENTIONS_MADE = """
MATCH (x:Article)-[moved:MENTIONS {correction_id: $cid}]->(:Entity {id: $new})
OPTIONAL MATCH (x)-[r:MENTIONS]->(:Entity {id: $source})
RETURN elementId(moved) AS moved_id, properties(moved) AS moved, properties(r) AS props
"""
_JOIN_BACK = """
MATCH ()-[moved:MENTIONS]->() WHERE elementId(moved) = $moved_id
WITH moved, startNode(moved) AS x
DELETE moved
WITH x
MATCH (e:Entity {id: $source})
OPTIONAL MATCH (x)-[r:MENTIONS]->(e)
CALL (x, e, r) {
  WITH r WHERE r IS NOT NULL
  SET r.starts = $starts, r.ends = $ends, r.count = size($starts), r.start = $starts[0], r.end = $ends[0]
}
CALL (x, e, r) {
  WITH x, e, r WHERE r IS NULL
  CREATE (x)-[made:MENTIONS]->(e)
  SET made = $props, made.starts = $starts, made.ends = $ends, made.count = size($starts),
      made.start = $starts[0], made.end = $ends[0]
}
"""


def _apply_split(
    tx: ManagedTransaction, target: str, after: dict[str, Any], cid: str, previous: dict[str, Any]
) -> Applied:
    entity = _entity(tx, target)
    if entity is None:
        return False, None
    alias, new = after["alias"], after["id"]
    tx.run(_CREATE_ENTITY, id=new, name=alias, type=after["type"], cid=cid).consume()
    changed = False
    removed = [a for a in entity["aliases"] if fold(a) == fold(alias)]
    if removed:
        changed = True
        kept = [a for a in entity["aliases"] if fold(a) != fold(alias)]
        tx.run("MATCH (e:Entity {id: $id}) SET e.aliases = $aliases", id=target, aliases=kept).consume()
    for found in tx.run(_ALIAS_SPANS, id=target, alias=alias).data():
        spans = _spans(found["props"])
        hits = set(found["hits"])
        moved_spans = [spans[i] for i in sorted(hits)]
        left = [span for i, span in enumerate(spans) if i not in hits]
        moved = {k: _plain(v) for k, v in found["props"].items()}
        moved.update(starts=[s for s, _ in moved_spans], ends=[e for _, e in moved_spans], count=len(moved_spans),
                     start=moved_spans[0][0], end=moved_spans[0][1])  # fmt: skip
        tx.run(_SPLIT_MENTION, rid=found["rid"], new=new, moved=moved, cid=cid, starts=[s for s, _ in left],
               ends=[e for _, e in left], source=target).consume()  # fmt: skip
        changed = True
    summary = tx.run(_SPLIT_SAID, new=new, alias=alias, cid=cid, source=target).consume()
    changed = changed or summary.counters.relationships_created > 0
    if not changed:
        return True, None
    return True, {"aliases_removed": sorted(set(previous.get("aliases_removed", [])) | set(removed))}


def _undo_split(tx: ManagedTransaction, target: str, after: dict[str, Any], before: dict[str, Any], cid: str) -> None:
    new = after["id"]
    if not entity_exists(tx, target):
        return
    tx.run(_SPLIT_BACK_SAID, new=new, cid=cid, source=target).consume()
    for made in tx.run(_SPLIT_MENTIONS_MADE, new=new, cid=cid, source=target).data():
        spans = sorted(set(_spans(made["moved"])) | set(_spans(made["props"] or {})))
        props = {k: v for k, v in made["moved"].items() if k not in ("split_from", "correction_id")}
        tx.run(_JOIN_BACK, moved_id=made["moved_id"], props=props, starts=[s for s, _ in spans],
               ends=[e for _, e in spans], source=target).consume()  # fmt: skip
    entity = _entity(tx, target)
    if entity is not None and before.get("aliases_removed"):
        aliases = sorted(set(entity["aliases"]) | set(before["aliases_removed"]))
        tx.run("MATCH (e:Entity {id: $id}) SET e.aliases = $aliases", id=target, aliases=aliases).consume()
    tx.run(_DROP_CREATED, id=new, cid=cid).consume()


_APPLY = {
    "reassign-speaker": _apply_speaker,
    "reject-statement": _apply_reject_statement,
    "reject-relation": _apply_reject_relation,
    "rename": _apply_rename,
    "retype": _apply_retype,
    "merge": _apply_merge,
    "split-alias": _apply_split,
}
_UNDO = {
    "reassign-speaker": _undo_speaker,
    "reject-statement": _undo_reject_statement,
    "reject-relation": _undo_reject_relation,
    "rename": _undo_rename,
    "retype": _undo_retype,
    "merge": _undo_merge,
    "split-alias": _undo_split,
}
