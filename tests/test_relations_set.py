"""Relations in news prose: the extractor on the invented relation passages, development and held out.

tests/data/relations holds invented passages, each of the 15 types of RELATIONS.md in several forms (see its
README), plus passages that must yield nothing; tests/data/relations-heldout holds passages in other outlets'
styles written apart from the rules and only measured. These tests keep their annotations consistent, the
extractor at or above the measured floors (floors.json in each folder, raise-only) and ahead of the pattern
baseline. The development articles' relation floors are in the quality gate (tests/test_quality_gate.py).
Run it with: .venv/bin/python -m pytest tests/test_relations_set.py -s
"""

from __future__ import annotations

import pytest

from core.settings import Settings
from tests.evaluation_sets import RELATIONS, RELATIONS_HELDOUT, EvaluationSet, Report, print_report

RELATION_FIGURES = {"relation_precision", "relation_f1", "relation_unlabelled_f1"}


SETS = [pytest.param(RELATIONS, id="relations"), pytest.param(RELATIONS_HELDOUT, id="relations-heldout")]


@pytest.mark.parametrize("evaluation_set", SETS)
def test_gold_is_consistent_and_compiled_from_its_annotations(evaluation_set: EvaluationSet) -> None:
    assert evaluation_set.gold_problems() == []
    assert evaluation_set.compiled_annotations() == evaluation_set.gold_records()


def test_held_out_passages_are_new() -> None:
    development = {d["text"] for d in RELATIONS.documents()}
    assert not {d["text"] for d in RELATIONS_HELDOUT.documents()} & development


def test_every_type_is_annotated_and_some_passages_hold_nothing() -> None:
    gold = RELATIONS.gold_records()
    types = [r["predicate"] for record in gold for r in record["relations"]]
    assert all(types.count(kind) >= 6 for kind in set(types)) and len(set(types)) == 15
    assert sum(1 for record in gold if not record["relations"]) >= 5


@pytest.mark.parametrize("evaluation_set", SETS)
def test_relation_floors_are_real_measurements(evaluation_set: EvaluationSet) -> None:
    floors = evaluation_set.floors()
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


@pytest.mark.slow
def test_extractor_scores_at_or_above_the_held_out_relation_floors(base_settings: Settings) -> None:
    report = RELATIONS_HELDOUT.scored_at_floors(base_settings, "the held-out relation passages")
    baseline = RELATIONS_HELDOUT.score_baseline().micro.figures()
    assert report.micro.figures()["relation_f1"] > baseline["relation_f1"]
