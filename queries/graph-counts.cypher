// name: graph-counts
// description: How big the graph is: articles, sources, entities by type, statements, roles and relations.
// params: none
CALL () {
  MATCH (n:Article) RETURN 'articles' AS what, count(n) AS count
  UNION ALL
  MATCH (n:Source) RETURN 'sources' AS what, count(n) AS count
  UNION ALL
  MATCH (n:Statement) RETURN 'statements' AS what, count(n) AS count
  UNION ALL
  MATCH (n:Role) RETURN 'roles' AS what, count(n) AS count
  UNION ALL
  MATCH (n:Entity) RETURN 'entities: ' + n.type AS what, count(n) AS count
  UNION ALL
  MATCH ()-[r]->() WHERE r.predicate IS NOT NULL RETURN 'relations' AS what, count(r) AS count
}
RETURN what, count
ORDER BY what
