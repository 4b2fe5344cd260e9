// name: top-speakers
// description: The most-quoted speakers between two dates (all time by default), with their number of statements and articles.
// params: from: date = null, to: date = null, limit: int = 10
MATCH (speaker:Entity)-[:SAID]->(s:Statement)
WHERE ($from IS NULL OR s.date >= $from) AND ($to IS NULL OR s.date <= $to)
RETURN speaker.id AS speaker_id, speaker.name AS speaker, speaker.type AS type, count(s) AS statements,
       count(DISTINCT s.article_id) AS articles, min(s.date) AS first, max(s.date) AS last
ORDER BY statements DESC, speaker
LIMIT $limit
