"""Quote trails in the graph: the statements of different articles that report one utterance share a
``(:QuoteCluster)``, which records the trail's first appearance, its counts and its flags. A statement nobody else
carried is in no cluster: a cluster holds two statements or more.

Clustering is incremental and runs after every write that touches statements: the loader writes new statements
with ``trail_pending``, a deleted statement (re-extraction, a rejected statement) or a changed speaker (a
correction) marks its cluster ``pending``, and ``refresh_quote_trail`` then settles what is pending, in
transactions of ``CHUNK`` statements:

* a pending statement whose text hash is already in a cluster joins it (copies cost one index lookup), provided a
  settled statement carries that text: one still waiting may have been pulled into the cluster by another's search
  (it is in the full-text index as soon as its article is committed), and must still look for its own matches;
* any other asks the ``statement_text`` full-text index for the statements sharing its words (never all pairs;
  the pending statements of the chunk are in the index too) and joins every one that reports the same utterance
  (core/quote_match.py): their clusters merge into one, or a new cluster holds them;
* a pending cluster has its members' connections checked again (one that lost a member may fall apart, a
  statement left alone leaves it) and its summary (first appearance, counts, altered renderings, attribution
  conflict) written again.

Every chunk first locks the one ``(:QuoteTrail)`` node, so concurrent loaders settle clusters one at a time and
cannot each found a cluster for the same utterance. A cluster's id is the smallest text hash of its renderings,
so the same statements give the same clusters whatever order they were loaded in (loader or bulk import). A
statement too short to stand for an utterance (``MIN_WORDS``) gets no cluster. When the rules of
core/quote_match.py change (``RULES``), the next refresh rebuilds every cluster.

The full-text index ranks candidates by shared words, so a rendering whose only match hides behind more than
``CANDIDATE_TEXTS`` better-scoring texts of other utterances, or more than ``CANDIDATE_HITS`` better-scoring
statements carrying them, is missed; the rendering's own copies, however many arrive at once, hide nothing (up to
``MAX_HITS``).
"""

from __future__ import annotations

import logging
import math
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from neo4j import Driver, ManagedTransaction
from neo4j.exceptions import Neo4jError

from core.errors import QueryError
from core.quote_match import (
    ALIGNED_SHARE,
    MIN_WORDS,
    Appearance,
    Links,
    connected,
    eligible,
    plain,
    rendering,
    same_utterance,
    summarise,
)
from graph.connection import write_transaction

log = logging.getLogger(__name__)

# Stored on the QuoteTrail node; another value means rebuild.
RULES = f"utterance/{MIN_WORDS}/{ALIGNED_SHARE}/spokesperson"
CHUNK = 500  # pending statements settled per transaction
CANDIDATE_TEXTS = 8  # other texts compared with each new rendering, the best full-text matches
CANDIDATE_HITS = 32  # full-text hits those are taken from, besides the rendering's own copies
MAX_HITS = 5000  # full-text hits asked for at most, however many copies a rendering has
QUERY_TERMS = 6  # words of a rendering put in its full-text query, at most: Lucene's time grows with them
STORED_RENDERINGS = 50  # distinct texts a cluster keeps, for display
SPLIT_CHECK_RENDERINGS = 300  # a cluster with more distinct texts is not checked for falling apart

LOCK = """
MERGE (t:QuoteTrail {id: 'quote-trail'})
ON CREATE SET t.rules = $rules
SET t.lock = true
REMOVE t.lock
RETURN t.rules AS rules
"""
SET_RULES = "MATCH (t:QuoteTrail {id: 'quote-trail'}) SET t.rules = $rules, t.rebuilt_at = datetime()"

PENDING_STATEMENTS = """
MATCH (s:Statement {trail_pending: true})
WITH s LIMIT $limit
RETURN s.id AS id, s.text AS text, s.text_hash AS text_hash
"""
PENDING_CLUSTERS = "MATCH (c:QuoteCluster {pending: true}) RETURN c.id AS id LIMIT $limit"

# Per text hash: the cluster its copies are in, how many statements carry it, and whether one of them was settled
# (looked for its matches itself) rather than only pulled into the cluster by another statement's search.
HASHES = """
UNWIND $hashes AS hash
CALL (hash) {
  OPTIONAL MATCH (:Statement {text_hash: hash})-[:IN_CLUSTER]->(c:QuoteCluster)
  RETURN c.id AS cluster LIMIT 1
}
RETURN hash, cluster, COUNT { (:Statement {text_hash: hash}) } AS copies,
       EXISTS { MATCH (s:Statement {text_hash: hash}) WHERE s.trail_pending IS NULL } AS searched
"""
# The texts sharing most words with each new rendering (pending statements included: they are committed). Its own
# copies score highest, so the index is asked for as many more hits as it has copies; copies of another text count
# once.
CANDIDATES = """
UNWIND $rows AS row
CALL (row) {
  CALL db.index.fulltext.queryNodes('statement_text', row.query, {limit: row.hits}) YIELD node, score
  WITH node, score
  WHERE node.text_hash <> row.hash
  WITH node.text_hash AS hash, max(score) AS score, head(collect(node.text)) AS text
  ORDER BY score DESC, hash
  LIMIT $limit
  RETURN collect({hash: hash, text: text}) AS found
}
RETURN row.hash AS hash, found
"""
# MERGE: a cluster of that id left pending with none of its statements is reused (its summary checks it again)
CREATE_CLUSTERS = "UNWIND $ids AS id MERGE (c:QuoteCluster {id: id}) SET c.pending = true"
MERGE_CLUSTERS = """
UNWIND $rows AS row
MATCH (keep:QuoteCluster {id: row.keep}), (gone:QuoteCluster {id: row.gone})
CALL (keep, gone) {
  MATCH (s:Statement)-[r:IN_CLUSTER]->(gone)
  DELETE r
  MERGE (s)-[:IN_CLUSTER]->(keep)
}
DETACH DELETE gone
SET keep.pending = true
"""
JOIN = """
UNWIND $rows AS row
MATCH (c:QuoteCluster {id: row.cluster})
SET c.pending = true
WITH c, row
MATCH (s:Statement {text_hash: row.hash})
WHERE NOT EXISTS { (s)-[:IN_CLUSTER]->() }
CREATE (s)-[:IN_CLUSTER]->(c)
"""
SETTLED = "UNWIND $ids AS id MATCH (s:Statement {id: id}) REMOVE s.trail_pending"

MEMBERS = """
UNWIND $ids AS id
MATCH (c:QuoteCluster {id: id})
OPTIONAL MATCH (c)<-[:IN_CLUSTER]-(s:Statement)
OPTIONAL MATCH (s)-[:REPORTED_IN]->(a:Article)
RETURN id, collect(CASE WHEN s IS NULL THEN null ELSE {
  id: s.id, text: s.text, text_hash: s.text_hash, kind: s.kind, article_id: coalesce(a.id, s.article_id),
  published: toString(a.published), source: a.source, speaker_id: s.speaker_id, speaker_name: s.speaker_name,
  speaker_role: s.speaker_role
} END) AS members
"""
DELETE_CLUSTERS = "UNWIND $ids AS id MATCH (c:QuoteCluster {id: id}) DETACH DELETE c"
UNLINK = "UNWIND $ids AS id MATCH (:Statement {id: id})-[r:IN_CLUSTER]->(:QuoteCluster) DELETE r"
MOVE_MEMBERS = """
UNWIND $rows AS row
MATCH (old:QuoteCluster {id: row.from}), (new:QuoteCluster {id: row.to})
UNWIND row.statements AS sid
MATCH (s:Statement {id: sid})-[r:IN_CLUSTER]->(old)
DELETE r
CREATE (s)-[:IN_CLUSTER]->(new)
"""
# The summaries' clusters take their final ids in two steps, so no two of them hold one id at any moment.
TEMPORARY_IDS = "UNWIND $rows AS row MATCH (c:QuoteCluster {id: row.id}) SET c.id = '~' + row.new_id"
# Another cluster holding an id a summary gives: only left behind by a write outside this module; its statements
# are settled again rather than lost.
FREE_ID = """
UNWIND $rows AS row
MATCH (c:QuoteCluster {id: row.new_id})
OPTIONAL MATCH (c)<-[:IN_CLUSTER]-(s:Statement)
SET s.trail_pending = true
WITH DISTINCT c
DETACH DELETE c
"""
WRITE_SUMMARIES = """
UNWIND $rows AS row
MATCH (c:QuoteCluster {id: '~' + row.new_id})
SET c += row.props, c.id = row.new_id,
    c.first_published = CASE WHEN row.first_published IS NULL THEN null ELSE date(row.first_published) END,
    c.last_published = CASE WHEN row.last_published IS NULL THEN null ELSE date(row.last_published) END
REMOVE c.pending
WITH c, row
MATCH (c)<-[r:IN_CLUSTER]-(s:Statement)
WITH r, s.id IN keys(row.altered) AS altered, row.altered[s.id] AS altered_on
WHERE coalesce(r.altered, false) <> altered OR coalesce(toString(r.altered_on), '') <> coalesce(altered_on, '')
// altered_on (the article's date, on altered appearances only) is what the altered-quotes list reads newest first
SET r.altered = altered, r.altered_on = CASE WHEN altered_on IS NULL THEN null ELSE date(altered_on) END
"""

# Marking what a write changed, for the next refresh (the loader, the corrections and the bulk import run these).
MARK_CLUSTERS_OF_STATEMENTS = """
MATCH (s:Statement)-[:IN_CLUSTER]->(c:QuoteCluster)
WHERE s.id IN $ids
SET c.pending = true
"""
MARK_CLUSTERS_OF_SPEAKERS = """
UNWIND $ids AS id
MATCH (:Entity {id: id})-[:SAID]->(:Statement)-[:IN_CLUSTER]->(c:QuoteCluster)
WITH DISTINCT c
SET c.pending = true
"""
DISSOLVE_ALL = "MATCH (c:QuoteCluster) CALL (c) { DETACH DELETE c } IN TRANSACTIONS OF 5000 ROWS"
PEND_ALL = """
MATCH (s:Statement) WHERE s.trail_pending IS NULL
CALL (s) { SET s.trail_pending = true } IN TRANSACTIONS OF 10000 ROWS
"""


@dataclass(slots=True)
class TrailCounts:
    """What a refresh settled."""

    statements: int = 0  # pending statements looked at
    eligible: int = 0  # of those, the ones long enough to stand for an utterance
    clusters: int = 0  # clusters whose summary was written
    merged: int = 0  # clusters merged into another
    split: int = 0  # clusters split off a cluster that lost its link
    removed: int = 0  # clusters left with no statement
    seconds: float = 0.0

    def add(self, other: TrailCounts) -> None:
        for name in ("statements", "eligible", "clusters", "merged", "split", "removed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.seconds += other.seconds


def refresh_quote_trail(
    driver: Driver, database: str, *, chunk: int = CHUNK, stop: Callable[[], bool] | None = None
) -> TrailCounts:
    """Settle every pending statement and cluster (module docstring); rebuild all clusters when the rules
    changed. Safe to run at any time and from several processes at once; ``stop`` (asked between transactions)
    ends it early, what is left staying pending."""
    total = TrailCounts()
    started = time.perf_counter()
    rules = _write(driver, database, _stored_rules)
    if rules != RULES:
        log.info("quote-trail rules changed (%s -> %s): rebuilding every cluster", rules, RULES)
        _pend_everything(driver, database)
    while stop is None or not stop():
        counts, more = _write(driver, database, _settle_chunk, chunk)
        total.add(counts)
        if not more:
            break
    total.seconds = time.perf_counter() - started
    if total.statements or total.clusters:
        log.info("quote trail: %d statements settled, %d clusters written in %.2fs",
                 total.statements, total.clusters, total.seconds)  # fmt: skip
    return total


def rebuild_quote_trail(driver: Driver, database: str) -> TrailCounts:
    """Drop every cluster and cluster every statement again (after a change of rules, or to check the graph)."""
    _pend_everything(driver, database)
    return refresh_quote_trail(driver, database)


def mark_statements(tx: ManagedTransaction, statement_ids: Iterable[str]) -> None:
    """Inside a write: these statements' clusters must be summarised again (their speaker or text changed)."""
    ids = sorted(set(statement_ids))
    if ids:
        tx.run(MARK_CLUSTERS_OF_STATEMENTS, ids=ids).consume()


def mark_speakers(tx: ManagedTransaction, entity_ids: Iterable[str]) -> None:
    """Inside a write: the clusters of these entities' statements must be summarised again."""
    ids = sorted({i for i in entity_ids if i})
    if ids:
        tx.run(MARK_CLUSTERS_OF_SPEAKERS, ids=ids).consume()


def search_query(text: str) -> str:
    """A full-text query for the statements sharing words with ``text``: the longest word of each of ``QUERY_TERMS``
    stretches of the quote (of two words at least), so the query is short (Lucene's time grows with its terms), its
    words are the rarer ones (long words are rarer) and a fragment of twice a stretch less one word, from any part
    of the quote, holds one of them (five words of a quote of 18). Words are letters, digits, underscores and
    apostrophes only (core/quote_match.py), none of them Lucene syntax in lower case."""
    words = [w for w in plain(rendering(text)) if len(w) > 1]
    stretch = max(2, math.ceil(len(words) / QUERY_TERMS))
    chosen = (max(words[i : i + stretch], key=len) for i in range(0, len(words), stretch))
    return " ".join(dict.fromkeys(chosen))


def _write(driver: Driver, database: str, work: Any, *args: Any) -> Any:
    return write_transaction(
        driver, database, work, *args, activity="settling quote trails", refusal="Neo4j refused a quote-trail write",
        unavailable="Neo4j became unavailable while settling quote trails; what is pending is settled by the next load",
    )  # fmt: skip


def _stored_rules(tx: ManagedTransaction) -> str | None:
    record = tx.run(LOCK, rules=RULES).single()
    return record["rules"] if record else None


def _pend_everything(driver: Driver, database: str) -> None:
    try:
        with driver.session(database=database) as session:  # CALL … IN TRANSACTIONS needs implicit transactions
            session.run(DISSOLVE_ALL).consume()
            session.run(PEND_ALL).consume()
    except Neo4jError as e:
        raise QueryError(f"Neo4j refused to rebuild the quote trails: {e.code}: {e.message}") from e
    _write(driver, database, lambda tx: tx.run(SET_RULES, rules=RULES).consume())


@dataclass(frozen=True, slots=True)
class _Pending:
    id: str
    text: str
    text_hash: str


def _settle_chunk(tx: ManagedTransaction, limit: int) -> tuple[TrailCounts, bool]:
    """One transaction: join up to ``limit`` pending statements to clusters, then write the touched clusters."""
    counts = TrailCounts()
    tx.run(LOCK, rules=RULES).consume()
    records = tx.run(PENDING_STATEMENTS, limit=limit)
    pending = [_Pending(r["id"], r["text"] or "", r["text_hash"] or "") for r in records]
    counts.statements = len(pending)
    texts = {p.text_hash: p.text for p in pending if p.text_hash and eligible(p.text)}
    counts.eligible = sum(1 for p in pending if p.text_hash in texts)
    if texts:
        _join(tx, texts, counts)
    if pending:
        tx.run(SETTLED, ids=[p.id for p in pending]).consume()
    stale = [r["id"] for r in tx.run(PENDING_CLUSTERS, limit=limit)]
    if stale:
        _summarise(tx, stale, counts)
    return counts, bool(pending) or len(stale) >= limit


def _join(tx: ManagedTransaction, texts: dict[str, str], counts: TrailCounts) -> None:
    """Put each pending text hash where it belongs: in the cluster its settled copies are in; else with every
    statement the full-text index offers that reports the same utterance (their clusters merged, or a new cluster
    made); else, with copies, in a cluster of copies; else in none (a statement nobody else carried has no
    cluster)."""
    known: dict[str, tuple[str | None, int]] = {}
    searched: set[str] = set()  # text hashes a settled statement carries: their matches were looked for
    for record in tx.run(HASHES, hashes=sorted(texts)):
        known[record["hash"]] = (record["cluster"], int(record["copies"]))
        if record["searched"]:
            searched.add(record["hash"])
    links: Links[tuple[str, str]] = Links()
    copies: dict[str, int] = {}
    for hash_, (cluster, count) in known.items():
        links.add(("hash", hash_))
        copies[hash_] = count
        if cluster:
            links.join(("hash", hash_), ("cluster", cluster))
    new = sorted(h for h in texts if not (known.get(h, (None, 0))[0] and h in searched))
    rows = [
        {"hash": h, "query": search_query(texts[h]), "hits": min(MAX_HITS, CANDIDATE_HITS + copies.get(h, 1))}
        for h in new
    ]
    rows = [row for row in rows if row["query"]]
    if rows:
        verdicts: dict[tuple[str, str], bool] = {}
        for record in tx.run(CANDIDATES, rows=rows, limit=CANDIDATE_TEXTS):
            hash_ = record["hash"]
            for candidate in record["found"]:
                other = candidate["hash"]
                if (hash_, other) not in verdicts:
                    verdicts[(hash_, other)] = _same(texts[hash_], candidate["text"] or "")
        matched = sorted({other for (_, other), same in verdicts.items() if same} - set(known))
        for record in tx.run(HASHES, hashes=matched):  # the clusters the matches are in (few: read once)
            known[record["hash"]] = (record["cluster"], int(record["copies"]))
        for (hash_, other), same in verdicts.items():
            if same:
                cluster = known.get(other, (None, 0))[0]
                links.join(("hash", hash_), ("cluster", cluster) if cluster else ("hash", other))
    creates, merges, joins = [], [], []
    for group in links.groups():
        clusters = sorted(key for kind, key in group if kind == "cluster")
        hashes = sorted(key for kind, key in group if kind == "hash")
        if clusters:
            keep = clusters[0]
            merges += [{"keep": keep, "gone": gone} for gone in clusters[1:]]
        elif len(hashes) > 1 or copies.get(hashes[0], 1) > 1:
            keep = hashes[0]  # a new cluster's id until its summary: its smallest hash
            creates.append(keep)
        else:
            continue  # carried by one statement only: no cluster
        joins += [{"cluster": keep, "hash": h} for h in hashes]
    _run_for(tx, CREATE_CLUSTERS, ids=creates)
    counts.merged += _run_for(tx, MERGE_CLUSTERS, rows=merges)
    _run_for(tx, JOIN, rows=joins)


def _run_for(tx: ManagedTransaction, query: str, **items: list[Any]) -> int:
    """Run a write over one list of ids or rows, unless it is empty; how many items it had."""
    ((name, values),) = items.items()
    if values:
        tx.run(query, {name: values}).consume()
    return len(values)


def _same(text: str, other: str) -> bool:
    return _may_match(_words(text), _words(other)) and same_utterance(text, other)


def _words(text: str) -> list[str]:
    return plain(rendering(text))


def _may_match(a: list[str], b: list[str]) -> bool:
    """A necessary condition of ``same_utterance``, cheap enough for every pair: the shorter rendering's distinct
    words, less the quarter of its words an alignment may leave out, are all in the other."""
    if min(len(a), len(b)) < MIN_WORDS:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    distinct = set(short)
    shared = len(distinct & set(long_))
    return shared >= max(1, len(distinct) - math.floor((1 - ALIGNED_SHARE) * len(short)))


def _summarise(tx: ManagedTransaction, cluster_ids: list[str], counts: TrailCounts) -> None:
    """Check each cluster still holds together (split it where it does not), then write its summary."""
    members = {r["id"]: [_appearance(m) for m in r["members"] if m] for r in tx.run(MEMBERS, ids=cluster_ids)}
    empty = [cid for cid in cluster_ids if not members.get(cid)]
    counts.removed += _run_for(tx, DELETE_CLUSTERS, ids=empty)
    parts: list[tuple[str, list[Appearance]]] = []
    creates, moves, alone, gone = [], [], [], []
    for cid in cluster_ids:
        appearances = members.get(cid)
        if not appearances:
            continue
        groups = _still_connected(appearances)
        alone += [group[0].statement_id for group in groups if len(group) == 1]  # a cluster is two or more
        groups = [group for group in groups if len(group) > 1]
        if not groups:
            gone.append(cid)
            continue
        parts.append((cid, groups[0]))
        for group in groups[1:]:
            new_id = "~split~" + min(a.text_hash for a in group)
            creates.append(new_id)
            moves.append({"from": cid, "to": new_id, "statements": [a.statement_id for a in group]})
            parts.append((new_id, group))
    _run_for(tx, UNLINK, ids=alone)
    counts.removed += _run_for(tx, DELETE_CLUSTERS, ids=gone)
    counts.split += _run_for(tx, CREATE_CLUSTERS, ids=creates)
    _run_for(tx, MOVE_MEMBERS, rows=moves)
    rows = [_summary_row(cid, group) for cid, group in parts]
    if not rows:
        return
    tx.run(TEMPORARY_IDS, rows=rows).consume()
    tx.run(FREE_ID, rows=rows).consume()
    tx.run(WRITE_SUMMARIES, rows=rows).consume()
    counts.clusters += len(rows)


def _still_connected(appearances: list[Appearance]) -> list[list[Appearance]]:
    """The cluster's appearances grouped by utterance again: one group unless it lost the member linking them."""
    by_hash: dict[str, list[Appearance]] = defaultdict(list)
    for a in appearances:
        by_hash[a.text_hash].append(a)
    hashes = sorted(by_hash)
    if len(hashes) == 1 or len(hashes) > SPLIT_CHECK_RENDERINGS:
        return [appearances]
    groups = connected([by_hash[h][0].text for h in hashes])
    out = [[a for i in group for a in by_hash[hashes[i]]] for group in groups]
    return sorted(out, key=lambda g: min(a.text_hash for a in g))


def _appearance(member: dict[str, Any]) -> Appearance:
    return Appearance(
        statement_id=member["id"],
        text=member["text"] or "",
        text_hash=member["text_hash"] or "",
        kind=member["kind"] or "indirect",
        article_id=member["article_id"] or "",
        published=member["published"],
        source=member["source"],
        speaker_id=member["speaker_id"],
        speaker_name=member["speaker_name"],
        speaker_role=member.get("speaker_role"),
    )


def _summary_row(cluster_id: str, appearances: list[Appearance]) -> dict[str, Any]:
    summary = summarise(appearances)
    renderings = list(summary.renderings[:STORED_RENDERINGS])
    return {
        "id": cluster_id,
        "new_id": summary.id,
        "first_published": summary.first.published,
        "last_published": summary.last_published,
        "altered": {a.statement_id: a.published for a in appearances if a.statement_id in summary.altered},
        "props": {
            "renderings": renderings,
            "first_statement_id": summary.first.statement_id,
            "first_article_id": summary.first.article_id,
            "first_source": summary.first.source,
            "reference_statement_id": summary.reference.statement_id if summary.reference else None,
            "appearances": summary.appearances,
            "articles": summary.articles,
            "outlets": summary.outlets,
            "speakers": summary.speakers,
            "conflict": summary.conflict,
            "altered_quotes": len(summary.altered),
            "variants": len(summary.renderings),
        },
    }
