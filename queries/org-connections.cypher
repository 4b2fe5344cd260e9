// name: org-connections
// description: People and organisations connected to an organisation — through roles held there, typed relations of the inventory in either direction, or statements about it — with an evidence sentence for each.
// params: org_id: string, limit: int = 100
MATCH (org:Entity {id: $org_id})
CALL (org) {
  MATCH (other:Entity)-[h:HOLDS_ROLE]->(role:Role)-[:AT]->(org)
  RETURN other, 'role: ' + role.title AS connection, h.sentence AS evidence, h.article_id AS article_id
  UNION
  MATCH (org)-[r:AGREEMENT_WITH|SUPPLIES|FUNDS|ACQUIRES|PARTNERS_WITH|MEETS|SUPPORTS|OPPOSES|LEGAL_ACTION_AGAINST|
                 PROPOSES|ENACTS|WITHDRAWS|USES|PART_OF|PARTICIPATES_IN]->(other:Entity)
  RETURN other, type(r) AS connection, r.sentence AS evidence, r.article_id AS article_id
  UNION
  MATCH (org)<-[r:AGREEMENT_WITH|SUPPLIES|FUNDS|ACQUIRES|PARTNERS_WITH|MEETS|SUPPORTS|OPPOSES|LEGAL_ACTION_AGAINST|
                  PROPOSES|ENACTS|WITHDRAWS|USES|PART_OF|PARTICIPATES_IN]-(other:Entity)
  RETURN other, type(r) + ' (to it)' AS connection, r.sentence AS evidence, r.article_id AS article_id
  UNION
  MATCH (other:Entity)-[:SAID]->(s:Statement)-[:ABOUT]->(org)
  RETURN other, 'quoted about it' AS connection, s.sentence AS evidence, s.article_id AS article_id
}
WITH other, connection, evidence, article_id
ORDER BY article_id, evidence
WITH other, collect(DISTINCT connection) AS connections, count(*) AS evidence_count, collect(evidence)[0] AS evidence,
     collect(DISTINCT article_id) AS articles
RETURN other.id AS id, other.name AS name, other.type AS type, connections, evidence_count, evidence, articles
ORDER BY evidence_count DESC, name
LIMIT $limit
