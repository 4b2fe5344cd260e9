"""Attribution in other outlets' styles: the extractor on short invented articles of wire agencies, US, UK, Irish,
Indian, Australian, New Zealand and African papers, court and police copy and press-release rewrites.

tests/data/attribution (see its README) holds the hard cases of attribution beside the easy ones in their natural
proportion: a pronoun whose antecedent is sentences back or has a person of the same gender in between, quote
paragraphs that inherit their speaker, documents speaking ("the complaint says", "the report states"), unnamed
groups ("officials said", "residents say"), speakers named by title only when two people hold one, and quotation
marks that are nobody's words. tests/data/attribution-world does the same for Canadian, Singapore, Malaysian,
Philippine, Pakistani, Caribbean, US business and local copy, sports, science, a live blog and an obituary;
tests/data/attribution-regions for African, South Asian, Australian, New Zealand, UK regional and Irish papers; and
tests/data/attribution-genres by genre (trials, briefings, social media, strikes, elections, diplomacy, earnings,
health, disasters, anonymous sources, features, religion, sport); tests/data/attribution-wires news agencies and
state media, UN briefings, East African papers, the Vatican and trade press; tests/data/attribution-longform long
stories where speakers come back by surname, description or pronoun after others spoke; tests/data/attribution-names
speakers whose names are not English "First Last" (honorifics, surname first, particles, single names). These
tests check their size and mix and keep the extractor at or above the measured floors (each set's floors.json,
raise-only); tests/test_evaluation_sets.py checks that their gold is what their annotation files compile to.
Run it with: .venv/bin/python -m pytest tests/test_attribution_set.py -s
"""

from __future__ import annotations

import pytest

from core.settings import Settings
from tests.evaluation_sets import (
    ATTRIBUTION,
    DEVELOPMENT_ATTRIBUTION_SETS,
    STATEMENT_SETS,
    EvaluationSet,
    Report,
)

STATEMENT_FIGURES = {
    "statement_f1",
    "speaker_accuracy",
    "attributed_statement_f1",
    "confident_share",
    "confident_speaker_accuracy",
}


SETS = [pytest.param(s, id=s.name) for s in DEVELOPMENT_ATTRIBUTION_SETS]


@pytest.mark.parametrize("evaluation_set", SETS)
def test_articles_are_new_and_hold_enough_statements(evaluation_set: EvaluationSet) -> None:
    articles = evaluation_set.documents()
    others = {d["text"] for other in STATEMENT_SETS if other is not evaluation_set for d in other.documents()}
    assert not {a["text"] for a in articles} & others
    statements = [s for record in evaluation_set.gold_records() for s in record["statements"]]
    assert len(articles) >= evaluation_set.fewest_articles and len(statements) >= 120


def test_hard_cases_are_annotated_beside_easy_ones() -> None:
    statements = [s for record in ATTRIBUTION.gold_records() for s in record["statements"]]
    groups = [s for s in statements if s["speaker_id"] is None]
    pronouns = [s for s in statements if (s["speaker_mention"] or "").lower() in {"he", "she", "it", "they"}]
    carried = [s for s in statements if s["speaker_mention"] is None]
    documents = [
        s
        for s in statements
        if any(w in (s["speaker_mention"] or "").lower() for w in ("statement", "report", "complaint", "release"))
    ]
    named = [s for s in statements if s["speaker_id"] is not None and s["speaker_mention"] and " " in s["speaker"]]
    assert len(groups) >= 20 and len(pronouns) >= 20 and len(carried) >= 3 and len(documents) >= 6
    assert len(named) > len(statements) / 3  # the easy cases stay the usual case


@pytest.mark.parametrize("evaluation_set", SETS)
def test_attribution_floors_are_real_measurements(evaluation_set: EvaluationSet) -> None:
    floors = evaluation_set.floors()
    assert set(floors) >= STATEMENT_FIGURES
    assert all(0.4 <= floor <= 1.0 for floor in floors.values()), floors  # a new kind of news may start low


@pytest.fixture(scope="module")
def report(base_settings: Settings) -> Report:
    return ATTRIBUTION.score_extractor(base_settings)


@pytest.mark.slow
@pytest.mark.parametrize("evaluation_set", SETS)
def test_extractor_scores_at_or_above_the_attribution_floors(
    evaluation_set: EvaluationSet, base_settings: Settings
) -> None:
    evaluation_set.scored_at_floors(base_settings, evaluation_set.folder.name)


@pytest.mark.slow
def test_extractor_beats_the_reporting_verb_baseline_on_attribution(report: Report) -> None:
    baseline = ATTRIBUTION.score_baseline().micro.figures()
    ours = report.micro.figures()
    ours_f1, baseline_f1 = ours["attributed_statement_f1"], baseline["attributed_statement_f1"]
    assert ours_f1 is not None and baseline_f1 is not None
    assert ours_f1 > baseline_f1
