// name: semantic-search
// description: Statements closest in meaning to a topic (vector index over statement embeddings, cosine); pass the topic as text and it is embedded with the same model as the statements.
// params: topic: vector, limit: int = 10, min_score: float = 0.0
CALL db.index.vector.queryNodes('statement_embedding', $limit, $topic) YIELD node AS s, score
WHERE score >= $min_score
MATCH (s)-[:REPORTED_IN]->(a:Article)
OPTIONAL MATCH (speaker:Entity)-[:SAID]->(s)
RETURN round(score, 4) AS score, coalesce(speaker.name, s.speaker_name) AS speaker, s.text AS quote, s.date AS date,
       s.confidence AS confidence, s.basis AS basis, s.basis_distance AS basis_distance,
       a.title AS article, a.url AS url, s.id AS statement_id,
       // the quote trail: other outlets that carried the same utterance (0 when none did)
       coalesce(COLLECT { MATCH (s)-[:IN_CLUSTER]->(trail:QuoteCluster) RETURN trail.outlets - 1 }[0], 0)
         AS other_outlets
ORDER BY score DESC, statement_id
