// name: orgs-in-law-or-event
// description: Organisations involved in a law or event: through a typed relation of the inventory to it (its type, e.g. PROPOSES), statements they made about it, or a person holding a role at the organisation who is related to it.
// params: entity_id: string, limit: int = 50
MATCH (x:Entity {id: $entity_id})
CALL (x) {
  MATCH (org:Organization)-[r:AGREEMENT_WITH|SUPPLIES|FUNDS|ACQUIRES|PARTNERS_WITH|MEETS|SUPPORTS|OPPOSES|LEGAL_ACTION_AGAINST|
                            PROPOSES|ENACTS|WITHDRAWS|USES|PART_OF|PARTICIPATES_IN]-(x)
  RETURN org, type(r) AS involvement, r.sentence AS evidence, r.article_id AS article_id
  UNION
  MATCH (org:Organization)-[:SAID]->(s:Statement)-[:ABOUT]->(x)
  RETURN org, 'statement about it' AS involvement, s.sentence AS evidence, s.article_id AS article_id
  UNION
  MATCH (person:Person)-[r:AGREEMENT_WITH|SUPPLIES|FUNDS|ACQUIRES|PARTNERS_WITH|MEETS|SUPPORTS|OPPOSES|LEGAL_ACTION_AGAINST|
                        PROPOSES|ENACTS|WITHDRAWS|USES|PART_OF|PARTICIPATES_IN]-(x)
  MATCH (person)-[:HOLDS_ROLE]->(role:Role)-[:AT]->(org:Organization)
  RETURN org, type(r) + ' (' + person.name + ', ' + role.title + ')' AS involvement, r.sentence AS evidence,
         r.article_id AS article_id
}
WITH org, involvement, evidence, article_id
ORDER BY article_id, evidence
WITH org, collect(DISTINCT involvement) AS involvement, count(*) AS evidence_count, collect(evidence)[0] AS evidence,
     collect(DISTINCT article_id) AS articles
RETURN org.id AS id, org.name AS name, involvement, evidence_count, evidence, articles
ORDER BY evidence_count DESC, name
LIMIT $limit
