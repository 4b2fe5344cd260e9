"""Sentences of a doc found from a token without ``Token.sent``.

``Token.sent`` and ``Span.sent`` check the whole doc for sentence annotation on every call, so a finder asking for
the sentence of each candidate word became quadratic in the length of the document; these walk only the sentence.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token


def sentence_of(token: Token) -> Span:
    """The sentence holding ``token``, by its tokens' sentence starts."""
    doc = token.doc
    start = token.i
    while start > 0 and not doc[start].is_sent_start:
        start -= 1
    end = token.i + 1
    while end < len(doc) and not doc[end].is_sent_start:
        end += 1
    return doc[start:end]


def sentence_end(token: Token) -> int:
    """The index after the last token of ``token``'s sentence."""
    doc = token.doc
    end = token.i + 1
    while end < len(doc) and not doc[end].is_sent_start:
        end += 1
    return end


def sentence_start_within(token: Token, reach: int) -> int:
    """The index of the first token of ``token``'s sentence, or of the token ``reach`` before it if that is later."""
    doc = token.doc
    start = token.i
    while start > max(token.i - reach, 0) and not doc[start].is_sent_start:
        start -= 1
    return start


class SentenceIndex:
    """Every sentence of a doc and, for each token, the number of its sentence: built once per doc."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.sentences = list(doc.sents)
        self._number = [0] * len(doc)
        for number, sentence in enumerate(self.sentences):
            for index in range(sentence.start, sentence.end):
                self._number[index] = number

    def number(self, token: Token) -> int:
        return self._number[token.i]

    def of(self, token: Token) -> Span:
        return self.sentences[self._number[token.i]]

    def before(self, sentence: Span, steps: int = 1) -> Span:
        """The sentence ``steps`` before (the first sentence when there are fewer)."""
        number = self._number[sentence.start] if len(sentence) else 0
        return self.sentences[max(number - steps, 0)]


def sentence_dates(sentence: Span) -> list[Span]:
    """The date entities of a sentence, as the model tagged them, read off its tokens (``Span.ents`` goes through
    every entity of the doc on each call)."""
    doc = sentence.doc
    dates = []
    index = sentence.start
    while index < sentence.end:
        token = doc[index]
        if token.ent_iob_ == "B" and token.ent_type_ == "DATE":
            end = index + 1
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
            dates.append(doc[index:end])
            index = end
        else:
            index += 1
    return dates
