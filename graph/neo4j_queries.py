"""Every query that writes to the graph, in one place.

Each write takes ``$rows`` (or ``$ids``) and runs as ``UNWIND …``. Shared nodes (articles, sources,
entities, statements, roles) and shared relationships (AT, PUBLISHED) are MERGEd on their natural
keys. Relationships that belong to one article (mentions, statements' links, roles reported, typed
relations, untyped links) are CREATEd: the loader writes them only for an article it has locked (LOCK_ARTICLES) and
found new or changed, after deleting that article's previous facts, so they can never be doubled —
and CREATE costs a fraction of a MERGE that has to search the relationships already there. The
loader (graph/loader.py) runs them in one transaction per batch; graph/rows.py builds the rows.
"""

from __future__ import annotations


def _create_links(
    start: tuple[str, str], rel_type: str, end: tuple[str, str], properties: str | None = "provenance"
) -> str:
    """One new relationship a row between two existing nodes, each given as (label, row key of its id)."""
    (start_label, start_key), (end_label, end_key) = start, end
    query = f"""
UNWIND $rows AS row
MATCH (a:{start_label} {{id: row.{start_key}}}), (b:{end_label} {{id: row.{end_key}}})
CREATE (a)-[r:{rel_type}]->(b)
"""
    return query + (f"SET r += row.{properties}\n" if properties else "")


# -- reads done inside the write transaction ------------------------------------------------------

# Locks the batch's articles (created when new) before reading what is stored, so two loaders holding
# the same article take turns: the second sees the first one's fact_hash and writes nothing.
LOCK_ARTICLES = """
UNWIND $ids AS id
MERGE (a:Article {id: id})
SET a.lock = true
REMOVE a.lock
RETURN a.id AS id, a.fact_hash AS fact_hash
"""

# -- removing one article's facts before its new extraction is written --------------------------
# Statements (with their SAID, ABOUT, IN_ROLE and REPORTED_IN relationships) belong to one article; the quote
# cluster a statement leaves is checked again by the next quote-trail refresh (graph/quote_trail.py).
DELETE_STATEMENTS = """
UNWIND $ids AS id
MATCH (s:Statement {article_id: id})
OPTIONAL MATCH (s)-[:IN_CLUSTER]->(c:QuoteCluster)
SET c.pending = true
DETACH DELETE s
"""

# Roles, relations and links live between entities; the article's MENTIONS lead to every entity they touch.
DELETE_ENTITY_FACTS = """
UNWIND $ids AS id
MATCH (:Article {id: id})-[:MENTIONS]->(:Entity)-[r]->()
WHERE r.article_id = id
WITH DISTINCT r
DELETE r
"""

DELETE_ORPHAN_ROLES = """
UNWIND $ids AS id
MATCH (:Article {id: id})-[:MENTIONS]->(person:Entity)
MATCH (role:Role {person_id: person.id})
WHERE NOT (role)<-[:HOLDS_ROLE]-() AND NOT (role)<-[:IN_ROLE]-()
WITH DISTINCT role
DETACH DELETE role
"""

DELETE_ARTICLE_LINKS = """
UNWIND $ids AS id
MATCH (a:Article {id: id})-[r:MENTIONS|DUPLICATE_OF]->(e)
WITH DISTINCT a, r, e
DELETE r
WITH DISTINCT a, e
WHERE e:Entity AND NOT (e)--()
DELETE e
"""

DELETE_PUBLISHED = """
UNWIND $ids AS id
MATCH (:Article {id: id})<-[r:PUBLISHED]-(source:Source)
DELETE r
WITH DISTINCT source
WHERE NOT (source)--()
DELETE source
"""

# -- writing ------------------------------------------------------------------------------------

WRITE_ARTICLES = """
UNWIND $rows AS row
MERGE (a:Article {id: row.id})
SET a += row.props, a.loaded_at = datetime()
WITH a, row
WHERE row.source IS NOT NULL
MERGE (s:Source {name: row.source})
MERGE (s)-[:PUBLISHED]->(a)
"""

WRITE_DUPLICATE_OF = _create_links(("Article", "id"), "DUPLICATE_OF", ("Article", "original_id"), properties=None)

WRITE_ENTITIES = """
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
ON CREATE SET e.name = row.name, e.type = row.type
WITH e, row
// sorted, so the aliases are the same whatever order the articles naming the entity load in
SET e.aliases = COLLECT {
    UNWIND coalesce(e.aliases, []) + row.aliases AS alias
    WITH DISTINCT alias WHERE alias <> e.name
    RETURN alias ORDER BY alias
}
SET e:$(row.type)
"""

WRITE_MENTIONS = _create_links(("Article", "article_id"), "MENTIONS", ("Entity", "entity_id"), properties="props")

WRITE_STATEMENTS = """
UNWIND $rows AS row
MATCH (a:Article {id: row.article_id})
MERGE (s:Statement {id: row.id})
SET s += row.props, s.date = coalesce(row.date, a.published), s.trail_pending = true
CREATE (s)-[r:REPORTED_IN]->(a)
SET r += row.provenance
WITH s, row
WHERE row.embedding IS NOT NULL
CALL db.create.setNodeVectorProperty(s, 'embedding', row.embedding)
"""

WRITE_SAID = _create_links(("Entity", "entity_id"), "SAID", ("Statement", "statement_id"))

WRITE_ABOUT = _create_links(("Statement", "statement_id"), "ABOUT", ("Entity", "entity_id"))

WRITE_ROLES = """
UNWIND $rows AS row
MATCH (p:Entity {id: row.person_id})
MERGE (role:Role {id: row.role_id})
ON CREATE SET role.title = row.title, role.person_id = row.person_id, role.org_id = row.org_id
CREATE (p)-[h:HOLDS_ROLE]->(role)
SET h += row.provenance
WITH role, row
WHERE row.org_id IS NOT NULL
MATCH (o:Entity {id: row.org_id})
MERGE (role)-[:AT]->(o)
"""

WRITE_IN_ROLE = _create_links(("Statement", "statement_id"), "IN_ROLE", ("Role", "role_id"))

# One relationship type per relation type of the inventory; graph/rows.py lets no other type through.
WRITE_RELATIONS = _create_links(("Entity", "subject_id"), "$(row.type)", ("Entity", "object_id"))

# Untyped verb links share one type, their verb a property, so they never pass for facts of the inventory.
WRITE_LINKS = _create_links(("Entity", "subject_id"), "LINKED", ("Entity", "object_id"))

# Order matters: nodes before the relationships that MATCH them.
WRITE_ORDER: tuple[tuple[str, str], ...] = (
    ("articles", WRITE_ARTICLES),
    ("duplicates", WRITE_DUPLICATE_OF),
    ("entities", WRITE_ENTITIES),
    ("mentions", WRITE_MENTIONS),
    ("statements", WRITE_STATEMENTS),
    ("said", WRITE_SAID),
    ("about", WRITE_ABOUT),
    ("roles", WRITE_ROLES),
    ("in_role", WRITE_IN_ROLE),
    ("relations", WRITE_RELATIONS),
    ("links", WRITE_LINKS),
)

DELETE_ORDER: tuple[str, ...] = (
    DELETE_STATEMENTS,
    DELETE_ENTITY_FACTS,
    DELETE_ORPHAN_ROLES,
    DELETE_ARTICLE_LINKS,
    DELETE_PUBLISHED,
)

CLEAR_DATABASE = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"

# -- editors' answers to merge suggestions ------------------------------------------------------------

# A rejected merge suggestion, keyed by its two entity ids sorted; rejecting it again keeps the first editor and time.
REJECT_MERGE = """
MATCH (a:Entity {id: $first_id}), (b:Entity {id: $second_id})
MERGE (r:MergeRejection {pair: $pair})
ON CREATE SET r.entity_ids = [$first_id, $second_id], r.names = [a.name, b.name], r.editor = $editor,
              r.rejected_at = datetime()
RETURN r.pair AS pair, r.editor AS editor, toString(r.rejected_at) AS rejected_at
"""
