"""Statements inside the whole NLP stage: speakers resolved through the project's own entity resolution,
and offsets right in an article long enough to be parsed in several chunks."""

from __future__ import annotations

import pytest

from core.records import Article, content_hash
from core.settings import load_settings
from nlp.runtime.extract import Extractor
from nlp.runtime.pipeline import MAX_CHUNK_CHARS

ARTICLE = (
    "Andrej Petrovski, technical director of the SHARE Foundation, said the cameras had no legal basis.\n"
    '"From the beginning, the government was quite clumsy with these efforts," Petrovski told RFE/RL.\n'
    "The Interior Ministry said all documents were confidential.\n"
    '"We will not sign any law until the data is protected," Milan Marinović said. '
    '"Our main task is to separate the two databases."\n'
    "Marinović says that the use of facial recognition technology will be illegal.\n"
)
FILLER = "The city council met on Tuesday to discuss the budget for parks and roads.\n"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(load_settings(environ={}), embed=False)


def _extract(extractor: Extractor, text: str):
    [extraction] = extractor.extract([Article("a1", text, content_hash(text), published="2022-12-02")])
    assert extraction.error is None
    return extraction


def test_speakers_are_the_resolved_entities(extractor: Extractor) -> None:
    extraction = _extract(extractor, ARTICLE)
    found = [(s.text, s.kind, s.speaker, s.speaker_mention) for s in extraction.statements]
    ministry = next(e.name for e in extraction.entities if "Ministry" in e.name)  # canonical name: the gazetteer's
    assert found == [
        ("the cameras had no legal basis", "indirect", "Andrej Petrovski", "Andrej Petrovski"),
        (
            "From the beginning, the government was quite clumsy with these efforts,",
            "direct",
            "Andrej Petrovski",
            "Petrovski",
        ),
        ("all documents were confidential", "indirect", ministry, "Interior Ministry"),
        ("We will not sign any law until the data is protected,", "direct", "Milan Marinović", "Milan Marinović"),
        ("Our main task is to separate the two databases.", "direct", "Milan Marinović", "Milan Marinović"),
        ("the use of facial recognition technology will be illegal", "indirect", "Milan Marinović", "Marinović"),
    ]
    ids = {e.id for e in extraction.entities}
    for statement in extraction.statements:
        assert statement.speaker_id in ids, statement
        assert ARTICLE[statement.start : statement.end] == statement.text
    assert extraction.statements[1].addressee == "RFE/RL"


def test_offsets_in_a_long_article_parsed_in_chunks(extractor: Extractor) -> None:
    filler = FILLER * (MAX_CHUNK_CHARS // len(FILLER) + 5)
    text = filler + ARTICLE + filler + ARTICLE
    extraction = _extract(extractor, text)
    assert len(extraction.statements) == 12
    second = extraction.statements[6:]
    assert all(s.start > len(filler) * 2 + len(ARTICLE) for s in second)
    for statement in extraction.statements:
        assert text[statement.start : statement.end] == statement.text
        assert text[statement.sentence_start : statement.sentence_end] == statement.sentence


# Speakers as news from around the world writes them, through the whole stage (entities included): each case one
# fact of news English, in words of its own.
WORLD_CASES = [
    pytest.param("KUALA LUMPUR: Datuk Farida Hassan said the tender would reopen in March.", "Farida Hassan",
                 id="a Malaysian title of honour is no part of the name"),
    pytest.param("During the hearing, Barrister Imran Qureshi argued that the notice was defective.", "Imran Qureshi",
                 id="a counsel's profession written as a title"),
    pytest.param("Rents in the capital rose 7 per cent last year, according to data published on Monday by the Housing "
                 "Observatory.", "Housing Observatory", id="a source published by someone speaks for them"),
    pytest.param("A group of retired teachers said the pension reform broke a promise.", "retired teachers",
                 id="a collective noun speaks as the people it counts"),
    pytest.param("Lead author Dr. Maya Lindholm presented the trial on Monday. The researchers cautioned that the "
                 "findings need repeating.", "researchers", id="a plural description stands for no one person"),
    pytest.param("The National Hurricane Center said the storm would weaken overnight.", "National Hurricane Center",
                 id="a storm word inside an office's name names no storm"),
    pytest.param("The state news agency reported that Finance Minister Lucas Ortega said the budget would be tabled in "
                 "May.", "Lucas Ortega", id="an agency relaying what someone said is not the speaker"),
    pytest.param("Opposition MNA Saira Baloch said she would table a motion on the shortages.", "Saira Baloch",
                 id="a legislator's abbreviation is a title"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "speaker"), WORLD_CASES)
def test_speakers_in_the_world_styles(extractor: Extractor, text: str, speaker: str) -> None:
    extraction = _extract(extractor, text)
    assert extraction.statements, text
    assert extraction.statements[-1].speaker == speaker


def test_a_quantifier_speaks_for_the_people_just_named(extractor: Extractor) -> None:
    text = "Farmers in the district have protested for a week, with many saying the new tariff will ruin them."
    [statement] = _extract(extractor, text).statements
    assert statement.text == "the new tariff will ruin them" and "farmers" in statement.speaker.lower()


def test_an_age_with_a_hometown_stands_for_the_person_named_before(extractor: Extractor) -> None:
    text = "Tomas Berg scored twice for Viking on Sunday.\n“I just got lucky,” said the 22-year-old from Bergen."
    [statement] = _extract(extractor, text).statements
    assert (statement.speaker, statement.basis) == ("Tomas Berg", "description")


def test_a_second_attribution_inside_what_was_said_ends_it(extractor: Extractor) -> None:
    text = "Chief executive Dana Whitlock said sales would recover by June, though she said no target had been set."
    found = [(s.text, s.speaker) for s in _extract(extractor, text).statements]
    assert found == [
        ("sales would recover by June", "Dana Whitlock"),
        ("no target had been set", "Dana Whitlock"),
    ]
