"""`newsgraph query`, `cypher`, `export` and `schema` through click, against the fixture graph."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.loader import clear_graph
from newsgraph.cli import cli
from tests.endless_input import EndlessInput
from tests.graph_fixtures import FIXTURE, cli_env, load_fixture_graph

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def graph(driver, neo4j_settings):
    clear_graph(driver, neo4j_settings.neo4j_database)
    load_fixture_graph(driver, neo4j_settings.neo4j_database)
    return driver


@pytest.fixture
def newsgraph(graph, neo4j_settings):
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, list(args), env=cli_env(neo4j_settings))

    return invoke


def _count(driver, settings) -> int:
    records, _, _ = driver.execute_query("MATCH (n) RETURN count(n) AS n", database_=settings.neo4j_database)
    return int(records[0]["n"])


def test_query_list_shows_every_query_with_parameters(newsgraph):
    result = newsgraph("query", "--list")
    assert result.exit_code == 0
    assert "person-statements\n" in result.output
    assert "params: person_id: string, about_id: string = null, from: date = null" in result.output


def test_query_formats(newsgraph):
    as_json = newsgraph("query", "person-roles", "-p", f"person_id={FIXTURE.stefanovic}", "--format", "json")
    assert as_json.exit_code == 0, as_json.output
    assert [r["title"] for r in json.loads(as_json.output)] == ["Interior Minister", "Defence Minister"]
    as_csv = newsgraph("query", "top-speakers", "-p", "limit=2", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.output)))
    assert [(r["speaker"], r["statements"]) for r in rows] == [("Andrej Petrovski", "4"), ("Nebojša Stefanović", "4")]
    table = newsgraph("query", "top-speakers", "-p", "limit=1")
    lines = table.output.strip().splitlines()
    assert lines[0].split() == ["speaker_id", "speaker", "type", "statements", "articles", "first", "last"]
    assert lines[1].split()[:4] == ["person:andrej-petrovski", "Andrej", "Petrovski", "Person"]


def test_row_limit_is_reported(newsgraph):
    result = newsgraph("query", "top-speakers", "--limit", "1", "--format", "json")
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) == 1
    assert "only the first 1 rows" in result.stderr


def test_unknown_query_is_one_clear_line(newsgraph):
    result = newsgraph("query", "person-statement")
    assert result.exit_code == 1
    assert result.output.startswith("Error: unknown query 'person-statement'; did you mean person-statements")
    assert result.output.count("\n") == 1
    unknown = newsgraph("query", "zzz")
    assert unknown.output == "Error: unknown query 'zzz'; `newsgraph query --list` shows them all\n"


def test_a_parameter_given_twice_is_refused(newsgraph):
    twice = newsgraph("query", "statements", "-p", "min_confidence=0.5", "-p", "min_confidence=0.9")
    assert (twice.exit_code, twice.output) == (1, "Error: parameter 'min_confidence' is given twice: give each once\n")
    raw = newsgraph("cypher", "RETURN $n AS n", "-p", "n=1", "-p", "n=2")
    assert (raw.exit_code, raw.output) == (1, "Error: parameter 'n' is given twice: give each once\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "--entity", "", "--out", "x.graphml"], "Invalid value for '--entity': is empty; give an id"),
        (["export", "--entity", "person:\udcff", "--out", "x.graphml"], "person:\\udcff is not UTF-8 text"),
        (["reextract", "--article", "\udcff"], "Invalid value for '--article': \\udcff is not UTF-8 text"),
    ],
)
def test_an_empty_or_undecodable_id_is_a_usage_error(newsgraph, args, message):
    """The shell passes any bytes: an id that is not UTF-8 is refused before the graph is touched (the whole graph
    was exported for an empty --entity)."""
    result = newsgraph(*args)
    assert result.exit_code == 2
    assert message in result.output


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full, a device that is always full")
def test_an_export_that_fails_while_writing_names_its_file(newsgraph):
    result = newsgraph("export", "--format", "json", "--out", "/dev/full")
    assert result.exit_code == 1
    assert result.output == "Error: cannot write /dev/full: No space left on device\n"


def test_wrong_parameter_type_is_one_clear_line(newsgraph):
    result = newsgraph("query", "person-statements", "-p", f"person_id={FIXTURE.petrovski}", "-p", "from=last year")
    assert result.exit_code == 1
    assert result.output == (
        "Error: parameter from of person-statements: expected a date YYYY-MM-DD, got 'last year'\n"
    )
    number = newsgraph("query", "top-speakers", "-p", "limit=ten")
    assert number.output == "Error: parameter limit of top-speakers: expected a whole number, got 'ten'\n"
    missing = newsgraph("query", "person-roles")
    assert missing.output == "Error: query person-roles needs parameter person_id (string): add -p person_id=…\n"
    malformed = newsgraph("query", "person-roles", "-p", "person_id")
    assert malformed.output == "Error: parameter 'person_id' is not KEY=VALUE\n"


def test_a_negative_search_limit_is_one_clear_line_without_java_in_it(newsgraph):
    result = newsgraph("query", "search-entities", "-p", "q=Petrovski", "-p", "limit=-1")
    assert result.exit_code == 1
    assert result.output == "Error: a limit must be 0 or more\n"


def test_wrong_value_type_inside_cypher_is_one_clear_line(newsgraph):
    result = newsgraph("cypher", "RETURN date($d) AS d", "-p", "d=5")
    assert result.exit_code == 1
    assert result.output.startswith("Error: ")
    assert result.output.count("\n") == 1


def test_cypher_syntax_error_is_one_clear_line(newsgraph):
    result = newsgraph("cypher", "MATCH (n RETURN n")
    assert result.exit_code == 1
    assert result.output.startswith("Error: Cypher syntax error: Invalid input 'RETURN'")
    assert result.output.count("\n") == 1


@pytest.mark.parametrize(
    "statement",
    [
        "CREATE (:Intruder {name: 'x'})",
        "MATCH (a:Article) SET a.title = 'defaced'",
        "MATCH (n) DETACH DELETE n",
        "MERGE (s:Source {name: 'fake'}) RETURN s",
        "CALL db.createLabel('Intruder')",
        "CREATE INDEX intruder IF NOT EXISTS FOR (n:Intruder) ON (n.name)",
        "MATCH (a:Article) CALL (a) { SET a.title = 'x' } IN TRANSACTIONS RETURN 1",
    ],
)
def test_cypher_refuses_writes_and_writes_nothing(newsgraph, graph, neo4j_settings, statement):
    before = _count(graph, neo4j_settings)
    result = newsgraph("cypher", statement)
    assert result.exit_code == 1
    assert result.output == "Error: refused: this query would write to the graph, and only read queries may run here\n"
    assert _count(graph, neo4j_settings) == before
    titles, _, _ = graph.execute_query("MATCH (a:Article {title: 'defaced'}) RETURN count(a) AS n",
                                       database_=neo4j_settings.neo4j_database)  # fmt: skip
    assert titles[0]["n"] == 0


def test_cypher_refuses_load_csv(newsgraph):
    result = newsgraph("cypher", "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line")
    assert result.exit_code == 1
    assert "LOAD CSV" in result.output


def test_cypher_from_binary_input_is_refused_in_one_line(graph, neo4j_settings):
    junk = bytes(range(128, 256)) * 20 + b"\x00\xff MATCH (n) DETACH DELETE n"
    result = CliRunner().invoke(cli, ["cypher", "-"], input=junk, env=cli_env(neo4j_settings))
    assert result.exit_code == 1
    assert result.output.strip() == "Error: the Cypher statement is not UTF-8 text (binary input?)"


def test_cypher_too_long_for_the_parser_is_refused_at_once(graph, neo4j_settings):
    statement = "RETURN " + "+".join(["1"] * 20_000)  # overflows Neo4j's parser, which then never answers
    started = time.monotonic()
    result = CliRunner().invoke(cli, ["cypher", "-"], input=statement, env=cli_env(neo4j_settings))
    assert result.exit_code == 1 and time.monotonic() - started < 10
    assert result.output.startswith("Error: the statement is 40,006 characters long, more than 20,000")
    assert len(result.output.strip().splitlines()) == 1


def test_cypher_from_endless_input_is_refused_without_reading_it_all(graph, neo4j_settings):
    result = CliRunner().invoke(cli, ["cypher", "-"], input=io.BufferedReader(EndlessInput()),
                                env=cli_env(neo4j_settings))  # fmt: skip
    assert result.exit_code == 1, result.output
    assert result.output.strip() == (
        "Error: the statement on standard input is longer than 20,000 characters: give long lists of values as "
        "parameters (-p NAME=JSON)"
    )


def test_cypher_reads_with_parameters(newsgraph):
    result = newsgraph("cypher", "MATCH (e:Entity {id: $id}) RETURN e.name AS name, $n + 1 AS next", "-p",
                       f"id={FIXTURE.vulin}", "-p", "n=41", "--format", "json")  # fmt: skip
    assert json.loads(result.output) == [{"name": "Aleksandar Vulin", "next": 42}]


def test_cypher_timeout_stops_a_long_query(newsgraph):
    result = newsgraph("cypher", "UNWIND range(1, 2000000000) AS x WITH x WHERE x < 0 RETURN count(x)",
                       "--timeout", "0.5")  # fmt: skip
    assert result.exit_code == 1
    assert result.output.startswith("Error: the query ran longer than the time limit")


def test_cypher_that_runs_out_of_memory_is_one_line_at_once_not_retried(newsgraph, caplog):
    """Neo4j calls running out of a query's memory a transient error, which the driver retried for half a
    minute, logging each retry; the same query needs the same memory every time."""
    started = time.monotonic()
    result = newsgraph("cypher", "UNWIND range(1, 100000000) AS x WITH collect(x) AS c RETURN size(c)")
    assert result.exit_code == 1, result.output
    assert result.output.startswith("Error: the query needs more memory than the server gives one query")
    assert len(result.output.strip().splitlines()) == 1, result.output
    assert not [r for r in caplog.records if "retried" in r.getMessage()]
    assert time.monotonic() - started < 15


def test_semantic_search_embeds_the_topic(newsgraph):
    result = newsgraph("query", "semantic-search", "-p", "topic=legalising face recognition technology",
                       "-p", "limit=1", "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["quote"] for r in rows] == ["the draft police law would legalise facial recognition in public spaces"]


def test_schema_command_applies_and_lists(newsgraph):
    result = newsgraph("schema")
    assert result.exit_code == 0, result.output
    names = {line.split()[1] for line in result.output.strip().splitlines()}
    assert {"article_id", "entity_names", "statement_text", "statement_embedding"} <= names


def test_export_commands_write_files(newsgraph, tmp_path):
    graphml = tmp_path / "graph.graphml"
    result = newsgraph("export", "--format", "graphml", "--out", str(graphml))
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote 38 nodes and 81 relationships to {graphml}\n"  # one quote cluster of two
    sub = tmp_path / "vulin.json"
    result = newsgraph("export", "--format", "json", "--entity", FIXTURE.vulin, "--depth", "1", "--out", str(sub))
    assert result.exit_code == 0, result.output
    data = json.loads(sub.read_text(encoding="utf-8"))
    ids = {n["id"] for n in data["nodes"]}
    assert f"Entity:{FIXTURE.vulin}" in ids
    assert f"Article:{FIXTURE.police_law}" in ids
    page = tmp_path / "page.html"
    result = newsgraph("export", "--html", "--entity", FIXTURE.vulin, "--out", str(page))
    assert result.exit_code == 0, result.output
    assert "vis.Network" in page.read_text(encoding="utf-8")
    assert newsgraph("export", "--html", "--out", str(page)).exit_code == 2  # needs --entity
    both = newsgraph("export", "--html", "--format", "csv", "--entity", FIXTURE.vulin, "--out", str(page))
    assert both.exit_code == 2 and "--html writes a page, not --format" in both.output


def test_export_of_an_unknown_entity_is_one_clear_line(newsgraph, tmp_path):
    result = newsgraph("export", "--entity", "person:nobody", "--out", str(tmp_path / "x.json"), "--format", "json")
    assert result.output == (
        "Error: no entity with id 'person:nobody' (find ids with `newsgraph query search-entities`)\n"
    )


@pytest.mark.parametrize("html", [False, True], ids=["json", "html"])
def test_export_max_nodes_past_any_graph_is_a_usage_error(newsgraph, tmp_path, html):
    """20 digits overflowed a C long inside the export: an internal OverflowError."""
    shape = ["--html"] if html else ["--format", "json"]
    result = newsgraph("export", "--entity", FIXTURE.share, "--max-nodes", "99999999999999999999", *shape,
                       "--out", str(tmp_path / "x"))  # fmt: skip
    assert result.exit_code == 2, result.output
    assert "Invalid value for '--max-nodes': 99999999999999999999 is not in the range 1<=x<=1000000" in result.output
    assert "internal error" not in result.output


EXPORT_SHAPES = {
    "json": ["--format", "json"],
    "graphml": ["--format", "graphml"],
    "html": ["--html", "--entity", FIXTURE.share],
}


@pytest.mark.parametrize("shape", EXPORT_SHAPES.values(), ids=list(EXPORT_SHAPES))
def test_an_export_that_fails_on_a_full_disk_leaves_the_earlier_file_whole(newsgraph, tiny_disk, shape):
    """It was cut to nothing first, then the write failed: the earlier export was lost and half a new one left."""
    earlier = tiny_disk / "graph.out"
    earlier.write_text("the earlier export\n", encoding="utf-8")
    with (tiny_disk / "filler").open("wb", buffering=0) as filler, contextlib.suppress(OSError):
        while True:
            filler.write(b"\0" * 4096)
    result = newsgraph("export", *shape, "--out", str(earlier))
    assert result.exit_code == 1, result.output
    assert result.output.startswith(f"Error: cannot write {earlier}: No space left on device"), result.output
    assert earlier.read_text(encoding="utf-8") == "the earlier export\n"
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["filler", "graph.out"], "no temporary file left"


# -- administration commands and other sessions ------------------------------------------------------

ADMIN_REFUSED = (
    "Error: refused: administration commands (transactions, users, roles, privileges, settings, databases) "
    "cannot run here, only queries that read the graph\n"
)


@pytest.fixture
def victim(graph, neo4j_settings):
    """Another session's open transaction, and its id as SHOW TRANSACTIONS (run by the test) gives it."""
    with graph.session(database=neo4j_settings.neo4j_database) as session:
        tx = session.begin_transaction(metadata={"who": "newsgraph-victim"})
        tx.run("MATCH (n) RETURN count(n) AS n").consume()
        records, _, _ = graph.execute_query(
            "SHOW TRANSACTIONS YIELD transactionId, metaData WHERE metaData.who = 'newsgraph-victim' "
            "RETURN transactionId",
            database_=neo4j_settings.neo4j_database,
        )
        assert len(records) == 1
        yield tx, records[0]["transactionId"]
        if tx.closed():
            return
        tx.rollback()


@pytest.mark.parametrize(
    "statement",
    [
        "TERMINATE TRANSACTIONS '{id}'",
        "/* x */ TERMINATE TRANSACTIONS '{id}'",
        "// a note\nterminate transaction '{id}'",
        "USE neo4j TERMINATE TRANSACTIONS '{id}'",
        "TERMINATE TRANSACTIONS $id",
        "SHOW TRANSACTIONS YIELD transactionId AS t WHERE t = '{id}' TERMINATE TRANSACTIONS t YIELD message RETURN *",
    ],
)
def test_cypher_cannot_end_another_sessions_transaction(newsgraph, victim, statement):
    tx, transaction_id = victim
    result = newsgraph("cypher", statement.format(id=transaction_id), "-p", f"id={transaction_id}")
    assert result.exit_code == 1
    assert result.output == ADMIN_REFUSED
    # the victim's transaction was not terminated: it still runs queries and commits
    assert tx.run("RETURN 2 AS two").single()["two"] == 2
    tx.commit()


def test_cypher_cannot_list_other_sessions_transactions(newsgraph, victim):
    _, transaction_id = victim
    for statement in ("SHOW TRANSACTIONS", "SHOW TRANSACTIONS YIELD * RETURN *", "show transaction"):
        result = newsgraph("cypher", statement, "--format", "json")
        assert result.output == ADMIN_REFUSED
        assert transaction_id not in result.output


@pytest.mark.parametrize(
    "statement",
    [
        "SHOW USERS",
        "SHOW CURRENT USER",
        "SHOW USERS YIELD user RETURN user",
        "SHOW ROLES",
        "SHOW PRIVILEGES",
        "SHOW USER neo4j PRIVILEGES",
        "SHOW DATABASES",
        "SHOW SERVERS",
        "SHOW SETTINGS",
        "SHOW SETTINGS YIELD name, value WHERE name STARTS WITH 'server.directories' RETURN name, value",
        "SHOW PROCEDURES",
        "CREATE USER intruder SET PASSWORD 'a-long-password'",
        "ALTER CURRENT USER SET PASSWORD FROM 'old-password' TO 'new-password'",
        "CREATE DATABASE intruder",
        "STOP DATABASE neo4j",
        "USE system CALL db.labels()",
        "/* harmless */ SHOW USERS",
    ],
)
def test_cypher_refuses_administration_commands(newsgraph, graph, statement):
    result = newsgraph("cypher", statement)
    assert result.exit_code == 1
    assert result.output == ADMIN_REFUSED
    users, _, _ = graph.execute_query("SHOW USERS YIELD user RETURN collect(user) AS users", database_="system")
    assert users[0]["users"] == ["neo4j"]


@pytest.mark.parametrize(
    "procedure",
    [
        "dbms.components()",
        "dbms.listConfig()",
        "dbms.listConnections()",
        "dbms.killConnection('bolt-1')",
        "dbms.showCurrentUser()",
        "dbms.routing.getRoutingTable({})",
        "db.stats.collect('QUERIES')",
        "db.stats.retrieve('QUERIES')",
        "db.stats.clear('QUERIES')",
        "db.clearQueryCaches()",
        "db.prepareForReplanning()",
        "db.resampleOutdatedIndexes()",
        "tx.setMetaData({who: 'console'})",
    ],
)
def test_cypher_refuses_procedures_other_than_schema_and_index_reads(newsgraph, procedure):
    name = procedure.split("(", 1)[0]
    result = newsgraph("cypher", f"CALL {procedure}")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: refused: procedure {name} cannot run here; only db.labels, db.relationshipTypes, "
        "db.propertyKeys, db.schema.* and the full-text and vector index queries can\n"
    )


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        ("SHOW INDEXES YIELD name WHERE name = 'entity_names' RETURN name", [{"name": "entity_names"}]),
        ("SHOW CONSTRAINTS YIELD name WHERE name = 'article_id' RETURN name", [{"name": "article_id"}]),
        ("SHOW FUNCTIONS YIELD name WHERE name = 'toUpper' RETURN name", [{"name": "toUpper"}]),
        ("CALL db.labels() YIELD label WHERE label = 'Article' RETURN label", [{"label": "Article"}]),
        ("RETURN '// TERMINATE TRANSACTIONS' AS s", [{"s": "// TERMINATE TRANSACTIONS"}]),
        ("RETURN 'SHOW USERS' AS s /* TERMINATE TRANSACTIONS */", [{"s": "SHOW USERS"}]),
        ("MATCH (a:Article {id: 'terminate transactions'}) RETURN count(a) AS n", [{"n": 0}]),
    ],
)
def test_cypher_allows_schema_show_commands_and_text_that_only_looks_administrative(newsgraph, statement, expected):
    result = newsgraph("cypher", statement, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == expected


def test_cypher_refuses_profile_with_one_line(newsgraph):
    result = newsgraph("cypher", "PROFILE MATCH (n) RETURN count(n)")
    assert result.exit_code == 1
    assert result.output == "Error: refused: PROFILE cannot run here (the console plans each query itself)\n"


# -- parameter values Neo4j cannot take ----------------------------------------------------------------

INT_RANGE = "Neo4j integers go from -9223372036854775808 to 9223372036854775807"


def test_query_parameter_out_of_the_integer_range_is_one_line(newsgraph):
    result = newsgraph("query", "person-statements", "-p", "person_id=x", "-p", "limit=99999999999999999999")
    assert result.exit_code == 1
    assert result.output == (
        "Error: parameter limit of person-statements: 99999999999999999999 is out of range; whole numbers go "
        "from -9223372036854775808 to 9223372036854775807\n"
    )
    long = newsgraph("query", "top-speakers", "-p", "limit=" + "9" * 5000)
    assert long.output == (
        "Error: parameter limit of top-speakers: 99999999999999999999… (5000 digits) is out of range; "
        "whole numbers go from -9223372036854775808 to 9223372036854775807\n"
    )
    vector = newsgraph("query", "semantic-search", "-p", "topic=" + "[" * 100000 + "]" * 100000)
    assert vector.exit_code == 1
    assert vector.output.startswith("Error: parameter topic of semantic-search: expected a list of numbers")
    assert vector.output.count("\n") == 1 and len(vector.output) < 300


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("99999999999999999999", f"parameter x: 99999999999999999999 is out of range; {INT_RANGE}"),
        ("-9223372036854775809", f"parameter x: -9223372036854775809 is out of range; {INT_RANGE}"),
        ('{"a": [1, 18446744073709551616]}', f"parameter x.a[1]: 18446744073709551616 is out of range; {INT_RANGE}"),
        ("9" * 5000, f"parameter x: a whole number has more than 4300 digits; {INT_RANGE}"),
        ("[" * 100000 + "]" * 100000, "parameter x: the JSON is nested too deeply to read"),
        ("[" * 101 + "]" * 101, "parameter x: lists and maps nested more than 100 levels deep cannot be sent"),
        ('"\\ud800"', "parameter x: the text is not valid Unicode (a lone surrogate at character 0)"),
        ("caf\udce9", "parameter x: the text is not valid Unicode (a lone surrogate at character 3)"),
    ],
)  # fmt: skip
def test_cypher_parameter_neo4j_cannot_take_is_one_line(newsgraph, value, message):
    result = newsgraph("cypher", "RETURN $x AS x", "-p", f"x={value}")
    assert result.exit_code == 1
    assert result.output == f"Error: {message}\n"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("9223372036854775807", 9223372036854775807),
        ("-9223372036854775808", -9223372036854775808),
        ('[1, "a", null, 2.5, {"k": [true]}]', [1, "a", None, 2.5, {"k": [True]}]),
        ("a\u0000b", "a\u0000b"),
    ],
)
def test_cypher_parameters_at_the_edge_of_the_range_are_sent(newsgraph, value, expected):
    result = newsgraph("cypher", "RETURN $x AS x", "-p", f"x={value}", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[0]["x"] == expected


def test_cypher_takes_nan_and_infinity_as_floats(newsgraph):
    result = newsgraph("cypher", "RETURN toString($a) AS a, toString($b) AS b", "-p", "a=NaN", "-p", "b=-Infinity",
                       "--format", "json")  # fmt: skip
    assert json.loads(result.output) == [{"a": "NaN", "b": "-Infinity"}]


def test_cypher_parameter_nested_100_levels_is_sent(newsgraph):
    result = newsgraph("cypher", "RETURN $x AS x", "-p", "x=" + "[" * 100 + "]" * 100, "--format", "json")
    assert result.exit_code == 0, result.output
    value, levels = json.loads(result.output)[0]["x"], 1
    while value:
        value, levels = value[0], levels + 1
    assert levels == 100


def test_cypher_result_nested_too_deeply_is_one_line(newsgraph):
    result = newsgraph("cypher", "RETURN reduce(x = [], i IN range(1, 3000) | [x]) AS deep")
    assert result.exit_code == 1
    assert result.output == "Error: the result is nested too deeply to read (lists or maps within each other)\n"


@pytest.mark.parametrize("timeout", ["inf", "nan", "1e308", "86401"])
def test_a_time_limit_neo4j_cannot_take_is_one_line(newsgraph, timeout):
    for command in (("cypher", "RETURN 1"), ("query", "graph-counts")):
        result = newsgraph(*command, "--timeout", timeout)
        assert result.exit_code == 1
        assert result.output == f"Error: the time limit must be from 0.1 to 86400 seconds, got {float(timeout):g}\n"


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_cypher_output_of_nan_and_infinity_is_strict_json(newsgraph, fmt):
    result = newsgraph("cypher", "RETURN 0.0 / 0.0 AS n, [-1.0 / 0.0, 1.5] AS l", "--format", fmt)
    assert result.exit_code == 0, result.output
    if fmt == "json":
        assert json.loads(result.output, parse_constant=lambda c: pytest.fail(f"bare {c} in JSON")) == [
            {"n": "NaN", "l": ["-Infinity", 1.5]}
        ]
    else:
        assert result.output.splitlines()[1] == 'NaN,"[""-Infinity"", 1.5]"'


def test_cypher_json_output_escapes_what_a_terminal_would_obey_and_stays_the_same_json(newsgraph):
    hostile = "a\u202eb\x9bc\x7fd\x1b[2Je"
    result = newsgraph("cypher", "RETURN $x AS x", "-p", f"x={hostile}", "--format", "json")
    assert result.exit_code == 0, result.output
    assert not any(char in result.output for char in "\u202e\x9b\x7f\x1b")
    assert json.loads(result.output) == [{"x": hostile}]
