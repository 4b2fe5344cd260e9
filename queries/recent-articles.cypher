// name: recent-articles
// description: The newest articles with their source, link and how many statements and entities were found in each.
// params: limit: int = 20
MATCH (a:Article)
RETURN a.id AS article_id, a.title AS title, a.published AS published, a.source AS source, a.url AS url,
       COUNT { (a)<-[:REPORTED_IN]-(:Statement) } AS statements, COUNT { (a)-[:MENTIONS]->(:Entity) } AS entities
ORDER BY published DESC, article_id
LIMIT $limit
