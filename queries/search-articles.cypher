// name: search-articles
// description: Full-text search over article titles and text (accents ignored), newest match first among equal scores; special characters are taken literally.
// params: q: string, limit: int = 20
WITH trim($q) AS text
WHERE text <> ''
WITH reduce(escaped = text, c IN ['\\', '+', '-', '&', '|', '!', '(', ')', '{', '}', '[', ']', '^', '"', '~', '*', '?', ':', '/']
            | replace(escaped, c, '\\' + c)) AS escaped
CALL db.index.fulltext.queryNodes('article_text', toLower(escaped), {limit: $limit}) YIELD node AS a, score
RETURN round(score, 3) AS score, a.id AS article_id, a.title AS title, a.published AS published, a.source AS source,
       a.url AS url
ORDER BY score DESC, published DESC, article_id
