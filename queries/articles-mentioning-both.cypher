// name: articles-mentioning-both
// description: Articles that mention two entities together, newest first, with the sentence where each first appears.
// params: a_id: string, b_id: string, limit: int = 50
MATCH (x:Entity {id: $a_id})<-[mx:MENTIONS]-(a:Article)-[my:MENTIONS]->(y:Entity {id: $b_id})
RETURN a.id AS article_id, a.title AS title, a.published AS published, a.source AS source, a.url AS url,
       mx.sentence AS first_sentence, my.sentence AS second_sentence
ORDER BY published DESC, article_id
LIMIT $limit
