// name: altered-quotes
// description: Direct quotes whose words differ from the earliest full direct rendering of the same utterance (beyond punctuation, case, ellipses and bracketed insertions), newest first, each beside that original with both outlets and dates.
// params: from: date = null, to: date = null, skip: int = 0, limit: int = 50
// Newest first straight from the index on the altered appearances' dates; undated ones come after them, read only
// when the dated ones do not fill the page.
CALL () {
  MATCH (s:Statement)-[r:IN_CLUSTER]->(c:QuoteCluster)
  WHERE r.altered_on IS NOT NULL AND ($from IS NULL OR r.altered_on >= $from) AND ($to IS NULL OR r.altered_on <= $to)
  WITH s, c, r
  ORDER BY r.altered_on DESC, s.article_id, s.start
  LIMIT $skip + $limit
  RETURN collect({s: s, c: c}) AS dated
}
CALL (dated) {
  UNWIND CASE WHEN size(dated) < $skip + $limit AND $from IS NULL AND $to IS NULL THEN [true] ELSE [] END AS short
  MATCH (c:QuoteCluster)
  WHERE c.altered_quotes > 0
  MATCH (c)<-[r:IN_CLUSTER {altered: true}]-(s:Statement)
  WHERE r.altered_on IS NULL
  WITH s, c
  ORDER BY s.article_id, s.start
  LIMIT $skip + $limit
  RETURN collect({s: s, c: c}) AS undated
}
UNWIND dated + undated AS hit
WITH hit.s AS s, hit.c AS c
SKIP $skip
LIMIT $limit
MATCH (s)-[:REPORTED_IN]->(a:Article)
MATCH (original:Statement {id: c.reference_statement_id})-[:REPORTED_IN]->(oa:Article)
OPTIONAL MATCH (speaker:Entity)-[:SAID]->(s)
RETURN a.published AS published, a.source AS source, coalesce(speaker.name, s.speaker_name) AS speaker,
       s.text AS altered_quote, original.text AS original_quote, oa.source AS original_source,
       oa.published AS original_published, a.title AS article, a.url AS url, a.id AS article_id,
       s.id AS statement_id, original.id AS original_statement_id, c.id AS cluster_id
ORDER BY published IS NULL, published DESC, article_id, s.start
