// name: entity-relations
// description: Every typed relation of an entity (the fifteen types of the inventory), in both directions, with its date (as precise as the article gives it), evidence sentence, confidence and source article; untyped verb links are left out.
// params: entity_id: string, limit: int = 200
MATCH (e:Entity {id: $entity_id})-[r:AGREEMENT_WITH|SUPPLIES|FUNDS|ACQUIRES|PARTNERS_WITH|MEETS|SUPPORTS|OPPOSES|LEGAL_ACTION_AGAINST|PROPOSES|ENACTS|WITHDRAWS|USES|PART_OF|PARTICIPATES_IN]-(other:Entity)
OPTIONAL MATCH (a:Article {id: r.article_id})
RETURN CASE WHEN startNode(r) = e THEN e.name ELSE other.name END AS subject, type(r) AS relation,
       CASE WHEN startNode(r) = e THEN other.name ELSE e.name END AS object,
       CASE WHEN startNode(r) = e THEN 'out' ELSE 'in' END AS direction, other.id AS other_id, r.date AS date,
       r.sentence AS evidence, r.confidence AS confidence, a.published AS published, a.url AS url,
       r.article_id AS article_id, startNode(r).id AS subject_id, endNode(r).id AS object_id, r.start AS start,
       r.end AS end
ORDER BY coalesce(r.date, toString(a.published)), published, article_id, r.start
LIMIT $limit
