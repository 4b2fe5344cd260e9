// name: entity-relations
// description: Every typed relation of an entity, in both directions, with its predicate, evidence sentence, confidence and source article.
// params: entity_id: string, limit: int = 200
MATCH (e:Entity {id: $entity_id})-[r]-(other:Entity)
WHERE r.predicate IS NOT NULL
OPTIONAL MATCH (a:Article {id: r.article_id})
RETURN CASE WHEN startNode(r) = e THEN e.name ELSE other.name END AS subject, type(r) AS relation,
       r.predicate AS predicate, CASE WHEN startNode(r) = e THEN other.name ELSE e.name END AS object,
       other.id AS other_id, r.sentence AS evidence, r.confidence AS confidence, a.published AS published,
       a.url AS url, r.article_id AS article_id
ORDER BY published, article_id, r.start
LIMIT $limit
