"""`newsgraph extract`: the JSON Lines contract (docs/cli.md), exactly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from core.records import STATEMENT_BASES
from newsgraph.cli import cli
from nlp.runtime.contract import parse_line
from tests.nlp_fixtures import *  # noqa: F403

CONTRACT_KEYS = {"id", "statements", "entities", "roles", "relations", "links", "error"}
STATEMENT_KEYS = {
    "start",
    "end",
    "text",
    "kind",
    "speaker",
    "speaker_mention",
    "speaker_id",
    "cue",
    "addressee",
    "date",
    "speaker_role",
    "confidence",
    "basis",
    "basis_distance",
}


def _run(tmp_path: Path, lines: list[str], env: dict[str, str] | None = None) -> tuple[list[dict], str]:
    source, target = tmp_path / "docs.jsonl", tmp_path / "results.jsonl"
    source.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", "--in", str(source), "--out", str(target)], env=env)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()], result.output


def test_one_output_line_per_input_line_in_order(tmp_path: Path) -> None:
    body, published = read_fixture("wikinews-sensitive.txt")  # noqa: F405
    rsebody, rsedate = read_fixture("rferl-serbia-surveillance-part1.txt")  # noqa: F405
    lines = [
        json.dumps({"id": "sensitive", "text": body, "published": published}),
        "{not json",
        json.dumps({"id": "no-text"}),
        "",
        json.dumps({"id": "empty", "text": ""}),
        json.dumps({"id": "rse", "text": rsebody, "published": rsedate, "url": "https://example.org/a"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "bad-date", "text": "Hello.", "published": "15/08/2008"}),
    ]
    records, output = _run(tmp_path, lines)
    assert [r["id"] for r in records] == ["sensitive", None, "no-text", None, "empty", "rse", None, "bad-date"]
    assert all(set(r) == CONTRACT_KEYS for r in records)
    errors = [r["error"] for r in records]
    assert errors[0] is None and errors[4] is None and errors[5] is None
    assert errors[1].startswith("line 2: not valid JSON")
    assert errors[2] == "line 3: `text` must be a string"
    assert errors[3] == "line 4: empty line"
    assert errors[6] == "line 7: expected a JSON object, got list"
    assert errors[7].startswith("line 8: `published` must be a YYYY-MM-DD calendar date")
    assert "extracted 8 documents (5 with an error)" in output


def test_offsets_point_into_the_input_text_as_given(tmp_path: Path) -> None:
    rsebody, rsedate = read_fixture("rferl-serbia-surveillance-part1.txt")  # noqa: F405
    assert "\xa0" in rsebody  # the report's no-break spaces must not shift anything
    [record], _output = _run(tmp_path, [json.dumps({"id": "rse", "text": rsebody, "published": rsedate})])
    assert record["statements"]
    for statement in record["statements"]:
        assert set(statement) == STATEMENT_KEYS
        assert rsebody[statement["start"] : statement["end"]] == statement["text"]
        assert statement["basis"] in STATEMENT_BASES and 0 <= statement["confidence"] <= 1
        distance = statement["basis_distance"]
        assert distance is None or (statement["basis"] in {"pronoun", "description"} and distance >= 0)
    marinovic = next(e for e in record["entities"] if e["id"] == "person:milan-marinovic")
    assert {rsebody[s:e] for s, e in marinovic["mentions"]} == {"Milan Marinović", "Marinović"}
    role = next(r for r in record["roles"] if r["person_id"] == "person:nebojsa-stefanovic")
    assert rsebody[role["start"] : role["end"]] == "then-Interior Minister Nebojša Stefanović"
    assert {"person_id", "title", "org_id", "start", "end"} == set(role)
    # a statement names the role it was spoken in by the same title, organisation and offsets as `roles`
    spoken = [s["speaker_role"] for s in record["statements"] if s["speaker_id"] == "person:nebojsa-stefanovic"]
    assert spoken and all(
        r == {"title": role["title"], "org_id": role["org_id"], "qualifier": "then", "start": role["start"],
              "end": role["end"]}
        for r in spoken
    )  # fmt: skip
    assert all(s["speaker_role"] is None for s in record["statements"] if s["speaker_id"] is None)
    assert all(
        set(r) == {"subject_id", "predicate", "object_id", "start", "end", "date", "confidence"}
        for r in record["relations"]
    )


def test_windows_line_endings_and_a_text_with_newlines(tmp_path: Path) -> None:
    text = 'First paragraph.\r\nJohn Baird said: "We will act."\r\n'
    line = json.dumps({"id": "crlf", "text": text})
    records, _output = _run(tmp_path, [line + "\r"])
    [statement] = records[0]["statements"]
    assert text[statement["start"] : statement["end"]] == "We will act."


def test_parse_line_keeps_the_text_exactly() -> None:
    text = "  Tabs\tand\u00a0spaces \x00 stay.  "
    parsed = parse_line(1, json.dumps({"id": "x", "text": text, "title": 3}))
    assert parsed.text == text and parsed.title is None


def test_lines_no_document_can_be_made_of_get_their_own_error_and_the_run_goes_on(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "before", "text": 'Mayor Ann Lee said: "We will act."'}),
        '{"id":"surrogate","text":"lone \\ud800 said the mayor."}',
        '{"id":"deep","text":' + "[" * 3000 + "]" * 3000 + "}",
        '{"id":"odd-\\udc00-id","text":"Fine."}',
        json.dumps({"id": "month-13", "text": "Hello.", "published": "2021-13-45"}),
        json.dumps({"id": "feb-30", "text": "Hello.", "published": "2021-02-30"}),
        json.dumps({"id": "not-text-date", "text": "Hello.", "published": 20210101}),
        json.dumps({"id": "after", "text": 'Mayor Ann Lee said: "We will wait."'}),
    ]
    records, output = _run(tmp_path, lines)
    assert [r["id"] for r in records] == [
        "before",
        "surrogate",
        None,
        "odd-\udc00-id",
        "month-13",
        "feb-30",
        "not-text-date",
        "after",
    ]
    errors = [r["error"] for r in records]
    assert errors[1] == "line 2: `text` holds a lone surrogate U+D800 at offset 5, which is not a Unicode character"
    assert errors[2] == "line 3: JSON nested too deeply to read"
    assert errors[3] is None
    assert errors[4] == "line 5: `published` must be a YYYY-MM-DD calendar date, got '2021-13-45'"
    assert errors[5] == "line 6: `published` must be a YYYY-MM-DD calendar date, got '2021-02-30'"
    assert errors[6].startswith("line 7: `published` must be")
    assert [s["text"] for s in records[7]["statements"]] == ["We will wait."]
    assert "extracted 8 documents (5 with an error)" in output


def test_a_number_of_thousands_of_digits_is_that_lines_error_and_the_run_goes_on(tmp_path: Path) -> None:
    """Python refuses to read an integer of more than 4300 digits (a ValueError, not a JSON error); it stopped the
    whole run before its first document."""
    lines = [
        json.dumps({"id": "before", "text": 'Mayor Ann Lee said: "We will act."'}),
        '{"id": "huge", "text": "Hello.", "n": 1' + "0" * 5000 + "}",
        json.dumps({"id": "after", "text": "Hello."}),
    ]
    records, output = _run(tmp_path, lines)
    assert [r["id"] for r in records] == ["before", None, "after"]
    assert records[1]["error"] == "line 2: not valid JSON (a number of more than 4300 digits)"
    assert [s["text"] for s in records[0]["statements"]] == ["We will act."]
    assert "extracted 3 documents (1 with an error)" in output


def test_a_line_that_is_not_utf8_is_that_lines_error(tmp_path: Path) -> None:
    source, target = tmp_path / "docs.jsonl", tmp_path / "results.jsonl"
    good = json.dumps({"id": "ok", "text": 'Mayor Ann Lee said: "We will act."'}).encode()
    latin1 = '{"id":"x","text":"Caf\xe9 owners said no."}'.encode("latin-1")
    source.write_bytes(good + b"\n" + latin1 + b"\n" + good.replace(b'"ok"', b'"ok2"') + b"\n")
    result = CliRunner().invoke(cli, ["extract", "--in", str(source), "--out", str(target)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in target.read_text().splitlines()]
    assert [r["id"] for r in records] == ["ok", None, "ok2"]
    assert records[1]["error"] == "line 2: not UTF-8 text (byte 21 of the line)"
    assert records[2]["statements"]


def test_a_line_longer_than_max_bytes_is_that_lines_error_and_never_held(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "short", "text": "Fine."}),
        json.dumps({"id": "long", "text": "word " * 200}),
        json.dumps({"id": "after", "text": "Also fine."}),
    ]
    records, _output = _run(tmp_path, lines, env={"NEWSGRAPH_MAX_BYTES": "100"})
    assert [r["id"] for r in records] == ["short", None, "after"]
    assert records[1]["error"] == "line 2: longer than 100 bytes (setting max_bytes), not read"
    assert records[0]["error"] is None and records[2]["error"] is None


def test_a_device_as_input_and_the_input_as_output_are_refused(tmp_path: Path) -> None:
    source = tmp_path / "docs.jsonl"
    source.write_text(json.dumps({"id": "a", "text": "Fine."}) + "\n")
    device = CliRunner().invoke(cli, ["extract", "--in", "/dev/zero", "--out", str(tmp_path / "out.jsonl")])
    assert device.exit_code == 2 and "/dev/zero is a device" in device.output
    same = CliRunner().invoke(cli, ["extract", "--in", str(source), "--out", str(source)])
    assert same.exit_code == 2 and "is the input file" in same.output
    assert json.loads(source.read_text())["id"] == "a"  # the input is untouched


def test_an_output_file_that_cannot_be_opened_is_one_line(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "text": "Ana Lee said the bridge would reopen."}) + "\n", encoding="utf-8")
    out = tmp_path / "no-such-folder" / "out.jsonl"
    result = CliRunner().invoke(cli, ["extract", "--in", str(source), "--out", str(out)])
    assert result.exit_code == 1
    assert (
        result.output.strip()
        == f"Error: cannot write the results: Could not open file '{out}': No such file or directory"
    )
    assert not out.parent.exists()


def test_an_output_that_refuses_writes_is_one_line_naming_it(tmp_path: Path) -> None:
    """The failed write ended the run with its own line, which closing the file (flushing the same lines again)
    replaced with a bare `No space left on device`."""
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "text": "Ana Lee said the bridge would reopen."}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", "--in", str(source), "--out", "/dev/full", "--workers", "1"])
    assert result.exit_code == 1
    assert result.output.strip() == (
        "Error: cannot write the results to /dev/full: No space left on device (0 documents written before)"
    )


def test_ctrl_c_stops_a_real_run_with_code_130_and_keeps_what_was_written(tmp_path: Path) -> None:
    """A real process and a real SIGINT: the documents written stay whole, and the exit code is the shell's 130."""
    source, target = tmp_path / "docs.jsonl", tmp_path / "results.jsonl"
    text = "Mayor Ann Lee said the bridge would reopen in May. " * 40
    source.write_text("".join(json.dumps({"id": f"d{i}", "text": text}) + "\n" for i in range(2000)), encoding="utf-8")
    newsgraph = Path(sys.executable).parent / "newsgraph"  # the console script installed beside this Python
    command = [str(newsgraph), "extract", "--in", str(source), "--out", str(target)]
    process = subprocess.Popen(
        [*command, "--workers", "1"], stderr=subprocess.PIPE, text=True, env=os.environ | {"NEWSGRAPH_CONFIG": ""}
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not target.exists() or target.stat().st_size == 0):
        assert process.poll() is None, process.communicate()[1]
        time.sleep(0.2)
    process.send_signal(signal.SIGINT)
    _, errors = process.communicate(timeout=60)
    assert process.returncode == 130, errors
    assert "interrupted:" in errors and "documents extracted; their results are in" in errors
    written = target.read_text(encoding="utf-8").splitlines()
    assert 0 < len(written) < 2000
    assert all(json.loads(line)["id"] == f"d{i}" for i, line in enumerate(written))
