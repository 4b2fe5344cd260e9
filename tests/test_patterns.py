"""The attribution patterns of North American news prose: short hand-written passages, one pattern each.

tests/data/patterns holds 60 invented passages in the style of Canadian and US wire copy, city papers and
broadcasters' web copy (see its README), annotated by docs/annotation.md. These tests keep the annotations
consistent and the extractor at or above the measured floors (tests/data/patterns/floors.json, raise-only).
Run it with: .venv/bin/python -m pytest tests/test_patterns.py -s
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from core.settings import Settings

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import build_gold  # noqa: E402
import score_extract  # noqa: E402
import validate_gold  # noqa: E402
from baseline_extract import baseline_extract  # noqa: E402
from gold_format import read_jsonl  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
PATTERNS = DATA / "patterns"
GOLD = PATTERNS / "gold.jsonl"
DOCS = PATTERNS / "docs.jsonl"
FLOORS = PATTERNS / "floors.json"
STATEMENT_FIGURES = {"statement_precision", "statement_recall", "statement_f1", "speaker_accuracy"}


def load_floors() -> dict[str, float]:
    return json.loads(FLOORS.read_text(encoding="utf-8"))["floors"]


def test_patterns_gold_is_consistent_with_its_passages() -> None:
    assert validate_gold.validate(GOLD, DOCS) == []


def test_patterns_gold_is_what_the_annotation_files_compile_to() -> None:
    assert build_gold.build(DOCS, PATTERNS / "annotations") == list(read_jsonl(GOLD))


def test_passages_are_short_and_new() -> None:
    passages = list(read_jsonl(DOCS))
    assert 40 <= len(passages) <= 90
    assert all(len(p["text"]) < 700 for p in passages), [p["id"] for p in passages if len(p["text"]) >= 700]
    others = {d["text"] for name in ("gold", "heldout") for d in read_jsonl(DATA / name / "docs.jsonl")}
    assert not {p["text"] for p in passages} & others


def test_patterns_floors_are_real_measurements() -> None:
    floors = load_floors()
    assert set(floors) >= STATEMENT_FIGURES
    assert all(0.5 <= floor <= 1.0 for floor in floors.values()), floors


@pytest.fixture(scope="module")
def report(base_settings: Settings) -> score_extract.Report:
    predictions = score_extract.run_extractor(DOCS, base_settings)
    return score_extract.score(list(read_jsonl(GOLD)), predictions)


@pytest.mark.slow
def test_extractor_scores_at_or_above_the_patterns_floors(report: score_extract.Report) -> None:
    assert report.errors == {}
    print("\n" + score_extract.format_report(report, "newsgraph on the patterns set", per_doc=False))
    below = score_extract.floors_below(report.micro.figures(), load_floors())
    assert not below, "below the patterns floors (measured, floor): " + ", ".join(
        f"{name} {measured if measured is None else round(measured, 4)} < {floor}"
        for name, (measured, floor) in below.items()
    )


@pytest.mark.slow
def test_extractor_beats_the_reporting_verb_baseline_on_the_patterns(report: score_extract.Report) -> None:
    baseline = score_extract.score(list(read_jsonl(GOLD)), baseline_extract(list(read_jsonl(DOCS)))).micro.figures()
    ours = report.micro.figures()
    assert ours["statement_f1"] > baseline["statement_f1"]
    assert ours["attributed_statement_f1"] > baseline["attributed_statement_f1"]
