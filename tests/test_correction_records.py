"""The correction record without a database: the checks every field passes, the file format, the aliases file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.correction_file import aliases_file_corrections, read_correction_file, to_line, write_corrections
from graph.correction_records import CorrectionError, make_correction, normalise_time, parse_relation_key


def test_a_new_speaker_gets_the_id_the_extractor_would_give_it():
    made = make_correction("reassign-speaker", "a:1@3-9", {"name": "Nebojša Stefanović"}, editor="ana")
    assert made.after == {"speaker_id": "person:nebojsa-stefanovic", "name": "Nebojša Stefanović", "type": "Person"}
    assert made.article_id == "a:1" and made.id.startswith("c-")


@pytest.mark.parametrize(
    ("kind", "target", "after", "message"),
    [
        ("teleport", "person:x", {}, "unknown kind of correction 'teleport'"),
        ("rename", "Andrej", {"name": "A"}, "is not an entity id"),
        ("reject-statement", "a:1", {}, "is not a statement id"),
        ("reject-relation", "a|MEETS|b", {}, "is not a relation key"),
        ("reject-relation", "person:a|LIKES|person:b|a:1@1-2", {}, "'LIKES' is not a relation type"),
        ("retype", "person:x", {"type": "Planet"}, "is not one of"),
        ("rename", "person:x", {"name": "a\x1b[2Jb"}, "holds control characters"),
        ("rename", "person:x", {"name": "Ana\u2028Marić"}, "holds control characters"),
        ("reassign-speaker", "a:1@1-2", {"name": "Ana\u2029Marić"}, "holds control characters"),
        ("rename", "person:x", {"name": "x" * 301}, "longer than 300 characters"),
        ("rename", "person:x", {"name": "X", "type": "Person"}, "a rename correction takes no type"),
        ("merge", "person:x", {"into": "person:x"}, "cannot be merged into itself"),
        ("reassign-speaker", "a:1@1-2", {}, "the new speaker's name is missing"),
    ],
)
def test_a_bad_field_is_one_clear_error(kind, target, after, message):
    with pytest.raises(CorrectionError, match=message):
        make_correction(kind, target, after, editor="ana")


def test_a_reason_may_hold_line_breaks_a_name_may_not():
    made = make_correction("rename", "person:x", {"name": "Ana"}, editor="ana", reason="one\u2028two")
    assert made.reason == "one\u2028two"
    with pytest.raises(CorrectionError, match="the editor name holds control characters"):
        make_correction("rename", "person:x", {"name": "Ana"}, editor="a\u2028b")


def test_times_become_one_sortable_text():
    assert normalise_time("2026-01-02T10:00:00Z") == "2026-01-02T10:00:00.000000+00:00"
    assert normalise_time("2026-01-02T11:00:00+01:00") == "2026-01-02T10:00:00.000000+00:00"
    assert normalise_time("2026-01-02") == "2026-01-02T00:00:00.000000+00:00"
    with pytest.raises(CorrectionError, match="not an ISO 8601 time"):
        normalise_time("last Tuesday")


def test_a_relation_key_reads_back():
    assert parse_relation_key("organization:a|SUPPLIES|organization:b|x:1@10-80") == {
        "subject": "organization:a", "type": "SUPPLIES", "object": "organization:b", "article_id": "x:1",
        "start": 10, "end": 80,
    }  # fmt: skip


def test_the_file_round_trips_and_keeps_html_as_data(tmp_path: Path):
    hostile = "<script>alert(1)</script> **x**"
    made = make_correction("rename", "person:x", {"name": hostile}, editor=hostile, reason=hostile)
    path = tmp_path / "c.jsonl"
    assert write_corrections([made], path) == 1
    line = path.read_text(encoding="utf-8").splitlines()[0]
    assert list(json.loads(line)) == ["id", "kind", "target", "after", "before", "editor", "created_at", "reason",
                                      "status"]  # fmt: skip
    read, problems = read_correction_file(path)
    assert problems == [] and read == [made] and to_line(read[0]) == line


def test_a_repeated_id_and_a_bad_undone_line_are_refused(tmp_path: Path):
    made = make_correction("retype", "event:x", {"type": "Law"}, editor="ana")
    record = json.loads(to_line(made))
    path = tmp_path / "c.jsonl"
    lines = [json.dumps(record), json.dumps(record), json.dumps({**record, "id": "c-2", "status": "undone"})]
    path.write_text("\n".join(lines), encoding="utf-8")
    read, problems = read_correction_file(path)
    assert read == [made]
    assert problems == [f"{path}:2: the id {made.id} is on an earlier line too",
                        f"{path}:3: an undone correction needs undone_by"]  # fmt: skip


def test_the_aliases_file_is_listed_as_corrections(tmp_path: Path):
    path = tmp_path / "aliases.toml"
    path.write_text('ignore = ["Belgrade"]\n[[entity]]\nname = "SHARE"\ntype = "Organization"\n'
                    'aliases = ["SHARE Foundation"]\n[[split]]\nnames = ["Luka Jovanović", "Stefan Jovanović"]\n',
                    encoding="utf-8")  # fmt: skip
    listed = aliases_file_corrections(path)
    assert [(c.kind, c.target, c.editor, c.source) for c in listed] == [
        ("merge", "SHARE Foundation", "aliases file", "aliases file"),
        ("split-alias", "Luka Jovanović | Stefan Jovanović", "aliases file", "aliases file"),
        ("reject-entity", "Belgrade", "aliases file", "aliases file"),
    ]
    assert listed[0].describe() == "SHARE Foundation merged into SHARE"
    path.write_text("[[entity]\n", encoding="utf-8")
    with pytest.raises(CorrectionError, match="cannot read the aliases file"):
        aliases_file_corrections(path)


def test_a_dangling_correction_is_reported_once_however_many_batches_apply_it(caplog):
    from graph.corrections import _warn_dangling

    with caplog.at_level("WARNING", logger="graph.corrections"):
        for _ in range(3):
            _warn_dangling("c-once-a-run", "rename", "person:nobody")
        _warn_dangling("c-another", "rename", "person:nobody")
    messages = [r.getMessage() for r in caplog.records]
    assert messages == [
        "correction c-once-a-run (rename person:nobody): its target is not in the graph",
        "correction c-another (rename person:nobody): its target is not in the graph",
    ]


def test_a_split_without_its_new_id_is_described_without_none():
    from graph.correction_records import make_correction

    split = make_correction("split-alias", "location:florida", {"alias": "Fla."}, editor="ana")
    assert "None" not in split.describe()
    assert split.describe().startswith("'Fla.' split off location:florida as ")


def test_an_aliases_file_the_extractor_refuses_is_not_listed_as_corrections(tmp_path: Path):
    """The audit read `aliases = "HW"` as two merges, of "H" and of "W"; the extractor now refuses such a file,
    and the audit says why instead of listing what nothing applies."""
    path = tmp_path / "aliases.toml"
    path.write_text('[[entity]]\nname = "Huawei"\ntype = "Organization"\naliases = "HW"\n', encoding="utf-8")
    with pytest.raises(CorrectionError) as raised:
        aliases_file_corrections(path)
    assert str(raised.value) == f"{path}: [[entity]] #1: 'aliases' must be a list of strings"
