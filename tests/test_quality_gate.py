"""Quality gate: the project's extractor on the hand-annotated development set must not score below its floors.

The floors (tests/data/quality_floors.json) are measured figures rounded down to 0.01. A change may raise them
(`bench/score_extract.py --run --raise-floors tests/data/quality_floors.json`) but not silently lower them.
Run it with: .venv/bin/python -m pytest tests/test_quality_gate.py -m slow -s
"""

from __future__ import annotations

import pytest

from core.settings import Settings
from tests.evaluation_sets import DEVELOPMENT, Report, print_report

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def report(base_settings: Settings) -> Report:
    return DEVELOPMENT.score_extractor(base_settings)


def test_every_gold_document_is_extracted_without_error(report: Report) -> None:
    assert report.errors == {}


def test_extractor_scores_at_or_above_the_floors(report: Report) -> None:
    print_report(report, "newsgraph on the development gold set", per_doc=True)
    shortfalls = DEVELOPMENT.shortfalls(report)
    assert not shortfalls, "below the quality floors (measured, floor): " + ", ".join(shortfalls)


def test_floors_are_real_measurements() -> None:
    """A floor of 0 would let the gate pass on an extractor that finds nothing."""
    floors = DEVELOPMENT.floors()
    assert {"statement_f1", "speaker_accuracy", "entity_f1", "role_f1"} <= set(floors)
    assert all(0.3 <= floor <= 1.0 for floor in floors.values()), floors
