// name: statements-by-role
// description: What a person said in each role they held: statements tied to a role by the text ("Interior Minister X said"), or else dated within the period the role was reported.
// params: person_id: string, limit: int = 200
MATCH (p:Entity {id: $person_id})-[h:HOLDS_ROLE]->(role:Role)
OPTIONAL MATCH (role)-[:AT]->(org:Entity)
WITH p, role, org, min(h.seen) AS first_seen, max(h.seen) AS last_seen
WITH p, collect({role: role, org: org.name, first_seen: first_seen, last_seen: last_seen}) AS roles
MATCH (p)-[:SAID]->(s:Statement)
OPTIONAL MATCH (s)-[:IN_ROLE]->(tied:Role)
UNWIND roles AS r
WITH r, s, tied
WHERE tied = r.role OR (tied IS NULL AND s.date >= r.first_seen AND s.date <= r.last_seen)
WITH r, s
ORDER BY r.first_seen, r.role.title, s.date, s.id
LIMIT $limit
MATCH (s)-[:REPORTED_IN]->(a:Article)
RETURN r.role.title AS role, r.org AS organization, r.first_seen AS first_seen, r.last_seen AS last_seen,
       s.date AS date, s.text AS quote, a.url AS url, s.id AS statement_id
ORDER BY first_seen, role, date, statement_id
