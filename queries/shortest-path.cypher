// name: shortest-path
// description: The shortest chain linking two entities through statements, roles, typed relations and shared articles (up to 8 steps; untyped verb links are not followed), one row per step with its evidence sentence and source article.
// params: from_id: string, to_id: string, max_steps: int = 8
MATCH (start:Entity {id: $from_id}), (goal:Entity {id: $to_id})
MATCH p = shortestPath((start)-[*..8]-(goal))
WHERE all(r IN relationships(p) WHERE NOT type(r) IN ['PUBLISHED', 'DUPLICATE_OF', 'LINKED']) AND length(p) <= $max_steps
WITH p, nodes(p) AS ns, relationships(p) AS rs
UNWIND range(0, size(rs) - 1) AS i
WITH i, ns[i] AS a, rs[i] AS r, ns[i + 1] AS b
OPTIONAL MATCH (source:Article {id: r.article_id})
RETURN i + 1 AS step, coalesce(a.name, a.title, a.text) AS from, type(r) AS relationship,
       CASE WHEN startNode(r) = a THEN '->' ELSE '<-' END AS direction, coalesce(b.name, b.title, b.text) AS to,
       r.sentence AS evidence, r.article_id AS article_id, source.url AS url
ORDER BY step
