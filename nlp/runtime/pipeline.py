"""Loading the spaCy pipeline once and running it over articles in paragraph chunks.

Long articles are cut at paragraph breaks into chunks of at most ``MAX_CHUNK_CHARS`` characters, so no
document ever reaches spaCy's ``max_length`` and memory stays flat; each chunk carries its offset into the
article text so every span maps back exactly (chunk char i == article char i + offset).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Any

import spacy
from spacy.attrs import NORM, ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from core.errors import ExtractionError
from core.settings import Settings
from nlp.lexicon.lexicon import load_lexicon

log = logging.getLogger(__name__)

MAX_CHUNK_CHARS = 20_000
# A paragraph longer than a chunk is cut after a sentence end, else at a space, else anywhere.
# Where a very long text may be cut into chunks: a sentence end, closing marks, then a space. Not the statements
# room's SENTENCE_END (tokens of a parsed doc); one rule for both would move chunk edges.
_SENTENCE_END = re.compile(r"[.!?][\"'”’»)]*\s+")
_PARAGRAPH_BREAK = re.compile(r"\n\s*")


# Same-length substitutions for spaCy's eyes only: a no-break space or a control character would split a
# name ("New\xa0Belgrade") or confuse the tagger. One character for one, so every offset stays exact.
_SPACY_VIEW = str.maketrans(
    {
        **{chr(c): " " for c in range(32) if chr(c) not in "\n\t"},
        "\x7f": " ",
        "\xa0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u200b": " ",
        "\ufeff": " ",
        "\u2028": "\n",
        "\u2029": "\n",
    }
)


def spacy_view(text: str) -> str:
    """The text as spaCy sees it: same length, no-break spaces and control characters made plain."""
    return text.translate(_SPACY_VIEW)


@dataclass(frozen=True, slots=True)
class Chunk:
    offset: int
    text: str


@Language.component("newsgraph_paragraphs")
def paragraph_sentences(doc: Doc) -> Doc:
    """A line break ends a sentence: headings and paragraphs never merge into one sentence, so every
    statement's evidence sentence stays inside its own paragraph (the parser keeps boundaries set before it)."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if not token.is_space and ("\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text)):
            token.is_sent_start = True
    return doc


def load_pipeline(settings: Settings, custom: bool = True, disabled_rules: Iterable[str] = ()) -> Language:
    """Load ``settings.spacy_model`` and add the project's components after the NER; ``disabled_rules`` names
    entity rules to switch off (``nlp.entities.finders.RULES``), for ablation runs."""
    import nlp.runtime.components  # noqa: F401  (registers the factories)

    try:
        language = spacy.load(settings.spacy_model)
    except OSError as e:
        raise ExtractionError(
            f"spaCy pipeline {settings.spacy_model!r} is not installed; install its package or set "
            "NEWSGRAPH_SPACY_MODEL to one that is"
        ) from e
    if "ner" not in language.pipe_names or "parser" not in language.pipe_names:
        raise ExtractionError(f"spaCy pipeline {settings.spacy_model!r} needs a parser and an NER")
    if isinstance(language.tokenizer, Tokenizer):
        entity_words = load_lexicon(settings.aliases_file or None).entities
        for word in (*entity_words.dotted_titles, *entity_words.abbreviated_given_names):
            language.tokenizer.add_special_case(word, [{ORTH: word}])  # "Sgt." one token, as "Dr." already is
        for title, english in entity_words.slashed_titles.items():
            language.tokenizer.add_special_case(title, [{ORTH: title, NORM: english}])
    language.add_pipe("newsgraph_paragraphs", before="parser")
    if custom:
        language.add_pipe("newsgraph_entities", config=entities_config(settings, disabled_rules))
        language.add_pipe("newsgraph_roles", config={"aliases_file": settings.aliases_file})
        language.add_pipe("newsgraph_relations", config={"aliases_file": settings.aliases_file})
    log.info("loaded spaCy pipeline %s: %s", settings.spacy_model, ", ".join(language.pipe_names))
    return language


def pipeline_meta(settings: Settings) -> dict[str, Any]:
    """``settings.spacy_model``'s meta (language, name, version), read from its meta.json without loading the
    pipeline: a process that only names the extractor's version (the Ray driver, ``load``) saves a gigabyte and
    seconds of start-up. A pipeline without a readable meta.json is loaded for it."""
    name = settings.spacy_model
    try:
        folder = spacy.util.get_package_path(name) if spacy.util.is_package(name) else Path(name)
        return dict(spacy.util.load_meta(folder / "meta.json"))
    except (OSError, ValueError):
        return dict(load_pipeline(settings, custom=False).meta)


def entities_config(settings: Settings, disabled_rules: Iterable[str] = ()) -> dict[str, Any]:
    """The ``newsgraph_entities`` component's config."""
    return {"aliases_file": settings.aliases_file, "disabled_rules": sorted(disabled_rules)}


def _split_long(text: str, start: int, end: int, limit: int) -> Iterator[tuple[int, int]]:
    while end - start > limit:
        window = text[start : start + limit]
        cut = 0
        for match in _SENTENCE_END.finditer(window):
            cut = match.end()
        if cut < limit // 2:
            cut = window.rfind(" ") + 1
        if cut < limit // 2:
            cut = limit
        yield start, start + cut
        start += cut
    if end > start:
        yield start, end


def chunk_text(text: str, limit: int = MAX_CHUNK_CHARS) -> list[Chunk]:
    """Paragraph-aligned chunks of at most ``limit`` characters that tile ``text`` exactly."""
    if len(text) <= limit:
        return [Chunk(0, text)]
    pieces: list[tuple[int, int]] = []
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        pieces.extend(_split_long(text, start, match.end(), limit))
        start = match.end()
    pieces.extend(_split_long(text, start, len(text), limit))
    chunks: list[Chunk] = []
    chunk_start = chunk_end = 0
    for piece_start, piece_end in pieces:
        if piece_end - chunk_start > limit and chunk_end > chunk_start:
            chunks.append(Chunk(chunk_start, text[chunk_start:chunk_end]))
            chunk_start = piece_start
        chunk_end = piece_end
    if chunk_end > chunk_start:
        chunks.append(Chunk(chunk_start, text[chunk_start:chunk_end]))
    return chunks


def pipe_chunks(
    language: Language,
    items: Iterable[tuple[str, Any]],
    batch_size: int = 32,
    n_process: int = 1,
) -> Iterator[tuple[Any, list[tuple[int, Doc]]]]:
    """Run ``nlp.pipe`` over the chunks of each text, streaming; yields (context, [(offset, doc), ...]).

    Items are ``(text, context)`` pairs; results come back in input order, one per item.
    """

    contexts: dict[int, Any] = {}  # only the items spaCy has read ahead are held here

    def chunks() -> Iterator[tuple[str, tuple[int, int]]]:
        for number, (text, context) in enumerate(items):
            contexts[number] = context
            for chunk in chunk_text(text):
                yield spacy_view(chunk.text), (number, chunk.offset)

    docs = language.pipe(chunks(), as_tuples=True, batch_size=batch_size, n_process=n_process)
    for number, group in groupby(docs, key=lambda pair: pair[1][0]):
        yield contexts.pop(number), [(offset, doc) for doc, (_number, offset) in group]
