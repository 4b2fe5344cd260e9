"""Every query that writes to the graph, in one place.

Each write takes ``$rows`` (or ``$ids``) and runs as ``UNWIND … MERGE`` on a natural key, so the
same rows written twice leave the graph unchanged. The loader (graph/loader.py) runs them in one
transaction per batch. Row shapes are built by graph/rows.py; docs/schema.md describes the model.
"""

from __future__ import annotations

# -- reads done inside the write transaction ------------------------------------------------------

EXISTING_ARTICLES = """
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN a.id AS id, a.fact_hash AS fact_hash
"""

# -- removing one article's facts before its new extraction is written --------------------------
# Statements (with their SAID, ABOUT, IN_ROLE and REPORTED_IN relationships) belong to one article.
DELETE_STATEMENTS = """
UNWIND $ids AS id
MATCH (s:Statement {article_id: id})
DETACH DELETE s
"""

# Roles and relations live between entities; the article's MENTIONS lead to every entity they touch.
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

MERGE_ARTICLES = """
UNWIND $rows AS row
MERGE (a:Article {id: row.id})
SET a += row.props, a.loaded_at = datetime()
WITH a, row
WHERE row.source IS NOT NULL
MERGE (s:Source {name: row.source})
MERGE (s)-[:PUBLISHED]->(a)
"""

MERGE_DUPLICATE_OF = """
UNWIND $rows AS row
MATCH (copy:Article {id: row.id}), (original:Article {id: row.original_id})
MERGE (copy)-[:DUPLICATE_OF]->(original)
"""

MERGE_ENTITIES = """
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
ON CREATE SET e.name = row.name, e.type = row.type, e.aliases = row.aliases
ON MATCH SET e.aliases = reduce(acc = coalesce(e.aliases, []), alias IN row.aliases |
    CASE WHEN alias IN acc OR alias = e.name THEN acc ELSE acc + alias END)
SET e:$(row.type)
"""

MERGE_MENTIONS = """
UNWIND $rows AS row
MATCH (a:Article {id: row.article_id}), (e:Entity {id: row.entity_id})
MERGE (a)-[m:MENTIONS]->(e)
SET m += row.props
"""

MERGE_STATEMENTS = """
UNWIND $rows AS row
MATCH (a:Article {id: row.article_id})
MERGE (s:Statement {id: row.id})
SET s += row.props, s.date = coalesce(row.date, a.published)
MERGE (s)-[r:REPORTED_IN]->(a)
SET r += row.provenance
WITH s, row
WHERE row.embedding IS NOT NULL
CALL db.create.setNodeVectorProperty(s, 'embedding', row.embedding)
"""

MERGE_SAID = """
UNWIND $rows AS row
MATCH (e:Entity {id: row.entity_id}), (s:Statement {id: row.statement_id})
MERGE (e)-[r:SAID]->(s)
SET r += row.provenance
"""

MERGE_ABOUT = """
UNWIND $rows AS row
MATCH (s:Statement {id: row.statement_id}), (e:Entity {id: row.entity_id})
MERGE (s)-[r:ABOUT]->(e)
SET r += row.provenance
"""

MERGE_ROLES = """
UNWIND $rows AS row
MATCH (p:Entity {id: row.person_id})
MERGE (role:Role {id: row.role_id})
ON CREATE SET role.title = row.title, role.person_id = row.person_id, role.org_id = row.org_id
MERGE (p)-[h:HOLDS_ROLE {article_id: row.article_id, start: row.start, end: row.end}]->(role)
SET h += row.provenance
WITH role, row
WHERE row.org_id IS NOT NULL
MATCH (o:Entity {id: row.org_id})
MERGE (role)-[:AT]->(o)
"""

MERGE_IN_ROLE = """
UNWIND $rows AS row
MATCH (s:Statement {id: row.statement_id}), (role:Role {id: row.role_id})
MERGE (s)-[r:IN_ROLE]->(role)
SET r += row.provenance
"""

# The relationship type comes from the predicate, checked against a strict pattern in graph/rows.py.
MERGE_RELATIONS = """
UNWIND $rows AS row
MATCH (a:Entity {id: row.subject_id}), (b:Entity {id: row.object_id})
MERGE (a)-[r:$(row.type) {article_id: row.article_id, start: row.start, end: row.end}]->(b)
SET r += row.provenance
"""

# Order matters: nodes before the relationships that MATCH them.
WRITE_ORDER: tuple[tuple[str, str], ...] = (
    ("articles", MERGE_ARTICLES),
    ("duplicates", MERGE_DUPLICATE_OF),
    ("entities", MERGE_ENTITIES),
    ("mentions", MERGE_MENTIONS),
    ("statements", MERGE_STATEMENTS),
    ("said", MERGE_SAID),
    ("about", MERGE_ABOUT),
    ("roles", MERGE_ROLES),
    ("in_role", MERGE_IN_ROLE),
    ("relations", MERGE_RELATIONS),
)

DELETE_ORDER: tuple[str, ...] = (
    DELETE_STATEMENTS,
    DELETE_ENTITY_FACTS,
    DELETE_ORPHAN_ROLES,
    DELETE_ARTICLE_LINKS,
    DELETE_PUBLISHED,
)

CLEAR_DATABASE = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
