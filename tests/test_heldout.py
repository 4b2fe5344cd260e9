"""Held-out evaluation: the extractor on hand-annotated articles it was never tuned on.

tests/data/heldout (nine sample articles) and tests/data/attribution-heldout (32 articles in news styles no
development set has) are measured, never developed against (see their READMEs): these tests report how the extractor
generalises and keep it from getting worse there. The floors (each set's floors.json) are measured figures rounded
down to 0.01; a change may raise them but not silently lower them.
Run it with: .venv/bin/python -m pytest tests/test_heldout.py -s
"""

from __future__ import annotations

import pytest

from core.settings import Settings
from tests.evaluation_sets import (
    ATTRIBUTION_HELDOUT,
    ATTRIBUTION_HELDOUT_BEATS,
    ATTRIBUTION_HELDOUT_FEATURES,
    ATTRIBUTION_HELDOUT_LIVES,
    ATTRIBUTION_HELDOUT_LOCAL,
    ATTRIBUTION_HELDOUT_NAMES,
    ATTRIBUTION_HELDOUT_ROLLING,
    ATTRIBUTION_HELDOUT_STORIES,
    ATTRIBUTION_HELDOUT_VOICES,
    DEVELOPMENT,
    HELDOUT,
    STATEMENT_SETS,
    EvaluationSet,
    Report,
    print_report,
)

# ---------------------------------------------------------------- the documents and the floors


def test_heldout_documents_are_not_in_the_development_set() -> None:
    heldout = HELDOUT.documents()
    development = DEVELOPMENT.documents()
    assert len(heldout) == 9
    assert not {d["id"] for d in heldout} & {d["id"] for d in development}
    assert not {d["text"] for d in heldout} & {d["text"] for d in development}


def test_floors_are_real_measurements() -> None:
    """A floor of 0 would let the test pass on an extractor that finds nothing."""
    floors = HELDOUT.floors()
    assert {"statement_precision", "statement_recall", "statement_f1", "speaker_accuracy"} <= set(floors)
    assert {"entity_f1", "role_f1"} <= set(floors)
    assert all(0.3 <= floor <= 1.0 for floor in floors.values()), floors


# ---------------------------------------------------------------- the extractor on the held-out set


@pytest.fixture(scope="module")
def report(base_settings: Settings) -> Report:
    return HELDOUT.score_extractor(base_settings)


@pytest.fixture(scope="module")
def baseline_report() -> Report:
    return HELDOUT.score_baseline()


@pytest.mark.slow
def test_every_heldout_document_is_extracted_without_error(report: Report) -> None:
    assert report.errors == {}
    assert set(report.documents) == {doc["id"] for doc in HELDOUT.documents()}


@pytest.mark.slow
def test_extractor_scores_at_or_above_the_heldout_floors(report: Report, baseline_report: Report) -> None:
    print_report(report, "newsgraph on the held-out set")
    print_report(baseline_report, "reporting-verb baseline on the held-out set")
    shortfalls = HELDOUT.shortfalls(report)
    assert not shortfalls, "below the held-out floors (measured, floor): " + ", ".join(shortfalls)


@pytest.mark.slow
def test_extractor_attributes_statements_better_than_the_reporting_verb_baseline(
    report: Report, baseline_report: Report
) -> None:
    ours, baseline = report.micro.figures(), baseline_report.micro.figures()
    assert ours["statement_f1"] > baseline["statement_f1"]
    assert ours["attributed_statement_f1"] > baseline["attributed_statement_f1"]


# ---------------------------------------------------------------- the held-out attribution styles


HELDOUT_STYLES = [
    pytest.param(ATTRIBUTION_HELDOUT, 30, 150, id="attribution-heldout"),
    pytest.param(ATTRIBUTION_HELDOUT_LOCAL, 20, 100, id="attribution-heldout-local"),
    pytest.param(ATTRIBUTION_HELDOUT_BEATS, 20, 120, id="attribution-heldout-beats"),
    pytest.param(ATTRIBUTION_HELDOUT_STORIES, 12, 150, id="attribution-heldout-stories"),
    pytest.param(ATTRIBUTION_HELDOUT_NAMES, 16, 150, id="attribution-heldout-names"),
    pytest.param(ATTRIBUTION_HELDOUT_FEATURES, 14, 150, id="attribution-heldout-features"),
    pytest.param(ATTRIBUTION_HELDOUT_VOICES, 14, 200, id="attribution-heldout-voices"),
    pytest.param(ATTRIBUTION_HELDOUT_ROLLING, 14, 200, id="attribution-heldout-rolling"),
    pytest.param(ATTRIBUTION_HELDOUT_LIVES, 14, 200, id="attribution-heldout-lives"),
]


@pytest.mark.parametrize(("styles", "min_articles", "min_statements"), HELDOUT_STYLES)
def test_heldout_styles_are_new_articles(styles: EvaluationSet, min_articles: int, min_statements: int) -> None:
    articles = styles.documents()
    others = {d["text"] for other in STATEMENT_SETS if other is not styles for d in other.documents()}
    assert not {a["text"] for a in articles} & others
    statements = [s for record in styles.gold_records() for s in record["statements"]]
    assert len(articles) >= min_articles and len(statements) >= min_statements


@pytest.mark.slow
@pytest.mark.parametrize(("styles", "min_articles", "min_statements"), HELDOUT_STYLES)
def test_extractor_scores_at_or_above_the_heldout_styles_floors(
    styles: EvaluationSet, min_articles: int, min_statements: int, base_settings: Settings
) -> None:
    styles.scored_at_floors(base_settings, f"the held-out attribution styles ({styles.folder.name})")
