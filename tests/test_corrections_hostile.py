"""`newsgraph corrections` against hostile input on the real Neo4j: every case ends in one clear line and a
non-zero exit code (or is stored exactly as given), no traceback, and the graph is what it was before."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from graph.corrections import list_corrections
from newsgraph.cli import cli
from tests.graph_fixtures import FIXTURE, cli_env, load_fixture_graph

pytestmark = [pytest.mark.neo4j]

SHARE, PETROVSKI = FIXTURE.share, FIXTURE.petrovski


def _graph(driver: Any, settings: Any) -> tuple[Any, ...]:
    records, _, _ = driver.execute_query(
        "MATCH (n) OPTIONAL MATCH (n)-[r]->(m) "
        "RETURN labels(n) AS l, properties(n) AS p, type(r) AS t, properties(r) AS rp, m.id AS m",
        database_=settings.neo4j_database,
    )
    return tuple(sorted(json.dumps(dict(r), sort_keys=True, default=str) for r in records))


@pytest.fixture
def loaded(clean_db, neo4j_settings):  # type: ignore[no-untyped-def]
    load_fixture_graph(clean_db, neo4j_settings.neo4j_database)
    return clean_db


def _run(settings: Any, *args: str) -> Any:
    return CliRunner().invoke(cli, ["corrections", *args], env=cli_env(settings) | {"NEWSGRAPH_EDITOR": "ana"})


def _refused(result: Any) -> str:
    assert result.exit_code != 0, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    reasons = [line for line in result.output.splitlines() if line.lower().startswith("error")]
    assert len(reasons) == 1 and len(reasons[0]) < 600, result.output
    return result.output


LONG = "x" * 100_000

ADD_CASES = {
    "huge name": ("rename", SHARE, "--name", LONG),
    "huge reason": ("rename", SHARE, "--name", "SHARE", "--reason", LONG),
    "huge target": ("rename", "organization:" + LONG),
    "newline in name": ("rename", SHARE, "--name", "SHARE\nMATCH (n) DETACH DELETE n"),
    "escape in reason": ("rename", SHARE, "--name", "S", "--reason", "\x1b[2Jgone"),
    "nul in name": ("rename", SHARE, "--name", "A\x00B"),
    "lone surrogate name": ("rename", SHARE, "--name", "A\udcffB"),
    "empty name": ("rename", SHARE, "--name", ""),
    "blank name": ("rename", SHARE, "--name", "   "),
    "no name": ("rename", SHARE),
    "dangling entity": ("rename", "person:nobody-at-all", "--name", "X"),
    "merge into itself": ("merge", SHARE, "--into", SHARE),
    "merge into nothing": ("merge", SHARE, "--into", "person:nobody-at-all"),
    "merge no into": ("merge", SHARE),
    "bad type": ("retype", SHARE, "--type", "<b>Law</b>"),
    "cypher target": ("rename", "x:' }) MATCH (n) DETACH DELETE n //", "--name", "X"),
    "bad statement id": ("reject-statement", "not-a-statement"),
    "statement gone": ("reject-statement", "nowhere@1-2"),
    "statement reversed offsets": ("reject-statement", "nowhere@99999999999999999999999-2"),
    "bad relation key": ("reject-relation", "a|b|c"),
    "split unknown alias": ("split-alias", SHARE, "--alias", "never an alias"),
    "reassign both": ("reassign-speaker", "x@1-2", "--speaker", PETROVSKI, "--new-speaker", "Ana"),
    "reassign neither": ("reassign-speaker", "x@1-2"),
    "empty editor": ("rename", SHARE, "--name", "S", "--editor", " "),
    "huge editor": ("rename", SHARE, "--name", "S", "--editor", LONG),
}


@pytest.mark.parametrize("case", ADD_CASES, ids=list(ADD_CASES))
def test_add_refuses_hostile_input_and_leaves_the_graph_alone(case, loaded, neo4j_settings):
    before = _graph(loaded, neo4j_settings)
    _refused(_run(neo4j_settings, "add", *ADD_CASES[case]))
    assert _graph(loaded, neo4j_settings) == before


def test_markup_in_a_name_and_reason_is_stored_as_text(loaded, neo4j_settings):
    name, reason = "<script>alert(1)</script> **SHARE** [x](javascript:alert(1))", "`MATCH (n) DELETE n` <i>"
    result = _run(neo4j_settings, "add", "rename", SHARE, "--name", name, "--reason", reason)
    assert result.exit_code == 0, result.output
    records, _, _ = loaded.execute_query("MATCH (e:Entity {id: $id}) RETURN e.name AS n", id=SHARE,
                                         database_=neo4j_settings.neo4j_database)  # fmt: skip
    assert records[0]["n"] == name
    listed = _run(neo4j_settings, "list")
    assert reason in listed.output and listed.exit_code == 0


UNDO_CASES = {
    "unknown id": "c-0000000000000000",
    "empty id": "",
    "huge id": LONG,
    "cypher id": "' OR 1=1 //",
    "newline id": "c-1\nc-2",
}


@pytest.mark.parametrize("case", UNDO_CASES, ids=list(UNDO_CASES))
def test_undo_refuses_what_is_not_a_correction(case, loaded, neo4j_settings):
    before = _graph(loaded, neo4j_settings)
    _refused(_run(neo4j_settings, "undo", UNDO_CASES[case]))
    assert _graph(loaded, neo4j_settings) == before


def test_undo_twice_is_refused_the_second_time(loaded, neo4j_settings):
    made = _run(neo4j_settings, "add", "rename", SHARE, "--name", "SHARE")
    correction_id = made.output.split()[1]
    assert _run(neo4j_settings, "undo", correction_id).exit_code == 0
    after_undo = _graph(loaded, neo4j_settings)
    _refused(_run(neo4j_settings, "undo", correction_id))
    assert _graph(loaded, neo4j_settings) == after_undo


def _file(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


GOOD = json.dumps({"kind": "rename", "target": SHARE, "after": {"name": "SHARE"}, "editor": "ana",
                   "created_at": "2026-01-02T10:00:00Z"})  # fmt: skip

IMPORT_FILES = {
    "binary": bytes(range(256)) * 4,
    "latin-1": GOOD.replace("SHARE\"", "SHAR\u00c9\"").encode("latin-1"),
    "utf-16 with bom": GOOD.encode("utf-16"),
    "lone surrogate escape": GOOD.replace("SHARE\"", "SH\\udcffARE\"").encode(),
    "nul bytes": b"\x00" * 1000,
    "json array": json.dumps([json.loads(GOOD)]).encode(),
    "json number": b"12\n",
    "after a list": GOOD.replace('{"name": "SHARE"}', "[1, 2]").encode(),
    "kind a number": GOOD.replace('"rename"', "7").encode(),
    "editor a list": GOOD.replace('"ana"', "[\"ana\"]").encode(),
    "created_at a number": GOOD.replace('"2026-01-02T10:00:00Z"', "20260102").encode(),
    "created_at nonsense": GOOD.replace('"2026-01-02T10:00:00Z"', '"yesterday"').encode(),
    "created_at in the future": GOOD.replace('"2026-01-02T10:00:00Z"', '"9999-12-31T23:59:59Z"').encode(),
    "id a number": GOOD.replace('{"kind"', '{"id": 5, "kind"').encode(),
    "id with cypher": GOOD.replace('{"kind"', '{"id": "x\' DETACH DELETE n", "kind"').encode(),
    "status a list": GOOD.replace('{"kind"', '{"status": ["undone"], "kind"').encode(),
    "deep nesting": b"[" * 100_000 + b"]" * 100_000,
    "huge number": GOOD.replace('"2026-01-02T10:00:00Z"', "1" + "0" * 5000).encode(),
    "undone_at a dict": GOOD.replace('{"kind"', '{"status": "undone", "undone_by": "b", "undone_at": {}, "kind"')
    .encode(),
    "before a huge nesting": GOOD.replace('{"kind"', '{"before": {"a": ' + "[" * 5000 + "]" * 5000 + '}, "kind"')
    .encode(),
    "before with a lone surrogate": GOOD.replace('{"kind"', '{"before": {"name": "\\udcff"}, "kind"').encode(),
    "reason a number": GOOD.replace('"editor"', '"reason": 5, "editor"').encode(),
    "undone_by a lone surrogate": GOOD.replace('{"kind"', '{"status": "undone", "undone_by": "\\udcff", "kind"')
    .encode(),
}  # fmt: skip


@pytest.mark.parametrize("case", IMPORT_FILES, ids=list(IMPORT_FILES))
def test_import_refuses_a_malformed_file_line_by_line(case, loaded, neo4j_settings, tmp_path):
    before = _graph(loaded, neo4j_settings)
    result = _run(neo4j_settings, "import", str(_file(tmp_path, "c.jsonl", IMPORT_FILES[case])))
    assert result.exit_code != 0, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output, result.output[:300]
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert _graph(loaded, neo4j_settings) == before


def test_import_of_a_directory_missing_or_unreadable_file_is_one_line(loaded, neo4j_settings, tmp_path):
    before = _graph(loaded, neo4j_settings)
    unreadable = _file(tmp_path, "locked.jsonl", GOOD.encode())
    unreadable.chmod(0)
    cases = [str(tmp_path), str(tmp_path / "missing.jsonl"), "/dev/null"]
    if os.geteuid() != 0:
        cases.append(str(unreadable))
    for path in cases:
        result = _run(neo4j_settings, "import", path)
        if path == "/dev/null":
            assert "0 imported" in result.output
            continue
        _refused(result)
    assert _graph(loaded, neo4j_settings) == before


def test_import_of_an_endless_device_is_refused_without_reading_it_all(loaded, neo4j_settings):
    before = _graph(loaded, neo4j_settings)
    _refused(_run(neo4j_settings, "import", "/dev/zero"))
    assert _graph(loaded, neo4j_settings) == before


def test_import_of_a_50_mb_file_is_refused_with_a_reason(loaded, neo4j_settings, tmp_path):
    before = _graph(loaded, neo4j_settings)
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(GOOD + "\n")
        handle.write(json.dumps({"pad": "x" * (50 * 1024 * 1024)}) + "\n")
    result = _run(neo4j_settings, "import", str(path))
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert len(result.output) < 2000
    assert _graph(loaded, neo4j_settings) == before or "1 imported" in result.output


EXPORT_TARGETS = {"a directory": "{tmp}", "a missing folder": "{tmp}/no/such/c.jsonl", "dev full": "/dev/full"}


@pytest.mark.parametrize("case", EXPORT_TARGETS, ids=list(EXPORT_TARGETS))
def test_export_to_a_place_it_cannot_write_is_one_line(case, loaded, neo4j_settings, tmp_path):
    _run(neo4j_settings, "add", "rename", SHARE, "--name", "SHARE")
    _refused(_run(neo4j_settings, "export", EXPORT_TARGETS[case].format(tmp=tmp_path)))


STEFANOVIC = FIXTURE.stefanovic


def _line(kind: str, target: str, after: dict[str, Any], created_at: str = "2026-01-02T10:00:00Z") -> str:
    return json.dumps({"kind": kind, "target": target, "after": after, "editor": "ana", "created_at": created_at})


def test_a_split_written_without_its_new_id_applies_undoes_and_survives_a_load(loaded, neo4j_settings, tmp_path):
    """A hand-written split-alias line gives only the alias: the new entity's type and id are those the graph
    would have given (the entity's type), at import, at every later load and at undo (a KeyError stopped all three)."""
    path = _file(tmp_path, "split.jsonl", _line("split-alias", STEFANOVIC, {"alias": "Stefanović"}).encode())
    imported = _run(neo4j_settings, "import", str(path))
    assert imported.exit_code == 0, imported.output
    assert "1 imported" in imported.output
    records, _, _ = loaded.execute_query(
        "MATCH (e:Entity {id: 'person:stefanovic'}) RETURN e.name AS name, e.type AS type",
        database_=neo4j_settings.neo4j_database,
    )
    assert [(r["name"], r["type"]) for r in records] == [("Stefanović", "Person")]
    load_fixture_graph(loaded, neo4j_settings.neo4j_database)  # the corrections are applied again after a load
    [correction] = list_corrections(loaded, neo4j_settings.neo4j_database)
    assert (correction.kind, correction.state) == ("split-alias", "applied")
    undone = _run(neo4j_settings, "undo", correction.id)
    assert undone.exit_code == 0, undone.output


def test_a_merge_that_closes_a_circle_is_refused(loaded, neo4j_settings, tmp_path):
    """A into B, an alias split off B again as A, then B into A (by hand or from a file): no order of replaying the
    three gives one result (replayed after every load, they blew up the graph), so the last is refused, naming the
    correction to undo instead, and the graph stays as the first two made it."""
    merged = _run(neo4j_settings, "add", "merge", STEFANOVIC, "--into", PETROVSKI)
    assert merged.exit_code == 0, merged.output
    split = _run(neo4j_settings, "add", "split-alias", PETROVSKI, "--alias", "Nebojša Stefanović")
    assert split.exit_code == 0, split.output
    before = _graph(loaded, neo4j_settings)
    back = _refused(_run(neo4j_settings, "add", "merge", PETROVSKI, "--into", STEFANOVIC))
    assert "would undo correction" in back
    assert _graph(loaded, neo4j_settings) == before
    path = _file(tmp_path, "back.jsonl", _line("merge", PETROVSKI, {"into": STEFANOVIC}).encode())
    imported = _run(neo4j_settings, "import", str(path))
    assert imported.exit_code == 2, imported.output
    assert "0 imported" in imported.output and "1 lines refused" in imported.output
    assert _graph(loaded, neo4j_settings) == before


def test_an_import_file_starting_with_a_byte_order_mark_is_read(loaded, neo4j_settings, tmp_path):
    path = _file(tmp_path, "bom.jsonl", b"\xef\xbb\xbf" + GOOD.encode() + b"\n")
    imported = _run(neo4j_settings, "import", str(path))
    assert imported.exit_code == 0, imported.output
    assert "1 imported" in imported.output and "0 lines refused" in imported.output


def test_a_reason_holding_a_line_separator_is_exported_and_imported_again(loaded, neo4j_settings, tmp_path):
    """JSON keeps U+2028 and U+2029 raw inside a string, and the export writes them so; only a newline ends a line
    of the file (they had split the line in two and both halves were refused)."""
    reason = "pasted from the web:\u2028second line\u2029third"
    assert _run(neo4j_settings, "add", "rename", SHARE, "--name", "SHARE", "--reason", reason).exit_code == 0
    path = tmp_path / "c.jsonl"
    assert _run(neo4j_settings, "export", str(path)).exit_code == 0
    loaded.execute_query("MATCH (c:Correction) DETACH DELETE c", database_=neo4j_settings.neo4j_database)
    imported = _run(neo4j_settings, "import", str(path))
    assert imported.exit_code == 0, imported.output
    assert "1 imported" in imported.output
    [correction] = list_corrections(loaded, neo4j_settings.neo4j_database)
    assert correction.reason == reason


def _with_before(kind: str, target: str, after: dict[str, Any], before: Any) -> bytes:
    record = json.loads(_line(kind, target, after, created_at="2026-01-03T10:00:00Z"))
    return json.dumps(record | {"before": before}).encode()


# A correction's ``before`` is what its undo writes back into the graph: from a file it must have the form the graph
# gives it, or the undo fails (a TypeError, a map where Neo4j takes only a property) once the correction is stored.
HOSTILE_BEFORES = {
    "rename: the old name a map": ("rename", SHARE, {"name": "SHARE Foundation"}, {"name": {"a": [1]}}),
    "rename: alias_added text": ("rename", SHARE, {"name": "SHARE Foundation"}, {"name": "S", "alias_added": "yes"}),
    "retype: the old type a list": ("retype", SHARE, {"type": "Organization"}, {"type": ["Person"]}),
    "split: aliases_removed a number": ("split-alias", STEFANOVIC, {"alias": "Stefanović"}, {"aliases_removed": 5}),
    "merge: aliases of maps": ("merge", STEFANOVIC, {"into": PETROVSKI}, {"name": "N", "aliases": [{"a": 1}]}),
    "merge: a link without its type": ("merge", STEFANOVIC, {"into": PETROVSKI},
                                       {"name": "N", "between": [{"start": SHARE, "end": PETROVSKI, "props": {}}]}),
    "merge: a link's property a map": ("merge", STEFANOVIC, {"into": PETROVSKI},
                                       {"name": "N", "between": [{"start": SHARE, "end": PETROVSKI, "type": "KNOWS",
                                                                  "props": {"deep": {"x": 1}}}]}),
    "merge: a role without its id": ("merge", STEFANOVIC, {"into": PETROVSKI},
                                     {"name": "N", "roles": [{"title": "x"}]}),
    "reject-statement: a statement property a map": ("reject-statement", "fixture:a@1-2", {},
                                                     {"statement": {"text": {"x": 1}}, "article_id": "fixture:a"}),
    "reject-statement: an integer past 64 bits": ("reject-statement", "fixture:a@1-2", {},
                                                  {"statement": {"start": 2**70}, "article_id": "fixture:a"}),
    "reject-relation: relations a map": ("reject-relation", f"{SHARE}|OPPOSES|{PETROVSKI}|fixture:a@1-2", {},
                                         {"relations": {"a": 1}}),
    "reassign: confidence text": ("reassign-speaker", "fixture:a@1-2", {"speaker_id": PETROVSKI},
                                  {"speaker_id": SHARE, "confidence": "high"}),
    "before a list of pairs": ("rename", SHARE, {"name": "SHARE Foundation"}, [["name", "S"]]),
}  # fmt: skip


@pytest.mark.parametrize("case", HOSTILE_BEFORES, ids=list(HOSTILE_BEFORES))
def test_an_imported_before_of_another_form_is_refused_by_line(case, loaded, neo4j_settings, tmp_path):
    before = _graph(loaded, neo4j_settings)
    path = _file(tmp_path, "c.jsonl", _with_before(*HOSTILE_BEFORES[case]))
    result = _run(neo4j_settings, "import", str(path))
    assert result.exit_code == 2, result.output
    assert f"{path}:1: before" in result.output and "0 imported" in result.output, result.output
    assert _graph(loaded, neo4j_settings) == before


def test_an_imported_before_of_the_graphs_form_is_undone_from(loaded, neo4j_settings, tmp_path):
    """The name the file says was there before is the one the undo gives back, as on the graph it was exported from."""
    line = _with_before("rename", SHARE, {"name": "SHARE Foundation"}, {"name": "Share", "alias_added": True})
    imported = _run(neo4j_settings, "import", str(_file(tmp_path, "c.jsonl", line)))
    assert imported.exit_code == 0 and "1 imported" in imported.output, imported.output
    [correction] = list_corrections(loaded, neo4j_settings.neo4j_database)
    undone = _run(neo4j_settings, "undo", correction.id)
    assert undone.exit_code == 0, undone.output
    records, _, _ = loaded.execute_query("MATCH (e:Entity {id: $id}) RETURN e.name AS n", id=SHARE,
                                         database_=neo4j_settings.neo4j_database)  # fmt: skip
    assert records[0]["n"] == "Share"


def test_undoing_a_stored_correction_whose_before_is_malformed_is_one_line(loaded, neo4j_settings, tmp_path):
    """A before stored by an earlier version or edited by hand: the undo failed with an internal TypeError."""
    line = _with_before("rename", SHARE, {"name": "SHARE Foundation"}, {"name": "Share"})
    assert _run(neo4j_settings, "import", str(_file(tmp_path, "c.jsonl", line))).exit_code == 0
    [correction] = list_corrections(loaded, neo4j_settings.neo4j_database)
    loaded.execute_query("MATCH (c:Correction {id: $id}) SET c.before = $before", id=correction.id,
                         before=json.dumps({"name": {"a": [1]}}), database_=neo4j_settings.neo4j_database)  # fmt: skip
    before = _graph(loaded, neo4j_settings)
    output = _refused(_run(neo4j_settings, "undo", correction.id))
    assert f"correction {correction.id} cannot be undone: before.name is not in the form" in output
    assert _graph(loaded, neo4j_settings) == before


def test_an_export_that_fails_on_a_full_disk_leaves_the_earlier_file_whole(loaded, neo4j_settings, tiny_disk):
    """The file is the newsroom's versioned record: it was cut to nothing first, then the write failed."""
    for number in range(6):  # more than the page the earlier file frees when it is cut
        made = _run(neo4j_settings, "add", "rename", SHARE, "--name", f"SHARE {number}", "--reason", "x" * 1500)
        assert made.exit_code == 0, made.output
    earlier = tiny_disk / "corrections.jsonl"
    earlier.write_text(GOOD + "\n", encoding="utf-8")
    with (tiny_disk / "filler").open("wb", buffering=0) as filler, contextlib.suppress(OSError):
        while True:
            filler.write(b"\0" * 4096)
    _refused(_run(neo4j_settings, "export", str(earlier)))
    assert earlier.read_text(encoding="utf-8") == GOOD + "\n"
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["corrections.jsonl", "filler"], "no temporary file left"


def test_an_export_to_standard_output_as_a_file_still_writes_there(loaded, neo4j_settings):
    assert _run(neo4j_settings, "add", "rename", SHARE, "--name", "SHARE").exit_code == 0
    written = _run(neo4j_settings, "export", "/dev/null")
    assert written.exit_code == 0 and "1 corrections written to /dev/null" in written.output


def test_an_export_over_an_earlier_file_keeps_its_permissions_and_its_link(loaded, neo4j_settings, tmp_path):
    assert _run(neo4j_settings, "add", "rename", SHARE, "--name", "SHARE").exit_code == 0
    private = _file(tmp_path, "private.jsonl", b"")
    private.chmod(0o600)
    linked = tmp_path / "linked.jsonl"
    linked.symlink_to(private)
    assert _run(neo4j_settings, "export", str(linked)).exit_code == 0
    assert linked.is_symlink() and "SHARE" in private.read_text(encoding="utf-8")
    assert private.stat().st_mode & 0o777 == 0o600
