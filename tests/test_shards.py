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
