"""Relations in news prose: the extractor on tests/data/relations and on the development gold's relations.

tests/data/relations holds invented passages, each of the 15 types of RELATIONS.md in several forms (see its
README), plus passages that must yield nothing. These tests keep its annotations consistent, the extractor at or
above the measured floors (tests/data/relations/floors.json, raise-only) and ahead of the pattern baseline.
Run it with: .venv/bin/python -m pytest tests/test_relations_set.py -s
"""

from __future__ import annotations

import pytest

from core.settings import Settings
from tests.evaluation_sets import RELATIONS, Report, print_report

RELATION_FIGURES = {"relation_precision", "relation_f1", "relation_unlabelled_f1"}


def test_gold_is_consistent_and_compiled_from_its_annotations() -> None:
    assert RELATIONS.gold_problems() == []
    assert RELATIONS.compiled_annotations() == RELATIONS.gold_records()


def test_every_type_is_annotated_and_some_passages_hold_nothing() -> None:
    gold = RELATIONS.gold_records()
    types = [r["predicate"] for record in gold for r in record["relations"]]
    assert all(types.count(kind) >= 6 for kind in set(types)) and len(set(types)) == 15
    assert sum(1 for record in gold if not record["relations"]) >= 5


def test_relation_floors_are_real_measurements() -> None:
    floors = RELATIONS.floors()
    assert set(floors) >= RELATION_FIGURES
    assert all(0.15 <= floor <= 1.0 for floor in floors.values()), floors


@pytest.fixture(scope="module")
def report(base_settings: Settings) -> Report:
    return RELATIONS.score_extractor(base_settings)


@pytest.mark.slow
def test_extractor_scores_at_or_above_the_relation_floors(report: Report) -> None:
    assert report.errors == {}
    print_report(report, "newsgraph on the relations set")
    shortfalls = RELATIONS.shortfalls(report)
    assert not shortfalls, "below the relation floors (measured, floor): " + ", ".join(shortfalls)


@pytest.mark.slow
def test_extractor_beats_the_pattern_baseline(report: Report) -> None:
    baseline = RELATIONS.score_baseline().micro.figures()
    ours = report.micro.figures()
    assert ours["relation_f1"] > baseline["relation_f1"]
    assert ours["relation_precision"] > baseline["relation_precision"]


@pytest.mark.slow
def test_passages_without_relations_yield_none(report: Report) -> None:
    empty = [record["id"] for record in RELATIONS.gold_records() if not record["relations"]]
    false = {doc_id: report.documents[doc_id].relations_pred for doc_id in empty}
    assert sum(false.values()) <= 2, false  # negation, hypotheticals, questions, co-occurrence are no facts
