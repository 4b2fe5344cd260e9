"""The annotations of the evaluation sets: the gold records agree with their documents and with the annotation files.

What is particular to one set (its size, that it is new, its floors, the extractor's scores on it) is tested in its
own file: tests/test_heldout.py, tests/test_patterns.py, tests/test_attribution_set.py.
"""

from __future__ import annotations

import pytest

from tests.evaluation_sets import (
    DEVELOPMENT_ATTRIBUTION_SETS,
    HELDOUT,
    HELDOUT_ATTRIBUTION_SETS,
    PATTERNS,
    EvaluationSet,
)

SETS = [
    pytest.param(HELDOUT, id="heldout"),
    pytest.param(PATTERNS, id="patterns"),
    *(pytest.param(s, id=s.name) for s in (*DEVELOPMENT_ATTRIBUTION_SETS, *HELDOUT_ATTRIBUTION_SETS)),
]


@pytest.mark.parametrize("evaluation_set", SETS)
def test_gold_is_consistent_with_its_documents(evaluation_set: EvaluationSet) -> None:
    assert evaluation_set.gold_problems() == []


@pytest.mark.parametrize("evaluation_set", SETS)
def test_gold_is_what_the_annotation_files_compile_to(evaluation_set: EvaluationSet) -> None:
    assert evaluation_set.compiled_annotations() == evaluation_set.gold_records()


def test_the_calibration_reads_every_attribution_set_on_its_side() -> None:
    """bench/calibrate_statements.py fits the confidence on the development sets and reports the held-out ones apart:
    a set registered here and not there would be scored but never calibrated on, or calibrated on while held out."""
    import calibrate_statements  # bench/, on the path through tests.evaluation_sets

    development = {"gold", "patterns", *(s.name for s in DEVELOPMENT_ATTRIBUTION_SETS)}
    assert set(calibrate_statements.DEVELOPMENT) == development
    held_out = {name for folders in calibrate_statements.HELDOUT.values() for name in folders}
    assert held_out == {"heldout", *(s.name for s in HELDOUT_ATTRIBUTION_SETS)}
