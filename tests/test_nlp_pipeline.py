"""Chunking, the spaCy view of the text and offsets mapped back to the article."""

from __future__ import annotations

import pytest

from core.errors import ExtractionError
from nlp.runtime.components import mentions_of
from nlp.runtime.pipeline import MAX_CHUNK_CHARS, chunk_text, pipe_chunks, spacy_view
from tests.nlp_fixtures import *  # noqa: F403


def test_short_text_is_one_chunk() -> None:
    assert [(c.offset, c.text) for c in chunk_text("One paragraph.\nTwo.")] == [(0, "One paragraph.\nTwo.")]


def test_chunks_tile_the_text_exactly_and_cut_at_paragraphs() -> None:
    paragraph = "The minister said the plan would work. " * 40 + "\n"
    text = paragraph * 200
    chunks = chunk_text(text, limit=5_000)
    assert "".join(c.text for c in chunks) == text
    assert all(len(c.text) <= 5_000 for c in chunks)
    assert all(text[c.offset : c.offset + len(c.text)] == c.text for c in chunks)
    assert all(c.text.endswith("\n") for c in chunks[:-1])


def test_a_paragraph_longer_than_a_chunk_is_cut_after_a_sentence() -> None:
    text = "Sentence number one is here. " * 10_000  # one 290k-character line
    chunks = chunk_text(text)
    assert "".join(c.text for c in chunks) == text
    assert len(chunks) >= len(text) // MAX_CHUNK_CHARS
    assert all(c.text.endswith(". ") for c in chunks[:-1])


def test_text_without_any_break_is_still_cut_to_size() -> None:
    text = "x" * 50_000
    chunks = chunk_text(text)
    assert [len(c.text) for c in chunks] == [20_000, 20_000, 10_000]


def test_spacy_view_keeps_every_offset() -> None:
    text = "New\xa0Belgrade\x00 and\u200b the\x1bcity\r\n"
    view = spacy_view(text)
    assert len(view) == len(text)
    assert view == "New Belgrade  and  the city \n"


def test_mentions_in_later_chunks_map_back_to_the_article(nlp_pipeline) -> None:
    paragraph = "Officials met in Belgrade on Monday. " * 30 + "\n"
    text = paragraph * 40 + "Andrej Petrovski spoke in Novi Sad.\n"
    assert len(text) > 2 * MAX_CHUNK_CHARS
    [(_context, chunks)] = list(pipe_chunks(nlp_pipeline, [(text, "ctx")]))
    assert len(chunks) >= 2
    found = {(text[m.start + offset : m.end + offset], m.type) for offset, doc in chunks for m in mentions_of(doc)}
    assert ("Andrej Petrovski", "Person") in found
    assert ("Belgrade", "Location") in found


def test_pipe_keeps_order_and_context_for_empty_texts(nlp_pipeline) -> None:
    items = [("", 1), ("Huawei sold cameras.", 2), ("", 3)]
    results = list(pipe_chunks(nlp_pipeline, items, batch_size=2))
    assert [context for context, _chunks in results] == [1, 2, 3]
    assert [len(chunks) for _context, chunks in results] == [1, 1, 1]


def test_the_version_read_from_the_package_is_the_loaded_pipelines(nlp_settings, nlp_pipeline, tmp_path) -> None:
    import spacy

    from nlp.runtime.extract import extractor_version, installed_extractor_version

    loaded = extractor_version(nlp_pipeline)
    assert installed_extractor_version(nlp_settings) == loaded
    folder = next(
        p for p in spacy.util.get_package_path(nlp_settings.spacy_model).iterdir() if p.is_dir() and "-" in p.name
    )
    assert installed_extractor_version(nlp_settings.replace(spacy_model=str(folder))) == loaded  # a pipeline's folder
    # No meta.json to read: the pipeline is loaded for it, and a folder that is none is the loader's clear error.
    with pytest.raises(ExtractionError, match="is not installed"):
        installed_extractor_version(nlp_settings.replace(spacy_model=str(tmp_path)))
