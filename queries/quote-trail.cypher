// name: quote-trail
// description: One utterance across articles: every appearance of a quote (found by its cluster id, by a statement id, or by searching its words), earliest first, with outlet, date, speaker, kind and whether its words were altered; the first appearance and the reference rendering (the earliest full direct one) are marked. A page of `limit` appearances from `skip`; a statement no other article carried (or too short to cluster) is its own trail.
// params: quote: string = null, statement_id: string = null, cluster_id: string = null, skip: int = 0, limit: int = 100
CALL () {
  MATCH (c:QuoteCluster {id: $cluster_id})
  RETURN c, null AS lone, 0 AS rank
  UNION
  MATCH (s:Statement {id: $statement_id})
  WHERE $cluster_id IS NULL
  OPTIONAL MATCH (s)-[:IN_CLUSTER]->(c:QuoteCluster)
  RETURN c, CASE WHEN c IS NULL THEN s END AS lone, 0 AS rank
  UNION
  // Words taken literally (special characters escaped, lower case so AND/OR/NOT are words): the best-matching
// statement's trail.
  WITH trim(coalesce($quote, '')) AS text
  WHERE $cluster_id IS NULL AND $statement_id IS NULL AND text <> ''
  WITH reduce(escaped = toLower(text), ch IN ['\\', '+', '-', '&', '|', '!', '(', ')', '{', '}', '[', ']', '^', '"', '~', '*', '?', ':', '/']
              | replace(escaped, ch, '\\' + ch)) AS escaped
  CALL db.index.fulltext.queryNodes('statement_text', escaped, {limit: 1}) YIELD node
  OPTIONAL MATCH (node)-[:IN_CLUSTER]->(c:QuoteCluster)
  RETURN c, CASE WHEN c IS NULL THEN node END AS lone, 1 AS rank
}
WITH c, lone
ORDER BY rank
LIMIT 1
CALL (c, lone) {
  MATCH (c)<-[r:IN_CLUSTER]-(s:Statement)
  RETURN s, coalesce(r.altered, false) AS altered
  UNION
  WITH lone
  WHERE lone IS NOT NULL
  RETURN lone AS s, false AS altered
}
MATCH (s)-[:REPORTED_IN]->(a:Article)
WITH c, s, altered, a
ORDER BY a.published IS NULL, a.published, a.id, s.start
SKIP $skip
LIMIT $limit
WITH c, collect({s: s, altered: altered, a: a}) AS page
UNWIND range(0, size(page) - 1) AS i
WITH c, page[i].s AS s, page[i].altered AS altered, page[i].a AS a, i
OPTIONAL MATCH (speaker:Entity)-[:SAID]->(s)
// The cluster's distinct renderings, its reference text and its speakers come once, on the page's first row.
RETURN c.id AS cluster_id, coalesce(c.appearances, 1) AS appearances, coalesce(c.outlets, 1) AS outlets,
       coalesce(c.conflict, false) AS conflict, a.published AS published, a.source AS source, a.title AS article,
       a.url AS url, a.id AS article_id, s.id AS statement_id, coalesce(speaker.name, s.speaker_name) AS speaker,
       speaker.id AS speaker_id, s.kind AS kind, s.text AS quote, altered,
       c IS NULL OR s.id = c.first_statement_id AS first, s.id = c.reference_statement_id AS reference,
       s.sentence AS sentence,
       CASE WHEN i = 0 THEN coalesce(c.renderings, [s.text]) END AS renderings,
       CASE WHEN i = 0 THEN COLLECT { MATCH (ref:Statement {id: c.reference_statement_id}) RETURN ref.text }[0] END
         AS reference_quote,
       // every speaker the whole trail names, not only this page's
       CASE WHEN i = 0 THEN COLLECT {
         MATCH (c)<-[:IN_CLUSTER]-(m:Statement)
         OPTIONAL MATCH (e:Entity)-[:SAID]->(m)
         WITH DISTINCT coalesce(e.name, m.speaker_name) AS name
         WHERE name IS NOT NULL
         RETURN name ORDER BY name
       } END AS speakers
ORDER BY i
