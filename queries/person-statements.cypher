// name: person-statements
// description: Everything a person (or organisation) said, newest first — optionally only statements about one entity and between two dates — with the evidence sentence and a link to the source article.
// params: person_id: string, about_id: string = null, from: date = null, to: date = null, limit: int = 100
// SAID always ends at a Statement, so the speaker's statements need no label check.
MATCH (speaker:Entity {id: $person_id})-[:SAID]->(s)
WHERE ($from IS NULL OR s.date >= $from)
  AND ($to IS NULL OR s.date <= $to)
  AND ($about_id IS NULL OR EXISTS { (s)-[:ABOUT]->(:Entity {id: $about_id}) })
WITH speaker, s
ORDER BY s.date DESC, s.article_id, s.start
LIMIT $limit
MATCH (s)-[:REPORTED_IN]->(a:Article)
OPTIONAL MATCH (s)-[:IN_ROLE]->(role:Role)
RETURN s.date AS date, speaker.name AS speaker, coalesce(s.speaker_role, role.title) AS role, s.kind AS kind,
       s.text AS quote, s.sentence AS sentence, a.title AS article, a.source AS source, a.url AS url,
       a.id AS article_id, s.start AS start, s.end AS end, s.id AS statement_id
