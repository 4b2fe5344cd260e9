// name: first-appearance
// description: The first article in which a statement appeared: give (part of) the quote; the best-matching statement is traced through every article that carries the same words, earliest first.
// params: quote: string
WITH trim($quote) AS text
WHERE text <> ''
WITH '"' + reduce(escaped = text, c IN ['\\', '+', '-', '&', '|', '!', '(', ')', '{', '}', '[', ']', '^', '"', '~', '*', '?', ':', '/']
            | replace(escaped, c, '\\' + c)) + '"' AS phrase
CALL db.index.fulltext.queryNodes('statement_text', phrase, {limit: 1}) YIELD node
MATCH (same:Statement {text_hash: node.text_hash})-[:REPORTED_IN]->(a:Article)
WITH same, a
ORDER BY a.published, a.id
WITH collect({statement: same, article: a}) AS hits
WITH hits[0] AS first, size(hits) AS appearances, [h IN tail(hits) | h.article.id] AS later_articles
RETURN first.article.id AS article_id, first.article.title AS title, first.article.published AS published,
       first.article.source AS source, first.article.url AS url, first.statement.text AS quote,
       first.statement.speaker_name AS speaker, appearances, later_articles
