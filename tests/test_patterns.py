"""The attribution patterns of North American news prose: short hand-written passages, one pattern each.

tests/data/patterns holds 60 invented passages in the style of Canadian and US wire copy, city papers and
broadcasters' web copy (see its README), annotated by docs/annotation.md. These tests keep the annotations
consistent and the extractor at or above the measured floors (tests/data/patterns/floors.json, raise-only).
Run it with: .venv/bin/python -m pytest tests/test_patterns.py -s
"""

from __future__ import annotations

import pytest

from core.settings import Settings
from tests.evaluation_sets import DEVELOPMENT, HELDOUT, PATTERNS, Report, print_report

STATEMENT_FIGURES = {"statement_precision", "statement_recall", "statement_f1", "speaker_accuracy"}


def test_passages_are_short_and_new() -> None:
    passages = PATTERNS.documents()
    assert 40 <= len(passages) <= 90
    assert all(len(p["text"]) < 700 for p in passages), [p["id"] for p in passages if len(p["text"]) >= 700]
    others = {d["text"] for other in (DEVELOPMENT, HELDOUT) for d in other.documents()}
    assert not {p["text"] for p in passages} & others


def test_patterns_floors_are_real_measurements() -> None:
    floors = PATTERNS.floors()
    assert set(floors) >= STATEMENT_FIGURES
    assert all(0.5 <= floor <= 1.0 for floor in floors.values()), floors


@pytest.fixture(scope="module")
def report(base_settings: Settings) -> Report:
    return PATTERNS.score_extractor(base_settings)


@pytest.mark.slow
def test_extractor_scores_at_or_above_the_patterns_floors(report: Report) -> None:
    assert report.errors == {}
    print_report(report, "newsgraph on the patterns set")
    shortfalls = PATTERNS.shortfalls(report)
    assert not shortfalls, "below the patterns floors (measured, floor): " + ", ".join(shortfalls)


@pytest.mark.slow
def test_extractor_beats_the_reporting_verb_baseline_on_the_patterns(report: Report) -> None:
    baseline = PATTERNS.score_baseline().micro.figures()
    ours = report.micro.figures()
    assert ours["statement_f1"] > baseline["statement_f1"]
    assert ours["attributed_statement_f1"] > baseline["attributed_statement_f1"]
