// name: entity-network
// description: One step of the relationship network around entities (ids separated by commas): typed relations, roles held at organisations and statements about other entities, optionally only some neighbour types (e.g. "Person,Organization"), edge kinds (e.g. "SUPPLIES,HOLDS_ROLE,SAID_ABOUT") and a date range; one row per edge with its evidence count and a sample evidence sentence.
// params: entity_ids: string, types: string = "", kinds: string = "", from: date = null, to: date = null, limit: int = 1000
WITH [x IN split($entity_ids, ',') WHERE trim(x) <> '' | trim(x)] AS ids,
     [x IN split($types, ',') WHERE trim(x) <> '' | trim(x)] AS types,
     [x IN split($kinds, ',') WHERE trim(x) <> '' | toUpper(trim(x))] AS kinds
MATCH (e:Entity) WHERE e.id IN ids
// HOLDS_ROLE, AT, SAID and ABOUT always join the same labels (Entity, Role, Statement), so the fixed paths need
// no label checks; only the typed relations, whose types vary, are told from MENTIONS by their predicate.
CALL (e) {
  MATCH (e)-[r]-(o:Entity)
  WHERE r.predicate IS NOT NULL
  RETURN o, type(r) AS kind, r.predicate AS label, startNode(r) = e AS outgoing, r.article_id AS article_id,
         r.sentence AS evidence
  UNION ALL
  MATCH (e)-[h:HOLDS_ROLE]->(role)-[:AT]->(o)
  RETURN o, 'HOLDS_ROLE' AS kind, role.title AS label, true AS outgoing, h.article_id AS article_id,
         h.sentence AS evidence
  UNION ALL
  MATCH (o)-[h:HOLDS_ROLE]->(role)-[:AT]->(e)
  RETURN o, 'HOLDS_ROLE' AS kind, role.title AS label, false AS outgoing, h.article_id AS article_id,
         h.sentence AS evidence
  UNION ALL
  MATCH (e)-[:SAID]->(s)-[:ABOUT]->(o)
  WHERE o <> e
  RETURN o, 'SAID_ABOUT' AS kind, 'quoted about' AS label, true AS outgoing, s.article_id AS article_id,
         s.sentence AS evidence
  UNION ALL
  MATCH (o)-[:SAID]->(s)-[:ABOUT]->(e)
  WHERE o <> e
  RETURN o, 'SAID_ABOUT' AS kind, 'quoted about' AS label, false AS outgoing, s.article_id AS article_id,
         s.sentence AS evidence
}
WITH e, o, kind, label, outgoing, article_id, evidence, types, kinds
WHERE (size(types) = 0 OR o.type IN types) AND (size(kinds) = 0 OR kind IN kinds)
WITH e, o, kind, label, outgoing, article_id, evidence
WHERE ($from IS NULL AND $to IS NULL)
   OR EXISTS { MATCH (a:Article {id: article_id})
               WHERE ($from IS NULL OR a.published >= $from) AND ($to IS NULL OR a.published <= $to) }
WITH e, o, kind, label, outgoing, count(*) AS evidence_count, collect(evidence)[0] AS evidence,
     collect(DISTINCT article_id)[..5] AS articles
RETURN CASE WHEN outgoing THEN e.id ELSE o.id END AS source_id,
       CASE WHEN outgoing THEN e.name ELSE o.name END AS source,
       CASE WHEN outgoing THEN e.type ELSE o.type END AS source_type,
       CASE WHEN outgoing THEN o.id ELSE e.id END AS target_id,
       CASE WHEN outgoing THEN o.name ELSE e.name END AS target,
       CASE WHEN outgoing THEN o.type ELSE e.type END AS target_type,
       kind, label, evidence_count, evidence, articles
ORDER BY evidence_count DESC, source_id, target_id, kind, label
LIMIT $limit
