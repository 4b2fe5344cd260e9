"""Ingest → NLP → graph end to end: the real spaCy pipeline, the real embedding model, the real Neo4j."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from core.records import Article, Skipped, content_hash
from graph.seen import Neo4jSeenIndex
from newsgraph.cli import cli
from newsgraph.pipeline import extraction_version, run_pipeline
from tests.graph_fixtures import cli_env

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
TEXT = (
    "Andrej Petrovski, technical director of the SHARE Foundation, warned that the cameras lacked legal "
    "safeguards. \u201cMass biometric surveillance has no place in a democratic society,\u201d Petrovski said "
    "on Tuesday.\n\nInterior Minister Nebojša Stefanović said the Safe City project would make Belgrade safer."
)


def _article(article_id: str, text: str = TEXT) -> Article:
    return Article(article_id, text, content_hash(text), title="Cameras", url=f"https://news.example/{article_id}",
                   published="2021-09-15", source="Example News", language="en")  # fmt: skip


@pytest.fixture(scope="module")
def extractor(base_settings):
    from nlp.runtime.extract import Extractor

    return Extractor(base_settings)


def test_pipeline_extracts_and_loads_with_provenance(clean_db, neo4j_settings, extractor):
    database = neo4j_settings.neo4j_database
    seen_items: list[Article | Skipped] = []
    items = [_article("p:1"), Skipped("broken.html", "empty file")]
    summary = run_pipeline(items, neo4j_settings, seen_items.append, driver=clean_db, database=database,
                           extractor=extractor)  # fmt: skip
    assert (summary.loaded, summary.unchanged, len(summary.skipped)) == (1, 0, 1)
    assert [type(i).__name__ for i in seen_items] == ["Skipped", "Article"]
    records, _, _ = clean_db.execute_query(
        "MATCH (p:Person)-[:SAID]->(s:Statement)-[:REPORTED_IN]->(a:Article {id: 'p:1'}) "
        "RETURN p.name AS speaker, s.text AS text, s.start AS start, s.end AS end, a.text AS article, "
        "size(s.embedding) AS dims, s.extractor_version AS version",
        database_=database,
    )
    by_text = {r["text"]: r for r in records}
    quote = "Mass biometric surveillance has no place in a democratic society,"
    assert quote in by_text
    assert by_text[quote]["speaker"] == "Andrej Petrovski"
    for record in records:
        assert record["article"][record["start"] : record["end"]] == record["text"]
        assert record["dims"] == 384
        assert record["version"] == extraction_version(extractor, neo4j_settings)
        assert record["version"].startswith(extractor.version + " config/")
    assert summary.statements >= 2


def test_pipeline_run_twice_changes_nothing(clean_db, neo4j_settings, extractor):
    database = neo4j_settings.neo4j_database
    articles = [_article("p:1"), _article("p:2", TEXT.replace("Tuesday", "Wednesday"))]
    run_pipeline(articles, neo4j_settings, driver=clean_db, database=database, extractor=extractor)
    count = "MATCH (n) RETURN count(n) AS n"
    before = clean_db.execute_query(count, database_=database).records[0]["n"]
    again = run_pipeline(articles, neo4j_settings, driver=clean_db, database=database, extractor=extractor)
    assert (again.loaded, again.unchanged) == (0, 2)
    assert clean_db.execute_query(count, database_=database).records[0]["n"] == before


def test_seen_index_answers_from_the_graph(clean_db, neo4j_settings, extractor):
    database = neo4j_settings.neo4j_database
    article = _article("p:9")
    run_pipeline([article], neo4j_settings, driver=clean_db, database=database, extractor=extractor)
    seen = Neo4jSeenIndex(clean_db, database)
    assert (seen.has_id("p:9"), seen.has_url(article.url or ""), seen.has_hash(article.content_hash)) == (
        True, True, True,
    )  # fmt: skip
    assert (seen.has_id("p:10"), seen.has_url("https://elsewhere.example/"), seen.has_hash("0" * 64)) == (
        False, False, False,
    )  # fmt: skip


def test_ingest_command_runs_the_whole_pipeline_and_resumes(clean_db, neo4j_settings, tmp_path):
    sample = SAMPLES / "wikinews"
    files = sorted(sample.glob("*.txt"))[:2]
    runner = CliRunner()
    first = runner.invoke(cli, ["ingest", *map(str, files)], env=cli_env(neo4j_settings))
    assert first.exit_code == 0, first.output
    records, _, _ = clean_db.execute_query(
        "MATCH (a:Article) RETURN count(a) AS articles, COUNT { (:Statement) } AS statements",
        database_=neo4j_settings.neo4j_database,
    )
    assert records[0]["articles"] == 2
    assert records[0]["statements"] > 0
    second = runner.invoke(cli, ["ingest", *map(str, files)], env=cli_env(neo4j_settings))
    assert second.exit_code == 0, second.output
    again, _, _ = clean_db.execute_query("MATCH (a:Article) RETURN count(a) AS n",
                                         database_=neo4j_settings.neo4j_database)  # fmt: skip
    assert again[0]["n"] == 2
