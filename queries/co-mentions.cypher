// name: co-mentions
// description: The co-mention network around an entity: the entities most often named in the same articles, and how often each pair of them (the entity included) appears together — counted over the latest articles that mention the entity. One row per edge.
// params: entity_id: string, min_articles: int = 1, limit: int = 25, max_articles: int = 1000
MATCH (e:Entity {id: $entity_id})<-[:MENTIONS]-(a:Article)
WITH e, a
ORDER BY a.published DESC, a.id
LIMIT $max_articles
WITH e, collect(a) AS articles
UNWIND articles AS a
MATCH (a)-[:MENTIONS]->(n:Entity)
WHERE n <> e
WITH e, articles, n, count(a) AS together
WHERE together >= $min_articles
ORDER BY together DESC, n.name
LIMIT $limit
WITH e, articles, collect(n) AS neighbours
WITH articles, [e] + neighbours AS members
UNWIND articles AS a
MATCH (a)-[:MENTIONS]->(x:Entity)
WHERE x IN members
WITH a, collect(x) AS present
UNWIND present AS x
UNWIND present AS y
WITH x, y, a
WHERE x.id < y.id
WITH x, y, count(a) AS articles
WHERE articles >= $min_articles
RETURN x.id AS source_id, x.name AS source, y.id AS target_id, y.name AS target, articles
ORDER BY articles DESC, source_id, target_id
