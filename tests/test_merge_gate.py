"""Quality gate of merge suggestions: on the development articles and on the held-out sample articles, loaded into
the real Neo4j, the top 20 must not score below the floors of tests/data/merge/floors.json
(bench/merge_suggestions.py measures the same)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import merge_suggestions as bench

pytestmark = [pytest.mark.slow, pytest.mark.neo4j]
DATA = Path(__file__).resolve().parent / "data"
FLOORS = DATA / "merge" / "floors.json"
HELDOUT_DOCS, HELDOUT_PAIRS = DATA / "heldout" / "docs.jsonl", DATA / "merge" / "heldout-pairs.jsonl"


def test_the_annotated_pairs_are_well_formed():
    pairs = bench.read_pairs()
    assert sum(pairs.values()) >= 15 and len(pairs) - sum(pairs.values()) >= 10
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))["floors"]
    assert all(0.3 <= floor <= 1.0 for floor in floors.values()), floors


def test_the_held_out_pairs_are_well_formed():
    pairs = bench.read_pairs(HELDOUT_PAIRS)
    assert sum(pairs.values()) >= 10 and len(pairs) - sum(pairs.values()) >= 5
    assert not set(pairs) & set(bench.read_pairs())  # other articles, other entities


@pytest.mark.parametrize(
    ("docs", "pairs", "floors_key"),
    [(bench.DOCS, bench.PAIRS, "floors"), (HELDOUT_DOCS, HELDOUT_PAIRS, "heldout_floors")],
)
def test_merge_suggestions_score_at_or_above_the_floors(clean_db, neo4j_settings, docs, pairs, floors_key):
    bench.load(neo4j_settings, docs)
    result = bench.measure(neo4j_settings, top=20, pairs=pairs)
    bench.print_score(result)
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))[floors_key]
    measured = {"precision": result.precision, "recall": result.recall}
    shortfalls = [f"{name} {measured[name]:.3f} < {floor}" for name, floor in floors.items() if measured[name] < floor]
    assert not shortfalls, "below the merge suggestion floors: " + ", ".join(shortfalls)
