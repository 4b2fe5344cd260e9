// name: who-supplies-whom
// description: Who supplies whom (SUPPLIES: goods, technology or services sold or provided to a buyer or client), optionally only around one entity (as supplier or as client) and only as reported between two dates; one row per supplier and client with the number of reports, the first and last date (the relation's own date when the article gives one, else the article's), the earliest evidence sentence and the reporting articles.
// params: entity_id: string = null, from: date = null, to: date = null, limit: int = 100
CALL () {
  MATCH (supplier:Entity {id: $entity_id})-[r:SUPPLIES]->(client:Entity)
  RETURN supplier, r, client
  UNION
  MATCH (supplier:Entity)-[r:SUPPLIES]->(client:Entity {id: $entity_id})
  RETURN supplier, r, client
  UNION
  MATCH (supplier:Entity)-[r:SUPPLIES]->(client:Entity)
  WHERE $entity_id IS NULL
  RETURN supplier, r, client
}
OPTIONAL MATCH (a:Article {id: r.article_id})
WITH supplier, client, r, a, coalesce(r.date, toString(a.published)) AS date
WHERE ($from IS NULL OR a.published >= $from) AND ($to IS NULL OR a.published <= $to)
ORDER BY date, r.article_id, r.start
WITH supplier, client, count(r) AS reports, min(date) AS first_date, max(date) AS last_date,
     head(collect(r.sentence)) AS evidence, collect(DISTINCT r.article_id)[..10] AS articles,
     head(collect(a.url)) AS url
RETURN supplier.id AS supplier_id, supplier.name AS supplier, client.id AS client_id, client.name AS client,
       reports, first_date, last_date, evidence, articles, url
ORDER BY reports DESC, supplier, client
LIMIT $limit
