// name: graph-counts
// description: How big the graph is: articles, sources, entities by type, statements, roles, typed relations and untyped verb links (from Neo4j's count store, so it stays instant on large graphs).
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
  MATCH (n:Person) RETURN 'entities: Person' AS what, count(n) AS count
  UNION ALL
  MATCH (n:Organization) RETURN 'entities: Organization' AS what, count(n) AS count
  UNION ALL
  MATCH (n:Location) RETURN 'entities: Location' AS what, count(n) AS count
  UNION ALL
  MATCH (n:Law) RETURN 'entities: Law' AS what, count(n) AS count
  UNION ALL
  MATCH (n:Event) RETURN 'entities: Event' AS what, count(n) AS count
  UNION ALL
  MATCH (n:Product) RETURN 'entities: Product' AS what, count(n) AS count
  UNION ALL
  MATCH (n:Group) RETURN 'entities: Group' AS what, count(n) AS count
  UNION ALL
  MATCH ()-[r:LINKED]->() RETURN 'links' AS what, count(r) AS count
  UNION ALL
  // Typed relations are every relationship but the graph's own types and the untyped links.
  CALL () { MATCH ()-[r]->() RETURN count(r) AS total }
  CALL () { MATCH ()-[r:PUBLISHED]->() RETURN count(r) AS published }
  CALL () { MATCH ()-[r:MENTIONS]->() RETURN count(r) AS mentions }
  CALL () { MATCH ()-[r:SAID]->() RETURN count(r) AS said }
  CALL () { MATCH ()-[r:ABOUT]->() RETURN count(r) AS about }
  CALL () { MATCH ()-[r:REPORTED_IN]->() RETURN count(r) AS reported }
  CALL () { MATCH ()-[r:HOLDS_ROLE]->() RETURN count(r) AS holds }
  CALL () { MATCH ()-[r:AT]->() RETURN count(r) AS at }
  CALL () { MATCH ()-[r:IN_ROLE]->() RETURN count(r) AS in_role }
  CALL () { MATCH ()-[r:DUPLICATE_OF]->() RETURN count(r) AS duplicates }
  CALL () { MATCH ()-[r:LINKED]->() RETURN count(r) AS links }
  CALL () { MATCH ()-[r:IN_CLUSTER]->() RETURN count(r) AS clustered }
  RETURN 'relations' AS what,
         total - published - mentions - said - about - reported - holds - at - in_role - duplicates - links
         - clustered AS count
}
WITH what, count
WHERE count > 0 OR NOT what STARTS WITH 'entities: '
RETURN what, count
ORDER BY what
