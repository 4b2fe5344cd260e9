// name: search-statements
// description: Full-text search over the text of statements (accents ignored), with speaker, attribution basis and confidence, date and source link; special characters are taken literally.
// params: q: string, limit: int = 20
WITH trim($q) AS text
WHERE text <> ''
WITH reduce(escaped = text, c IN ['\\', '+', '-', '&', '|', '!', '(', ')', '{', '}', '[', ']', '^', '"', '~', '*', '?', ':', '/']
            | replace(escaped, c, '\\' + c)) AS escaped
CALL db.index.fulltext.queryNodes('statement_text', toLower(escaped), {limit: $limit}) YIELD node AS s, score
MATCH (s)-[:REPORTED_IN]->(a:Article)
OPTIONAL MATCH (speaker:Entity)-[:SAID]->(s)
RETURN round(score, 3) AS score, coalesce(speaker.name, s.speaker_name) AS speaker, s.text AS quote, s.date AS date,
       s.confidence AS confidence, s.basis AS basis, s.basis_distance AS basis_distance,
       a.title AS article, a.url AS url, s.id AS statement_id,
       // the quote trail: other outlets that carried the same utterance (0 when none did)
       coalesce(COLLECT { MATCH (s)-[:IN_CLUSTER]->(trail:QuoteCluster) RETURN trail.outlets - 1 }[0], 0)
         AS other_outlets
ORDER BY score DESC, statement_id
