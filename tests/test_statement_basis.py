"""How a statement's speaker was found (`basis`, `basis_distance`) and how far it is trusted (`confidence`), on the
real spaCy model; the confidence table against its own definition (nlp/statements/confidence.py)."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from core.records import STATEMENT_BASES
from core.settings import load_settings
from nlp.statements.confidence import DEVELOPMENT_COUNTS, UNSEEN, calibration_key, rate, speaker_confidence
from nlp.statements.finder import find_statements
from tests.test_statements import LEXICON, entities_of


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load(load_settings(environ={}).spacy_model)


# text, then per statement found: (speaker, basis, basis_distance)
CASES = [
    ('"We won by eleven votes," said Mayor Ann Lee.', [("Ann Lee", "name", None)]),
    (
        'Ellen Park runs the shelter on Main Street. "Prices will rise," Park said.',
        [("Ellen Park", "surname", None)],
    ),
    (
        "Ellen Park runs the shelter on Main Street. She said the rents were too high.",
        [("Ellen Park", "pronoun", 1)],
    ),
    (
        "Ellen Park runs the shelter on Main Street. It opened in 2004. Rents doubled since then. Funding fell. "
        "She said the rents were too high.",
        [("Ellen Park", "pronoun", 4)],
    ),
    (
        'Premier Doug Ford spoke on Monday. "We will build the road," the premier said.',
        [("Doug Ford", "description", 1)],
    ),
    (
        "The Interior Ministry issued new rules. The ministry said the rules would apply from May.",
        [("Interior Ministry", "description", 1)],
    ),
    (
        '"We won by eleven votes," said Ann Lee. "Now the work starts for all of us."',
        [("Ann Lee", "name", None), ("Ann Lee", "carried", None)],
    ),
    (
        '"We won by eleven votes," said Ann Lee.\n"Now the work starts for all of us."',
        [("Ann Lee", "name", None), ("Ann Lee", "carried", None)],
    ),
    ('Ann Lee was blunt. "This is a disaster for the city."', [("Ann Lee", "context", None)]),
    ("The complaint said the company broke the law.", [("complaint", "document", None)]),
    ("Officials said the bridge would reopen in May.", [("officials", "group", None)]),
    ("The security firm said the flaw was serious.", [("security firm", "description", None)]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[expected[-1][1] for _, expected in CASES])
def test_basis_says_how_the_speaker_was_found(nlp: Language, text: str, expected: list[tuple]) -> None:
    doc = nlp(text)
    found = find_statements(doc, entities_of(doc), "2024-01-15", lexicon=LEXICON)
    assert [(s.speaker, s.basis, s.basis_distance) for s in found] == expected
    for statement in found:
        assert statement.basis in STATEMENT_BASES
        assert statement.confidence == speaker_confidence(
            statement.basis, statement.basis_distance, statement.speaker_id is not None, statement.cue is not None
        )


def test_a_quote_kept_in_its_paragraph_is_trusted_more_than_one_carried_to_the_next(nlp: Language) -> None:
    same = find_statements(
        nlp('"We won by eleven votes," said Ann Lee. "Now the work starts for all of us."'), [], None, lexicon=LEXICON
    )
    next_paragraph = find_statements(
        nlp('"We won by eleven votes," said Ann Lee.\n"Now the work starts for all of us."'), [], None, lexicon=LEXICON
    )
    assert same[1].cue == "said" and next_paragraph[1].cue is None
    assert same[1].confidence > next_paragraph[1].confidence


def test_a_far_pronoun_is_trusted_less_than_a_near_one(nlp: Language) -> None:
    near, far = (
        find_statements(nlp(text), entities_of(nlp(text)), None, lexicon=LEXICON)[0] for text, _ in (CASES[2], CASES[3])
    )
    assert near.confidence >= 0.8 > far.confidence


def test_a_name_the_entities_know_is_confident_and_an_unresolved_description_is_not(nlp: Language) -> None:
    named = find_statements(nlp(CASES[0][0]), entities_of(nlp(CASES[0][0])), None, lexicon=LEXICON)[0]
    unresolved = find_statements(nlp(CASES[-1][0]), [], None, lexicon=LEXICON)[0]
    assert named.confidence >= 0.8 > unresolved.confidence


def test_confidence_is_laplaces_rule_over_the_development_counts() -> None:
    for key, (right, matched) in DEVELOPMENT_COUNTS.items():
        assert 0 <= right <= matched, key
        assert rate(right, matched) == round((right + 1) / (matched + 2), 3)
    assert speaker_confidence("name", None, True, True) == rate(*DEVELOPMENT_COUNTS["name, an entity"])
    assert speaker_confidence("pronoun", 0, True, True) == speaker_confidence("pronoun", 1, True, True)
    assert speaker_confidence("pronoun", None, True, True) == rate(0, 0) == UNSEEN  # never seen on development
    assert speaker_confidence("none", None, False, False) == speaker_confidence(None, None, False, False) == 0.0


def test_every_fitted_group_is_one_calibration_key_can_give() -> None:
    reachable = {
        calibration_key(basis, distance, known, cue)
        for basis in STATEMENT_BASES
        for distance in (None, 0, 1, 2, 3, 4, 10)
        for known in (True, False)
        for cue in (True, False)
    }
    assert set(DEVELOPMENT_COUNTS) <= reachable
