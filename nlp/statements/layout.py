"""Where things are in a parsed chunk: paragraphs, quotes and sentence ends in characters, and the
records the statement finders pass on (an attribution, a reported clause)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from nlp.lexicon.lexicon import StatementWords
from nlp.statements.quotes import Quote, paragraph_spans

# Where a sentence ends for region arithmetic (tokens, not inside a quote, not after "Sgt."). Not the finder's
# PARAGRAPH_END (does a paragraph's quote go on?) nor the pipeline's chunk cut of long texts: three jobs, and one
# set for all would move statement boundaries or chunk edges. Punctuation is grammar, so it stays code.
SENTENCE_END = {".", "!", "?", "…"}


@dataclass(frozen=True, slots=True)
class Attribution:
    cue: Token | None  # the reporting verb or "according"; None for `"…" - Name`
    speaker: Token | None  # the token naming the speaker at the cue
    confidence: float
    from_context: bool = False  # the speaker comes from the sentence before, not from a cue of this quote


@dataclass(frozen=True, slots=True)
class Clause:
    """Reported content found by the parse: doc character span plus its attribution."""

    start: int
    end: int
    attribution: Attribution


def after_title(stop: Token, lexicon: StatementWords) -> bool:
    """The period of "Sgt." or "Cpl.", which the tokenizer splits off the title: no sentence ends there."""
    if stop.text != "." or stop.i == 0 or stop.i + 1 >= len(stop.doc):
        return False
    title = stop.doc[stop.i - 1]
    return (
        not title.whitespace_
        and title.lower_ in lexicon.title_abbreviations
        and stop.doc[stop.i + 1].text[:1].isupper()
    )


class Layout:
    """Paragraphs, quotes and sentence ends of one doc, for region arithmetic in characters, and the lexicon's
    statement words the rules reading it consult."""

    def __init__(self, doc: Doc, quotes: list[Quote], text: str, lexicon: StatementWords) -> None:
        self.doc = doc
        self.lexicon = lexicon
        self.text = text
        self.quotes = quotes
        self.paragraphs = paragraph_spans(text) or [(0, len(text))]
        self._para_starts = [s for s, _ in self.paragraphs]
        self._quote_starts = [q.open_at for q in quotes]
        self.sentence_ends = [
            t.idx
            for t in doc
            if t.text in SENTENCE_END and self.quote_at(t.idx) is None and not after_title(t, lexicon)
        ]

    def paragraph_of(self, at: int) -> int:
        return max(0, bisect_right(self._para_starts, at) - 1)

    def quote_at(self, at: int) -> Quote | None:
        """The quote whose marks enclose character ``at``."""
        i = bisect_right(self._quote_starts, at) - 1
        if i >= 0 and self.quotes[i].open_at <= at < self.quotes[i].close_end:
            return self.quotes[i]
        return None

    def tokens(self, start: int, end: int) -> list[Token]:
        span = self.doc.char_span(start, end, alignment_mode="expand") if end > start else None
        return [t for t in span if start <= t.idx < end] if span is not None else []

    def clause_before(self, index: int) -> tuple[int, int]:
        """Characters from the start of the clause holding quote ``index`` up to its opening mark."""
        quote = self.quotes[index]
        para_start = self.paragraphs[self.paragraph_of(quote.open_at)][0]
        start = para_start
        if index > 0 and self.quotes[index - 1].close_end > start:
            start = self.quotes[index - 1].close_end
        i = bisect_right(self.sentence_ends, quote.open_at) - 1
        if i >= 0 and self.sentence_ends[i] + 1 > start:
            start = self.sentence_ends[i] + 1
        return start, quote.open_at

    def clause_after(self, index: int) -> tuple[int, int]:
        """Characters from the closing mark of quote ``index`` to the end of its sentence."""
        quote = self.quotes[index]
        end = self.paragraphs[self.paragraph_of(max(quote.start, quote.close_end - 1))][1]
        if index + 1 < len(self.quotes) and self.quotes[index + 1].open_at < end:
            end = self.quotes[index + 1].open_at
        i = bisect_right(self.sentence_ends, quote.close_end - 1)
        if i < len(self.sentence_ends) and self.sentence_ends[i] + 1 < end:
            end = self.sentence_ends[i] + 1
        return quote.close_end, end
