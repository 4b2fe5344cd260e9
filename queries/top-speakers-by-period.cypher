// name: top-speakers-by-period
// description: The most-quoted speakers in each year or month, the top few per period.
// params: period: year|month = "year", per_period: int = 3, from: date = null, to: date = null
// Counting runs on the (speaker_id, date) index, which holds both values, so no statement is read; names are
// read only for the speakers tied with or above each period's last place (ties are broken by name).
MATCH (s:Statement)
WHERE s.speaker_id IS NOT NULL AND s.date IS NOT NULL
  AND ($from IS NULL OR s.date >= $from) AND ($to IS NULL OR s.date <= $to)
WITH CASE $period WHEN 'month' THEN left(toString(s.date), 7) ELSE toString(s.date.year) END AS period,
     s.speaker_id AS speaker_id, count(*) AS statements
ORDER BY period, statements DESC
WITH period, collect({speaker_id: speaker_id, statements: statements}) AS ranked
WITH period, ranked, ranked[..$per_period][-1].statements AS last_place
UNWIND [r IN ranked WHERE r.statements >= last_place] AS r
MATCH (speaker:Entity {id: r.speaker_id})
WITH period, speaker, r.statements AS statements
ORDER BY period, statements DESC, speaker.name
WITH period, collect({id: speaker.id, name: speaker.name, statements: statements})[..$per_period] AS top
UNWIND top AS t
RETURN period, t.name AS speaker, t.id AS speaker_id, t.statements AS statements
ORDER BY period, statements DESC, speaker
