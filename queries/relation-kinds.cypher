// name: relation-kinds
// description: The kinds of connection in the database that the relationship network can show (from the schema, so it is instant): the typed relations of the inventory present, untyped verb links (LINKED) when there are any, plus roles (HOLDS_ROLE) and statements about an entity (SAID_ABOUT).
// params: none
CALL db.relationshipTypes() YIELD relationshipType AS kind
WITH kind
WHERE kind IN ['AGREEMENT_WITH', 'SUPPLIES', 'FUNDS', 'ACQUIRES', 'PARTNERS_WITH', 'MEETS', 'SUPPORTS', 'OPPOSES',
               'LEGAL_ACTION_AGAINST', 'PROPOSES', 'ENACTS', 'WITHDRAWS', 'USES', 'PART_OF', 'PARTICIPATES_IN', 'LINKED']
RETURN kind
ORDER BY kind
UNION
RETURN 'HOLDS_ROLE' AS kind
UNION
RETURN 'SAID_ABOUT' AS kind
