// name: attribution-conflicts
// description: Utterances that different articles give to different speakers (who cannot be one person), newest first: the words, every speaker with how many appearances name them, the first appearance and the counts.
// params: from: date = null, to: date = null, skip: int = 0, limit: int = 50
// Newest first straight from the (conflict, last_published) index; clusters without a date come after them, read
// only when the dated ones do not fill the page.
CALL () {
  MATCH (c:QuoteCluster)
  WHERE c.conflict = true AND c.last_published IS NOT NULL
    AND ($from IS NULL OR c.last_published >= $from) AND ($to IS NULL OR c.first_published <= $to)
  WITH c
  ORDER BY c.conflict DESC, c.last_published DESC, c.id
  LIMIT $skip + $limit
  RETURN collect(c) AS dated
}
CALL (dated) {
  UNWIND CASE WHEN size(dated) < $skip + $limit AND $from IS NULL AND $to IS NULL THEN [true] ELSE [] END AS short
  MATCH (c:QuoteCluster)
  WHERE c.conflict = true AND c.last_published IS NULL
  WITH c
  ORDER BY c.id
  LIMIT $skip + $limit
  RETURN collect(c) AS undated
}
UNWIND dated + undated AS c
WITH c
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
