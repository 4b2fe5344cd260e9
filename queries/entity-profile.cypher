// name: entity-profile
// description: One entity at a glance: name, type, aliases, articles mentioning it, statements it made and statements about it, roles held, first and last mention.
// params: entity_id: string
MATCH (e:Entity {id: $entity_id})
OPTIONAL MATCH (e)<-[:MENTIONS]-(a:Article)
WITH e, count(a) AS articles, min(a.published) AS first_mentioned, max(a.published) AS last_mentioned
RETURN e.id AS id, e.name AS name, e.type AS type, e.aliases AS aliases, articles, first_mentioned, last_mentioned,
       COUNT { (e)-[:SAID]->(:Statement) } AS statements_made,
       COUNT { (e)<-[:ABOUT]-(:Statement) } AS statements_about,
       [(e)-[:HOLDS_ROLE]->(r:Role) | r.title] AS roles
