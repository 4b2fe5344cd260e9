"""Quotation-mark pairing over raw text, in one linear pass that never fails.

Handles straight and typographic marks (" " “ ” „ “ « » ‘ ’ ‚ ‹ › '), quotes nested in quotes (only the
outermost quote is returned), multi-paragraph quotes (a paragraph that leaves a quote open and a next
paragraph that re-opens it), apostrophes (’s, don’t, rock ’n’ roll, the ’90s, players’) and unbalanced
marks (an unclosed quote ends with its paragraph; a stray closing mark is ignored).

Written by hand because the quote extractors of textacy and similar libraries pair marks with a regular
expression that breaks on unbalanced or nested marks and mistakes apostrophes for quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

DOUBLE_CLOSERS_OF = {"“": "”“", "„": "“”", "«": "»", "»": "«", '"': '"”“', "‟": "”", "”": "”"}
SINGLE_CLOSERS_OF = {"‘": "’'", "‚": "‘’", "‹": "›", "'": "'’", "’": "’"}
MARKS = re.compile("[\"“”„‟«»'‘’‚‹›\n]")
ELISION = re.compile(r"['’‘](?:n['’]|em\b|til\b|cause\b|tis\b|twas\b|round\b|bout\b)", re.IGNORECASE)
OPEN_BEFORE = ' \t\u00a0\u2009\u202f([{<—–-/"“„«‘‚‹:;'
CLOSE_AFTER = " \t\u00a0\u2009\u202f)]}>.,;:!?…—–-/\"”»’›'\n\r"


class Role(Enum):
    OPEN = 1
    CLOSE = 2
    EITHER = 3
    APOSTROPHE = 4  # or any mark that pairs with nothing


@dataclass(frozen=True, slots=True)
class Quote:
    """One outermost quotation: ``text[start:end]`` is its content without the marks, trimmed."""

    start: int
    end: int
    open_at: int  # index of the opening mark
    close_end: int  # index just after the closing mark (or after the content when never closed)
    closed: bool
    paragraphs: int = 1


def _role(text: str, i: int) -> Role:
    """Whether the mark at ``i`` opens, closes, could do either, or is an apostrophe."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if ch in "'’‘" and (prev.isalnum() and nxt.isalnum()):
        return Role.APOSTROPHE
    if ch in "'’‘" and not prev.isalnum() and (nxt.isdigit() or ELISION.match(text, i)):
        return Role.APOSTROPHE
    if ch in "'’" and prev.isalnum() and i >= 2 and ELISION.match(text, i - 2) and text[i - 1] in "nN":
        return Role.APOSTROPHE  # the second mark of "rock ’n’ roll"
    if prev.isspace() and nxt.isspace():
        return Role.APOSTROPHE  # a mark floating between spaces pairs with nothing
    opens = (prev in OPEN_BEFORE or prev == "\n" or i == 0) and not nxt.isspace()
    closes = not prev.isspace() and (nxt in CLOSE_AFTER or nxt.isspace() or i + 1 == len(text))
    if opens and not closes:
        return Role.OPEN
    if closes and not opens:
        return Role.CLOSE
    return Role.EITHER


def _paragraph_start(text: str, i: int) -> int:
    """Index of the first visible character after the line break at ``i``."""
    j = i
    while j < len(text) and text[j].isspace():
        j += 1
    return j


class _Scanner:
    """State of the single left-to-right pass; only the outermost open quote is tracked."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.quotes: list[Quote] = []
        self.open_at: int | None = None
        self.closers = ""
        self.family = ""
        self.depth = 0
        self.paragraphs = 1
        self.skip_until = -1

    def run(self) -> list[Quote]:
        for match in MARKS.finditer(self.text):
            i = match.start()
            if i < self.skip_until:
                continue
            if self.text[i] == "\n":
                self._line_break(i)
            elif self.open_at is None:
                self._maybe_open(i)
            else:
                self._maybe_close(i)
        if self.open_at is not None:
            self._finish(len(self.text), len(self.text), closed=False)
        return self.quotes

    def _maybe_open(self, i: int) -> None:
        ch = self.text[i]
        role = _role(self.text, i)
        if role is Role.APOSTROPHE or role is Role.CLOSE:
            return
        if ch in "'’" and role is not Role.OPEN:
            return  # a straight or right single mark opens only in a clear opening position
        if ch in DOUBLE_CLOSERS_OF:
            self.family, self.closers = "double", DOUBLE_CLOSERS_OF[ch]
        elif ch in SINGLE_CLOSERS_OF:
            self.family, self.closers = "single", SINGLE_CLOSERS_OF[ch]
        else:
            return
        self.open_at, self.depth, self.paragraphs = i, 0, 1

    def _maybe_close(self, i: int) -> None:
        ch = self.text[i]
        role = _role(self.text, i)
        if role is Role.APOSTROPHE:
            return
        opener = self.text[self.open_at] if self.open_at is not None else ""
        if ch == opener and ch in "“‘" and role is Role.OPEN:
            self.depth += 1  # the same typographic style nested inside itself
            return
        if ch not in self.closers or role is Role.OPEN:
            return
        if self.depth:
            self.depth -= 1
            return
        self._finish(i, i + 1, closed=True)

    def _line_break(self, i: int) -> None:
        if self.open_at is None:
            return
        j = _paragraph_start(self.text, i)
        if j < len(self.text) and self._reopens(j):
            self.paragraphs += 1
            self.skip_until = j + 1
            return
        if j < len(self.text) and self._closes_next_line(j):
            self.paragraphs += 1  # the line break was put inside the quote without re-opening it
            return
        self._finish(i, i, closed=False)

    def _closes_next_line(self, j: int) -> bool:
        """The next line's first quotation mark closes this quote: the quote runs on over the break."""
        end = self.text.find("\n", j)
        end = len(self.text) if end < 0 else end
        for match in MARKS.finditer(self.text, j, end):
            k = match.start()
            role = _role(self.text, k)
            if role is Role.APOSTROPHE:
                continue
            return self.text[k] in self.closers and role is Role.CLOSE
        return False

    def _reopens(self, j: int) -> bool:
        ch = self.text[j]
        family = "double" if ch in DOUBLE_CLOSERS_OF else "single" if ch in SINGLE_CLOSERS_OF else ""
        return family == self.family and _role(self.text, j) in {Role.OPEN, Role.EITHER}

    def _finish(self, content_end: int, close_end: int, closed: bool) -> None:
        assert self.open_at is not None
        start, end = self.open_at + 1, content_end
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        if any(ch.isalnum() for ch in self.text[start:end]):
            self.quotes.append(Quote(start, end, self.open_at, close_end, closed, self.paragraphs))
        self.open_at, self.closers, self.family, self.depth = None, "", "", 0


def find_quotes(text: str) -> list[Quote]:
    """All outermost quotations in ``text``, in order; never raises on unbalanced or stray marks."""
    return _Scanner(text).run()


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line; news text puts one paragraph on a line."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip():
            spans.append((match.start(), match.end()))
    return spans
