// name: person-roles
// description: A person's roles over time: each title and organisation with the first and last date it was reported, the time qualifiers used ("then", "former") and how many articles report it.
// params: person_id: string
MATCH (:Entity {id: $person_id})-[h:HOLDS_ROLE]->(role:Role)
OPTIONAL MATCH (role)-[:AT]->(org:Entity)
WITH role, org, min(h.seen) AS first_seen, max(h.seen) AS last_seen, count(DISTINCT h.article_id) AS articles,
     [q IN collect(DISTINCT h.qualifier) WHERE q IS NOT NULL] AS qualifiers
RETURN role.title AS title, org.name AS organization, org.id AS organization_id, first_seen, last_seen,
       qualifiers, articles, role.id AS role_id
ORDER BY first_seen, title
