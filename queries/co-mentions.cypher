// name: co-mentions
// description: The co-mention network around an entity: the entities most often named in the same articles, and how often each pair of them (the entity included) appears together — counted over the latest articles that mention the entity. One row per edge.
// params: entity_id: string, min_articles: int = 1, limit: int = 25, max_articles: int = 1000
// Each of the latest articles is expanded once: its entities are kept as a list, from which both the top
// neighbours and the pair counts are taken. MENTIONS always runs from an Article to an Entity, so no label checks.
MATCH (e:Entity {id: $entity_id})<-[:MENTIONS]-(a)
WITH e, a
ORDER BY a.published DESC, a.id
LIMIT $max_articles
MATCH (a)-[:MENTIONS]->(n)
WITH e, a, collect(n) AS present
WITH e, collect(present) AS lists
CALL (e, lists) {
  UNWIND lists AS present
  UNWIND present AS n
  WITH n
  WHERE n <> e
  WITH n, count(*) AS together
  WHERE together >= $min_articles
  ORDER BY together DESC, n.name
  LIMIT $limit
  RETURN collect(n) AS neighbours
}
WITH lists, [e] + neighbours AS members
UNWIND lists AS present
WITH [x IN present WHERE x IN members] AS present
UNWIND present AS x
UNWIND present AS y
WITH x, y
WHERE x.id < y.id
WITH x, y, count(*) AS articles
WHERE articles >= $min_articles
RETURN x.id AS source_id, x.name AS source, y.id AS target_id, y.name AS target, articles
ORDER BY articles DESC, source_id, target_id
