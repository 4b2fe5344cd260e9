// name: merged-into
// description: Where an entity id went when an editor merged it into another entity: the applied merge correction of that id with its editor and time, and the entity it went into (`into`, read from the correction's `after`); no rows when it was never merged away. The entity page shows it for a bookmarked or exported id of a merged entity.
// params: entity_id: string
MATCH (c:Correction {target: $entity_id})
WHERE c.kind = 'merge' AND c.status = 'active' AND c.state = 'applied'
RETURN c.id AS correction_id, c.editor AS editor, c.created_at AS created_at, c.reason AS reason, c.after AS after
ORDER BY c.created_at DESC, c.id
LIMIT 1
