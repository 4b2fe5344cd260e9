"""Quote clusters in the real Neo4j (graph/quote_trail.py): built at load time from the quote-trail development set,
the same whatever order the articles arrive in, kept right through re-extraction, rejected statements and
reassigned speakers, and safe with short, huge, hostile and heavily copied quotes."""

from __future__ import annotations

import datetime as dt
import sys
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver
from neo4j.time import Date

from core.names import entity_id
from core.quote_match import MIN_WORDS
from core.records import Article, Entity, Extraction, Statement, content_hash
from graph.corrections import record_correction, undo_correction
from graph.loader import GraphLoader
from graph.quote_trail import QUERY_TERMS, rebuild_quote_trail, refresh_quote_trail, search_query
from graph.schema import apply_schema
from queries import run_curated

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import score_quote_trail as trail

pytestmark = [pytest.mark.neo4j]

DATA = Path(__file__).resolve().parent / "data"


def gold_pairs(folder: Path, version: str = "gold-1") -> list[tuple[Article, Extraction]]:
    """The set's articles with its annotated quotes as their statements, spoken by the annotated speakers."""
    documents = {d["id"]: d for d in trail.read_jsonl(folder / "docs.jsonl")}
    pairs = []
    for record in trail.read_jsonl(folder / "gold.jsonl"):
        doc = documents[record["id"]]
        text = doc["text"]
        speakers = {q["attributed_to"] for q in record["quotes"]}
        entities = tuple(
            Entity(entity_id("Person", name), name, "Person", (), _spans(text, name)) for name in sorted(speakers)
        )
        statements = tuple(
            Statement(
                q["start"],
                q["end"],
                q["text"],
                q["kind"],
                q["attributed_to"],
                q["attributed_to"],
                entity_id("Person", q["attributed_to"]),
                "said",
                None,
                doc["published"],
                sentence=q["text"],
                sentence_start=q["start"],
                sentence_end=q["end"],
            )
            for q in record["quotes"]
        )
        article = Article(doc["id"], text, content_hash(text), published=doc["published"], source=doc["source"])
        pairs.append((article, Extraction(doc["id"], version, statements, entities)))
    return pairs


def _spans(text: str, name: str) -> tuple[tuple[int, int], ...]:
    for word in (name, name.split()[-1]):
        at = text.find(word)
        if at >= 0:
            return ((at, at + len(word)),)
    return ()


def clusters(driver: Driver) -> dict[str, str]:
    """Statement id -> cluster id, for every clustered statement."""
    records, _, _ = driver.execute_query(
        "MATCH (s:Statement)-[:IN_CLUSTER]->(c:QuoteCluster) RETURN s.id AS statement, c.id AS cluster"
    )
    return {r["statement"]: r["cluster"] for r in records}


def cluster_rows(driver: Driver) -> list[dict[str, Any]]:
    records, _, _ = driver.execute_query(
        "MATCH (c:QuoteCluster) RETURN c.id AS id, c.appearances AS appearances, c.conflict AS conflict, "
        "c.altered_quotes AS altered, c.first_statement_id AS first, c.pending AS pending ORDER BY id"
    )
    return [dict(r) for r in records]


def load(driver: Driver, pairs: list[tuple[Article, Extraction]], batch_size: int = 500) -> None:
    GraphLoader(driver, "neo4j", batch_size=batch_size).load(pairs)


def pending(driver: Driver) -> int:
    records, _, _ = driver.execute_query(
        "RETURN COUNT { MATCH (s:Statement {trail_pending: true}) } + COUNT { MATCH (c:QuoteCluster {pending: true}) }"
        " AS n"
    )
    return int(records[0]["n"])


@pytest.fixture
def trail_db(clean_db: Driver) -> Driver:
    apply_schema(clean_db, "neo4j")
    return clean_db


@pytest.mark.parametrize("name", ["quotes", "quotes-heldout"])
def test_clusters_built_at_load_time_meet_the_targets_and_match_the_benchmark(trail_db: Driver, name: str) -> None:
    load(trail_db, gold_pairs(DATA / name), batch_size=3)  # several batches: later articles join earlier clusters
    assert pending(trail_db) == 0
    quotes = trail.read_quotes(DATA / name)
    in_graph = clusters(trail_db)
    labels = {q.key: in_graph.get(q.key, q.key) for q in quotes}  # unclustered (too short): a trail of its own
    expected = trail.utterance_rules(quotes)
    assert labels == expected.labels  # the graph clusters as the benchmark scores
    _, _, f1 = trail.bcubed(labels, trail.annotated(quotes).labels)
    assert f1 >= 0.90
    altered, _, _ = trail_db.execute_query("MATCH (s:Statement)-[:IN_CLUSTER {altered: true}]->() RETURN s.id AS id")
    assert {r["id"] for r in altered} == set(expected.altered)
    conflicted = {r["id"] for r in cluster_rows(trail_db) if r["conflict"]}
    assert conflicted == {labels[a] for a, _ in expected.conflicts}


def test_the_clusters_do_not_depend_on_the_order_articles_arrive_in(trail_db: Driver) -> None:
    pairs = gold_pairs(DATA / "quotes")
    load(trail_db, pairs)
    forward, forward_rows = clusters(trail_db), cluster_rows(trail_db)
    trail_db.execute_query("MATCH (n) DETACH DELETE n")
    load(trail_db, list(reversed(pairs)), batch_size=1)
    assert clusters(trail_db) == forward
    assert cluster_rows(trail_db) == forward_rows


@pytest.mark.parametrize("late", [("brackley-gazette", "brackley-wire"), ("brackley-wire", "brackley-gazette")])
def test_a_statement_pulled_into_a_cluster_while_waiting_still_looks_for_its_own_matches(
    trail_db: Driver, late: tuple[str, str]
) -> None:
    # A waiting statement is in the full-text index already, so another statement settled before it can pull it
    # into a cluster (more statements wait than one chunk settles, or its article was committed while a chunk was
    # being settled). When its own turn comes it must still look for the renderings only it matches:
    # brackley-wire is the only link of brackley-digest's rendering, settled before wire arrived.
    pairs = gold_pairs(DATA / "quotes")
    load(trail_db, pairs)
    expected = clusters(trail_db)
    trail_db.execute_query("MATCH (n) DETACH DELETE n")
    load(trail_db, [p for p in pairs if p[0].id not in late])
    waiting = GraphLoader(trail_db, "neo4j", quote_trail=False)
    for article_id in late:
        waiting.load([p for p in pairs if p[0].id == article_id])
    refresh_quote_trail(trail_db, "neo4j", chunk=1)
    assert pending(trail_db) == 0
    assert clusters(trail_db) == expected


def test_short_quotes_never_cluster_and_the_first_appearance_is_the_earliest_article(trail_db: Driver) -> None:
    load(trail_db, gold_pairs(DATA / "quotes"))
    short, _, _ = trail_db.execute_query(
        "MATCH (s:Statement) WHERE s.text STARTS WITH 'No comment' "
        "RETURN s.id AS id, EXISTS { (s)-[:IN_CLUSTER]->() } AS in"
    )
    assert short and not any(r["in"] for r in short)
    first, _, _ = trail_db.execute_query(
        "MATCH (c:QuoteCluster)<-[:IN_CLUSTER]-(s:Statement)-[:REPORTED_IN]->(a:Article) "
        "WITH c, min(a.published) AS earliest MATCH (f:Statement {id: c.first_statement_id})-[:REPORTED_IN]->(fa) "
        "RETURN c.id AS id, earliest = fa.published AND c.first_published = earliest AS ok"
    )
    assert first and all(r["ok"] for r in first)


def test_re_extraction_and_a_second_load_leave_the_clusters_as_they_were(trail_db: Driver) -> None:
    load(trail_db, gold_pairs(DATA / "quotes"))
    before, rows = clusters(trail_db), cluster_rows(trail_db)
    load(trail_db, gold_pairs(DATA / "quotes"))  # unchanged: nothing written
    load(trail_db, gold_pairs(DATA / "quotes", version="gold-2"), batch_size=4)  # every statement written again
    assert clusters(trail_db) == before and cluster_rows(trail_db) == rows
    assert pending(trail_db) == 0


def test_a_rejected_statement_that_linked_two_renderings_splits_the_cluster_and_undo_joins_it(trail_db: Driver) -> None:
    whole = "We will not let this city flood again, and we will build the barrier whether the province pays or not"
    first_half, second_half = (
        "We will not let this city flood again",
        "we will build the barrier whether the province pays",
    )
    pairs = [_quote_article("w", whole, "2026-03-01"), _quote_article("a", first_half, "2026-03-02"),
             _quote_article("a2", first_half, "2026-03-02"), _quote_article("b", second_half, "2026-03-03"),
             _quote_article("c", whole[:60], "2026-03-04")]  # fmt: skip
    load(trail_db, pairs)
    assert len(clusters(trail_db)) == 5 and len(set(clusters(trail_db).values())) == 1
    correction = record_correction(trail_db, "neo4j", "reject-statement", _sid("w", whole), editor="ana")
    now = clusters(trail_db)
    # The halves share no words: the first half's copies and the cut of both are one utterance, the second half,
    # alone now, is in no cluster.
    assert sorted(now) == sorted([_sid("a", first_half), _sid("a2", first_half), _sid("c", whole[:60])])
    assert len(set(now.values())) == 1
    undo_correction(trail_db, "neo4j", correction.id, editor="ana")
    assert len(clusters(trail_db)) == 5 and len(set(clusters(trail_db).values())) == 1
    assert pending(trail_db) == 0


def test_a_reassigned_speaker_raises_and_clears_the_attribution_conflict(trail_db: Driver) -> None:
    words = "The river barrier will be finished before the autumn storms arrive"
    load(trail_db, [_quote_article("x", words, "2026-03-01"), _quote_article("y", words + ", she said", "2026-03-02")])
    assert [r["conflict"] for r in cluster_rows(trail_db)] == [False]
    trail_db.execute_query(
        "MERGE (e:Entity:Person {id: 'person:dev-anand'}) SET e.name = 'Dev Anand', e.type = 'Person'"
    )
    correction = record_correction(trail_db, "neo4j", "reassign-speaker", _sid("y", words + ", she said"),
                                   {"speaker_id": "person:dev-anand"}, editor="ana")  # fmt: skip
    assert [r["conflict"] for r in cluster_rows(trail_db)] == [True]
    undo_correction(trail_db, "neo4j", correction.id, editor="ana")
    assert [r["conflict"] for r in cluster_rows(trail_db)] == [False]


def test_a_surname_and_the_full_name_are_one_speaker_not_a_conflict(trail_db: Driver) -> None:
    words = "The river barrier will be finished before the autumn storms arrive"
    load(trail_db, [_quote_article("x", words, "2026-03-01"),
                    _quote_article("y", words, "2026-03-02", speaker="Ortiz")])  # fmt: skip
    rows = cluster_rows(trail_db)
    assert len(rows) == 1 and rows[0]["appearances"] == 2 and rows[0]["conflict"] is False


def test_thousands_of_copies_and_a_five_thousand_character_quote(trail_db: Driver) -> None:
    words = "The river barrier will be finished before the autumn storms arrive in the valley"
    copies = [_quote_article(f"copy{i}", words, f"2026-03-{1 + i % 28:02d}") for i in range(1200)]
    sentence = "Every district of the valley deserves a barrier built to last a hundred years and more. "
    huge = (sentence * (5000 // len(sentence) + 1))[:5000].strip()
    fragment = huge[len(sentence) * 20 : len(sentence) * 21].strip()  # one sentence from deep inside it
    load(
        trail_db, [*copies, _quote_article("huge", huge, "2026-04-01"), _quote_article("frag", fragment, "2026-04-02")]
    )
    rows = {r["first"].split("@")[0]: r for r in cluster_rows(trail_db)}
    assert rows["copy0"]["appearances"] == 1200
    assert rows["huge"]["appearances"] == 2
    assert len(search_query(huge).split()) <= QUERY_TERMS
    assert pending(trail_db) == 0


def test_concurrent_loaders_settle_one_utterance_into_one_cluster(trail_db: Driver) -> None:
    words = "The river barrier will be finished before the autumn storms arrive in the valley"
    batches = [[_quote_article(f"t{t}-{i}", words if i % 2 else words + " this year", "2026-03-02") for i in range(40)]
               for t in range(3)]  # fmt: skip
    errors: list[BaseException] = []

    def run(pairs: list[tuple[Article, Extraction]]) -> None:
        try:
            load(trail_db, pairs, batch_size=5)
        except BaseException as e:
            errors.append(e)

    threads = [threading.Thread(target=run, args=(b,)) for b in batches]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(clusters(trail_db)) == 120 and len(set(clusters(trail_db).values())) == 1


def test_a_rendering_copied_more_times_than_the_index_is_asked_for_still_finds_the_other_renderings(
    trail_db: Driver,
) -> None:
    # A wire quote reaches the graph in dozens of copies at once; each text's own copies score highest in the
    # full-text index, so they must not fill the hits the other rendering is looked for in.
    words = "The river barrier will be finished before the autumn storms arrive in the valley"
    pairs = [_quote_article(f"w{i}", words if i % 2 else words + " this year", "2026-03-02") for i in range(60)]
    GraphLoader(trail_db, "neo4j", quote_trail=False).load(pairs)
    refresh_quote_trail(trail_db, "neo4j")
    assert len(clusters(trail_db)) == 60 and len(set(clusters(trail_db).values())) == 1
    assert [(r["appearances"], r["pending"]) for r in cluster_rows(trail_db)] == [(60, None)]


def test_hostile_text_is_stored_as_written_and_clustered_like_any_other(trail_db: Driver) -> None:
    hostile = "<script>alert('x')</script> we will \"never\" OR NOT* build [the] barrier AND ~pay~ \\ for it"
    load(trail_db, [_quote_article("h1", hostile, "2026-03-01"), _quote_article("h2", hostile.upper(), "2026-03-02")])
    rows = cluster_rows(trail_db)
    assert len(rows) == 1 and rows[0]["appearances"] == 2
    stored, _, _ = trail_db.execute_query("MATCH (c:QuoteCluster) RETURN c.renderings[0] AS text")
    assert stored[0]["text"] == hostile


def test_a_quote_of_stop_words_only_or_under_the_minimum_is_left_alone(trail_db: Driver) -> None:
    load(trail_db, [_quote_article("s1", "it is what it is and so on", "2026-03-01"),
                    _quote_article("s2", "it is what it is and so on", "2026-03-02"),
                    _quote_article("n1", "No comment", "2026-03-01"),
                    _quote_article("n2", "No comment", "2026-03-02")])  # fmt: skip
    assert MIN_WORDS > 2
    in_graph = clusters(trail_db)
    assert set(in_graph) == {_sid("s1", "it is what it is and so on"), _sid("s2", "it is what it is and so on")}
    assert pending(trail_db) == 0


def test_an_article_that_repeats_a_quote_is_one_later_article_of_its_first_appearance(trail_db: Driver) -> None:
    words = "The river barrier will be finished before the autumn storms arrive in the valley"
    article, extraction = _quote_article("twice", words, "2026-03-02")
    again = " She said it again: \u201c"
    text = f"{article.text}{again}{words}\u201d"
    start = len(article.text) + len(again)
    repeat = replace(extraction.statements[0], start=start, end=start + len(words), sentence_start=len(article.text),
                     sentence=text[len(article.text):].strip(), sentence_end=len(text))  # fmt: skip
    twice = (replace(article, text=text, content_hash=content_hash(text)),
             replace(extraction, statements=(*extraction.statements, repeat)))  # fmt: skip
    load(trail_db, [_quote_article("first", words, "2026-03-01"), twice])
    rows = curated(trail_db, "first-appearance", quote="autumn storms arrive")
    assert [(r["article_id"], r["appearances"], r["later_articles"]) for r in rows] == [("first", 3, ["twice"])]


def test_conflicts_page_newest_first_and_undated_ones_come_last(trail_db: Driver) -> None:
    utterances = {
        "march": ("The river barrier will be finished before the autumn storms arrive", "2026-03-01"),
        "may": ("Every district of the valley deserves a barrier built to last", "2026-05-01"),
        "undated": ("Nobody in this council voted to raise the water rates twice", None),
    }
    pairs = []
    for key, (words, published) in utterances.items():
        for speaker in ("Lena Ortiz", "Tomas Bell"):
            article, extraction = _quote_article(f"{key}-{speaker.split()[1]}", words, published or "2026-01-01",
                                                 speaker=speaker)  # fmt: skip
            if published is None:
                article = replace(article, published=None)
            pairs.append((article, extraction))
    load(trail_db, pairs)

    def page(**values: Any) -> list[str]:
        return [r["first_article_id"].split("-")[0] for r in curated(trail_db, "attribution-conflicts", **values)]

    assert page() == ["may", "march", "undated"]
    assert [page(skip=k, limit=1) for k in range(4)] == [["may"], ["march"], ["undated"], []]
    assert page(**{"from": dt.date(2026, 4, 1)}) == ["may"]
    assert page(to=dt.date(2026, 4, 1)) == ["march"]


def test_altered_quotes_page_newest_first_and_undated_ones_come_last(trail_db: Driver) -> None:
    words = "The river barrier will be finished before the autumn storms arrive in the valley"
    variants = {"original": (words, "2026-03-01"),
                "march": (words.replace("finished", "started"), "2026-03-05"),
                "april": (words.replace("autumn", "winter"), "2026-04-01"),
                "undated": (words.replace("river", "flood"), None)}  # fmt: skip
    pairs = []
    for key, (text, published) in variants.items():
        article, extraction = _quote_article(key, text, published or "2026-01-01")
        pairs.append((replace(article, published=None) if published is None else article, extraction))
    load(trail_db, pairs)

    def page(**values: Any) -> list[str]:
        return [r["article_id"] for r in curated(trail_db, "altered-quotes", **values)]

    assert page() == ["april", "march", "undated"]
    assert [page(skip=k, limit=1) for k in range(4)] == [["april"], ["march"], ["undated"], []]
    assert page(**{"from": dt.date(2026, 3, 10)}) == ["april"]
    assert page(to=dt.date(2026, 3, 10)) == ["march"]
    stored, _, _ = trail_db.execute_query(
        "MATCH (s:Statement)-[r:IN_CLUSTER]->() RETURN s.article_id AS article, r.altered_on AS on ORDER BY article"
    )
    assert [(r["article"], r["on"]) for r in stored] == [
        ("april", Date(2026, 4, 1)), ("march", Date(2026, 3, 5)), ("original", None), ("undated", None)]  # fmt: skip


def test_a_rebuild_gives_the_same_clusters(trail_db: Driver) -> None:
    load(trail_db, gold_pairs(DATA / "quotes-heldout"))
    before, rows = clusters(trail_db), cluster_rows(trail_db)
    counts = rebuild_quote_trail(trail_db, "neo4j")
    assert counts.statements >= len(before)
    assert clusters(trail_db) == before and cluster_rows(trail_db) == rows
    assert refresh_quote_trail(trail_db, "neo4j").statements == 0  # nothing left to settle


def _sid(article: str, text: str) -> str:
    prefix = "Mayor Lena Ortiz said: \u201c"
    return f"{article}@{len(prefix)}-{len(prefix) + len(text)}"


def _quote_article(
    article_id: str, quote: str, published: str, speaker: str = "Lena Ortiz"
) -> tuple[Article, Extraction]:
    prefix = "Mayor Lena Ortiz said: \u201c"
    text = f"{prefix}{quote}\u201d Residents listened."
    start, end = len(prefix), len(prefix) + len(quote)
    person = Entity(
        entity_id("Person", speaker), speaker, "Person", (), ((text.find(speaker), text.find(speaker) + len(speaker)),)
    )
    statement = Statement(start, end, quote, "direct", speaker, speaker, person.id, "said", None, published,
                          sentence=text, sentence_start=0, sentence_end=len(text))  # fmt: skip
    article = Article(article_id, text, content_hash(text), published=published, source=f"Outlet {article_id}")
    return article, Extraction(article_id, "trail-1", (statement,), (person,))


# -- the curated queries, on the development set ----------------------------------------------------------------


@pytest.fixture(scope="module")
def trail_graph(driver: Driver) -> Driver:
    driver.execute_query("MATCH (n) DETACH DELETE n")
    apply_schema(driver, "neo4j")
    load(driver, gold_pairs(DATA / "quotes"), batch_size=4)
    return driver


def curated(driver: Driver, name: str, **values: Any) -> list[dict[str, Any]]:
    return run_curated(driver, "neo4j", name, values).rows()


def test_quote_trail_by_words_statement_or_cluster_earliest_first(trail_graph: Driver) -> None:
    rows = curated(trail_graph, "quote-trail", quote="build the barrier whether the province pays")
    assert [r["article_id"] for r in rows] == ["brackley-gazette", "brackley-wire", "brackley-digest",
                                               "brackley-weekly", "brackley-tabloid"]  # fmt: skip
    # (the radio's reworded report is the development set's one miss)
    assert [r["article_id"] for r in rows if r["first"]] == ["brackley-gazette"]  # same day: by article id
    assert [r["article_id"] for r in rows if r["reference"]] == ["brackley-wire"]  # the full one of that day
    assert [r["article_id"] for r in rows if r["altered"]] == ["brackley-tabloid"]
    assert {(r["appearances"], r["outlets"], r["conflict"]) for r in rows} == {(5, 5, False)}
    by_statement = curated(trail_graph, "quote-trail", statement_id="brackley-digest@48-107")
    assert by_statement == rows
    page = curated(trail_graph, "quote-trail", cluster_id=rows[0]["cluster_id"], skip=2, limit=2)
    once = ("renderings", "reference_quote", "speakers")  # on each page's first row only

    def facts(r: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in r.items() if k not in once}

    assert [facts(r) for r in page] == [facts(r) for r in rows[2:4]]
    assert page[0]["renderings"] == rows[0]["renderings"] and page[1]["renderings"] is None
    assert rows[0]["reference_quote"] == rows[1]["quote"]  # the wire's full quote
    assert len(rows[0]["renderings"]) == 5 and rows[0]["renderings"][0] == rows[0]["quote"]
    lone = curated(trail_graph, "quote-trail", statement_id="final-sports@192-203")  # "No comment.": no cluster
    assert [(r["quote"], r["appearances"], r["first"], r["cluster_id"]) for r in lone] == [
        ("No comment.", 1, True, None)
    ]
    assert curated(trail_graph, "quote-trail", quote="zebra quantum marmalade") == []
    assert curated(trail_graph, "quote-trail", quote='") OR 1=1 //') == []


def test_every_page_of_a_trail_names_all_its_speakers(trail_graph: Driver) -> None:
    pages = [curated(trail_graph, "quote-trail", quote="not out of the woods", skip=k, limit=1) for k in range(3)]
    assert {r["speaker"] for page in pages for r in page} == {"Priya Raman", "Tomas Bell"}
    assert [page[0]["speakers"] for page in pages] == [["Priya Raman", "Tomas Bell"]] * 3


def test_altered_quotes_beside_their_original_newest_first(trail_graph: Driver) -> None:
    rows = curated(trail_graph, "altered-quotes")
    assert [(r["statement_id"], r["altered_quote"], r["original_quote"], r["original_source"]) for r in rows] == [
        ("brackley-tabloid@85-125", "We will never let this city flood again,",
         "We will not let this city flood again, and we will build the barrier whether the province pays or not,",
         "Northern Wire"),
    ]  # fmt: skip
    assert curated(trail_graph, "altered-quotes", to=dt.date(2026, 3, 3)) == []


def test_attribution_conflicts_name_every_speaker(trail_graph: Driver) -> None:
    rows = curated(trail_graph, "attribution-conflicts")
    assert [(r["quote"], r["speakers"], r["appearances"], r["first_source"]) for r in rows] == [
        ("The outbreak is contained, but we are not out of the woods,", ["Priya Raman (2)", "Tomas Bell (1)"], 3,
         "Coastal Health Desk"),
        ("We are not going to let cheap steel close our mills,",
         ["Samir Haddad (1)", "a trade ministry spokeswoman (1)"], 2, "Capital Wire"),
    ]  # fmt: skip
    assert curated(trail_graph, "attribution-conflicts", skip=2) == []


def test_first_appearance_follows_the_cluster_not_only_exact_copies(trail_graph: Driver) -> None:
    rows = curated(trail_graph, "first-appearance", quote="we will build the barrier whether the province pays")
    assert [(r["article_id"], r["appearances"]) for r in rows] == [("brackley-gazette", 5)]
    assert sorted(rows[0]["later_articles"]) == sorted(["brackley-wire", "brackley-digest", "brackley-weekly",
                                                        "brackley-tabloid"])  # fmt: skip
    short = curated(trail_graph, "first-appearance", quote="No comment")
    assert [(r["article_id"], r["appearances"]) for r in short] == [("final-sports", 2)]  # exact copies only


def test_the_command_settles_what_waits_and_rebuilds(trail_db: Driver, neo4j_settings: Any) -> None:
    from click.testing import CliRunner

    from newsgraph.cli import cli
    from tests.graph_fixtures import cli_env

    GraphLoader(trail_db, "neo4j", quote_trail=False).load(gold_pairs(DATA / "quotes"))
    assert pending(trail_db) == 27 and clusters(trail_db) == {}  # every statement waits (3 too short to cluster)
    result = CliRunner().invoke(cli, ["quote-trail"], env=cli_env(neo4j_settings))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("27 statements settled (24 long enough to cluster), 6 clusters written in ")
    assert result.output.rstrip().endswith(
        "the graph holds 6 quote clusters of 17 statements, 2 attribution conflicts, 1 altered quotes"
    )
    before = clusters(trail_db)
    again = CliRunner().invoke(cli, ["quote-trail", "--rebuild"], env=cli_env(neo4j_settings))
    assert again.exit_code == 0 and again.output.startswith("27 statements settled (24 long enough to cluster)")
    assert clusters(trail_db) == before and pending(trail_db) == 0
