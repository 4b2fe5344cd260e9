"""Statement extraction, one case per phenomenon, on the real spaCy model.

The cases live in tests/data/statements/cases.json: each gives a text and the exact statements expected
(span text, kind, speaker, and where it matters cue, addressee, mention and date). The entities passed in are
built here from the model's own entities with a small surname → full-name grouping, so these tests do not
depend on the entity resolution of the rest of the pipeline.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from core.records import Entity
from core.settings import load_settings
from nlp.lexicon.lexicon import load_lexicon
from nlp.statements.dates import date_of_phrase
from nlp.statements.finder import find_statements

LEXICON = load_lexicon()

CASES = json.loads((Path(__file__).parent / "data" / "statements" / "cases.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load(load_settings(environ={}).spacy_model)


def _slug(name: str) -> str:
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def entities_of(doc: Doc, offset: int = 0) -> list[Entity]:
    """People grouped by surname under their longest name, organisations by text; mentions in article offsets."""
    full_names = {e.text.split()[-1]: e.text for e in doc.ents if e.label_ == "PERSON" and len(e.text.split()) > 1}
    groups: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            key = ("Person", full_names.get(ent.text, ent.text))
        elif ent.label_ == "ORG":
            key = ("Organization", ent.text.removeprefix("the ").removeprefix("The "))
        else:
            continue
        groups.setdefault(key, []).append((ent.start_char + offset, ent.end_char + offset))
    return [Entity(f"{kind.lower()}:{_slug(name)}", name, kind, (), tuple(m)) for (kind, name), m in groups.items()]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_phenomenon(nlp: Language, case: dict) -> None:
    doc = nlp(case["text"])
    found = find_statements(doc, entities_of(doc), case.get("published", "2024-01-15"), lexicon=LEXICON)
    assert [s.text for s in found] == [e["text"] for e in case["expect"]]
    for statement, expected in zip(found, case["expect"], strict=True):
        assert case["text"][statement.start : statement.end] == statement.text
        for key, value in expected.items():
            assert getattr(statement, key) == value, f"{key} of {statement.text!r}"


def test_speaker_id_comes_from_the_entity(nlp: Language) -> None:
    doc = nlp('"Prices will rise," said Ellen Park. Later Park told the BBC that rents were too high.')
    found = find_statements(doc, entities_of(doc), "2024-01-15", lexicon=LEXICON)
    assert [(s.speaker, s.speaker_mention, s.speaker_id) for s in found] == [
        ("Ellen Park", "Ellen Park", "person:ellen-park"),
        ("Ellen Park", "Park", "person:ellen-park"),
    ]
    assert found[1].addressee == "BBC"


def test_an_organisation_known_by_fewer_words_is_named_as_written_at_the_cue(nlp: Language) -> None:
    text = "The World Health Organisation (WHO) recommends that every country should iodise all edible salt."
    doc = nlp(text)
    start = text.index("Health Organisation")
    truncated = Entity(
        "organization:health-organisation", "Health Organisation", "Organization", (), ((start, start + 19),)
    )
    found = find_statements(doc, [truncated], "2024-01-15", lexicon=LEXICON)
    assert [(s.text, s.speaker, s.speaker_id) for s in found] == [
        ("every country should iodise all edible salt", "World Health Organisation", "organization:health-organisation")
    ]


@pytest.mark.parametrize(
    ("text", "name", "entity_id"),
    [
        (  # the family name before a generational suffix
            "Coach Afonso Teixeira Neto laughed when the comments were read to him. "
            "\u201cMarcelo always finds the replay that suits him,\u201d Teixeira said.",
            "Afonso Teixeira Neto",
            "person:afonso-teixeira-neto",
        ),
        (  # a Spanish name named again by the father's family name
            "Rider Juan Pablo Ferreyra Luna crossed the line first. "
            "\u201cI did not see anybody behind me,\u201d Ferreyra said.",
            "Juan Pablo Ferreyra Luna",
            "person:juan-pablo-ferreyra-luna",
        ),
    ],
)
def test_a_family_name_inside_a_longer_name_is_its_bearer(nlp: Language, text: str, name: str, entity_id: str) -> None:
    doc = nlp(text)
    start = text.index(name)
    person = Entity(entity_id, name, "Person", (), ((start, start + len(name)),))
    [statement] = find_statements(doc, [person], "2024-01-15", lexicon=LEXICON)
    assert (statement.speaker, statement.speaker_id) == (name, entity_id)


def test_evidence_sentence_holds_quote_and_attribution(nlp: Language) -> None:
    text = 'The vote was close. "We won by eleven votes," said Mayor Ann Lee. Counting ended at midnight.'
    doc = nlp(text)
    [statement] = find_statements(doc, entities_of(doc), None, lexicon=LEXICON)
    assert statement.sentence == text[statement.sentence_start : statement.sentence_end]
    assert statement.sentence.startswith('"We won') and "Ann Lee" in statement.sentence
    assert "midnight" not in statement.sentence
    assert statement.date is None
    assert 0 < statement.confidence <= 1


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("in 2021", "2021-01-01"),
        ("in April", "2022-04-01"),
        ("last year", "2021-01-01"),
        ("yesterday", "2022-12-01"),
        ("on 3 May 2021", "2021-05-03"),
        ("on Friday", "2022-12-02"),
        ("Tuesday", "2022-11-29"),
        ("last Friday", "2022-11-25"),
        ("Tuesday night", "2022-11-29"),
        ("last night", "2022-12-01"),
        ("this morning", "2022-12-02"),
    ],
)
def test_dates_relative_to_publication(phrase: str, expected: str) -> None:
    assert date_of_phrase(phrase, "2022-12-02", LEXICON.statements) == expected


def test_the_elder_of_two_relatives_is_the_parent_whichever_word_the_parse_hangs_the_on() -> None:
    """ "The elder Cruz said so" after "His son, Miguel Cruz,": Rafael Cruz, also when the parse hung "The" on
    "elder" rather than on the name, as it does in some sentences."""
    from nlp.statements.speakers import SpeakerResolver

    rows = [  # word, space after, head, dependency, part of speech, tag, entity
        ("Rafael", True, 1, "compound", "PROPN", "NNP", "B-PERSON"),
        ("Cruz", True, 2, "nsubj", "PROPN", "NNP", "I-PERSON"),
        ("fishes", False, 2, "ROOT", "VERB", "VBZ", "O"),
        (".", True, 2, "punct", "PUNCT", ".", "O"),
        ("His", True, 5, "poss", "PRON", "PRP$", "O"),
        ("son", False, 10, "nsubj", "NOUN", "NN", "O"),
        (",", True, 5, "punct", "PUNCT", ",", "O"),
        ("Miguel", True, 8, "compound", "PROPN", "NNP", "B-PERSON"),
        ("Cruz", False, 5, "appos", "PROPN", "NNP", "I-PERSON"),
        (",", True, 5, "punct", "PUNCT", ",", "O"),
        ("sails", False, 10, "ROOT", "VERB", "VBZ", "O"),
        (".", True, 10, "punct", "PUNCT", ".", "O"),
        ("The", True, 13, "det", "DET", "DT", "O"),
        ("elder", True, 14, "amod", "ADJ", "JJ", "O"),
        ("Cruz", True, 15, "nsubj", "PROPN", "NNP", "B-PERSON"),
        ("said", True, 15, "ROOT", "VERB", "VBD", "O"),
        ("so", False, 15, "advmod", "ADV", "RB", "O"),
        (".", False, 15, "punct", "PUNCT", ".", "O"),
    ]
    words, spaces, heads, deps, pos, tags, ents = (list(column) for column in zip(*rows, strict=True))
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        spaces=spaces,
        heads=heads,
        deps=deps,
        pos=pos,
        tags=tags,
        lemmas=[w.lower() for w in words],
        ents=ents,
    )
    father, son, elder = doc[0:2], doc[7:9], doc[14]
    entities = [
        Entity("person:rafael-cruz", "Rafael Cruz", "Person", (), ((father.start_char, father.end_char),)),
        Entity("person:miguel-cruz", "Miguel Cruz", "Person", ("Miguel",), ((son.start_char, son.end_char),)),
    ]
    resolver = SpeakerResolver(doc, entities, 0, [], load_lexicon().statements)
    named = resolver._relative_at(elder.idx)
    assert named is not None and named[0].name == "Rafael Cruz"
