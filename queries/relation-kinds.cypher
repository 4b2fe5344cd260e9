// name: relation-kinds
// description: The kinds of connection the relationship network can show: every typed relation type in the database (from the schema, so it is instant), plus roles (HOLDS_ROLE) and statements about an entity (SAID_ABOUT).
// params: none
CALL db.relationshipTypes() YIELD relationshipType AS kind
WITH kind
WHERE NOT kind IN ['PUBLISHED', 'MENTIONS', 'SAID', 'REPORTED_IN', 'ABOUT', 'IN_ROLE', 'HOLDS_ROLE', 'AT', 'DUPLICATE_OF']
RETURN kind
ORDER BY kind
UNION
RETURN 'HOLDS_ROLE' AS kind
UNION
RETURN 'SAID_ABOUT' AS kind
