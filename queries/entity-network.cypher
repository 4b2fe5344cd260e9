// name: entity-network
// description: One step of the relationship network around entities (ids separated by commas): typed relations of the inventory, roles held at organisations, statements about other entities and — only when `kinds` names LINKED — untyped verb links; optionally only some neighbour types (e.g. "Person,Organization"), edge kinds (e.g. "SUPPLIES,HOLDS_ROLE,SAID_ABOUT"; empty: every kind but LINKED) and a date range of the reporting articles. One row per edge with its evidence count, a sample evidence sentence (the earliest dated one, if any is dated) and its date (the relation's own date when the article gives one, else the article's).
// params: entity_ids: string, types: string = "", kinds: string = "", from: date = null, to: date = null, limit: int = 1000
WITH [x IN split($entity_ids, ',') WHERE trim(x) <> '' | trim(x)] AS ids,
     [x IN split($types, ',') WHERE trim(x) <> '' | trim(x)] AS types,
     [x IN split($kinds, ',') WHERE trim(x) <> '' | toUpper(trim(x))] AS kinds
MATCH (e:Entity) WHERE e.id IN ids
// Every relationship type here always joins the same labels (Entity, Role, Statement), so the paths need no label
// checks; typed relations are the inventory's fifteen types, named in the pattern.
CALL (e) {
  MATCH (e)-[r:AGREEMENT_WITH|SUPPLIES|FUNDS|ACQUIRES|PARTNERS_WITH|MEETS|SUPPORTS|OPPOSES|LEGAL_ACTION_AGAINST|
              PROPOSES|ENACTS|WITHDRAWS|USES|PART_OF|PARTICIPATES_IN]-(o:Entity)
  RETURN o, type(r) AS kind, type(r) AS label, startNode(r) = e AS outgoing, r.article_id AS article_id,
         r.sentence AS evidence, r.start AS start, r.date AS date
  UNION ALL
  MATCH (e)-[r:LINKED]-(o:Entity)
  RETURN o, 'LINKED' AS kind, r.predicate AS label, startNode(r) = e AS outgoing, r.article_id AS article_id,
         r.sentence AS evidence, r.start AS start, null AS date
  UNION ALL
  MATCH (e)-[h:HOLDS_ROLE]->(role)-[:AT]->(o)
  RETURN o, 'HOLDS_ROLE' AS kind, role.title AS label, true AS outgoing, h.article_id AS article_id,
         h.sentence AS evidence, h.start AS start, toString(h.seen) AS date
  UNION ALL
  MATCH (o)-[h:HOLDS_ROLE]->(role)-[:AT]->(e)
  RETURN o, 'HOLDS_ROLE' AS kind, role.title AS label, false AS outgoing, h.article_id AS article_id,
         h.sentence AS evidence, h.start AS start, toString(h.seen) AS date
  UNION ALL
  MATCH (e)-[:SAID]->(s)-[:ABOUT]->(o)
  WHERE o <> e
  RETURN o, 'SAID_ABOUT' AS kind, 'quoted about' AS label, true AS outgoing, s.article_id AS article_id,
         s.sentence AS evidence, s.start AS start, toString(s.date) AS date
  UNION ALL
  MATCH (o)-[:SAID]->(s)-[:ABOUT]->(e)
  WHERE o <> e
  RETURN o, 'SAID_ABOUT' AS kind, 'quoted about' AS label, false AS outgoing, s.article_id AS article_id,
         s.sentence AS evidence, s.start AS start, toString(s.date) AS date
}
WITH e, o, kind, label, outgoing, article_id, evidence, start, date, types, kinds
WHERE (size(types) = 0 OR o.type IN types)
  AND (kind IN kinds OR (size(kinds) = 0 AND kind <> 'LINKED'))
WITH e, o, kind, label, outgoing, article_id, evidence, start, date
WHERE ($from IS NULL AND $to IS NULL)
   OR EXISTS { MATCH (a:Article {id: article_id})
               WHERE ($from IS NULL OR a.published >= $from) AND ($to IS NULL OR a.published <= $to) }
// Articles are read only for a date range and for the one sample of an edge that has no date of its own: an edge
// of a hub has thousands of rows. The sample is the first such sentence in its article, whatever the store's order.
ORDER BY date, article_id, start, evidence
WITH e, o, kind, label, outgoing, count(*) AS evidence_count,
     head(collect({evidence: evidence, date: date, article_id: article_id})) AS sample,
     collect(DISTINCT article_id)[..5] AS articles
RETURN CASE WHEN outgoing THEN e.id ELSE o.id END AS source_id,
       CASE WHEN outgoing THEN e.name ELSE o.name END AS source,
       CASE WHEN outgoing THEN e.type ELSE o.type END AS source_type,
       CASE WHEN outgoing THEN o.id ELSE e.id END AS target_id,
       CASE WHEN outgoing THEN o.name ELSE e.name END AS target,
       CASE WHEN outgoing THEN o.type ELSE e.type END AS target_type,
       kind, label, evidence_count, sample.evidence AS evidence,
       CASE WHEN sample.date IS NOT NULL THEN sample.date
            ELSE toString(COLLECT { MATCH (a:Article {id: sample.article_id}) RETURN a.published }[0]) END AS date,
       articles
ORDER BY evidence_count DESC, source_id, target_id, kind, label
LIMIT $limit
