"""The quote-trail development set (tests/data/quotes) and its scorer (bench/score_quote_trail.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import score_quote_trail as trail

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def quotes() -> list[trail.Quote]:
    return trail.read_quotes()  # raises when an annotation's offsets do not hold its text


@pytest.mark.parametrize("name", ["quotes", "quotes-heldout"])
def test_every_document_has_an_outlet_and_a_date_and_every_quote_its_fields(name: str) -> None:
    trail.read_quotes(DATA / name)  # raises when an annotation's offsets do not hold its text
    documents = [json.loads(line) for line in (DATA / name / "docs.jsonl").read_text(encoding="utf-8").splitlines()]
    assert all(d["source"] and d["published"] for d in documents)
    gold = [json.loads(line) for line in (DATA / name / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [g["id"] for g in gold] == [d["id"] for d in documents]
    for quote in (q for g in gold for q in g["quotes"]):
        assert quote["kind"] in ("direct", "indirect") and quote["attributed_to"] and quote["utterance"]
        assert not quote["altered"] or quote["kind"] == "direct"  # only a direct rendering can alter the words


def test_the_set_holds_the_cases_the_clusters_must_get_right(quotes) -> None:
    by_utterance: dict[str, list[trail.Quote]] = {}
    for quote in quotes:
        by_utterance.setdefault(quote.utterance, []).append(quote)
    sizes = sorted(len(group) for group in by_utterance.values())
    assert sizes[-1] >= 6 and sizes.count(1) >= 5  # one utterance travelling far; near misses standing alone
    assert any(len({q.attributed_to for q in group}) > 1 for group in by_utterance.values())  # a conflict
    assert any(len({q.kind for q in group}) > 1 for group in by_utterance.values())  # direct and reported
    assert any(q.altered for q in quotes)
    split = [g for g in by_utterance.values() if len({q.document for q in g}) < len(g)]  # one quote, two parts
    assert split


def test_the_annotation_scores_one_and_the_exact_text_baseline_less(quotes) -> None:
    perfect = trail.score(quotes, trail.annotated)
    assert perfect["bcubed"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert perfect["attribution_conflict_pairs"]["precision"] == 1.0
    assert perfect["altered_quotes"]["recall"] == 1.0
    baseline = trail.score(quotes, trail.exact_text)
    assert baseline["bcubed"]["recall"] < 0.7  # fragments, edits and reported speech are missed
    assert baseline["bcubed"]["precision"] < 1.0  # two people's "No comment." are one text, not one utterance
    assert baseline["altered_quotes"]["found"] == 0


def test_bcubed_on_a_small_case_worked_by_hand() -> None:
    truth = {"a": "x", "b": "x", "c": "y"}
    found = {"a": "1", "b": "2", "c": "2"}
    precision, recall, f1 = trail.bcubed(found, truth)
    # a: 1/1 precise, 1/2 recalled; b: 1/2, 1/2; c: 1/2, 1/1
    assert precision == pytest.approx(2 / 3) and recall == pytest.approx(2 / 3) and f1 == pytest.approx(2 / 3)


@pytest.mark.parametrize("name", ["quotes", "quotes-heldout"])
def test_the_utterance_rules_meet_the_targets(name: str) -> None:
    result = trail.score(trail.read_quotes(DATA / name), trail.utterance_rules)
    print(name, result)
    assert result["bcubed"]["f1"] >= 0.90  # the targets, development and held-out alike
    for flag in ("attribution_conflict_pairs", "altered_quotes"):
        assert result[flag]["precision"] >= 0.90 and result[flag]["recall"] >= 0.80, flag
