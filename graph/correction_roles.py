"""The roles a merge touches: a Role names its person and organisation in its id, so they follow a merge.

A Role is one per person, title and organisation (``<person id>|<normalised title>|<org id>``, docs/schema.md).
When a merge removes a person or an organisation, each of its roles becomes the role of the entity it goes into:
folded into that entity's role of the same title (and organisation) when it has one, else into a new Role the
merge creates (``created_by``). What points at the old role (``HOLDS_ROLE``, ``IN_ROLE``) moves, marked with the
role it came from (``role_from``) and the correction (``role_correction_id``); the old role is kept in the merge's
``before`` so undo recreates it and moves its relationships back.
"""

from __future__ import annotations

from typing import Any

from neo4j import ManagedTransaction

# The roles held by the merged entity (a person) or at it (an organisation).
_ROLES_OF = """
MATCH (e:Entity {id: $source})
CALL (e) {
  MATCH (e)-[:HOLDS_ROLE]->(r:Role) RETURN r
  UNION
  MATCH (r:Role)-[:AT]->(e) RETURN r
  UNION
  MATCH (r:Role {person_id: $source}) RETURN r
}
RETURN DISTINCT r.id AS id, r.title AS title, r.person_id AS person_id, r.org_id AS org_id, r.created_by AS created_by
ORDER BY id
"""
_FOLD_ROLE = """
MATCH (old:Role {id: $old})
MERGE (kept:Role {id: $new})
ON CREATE SET kept.title = old.title, kept.person_id = $person_id, kept.org_id = $org_id, kept.created_by = $cid
WITH old, kept
CALL (old, kept) {
  MATCH (x)-[r]->(old)
  CREATE (x)-[moved:$(type(r))]->(kept)
  SET moved = properties(r), moved.role_from = old.id, moved.role_correction_id = $cid,
      moved.earlier_role_from = r.role_from, moved.earlier_role_correction_id = r.role_correction_id
  DELETE r
}
CALL (kept) {
  MATCH (o:Entity {id: $org_id})
  MERGE (kept)-[:AT]->(o)
}
DETACH DELETE old
"""
# The old role comes back (made by an earlier correction: that one's again) with what was moved off it; the role
# the merge created goes once nothing points at it.
_UNFOLD_ROLE = """
MATCH (kept:Role {id: $new})
MERGE (old:Role {id: $old})
ON CREATE SET old.title = $title, old.person_id = $person_id, old.org_id = $org_id, old.created_by = $created_by
WITH kept, old
CALL (kept, old) {
  MATCH (x)-[r {role_correction_id: $cid, role_from: $old}]->(kept)
  CREATE (x)-[back:$(type(r))]->(old)
  SET back = properties(r), back.role_from = r.earlier_role_from,
      back.role_correction_id = r.earlier_role_correction_id
  REMOVE back.earlier_role_from, back.earlier_role_correction_id
  DELETE r
}
CALL (old) {
  MATCH (o:Entity {id: $org_id})
  MERGE (old)-[:AT]->(o)
}
WITH kept WHERE kept.created_by = $cid
CALL (kept) {
  WITH kept WHERE NOT EXISTS { MATCH ()-->(kept) }
  DETACH DELETE kept
}
CALL (kept) {
  WITH kept WHERE EXISTS { MATCH ()-->(kept) }
  REMOVE kept.created_by
}
"""


def _replaced(role: dict[str, Any], source: str, into: str) -> tuple[str, str, str | None]:
    """The id, person and organisation of ``role`` once ``source`` is ``into``."""
    person, org = role["person_id"], role["org_id"]
    title_part = role["id"][len(person) + 1 : len(role["id"]) - len(org or "") - 1]
    person = into if person == source else person
    org = into if org == source else org
    return f"{person}|{title_part}|{org or ''}", person, org


def fold_roles(tx: ManagedTransaction, source: str, into: str, cid: str) -> list[dict[str, Any]]:
    """Make the roles of ``source`` roles of ``into``; what undo needs to give each back."""
    folded = []
    for role in tx.run(_ROLES_OF, source=source).data():
        if not role["person_id"] or not role["id"].startswith(f"{role['person_id']}|"):
            continue  # not a role id this module can rewrite; left as it is
        new, person, org = _replaced(role, source, into)
        if new == role["id"]:
            continue
        tx.run(_FOLD_ROLE, old=role["id"], new=new, person_id=person, org_id=org, cid=cid).consume()
        folded.append({**role, "into": new})
    return folded


def unfold_roles(tx: ManagedTransaction, folded: list[dict[str, Any]], cid: str) -> None:
    """Give back each role ``fold_roles`` folded, newest first."""
    for role in reversed(folded):
        tx.run(_UNFOLD_ROLE, old=role["id"], new=role["into"], title=role["title"], person_id=role["person_id"],
               org_id=role["org_id"], created_by=role.get("created_by"), cid=cid).consume()  # fmt: skip
