// name: statements
// description: Who said what: statements filtered by speaker, organisation (the speaker itself or a role held there), entity mentioned, topic (closest in meaning, when a topic vector or text is given), date range and the confidence of their attribution (min_confidence: only statements with a calibrated basis at or above it; 0.8 is a confident attribution), newest first (undated last) — or most on-topic first — with role at the time, attribution basis and confidence, evidence sentence and source link.
// params: speaker_id: string = null, org_id: string = null, about_id: string = null, topic: vector = null, min_score: float = 0.3, from: date = null, to: date = null, min_confidence: float = null, limit: int = 200
// Start from the most selective anchor (the speaker, else the entity mentioned, else every statement), so a
// speaker's or an entity's statements are found through their own relationships, not a scan.
// A branch that does not apply is cut off by `WITH 1 ... WHERE` on the parameters alone, before it reads anything.
// A statement without a basis was extracted before confidence was calibrated: it never counts as confident.
CALL () {
  // A speaker alone: the newest $limit dates from the (speaker_id, date) index, then every statement on or after
  // the oldest of them (ties at the boundary), instead of every statement a much-quoted person made.
  MATCH (s:Statement)
  WHERE $speaker_id IS NOT NULL AND $about_id IS NULL AND $org_id IS NULL AND $topic IS NULL
    AND s.speaker_id = $speaker_id AND s.date IS NOT NULL
    AND ($from IS NULL OR s.date >= $from) AND ($to IS NULL OR s.date <= $to)
    AND ($min_confidence IS NULL OR (s.basis IS NOT NULL AND s.confidence >= $min_confidence))
  WITH s
  ORDER BY s.speaker_id, s.date DESC
  LIMIT $limit
  WITH min(s.date) AS cutoff
  MATCH (s:Statement)
  WHERE s.speaker_id = $speaker_id AND s.date >= cutoff AND ($to IS NULL OR s.date <= $to)
  RETURN s
  UNION
  // Undated statements sort after dated ones, so with a speaker alone they are read only to fill a page.
  WITH 1 AS speaker_alone
  WHERE $speaker_id IS NOT NULL AND $about_id IS NULL AND $org_id IS NULL AND $topic IS NULL
    AND $from IS NULL AND $to IS NULL
    AND COUNT { MATCH (dated:Statement) WHERE dated.speaker_id = $speaker_id AND dated.date IS NOT NULL
                  AND ($min_confidence IS NULL OR (dated.basis IS NOT NULL AND dated.confidence >= $min_confidence))
                RETURN dated LIMIT $limit } < $limit
  MATCH (:Entity {id: $speaker_id})-[:SAID]->(s:Statement)
  WHERE s.date IS NULL
  RETURN s
  UNION
  MATCH (:Entity {id: $speaker_id})-[:SAID]->(s:Statement)
  WHERE $about_id IS NOT NULL OR $org_id IS NOT NULL OR $topic IS NOT NULL
  RETURN s
  UNION
  MATCH (s:Statement)-[:ABOUT]->(:Entity {id: $about_id})
  WHERE $speaker_id IS NULL
  RETURN s
  UNION
  // Newest first with no other filter: the date index hands statements over newest first, so only the first
  // $limit are read instead of every statement.
  WITH 1 AS unfiltered
  WHERE $speaker_id IS NULL AND $about_id IS NULL AND $topic IS NULL AND $org_id IS NULL
  MATCH (s:Statement)
  WHERE s.date IS NOT NULL
    AND ($from IS NULL OR s.date >= $from) AND ($to IS NULL OR s.date <= $to)
    AND ($min_confidence IS NULL OR (s.basis IS NOT NULL AND s.confidence >= $min_confidence))
  WITH s
  ORDER BY s.date DESC, s.article_id, s.start
  LIMIT $limit
  RETURN s
  UNION
  // An organisation's statements: its own, those made in a role there, and those of people who held a role there.
  MATCH (org:Entity {id: $org_id})
  WHERE $speaker_id IS NULL AND $about_id IS NULL
  CALL (org) {
    MATCH (org)-[:SAID]->(s)
    RETURN s
    UNION
    MATCH (org)<-[:AT]-(:Role)<-[:IN_ROLE]-(s)
    RETURN s
    UNION
    MATCH (org)<-[:AT]-(:Role)<-[:HOLDS_ROLE]-(:Entity)-[:SAID]->(s)
    RETURN s
  }
  RETURN s
  UNION
  // A topic ranks every statement by its similarity.
  WITH 1 AS unfiltered
  WHERE $speaker_id IS NULL AND $about_id IS NULL AND $org_id IS NULL AND $topic IS NOT NULL
  MATCH (s:Statement)
  RETURN s
  UNION
  // Undated statements sort after dated ones: with no filter they are read only when the dated ones do not fill
  // the page (checked on the date index, which stops after $limit entries).
  WITH 1 AS unfiltered
  WHERE $speaker_id IS NULL AND $about_id IS NULL AND $org_id IS NULL AND $topic IS NULL
    AND $from IS NULL AND $to IS NULL
    AND COUNT { MATCH (dated:Statement) WHERE dated.date IS NOT NULL
                  AND ($min_confidence IS NULL OR (dated.basis IS NOT NULL AND dated.confidence >= $min_confidence))
                RETURN dated LIMIT $limit } < $limit
  MATCH (s:Statement)
  WHERE s.date IS NULL
  RETURN s
}
WITH s
WHERE ($from IS NULL OR s.date >= $from)
  AND ($to IS NULL OR s.date <= $to)
  AND ($min_confidence IS NULL OR (s.basis IS NOT NULL AND s.confidence >= $min_confidence))
  AND ($about_id IS NULL OR EXISTS { (s)-[:ABOUT]->(:Entity {id: $about_id}) })
  AND ($org_id IS NULL
       OR EXISTS { (:Entity {id: $org_id})-[:SAID]->(s) }
       OR EXISTS { (s)-[:IN_ROLE]->(:Role)-[:AT]->(:Entity {id: $org_id}) }
       OR EXISTS { (speaker:Entity)-[:SAID]->(s) WHERE EXISTS { (speaker)-[:HOLDS_ROLE]->(:Role)-[:AT]->(:Entity {id: $org_id}) } })
WITH s, CASE WHEN $topic IS NULL OR s.embedding IS NULL THEN null
             ELSE vector.similarity.cosine(s.embedding, $topic) END AS topic_score
WHERE $topic IS NULL OR topic_score >= $min_score
ORDER BY topic_score DESC, s.date IS NULL, s.date DESC, s.article_id, s.start
LIMIT $limit
MATCH (s)-[:REPORTED_IN]->(a:Article)
OPTIONAL MATCH (speaker:Entity)-[:SAID]->(s)
OPTIONAL MATCH (s)-[in_role:IN_ROLE]->(role:Role)
OPTIONAL MATCH (role)-[:AT]->(at:Entity)
// The role as the graph holds it now (an organisation merged or renamed since shows its current name), written
// as the loader writes speaker_role: qualifier, title, organisation unless the title names it.
WITH s, speaker, topic_score, a, role, at,
     CASE WHEN in_role.qualifier IS NULL THEN role.title WHEN in_role.qualifier = 'then' THEN 'then-' + role.title
          ELSE in_role.qualifier + ' ' + role.title END AS held
RETURN s.date AS date, coalesce(speaker.name, s.speaker_name) AS speaker, speaker.id AS speaker_id,
       CASE WHEN role IS NULL THEN s.speaker_role
            ELSE CASE WHEN at IS NOT NULL AND NOT toLower(held) CONTAINS toLower(at.name) THEN held + ', ' + at.name
                      ELSE held END END AS role, s.kind AS kind, s.cue AS cue, s.text AS quote,
       s.confidence AS confidence, s.basis AS basis, s.basis_distance AS basis_distance,
       s.sentence AS sentence, round(topic_score, 3) AS topic_score, a.title AS article, a.source AS source,
       a.url AS url, a.id AS article_id, s.start AS start, s.end AS end, s.sentence_start AS sentence_start,
       s.id AS statement_id,
       // the quote trail: other outlets that carried the same utterance (0 when none did)
       coalesce(COLLECT { MATCH (s)-[:IN_CLUSTER]->(trail:QuoteCluster) RETURN trail.outlets - 1 }[0], 0)
         AS other_outlets
ORDER BY topic_score DESC, date IS NULL, date DESC, article_id, start
