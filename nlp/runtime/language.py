"""Language detection (py3langid) on a sample of the article text, with the ``non_english`` policy."""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass

from py3langid.langid import MODEL_FILE, LanguageIdentifier

log = logging.getLogger(__name__)

SAMPLE_CHARS = 3000
MIN_LETTERS = 40  # below this a guess is noise: too short to call a text non-English
MIN_CONFIDENCE = 0.8


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    language: str  # ISO 639-1 code, "und" when the text is too short or unclear
    confidence: float

    @property
    def is_foreign(self) -> bool:
        return self.language not in {"en", "und"}


@functools.cache
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> LanguageGuess:
    """The language of ``text`` from its first few thousand characters."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return LanguageGuess("und", 0.0)
    language, confidence = _identifier().classify(sample)
    if confidence < MIN_CONFIDENCE:
        return LanguageGuess("und", confidence)
    return LanguageGuess(language, confidence)
