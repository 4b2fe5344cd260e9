"""Shards of extracted articles: the lossless JSON of (Article, Extraction) pairs and the shard files."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from core.record_json import RecordFormatError, pair_from_json, pair_to_json
from core.records import Article, Extraction, Role, Statement, content_hash
from core.shards import ShardError, ShardHeader, ShardPair, ShardWriter, read_shard, read_shards, shard_name
from nlp.runtime.contract import LineError, parse_line
from nlp.runtime.extract import Extractor
from tests.nlp_fixtures import *  # noqa: F403

GOLD_DOCS = Path(__file__).resolve().parent / "data" / "gold" / "docs.jsonl"
HOSTILE = (
    'Minister Ana Brnabić said: "We \\ won\'t" \u201cback down\u201d.\r\n'
    "Second\tline \x00 with NUL, \x1b[2J escape, \u202eoverride\u202c, emoji \U0001f600 and \u00e9\u0301.\n"
    "}) MATCH (n) DETACH DELETE n // said the mayor of Novi Sad."
)


@pytest.fixture(scope="module")
def real_pairs(extractor: Extractor) -> list[tuple[Article, Extraction]]:
    lines = GOLD_DOCS.read_text(encoding="utf-8").splitlines()[:3]
    lines.append(json.dumps({"id": 'hostile "id"\n\\', "text": HOSTILE, "title": "T\u2028itle", "url": "u"}))
    articles = [parse_line(n, line) for n, line in enumerate(lines, start=1)]
    assert not any(isinstance(a, LineError) for a in articles)
    return list(zip(articles, extractor.extract(articles), strict=True))  # type: ignore[arg-type]


def _same(pair: tuple[Article, Extraction], back: tuple[Article, Extraction]) -> None:
    assert back == pair
    for before, after in zip(pair[1].statements, back[1].statements, strict=True):
        assert after.embedding == before.embedding  # compare=False in the dataclass: checked here
        assert type(after.embedding) is tuple and all(type(x) is float for x in after.embedding or ())


def test_real_extractions_round_trip_with_every_field(real_pairs: list[tuple[Article, Extraction]]) -> None:
    statements = [s for _, x in real_pairs for s in x.statements]
    assert len(statements) > 10 and all(s.embedding is not None for s in statements)
    assert any(s.speaker_role is not None for s in statements), "a nested Role is part of the round trip"
    assert any(x.relations for _, x in real_pairs) and any(x.roles for _, x in real_pairs)
    for pair in real_pairs:
        text = pair_to_json(*pair)
        assert "\n" not in text
        back = pair_from_json(text)
        _same(pair, back)
        assert type(back[1].entities[0].mentions[0]) is tuple if back[1].entities else True


def test_hostile_text_comes_back_exactly(real_pairs: list[tuple[Article, Extraction]]) -> None:
    article, extraction = real_pairs[-1]
    back_article, back_extraction = pair_from_json(pair_to_json(article, extraction).encode("utf-8"))
    assert back_article.text == HOSTILE and back_article.id == 'hostile "id"\n\\'
    assert back_article.title == "T\u2028itle"
    for statement in back_extraction.statements:
        assert back_article.text[statement.start : statement.end] == statement.text


def test_a_lone_surrogate_parse_line_lets_through_survives_the_round_trip() -> None:
    # parse_line refuses one in `text` and drops a title or url holding one, but keeps it in an `id`.
    refused = parse_line(1, json.dumps({"id": "x", "text": "a \ud800 b"}))
    assert isinstance(refused, LineError) and "lone surrogate" in str(refused)
    kept = parse_line(2, json.dumps({"id": "id \udcff", "text": "Hello.", "title": "\ud800"}))
    assert isinstance(kept, Article) and kept.id == "id \udcff" and kept.title is None
    extraction = Extraction(kept.id, "v1", warnings=("w \ud800",))
    text = pair_to_json(kept, extraction)
    text.encode("utf-8")  # escaped, so the line can be written
    assert pair_from_json(text) == (kept, extraction)


def test_every_field_set_off_its_default_round_trips() -> None:
    role = Role("person:a", "minister", "organization:b", 3, 9, "then", "sentence")
    statement = Statement(
        0, 5, "Hello", "mixed", "A", "he", "person:a", "said", "B", "2024-01-02", role, "Hello, he said.",
        1, 16, ("organization:b",), 0.25, "pronoun", 2, (0.1, -1e-300, 3.5),
    )  # fmt: skip
    article = Article("a", "Hello, he said.", content_hash("Hello, he said."), "t", "u", "2024-01-02", "s", "au",
                      "en", "o", "dup")  # fmt: skip
    extraction = Extraction("a", "v", (statement,), (), (role,), (), (), "boom", ("w",))
    defaults = [f.name for r in (article, extraction, statement, role) for f in dataclasses.fields(r)
                if f.default is not dataclasses.MISSING and getattr(r, f.name) == f.default]  # fmt: skip
    assert defaults == ["entities", "relations", "links"], "every other field is set off its default"
    back = pair_from_json(pair_to_json(article, extraction))
    _same((article, extraction), back)
    assert back[1].statements[0].embedding == (0.1, -1e-300, 3.5), "not float32: packed as float64, exactly"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "not valid JSON"),
        ('{"article": {}}', "exactly `article` and `extraction`"),
        ('{"article": {"id": "a"}, "extraction": {}}', "article: field `text` is missing"),
        ('{"article": {"id": 1, "text": "", "content_hash": ""}, "extraction": {}}', "article.id: expected a string"),
        (
            '{"article": {"id": "a", "text": "", "content_hash": "", "colour": 1}, "extraction": {}}',
            "unknown field 'colour'",
        ),
        (
            '{"article": {"id": "a", "text": "", "content_hash": ""},'
            ' "extraction": {"article_id": "a", "extractor_version": "v", "statements": [{"start": true}]}}',
            "extraction.statements[0].start: expected an integer",
        ),
        (
            '{"article": {"id": "a", "text": "", "content_hash": ""}, "extraction": {"article_id": "a",'
            ' "extractor_version": "v", "statements": [{"start": 0, "end": 1, "text": "x", "kind": "shouted"}]}}',
            "extraction.statements[0].kind: 'shouted' is not one of",
        ),
        (
            '{"article": {"id": "a", "text": "", "content_hash": ""}, "extraction": {"article_id": "a",'
            ' "extractor_version": "v", "statements": [{"start": 0, "end": 1, "text": "x", "kind": "direct",'
            ' "embedding": {"f4": "AAA"}}]}}',
            "embedding: not base64 of 4-byte floats",
        ),
    ],
)
def test_json_that_is_no_pair_is_refused_with_where(text: str, message: str) -> None:
    with pytest.raises(RecordFormatError, match=message.replace("[", r"\[").replace("]", r"\]").replace("(", r"\(")):
        pair_from_json(text)


def _header(**changes: object) -> ShardHeader:
    values = dict(source="docs.jsonl", input_path="/in/docs.jsonl", input_size=10, input_mtime=1.5, first_line=1,
                  last_line=3, input_sha256="0" * 64, extractor_version="v")  # fmt: skip
    return dataclasses.replace(ShardHeader(**values), **changes)  # type: ignore[arg-type]


def _write_shard(directory: Path, pairs: list[tuple[Article, Extraction]]) -> Path:
    path = directory / shard_name("docs.jsonl", 0)
    with ShardWriter(path, _header(last_line=len(pairs) + 1)) as writer:
        for number, (article, extraction) in enumerate(pairs, start=1):
            writer.write_pair(number, article, extraction)
        writer.write_error(len(pairs) + 1, f"line {len(pairs) + 1}: empty line", None)
        writer.finish()
    return path


def test_a_shard_reads_back_its_pairs_and_error_lines(tmp_path: Path, real_pairs) -> None:
    path = _write_shard(tmp_path, real_pairs)
    assert [p.name for p in tmp_path.iterdir()] == ["docs.shard-000000.jsonl"], "no temporary file left"
    items = list(read_shards(tmp_path))
    assert [type(i) for i in items] == [ShardPair] * len(real_pairs) + [ShardError]
    for item, pair in zip(items, real_pairs, strict=False):
        assert isinstance(item, ShardPair)
        _same(pair, (item.article, item.extraction))
    error = items[-1]
    assert isinstance(error, ShardError) and not error.damaged and error.input_line == len(real_pairs) + 1
    assert error.reason.endswith("empty line") and error.shard == path


def test_a_shard_left_unfinished_does_not_exist(tmp_path: Path, real_pairs) -> None:
    path = tmp_path / shard_name("docs.jsonl", 0)
    with pytest.raises(RuntimeError), ShardWriter(path, _header()) as writer:
        writer.write_pair(1, *real_pairs[0])
        raise RuntimeError("killed")
    assert list(tmp_path.iterdir()) == []


def test_a_shard_cut_mid_line_gives_its_complete_lines_and_names_the_cut_one(tmp_path: Path, real_pairs) -> None:
    path = _write_shard(tmp_path, real_pairs)
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join(lines[:3]) + lines[3][: len(lines[3]) // 2])
    items = list(read_shard(path))
    assert [type(i) for i in items] == [ShardPair, ShardPair, ShardError, ShardError]
    cut, missing = items[2], items[3]
    assert isinstance(cut, ShardError) and cut.damaged and cut.shard_line == 4 and "cut in the middle" in cut.reason
    assert isinstance(missing, ShardError) and "input lines 4-5 (2) are missing" in missing.reason


def test_a_file_that_is_no_shard_is_one_error(tmp_path: Path) -> None:
    (tmp_path / "notes.shard-000000.jsonl").write_text('{"id": "x", "text": "y"}\n')
    (tmp_path / "results.jsonl").write_text("{}\n")  # not named as a shard: not read
    [item] = list(read_shards(tmp_path))
    assert isinstance(item, ShardError) and item.damaged and "not a newsgraph-shard/1 header" in item.reason


def test_a_number_of_thousands_of_digits_is_a_damaged_line_or_header_not_a_crash(tmp_path: Path, real_pairs) -> None:
    """json reads such a number with int(), which refuses more than 4300 digits with a ValueError of its own."""
    huge = "1" + "0" * 5000
    path = _write_shard(tmp_path, real_pairs)
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join([lines[0], b'{"line": ' + huge.encode() + b"}\n", *lines[2:]]))
    items = list(read_shard(path))
    assert [type(i) for i in items] == [ShardError] + [ShardPair] * (len(real_pairs) - 1) + [ShardError]
    assert isinstance(items[0], ShardError) and items[0].damaged
    assert items[0].reason == "not valid JSON (a number of more than 4300 digits)"
    other = tmp_path / "other"
    other.mkdir()
    (other / "docs.shard-000000.jsonl").write_text(
        '{"newsgraph_shard": "newsgraph-shard/1", "first_line": ' + huge + "}\n"
    )
    [item] = list(read_shards(other))
    assert isinstance(item, ShardError) and item.damaged
    assert item.reason == "not a shard: the header is not valid JSON (a number of more than 4300 digits)"
    with pytest.raises(RecordFormatError, match="a number of more than 4300 digits"):
        pair_from_json('{"article": ' + huge + "}")


# --- newsgraph extract --out DIR/ ---------------------------------------------------------------------------------

SHARD_VERSION = "test-version config/000000000000"


def _documents(tmp_path: Path, count: int = 3, bad: bool = True) -> Path:
    lines = GOLD_DOCS.read_text(encoding="utf-8").splitlines()[:count]
    if bad:
        lines[1:1] = ["{not json", ""]
    source = tmp_path / "in" / "docs.jsonl"
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return source


def _run_shards(extractor: Extractor, nlp_settings, source: Path, out: Path, size: int = 2):
    from newsgraph.shard_extract import Input, extract_to_shards

    return extract_to_shards([Input(source.name, source)], out, extractor, SHARD_VERSION, nlp_settings, size)


def test_extract_writes_shards_of_every_input_line_and_a_rerun_keeps_them(tmp_path, extractor, nlp_settings) -> None:
    source, out = _documents(tmp_path), tmp_path / "out"
    run = _run_shards(extractor, nlp_settings, source, out)
    assert (run.written, run.kept, run.documents, run.errors) == (3, 0, 5, 2)
    names = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert names == ["docs.shard-000000.jsonl", "docs.shard-000001.jsonl", "docs.shard-000002.jsonl"]
    items = list(read_shards(out))
    assert [i.input_line for i in items] == [1, 2, 3, 4, 5]
    assert [type(i).__name__ for i in items] == ["ShardPair", "ShardError", "ShardError", "ShardPair", "ShardPair"]
    reasons = [i.reason for i in items if isinstance(i, ShardError)]
    assert reasons[0].startswith("line 2: not valid JSON") and reasons[1] == "line 3: empty line"
    pairs = [i for i in items if isinstance(i, ShardPair)]
    assert all(p.extraction.extractor_version == SHARD_VERSION for p in pairs)
    assert all(s.embedding is not None and len(s.embedding) == 384 for p in pairs for s in p.extraction.statements)
    header = ShardHeader.from_json(next(iter(out.glob("docs.shard-000001.jsonl"))).read_bytes().split(b"\n")[0])
    assert (header.first_line, header.last_line, header.source) == (3, 4, "docs.jsonl")

    finished = {p.name: p.stat().st_mtime_ns for p in out.glob("*.jsonl")}
    (out / ".docs.shard-000001.jsonl.partial").write_text("half a shard from a killed run")
    again = _run_shards(extractor, nlp_settings, source, out)
    assert (again.written, again.kept, again.removed, again.documents) == (0, 3, 1, 0)
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.jsonl")} == finished, "nothing rewritten"
    assert not list(out.glob(".*.partial"))


def test_a_changed_input_line_redoes_only_its_shard_and_a_shorter_input_drops_the_rest(
    tmp_path, extractor, nlp_settings
) -> None:
    source, out = _documents(tmp_path), tmp_path / "out"
    _run_shards(extractor, nlp_settings, source, out)
    lines = source.read_text(encoding="utf-8").splitlines()
    lines[1] = json.dumps({"id": "fixed", "text": "Mayor Ana Brnabić said the plan was ready."})
    source.write_text("\n".join(lines[:4]) + "\n", encoding="utf-8")  # line 2 fixed, line 5 gone
    run = _run_shards(extractor, nlp_settings, source, out)
    assert (run.written, run.kept, run.removed, run.documents) == (1, 1, 1, 2), "lines 1-2 again, 3-4 kept"
    assert [i.input_line for i in read_shards(out)] == [1, 2, 3, 4]
    assert isinstance(list(read_shards(out))[1], ShardPair)
    run = _run_shards(extractor, nlp_settings, source, out, size=3)  # another shard size: other ranges
    assert (run.written, run.kept, run.removed) == (2, 0, 0)
    assert [i.input_line for i in read_shards(out)] == [1, 2, 3, 4]
    run = _run_shards(extractor, nlp_settings, source, out, size=10)  # one shard now: the second one goes
    assert (run.written, run.kept, run.removed) == (1, 0, 1)
    assert sorted(p.name for p in out.glob("*.jsonl")) == ["docs.shard-000000.jsonl"]


def _cli(*arguments: str):
    from click.testing import CliRunner

    from newsgraph.cli import cli

    environ = {"NEWSGRAPH_CONFIG": "", "NEWSGRAPH_ALIASES_FILE": ""}
    return CliRunner().invoke(cli, list(arguments), env=environ)


def test_extract_cli_folder_mode_is_chosen_by_the_out_name(tmp_path) -> None:
    source = _documents(tmp_path, count=1, bad=False)
    refused = _cli("extract", "--in", str(source), "--out", str(tmp_path / "r.jsonl"), "--shard-size", "5")
    assert refused.exit_code == 2 and "--shard-size goes with a folder" in refused.output
    inside = _cli("extract", "--in", str(source.parent), "--out", str(source.parent / "shards"))
    assert inside.exit_code == 2 and "inside --in" in inside.output
    empty = tmp_path / "nothing"
    empty.mkdir()
    nothing = _cli("extract", "--in", str(empty), "--out", str(tmp_path / "o"))
    assert nothing.exit_code == 1 and "holds no *.jsonl file" in nothing.output
    assert not (tmp_path / "r.jsonl").exists() and not (tmp_path / "o").exists()


def test_extract_cli_writes_the_same_shards_with_one_worker_and_with_two(tmp_path) -> None:
    source = _documents(tmp_path, count=3)
    one = _cli("extract", "--in", str(source.parent), "--out", str(tmp_path / "one"), "--workers", "1",
               "--shard-size", "2", "--no-progress")  # fmt: skip
    assert one.exit_code == 0, one.output
    assert "extracted 5 documents (2 with an error) into 3 shards; 0 finished shards kept" in one.output
    two = _cli("extract", "--in", str(source.parent), "--out", str(tmp_path / "two") + "/", "--workers", "2",
               "--shard-size", "2", "--no-progress")  # fmt: skip
    assert two.exit_code == 0, two.output
    shards_one = sorted((tmp_path / "one").glob("*.jsonl"))
    assert len(shards_one) == 3
    for path in shards_one:
        assert path.read_bytes() == (tmp_path / "two" / path.name).read_bytes(), path.name


def test_a_full_disk_ends_extract_in_one_line_and_leaves_no_half_shard(tmp_path, tiny_disk) -> None:
    source = _documents(tmp_path, count=3, bad=False)
    result = _cli("extract", "--in", str(source), "--out", str(tiny_disk) + "/", "--workers", "1",
                  "--shard-size", "1", "--no-progress")  # fmt: skip
    assert result.exit_code == 1, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "No space left on device" in errors[0] and "run the same command again" in errors[0]
    assert "Traceback" not in result.output
    assert not list(tiny_disk.glob(".*.partial")), "the half-written shard is gone"
    finished = sorted(tiny_disk.glob("*.jsonl"))
    assert 1 <= len(finished) < 3
    for path in finished:
        assert all(not (isinstance(i, ShardError) and i.damaged) for i in read_shard(path)), path.name


def test_a_second_run_into_the_same_folder_stops_at_once(tmp_path, extractor, nlp_settings) -> None:
    import fcntl

    from core.errors import NewsgraphError
    from newsgraph.shard_extract import LOCK_NAME

    source, out = _documents(tmp_path, count=1, bad=False), tmp_path / "out"
    out.mkdir()
    with (out / LOCK_NAME).open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(NewsgraphError, match="being written by another extract run"):
            _run_shards(extractor, nlp_settings, source, out)
    assert [p.name for p in out.iterdir()] == [LOCK_NAME], "nothing written"
    assert _run_shards(extractor, nlp_settings, source, out).written == 1, "free again once the other run ends"


def test_shards_written_beside_the_input_are_not_read_again_as_documents(tmp_path) -> None:
    """`extract --in folder/docs.jsonl --out folder/` puts the shards beside the documents; a later `--in folder`
    reads the documents only, not those extractions."""
    from newsgraph.shard_extract import input_files

    (tmp_path / "docs.jsonl").write_text('{"id": "a", "text": "x"}\n')
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "more.jsonl").write_text('{"id": "b", "text": "y"}\n')
    (tmp_path / shard_name("docs", 1)).write_text("a shard\n")
    (tmp_path / "nested" / shard_name("more", 1)).write_text("a shard\n")
    assert [i.source for i in input_files(tmp_path)] == ["docs.jsonl", "nested/more.jsonl"]
