// name: law-life
// description: The life of a law, given by id or by name or alias (case ignored): who proposed, supported, opposed, enacted or withdrew it, and who took legal action against it, in date order (the relation's own date when the article gives one — YYYY, YYYY-MM or YYYY-MM-DD — else the article's), with the evidence sentence and the source article.
// params: law: string, limit: int = 200
MATCH (law:Law)
WHERE law.id = $law OR toLower(law.name) = toLower(trim($law))
   OR any(alias IN law.aliases WHERE toLower(alias) = toLower(trim($law)))
MATCH (actor:Entity)-[r:PROPOSES|SUPPORTS|OPPOSES|ENACTS|WITHDRAWS|LEGAL_ACTION_AGAINST]->(law)
OPTIONAL MATCH (a:Article {id: r.article_id})
WITH law, actor, r, a, coalesce(r.date, toString(a.published)) AS date
RETURN date,
       CASE type(r)
         WHEN 'PROPOSES' THEN 'proposed'
         WHEN 'SUPPORTS' THEN 'supported'
         WHEN 'OPPOSES' THEN 'opposed'
         WHEN 'ENACTS' THEN 'enacted'
         WHEN 'WITHDRAWS' THEN 'withdrawn'
         ELSE 'legal action against'
       END AS stage,
       actor.id AS actor_id, actor.name AS actor, actor.type AS actor_type, type(r) AS relation,
       r.sentence AS evidence, r.article_id AS article_id, a.title AS title, a.url AS url, law.id AS law_id,
       law.name AS law
ORDER BY date, law_id, article_id, r.start
LIMIT $limit
