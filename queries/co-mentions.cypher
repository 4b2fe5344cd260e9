// name: co-mentions
// description: The co-mention network around an entity: its most frequent co-mentioned entities, and every pair among them (the entity included) with the number of articles mentioning both — one row per edge.
// params: entity_id: string, min_articles: int = 1, limit: int = 25
MATCH (e:Entity {id: $entity_id})<-[:MENTIONS]-(a:Article)-[:MENTIONS]->(n:Entity)
WHERE n <> e
WITH e, n, count(DISTINCT a) AS together
WHERE together >= $min_articles
ORDER BY together DESC, n.name
LIMIT $limit
WITH e, collect(n) AS neighbours
WITH [e] + neighbours AS members
UNWIND members AS x
MATCH (x)<-[:MENTIONS]-(a:Article)-[:MENTIONS]->(y:Entity)
WHERE y IN members AND x.id < y.id
WITH x, y, count(DISTINCT a) AS articles
WHERE articles >= $min_articles
RETURN x.id AS source_id, x.name AS source, y.id AS target_id, y.name AS target, articles
ORDER BY articles DESC, source_id, target_id
