// name: top-speakers
// description: The most-quoted speakers between two dates (all time by default), with their number of statements and articles.
// params: from: date = null, to: date = null, limit: int = 10
CALL () {
  // All time: each speaker's SAID degree, which Neo4j keeps without reading the statements.
  MATCH (speaker:Entity)
  WHERE $from IS NULL AND $to IS NULL
  WITH speaker, COUNT { (speaker)-[:SAID]->() } AS statements
  WHERE statements > 0
  RETURN speaker, statements
  UNION
  // `WITH … WHERE` on the parameters alone cuts this branch off before it scans, when no date is given.
  WITH 1 AS dated
  WHERE $from IS NOT NULL OR $to IS NOT NULL
  MATCH (speaker:Entity)-[:SAID]->(s:Statement)
  WHERE ($from IS NULL OR s.date >= $from) AND ($to IS NULL OR s.date <= $to)
  RETURN speaker, count(s) AS statements
}
WITH speaker, statements
ORDER BY statements DESC, speaker.name
LIMIT $limit
CALL (speaker) {
  // SAID always ends at a Statement: no label check.
  MATCH (speaker)-[:SAID]->(s)
  WHERE ($from IS NULL OR s.date >= $from) AND ($to IS NULL OR s.date <= $to)
  RETURN count(DISTINCT s.article_id) AS articles
}
// The first and last dates come from the (speaker_id, date) index, one entry each.
CALL (speaker) {
  MATCH (s:Statement)
  WHERE s.speaker_id = speaker.id AND s.date IS NOT NULL
    AND ($from IS NULL OR s.date >= $from) AND ($to IS NULL OR s.date <= $to)
  WITH s
  ORDER BY s.speaker_id, s.date
  LIMIT 1
  RETURN s.date AS first
}
CALL (speaker) {
  MATCH (s:Statement)
  WHERE s.speaker_id = speaker.id AND s.date IS NOT NULL
    AND ($from IS NULL OR s.date >= $from) AND ($to IS NULL OR s.date <= $to)
  WITH s
  ORDER BY s.speaker_id, s.date DESC
  LIMIT 1
  RETURN s.date AS last
}
RETURN speaker.id AS speaker_id, speaker.name AS speaker, speaker.type AS type, statements, articles, first, last
ORDER BY statements DESC, speaker
