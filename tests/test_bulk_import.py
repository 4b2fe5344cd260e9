"""Bulk import (graph/bulk_import.py, `newsgraph bulk-import`) gives the graph the transactional loader gives.

The sample corpus is extracted once with the real extractor (spaCy and the embedding model), together with the
hand-made fixture (near-duplicates, roles, relations, links, hostile text); the same pairs are loaded by
GraphLoader into the session's Neo4j and bulk-imported into a private local Neo4j, and the two graphs are
compared node by node, relationship by relationship, property type by property type, and through every curated
query. Bad input: a graph that holds data is refused with the server left running; a failed import gives the
store back and the server runs; malformed pairs are left out and reported.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from core.errors import Neo4jSetupError, NewsgraphError
from core.records import Article, Entity, Extraction, Skipped
from core.shards import ShardHeader, ShardWriter
from graph.bulk_csv import EMPTY_LISTS_KEY
from graph.bulk_import import EMPTY_LISTS_LABEL, BulkImportRefused, BulkWriter, import_local, write_import_files
from graph.connection import open_driver
from graph.export import whole_graph
from graph.loader import GraphLoader
from graph.schema import apply_schema, show_schema
from ingest.sources import read_sources
from newsgraph.cli import cli
from newsgraph.pipeline import current_extraction_version
from queries.catalog import list_queries, run_curated
from tests.graph_fixtures import cli_env, embedded_fixture_records

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture(scope="module")
def pairs(base_settings) -> list[tuple[Article, Extraction]]:
    from nlp.runtime.extract import Extractor

    articles = [item for item in read_sources([str(SAMPLES)], base_settings) if isinstance(item, Article)]
    assert len(articles) == 25
    extractions = list(Extractor(base_settings).extract(articles))
    return [*zip(articles, extractions, strict=True), *embedded_fixture_records()]


@pytest.fixture(scope="module")
def shards(pairs, base_settings, tmp_path_factory) -> Path:
    """The pairs as `newsgraph extract --out DIR/` writes them, with a failed extraction and a damaged line."""
    folder = tmp_path_factory.mktemp("shards")
    failed = Article("failed:1", "Text the extractor gave up on.", "hash-failed")
    lines = [*pairs, (failed, Extraction("failed:1", "v", error="spaCy ran out of memory"))]
    version = current_extraction_version(base_settings)
    header = ShardHeader("samples.jsonl", "/in/samples.jsonl", 1, 0.0, 1, len(lines) + 1, "0" * 64, version)
    with ShardWriter(folder / "samples.shard-000000.jsonl", header) as writer:
        for number, (article, extraction) in enumerate(lines, start=1):
            writer.write_pair(number, article, extraction)
        writer.write_error(len(lines) + 1, "line 32: not valid JSON", None)
        writer.finish()
    with (folder / "samples.shard-000000.jsonl").open("ab") as handle:
        handle.write(b'{"line": 33, "article": {"id": "cut')  # a copy cut short in the middle of a line
    return folder


@pytest.fixture(scope="module")
def loaded(pairs, driver, neo4j_settings):
    """The same pairs through the transactional loader, into the session's Neo4j."""
    database = neo4j_settings.neo4j_database
    with driver.session(database=database) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
    apply_schema(driver, database)
    summary = GraphLoader(driver, database).load(pairs)
    assert summary.loaded == len(pairs) and not summary.skipped
    return driver, database


def test_bulk_import_gives_the_graph_the_loader_gives(loaded, shards, private_server):
    settings, server = private_server
    server.start()
    result = CliRunner().invoke(cli, ["bulk-import", str(shards)], env=cli_env(settings))
    assert result.exit_code == 0, result.output
    assert "bulk import: 30 articles" in result.output
    assert "skipped (3)" in result.output
    assert "failed:1: extraction: spaCy ran out of memory" in result.output
    assert "(input line 32): no document: not valid JSON" in result.output  # as `newsgraph load` says it
    assert "damaged shard: cut in the middle of the line" in result.output
    assert server.running() is not None
    assert not (settings.data_dir / "bulk-import").exists()  # the default folder goes after a local import

    loader_driver, loader_database = loaded
    bulk_driver, bulk_database = open_driver(settings)
    try:
        _same_graph(loader_driver, loader_database, bulk_driver, bulk_database)
        _same_curated_results(loader_driver, loader_database, bulk_driver, bulk_database)
        assert _schema(bulk_driver, bulk_database) == _schema(loader_driver, loader_database)

        again = CliRunner().invoke(cli, ["bulk-import", str(shards)], env=cli_env(settings))
        assert again.exit_code == 1
        assert again.output.strip().splitlines() == [
            f"Error: the database neo4j already holds {_nodes(bulk_driver)} nodes: bulk import is for first "
            "loads; use `newsgraph load` to add articles to a graph"
        ]
    finally:
        bulk_driver.close()
    assert server.running() is not None


def test_an_import_into_a_graph_holding_data_is_refused_and_the_server_keeps_running(private_server, tmp_path):
    settings, server = private_server
    server.start()
    driver, database = open_driver(settings)
    try:
        driver.execute_query("CREATE (:Article {id: 'kept'})", database_=database)
    finally:
        driver.close()
    layout = write_import_files(embedded_fixture_records(), tmp_path / "csv")
    with pytest.raises(BulkImportRefused, match="already holds 1 nodes: bulk import is for first loads"):
        import_local(settings, layout)
    assert server.running() is not None
    driver, database = open_driver(settings)
    try:
        assert _nodes(driver) == 1
    finally:
        driver.close()


def test_a_failed_import_gives_the_store_back_and_the_server_runs(private_server, tmp_path):
    settings, server = private_server
    server.start()
    layout = write_import_files(embedded_fixture_records(), tmp_path / "csv")
    broken = next(path for path in layout.relationship_files if "MENTIONS" in path.name)
    with broken.open("a", encoding="utf-8") as handle:
        handle.write("fixture:2019-safe-city,person:nobody-imported,MENTIONS\n")  # an entity no file holds
    with pytest.raises(Neo4jSetupError, match=r"^the bulk import failed, the database is as it was: .*full log: "):
        import_local(settings, layout)
    assert server.running() is not None
    driver, database = open_driver(settings)
    try:
        assert _nodes(driver) == 0
        driver.execute_query("CREATE (:Article {id: 'after'})", database_=database)  # the store takes writes
        assert _nodes(driver) == 1
    finally:
        driver.close()


def test_malformed_pairs_are_left_out_and_reported(tmp_path):
    [(article, extraction), *_] = embedded_fixture_records()
    other = dataclasses.replace(article, id="other:1")
    bad_alias = Entity("person:x", "X", "Person", aliases=("X\x1fY",), mentions=((0, 1),))
    writer = BulkWriter(tmp_path / "csv")
    writer.add(article, extraction)
    writer.add(article, extraction)  # the same article again
    writer.add(other, extraction)  # its extraction is for another article
    writer.add(dataclasses.replace(other, id="other:2"), Extraction("other:2", "v", error="timed out"))
    writer.add(dataclasses.replace(other, id="other:3"), Extraction("other:3", "v", entities=(bad_alias,)))
    writer.add("not an article", extraction)  # type: ignore[arg-type]
    layout = writer.finish()
    assert layout.summary.loaded == 1
    reasons = [(s.item, s.reason) for s in layout.summary.skipped]
    assert reasons == [
        (article.id, "given again: a bulk import keeps the first; `newsgraph load` the later one afterwards to "
                     "replace it"),
        ("other:1", f"extraction is for another article ({article.id})"),
        ("other:2", "extraction: timed out"),
        ("other:3", "cannot go into the import files: entity 'person:x' has an alias that is not text or holds "
                    "U+001F"),
        ("'not an article'", "not an (Article, Extraction) pair"),
    ]  # fmt: skip
    written = "".join(path.read_text(encoding="utf-8") for path in layout.node_files + layout.relationship_files)
    assert "other:" not in written and "person:x" not in written
    assert all(isinstance(s, Skipped) for s in layout.summary.skipped)


def test_worker_processes_write_the_files_one_process_writes(tmp_path):
    import datetime as dt

    records = embedded_fixture_records()
    items = [*records, Skipped("shard:9", "no document: empty line"), records[0]]
    at = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    layouts = []
    for processes in (1, 2):
        writer = BulkWriter(tmp_path / f"csv{processes}", imported_at=at)
        writer.add_all(items, processes)
        layouts.append(writer.finish())
    one, two = layouts
    assert [p.name for p in one.node_files + one.relationship_files] == [
        p.name for p in two.node_files + two.relationship_files
    ]
    for path in one.node_files + one.relationship_files:
        assert path.read_bytes() == (two.folder / path.name).read_bytes(), path.name
    assert [s.item for s in two.summary.skipped] == ["shard:9", records[0][0].id]
    assert two.summary.loaded == len(records)


class _KillsItsProcess:
    """Unpickled in a worker process, it ends that process at once, as the kernel's out-of-memory killer would."""

    def __reduce__(self) -> tuple[Any, tuple[int]]:
        return os._exit, (9,)


def test_a_worker_process_that_dies_ends_the_run_with_an_error(tmp_path):
    records = embedded_fixture_records()
    writer = BulkWriter(tmp_path / "csv")
    with pytest.raises(NewsgraphError, match="stopped unexpectedly"):
        writer.add_all([*records[:3], _KillsItsProcess(), *records[3:]], 2)  # type: ignore[list-item]


def test_a_remote_server_gets_the_command_to_run(shards, base_settings, tmp_path):
    env = cli_env(base_settings) | {"NEO4J_URI": "bolt://graph.example:7687", "NEO4J_DATABASE": "news"}
    result = CliRunner().invoke(cli, ["bulk-import", str(shards), "--csv", str(tmp_path / "csv")], env=env)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"# The import files are in {tmp_path / 'csv'}; copy that folder to the server."
    command = [line for line in lines if not line.startswith("#") and not line.startswith("  skipped")]
    assert command[0] == "neo4j-admin \\"
    assert "  database \\" in command and "  news \\" in command
    assert "  --overwrite-destination=true \\" in command
    assert any(line.startswith("  --nodes=nodes_Entity.part") for line in command)
    for line in command[1:]:
        if line.strip().startswith(("--nodes=", "--relationships=")):
            assert (tmp_path / "csv" / line.split("=", 1)[1].rstrip(" \\")).is_file()
    assert "run `newsgraph bulk-import --finish` against it" in result.output
    assert (tmp_path / "csv" / "import-command.txt").is_file()
    refused = CliRunner().invoke(cli, ["bulk-import", str(shards), "--csv", str(tmp_path / "csv")], env=env)
    assert refused.exit_code == 1
    assert "is not empty: give an empty one" in refused.output


def test_shards_of_another_extraction_version_are_refused_unless_allowed(shards, base_settings, tmp_path):
    stale = tmp_path / "stale"
    shutil.copytree(shards, stale)
    shard = next(stale.glob("*.jsonl"))
    header, rest = shard.read_text(encoding="utf-8").split("\n", 1)
    fields = json.loads(header)
    fields["extractor_version"] = "newsgraph-nlp/0.0.1 an older extraction"
    shard.write_text(json.dumps(fields) + "\n" + rest, encoding="utf-8")
    env = cli_env(base_settings) | {"NEO4J_URI": "bolt://graph.example:7687"}
    refused = CliRunner().invoke(cli, ["bulk-import", str(stale), "--csv", str(tmp_path / "csv")], env=env)
    assert refused.exit_code == 1
    assert "were extracted by 'newsgraph-nlp/0.0.1 an older extraction', not the current" in refused.output
    assert "--allow-stale" in refused.output and not (tmp_path / "csv").exists()
    allowed = CliRunner().invoke(
        cli, ["bulk-import", str(stale), "--csv", str(tmp_path / "csv"), "--allow-stale"], env=env
    )
    assert allowed.exit_code == 0, allowed.output
    assert (tmp_path / "csv" / "import-command.txt").is_file()


# -- comparing two graphs -------------------------------------------------------------------------------


def _nodes(driver) -> int:
    return driver.execute_query("MATCH (n) RETURN count(n) AS n", database_="neo4j").records[0]["n"]


def _schema(driver, database) -> list[tuple[str, str, str, str]]:
    return sorted((i.kind, i.name, i.entity, i.properties) for i in show_schema(driver, database))


def _same_graph(loader_driver, loader_database, bulk_driver, bulk_database) -> None:
    expected, actual = whole_graph(loader_driver, loader_database), whole_graph(bulk_driver, bulk_database)
    assert Counter(n.labels for n in actual.nodes) == Counter(n.labels for n in expected.nodes)
    assert Counter(r.type for r in actual.relationships) == Counter(r.type for r in expected.relationships)
    assert {n.uid: _without_load_time(n.properties) for n in actual.nodes} == {
        n.uid: _without_load_time(n.properties) for n in expected.nodes
    }
    assert {n.uid: n.labels for n in actual.nodes} == {n.uid: n.labels for n in expected.nodes}
    assert sorted(map(_relationship_key, actual.relationships)) == sorted(
        map(_relationship_key, expected.relationships)
    )
    for query in (_PROPERTY_TYPES, _RELATIONSHIP_PROPERTY_TYPES, _EMBEDDINGS):
        assert _rows(bulk_driver, bulk_database, query) == _rows(loader_driver, loader_database, query)
    marks = f"MATCH (n:{EMPTY_LISTS_LABEL}) RETURN count(n) AS n UNION ALL MATCH ()-[r]->() "
    marks += f"WHERE r.{EMPTY_LISTS_KEY} IS NOT NULL RETURN count(r) AS n"
    assert [r["n"] for r in bulk_driver.execute_query(marks, database_=bulk_database).records] == [0, 0]


def _without_load_time(properties: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in properties.items() if k != "loaded_at"}


def _relationship_key(r: Any) -> str:
    return json.dumps([r.type, r.start_group, r.start, r.end_group, r.end, r.properties], sort_keys=True)


# Property types as Cypher sees them (the export turns dates into text), and the embeddings it leaves out.
_PROPERTY_TYPES = """
MATCH (n) UNWIND keys(n) AS key
RETURN labels(n) AS labels, coalesce(n.id, n.name) AS id, key, valueType(n[key]) AS type
ORDER BY id, key
"""
_RELATIONSHIP_PROPERTY_TYPES = """
MATCH (a)-[r]->(b) UNWIND keys(r) AS key
RETURN type(r) AS type, key, valueType(r[key]) AS value_type, count(*) AS count
ORDER BY type, key, value_type
"""
_EMBEDDINGS = "MATCH (s:Statement) RETURN s.id AS id, s.embedding AS embedding ORDER BY id"


def _rows(driver, database, query: str) -> list[dict[str, Any]]:
    return [record.data() for record in driver.execute_query(query, database_=database).records]


def _same_curated_results(loader_driver, loader_database, bulk_driver, bulk_database) -> None:
    values = _parameters(loader_driver, loader_database)
    for query in list_queries():
        missing = [p.name for p in query.params if p.required and p.name not in values]
        assert not missing, f"{query.name}: no test value for {missing}"
        given = {p.name: values[p.name] for p in query.params if p.required}
        expected = run_curated(loader_driver, loader_database, query.name, given, row_limit=5000).rows()
        actual = run_curated(bulk_driver, bulk_database, query.name, given, row_limit=5000).rows()
        if query.name == "semantic-search":
            _same_nearest(actual, expected)
        else:
            assert _sorted(actual) == _sorted(expected), query.name


def _same_nearest(actual: list[dict[str, Any]], expected: list[dict[str, Any]]) -> None:
    """The vector index is approximate (HNSW): two indexes of the same vectors, one filled as the loader went and
    one at once, may each miss a different near statement. Both give as many, mostly the same, and a statement
    both give comes with the same row and nearly the same score."""
    assert expected and len(actual) == len(expected)
    mine = {row["statement_id"]: row for row in actual}
    theirs = {row["statement_id"]: row for row in expected}
    shared = mine.keys() & theirs.keys()
    assert len(shared) >= 0.8 * len(theirs), (sorted(mine), sorted(theirs))
    for key in shared:
        # Scores too are approximate: the index quantizes the vectors of each of its segments on their own range.
        assert abs(mine[key]["score"] - theirs[key]["score"]) <= 0.01, key
        assert {**mine[key], "score": None} == {**theirs[key], "score": None}, key


def _sorted(rows: list[dict[str, Any]]) -> list[str]:
    """Rows as text in one order, and the lists inside them too: rows that tie under a query's ORDER BY, and lists
    a query collects without ordering them (an article's mentions), come in the order of the store's records."""
    return sorted(json.dumps(_canonical(row), sort_keys=True, default=str) for row in rows)


def _canonical(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _canonical(item) for key, item in value.items()}
    if isinstance(value, list):
        return sorted((_canonical(item) for item in value), key=lambda item: json.dumps(item, default=str))
    return value


def _parameters(driver, database) -> dict[str, Any]:
    """A value for every required parameter of the curated queries, drawn from the graph: its busiest nodes."""

    def first(query: str, **parameters: Any) -> Any:
        records = driver.execute_query(query, parameters, database_=database).records
        return records[0][0] if records else "none"

    entities = [r["id"] for r in driver.execute_query(
        "MATCH (e:Entity)<-[m:MENTIONS]-() WITH e, count(m) AS c RETURN e.id AS id ORDER BY c DESC, id LIMIT 3",
        database_=database).records]  # fmt: skip
    busiest = "MATCH (e:{label})<-[m:MENTIONS]-() WITH e, count(m) AS c RETURN e.id ORDER BY c DESC, e.id LIMIT 1"
    speaker = first("MATCH (e:Entity)-[s:SAID]->() WITH e, count(s) AS c RETURN e.id ORDER BY c DESC, e.id LIMIT 1")
    quote = first("MATCH (s:Statement) RETURN s.text ORDER BY s.id LIMIT 1")
    relation = driver.execute_query(
        "MATCH (a:Entity)-[r:SUPPLIES|PROPOSES|SUPPORTS|OPPOSES]->(b:Entity) RETURN a.id AS a, b.id AS b "
        "ORDER BY a, b LIMIT 1", database_=database).records[0]  # fmt: skip
    return {
        "entity_id": entities[0], "a_id": entities[0], "b_id": entities[1], "entity_ids": ",".join(entities),
        "person_id": speaker, "org_id": first(busiest.format(label="Organization")),
        "article_id": first("MATCH (a:Article)<-[:REPORTED_IN]-(s) WITH a, count(s) AS c "
                            "RETURN a.id ORDER BY c DESC, a.id"),
        "q": first("MATCH (e:Entity {id: $id}) RETURN e.name", id=entities[0]), "quote": quote,
        "topic": first("MATCH (s:Statement) RETURN s.embedding ORDER BY s.id LIMIT 1"),
        "event": first(busiest.format(label="Event")), "law": first(busiest.format(label="Law")),
        "from_id": relation["a"], "to_id": relation["b"],
    }  # fmt: skip


def test_facts_left_out_of_the_import_files_are_reported(base_settings, tmp_path):
    """The rows' checks leave out a fact that cannot go into the graph, for a bulk import as for a load; a load
    lists them as `facts dropped`, a bulk import left them out without a word."""
    [(article, extraction), *_] = embedded_fixture_records()
    undated = dataclasses.replace(article, published="not a date")
    folder = tmp_path / "shards"
    folder.mkdir()
    header = ShardHeader("a.jsonl", "/in/a.jsonl", 1, 0.0, 1, 1, "0" * 64, current_extraction_version(base_settings))
    with ShardWriter(folder / "a.shard-000000.jsonl", header) as writer:
        writer.write_pair(1, undated, extraction)
        writer.finish()
    env = cli_env(base_settings) | {"NEO4J_URI": "bolt://graph.example:7687"}
    result = CliRunner().invoke(cli, ["bulk-import", str(folder), "--csv", str(tmp_path / "csv")], env=env)
    assert result.exit_code == 0, result.output
    assert "bulk import: 1 articles" in result.output
    assert "  facts dropped (1): published 'not a date' is not an ISO date; not stored" in result.output
