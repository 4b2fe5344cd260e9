// name: entity-articles
// description: Articles that mention an entity, newest first, with how often it is mentioned and the sentence of its first mention.
// params: entity_id: string, limit: int = 100
MATCH (:Entity {id: $entity_id})<-[m:MENTIONS]-(a:Article)
RETURN a.id AS article_id, a.title AS title, a.published AS published, a.source AS source, a.url AS url,
       m.count AS mentions, m.sentence AS sentence
ORDER BY published DESC, article_id
LIMIT $limit
