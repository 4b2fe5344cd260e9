// name: event-around
// description: Everything around an event (a case, project, summit, election …), given by id or by name or alias (case ignored): who took part in it, every typed relation with the event itself, and the typed relations of its participants reported in articles that mention the event — participants first, then in date order (the relation's own date when the article gives one, else the article's), with the evidence sentence and the source article.
// params: event: string, limit: int = 300
MATCH (event:Event)
WHERE event.id = $event OR toLower(event.name) = toLower(trim($event))
   OR any(alias IN event.aliases WHERE toLower(alias) = toLower(trim($event)))
CALL (event) {
  MATCH (x:Entity)-[r:PARTICIPATES_IN]->(event)
  RETURN 'participant' AS part, r
  UNION
  MATCH (event)-[r:AGREEMENT_WITH|SUPPLIES|FUNDS|ACQUIRES|PARTNERS_WITH|MEETS|SUPPORTS|OPPOSES|LEGAL_ACTION_AGAINST|
                  PROPOSES|ENACTS|WITHDRAWS|USES|PART_OF]-(:Entity)
  RETURN 'relation with the event' AS part, r
  UNION
  MATCH (participant:Entity)-[:PARTICIPATES_IN]->(event)
  MATCH (participant)-[r:AGREEMENT_WITH|SUPPLIES|FUNDS|ACQUIRES|PARTNERS_WITH|MEETS|SUPPORTS|OPPOSES|
                         LEGAL_ACTION_AGAINST|PROPOSES|ENACTS|WITHDRAWS|USES|PART_OF|PARTICIPATES_IN]-(other:Entity)
  WHERE other <> event AND EXISTS { MATCH (:Article {id: r.article_id})-[:MENTIONS]->(event) }
  RETURN 'relation of a participant' AS part, r
}
WITH event, part, r, startNode(r) AS subject, endNode(r) AS object
OPTIONAL MATCH (a:Article {id: r.article_id})
RETURN event.id AS event_id, event.name AS event, part, coalesce(r.date, toString(a.published)) AS date,
       subject.id AS subject_id, subject.name AS subject, type(r) AS relation, object.id AS object_id,
       object.name AS object, r.sentence AS evidence, r.article_id AS article_id, a.url AS url
ORDER BY CASE part WHEN 'participant' THEN 0 WHEN 'relation with the event' THEN 1 ELSE 2 END, date, article_id, r.start
LIMIT $limit
