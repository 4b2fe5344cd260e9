// name: altered-quotes
// description: Direct quotes whose words differ from the earliest full direct rendering of the same utterance (beyond punctuation, case, ellipses and bracketed insertions), newest first, each beside that original with both outlets and dates.
// params: from: date = null, to: date = null, skip: int = 0, limit: int = 50
MATCH (c:QuoteCluster)
WHERE c.altered_quotes > 0
MATCH (c)<-[:IN_CLUSTER {altered: true}]-(s:Statement)-[:REPORTED_IN]->(a:Article)
WHERE ($from IS NULL OR a.published >= $from) AND ($to IS NULL OR a.published <= $to)
WITH c, s, a
ORDER BY a.published IS NULL, a.published DESC, a.id, s.start
SKIP $skip
LIMIT $limit
MATCH (original:Statement {id: c.reference_statement_id})-[:REPORTED_IN]->(oa:Article)
OPTIONAL MATCH (speaker:Entity)-[:SAID]->(s)
RETURN a.published AS published, a.source AS source, coalesce(speaker.name, s.speaker_name) AS speaker,
       s.text AS altered_quote, original.text AS original_quote, oa.source AS original_source,
       oa.published AS original_published, a.title AS article, a.url AS url, a.id AS article_id,
       s.id AS statement_id, original.id AS original_statement_id, c.id AS cluster_id
ORDER BY published IS NULL, published DESC, article_id, statement_id
