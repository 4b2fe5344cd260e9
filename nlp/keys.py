"""What every room of nlp shares: diacritics folding, canonical ids, and a doc's text read once.

Ids follow the statement spec: ``<type-lowercase>:<slug>`` where the slug is the canonical name with
diacritics stripped (NFKD, combining marks dropped), lowercased, non-alphanumerics collapsed to "-".
"""

from __future__ import annotations

import functools
import re
import unicodedata
import weakref

from spacy.tokens import Doc

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_SPACES = re.compile(r"\s+")
# Letters NFKD does not decompose but that readers treat as plain Latin letters.
_EXTRA_FOLDS = str.maketrans({"đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss", "æ": "ae"})


def strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_EXTRA_FOLDS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=1 << 16)  # called for most tokens of every document, mostly on the same words
def fold(text: str) -> str:
    """A comparison key: Marinović, MARINOVIC and marinovic fold to the same string."""
    return _SPACES.sub(" ", strip_diacritics(text).casefold().replace("’", "'")).strip()


def slugify(name: str) -> str:
    return _NON_ALNUM.sub("-", strip_diacritics(name).lower()).strip("-")


def entity_id(entity_type: str, name: str) -> str:
    """The stable canonical id of an entity, e.g. ``person:nebojsa-stefanovic``."""
    return f"{entity_type.lower()}:{slugify(name)}"


# spaCy joins every token's text again on each access to ``Doc.text``; the rules of all three rooms read it, so a
# long document paid for it six times. Held weakly: a doc's entry goes when the doc does.
_TEXTS: weakref.WeakKeyDictionary[Doc, str] = weakref.WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per doc (the pipeline never changes a doc's text after tokenising it)."""
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = doc.text
    return text
