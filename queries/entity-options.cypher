// name: entity-options
// description: Entities to pick from, most mentioned first: all of them, one type ("Person", "Organization", …), or only those who made statements (`speakers` true).
// params: type: string = "", speakers: bool = false, limit: int = 500
MATCH (e:Entity)
WHERE ($type = '' OR e.type = $type) AND (NOT $speakers OR EXISTS { (e)-[:SAID]->() })
WITH e, COUNT { (e)<-[:MENTIONS]-() } AS articles
ORDER BY articles DESC, e.name, e.id
LIMIT $limit
RETURN e.id AS id, e.name AS name, e.type AS type, articles
