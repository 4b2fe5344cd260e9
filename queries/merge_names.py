"""Why two entity names may name one entity: the name signals of merge suggestions, pure functions.

Names compare folded as the extractor folds them (core.names: Marinović = Marinovic) and word by word. Each
signal returns a ``NameMatch`` (its kind, a base score and a sentence saying why) or None. The signals are
deliberately narrow: a pair two different things plausibly share ("Kennedy Space Center" and its "Visitor
Complex", "North Korea" and "South Korea", "Ahmed Mohamed" and "Mohamed El-Hassan Mohamed") must not match.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from core.names import fold

SPELLING = "spelling"
ACRONYM = "acronym"
SHORT_FORM = "short form"
COUNTRY = "country"
TRANSLATION = "translation"
SAME_ROLE = "same role"
KINDS = (SPELLING, ACRONYM, SHORT_FORM, COUNTRY, TRANSLATION, SAME_ROLE)

# Words an acronym leaves out ("Council on American-Islamic Relations" is CAIR); the shell passes the lexicon's own
# list (en.toml initials_skipped), this is the same list for callers without it.
SKIPPED_WORDS = frozenset({"&", "and", "at", "de", "du", "for", "in", "la", "of", "on", "the", "to"})
_WORD = re.compile(r"[^\W_]+(?:[.'’-][^\W_]+)*\.?|&", re.UNICODE)
_ACRONYM = re.compile(r"^(?:[A-Z]\.?){2,8}$")  # NASA, U.S., NEMISIS
_INITIAL = re.compile(r"^[A-Z]\.$")  # the J. of "J. Doe"
_VOWELS = str.maketrans("", "", "aeiouy")
# A tail that only says where the thing is ("… Museum of McMinnville") leaves the name's head as it was.
_PLACE_TAIL = ("of", "in", "at")
_ADJECTIVE_ENDINGS = ("an", "ese", "ish", "i", "ic")  # Serbian, Chinese, Swedish, Saudi, Icelandic


@dataclass(frozen=True, slots=True)
class NameRules:
    """What the name signals know besides the names: country words, and a key that writes a name one way.

    ``country_words`` holds folded country names and their adjectives ("serbia", "serbian", "us", "u.s.");
    ``name_key`` turns the ways one organisation is written into one key ("Interior Ministry" and "Ministry of
    Internal Affairs"), the extractor's own key when the caller has it (newsgraph.merge_rules).
    """

    country_words: frozenset[str] = frozenset()
    name_key: Callable[[str], str] | None = None
    skipped_words: frozenset[str] = field(default=SKIPPED_WORDS)

    def with_countries(self, names: set[str]) -> NameRules:
        """The same rules knowing these place names as country words too (the graph's own locations)."""
        return NameRules(self.country_words | {fold(n) for n in names}, self.name_key, self.skipped_words)


@dataclass(frozen=True, slots=True)
class NameMatch:
    kind: str
    score: float
    reason: str


@functools.lru_cache(maxsize=1 << 16)
def words(name: str) -> tuple[str, ...]:
    """The name's words as written ("Udvar-Hazy" and "L.A." stay one word each); a leading "the" dropped."""
    found = tuple(_WORD.findall(name))
    return found[1:] if len(found) > 1 and found[0].lower() == "the" else found


@functools.lru_cache(maxsize=1 << 16)
def plain(name: str) -> str:
    """The comparison form: folded, punctuation and a leading "the" gone ("The U.S." → "us")."""
    return " ".join(fold(w).replace(".", "").replace("-", " ").replace("'", "") for w in words(name)).strip()


@functools.lru_cache(maxsize=1 << 16)
def skeleton(word: str) -> str:
    """The consonants of a folded word, doubles once: "Buchtmann" and "Bauchtman" are both "bchtmn"."""
    letters = fold(word).translate(_VOWELS)
    return re.sub(r"(.)\1+", r"\1", letters)


@functools.lru_cache(maxsize=1 << 16)
def similar_words(first: str, second: str) -> float:
    """How alike two words are (0..1), 0 when they do not open alike: "Dalija"/"Dahlia" yes, "North"/"South" no."""
    a, b = fold(first), fold(second)
    if a == b:
        return 1.0
    if min(len(a), len(b)) < 4 or a[0] != b[0]:
        return 0.0
    return SequenceMatcher(None, a, b).ratio()


def is_acronym(name: str) -> bool:
    return bool(_ACRONYM.match(name.strip()))


@functools.lru_cache(maxsize=1 << 16)
def initials(name: str, skipped: frozenset[str] = SKIPPED_WORDS) -> str:
    """ "National Enforcement Management Information System" → "nemis", "University of NSW" → "unsw"; hyphens
    split words."""
    parts = [p for w in words(name) for p in re.split(r"[-/]", w) if p]
    letters = [plain(p) if is_acronym(p) else fold(p)[0] for p in parts if fold(p) not in skipped and p[:1].isalpha()]
    return "".join(letters)


def compare(first: str, second: str, first_type: str, second_type: str, rules: NameRules) -> NameMatch | None:
    """The strongest name signal between two names, or None."""
    for signal in (_spelling, _acronym, _country, _translation, _short_form):
        found = signal(first, second, first_type, second_type, rules)
        if found is not None:
            return found
    return None


def _spelling(first: str, second: str, first_type: str, second_type: str, rules: NameRules) -> NameMatch | None:
    a, b = plain(first), plain(second)
    if a == b:
        return NameMatch(SPELLING, 0.95, f"'{first}' and '{second}' differ only in accents, case or punctuation")
    if first_type == "Person" and second_type == "Person":
        return _person_spelling(first, second)
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or len(wa) < 2:
        return None
    differing = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
    if len(differing) != 1:
        return None
    x, y = differing[0]
    similarity = similar_words(x, y)
    if similarity < 0.75 or x.isdigit() or y.isdigit():
        return None
    return NameMatch(SPELLING, 0.6 + 0.3 * similarity, f"'{first}' and '{second}' differ by one word spelt alike")


def _person_spelling(first: str, second: str) -> NameMatch | None:
    """Same surname and given names spelt alike ("Dalija"/"Dahlia"), or the surname spelt alike with the same
    given name ("Lydia Buchtmann"/"Lydia Bauchtman"); never two given names that merely share a surname."""
    wa, wb = plain(first).split(), plain(second).split()
    if len(wa) < 2 or len(wb) < 2 or len(wa) != len(wb):
        return None
    surnames = similar_words(wa[-1], wb[-1]) if wa[-1] != wb[-1] else 1.0
    given = [similar_words(x, y) if x != y else 1.0 for x, y in zip(wa[:-1], wb[:-1], strict=True)]
    if surnames < 0.75 or min(given) < 0.7 or (surnames < 1.0 and min(given) < 1.0):
        return None
    score = 0.55 + 0.35 * min(surnames, *given)
    return NameMatch(SPELLING, score, f"'{first}' and '{second}': the same person's name spelt two ways")


def _acronym(first: str, second: str, first_type: str, second_type: str, rules: NameRules) -> NameMatch | None:
    for short, long in ((first, second), (second, first)):
        if is_acronym(short) and len(words(long)) >= 2:
            letters = plain(short).replace(" ", "")
            expanded = initials(long, rules.skipped_words)
            if letters == expanded and len(letters) >= 3:
                return NameMatch(ACRONYM, 0.85, f"'{short}' is the initials of '{long}'")
            if letters == expanded:  # two letters stand for too many names ("US"): only beside shared articles
                return NameMatch(ACRONYM, 0.5, f"'{short}' is the initials of '{long}'")
            if len(expanded) >= 4 and letters.startswith(expanded) and len(letters) - len(expanded) <= 2:
                return NameMatch(ACRONYM, 0.7, f"'{short}' opens with the initials of '{long}'")
        abbreviated = _abbreviates(short, long, rules)
        if abbreviated and all(_INITIAL.match(w) or not is_acronym(w) for w in words(short)):
            return NameMatch(SHORT_FORM, 0.75, f"'{short}' is '{long}' with initials ({abbreviated})")
        if abbreviated:
            return NameMatch(ACRONYM, 0.75, f"'{short}' abbreviates '{long}' ({abbreviated})")
    return None


def _abbreviates(short: str, long: str, rules: NameRules) -> str:
    """ "East L.A." for "East Los Angeles", "J. Doe" for "John Doe": the same words, one run of them as initials.

    Returns what the initials stand for, or "" when the names do not line up that way.
    """
    ws, wl = words(short), words(long)
    if len(ws) < 2 or len(ws) >= len(wl) + 1 or not any(_ACRONYM.match(w) or _INITIAL.match(w) for w in ws):
        return ""
    i = j = 0
    stood_for: list[str] = []
    while i < len(ws) and j < len(wl):
        if fold(ws[i]) == fold(wl[j]):
            i, j = i + 1, j + 1
            continue
        letters = fold(ws[i]).replace(".", "")
        if not (_ACRONYM.match(ws[i]) or _INITIAL.match(ws[i])) or j + len(letters) > len(wl):
            return ""
        run = wl[j : j + len(letters)]
        if "".join(fold(w)[0] for w in run) != letters:
            return ""
        stood_for.append(f"{ws[i]} = {' '.join(run)}")
        i, j = i + 1, j + len(letters)
    return "; ".join(stood_for) if i == len(ws) and j == len(wl) and stood_for else ""


def _country(first: str, second: str, first_type: str, second_type: str, rules: NameRules) -> NameMatch | None:
    """ "US State Department" and "State Department", "Serbian Ministry of Interior" and "Ministry of Interior"."""
    if first_type != second_type or first_type == "Location" or not rules.country_words:
        return None
    for longer, shorter in ((first, second), (second, first)):
        rest = without_country(longer, rules)
        if rest is None or len(rest.split()) < 2:
            continue
        key = rules.name_key or plain
        if rest == plain(shorter) or key(rest) == key(shorter):
            return NameMatch(COUNTRY, 0.8, f"'{longer}' is '{shorter}' with its country or place named")
    return None


def without_country(name: str, rules: NameRules) -> str | None:
    """The name in plain form with a country word (or two: "United Kingdom") taken off its start, or None."""
    parts = plain(name).split()
    for size in (3, 2, 1):
        if len(parts) > size and _is_country(" ".join(parts[:size]), rules):
            return " ".join(parts[size:])
    return None


def _is_country(text: str, rules: NameRules) -> bool:
    """A country's name, or its adjective beginning like it ("serbian" of Serbia, "chinese" of China)."""
    if text in rules.country_words:
        return True
    if " " in text or len(text) < 5 or not text.endswith(_ADJECTIVE_ENDINGS):
        return False
    return any(
        len(country) >= 4 and " " not in country and text.startswith(country[: max(4, len(country) - 1)])
        for country in rules.country_words
    )


def _translation(first: str, second: str, first_type: str, second_type: str, rules: NameRules) -> NameMatch | None:
    if rules.name_key is None or first_type != second_type or first_type != "Organization":
        return None
    if rules.name_key(first) == rules.name_key(second):
        return NameMatch(TRANSLATION, 0.85, f"'{first}' and '{second}' are one name translated or turned round")
    return None


def _short_form(first: str, second: str, first_type: str, second_type: str, rules: NameRules) -> NameMatch | None:
    """A name and the same name with words before it ("Udvar-Hazy Center" of "Steven F. Udvar-Hazy Center",
    "Scientology" of "Church of Scientology") or with where it is after it ("… Museum of McMinnville").

    Words added after a name make another thing of it ("Kennedy Space Center Visitor Complex", "Andy Warhol
    Foundation"), so those never match; nor a one-word person, which surname_owner handles.
    """
    for short, long in ((first, second), (second, first)):
        ps, pl = plain(short).split(), plain(long).split()
        if not ps or len(ps) >= len(pl):
            continue
        middle = len(ps) >= 2 and ps[0] == pl[0] and ps[-1] == pl[-1] and _in_order(ps, pl)
        if middle and first_type != "Location":  # "North and South Korea" is not North Korea
            what = "a middle name" if first_type == second_type == "Person" else "words in the middle"
            return NameMatch(SHORT_FORM, 0.7, f"'{short}' is '{long}' without {what}")
        if first_type == second_type == "Person":
            continue  # a surname alone: surname_owner, which knows the other full names
        if first_type != second_type and "Location" in (first_type, second_type):
            continue  # "University of Sheffield" is not Sheffield, "Environment Canada" not Canada
        before = pl[: -len(ps)]
        if pl[-len(ps) :] == ps and before[-1:] == ["of"] and len(before) == 2:
            return NameMatch(SHORT_FORM, 0.7, f"'{long}' is '{short}' named with what it is")
        if first_type == "Location":
            continue  # "South Australia" is not Australia, "New Belgrade" not Belgrade
        if pl[-len(ps) :] == ps and "the" not in before and not _one_common_word(ps, rules):
            return NameMatch(SHORT_FORM, 0.65, f"'{short}' is the end of '{long}'")
        tail = pl[len(ps) :]
        if pl[: len(ps)] == ps and len(ps) >= 2 and len(tail) == 2 and tail[0] in _PLACE_TAIL:
            return NameMatch(SHORT_FORM, 0.65, f"'{long}' is '{short}' with where it is")
    return None


def _in_order(short: list[str], long: list[str]) -> bool:
    remaining = iter(long)
    return all(word in remaining for word in short)


def _one_common_word(parts: list[str], rules: NameRules) -> bool:
    """A small word ("of", "Inc") ends too many names to say which one is meant. (A common noun such as "Center"
    ends many names too; in a large graph its blocking key is too crowded to pair anything.)"""
    return len(parts) == 1 and (parts[0] in rules.skipped_words or len(parts[0]) < 4)


def surname_owner(short: str, long: str) -> NameMatch | None:
    """A person known by one word ("Ms Bauchtman" → "Bauchtman") and a full name whose surname it is or is
    spelt like; the caller checks that no other full name of their articles claims it."""
    ws, wl = plain(short).split(), plain(long).split()
    if len(ws) != 1 or len(wl) < 2:
        return None
    if ws[0] == wl[-1]:
        return NameMatch(SHORT_FORM, 0.7, f"'{short}' is the surname of '{long}'")
    if skeleton(ws[0]) == skeleton(wl[-1]) and similar_words(ws[0], wl[-1]) >= 0.75:
        return NameMatch(SHORT_FORM, 0.65, f"'{short}' is the surname of '{long}' spelt another way")
    return None
