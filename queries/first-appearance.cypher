// name: first-appearance
// description: The first article in which a statement appeared: give (part of) the quote; the best-matching statement's quote trail (the same utterance copied, cut, edited or reported elsewhere) is followed to its earliest article, with every later article carrying it.
// params: quote: string
WITH trim($quote) AS text
WHERE text <> ''
WITH '"' + reduce(escaped = text, c IN ['\\', '+', '-', '&', '|', '!', '(', ')', '{', '}', '[', ']', '^', '"', '~', '*', '?', ':', '/']
            | replace(escaped, c, '\\' + c)) + '"' AS phrase
CALL db.index.fulltext.queryNodes('statement_text', phrase, {limit: 1}) YIELD node
// Its cluster's statements; a statement too short to cluster follows its exact copies (same text hash).
CALL (node) {
  MATCH (node)-[:IN_CLUSTER]->(trail:QuoteCluster)
  MATCH (trail)<-[:IN_CLUSTER]-(same:Statement)
  RETURN same
  UNION
  MATCH (same:Statement {text_hash: node.text_hash})
  WHERE NOT EXISTS { (node)-[:IN_CLUSTER]->() }
  RETURN same
}
MATCH (same)-[:REPORTED_IN]->(a:Article)
WITH same, a
ORDER BY a.published IS NULL, a.published, a.id, same.start
WITH collect({statement: same, article: a}) AS hits
// An article that carries the quote twice is listed once.
WITH hits[0] AS first, size(hits) AS appearances,
     reduce(ids = [], h IN tail(hits) |
       CASE WHEN h.article.id = hits[0].article.id OR h.article.id IN ids THEN ids ELSE ids + h.article.id END)
       AS later_articles
WITH first, first.statement AS opening, appearances, later_articles
// The speaker's name as it is now (a rename corrects it), else the name written at the cue.
OPTIONAL MATCH (speaker:Entity)-[:SAID]->(opening)
RETURN first.article.id AS article_id, first.article.title AS title, first.article.published AS published,
       first.article.source AS source, first.article.url AS url, opening.text AS quote,
       coalesce(speaker.name, opening.speaker_name) AS speaker, appearances, later_articles
