"""Held-out evaluation: the extractor on hand-annotated articles it was never tuned on.

tests/data/heldout is measured, never developed against (see its README): these tests report how the extractor
generalises and keep it from getting worse there. The floors (tests/data/heldout/floors.json) are measured figures
rounded down to 0.01; a change may raise them but not silently lower them.
Run it with: .venv/bin/python -m pytest tests/test_heldout.py -s
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
HELDOUT = DATA / "heldout"
GOLD = HELDOUT / "gold.jsonl"
DOCS = HELDOUT / "docs.jsonl"
FLOORS = HELDOUT / "floors.json"
DEVELOPMENT_DOCS = DATA / "gold" / "docs.jsonl"


def load_floors() -> dict[str, float]:
    return json.loads(FLOORS.read_text(encoding="utf-8"))["floors"]


# ---------------------------------------------------------------- the annotations themselves


def test_heldout_gold_is_consistent_with_its_documents() -> None:
    assert validate_gold.validate(GOLD, DOCS) == []


def test_heldout_gold_is_what_the_annotation_files_compile_to() -> None:
    assert build_gold.build(DOCS, HELDOUT / "annotations") == list(read_jsonl(GOLD))


def test_heldout_documents_are_not_in_the_development_set() -> None:
    heldout = list(read_jsonl(DOCS))
    development = list(read_jsonl(DEVELOPMENT_DOCS))
    assert len(heldout) == 9
    assert not {d["id"] for d in heldout} & {d["id"] for d in development}
    assert not {d["text"] for d in heldout} & {d["text"] for d in development}


def test_floors_are_real_measurements() -> None:
    """A floor of 0 would let the test pass on an extractor that finds nothing."""
    floors = load_floors()
    assert {"statement_precision", "statement_recall", "statement_f1", "speaker_accuracy"} <= set(floors)
    assert {"entity_f1", "role_f1"} <= set(floors)
    assert all(0.3 <= floor <= 1.0 for floor in floors.values()), floors


# ---------------------------------------------------------------- the extractor on the held-out set


@pytest.fixture(scope="module")
def report(base_settings: Settings) -> score_extract.Report:
    predictions = score_extract.run_extractor(DOCS, base_settings)
    return score_extract.score(list(read_jsonl(GOLD)), predictions)


@pytest.fixture(scope="module")
def baseline_report() -> score_extract.Report:
    return score_extract.score(list(read_jsonl(GOLD)), baseline_extract(list(read_jsonl(DOCS))))


@pytest.mark.slow
def test_every_heldout_document_is_extracted_without_error(report: score_extract.Report) -> None:
    assert report.errors == {}
    assert set(report.documents) == {doc["id"] for doc in read_jsonl(DOCS)}


@pytest.mark.slow
def test_extractor_scores_at_or_above_the_heldout_floors(
    report: score_extract.Report, baseline_report: score_extract.Report
) -> None:
    print("\n" + score_extract.format_report(report, "newsgraph on the held-out set", per_doc=False))
    print("\n" + score_extract.format_report(baseline_report, "reporting-verb baseline on the held-out set", False))
    below = score_extract.floors_below(report.micro.figures(), load_floors())
    assert not below, "below the held-out floors (measured, floor): " + ", ".join(
        f"{name} {measured if measured is None else round(measured, 4)} < {floor}"
        for name, (measured, floor) in below.items()
    )


@pytest.mark.slow
def test_extractor_attributes_statements_better_than_the_reporting_verb_baseline(
    report: score_extract.Report, baseline_report: score_extract.Report
) -> None:
    ours, baseline = report.micro.figures(), baseline_report.micro.figures()
    assert ours["statement_f1"] > baseline["statement_f1"]
    assert ours["attributed_statement_f1"] > baseline["attributed_statement_f1"]
