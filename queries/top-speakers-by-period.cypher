// name: top-speakers-by-period
// description: The most-quoted speakers in each year or month, the top few per period.
// params: period: year|month = "year", per_period: int = 3, from: date = null, to: date = null
MATCH (speaker:Entity)-[:SAID]->(s:Statement)
WHERE s.date IS NOT NULL AND ($from IS NULL OR s.date >= $from) AND ($to IS NULL OR s.date <= $to)
WITH CASE $period WHEN 'month' THEN left(toString(s.date), 7) ELSE toString(s.date.year) END AS period, speaker,
     count(s) AS statements
ORDER BY period, statements DESC, speaker.name
WITH period, collect({id: speaker.id, name: speaker.name, statements: statements})[..$per_period] AS top
UNWIND top AS t
RETURN period, t.name AS speaker, t.id AS speaker_id, t.statements AS statements
ORDER BY period, statements DESC, speaker
