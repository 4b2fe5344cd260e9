"""`newsgraph load DIR`: shards of extracted articles into the real Neo4j, and what goes wrong on the way."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from core.shards import ShardHeader, ShardPair, ShardWriter, read_shards, shard_name
from graph.connection import open_driver
from newsgraph.cli import cli
from newsgraph.pipeline import extraction_version
from newsgraph.shard_extract import Input, extract_to_shards
from tests.graph_fixtures import cli_env
from tests.graph_synthetic import SyntheticCorpus
from tests.nlp_fixtures import *  # noqa: F403

GOLD_DOCS = Path(__file__).resolve().parent / "data" / "gold" / "docs.jsonl"
COUNTS = "MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS relationships"


@pytest.fixture(scope="module")
def shards(tmp_path_factory, extractor, nlp_settings) -> Path:
    """Three gold documents and two lines that are none, in shards of two input lines (three shards)."""
    folder = tmp_path_factory.mktemp("shards")
    lines = GOLD_DOCS.read_text(encoding="utf-8").splitlines()[:3]
    lines[1:1] = ["{not json", ""]
    source = folder / "docs.jsonl"
    source.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    out = folder / "out"
    version = extraction_version(extractor, nlp_settings)
    extract_to_shards([Input(source.name, source)], out, extractor, version, nlp_settings, 2)
    return out


def _copy(shards: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "shards"
    shutil.copytree(shards, copy)
    return copy


def _load(settings, *arguments: str):
    return CliRunner().invoke(cli, ["load", *arguments], env=cli_env(settings))


def _counts(driver, database: str) -> dict[str, int]:
    return dict(driver.execute_query(COUNTS, database_=database).records[0])


def _articles(driver, database: str) -> list[str]:
    records = driver.execute_query("MATCH (a:Article) RETURN a.id AS id ORDER BY id", database_=database).records
    return [r["id"] for r in records]


def test_load_stores_every_pair_and_a_rerun_changes_nothing(clean_db, neo4j_settings, shards) -> None:
    database = neo4j_settings.neo4j_database
    first = _load(neo4j_settings, str(shards), "--no-progress")
    assert first.exit_code == 0, first.output
    pairs = [i for i in read_shards(shards) if isinstance(i, ShardPair)]
    statements = sum(len(p.extraction.statements) for p in pairs)
    assert "load: 3 shards, 5 input lines from" in first.output
    assert f"graph: 3 loaded, 0 replaced, 0 unchanged, 2 skipped; {statements} statements" in first.output
    assert "no document: not valid JSON" in first.output and "no document: empty line" in first.output
    assert _articles(clean_db, database) == sorted(p.article.id for p in pairs)
    stored = clean_db.execute_query(
        "MATCH (s:Statement)-[:REPORTED_IN]->(a:Article {id: $id}) RETURN s.start AS start, s.embedding AS embedding",
        id=pairs[0].article.id,
        database_=database,
    ).records
    expected = {s.start: list(s.embedding or ()) for s in pairs[0].extraction.statements}
    assert stored and {r["start"]: r["embedding"] for r in stored} == expected, "the shard's embeddings, exactly"
    counts = _counts(clean_db, database)

    again = _load(neo4j_settings, str(shards), "--no-progress")
    assert again.exit_code == 0, again.output
    assert "graph: 0 loaded, 0 replaced, 3 unchanged, 2 skipped" in again.output
    assert _counts(clean_db, database) == counts


def test_parallel_writers_make_the_same_graph(clean_db, neo4j_settings, shards) -> None:
    database = neo4j_settings.neo4j_database
    assert _load(neo4j_settings, str(shards), "--batch-size", "1", "--no-progress").exit_code == 0
    alone = _counts(clean_db, database)
    clean_db.execute_query("MATCH (n) DETACH DELETE n", database_=database)
    result = _load(neo4j_settings, str(shards), "--batch-size", "1", "--writers", "3", "--no-progress")
    assert result.exit_code == 0, result.output
    assert "graph: 3 loaded, 0 replaced, 0 unchanged, 2 skipped" in result.output
    assert _counts(clean_db, database) == alone


def test_a_shard_cut_mid_line_loads_its_complete_lines_and_names_the_cut_one(
    clean_db, neo4j_settings, shards, tmp_path
) -> None:
    copy = _copy(shards, tmp_path)
    cut = copy / shard_name("docs.jsonl", 1)  # lines 3 (no document) and 4 (an article)
    data = cut.read_bytes()
    cut.write_bytes(data[: len(data) - len(data.splitlines()[-1]) // 2 - 1])
    result = _load(neo4j_settings, str(copy), "--no-progress", "--strict")
    assert result.exit_code == 2, result.output
    assert "graph: 2 loaded, 0 replaced, 0 unchanged, 3 skipped" in result.output
    assert "damaged shard: cut in the middle of the line (the file ends without a newline)" in result.output
    whole = [i.article.id for i in read_shards(shards) if isinstance(i, ShardPair)]
    assert _articles(clean_db, neo4j_settings.neo4j_database) == sorted([whole[0], whole[2]])


def test_a_cut_shard_is_named_with_its_line_in_the_report(neo4j_settings, shards, tmp_path) -> None:
    from core.records import Skipped
    from newsgraph.shard_input import shard_items

    copy = _copy(shards, tmp_path)
    cut = copy / shard_name("docs.jsonl", 1)
    data = cut.read_bytes()
    cut.write_bytes(data[:-40])
    skipped = [i for i in shard_items(sorted(copy.glob("*.jsonl"))) if isinstance(i, Skipped)]
    assert any(s.item == f"{cut}:3" and "cut in the middle" in s.reason for s in skipped), skipped


def test_shards_of_another_extraction_version_are_refused_unless_allowed(
    clean_db, neo4j_settings, shards, tmp_path
) -> None:
    copy = _copy(shards, tmp_path)
    old = copy / shard_name("docs.jsonl", 2)
    header, rest = old.read_bytes().split(b"\n", 1)
    data = json.loads(header) | {"extractor_version": "newsgraph-nlp/0.1.0 old"}
    old.write_bytes(json.dumps(data).encode() + b"\n" + rest)
    refused = _load(neo4j_settings, str(copy), "--no-progress")
    assert refused.exit_code == 1, refused.output
    [error] = [line for line in refused.output.splitlines() if line.startswith("Error:")]
    assert "1 of 3 shards" in error and "'newsgraph-nlp/0.1.0 old'" in error and "--allow-stale" in error
    assert _articles(clean_db, neo4j_settings.neo4j_database) == [], "nothing loaded"
    allowed = _load(neo4j_settings, str(copy), "--no-progress", "--allow-stale")
    assert allowed.exit_code == 0, allowed.output
    assert len(_articles(clean_db, neo4j_settings.neo4j_database)) == 3


def test_a_folder_without_shards_is_one_line(neo4j_settings, tmp_path) -> None:
    empty = _load(neo4j_settings, str(tmp_path))
    assert empty.exit_code == 1 and f"Error: {tmp_path} is empty: no shards to load" in empty.output
    (tmp_path / "results.jsonl").write_text("{}\n")
    (tmp_path / "notes.txt").write_text("x")
    other = _load(neo4j_settings, str(tmp_path))
    assert other.exit_code == 1 and "holds no shards (files named NAME.shard-NNNNNN.jsonl) but 2 other" in other.output
    assert len(other.output.strip().splitlines()) == 1
    missing = _load(neo4j_settings, str(tmp_path / "nowhere"))
    assert missing.exit_code == 2 and "does not exist" in missing.output


def _synthetic_shards(folder: Path, articles: int, per_shard: int) -> Path:
    pairs = list(SyntheticCorpus(articles, seed=5).records())
    for index in range(0, articles, per_shard):
        chunk = pairs[index : index + per_shard]
        header = ShardHeader("synthetic.jsonl", "/synthetic.jsonl", 0, 0.0, index + 1, index + len(chunk), "0" * 64,
                             "synthetic-1")  # fmt: skip
        with ShardWriter(folder / shard_name("synthetic.jsonl", index // per_shard), header) as writer:
            for number, (article, extraction) in enumerate(chunk, start=index + 1):
                writer.write_pair(number, article, extraction)
            writer.finish()
    return folder


def _load_process(settings, folder: Path) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "NEWSGRAPH_"))}
    env |= {"NEWSGRAPH_DATA_DIR": str(settings.data_dir), "NEWSGRAPH_LOAD_BATCH_SIZE": "2"}
    command = [str(Path(sys.executable).parent / "newsgraph"), "load", str(folder), "--allow-stale", "--no-progress"]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_neo4j_dying_mid_load_ends_in_one_line_and_a_rerun_finishes_without_duplicates(
    private_server, tmp_path
) -> None:
    settings, server = private_server
    info = server.start()
    folder = _synthetic_shards(tmp_path / "shards", 400, 50)
    driver, database = open_driver(settings)
    with driver:
        load = _load_process(settings, folder)
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline and load.poll() is None and len(_articles(driver, database)) < 20:
            time.sleep(0.2)
    assert load.poll() is None, "the load finished before Neo4j could be killed"
    os.kill(info.pid, signal.SIGKILL)
    stdout, stderr = load.communicate(timeout=300)
    assert load.returncode == 1, stderr[-3000:]
    assert "Traceback" not in stderr, stderr[-3000:]
    errors = [line for line in stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, stderr[-3000:]
    assert f"Neo4j at {info.uri}" in errors[0] and "run the same load again" in errors[0]
    loaded_before = int(re.search(r"the (\d+) articles loaded before", errors[0]).group(1))  # type: ignore[union-attr]

    server.start()  # recovers the store
    rerun = _load_process(settings, folder)
    stdout, stderr = rerun.communicate(timeout=900)
    assert rerun.returncode == 0, stderr[-3000:]
    unchanged = int(re.search(r"graph: (\d+) loaded, 0 replaced, (\d+) unchanged", stdout).group(2))  # type: ignore[union-attr]
    assert unchanged >= loaded_before
    driver, database = open_driver(settings)
    with driver:
        assert len(_articles(driver, database)) == 400
        duplicates = driver.execute_query(
            "MATCH (n) WHERE n.id IS NOT NULL WITH labels(n) AS labels, n.id AS id, count(*) AS copies "
            "WHERE copies > 1 RETURN count(*) AS duplicated",
            database_=database,
        ).records[0]["duplicated"]
        assert duplicates == 0
        counts = _counts(driver, database)
        third = _load_process(settings, folder)
        stdout, stderr = third.communicate(timeout=900)
        assert third.returncode == 0 and "graph: 0 loaded, 0 replaced, 400 unchanged" in stdout, stderr[-2000:]
        assert _counts(driver, database) == counts
