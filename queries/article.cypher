// name: article
// description: One article with its text and every fact located in it: statements (offsets, speaker, kind, attribution basis and confidence) and entity mentions (offsets of every mention) — what the article reader highlights.
// params: article_id: string
MATCH (a:Article {id: $article_id})
RETURN a.id AS article_id, a.title AS title, a.published AS published, a.source AS source, a.url AS url,
       a.author AS author, a.language AS language, a.extractor_version AS extractor_version,
       a.near_duplicate_of AS near_duplicate_of, a.text AS text,
       [(s:Statement)-[:REPORTED_IN]->(a) | {id: s.id, start: s.start, end: s.end, kind: s.kind, cue: s.cue,
         date: s.date, confidence: s.confidence, basis: s.basis, basis_distance: s.basis_distance, speaker: coalesce(COLLECT { MATCH (p:Entity)-[:SAID]->(s) RETURN p.name LIMIT 1 }[0], s.speaker_name),
         speaker_id: COLLECT { MATCH (p:Entity)-[:SAID]->(s) RETURN p.id LIMIT 1 }[0]}] AS statements,
       [(a)-[m:MENTIONS]->(e:Entity) | {id: e.id, name: e.name, type: e.type, starts: m.starts, ends: m.ends}] AS mentions
