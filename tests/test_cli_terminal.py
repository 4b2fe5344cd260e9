"""Text from input or the graph never reaches the terminal raw: escapes cannot rewrite the user's screen.

File names, URLs, titles and query results may hold ESC sequences (``\\x1b]0;title\\a``, ``\\x1b[2J``), other
control characters or bidi overrides; the CLI shows them as visible escapes. JSON and CSV output stay exact.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli, shown
from tests.graph_fixtures import cli_env

HOSTILE_NAME = "\x1b]0;pwned\x07\x1b[2J"
UNSAFE = ("\x1b", "\x07", "\x9b", "\x7f", "\u202e", "\u2066")


def _safe(output: str) -> None:
    for char in UNSAFE:
        assert char not in output, f"{char!r} reached the terminal: {output!r}"


def test_shown_escapes_control_characters_and_bidi_overrides():
    assert shown("a\x1b[31mb\x07c\x00d\x7fe\x9bf") == "a\\x1b[31mb\\x07c\\x00d\\x7fe\\x9bf"
    assert shown("x\u202eevil\u202cy\u2066z\u2069") == "x\\u202eevil\\u202cy\\u2066z\\u2069"
    assert shown("one\ntwo\r\tthree") == "one\\ntwo\\r\\tthree"
    assert shown("two\nlines\x1b", multiline=True) == "two\nlines\\x1b"
    assert shown("Nebojša Stefanović – “quoted” 名前 ‎") == "Nebojša Stefanović – “quoted” 名前 ‎"
    assert shown(Path("/tmp/a\x1bb")) == "/tmp/a\\x1bb"


def test_a_file_name_with_escapes_is_shown_escaped_in_the_ingest_summary(tmp_path):
    hostile = tmp_path / f"{HOSTILE_NAME}.txt"
    hostile.write_text("")  # empty: skipped, so the summary names it as an example
    report = tmp_path / f"report{HOSTILE_NAME}.json"
    result = CliRunner().invoke(
        cli,
        ["ingest", "--no-graph", "--out", str(tmp_path / "out.jsonl"), "--report", str(report), str(hostile)],
        env={"NEWSGRAPH_DATA_DIR": str(tmp_path / "data"), "NEWSGRAPH_CONFIG": ""},
    )
    assert result.exit_code == 0, result.output
    _safe(result.output)
    assert f"(e.g. {tmp_path}/\\x1b]0;pwned\\x07\\x1b[2J.txt)" in result.output
    assert "report: " in result.output and "report\\x1b]0;pwned" in result.output
    saved = json.loads(report.read_text())  # the report is data: it keeps the name exactly
    assert saved["skipped_items"][0]["item"] == str(hostile)


def test_a_one_line_error_quoting_a_hostile_name_is_shown_escaped(tmp_path):
    not_a_folder = tmp_path / f"dir{HOSTILE_NAME}"
    not_a_folder.write_text("")
    result = CliRunner().invoke(
        cli,
        ["ingest", "--report", str(not_a_folder / "report.json"), "x.txt"],
        env={"NEWSGRAPH_DATA_DIR": str(tmp_path / "data"), "NEWSGRAPH_CONFIG": ""},
    )
    assert result.exit_code == 1
    _safe(result.output)
    assert "cannot write the report" in result.output and "dir\\x1b]0;pwned" in result.output


def test_a_usage_error_quoting_a_hostile_file_name_is_shown_escaped(tmp_path):
    same = tmp_path / f"in{HOSTILE_NAME}.jsonl"
    same.write_text('{"id": "a", "text": "Words."}\n')
    result = CliRunner().invoke(cli, ["extract", "--in", str(same), "--out", str(same)])
    assert result.exit_code == 2
    _safe(result.output)
    assert "in\\x1b]0;pwned\\x07\\x1b[2J.jsonl is the input file" in result.output


@pytest.mark.neo4j
@pytest.mark.slow
def test_hostile_names_and_titles_go_through_ingest_and_query_escaped(tmp_path, clean_db, neo4j_settings):
    env = cli_env(neo4j_settings) | {"NEO4J_DATABASE": neo4j_settings.neo4j_database}
    article = tmp_path / f"article{HOSTILE_NAME}.txt"
    article.write_text(
        "Title: Minister \u202eyas ot gnihton\u202c [31mred\n\nThe minister said on Monday that the new road "
        "would open in May. Critics said the plan was too expensive for the town.\n"
    )
    empty = tmp_path / f"empty{HOSTILE_NAME}.txt"
    empty.write_text("")
    runner = CliRunner()
    ingest = runner.invoke(cli, ["ingest", str(article), str(empty)], env=env)
    assert ingest.exit_code == 0, ingest.output
    _safe(ingest.output)
    assert "loaded 1" in ingest.output and "empty\\x1b]0;pwned" in ingest.output
    # a graph written by another tool may hold any title
    clean_db.execute_query(
        "CREATE (:Article {id: 'hostile', title: $title, origin: $origin})",
        title="Red \x1b[31malert\x1b[0m\x9b2J",
        origin="x\x1b]8;;http://evil.example\x07link",
        database_=neo4j_settings.neo4j_database,
    )
    statement = "MATCH (a:Article) RETURN a.title AS title, a.origin AS origin ORDER BY a.id"
    table = runner.invoke(cli, ["cypher", statement], env=env)
    assert table.exit_code == 0, table.output
    _safe(table.output)
    assert "Red \\x1b[31malert\\x1b[0m\\x9b2J" in table.output
    assert "Minister \\u202eyas ot gnihton\\u202c [31mred" in table.output
    origin = runner.invoke(
        cli, ["cypher", "MATCH (a:Article) WHERE a.id <> 'hostile' RETURN split(a.origin, '/')[-1] AS o"], env=env
    )
    _safe(origin.output)
    assert "article\\x1b]0;pwned\\x07\\x1b[2J.txt" in origin.output
    named = runner.invoke(cli, ["cypher", f"RETURN 1 AS `col{HOSTILE_NAME}`"], env=env)
    assert named.exit_code == 0, named.output
    _safe(named.output)
    as_csv = runner.invoke(cli, ["cypher", statement, "--format", "csv"], env=env)
    rows = list(csv.DictReader(io.StringIO(as_csv.output)))  # data formats stay exact
    assert "Red \x1b[31malert\x1b[0m\x9b2J" in [row["title"] for row in rows]
    assert str(article) in [row["origin"] for row in rows]
    as_json = runner.invoke(cli, ["cypher", statement, "--format", "json"], env=env)
    assert "Red \x1b[31malert\x1b[0m\x9b2J" in [row["title"] for row in json.loads(as_json.output)]


def test_log_lines_quoting_a_hostile_name_are_shown_escaped(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Title: T\n\nThe minister said on Monday that the new road would open in May.\n")
    out = tmp_path / f"out{HOSTILE_NAME}.jsonl"
    out.write_text("not an article record\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "NEWSGRAPH_"))}
    env |= {"NEWSGRAPH_DATA_DIR": str(tmp_path / "data")}
    command = [str(Path(sys.executable).parent / "newsgraph"), "-vv", "ingest", "--no-graph", "--append"]
    run = subprocess.run([*command, "--out", str(out), str(article)], env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "DEBUG ingest.dedup: " in run.stderr, "the reader's own line is logged"
    _safe(run.stdout + run.stderr)
    assert "out\\x1b]0;pwned\\x07\\x1b[2J.jsonl:1 is not an article record" in run.stderr


def test_config_shows_a_hostile_setting_value_escaped(tmp_path):
    env = {"NEWSGRAPH_USER_AGENT": "bot\x1b]0;pwned\x07\x1b[2J", "NEWSGRAPH_DATA_DIR": str(tmp_path)}
    result = CliRunner().invoke(cli, ["config"], env=env)
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "bot\\x1b]0;pwned\\x07\\x1b[2J" in result.output
