// name: statements-by-role
// description: What a person said in each role they held: statements tied to a role by the text ("Interior Minister X said"), or else dated within the period the role was reported.
// params: person_id: string, limit: int = 200
MATCH (p:Entity {id: $person_id})-[h:HOLDS_ROLE]->(role:Role)
OPTIONAL MATCH (role)-[:AT]->(org:Entity)
WITH p, role, org, min(h.seen) AS first_seen, max(h.seen) AS last_seen
MATCH (p)-[:SAID]->(s:Statement)-[:REPORTED_IN]->(a:Article)
WHERE EXISTS { (s)-[:IN_ROLE]->(role) }
   OR (NOT EXISTS { (s)-[:IN_ROLE]->() } AND s.date >= first_seen AND s.date <= last_seen)
RETURN role.title AS role, org.name AS organization, first_seen, last_seen, s.date AS date, s.text AS quote,
       a.url AS url, s.id AS statement_id
ORDER BY first_seen, role, date, statement_id
LIMIT $limit
