// name: merge-candidates
// description: Entities with what merge suggestions compare (name, type, aliases, the articles mentioning it, its roles), most mentioned first; the Merge suggestions page and `newsgraph merges` rank pairs of them as possible duplicates.
// params: entity_type: string = null, limit: int = 100000
MATCH (e:Entity)
WHERE $entity_type IS NULL OR e.type = $entity_type
WITH e, COUNT { (e)<-[:MENTIONS]-(:Article) } AS articles
ORDER BY articles DESC, e.id
LIMIT $limit
RETURN e.id AS id, e.name AS name, e.type AS type, coalesce(e.aliases, []) AS aliases, articles,
       COLLECT { MATCH (e)<-[:MENTIONS]-(a:Article) RETURN {id: a.id, title: a.title} AS article ORDER BY a.id LIMIT 20 } AS sample_articles,
       COLLECT { MATCH (e)-[:HOLDS_ROLE]->(role:Role) OPTIONAL MATCH (role)-[:AT]->(org:Entity)
                 RETURN DISTINCT {title: role.title, org_id: role.org_id, organization: org.name} AS role } AS roles
