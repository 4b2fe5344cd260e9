"""Whether two quotes report the same utterance, and whether one changed the other's words.

News copies quotes with small changes: a fragment of a longer quote, an ellipsis for words left out, a bracketed
word standing in for others ("[Brackley]" for "this city"), other punctuation and case, a tense shifted in
reported speech, now and then a changed word. Two renderings are one utterance when

* the words of one, with its ellipses and brackets as gaps, run in order inside the other (a fragment, a cut), or
* their words align for at least three quarters of the shorter one (an edit, reported speech);

and never when the shorter has fewer than ``MIN_WORDS`` words: "No comment." or "It's bad" said by two people are
two utterances. A direct quote is **altered** against another direct rendering of the same utterance when words
inside the stretch they share were replaced, added or dropped; a fragment (words missing only at either end), an
ellipsis or a bracketed insertion is not an alteration.

Written by hand: the comparison is over words with gaps, which general string-similarity libraries do not model;
difflib's SequenceMatcher does the word alignment.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

MIN_WORDS = 4  # a shorter quote never joins another on its own
ALIGNED_SHARE = 0.75  # of the shorter rendering's words, for an edited or reported rendering

GAP = "\x00"
_GAPS = re.compile(r"\[[^\]]*\]|\.\.\.|…")
_WORD = re.compile(r"\w+(?:'\w+)*")


def rendering(text: str) -> tuple[str, ...]:
    """A quote's words (case, punctuation and quote marks dropped), with ``GAP`` where an ellipsis or a bracketed
    insertion stands between words."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("’", "'").replace("‘", "'")
    words: list[str] = []
    for index, piece in enumerate(_GAPS.split(folded)):
        if index and words and words[-1] != GAP:
            words.append(GAP)
        words.extend(_WORD.findall(piece))
    while words and words[-1] == GAP:
        words.pop()
    return tuple(words)


def plain(words: tuple[str, ...]) -> list[str]:
    """The words of a rendering without its gaps."""
    return [w for w in words if w != GAP]


def same_utterance(a: str, b: str) -> bool:
    """Whether quotes ``a`` and ``b`` report the same utterance (module docstring)."""
    ra, rb = rendering(a), rendering(b)
    wa, wb = plain(ra), plain(rb)
    if min(len(wa), len(wb)) < MIN_WORDS:
        return False
    if _runs_inside(ra, wb) or _runs_inside(rb, wa):
        return True
    matched = sum(block.size for block in SequenceMatcher(None, wa, wb, autojunk=False).get_matching_blocks())
    return matched >= MIN_WORDS and matched >= ALIGNED_SHARE * min(len(wa), len(wb))


def altered(a: str, b: str) -> bool:
    """Whether direct quotes ``a`` and ``b`` of one utterance differ in words inside the stretch they share."""
    ra, rb = rendering(a), rendering(b)
    if _runs_inside(ra, plain(rb)) or _runs_inside(rb, plain(ra)):
        return False
    opcodes = SequenceMatcher(None, plain(ra), plain(rb), autojunk=False).get_opcodes()
    equal = [i for i, op in enumerate(opcodes) if op[0] == "equal"]
    if not equal:
        return False
    return any(op[0] != "equal" for op in opcodes[equal[0] : equal[-1] + 1])


def _runs_inside(words: tuple[str, ...], other: list[str]) -> bool:
    """Each gap-separated run of ``words``, in order, found whole in ``other``."""
    runs: list[list[str]] = [[]]
    for word in words:
        if word == GAP:
            runs.append([])
        else:
            runs[-1].append(word)
    position = 0
    for run in (r for r in runs if r):
        found = _find(other, run, position)
        if found < 0:
            return False
        position = found + len(run)
    return True


def _find(words: list[str], run: list[str], start: int) -> int:
    for i in range(start, len(words) - len(run) + 1):
        if words[i : i + len(run)] == run:
            return i
    return -1
