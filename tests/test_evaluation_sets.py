"""The annotations of the evaluation sets: the gold records agree with their documents and with the annotation files.

What is particular to one set (its size, that it is new, its floors, the extractor's scores on it) is tested in its
own file: tests/test_heldout.py, tests/test_patterns.py, tests/test_attribution_set.py.
"""

from __future__ import annotations

import pytest

from tests.evaluation_sets import (
    ATTRIBUTION,
    ATTRIBUTION_AFRICA,
    ATTRIBUTION_ARTS,
    ATTRIBUTION_BRIEFS,
    ATTRIBUTION_BUSINESS,
    ATTRIBUTION_CARIBBEAN,
    ATTRIBUTION_CENTRALASIA,
    ATTRIBUTION_COMMUNITY,
    ATTRIBUTION_COURTS,
    ATTRIBUTION_CUSTOMS,
    ATTRIBUTION_DIASPORA,
    ATTRIBUTION_EASTASIA,
    ATTRIBUTION_EMERGENCIES,
    ATTRIBUTION_EUROPE,
    ATTRIBUTION_EXCHANGES,
    ATTRIBUTION_FEATURES,
    ATTRIBUTION_FRANCOPHONE,
    ATTRIBUTION_GENRES,
    ATTRIBUTION_HEARINGS,
    ATTRIBUTION_HELDOUT,
    ATTRIBUTION_HELDOUT_BEATS,
    ATTRIBUTION_HELDOUT_FEATURES,
    ATTRIBUTION_HELDOUT_LOCAL,
    ATTRIBUTION_HELDOUT_NAMES,
    ATTRIBUTION_HELDOUT_STORIES,
    ATTRIBUTION_HOUSEHOLDS,
    ATTRIBUTION_LATAM,
    ATTRIBUTION_LONGFORM,
    ATTRIBUTION_MAGAZINE,
    ATTRIBUTION_MIDEAST,
    ATTRIBUTION_NAMES,
    ATTRIBUTION_NAMESAKES,
    ATTRIBUTION_NAMING,
    ATTRIBUTION_PACIFIC,
    ATTRIBUTION_POLITICS,
    ATTRIBUTION_PORTRAITS,
    ATTRIBUTION_PROFILES,
    ATTRIBUTION_REGIONS,
    ATTRIBUTION_RESEARCH,
    ATTRIBUTION_SEASIA,
    ATTRIBUTION_SOURCES,
    ATTRIBUTION_SOUTHASIA,
    ATTRIBUTION_SPORT,
    ATTRIBUTION_TOWNS,
    ATTRIBUTION_TRIBUTES,
    ATTRIBUTION_WIRES,
    ATTRIBUTION_WORLD,
    HELDOUT,
    PATTERNS,
    EvaluationSet,
)

SETS = [
    pytest.param(HELDOUT, id="heldout"),
    pytest.param(PATTERNS, id="patterns"),
    pytest.param(ATTRIBUTION, id="attribution"),
    pytest.param(ATTRIBUTION_WORLD, id="attribution-world"),
    pytest.param(ATTRIBUTION_REGIONS, id="attribution-regions"),
    pytest.param(ATTRIBUTION_GENRES, id="attribution-genres"),
    pytest.param(ATTRIBUTION_WIRES, id="attribution-wires"),
    pytest.param(ATTRIBUTION_LONGFORM, id="attribution-longform"),
    pytest.param(ATTRIBUTION_NAMES, id="attribution-names"),
    pytest.param(ATTRIBUTION_TOWNS, id="attribution-towns"),
    pytest.param(ATTRIBUTION_NAMESAKES, id="attribution-namesakes"),
    pytest.param(ATTRIBUTION_HEARINGS, id="attribution-hearings"),
    pytest.param(ATTRIBUTION_EXCHANGES, id="attribution-exchanges"),
    pytest.param(ATTRIBUTION_SOURCES, id="attribution-sources"),
    pytest.param(ATTRIBUTION_SPORT, id="attribution-sport"),
    pytest.param(ATTRIBUTION_PROFILES, id="attribution-profiles"),
    pytest.param(ATTRIBUTION_BUSINESS, id="attribution-business"),
    pytest.param(ATTRIBUTION_NAMING, id="attribution-naming"),
    pytest.param(ATTRIBUTION_COURTS, id="attribution-courts"),
    pytest.param(ATTRIBUTION_EMERGENCIES, id="attribution-emergencies"),
    pytest.param(ATTRIBUTION_ARTS, id="attribution-arts"),
    pytest.param(ATTRIBUTION_BRIEFS, id="attribution-briefs"),
    pytest.param(ATTRIBUTION_DIASPORA, id="attribution-diaspora"),
    pytest.param(ATTRIBUTION_FEATURES, id="attribution-features"),
    pytest.param(ATTRIBUTION_POLITICS, id="attribution-politics"),
    pytest.param(ATTRIBUTION_CUSTOMS, id="attribution-customs"),
    pytest.param(ATTRIBUTION_HOUSEHOLDS, id="attribution-households"),
    pytest.param(ATTRIBUTION_TRIBUTES, id="attribution-tributes"),
    pytest.param(ATTRIBUTION_RESEARCH, id="attribution-research"),
    pytest.param(ATTRIBUTION_SOUTHASIA, id="attribution-southasia"),
    pytest.param(ATTRIBUTION_AFRICA, id="attribution-africa"),
    pytest.param(ATTRIBUTION_EASTASIA, id="attribution-eastasia"),
    pytest.param(ATTRIBUTION_PORTRAITS, id="attribution-portraits"),
    pytest.param(ATTRIBUTION_EUROPE, id="attribution-europe"),
    pytest.param(ATTRIBUTION_MIDEAST, id="attribution-mideast"),
    pytest.param(ATTRIBUTION_LATAM, id="attribution-latam"),
    pytest.param(ATTRIBUTION_FRANCOPHONE, id="attribution-francophone"),
    pytest.param(ATTRIBUTION_PACIFIC, id="attribution-pacific"),
    pytest.param(ATTRIBUTION_MAGAZINE, id="attribution-magazine"),
    pytest.param(ATTRIBUTION_CARIBBEAN, id="attribution-caribbean"),
    pytest.param(ATTRIBUTION_CENTRALASIA, id="attribution-centralasia"),
    pytest.param(ATTRIBUTION_SEASIA, id="attribution-seasia"),
    pytest.param(ATTRIBUTION_COMMUNITY, id="attribution-community"),
    pytest.param(ATTRIBUTION_HELDOUT, id="attribution-heldout"),
    pytest.param(ATTRIBUTION_HELDOUT_LOCAL, id="attribution-heldout-local"),
    pytest.param(ATTRIBUTION_HELDOUT_BEATS, id="attribution-heldout-beats"),
    pytest.param(ATTRIBUTION_HELDOUT_STORIES, id="attribution-heldout-stories"),
    pytest.param(ATTRIBUTION_HELDOUT_NAMES, id="attribution-heldout-names"),
    pytest.param(ATTRIBUTION_HELDOUT_FEATURES, id="attribution-heldout-features"),
]


@pytest.mark.parametrize("evaluation_set", SETS)
def test_gold_is_consistent_with_its_documents(evaluation_set: EvaluationSet) -> None:
    assert evaluation_set.gold_problems() == []


@pytest.mark.parametrize("evaluation_set", SETS)
def test_gold_is_what_the_annotation_files_compile_to(evaluation_set: EvaluationSet) -> None:
    assert evaluation_set.compiled_annotations() == evaluation_set.gold_records()
