// name: entity-nodes
// description: Entities by id (separated by commas) with their name, type, aliases and number of mentioning articles — for labelling a network's nodes.
// params: entity_ids: string
WITH [x IN split($entity_ids, ',') WHERE trim(x) <> '' | trim(x)] AS ids
MATCH (e:Entity) WHERE e.id IN ids
RETURN e.id AS id, e.name AS name, e.type AS type, e.aliases AS aliases,
       COUNT { (e)<-[:MENTIONS]-(:Article) } AS articles
ORDER BY id
