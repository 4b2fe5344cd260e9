"""Quality gate of merge suggestions: on the development articles loaded into the real Neo4j, the top 20 must not
score below the floors of tests/data/merge/floors.json (bench/merge_suggestions.py measures the same)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import merge_suggestions as bench

pytestmark = [pytest.mark.slow, pytest.mark.neo4j]
FLOORS = Path(__file__).resolve().parent / "data" / "merge" / "floors.json"


def test_the_annotated_pairs_are_well_formed():
    pairs = bench.read_pairs()
    assert sum(pairs.values()) >= 15 and len(pairs) - sum(pairs.values()) >= 10
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))["floors"]
    assert all(0.3 <= floor <= 1.0 for floor in floors.values()), floors


def test_merge_suggestions_score_at_or_above_the_floors(clean_db, neo4j_settings):
    bench.load(neo4j_settings)
    result = bench.measure(neo4j_settings, top=20)
    bench.print_score(result)
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))["floors"]
    measured = {"precision": result.precision, "recall": result.recall}
    shortfalls = [f"{name} {measured[name]:.3f} < {floor}" for name, floor in floors.items() if measured[name] < floor]
    assert not shortfalls, "below the merge suggestion floors: " + ", ".join(shortfalls)
