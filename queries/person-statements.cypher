// name: person-statements
// description: Everything a person (or organisation) said, newest first (undated statements last) — optionally only statements about one entity and between two dates — with the evidence sentence and a link to the source article.
// params: person_id: string, about_id: string = null, from: date = null, to: date = null, limit: int = 100
// A statement carries its SAID speaker's id, so the (speaker_id, date) index hands out a speaker's statements
// newest first: the newest $limit dates are read without sorting everything a much-quoted person said. The
// second read takes every statement on or after the oldest of those dates, so ties at the boundary are ordered
// by article and offset exactly as a full sort would order them.
MATCH (speaker:Entity {id: $person_id})
CALL (speaker) {
  MATCH (s:Statement)
  WHERE s.speaker_id = $person_id AND s.date IS NOT NULL
    AND ($from IS NULL OR s.date >= $from)
    AND ($to IS NULL OR s.date <= $to)
    AND ($about_id IS NULL OR EXISTS { (s)-[:ABOUT]->(:Entity {id: $about_id}) })
  WITH s
  ORDER BY s.speaker_id, s.date DESC
  LIMIT $limit
  RETURN min(s.date) AS cutoff, count(s) AS dated
}
CALL (speaker, cutoff, dated) {
  MATCH (s:Statement)
  WHERE s.speaker_id = $person_id AND s.date >= cutoff
    AND ($to IS NULL OR s.date <= $to)
    AND ($about_id IS NULL OR EXISTS { (s)-[:ABOUT]->(:Entity {id: $about_id}) })
  RETURN s
  UNION
  // Undated statements fill the page only when the dated ones do not, and never within a date range.
  WITH speaker
  WHERE dated < $limit AND $from IS NULL AND $to IS NULL
  MATCH (speaker)-[:SAID]->(s)
  WHERE s.date IS NULL
    AND ($about_id IS NULL OR EXISTS { (s)-[:ABOUT]->(:Entity {id: $about_id}) })
  RETURN s
}
WITH speaker, s
ORDER BY s.date IS NULL, s.date DESC, s.article_id, s.start
LIMIT $limit
MATCH (s)-[:REPORTED_IN]->(a:Article)
OPTIONAL MATCH (s)-[in_role:IN_ROLE]->(role:Role)
OPTIONAL MATCH (role)-[:AT]->(at:Entity)
// The role as the graph holds it now (statements.cypher says why).
WITH s, speaker, a, role, at,
     CASE WHEN in_role.qualifier IS NULL THEN role.title WHEN in_role.qualifier = 'then' THEN 'then-' + role.title
          ELSE in_role.qualifier + ' ' + role.title END AS held
RETURN s.date AS date, speaker.name AS speaker,
       CASE WHEN role IS NULL THEN s.speaker_role
            ELSE CASE WHEN at IS NOT NULL AND NOT toLower(held) CONTAINS toLower(at.name) THEN held + ', ' + at.name
                      ELSE held END END AS role, s.kind AS kind,
       s.text AS quote, s.sentence AS sentence, a.title AS article, a.source AS source, a.url AS url,
       a.id AS article_id, s.start AS start, s.end AS end, s.id AS statement_id,
       // the quote trail: other outlets that carried the same utterance (0 when none did)
       coalesce(COLLECT { MATCH (s)-[:IN_CLUSTER]->(trail:QuoteCluster) RETURN trail.outlets - 1 }[0], 0)
         AS other_outlets
