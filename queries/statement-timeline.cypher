// name: statement-timeline
// description: Statements per month by one speaker, or about one entity when `about` is true — the data behind a timeline chart.
// params: entity_id: string, about: bool = false
MATCH (e:Entity {id: $entity_id})
CALL (e) {
  MATCH (e)-[:SAID]->(s:Statement)
  WHERE NOT $about
  RETURN s
  UNION
  MATCH (e)<-[:ABOUT]-(s:Statement)
  WHERE $about
  RETURN s
}
WITH left(toString(s.date), 7) AS month, count(s) AS statements
WHERE month IS NOT NULL
RETURN month, statements
ORDER BY month
