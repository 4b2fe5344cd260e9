"""What every room of nlp shares: diacritics folding, canonical ids (core.names), and a doc's text read once."""

from __future__ import annotations

import weakref

from spacy.tokens import Doc

from core.names import entity_id, fold, slugify, strip_diacritics

__all__ = ["doc_text", "entity_id", "fold", "slugify", "strip_diacritics"]

# spaCy joins every token's text again on each access to ``Doc.text``; the rules of all three rooms read it, so a
# long document paid for it six times. Held weakly: a doc's entry goes when the doc does.
_TEXTS: weakref.WeakKeyDictionary[Doc, str] = weakref.WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per doc (the pipeline never changes a doc's text after tokenising it)."""
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = doc.text
    return text
