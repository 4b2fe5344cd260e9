// name: quoted-about
// description: Who was quoted about an entity: each speaker with how many statements, the first and last date, and their latest quote with its source link.
// params: entity_id: string, limit: int = 50
MATCH (:Entity {id: $entity_id})<-[:ABOUT]-(s:Statement)<-[:SAID]-(speaker:Entity)
MATCH (s)-[:REPORTED_IN]->(a:Article)
WITH speaker, s, a
ORDER BY s.date DESC, a.id, s.start
WITH speaker, count(s) AS statements, min(s.date) AS first, max(s.date) AS last, collect(s)[0] AS latest,
     collect(a)[0] AS latest_article
RETURN speaker.id AS speaker_id, speaker.name AS speaker, speaker.type AS type, statements, first, last,
       latest.text AS latest_quote, latest_article.url AS url, latest_article.id AS article_id
ORDER BY statements DESC, speaker
LIMIT $limit
