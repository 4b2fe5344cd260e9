"""The mention record shared by the entity, role and relation rules, and the punctuation tests they share."""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Doc, Token

QUOTE_CHARS = "\"'“”„‟«»‘’‚‹›"
HYPHENS = frozenset({"-", "‐", "‑"})


class Mention(NamedTuple):
    start: int
    end: int
    type: str  # one of ENTITY_TYPES, or "Unknown" until resolution decides
    text: str
    source: str  # "ner", "rule" or "gazetteer"


def is_punct(token: Token) -> bool:
    return token.is_punct or all(ch in QUOTE_CHARS for ch in token.text)


def joined_by_hyphen(doc: Doc, i: int) -> bool:
    """Token ``i`` is followed, with no space either side, by a hyphen and a capitalised word: "Kiely-Nash"."""
    return (
        i + 2 < len(doc)
        and not doc[i].whitespace_
        and doc[i + 1].text in HYPHENS
        and not doc[i + 1].whitespace_
        and doc[i + 2].is_title
        and doc[i + 2].is_alpha
    )
