"""Re-extracting stored articles: the real spaCy pipeline and embedding model, the real Neo4j.

The "upgraded extractor" is the same pipeline with an aliases file (a merge and an ignored name): its
extraction version differs, and its facts differ in known ways.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from core.records import Article, Extraction, Skipped, content_hash
from newsgraph.cli import cli
from newsgraph.pipeline import Selection, extraction_version, run_pipeline, run_reextract
from tests.graph_fixtures import cli_env

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]

TEXT = (
    "Andrej Petrovski, technical director of the SHARE Foundation, warned that the cameras lacked legal "
    "safeguards. \u201cMass biometric surveillance has no place in a democratic society,\u201d Petrovski said "
    "on Tuesday.\n\nInterior Minister Nebojša Stefanović said the Safe City project would make Belgrade safer."
)
OTHER = (
    "The SHARE Foundation published a report on Monday. Interior Minister Nebojša Stefanović said the cameras "
    "would stay in Belgrade."
)
HOSTILE = (
    "Mayor Ana Jović said \u201c<script>alert('x')</script> '}) MATCH (n) DETACH DELETE n //\u201d on Friday. "
    "The SHARE Foundation called it \u201c<img src=x onerror=alert(1)>\u201d."
)
# The newsroom's edit: SHARE Foundation is filed under its short name, Belgrade is not wanted as an entity.
ALIASES = """
ignore = ["Belgrade"]

[[entity]]
name = "SHARE"
type = "Organization"
aliases = ["SHARE Foundation"]
"""
GERMAN = (
    "Die Stadtverwaltung hat am Montag neue Kameras auf dem Platz installiert. Der Bürgermeister sagte, die "
    "Kameras würden die Sicherheit verbessern, doch viele Bürger sind besorgt über den Datenschutz."
)
OLD_SHARE, NEW_SHARE, BELGRADE = "organization:share-foundation", "organization:share", "location:belgrade"


def _article(article_id: str, text: str) -> Article:
    return Article(article_id, text, content_hash(text), title=f"Title of {article_id}",
                   url=f"https://news.example/{article_id}", published="2021-09-15", source="Example News",
                   language="en", origin=f"corpus/{article_id}.txt")  # fmt: skip


@pytest.fixture(scope="module")
def extractor(base_settings):
    from nlp.runtime.extract import Extractor

    return Extractor(base_settings)


@pytest.fixture(scope="module")
def aliases_settings(neo4j_settings, tmp_path_factory):
    path = tmp_path_factory.mktemp("aliases") / "aliases.toml"
    path.write_text(ALIASES, encoding="utf-8")
    return neo4j_settings.replace(aliases_file=str(path))


@pytest.fixture(scope="module")
def upgraded(aliases_settings, extractor):
    """The same loaded spaCy pipeline and embedder, with the aliases file applied."""
    from nlp.runtime.extract import Extractor

    return Extractor(
        aliases_settings,
        language=extractor.nlp,
        embedder=extractor.embedder,
        embedding_process=extractor.embedding_process,
    )


@pytest.fixture(scope="module")
def english_only(neo4j_settings, extractor):
    """A configuration that refuses non-English articles: their extraction fails with a reason."""
    from nlp.runtime.extract import Extractor

    settings = neo4j_settings.replace(non_english="skip")
    return settings, Extractor(
        settings, language=extractor.nlp, embedder=extractor.embedder, embedding_process=extractor.embedding_process
    )


def _rows(driver, settings, cypher, **params) -> list[dict]:
    records, _, _ = driver.execute_query(cypher, params, database_=settings.neo4j_database)
    return [dict(r) for r in records]


def _counts(driver, settings) -> dict[str, int]:
    nodes = _rows(driver, settings, "MATCH (n) UNWIND labels(n) AS k RETURN k, count(*) AS c")
    rels = _rows(driver, settings, "MATCH ()-[r]->() RETURN type(r) AS k, count(*) AS c")
    return {r["k"]: r["c"] for r in [*nodes, *rels]}


def _articles(driver, settings) -> list[dict]:
    return _rows(driver, settings, "MATCH (a:Article) RETURN a {.*, loaded_at: null, fact_hash: null, "
                                   "extractor_version: null} AS a ORDER BY a.id")  # fmt: skip


def _versions(driver, settings) -> set[str]:
    """Every extractor version stored anywhere: on articles, statements and fact relationships."""
    found = _rows(driver, settings, "MATCH (n) WHERE n.extractor_version IS NOT NULL RETURN n.extractor_version AS v "
                                    "UNION MATCH ()-[r]->() WHERE r.extractor_version IS NOT NULL "
                                    "RETURN r.extractor_version AS v")  # fmt: skip
    return {r["v"] for r in found}


def _load(driver, settings, extractor, articles) -> None:
    summary = run_pipeline(articles, settings, driver=driver, database=settings.neo4j_database, extractor=extractor)
    assert len(summary.skipped) == 0, summary.text()


def _reextract(driver, settings, extractor, selection: Selection, progress=None, selected=None):
    return run_reextract(selection, settings, progress, on_selected=selected, driver=driver,
                         database=settings.neo4j_database, extractor=extractor)  # fmt: skip


def test_the_stored_version_names_the_configuration(extractor, upgraded, neo4j_settings, aliases_settings):
    plain = extraction_version(extractor, neo4j_settings)
    assert plain.startswith(extractor.version + " config/")
    assert extraction_version(upgraded, aliases_settings) != plain
    assert extraction_version(extractor, neo4j_settings) == plain  # stable from one run to the next


def test_same_extractor_keeps_counts_and_article_nodes(clean_db, neo4j_settings, extractor):
    _load(clean_db, neo4j_settings, extractor, [_article("r:1", TEXT), _article("r:2", OTHER)])
    counts, articles = _counts(clean_db, neo4j_settings), _articles(clean_db, neo4j_settings)
    selected: list[int] = []
    summary = _reextract(clean_db, neo4j_settings, extractor, Selection(everything=True), selected=selected.append)
    assert selected == [2]
    assert (summary.loaded, summary.replaced + summary.unchanged, summary.skipped) == (0, 2, [])
    assert _counts(clean_db, neo4j_settings) == counts
    assert _articles(clean_db, neo4j_settings) == articles  # text, url, title, source, origin, hash all kept
    assert articles[0]["a"]["origin"] == "corpus/r:1.txt"
    # Nothing is stale right after a load with the same extractor.
    assert _reextract(clean_db, neo4j_settings, extractor, Selection(stale=True)).unchanged == 0


def test_an_aliases_edit_replaces_the_facts_and_leaves_none_stale(clean_db, neo4j_settings, aliases_settings,
                                                                 extractor, upgraded):  # fmt: skip
    _load(clean_db, neo4j_settings, extractor, [_article("r:1", TEXT), _article("r:2", OTHER)])
    before = _counts(clean_db, neo4j_settings)
    # One article first: the old entity is still mentioned by the other one, so it must stay.
    summary = _reextract(clean_db, aliases_settings, upgraded, Selection(ids=("r:1",)))
    assert summary.replaced == 1
    mentioned = "MATCH (a:Article)-[:MENTIONS]->(:Entity {id: $id}) RETURN a.id AS id ORDER BY id"
    assert _rows(clean_db, neo4j_settings, mentioned, id=OLD_SHARE) == [{"id": "r:2"}]
    assert _rows(clean_db, neo4j_settings, mentioned, id=NEW_SHARE) == [{"id": "r:1"}]
    # Then the rest, chosen as stale: the merged-away entity and the ignored place are gone for good.
    selected: list[int] = []
    summary = _reextract(clean_db, aliases_settings, upgraded, Selection(stale=True), selected=selected.append)
    assert (selected, summary.replaced) == ([1], 1)
    for gone in (OLD_SHARE, BELGRADE):
        assert _rows(clean_db, neo4j_settings, "MATCH (e:Entity {id: $id}) RETURN e", id=gone) == []
    assert _rows(clean_db, neo4j_settings, mentioned, id=NEW_SHARE) == [{"id": "r:1"}, {"id": "r:2"}]
    role = _rows(clean_db, neo4j_settings, "MATCH (:Person {id: 'person:andrej-petrovski'})-[:HOLDS_ROLE]->(r:Role)"
                                           "-[:AT]->(o) RETURN r.title AS title, o.id AS org")  # fmt: skip
    assert role == [{"title": "technical director", "org": NEW_SHARE}]
    about = _rows(clean_db, neo4j_settings, "MATCH (s:Statement)-[:ABOUT]->(e) RETURN e.id AS id")
    assert BELGRADE not in {r["id"] for r in about}
    assert _versions(clean_db, neo4j_settings) == {extraction_version(upgraded, aliases_settings)}
    after = _counts(clean_db, neo4j_settings)
    assert after.get("Location", 0) == before["Location"] - 1
    assert (after["Statement"], after["SAID"], after["Article"]) == (before["Statement"], before["SAID"], 2)
    # Nothing is left out of date for the new configuration.
    assert _reextract(clean_db, aliases_settings, upgraded, Selection(stale=True)).replaced == 0


def test_stale_selects_only_out_of_date_articles(clean_db, neo4j_settings, aliases_settings, extractor, upgraded):
    _load(clean_db, neo4j_settings, extractor, [_article("r:1", TEXT)])
    _load(clean_db, aliases_settings, upgraded, [_article("r:2", OTHER), _article("r:3", TEXT)])
    done: list[str] = []
    summary = _reextract(clean_db, neo4j_settings, extractor, Selection(stale=True),
                         progress=lambda item: done.append(item.id))  # fmt: skip
    assert sorted(done) == ["r:2", "r:3"]
    assert summary.replaced == 2
    assert _versions(clean_db, neo4j_settings) == {extraction_version(extractor, neo4j_settings)}


def test_bad_stored_articles_are_reported_and_the_run_goes_on(clean_db, neo4j_settings, extractor):
    _load(clean_db, neo4j_settings, extractor, [_article(f"r:{n}", t) for n, t in
                                                enumerate((TEXT, OTHER, HOSTILE, TEXT), start=1)])  # fmt: skip
    # Damaged nodes, as a hand edit or another tool could leave them.
    _rows(clean_db, neo4j_settings, "MATCH (a:Article {id: 'r:1'}) SET a.text = ''")
    _rows(clean_db, neo4j_settings, "MATCH (a:Article {id: 'r:4'}) SET a.text = 42")
    statements = _rows(clean_db, neo4j_settings, "MATCH (s:Statement) RETURN count(s) AS n")
    items: list[Article | Skipped] = []
    summary = _reextract(clean_db, neo4j_settings, extractor, Selection(ids=("r:1", "r:2", "r:3", "r:4", "r:none")),
                         progress=items.append)  # fmt: skip
    reasons = {s.item: s.reason for s in summary.skipped}
    assert reasons == {
        "r:1": "stored text is empty; nothing to extract",
        "r:4": "stored text is not a string (int); nothing to extract",
        "r:none": "not in the graph (deleted, or never loaded)",
    }
    assert sorted(i.id for i in items if isinstance(i, Article)) == ["r:2", "r:3"]
    assert len(items) == 5
    # The hostile article went through as data: text unchanged, its quote stored verbatim, nothing deleted.
    hostile = _rows(clean_db, neo4j_settings, "MATCH (a:Article {id: 'r:3'}) RETURN a.text AS text")
    assert hostile == [{"text": HOSTILE}]
    quotes = _rows(clean_db, neo4j_settings, "MATCH (s:Statement {article_id: 'r:3'}) RETURN s.text AS text")
    assert "<script>alert('x')</script> '}) MATCH (n) DETACH DELETE n //" in {q["text"] for q in quotes}
    # The skipped articles keep their old facts.
    assert _rows(clean_db, neo4j_settings, "MATCH (s:Statement) RETURN count(s) AS n") == statements


def test_an_article_the_extractor_fails_on_is_reported_and_keeps_its_facts(clean_db, neo4j_settings, extractor,
                                                                           english_only):  # fmt: skip
    _load(clean_db, neo4j_settings, extractor, [_article("r:1", TEXT), _article("r:de", GERMAN)])
    stored = "MATCH (a:Article {id: 'r:de'}) RETURN a.extractor_version AS v, a.fact_hash AS hash"
    before = _rows(clean_db, neo4j_settings, stored)
    settings, refusing = english_only
    summary = _reextract(clean_db, settings, refusing, Selection(everything=True))
    assert [(s.item, s.reason) for s in summary.skipped] == [
        ("r:de", "extraction: skipped: language detected as 'de', not English (non_english=skip)")
    ]
    assert summary.replaced == 1
    assert _rows(clean_db, neo4j_settings, stored) == before
    assert before[0]["v"] == extraction_version(extractor, neo4j_settings)
    # Still out of date for this configuration, so the next --stale run tries it again.
    stale = _reextract(clean_db, settings, refusing, Selection(stale=True))
    assert (len(stale.skipped), stale.replaced) == (1, 0)


class _Killed(Exception):
    """Stands for the process dying: raised from inside the extraction stream."""


class _DiesAfter:
    """An extractor that dies after ``limit`` articles, as a killed process would."""

    def __init__(self, extractor, limit: int) -> None:
        self.inner, self.limit = extractor, limit

    def __getattr__(self, name: str):  # version, gazetteer, lexicon: whatever makes the extraction version
        return getattr(self.inner, name)

    def extract(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        for count, extraction in enumerate(self.inner.extract(articles)):
            if count == self.limit:
                raise _Killed
            yield extraction


def test_a_run_killed_midway_then_run_again_ends_consistent(clean_db, neo4j_settings, aliases_settings, extractor,
                                                            upgraded):  # fmt: skip
    articles = [_article(f"r:{n}", text) for n, text in enumerate((TEXT, OTHER, TEXT, OTHER, TEXT), start=1)]
    _load(clean_db, aliases_settings, upgraded, articles)
    expected = _counts(clean_db, neo4j_settings)  # what the new configuration gives from scratch
    _rows(clean_db, neo4j_settings, "MATCH (n) DETACH DELETE n")
    _load(clean_db, neo4j_settings, extractor, articles)
    one_per_batch = aliases_settings.replace(load_batch_size=1)
    with pytest.raises(_Killed):
        _reextract(clean_db, one_per_batch, _DiesAfter(upgraded, 2), Selection(stale=True))
    new_version = extraction_version(upgraded, aliases_settings)
    stored = _rows(clean_db, neo4j_settings, "MATCH (a:Article) RETURN a.extractor_version = $v AS new, count(*) AS n "
                                             "ORDER BY new", v=new_version)  # fmt: skip
    assert stored == [{"new": False, "n": 3}, {"new": True, "n": 2}]  # the two committed batches stayed
    selected: list[int] = []
    summary = _reextract(clean_db, aliases_settings, upgraded, Selection(stale=True), selected=selected.append)
    assert (selected, summary.replaced) == ([3], 3)
    assert _counts(clean_db, neo4j_settings) == expected
    assert _versions(clean_db, neo4j_settings) == {new_version}
    doubled = _rows(clean_db, neo4j_settings, "MATCH (s:Statement) WITH s.id AS id, count(*) AS n WHERE n > 1 "
                                              "RETURN id")  # fmt: skip
    assert doubled == []


def _new_version_count(driver, settings, version: str) -> int:
    found = _rows(driver, settings, "MATCH (a:Article {extractor_version: $v}) RETURN count(a) AS n", v=version)
    return found[0]["n"]


def test_the_command_killed_with_sigkill_then_run_again_ends_consistent(clean_db, neo4j_settings, aliases_settings,
                                                                        extractor, upgraded):  # fmt: skip
    articles = [_article(f"k:{n:03d}", (TEXT, OTHER)[n % 2]) for n in range(80)]
    _load(clean_db, aliases_settings, upgraded, articles)
    expected = _counts(clean_db, neo4j_settings)
    _rows(clean_db, neo4j_settings, "MATCH (n) DETACH DELETE n")
    _load(clean_db, neo4j_settings, extractor, articles)
    version = extraction_version(upgraded, aliases_settings)
    env = os.environ | cli_env(neo4j_settings) | {"NEWSGRAPH_ALIASES_FILE": aliases_settings.aliases_file}
    command = [str(Path(sys.executable).with_name("newsgraph")), "reextract", "--stale", "--batch-size", "1"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and process.poll() is None:
            if _new_version_count(clean_db, neo4j_settings, version) >= 3:
                break
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    # A commit the killed process had already sent is still applied by the server: count once nothing changes.
    done, before = _new_version_count(clean_db, neo4j_settings, version), -1
    deadline = time.monotonic() + 30
    while done != before and time.monotonic() < deadline:
        time.sleep(0.5)
        done, before = _new_version_count(clean_db, neo4j_settings, version), done
    assert 3 <= done < len(articles)
    result = CliRunner().invoke(cli, ["reextract", "--stale"], env=cli_env(neo4j_settings) |
                                {"NEWSGRAPH_ALIASES_FILE": aliases_settings.aliases_file})  # fmt: skip
    assert result.exit_code == 0, result.output
    assert f"reextract: {len(articles) - done} articles selected" in result.output
    assert _counts(clean_db, neo4j_settings) == expected
    assert _versions(clean_db, neo4j_settings) == {version}


def test_command_needs_one_selection(neo4j_settings):
    result = CliRunner().invoke(cli, ["reextract", "--stale", "--all"], env=cli_env(neo4j_settings))
    assert result.exit_code == 2
    assert "exactly one of --stale, --all or --article ID" in result.output


def test_command_reextracts_and_summarises(clean_db, neo4j_settings, aliases_settings, extractor):
    _load(clean_db, neo4j_settings, extractor, [_article("r:1", TEXT), _article("r:2", OTHER)])
    env = cli_env(neo4j_settings) | {"NEWSGRAPH_ALIASES_FILE": aliases_settings.aliases_file}
    result = CliRunner().invoke(cli, ["reextract", "--stale", "--batch-size", "1", "--article", "r:1"], env=env)
    assert result.exit_code == 2 and "exactly one of" in result.output
    result = CliRunner().invoke(cli, ["reextract", "--stale", "--batch-size", "1"], env=env)
    assert result.exit_code == 0, result.output
    assert "reextract: 2 articles selected" in result.output
    assert "graph: 0 loaded, 2 replaced, 0 unchanged, 0 skipped" in result.output
    assert _rows(clean_db, neo4j_settings, "MATCH (e:Entity {id: $id}) RETURN e.id AS id", id=NEW_SHARE) == [
        {"id": NEW_SHARE}
    ]
    again = CliRunner().invoke(cli, ["reextract", "--stale"], env=env)
    assert again.exit_code == 0, again.output
    assert "reextract: 0 articles selected" in again.output
