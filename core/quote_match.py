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

A **quote trail** is one utterance's appearances: the connected renderings (``connected``), and what
``summarise`` says of them: the first appearance, the reference rendering (the earliest direct one, the longest of
its day), the direct renderings altered against it, and whether the appearances give the words to speakers who
cannot be one person (an **attribution conflict**: "Ortiz" and "Lena Ortiz" are one speaker, "Lena Ortiz" and
"Dev Anand" two; an unnamed spokesperson speaks for someone else, so is never a named speaker who is not a
spokesperson: a minister's words given to "a ministry spokeswoman" are a conflict, a named spokesman's words given
to "a port authority spokesman" are not; other descriptions, "the mayor", name nobody certain). The graph
(graph/quote_trail.py) and the benchmark (bench/score_quote_trail.py) both cluster with these functions.

Written by hand: the comparison is over words with gaps, which general string-similarity libraries do not model;
difflib's SequenceMatcher does the word alignment.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import combinations
from typing import Generic, TypeVar

from core.names import fold

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


def eligible(text: str) -> bool:
    """Whether a quote is long enough to stand for an utterance (``MIN_WORDS`` words); shorter ones never cluster."""
    return len(plain(rendering(text))) >= MIN_WORDS


_Item = TypeVar("_Item", int, tuple[str, str])


class Links(Generic[_Item]):
    """Union-find: which items are linked, directly or through others. Each group's root is its smallest item."""

    def __init__(self) -> None:
        self.parent: dict[_Item, _Item] = {}

    def add(self, item: _Item) -> None:
        self.parent.setdefault(item, item)

    def root(self, item: _Item) -> _Item:
        self.add(item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def join(self, a: _Item, b: _Item) -> None:
        ra, rb = self.root(a), self.root(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> list[list[_Item]]:
        """Every group, in the order of their smallest items, each in the order its items were added."""
        out: dict[_Item, list[_Item]] = {}
        for item in list(self.parent):
            out.setdefault(self.root(item), []).append(item)
        return [out[key] for key in sorted(out)]


def connected(texts: Sequence[str]) -> list[list[int]]:
    """The indexes of ``texts`` grouped into utterances: connected by ``same_utterance``, in order of first index."""
    links: Links[int] = Links()
    for i in range(len(texts)):
        links.add(i)
    for i, j in combinations(range(len(texts)), 2):
        if links.root(i) != links.root(j) and same_utterance(texts[i], texts[j]):
            links.join(i, j)
    return links.groups()


@dataclass(frozen=True, slots=True)
class Appearance:
    """One statement of a quote trail, with what the trail needs of its article."""

    statement_id: str
    text: str
    text_hash: str
    kind: str
    article_id: str
    published: str | None = None  # ISO date of the article
    source: str | None = None
    speaker_id: str | None = None
    speaker_name: str | None = None
    speaker_role: str | None = None  # the role the article gives the speaker ("spokesman, Port Authority")

    @property
    def order(self) -> tuple[str, str, int]:
        """Earliest first: by the article's date (undated last), then article id and offset."""
        start = self.statement_id.rsplit("@", 1)[-1].split("-", 1)[0]
        return (self.published or "9999-99-99", self.article_id, int(start) if start.isdigit() else 0)


@dataclass(frozen=True, slots=True)
class TrailSummary:
    """What a quote cluster shows of its appearances."""

    id: str  # the smallest text hash of its renderings: the same whatever order they arrived in
    first: Appearance
    reference: Appearance | None  # the earliest full direct rendering, the one variants are compared with
    altered: frozenset[str]  # statement ids of direct renderings altered against the reference
    conflict: bool
    speakers: int
    appearances: int
    articles: int
    outlets: int
    last_published: str | None
    renderings: tuple[str, ...]  # distinct texts, earliest first


def same_speaker(a: str, b: str) -> bool:
    """Whether two speaker names can name one person: equal, or one's words all in the other (a surname)."""
    wa, wb = set(fold(a).split()), set(fold(b).split())
    return bool(wa and wb) and (wa <= wb or wb <= wa)


def summarise(appearances: Sequence[Appearance]) -> TrailSummary:
    """A cluster's first appearance, reference, altered renderings, conflict and counts."""
    ordered = sorted(appearances, key=lambda a: a.order)
    first = ordered[0]
    direct = sorted((a for a in ordered if a.kind == "direct"),
                    key=lambda a: (a.published or "9999-99-99", -len(a.text), a.order))  # fmt: skip
    reference = direct[0] if direct else None
    altered_ids: set[str] = set()
    verdicts: dict[str, bool] = {}  # one comparison per distinct text: thousands of copies cost one
    for a in direct[1:]:
        if reference is not None and a.text_hash != reference.text_hash:
            if a.text_hash not in verdicts:
                verdicts[a.text_hash] = altered(a.text, reference.text)
            if verdicts[a.text_hash]:
                altered_ids.add(a.statement_id)
    speakers = _speakers(ordered)
    conflict = any(not _one_person(x, y) for x, y in combinations(speakers.values(), 2))
    renderings = tuple(dict.fromkeys(a.text for a in ordered))
    dated = [a.published for a in ordered if a.published]
    return TrailSummary(
        id=min(a.text_hash for a in ordered),
        first=first,
        reference=reference,
        altered=frozenset(altered_ids),
        conflict=conflict,
        speakers=len(speakers),
        appearances=len(ordered),
        articles=len({a.article_id for a in ordered}),
        outlets=len({a.source or a.article_id for a in ordered}),
        last_published=max(dated) if dated else None,
        renderings=renderings,
    )


_SPOKESPERSON = re.compile(r"\bspokes(?:man|men|woman|women|person|persons|people)\b", re.IGNORECASE)


def speaks_for_another(words: str | None) -> bool:
    """Whether a speaker's name or role says they speak for someone else ("a ministry spokeswoman")."""
    return bool(words and _SPOKESPERSON.search(words))


def speaker_key(a: Appearance) -> str | None:
    """Who an appearance gives the words to, for conflicts: an unnamed spokesperson (by its description), the speaker
    entity, or a name written as a proper name ("Okafor" where the article gives no full name); any other
    description ("the mayor", "officials") names nobody certain and is left out."""
    name = a.speaker_name or ""
    if speaks_for_another(name):
        return "spokesperson:" + fold(name)
    if a.speaker_id:
        return a.speaker_id
    words = name.split()
    if words and all(w[:1].isupper() for w in words if len(w) > 3):
        return "name:" + fold(name)
    return None


@dataclass(frozen=True, slots=True)
class _Speaker:
    name: str
    named: bool  # a person's name; else an unnamed spokesperson
    spokesperson: bool  # some appearance gives this speaker a spokesperson's name or role


def _speakers(appearances: Sequence[Appearance]) -> dict[str, _Speaker]:
    """The trail's speakers by key: the first name each is given, and whether any appearance makes them a
    spokesperson."""
    speakers: dict[str, _Speaker] = {}
    for a in appearances:
        key = speaker_key(a)
        if not key or not a.speaker_name:
            continue
        spokesperson = speaks_for_another(a.speaker_name) or speaks_for_another(a.speaker_role)
        known = speakers.get(key)
        if known is None:
            speakers[key] = _Speaker(a.speaker_name, not key.startswith("spokesperson:"), spokesperson)
        elif spokesperson and not known.spokesperson:
            speakers[key] = _Speaker(known.name, known.named, True)
    return speakers


def _one_person(a: _Speaker, b: _Speaker) -> bool:
    if a.named and b.named:
        return same_speaker(a.name, b.name)
    if a.named or b.named:  # an unnamed spokesperson is the named speaker only if that speaker is one too
        return (a if a.named else b).spokesperson
    return True  # two unnamed spokespeople: nothing says they differ


def conflicting_pairs(appearances: Sequence[Appearance]) -> set[tuple[str, str]]:
    """Pairs of statement ids (sorted) of one trail whose speakers cannot be one person."""
    speakers = _speakers(appearances)
    keyed = sorted(((a, key) for a in appearances if (key := speaker_key(a)) in speakers),
                   key=lambda pair: pair[0].statement_id)  # fmt: skip
    return {
        (a.statement_id, b.statement_id)
        for (a, ka), (b, kb) in combinations(keyed, 2)
        if ka != kb and not _one_person(speakers[ka], speakers[kb])
    }


_TOKEN = re.compile(r"\S+")


def word_diff(reference: str, variant: str) -> list[tuple[str, str]]:
    """The variant against the reference, word by word as written: ``(kind, text)`` pieces in reading order, kind
    ``same``, ``removed`` (the reference's words the variant lacks) or ``added``; words compare as ``rendering``
    does (case and punctuation aside), so only changed words are marked."""
    ref_words, var_words = _TOKEN.findall(reference), _TOKEN.findall(variant)

    def key(word: str) -> str:
        return " ".join(plain(rendering(word))) or word

    matcher = SequenceMatcher(None, [key(w) for w in ref_words], [key(w) for w in var_words], autojunk=False)
    pieces: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(("same", " ".join(var_words[j1:j2])))
            continue
        if i2 > i1:
            pieces.append(("removed", " ".join(ref_words[i1:i2])))
        if j2 > j1:
            pieces.append(("added", " ".join(var_words[j1:j2])))
    return pieces
