// name: recent-articles
// description: The newest dated articles with their source, link and how many statements and entities were found in each.
// params: limit: int = 20
MATCH (a:Article)
WHERE a.published IS NOT NULL
WITH a
ORDER BY a.published DESC
LIMIT $limit
RETURN a.id AS article_id, a.title AS title, a.published AS published, a.source AS source, a.url AS url,
       COUNT { (a)<-[:REPORTED_IN]-(:Statement) } AS statements, COUNT { (a)-[:MENTIONS]->(:Entity) } AS entities
ORDER BY published DESC, article_id
