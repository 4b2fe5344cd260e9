"""Merging two entities and splitting an alias off one: what these corrections do to the graph, and their undo.

Run inside the write transaction of graph/corrections.py, like the other kinds (graph/correction_writes.py):
what moves is marked with the correction's id and the entity it came from (``merged_from``, ``split_from``),
the merged entity's roles become roles of the one it goes into (graph/correction_roles.py), and what a merge
removes (the merged entity's name, type, aliases, its relations with the one it goes into, its own mentions in
articles naming both) is kept in ``before``, so undo puts it all back.
"""

from __future__ import annotations

import json
from typing import Any

from neo4j import ManagedTransaction

from core.names import fold
from graph.correction_roles import fold_roles, unfold_roles
from graph.correction_writes import (
    CREATE_ENTITY,
    DELETE_RELATIONS,
    DROP_CREATED,
    Applied,
    Apply,
    Undo,
    entity_exists,
    plain,
    read_entity,
    spans_of,
    type_of,
)

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
  SET moved = properties(r), moved.merged_from = a.id, moved.correction_id = $cid,
      moved.earlier_correction_id = r.correction_id
  DELETE r
}
CALL (a, b) {
  MATCH (x)-[r]->(a) WHERE x <> a AND x <> b
  CREATE (x)-[moved:$(type(r))]->(b)
  SET moved = properties(r), moved.merged_from = a.id, moved.correction_id = $cid,
      moved.earlier_correction_id = r.correction_id
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
  SET moved = properties(r), moved.correction_id = r.earlier_correction_id
  REMOVE moved.merged_from, moved.earlier_correction_id
  DELETE r
}
CALL (a, b) {
  MATCH (x)-[r {correction_id: $cid}]->(b)
  CREATE (x)-[moved:$(type(r))]->(a)
  SET moved = properties(r), moved.correction_id = r.earlier_correction_id
  REMOVE moved.merged_from, moved.earlier_correction_id
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


def _apply_merge(
    tx: ManagedTransaction, target: str, after: dict[str, Any], cid: str, previous: dict[str, Any]
) -> Applied:
    merged = read_entity(tx, target)
    if merged is None:
        return False, None
    into = after["into"]
    tx.run(CREATE_ENTITY, id=into, name=after["name"], type=after["type"], cid=cid).consume()
    kept = read_entity(tx, into) or {"name": after["name"], "aliases": []}
    between = [dict(r) for r in tx.run(_BETWEEN, source=target, into=into)]
    tx.run(DELETE_RELATIONS, ids=[r["rid"] for r in between]).consume()
    for shared in tx.run(_SHARED_MENTIONS, source=target, into=into).data():
        spans = sorted(set(spans_of(shared["ours"])) | set(spans_of(shared["theirs"])))
        record = json.dumps({"from": target, "correction_id": cid, "props": shared["theirs"]}, sort_keys=True)
        tx.run(_FOLD_MENTIONS, mid=shared["mid"], rid=shared["rid"], starts=[s for s, _ in spans],
               ends=[e for _, e in spans], kept=record).consume()  # fmt: skip
    added = sorted(({merged["name"], *merged["aliases"]} - set(kept["aliases"])) - {kept["name"]})
    aliases = sorted(set(kept["aliases"]) | set(added))
    roles = [*previous.get("roles", []), *fold_roles(tx, target, into, cid)]
    tx.run(_MOVE_OUT, cid=cid, aliases=aliases, source=target, into=into).consume()
    # A load that wrote the merged entity again adds nothing new to these: what earlier applications found stays.
    links = [
        *previous.get("between", []),
        *(
            {
                "type": r["type"],
                "start": r["start"],
                "end": r["end"],
                "props": {k: plain(v) for k, v in r["props"].items()},
            }
            for r in between
        ),
    ]
    before = {
        **({"created_by": merged["created_by"]} if merged.get("created_by") else {}),  # a correction made it
        "name": merged["name"],
        "type": merged["type"],
        "aliases": merged["aliases"],
        "aliases_added": sorted(set(previous.get("aliases_added", [])) | set(added)),
        "between": list({json.dumps(link, sort_keys=True): link for link in links}.values()),
        "roles": list({json.dumps(role, sort_keys=True): role for role in roles}.values()),
    }
    return True, before


def _undo_merge(tx: ManagedTransaction, target: str, after: dict[str, Any], before: dict[str, Any], cid: str) -> None:
    into = after["into"]
    if not before.get("name") or not entity_exists(tx, into):
        return
    tx.run(CREATE_ENTITY, id=target, name=before["name"], type=before.get("type") or type_of(target),
           cid=before.get("created_by")).consume()  # fmt: skip
    tx.run("MATCH (e:Entity {id: $id}) SET e.aliases = $aliases", id=target, aliases=before.get("aliases") or [])
    tx.run(_MOVE_BACK, cid=cid, source=target, into=into).consume()
    unfold_roles(tx, before.get("roles") or [], cid)
    for folded in tx.run(_FOLDED, into=into).data():
        entries = [json.loads(e) for e in folded["props"].get("merged_mentions") or []]
        mine = [e for e in entries if e.get("correction_id") == cid]
        if not mine:
            continue
        theirs = {span for e in mine for span in spans_of(e["props"])}
        spans = sorted(set(spans_of(folded["props"])) - theirs)
        left = [json.dumps(e, sort_keys=True) for e in entries if e.get("correction_id") != cid]
        for entry in mine:
            tx.run(_UNFOLD, mid=folded["mid"], into=into, starts=[s for s, _ in spans], ends=[e for _, e in spans],
                   left=left, props=entry["props"], source=target).consume()  # fmt: skip
    for link in before.get("between") or []:
        tx.run(_CREATE_LINK, start=link["start"], end=link["end"], type=link["type"], props=link["props"]).consume()
    kept = read_entity(tx, into)
    if kept is not None:
        aliases = sorted(set(kept["aliases"]) - set(before.get("aliases_added") or []))
        tx.run("MATCH (e:Entity {id: $id}) SET e.aliases = $aliases", id=into, aliases=aliases).consume()
    tx.run(DROP_CREATED, id=into, cid=cid).consume()


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
SET moved = properties(said), moved.split_from = $source, moved.correction_id = $cid,
    moved.earlier_correction_id = said.correction_id, s.speaker_id = n.id
DELETE said
"""
_SPLIT_BACK_SAID = """
MATCH (n:Entity {id: $new})-[said:SAID {correction_id: $cid}]->(s:Statement), (e:Entity {id: $source})
CREATE (e)-[back:SAID]->(s)
SET back = properties(said), back.correction_id = said.earlier_correction_id, s.speaker_id = e.id
REMOVE back.split_from, back.earlier_correction_id
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
    entity = read_entity(tx, target)
    if entity is None:
        return False, None
    alias, new = after["alias"], after["id"]
    tx.run(CREATE_ENTITY, id=new, name=alias, type=after["type"], cid=cid).consume()
    changed = False
    removed = [a for a in entity["aliases"] if fold(a) == fold(alias)]
    if removed:
        changed = True
        kept = [a for a in entity["aliases"] if fold(a) != fold(alias)]
        tx.run("MATCH (e:Entity {id: $id}) SET e.aliases = $aliases", id=target, aliases=kept).consume()
    for found in tx.run(_ALIAS_SPANS, id=target, alias=alias).data():
        spans = spans_of(found["props"])
        hits = set(found["hits"])
        moved_spans = [spans[i] for i in sorted(hits)]
        left = [span for i, span in enumerate(spans) if i not in hits]
        moved = {k: plain(v) for k, v in found["props"].items()}
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
        spans = sorted(set(spans_of(made["moved"])) | set(spans_of(made["props"] or {})))
        props = {k: v for k, v in made["moved"].items() if k not in ("split_from", "correction_id")}
        tx.run(_JOIN_BACK, moved_id=made["moved_id"], props=props, starts=[s for s, _ in spans],
               ends=[e for _, e in spans], source=target).consume()  # fmt: skip
    entity = read_entity(tx, target)
    if entity is not None and before.get("aliases_removed"):
        aliases = sorted(set(entity["aliases"]) | set(before["aliases_removed"]))
        tx.run("MATCH (e:Entity {id: $id}) SET e.aliases = $aliases", id=target, aliases=aliases).consume()
    tx.run(DROP_CREATED, id=new, cid=cid).consume()


APPLY: dict[str, Apply] = {"merge": _apply_merge, "split-alias": _apply_split}
UNDO: dict[str, Undo] = {"merge": _undo_merge, "split-alias": _undo_split}
