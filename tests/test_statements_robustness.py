"""Bad and odd input never breaks statement extraction: quote pairing edge cases and huge chunked texts."""

from __future__ import annotations

import random
import time

import pytest
import spacy
from spacy.language import Language

from core.settings import load_settings
from nlp.lexicon.lexicon import load_lexicon
from nlp.runtime.pipeline import load_pipeline, spacy_view
from nlp.statements.finder import find_statements
from nlp.statements.quotes import find_quotes
from tests.test_statements import entities_of

LEXICON = load_lexicon()


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load(load_settings(environ={}).spacy_model)


def _contents(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


@pytest.mark.parametrize(
    "text",
    [
        "rock ’n’ roll in the ’90s, the 90’s and the '80s",
        "She don’t know the players’ union or the company's plans, y'all.",
        "It’s Jones’s car; the Joneses’ house; ’tis the season, ’til dawn.",
    ],
)
def test_apostrophes_are_never_quote_marks(text: str) -> None:
    assert find_quotes(text) == []


def test_quote_holding_apostrophes_keeps_them_inside() -> None:
    text = "‘We don’t sell rock ’n’ roll records from the ’90s,’ the owner said."
    assert _contents(text) == ["We don’t sell rock ’n’ roll records from the ’90s,"]


@pytest.mark.parametrize("text", ['"', '""', '" " "', "“”„“«»‘’", '"""""""', "« »"])
def test_only_quotation_marks(nlp: Language, text: str) -> None:
    assert find_quotes(text) == []
    assert find_statements(nlp(text), [], None, lexicon=LEXICON) == []


def test_unbalanced_quote_ends_with_its_paragraph(nlp: Language) -> None:
    text = 'Anna Berg said: "We will appeal the ruling\nThe court closed at noon. A stray ” mark here.'
    assert _contents(text) == ["We will appeal the ruling"]
    [statement] = find_statements(nlp(text), [], "2024-01-15", lexicon=LEXICON)
    assert (statement.text, statement.speaker) == ("We will appeal the ruling", "Anna Berg")


def test_unbalanced_marks_everywhere_do_not_fail(nlp: Language) -> None:
    text = '"Open ‘ and « never » closed “ quote ” " " end" said\n„ dangling ’ and " more'
    doc = nlp(text)
    for statement in find_statements(doc, entities_of(doc), None, lexicon=LEXICON):
        assert text[statement.start : statement.end] == statement.text


def test_nested_quotes_stay_inside_the_outer_quote() -> None:
    text = "“He shouted ‘stop’ and then “run” twice,” she said. «Il a dit “non”», he added."
    assert _contents(text) == ["He shouted ‘stop’ and then “run” twice,", "Il a dit “non”"]


def test_multi_paragraph_quote_is_one_span() -> None:
    text = "“First part of the quote.\n\n“Second part continues.\n“Third part ends.” Then prose."
    [quote] = find_quotes(text)
    assert text[quote.start : quote.end] == "First part of the quote.\n\n“Second part continues.\n“Third part ends."
    assert quote.paragraphs == 3 and quote.closed


def test_control_characters(nlp: Language) -> None:
    text = '\x00\x07"We are\x0b ready,"\x1b said Omar Haddad.\x0c\r\nThe\x00 mayor\x7f said the roads were open.'
    assert _contents(text) == ["We are\x0b ready,"]
    raw = nlp(text)  # control characters glue tokens together: odd parses must not fail or shift offsets
    for statement in find_statements(raw, entities_of(raw), "2024-01-15", lexicon=LEXICON):
        assert text[statement.start : statement.end] == statement.text
    doc = nlp(spacy_view(text))  # what the pipeline parses: one plain space per control character
    found = find_statements(doc, entities_of(doc), "2024-01-15", lexicon=LEXICON)
    assert [(s.start, s.end, s.speaker) for s in found] == [(3, 17, "Omar Haddad"), (57, 76, "mayor")]
    assert [text[s.start : s.end] for s in found] == ["We are\x0b ready,", "the roads were open"]


PARAGRAPHS = [
    '"The bridge will reopen in May," said Transport Minister Helen Ward.',
    "Critics argued that the repairs had been delayed for years.",
    'An unbalanced " mark and rock ’n’ roll in the ’90s never break anything.',
    "According to the city council, traffic has doubled since the closure.",
]


def test_two_million_characters_in_chunks(nlp: Language) -> None:
    block = "\n".join(PARAGRAPHS) + "\n"
    text = block * (2_000_000 // len(block) + 1)
    assert len(text) > 2_000_000
    started = time.perf_counter()
    quotes = find_quotes(text)  # pairing is linear: the whole text at once
    assert len(quotes) == len(text) // len(block)  # the floating " pairs with nothing
    assert {text[q.start : q.end] for q in quotes} == {"The bridge will reopen in May,"}
    assert time.perf_counter() - started < 30
    # Chunks of whole blocks, as the pipeline cuts them; identical chunk texts are parsed once.
    chunk = block * 40
    doc = nlp(chunk)
    found_total = 0
    for offset in range(0, len(text) - len(chunk) + 1, len(chunk)):
        entities = entities_of(doc, offset)
        for statement in find_statements(doc, entities, "2024-01-15", offset, lexicon=LEXICON):
            assert text[statement.start : statement.end] == statement.text
            assert statement.start >= offset and statement.sentence_end <= offset + len(chunk)
            found_total += 1
    per_chunk = len(find_statements(doc, entities_of(doc), "2024-01-15", lexicon=LEXICON))
    assert per_chunk >= 3 * 40
    assert found_total == per_chunk * (len(text) // len(chunk))


def test_random_mixtures_of_marks_cues_and_breaks(nlp: Language) -> None:
    """Seeded noise built from the pieces that trip parsers: every run ends, and every span is exact."""
    pieces = ['"', "“", "”", "‘", "’", "«", "»", "„", "'", "\n", "\n\n", " said ", " told reporters ", " according to ",
              " he ", " she ", " they ", " John Smith ", " the ministry ", ",", ":", ".", " that ", " We will win ",
              " in 2021 ", "—", " - ", " \x00 ", " Mr. Jones ", " warned that ", " (AP) ", " it "]  # fmt: skip
    rng = random.Random(7)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 60))) for _ in range(300)]
    found = 0
    for text, doc in zip(texts, nlp.pipe(texts), strict=True):
        for statement in find_statements(doc, entities_of(doc, 17), "2024-01-15", 17, lexicon=LEXICON):
            assert text[statement.start - 17 : statement.end - 17] == statement.text
            found += 1
    assert found > 50  # the noise does hold attributed quotes, so the paths that resolve speakers ran


def test_evidence_sentence_holds_the_statement_without_surrounding_blank_lines() -> None:
    # The project's pipeline ends a sentence at a line break, so a heading never joins the quote's sentence.
    paragraphs = load_pipeline(load_settings(environ={}), custom=False)
    text = 'Slow rollout\n\n"We will know who sat in that car," Ana Petrović said.\n\n\nOfficials declined.\n'
    doc = paragraphs(text)
    [statement] = find_statements(doc, entities_of(doc), "2022-12-02", lexicon=LEXICON)
    evidence = text[statement.sentence_start : statement.sentence_end]
    assert evidence == statement.sentence
    assert "Slow rollout" not in evidence and evidence.endswith("Ana Petrović said.")
    assert evidence == evidence.strip()
    assert statement.sentence_start <= statement.start and statement.end <= statement.sentence_end
