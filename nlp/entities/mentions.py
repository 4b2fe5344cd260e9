"""The mention record shared by the entity, role and relation rules, and the punctuation test they share."""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Token

QUOTE_CHARS = "\"'“”„‟«»‘’‚‹›"


class Mention(NamedTuple):
    start: int
    end: int
    type: str  # one of ENTITY_TYPES, or "Unknown" until resolution decides
    text: str
    source: str  # "ner", "rule" or "gazetteer"


def is_punct(token: Token) -> bool:
    return token.is_punct or all(ch in QUOTE_CHARS for ch in token.text)
