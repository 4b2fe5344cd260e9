// name: merge-rejections
// description: Entity pairs an editor marked as not one entity on the Merge suggestions page, newest first, with who and when: these are never suggested again.
// params: limit: int = 100000
MATCH (r:MergeRejection)
RETURN r.entity_ids AS entity_ids, r.names AS names, r.editor AS editor, r.rejected_at AS rejected_at
ORDER BY r.rejected_at DESC, r.pair
LIMIT $limit
