"""The extraction stream end to end on real text, and bad input that must never end a run."""

from __future__ import annotations

import dataclasses
import math

import pytest

from nlp.runtime.extract import Extractor
from nlp.runtime.language import detect_language
from tests.nlp_fixtures import *  # noqa: F403

GERMAN = (
    "Die Bundesregierung hat am Mittwoch ein neues Gesetz zum Datenschutz beschlossen. "
    "Der Innenminister sagte, die Kameras würden nur bei schweren Straftaten eingesetzt."
)


def _one(extractor, text: str, **kwargs):
    [extraction] = list(extractor.extract([article(text, **kwargs)]))  # noqa: F405
    return extraction


def _assert_offsets_exact(extraction, text: str) -> None:
    for statement in extraction.statements:
        assert statement.text == text[statement.start : statement.end]
    for entity in extraction.entities:
        assert all(0 <= s < e <= len(text) for s, e in entity.mentions)


def test_report_statements_are_complete(rferl_extraction, rferl_article) -> None:
    assert rferl_extraction.error is None
    assert rferl_extraction.extractor_version.startswith("newsgraph-nlp/")
    _assert_offsets_exact(rferl_extraction, rferl_article.text)
    petrovski = [s for s in rferl_extraction.statements if s.speaker_id == "person:andrej-petrovski"]
    assert len(petrovski) >= 5
    assert all(s.speaker == "Andrej Petrovski" for s in petrovski)
    assert {(s.speaker_role.title, s.speaker_role.org_id) for s in petrovski if s.speaker_role} == {
        ("technical director", "organization:share-foundation")
    }
    assert all(s.speaker_role in rferl_extraction.roles for s in petrovski)
    removed = next(s for s in petrovski if s.text.startswith("The fact that the article was removed from Huawei"))
    assert removed.about == ("organization:huawei",)


def test_statement_embeddings_are_unit_vectors(rferl_extraction, embedder) -> None:
    statement = rferl_extraction.statements[0]
    assert statement.embedding is not None and len(statement.embedding) == 384
    assert math.isclose(math.fsum(x * x for x in statement.embedding), 1.0, rel_tol=1e-4)
    [again] = embedder.embed([statement.text])
    assert max(abs(a - b) for a, b in zip(again, statement.embedding, strict=True)) < 1e-4


def test_empty_text(extractor) -> None:
    extraction = _one(extractor, "")
    assert extraction.error is None
    assert (extraction.statements, extraction.entities, extraction.roles, extraction.relations) == ((), (), (), ())


def test_control_characters(extractor) -> None:
    text = 'Andrej\x00 Petrovski,\x1b technical director of the SHARE Foundation, said\x07: "It is\x0b illegal."\x7f'
    extraction = _one(extractor, text)
    assert extraction.error is None
    _assert_offsets_exact(extraction, text)
    assert "organization:share-foundation" in {e.id for e in extraction.entities}


def test_only_quotation_marks(extractor) -> None:
    text = '"""“”„«»‘’\'' * 500
    extraction = _one(extractor, text)
    assert extraction.error is None
    assert extraction.statements == ()


def test_nested_quotes_stay_inside_the_outer_statement(extractor) -> None:
    text = "Maria Lopez said: \"The officers told us 'we will never stop' and then they left.\""
    extraction = _one(extractor, text)
    assert extraction.error is None
    texts = [s.text for s in extraction.statements]
    assert texts == ["The officers told us 'we will never stop' and then they left."]
    assert extraction.statements[0].speaker == "Maria Lopez"


def test_mojibake_is_processed_with_exact_offsets(extractor) -> None:
    text = "Milan Marinoviä‡ told reporters: â€œThe use of cameras is illegal.â€\x9d Marinoviä‡ left."
    extraction = _one(extractor, text)
    assert extraction.error is None
    _assert_offsets_exact(extraction, text)


def test_non_english_is_detected_and_warned(extractor) -> None:
    assert detect_language(GERMAN).language == "de"
    assert detect_language('""""').language == "und"  # too little text to say
    extraction = _one(extractor, GERMAN)
    assert extraction.error is None
    assert extraction.warnings and "'de'" in extraction.warnings[0]


def test_non_english_is_skipped_when_configured(nlp_settings, nlp_pipeline) -> None:
    skipping = Extractor(nlp_settings.replace(non_english="skip"), language=nlp_pipeline, embed=False)
    english = "The minister said the cameras would be switched on next year, according to the report."
    results = list(skipping.extract([article(GERMAN, id="de"), article(english, id="en")]))  # noqa: F405
    assert [r.article_id for r in results] == ["de", "en"]
    assert results[0].error is not None and results[0].error.startswith("skipped: language detected as 'de'")
    assert results[1].error is None


def test_one_line_of_200k_characters(extractor) -> None:
    block = "The council met in Toronto on Monday to discuss the budget and the new transit line. " * 12
    block += 'Jane Doe, a spokeswoman for the city, said "the plan works" on Monday. '
    text = block * (200_000 // len(block) + 1)
    assert "\n" not in text and len(text) > 200_000
    extraction = _one(extractor, text)
    assert extraction.error is None
    _assert_offsets_exact(extraction, text)
    quoted = [s for s in extraction.statements if s.text == "the plan works"]
    assert len(quoted) == text.count("the plan works")
    assert {s.speaker for s in quoted} == {"Jane Doe"}


@pytest.mark.slow
def test_a_two_million_character_document(nlp_settings, nlp_pipeline) -> None:
    paragraph = "Officials in Belgrade met Huawei on Monday, Andrej Petrovski said. " * 15 + "\n"
    text = paragraph * (2_000_000 // len(paragraph) + 1)
    assert len(text) > 2_000_000 > nlp_pipeline.max_length
    fast = Extractor(nlp_settings, language=nlp_pipeline, embed=False)
    [extraction] = list(fast.extract([article(text)]))  # noqa: F405
    assert extraction.error is None, extraction.error
    petrovski = {e.id: e for e in extraction.entities}["person:andrej-petrovski"]
    assert len(petrovski.mentions) > 20_000


def test_a_failing_document_becomes_its_error_and_the_stream_goes_on(nlp_settings, nlp_pipeline) -> None:
    def finder(doc, entities, published, offset=0, mentions=None):
        if "explode" in doc.text:
            raise ValueError("cannot read this one")
        return []

    faulty = Extractor(nlp_settings, language=nlp_pipeline, embed=False)
    faulty.find_statements = finder
    texts = ["Huawei sold cameras.", "Please explode here.", "Serbia bought them."]
    results = list(faulty.extract(article(t, id=f"d{i}") for i, t in enumerate(texts)))  # noqa: F405
    assert [r.article_id for r in results] == ["d0", "d1", "d2"]
    assert [r.error for r in results] == [None, "ValueError: cannot read this one", None]
    assert results[1].entities == () and results[2].entities


def test_extraction_is_the_same_in_a_batch_and_alone(extractor, rferl_extraction, rferl_article) -> None:
    other = article("The mayor of Toronto, John Tory, said the budget was fine.", id="toronto")  # noqa: F405
    batch = list(extractor.extract([other, rferl_article, other]))
    assert [b.article_id for b in batch] == ["toronto", "rferl-serbia-surveillance-part1", "toronto"]
    assert dataclasses.replace(batch[1], statements=()) == dataclasses.replace(rferl_extraction, statements=())
    assert [s.text for s in batch[1].statements] == [s.text for s in rferl_extraction.statements]


@pytest.mark.slow
def test_worker_processes_give_the_same_records(nlp_settings, rferl_article) -> None:
    texts = ['Andrej Petrovski, technical director of the SHARE Foundation, said "it is illegal".', ""]
    docs = [article(t, id=f"d{i}") for i, t in enumerate(texts)] + [rferl_article]  # noqa: F405
    one = Extractor(nlp_settings, embed=False).extract(docs)
    two = Extractor(nlp_settings.replace(nlp_processes=2), embed=False).extract(docs)
    assert [x.to_contract() for x in one] == [x.to_contract() for x in two]
