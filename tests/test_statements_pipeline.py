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
