// name: search-entities
// description: Full-text search over entity names and aliases (accents ignored: "Stefanovic" finds "Stefanović"); the text is matched word by word, special characters are taken literally.
// params: q: string, limit: int = 20
WITH trim($q) AS text
WHERE text <> ''
WITH reduce(escaped = text, c IN ['\\', '+', '-', '&', '|', '!', '(', ')', '{', '}', '[', ']', '^', '"', '~', '*', '?', ':', '/']
            | replace(escaped, c, '\\' + c)) AS escaped
CALL db.index.fulltext.queryNodes('entity_names', toLower(escaped), {limit: $limit}) YIELD node, score
RETURN node.id AS id, node.name AS name, node.type AS type, node.aliases AS aliases, round(score, 3) AS score,
       COUNT { (node)<-[:MENTIONS]-(:Article) } AS articles
ORDER BY score DESC, articles DESC, name
