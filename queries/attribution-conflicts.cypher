// name: attribution-conflicts
// description: Utterances that different articles give to different speakers (who cannot be one person), newest first: the words, every speaker with how many appearances name them, the first appearance and the counts.
// params: from: date = null, to: date = null, skip: int = 0, limit: int = 50
MATCH (c:QuoteCluster)
WHERE c.conflict = true
  AND ($from IS NULL OR c.last_published >= $from) AND ($to IS NULL OR c.first_published <= $to)
WITH c
ORDER BY c.last_published IS NULL, c.last_published DESC, c.id
SKIP $skip
LIMIT $limit
MATCH (first:Statement {id: c.first_statement_id})
CALL (c) {
  MATCH (c)<-[:IN_CLUSTER]-(s:Statement)
  OPTIONAL MATCH (speaker:Entity)-[:SAID]->(s)
  WITH coalesce(speaker.name, s.speaker_name, 'unknown') AS name, speaker.id AS speaker_id, count(s) AS appearances
  ORDER BY appearances DESC, name
  RETURN collect(name + ' (' + toString(appearances) + ')') AS speakers
}
RETURN c.last_published AS last_published, first.text AS quote, speakers, c.appearances AS appearances,
       c.outlets AS outlets, c.first_source AS first_source, c.first_published AS first_published,
       c.first_article_id AS first_article_id, c.first_statement_id AS first_statement_id, c.id AS cluster_id
ORDER BY last_published IS NULL, last_published DESC, cluster_id
