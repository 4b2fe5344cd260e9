"""Quality gate: the project's extractor on the hand-annotated development set must not score below its floors.

The floors (tests/data/quality_floors.json) are measured figures rounded down to 0.01. A change may raise them
(`bench/score_extract.py --run --raise-floors tests/data/quality_floors.json`) but not silently lower them.
Run it with: .venv/bin/python -m pytest tests/test_quality_gate.py -m slow -s
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from core.settings import Settings

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import score_extract  # noqa: E402
from gold_format import read_jsonl  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
GOLD = DATA / "gold" / "gold.jsonl"
DOCS = DATA / "gold" / "docs.jsonl"
FLOORS = DATA / "quality_floors.json"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def report(base_settings: Settings) -> score_extract.Report:
    predictions = score_extract.run_extractor(DOCS, base_settings)
    return score_extract.score(list(read_jsonl(GOLD)), predictions)


def test_every_gold_document_is_extracted_without_error(report: score_extract.Report) -> None:
    assert report.errors == {}


def test_extractor_scores_at_or_above_the_floors(report: score_extract.Report) -> None:
    figures = report.micro.figures()
    print("\n" + score_extract.format_report(report, "newsgraph on the development gold set", per_doc=True))
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))["floors"]
    below = score_extract.floors_below(figures, floors)
    assert not below, "below the quality floors (measured, floor): " + ", ".join(
        f"{name} {measured if measured is None else round(measured, 4)} < {floor}"
        for name, (measured, floor) in below.items()
    )


def test_floors_are_real_measurements() -> None:
    """A floor of 0 would let the gate pass on an extractor that finds nothing."""
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))["floors"]
    assert {"statement_f1", "speaker_accuracy", "entity_f1", "role_f1"} <= set(floors)
    assert all(0.3 <= floor <= 1.0 for floor in floors.values()), floors
