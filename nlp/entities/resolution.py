"""Entity resolution: mentions of one article grouped into canonical entities with stable ids.

Within a document: a surname or first name joins the full name it belongs to (the nearest one before it),
"Balkan Research Network (BIRN)" makes BIRN an alias, "the ministry" already points at the ministry last
named (nlp.entities), names compare without diacritics (Marinović = Marinovic). Across documents the id is
``<type>:<slug of the canonical name>`` and the gazetteer (with the user's aliases file over it) maps
variant names to one canonical name, so the same entity gets the same id in every article.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections import Counter, defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from core.records import Entity
from nlp.entities.departments import initials_key, state_keys, state_qualified
from nlp.entities.departments import organization_key as _organization_key
from nlp.entities.departments import without_the as _without_the
from nlp.entities.mentions import QUOTE_CHARS, Mention
from nlp.keys import entity_id, fold
from nlp.lexicon.first_names import given_name_gender
from nlp.lexicon.gazetteer import Gazetteer
from nlp.naming import (
    first_surname_bearers,
    follows_marker,
    introduced_as_relative,
    title_before,
    titled_as_both,
    without_generation,
)

_WORD_BEFORE = re.compile(r"([\w-]+)\.?\s+$")  # "Mr." or "Mayor" right before a name
_LAW_APPOSITION = re.compile(r", (?:the |or )?")
_BRACKETED_ALIAS = re.compile(r"\s*\(([^()\n]{1,40})\)")
TYPE_WEIGHT = {"gazetteer": 100, "rule": 10, "anaphor": 5, "ner": 1}
NAME_TYPES = {"Person", "Organization", "Location", "Unknown"}  # types a bare surname may have been given


@dataclass
class _Cluster:
    key: str
    mentions: list[Mention] = field(default_factory=list)
    canonical: str | None = None  # forced by the gazetteer
    forced_type: str | None = None

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)


def _bracketed_aliases(text: str, mentions: list[Mention]) -> tuple[dict[str, Mention], list[Mention]]:
    """ "Balkan Research Network (BIRN)" → {"birn": <the network's mention>}, and BIRN as a mention of its own."""
    aliases, added = {}, []
    for mention in mentions:
        match = _BRACKETED_ALIAS.match(text, mention.end)
        if not match or mention.type == "Unknown" or not match.group(1)[:1].isupper():
            continue
        alias = match.group(1).strip()
        if len(alias.split()) > 4 or any(ch.isdigit() for ch in alias):
            continue  # "(2019)" or a whole clause in brackets is no name
        if _is_acronym(alias) and fold(alias)[:1] != fold(mention.text)[:1]:
            continue  # "WASHINGTON (AP)": a news agency's credit, not the city's initials
        aliases[fold(alias)] = mention
        start = match.start(1) + match.group(1).index(alias)
        if not any(m.start < start + len(alias) and start < m.end for m in mentions):
            added.append(Mention(start, start + len(alias), mention.type, alias, "rule"))
    return aliases, added


def _known_as(text: str, mentions: list[Mention], gazetteer: Gazetteer) -> list[tuple[Mention, Mention]]:
    """ "The Online Streaming Act, also known as Bill C-11": (the name, its other name), both as mentions; a person's
    nickname the model did not tag as one is made a mention of its own."""
    starts = {m.start: m for m in mentions}
    pairs: list[tuple[Mention, Mention]] = []
    for mention in mentions:
        inside = NICKNAME.search(mention.text) if mention.type == "Person" else None
        nickname = mention.text[inside.start() + 2 : inside.end() - 2] if inside else ""
        if nickname and all(word[:1].isupper() for word in nickname.split()):
            # 'Héctor "El Chino" Giménez Ruiz': a nickname inside the name is the person's other name
            at = mention.start + inside.start() + 2 if inside else 0
            pairs.append((mention, Mention(at, at + len(nickname), "Person", nickname, "rule")))
            continue
        match = gazetteer.lexicon.entities.known_as.match(text, mention.end)
        if match is None and mention.type == "Law":
            match = _LAW_APPOSITION.match(text, mention.end)  # "Bill 23, the More Homes Built Faster Act"
        other = starts.get(match.end()) if match else None
        if (
            match is not None
            and mention.type == "Person"
            and (other is None or other.type not in {"Person", "Unknown"})
        ):
            other = _nickname_at(text, match.end())  # "known as Nonni", the nickname untagged or tagged otherwise
        if (
            match is not None
            and other is not None
            and match.re is _LAW_APPOSITION
            and not _number_and_name(mention, other)
        ):
            continue  # a list of laws ("the Canada Health Act, the Emergencies Act and …") is no apposition
        if other is not None and any(earlier is other or earlier.start == other.start for _, earlier in pairs):
            continue  # "Jón Ari Sveinsson, a captain from Eskifjörður known as Nonni": the first name's, described
        if other is not None and mention.type != "Unknown" and other.type in {mention.type, "Unknown"}:
            pairs.append((mention, other))
    pairs.extend(_called_by(text, mentions, gazetteer))
    return pairs


def _called_by(text: str, mentions: list[Mention], gazetteer: Gazetteer) -> list[tuple[Mention, Mention]]:
    """ "Rogelio “Bong” Dizon, 57, has driven … / Mang Bong, as passengers call him, said …": a name followed by the
    words by which others address someone is another name of the person last named before it whose given name or
    nickname is one of its words (a form of address before it) or holds one ("Gela, as her blockmates call her" of
    Angelica Villaruel); a shared family name is no such evidence."""
    pairs: list[tuple[Mention, Mention]] = []
    people = [m for m in mentions if m.type == "Person"]
    starts = [m.start for m in people]
    for mention in mentions:  # the model may tag such a name as anything ("Tatay Doring" an organisation)
        if not gazetteer.lexicon.entities.called_by.match(text, mention.end):
            continue
        words = {fold(word) for word in _LETTER_RUNS.findall(mention.text)}
        for earlier in reversed(people[: bisect_left(starts, mention.start)]):
            if mention.start - earlier.end > _CALLED_BY_REACH:
                break
            given = {fold(word) for word in _LETTER_RUNS.findall(earlier.text)[:-1]}  # not the family name's
            # the given name itself, or a short form cut from it ("Gela" of Angelica, "Enzo" of Lorenzo)
            if words & given or any(len(w) >= 3 and w in name for w in words for name in given):
                pairs.append((earlier, mention))
                break
    return pairs


# How far back the person a "as friends call him" name belongs to may be named: the paragraph or two before
_CALLED_BY_REACH = 600
_LETTER_RUNS = re.compile(r"[^\W\d_]+")  # the words of a name, its nickname's quotation marks left out


# One or two capitalised words: a person's nickname after "known as", which the model seldom tags ("Dheere", "Palli")
_NICKNAME = re.compile(r"[^\W\d_][^\W\d_'’-]*(?:[-'’][^\W\d_]+)?(?: [^\W\d_][^\W\d_'’-]*)?")


def _nickname_at(text: str, at: int) -> Mention | None:
    match = _NICKNAME.match(text, at)
    if match is None or not match.group()[0].isupper():
        return None
    first, _, second = match.group().partition(" ")
    nickname = match.group() if second[:1].isupper() else first  # "Kiko to everyone": one word
    return Mention(at, at + len(nickname), "Person", nickname, "rule")


def with_nicknames(text: str, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """``mentions`` with a person's nickname the text gave ("Abdirahman Sheikh Hassan, known at the club as
    “Dheere”") and each later use of it standing alone ("Dheere said") as Person mentions, in place of what the model
    made of those words: it seldom tags a nickname as a person, and the text goes on calling the person by it."""
    nicknames: dict[str, int] = {}
    for name, nickname in _known_as(text, mentions, gazetteer):
        if name.type == "Person" and nickname.source == "rule":
            nicknames.setdefault(nickname.text, nickname.start)  # two people may claim it: from the first on
    if not nicknames:
        return mentions
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    starts = [m.start for m in ordered]
    replaced: set[int] = set()  # indexes in ``ordered`` of the model's other readings of a nickname
    found: list[Mention] = []
    for word, first in nicknames.items():
        pattern = re.compile(rf"(?<![\w'’-]){re.escape(word)}(?![\w'’-])")
        for use in pattern.finditer(text, first):
            # the mentions that may overlap the use: those starting before its end, at most a long name's length back
            nearby = range(bisect_left(starts, use.start() - 200), bisect_left(starts, use.end()))
            overlapping = [i for i in nearby if ordered[i].end > use.start()]
            exact = [i for i in overlapping if (ordered[i].start, ordered[i].end) == use.span()]
            if exact and all(ordered[i].type != "Person" for i in exact) and len(exact) == len(overlapping):
                replaced.update(exact)
                overlapping = []
            if not overlapping:
                found.append(Mention(use.start(), use.end(), "Person", word, "rule"))
    kept = [m for i, m in enumerate(ordered) if i not in replaced]
    return sorted([*kept, *found], key=lambda m: (m.start, m.end))


def without_forms_of_address(text: str, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """``mentions`` with a form of address cut off the front of people's names where the article also writes the word
    in lower case as someone speaking, so no name: "Kaumātua Hōne Paraone" … "the kaumātua said", "Mukhtiarkar Ghulam
    Mustafa Jatoi" … "the mukhtiarkar said". News English writes such words before names in every language's
    customs, and the lexicon's lists cannot hold them all. Only before two more names, and never a known first name
    ("Grant Robertson" beside "the grant"). A word before several people's names, or before a full name and its
    family name alone, is no such evidence and is not used: family names written first ("Sok Kunthea", "Sok Chenda")
    and given names used with the family name ("Adelino Manuel Kiala" … "Adelino Kiala") look the same."""
    candidates = {
        words[0]
        for mention in mentions
        if mention.type == "Person" and len(words := mention.text.split()) >= 3
        if _may_be_form_of_address(words[0], gazetteer)
    }
    titles = {word for word in candidates if _speaks_as_a_noun(word, text, gazetteer)}
    titles |= _before_a_given_name_alone(text, mentions, gazetteer)
    if not titles:
        return mentions
    cut: list[Mention] = []
    for mention in mentions:
        first, _, rest = mention.text.partition(" ")
        start = mention.end - len(rest)
        if mention.type == "Person" and first in titles and rest and text[start : mention.end] == rest:
            cut.append(Mention(start, mention.end, mention.type, rest, mention.source))
        else:
            cut.append(mention)
    return cut


def _before_a_given_name_alone(text: str, mentions: list[Mention], gazetteer: Gazetteer) -> set[str]:
    """Words the article writes before a person's given name with nothing after it, where that person is named in
    full, in three words or more, without the word ("Don Faustino says" beside "Faustino Broncano Milla", "Ugaas
    Abdullahi told" beside "Abdullahi Warsame Dhoore"): a form of address, as "Mr" before a family name. Not a known
    given name (beside "Nguyen Thi Lan", "Emily Nguyen" is no title), unless it is one of the forms of address that
    are given names too (`honorifics_before_two_names`: "Don", "Nana")."""
    people = [words for m in mentions if m.type == "Person" and len(words := m.text.split()) >= 2]
    ambiguous = gazetteer.lexicon.entities.honorifics_before_two_names
    kin_nouns = gazetteer.lexicon.statements.kin_nouns
    found: set[str] = set()
    for word in dict.fromkeys(words[0] for words in people):
        if not (_may_be_form_of_address(word, gazetteer) or fold(word) in ambiguous):
            continue
        if fold(word) in gazetteer.lexicon.entities.parent_name_words:
            continue  # "Umm Walid" beside "Walid El Masri": Walid's mother
        # a known form of address may stand before a two-word name's given name too ("Apo Esteban" of Esteban
        # Bugnosen), and before a second given name ("Bai Rahma" of Sittie Rahma Kalim-Baraguir)
        shortest = 2 if fold(word) in ambiguous else 3
        givens = {
            given
            for other in people
            if len(other) >= shortest and word not in other
            for given in (other[:-1] if fold(word) in ambiguous else other[:1])
        }
        for given in givens:
            if not given[:1].isupper():
                continue
            for use in re.finditer(rf"(?<![\w'’-]){re.escape(word)} {re.escape(given)}(?![\w'’-])(?!-)", text):
                after = text[use.end() : use.end() + 2]
                if after[:1] == " " and after[1:].isupper():
                    continue  # a name goes on: "Wilmer Faustino Ñaupari"
                if introduced_as_relative(text, [(use.start(), use.end())], kin_nouns):
                    continue  # "his son, Abdiqani Abdullahi,": a son bears his father's given name as his second
                found.add(word)
                break
            if word in found:
                break
    return found


def _may_be_form_of_address(word: str, gazetteer: Gazetteer) -> bool:
    folded = fold(word)
    return (
        len(word) > 2  # "Te Rangi Kereama": the Māori article opens names
        and word[0].isupper()
        and word.isalpha()
        and not gazetteer.is_given_name(word)
        and folded not in gazetteer.lexicon.statements.name_particles
    )


# Past forms of reporting verbs English does not make with -ed
_IRREGULAR_PAST = {"said": "say", "told": "tell", "wrote": "write", "spoke": "speak", "swore": "swear"}


def _speaks_as_a_noun(word: str, text: str, gazetteer: Gazetteer) -> bool:
    """ "the kaumātua said", "The mukhtiarkar told …": the word in lower case after "the", the subject of a
    reporting verb, so a person's title; "the reef" beside "Reef Watch Keys" is no one's."""
    speech = gazetteer.lexicon.statements.speech_verbs
    for use in re.finditer(rf"\b(?i:the) {re.escape(word.lower())} ([a-z]+)\b", text):
        verb = use.group(1)  # an inflected form only: "the union report" is a compound noun, not someone speaking
        stems = {verb[:-1] if verb.endswith(("s", "d")) else "", verb[:-2] if verb.endswith(("ed", "es")) else ""}
        stems.add(_IRREGULAR_PAST.get(verb, ""))  # says, added, noted, said
        if stems & speech:
            return True
    return False


def _number_and_name(first: Mention, second: Mention) -> bool:
    """Two laws of which exactly one is a number ("Bill 23") and the other a name."""
    numbered = [any(ch.isdigit() for ch in m.text) for m in (first, second)]
    return second.type == "Law" and numbered[0] != numbered[1]


def _one_letter_apart(first: str, second: str) -> bool:
    """ "kristin" and "kristen": the same length and one letter different, or one letter more."""
    if len(first) == len(second):
        return sum(a != b for a, b in zip(first, second, strict=True)) == 1
    short, long = sorted((first, second), key=len)
    return len(long) - len(short) == 1 and any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _misspelt_people(mentions: list[Mention], gazetteer: Gazetteer) -> list[tuple[Mention, Mention]]:
    """Full names one letter apart in the given name, with the same surname ("Kristin Wilkins" in a caption,
    "Kristen Wilkins" in the text): one person, the name written first."""
    by_surname: dict[str, dict[str, Mention]] = defaultdict(dict)  # surname → full name → its first mention
    for mention in mentions:
        words = fold(mention.text).split()
        if mention.type == "Person" and len(words) >= 2:
            by_surname[words[-1]].setdefault(" ".join(words), mention)
    pairs = []
    for spellings in by_surname.values():
        written = list(spellings.values())  # in text order: a dict keeps the first mention of each spelling
        for index, later in enumerate(written):
            given = fold(later.text).split()[0]
            for earlier in written[:index]:
                earlier_given = fold(earlier.text).split()[0]
                close = len(earlier_given) >= 4 and _one_letter_apart(earlier_given, given)
                if close and not gazetteer.kept_apart(earlier.text, later.text):
                    pairs.append((later, earlier))
                    break
    return pairs


def _called_by_given_name(text: str, person: str, gazetteer: Gazetteer) -> bool:
    """Whether the article calls a person by the given name alone, with no title or name before it ("Kevin says"):
    not "Mr Hamisi" nor "Hon. Juma Hamisi", family names, nor inside someone's quoted words ("Rami is the one who
    talks")."""
    given, rest = person.split()[0], person.split()[1]
    titles = gazetteer.words("title_words") | gazetteer.words("honorific_titles")
    for match in re.finditer(rf"\b{re.escape(given)}\b(?!\s+{re.escape(rest)})", text):
        before = _WORD_BEFORE.search(text[max(0, match.start() - 40) : match.start()])
        if before and (fold(before.group(1)) in titles or before.group(1)[:1].isupper()):
            continue  # "Mr Hamisi", "Juma Hamisi": a title's family name, or a piece of another name
        paragraph = text[text.rfind("\n", 0, match.start()) + 1 : match.start()]
        if paragraph.count("\u201c") > paragraph.count("\u201d") or paragraph.count('"') % 2:
            continue
        return True
    return False


def _start(mention: Mention) -> int:
    return mention.start


class _FullNames:
    """Persons named in full, indexed by each word of their name for the surname lookup: news names a person again
    by the family name, which is the last word in English, the first in Chinese, Korean or Hungarian names, a middle
    one in Spanish ("Lagos" of "Matías Lagos Fuentes") or Hong Kong names ("Leung" of "Marcus Leung Chi-fung"); and
    by the given name, first in English, last in Vietnamese ("Lan" of "Nguyen Thi Lan"). A first or last word is
    looked for before a word inside a name, the English order being the commonest in English-language news."""

    def __init__(self, text: str, mentions: list[Mention], gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.by_word: dict[str, list[Mention]] = defaultdict(list)  # first and last words, in text order
        self.by_inner_word: dict[str, list[Mention]] = defaultdict(list)  # the words between
        self.people = sorted((m for m in mentions if m.type == "Person" and len(m.text.split()) >= 2), key=_start)
        self.people_starts = [m.start for m in self.people]
        self._bare_uses: dict[str, list[tuple[int, str]]] = {}  # a family name → where it stood alone, and for whom
        self._alone: dict[str, bool] = {}  # a word of a full name → whether it is written outside every full name
        self._first_surnamed: dict[str, list[Mention]] = {}
        self._openings: dict[str, Mention | None] = {}  # a name as written → the one longer name it opens
        self.full_names = {p.text for p in self.people}
        self.particles = particles = gazetteer.words("name_particles")
        for mention in self.people:
            words = [fold(w) for w in mention.text.split()]
            for word in {words[0], words[-1]}:
                self.by_word[word].append(mention)
            for word in {w for w in words[1:-1] if len(w.rstrip(".")) > 1} - particles - {words[0], words[-1]}:
                self.by_inner_word[word].append(mention)
        self.names = {fold(m.text) for m in self.people}
        self.named_ends: dict[str, list[int]] = defaultdict(list)  # each full name → where its mentions end, in order
        for mention in self.people:
            insort(self.named_ends[fold(mention.text)], mention.end)
        self.text = text
        # every ending after a space ("van den heuvel"): the full names it ends, each with its first mention
        self.by_tail: dict[str, dict[str, Mention]] = defaultdict(dict)
        generations = gazetteer.lexicon.statements.generational_suffixes
        for mention in self.people:
            folded = fold(mention.text)
            # "dela cruz" ends "Ernesto dela Cruz Jr." too: a generation is no part of the family name
            for name in {folded, without_generation(folded, generations)}:
                for space in (i for i, ch in enumerate(name) if ch == " "):
                    self.by_tail[name[space + 1 :]].setdefault(folded, mention)

    def owner_of(self, mention: Mention) -> Mention | None:
        """The full name a surname or first name belongs to: the nearest one before it, else the first after."""
        if mention.type not in NAME_TYPES or mention.source not in {"ner", "rule"}:
            return None
        if mention.source == "rule" and " " in mention.text:
            return None  # a name a rule made whole ("Khin Myo", "Two Hawk") is no piece of a longer one
        if len(mention.text.split()) in {2, 3}:
            ending = [p for p in self._ending_in(mention) if not self._a_relative_named_after(p, mention)]
            if not ending:
                return self._only_one_opening(mention)
            if len({fold(p.text) for p in ending}) < 2:
                return next(iter(ending), None)
            return self._bearer_among(ending, mention, ending)  # "Dela Cruz" of Ramon and of Lorna dela Cruz
        if len(mention.text.split()) != 1 or self._given_as_a_surname_alone(mention):
            return None
        word = fold(mention.text)
        first_surnamed = self._first_surname_bearers(word)
        candidates = first_surnamed or self.by_word.get(word) or self.by_inner_word.get(word) or []
        if not candidates and "dj" in word:  # "Djordjevic" after "Milan Đorđević": đ written out as "dj" in English
            word = word.replace("dj", "d")
            candidates = self.by_word.get(word) or []
        family = candidates if first_surnamed else [p for p in candidates if fold(p.text.split()[-1]) == word]
        owner = self._bearer_among(candidates, mention, family)
        gender = self._title_gender(mention)
        if owner is not None and gender is not None and self._given_name_gender(owner) not in {gender, None}:
            titles = self.gazetteer.lexicon.statements.title_genders
            if titled_as_both(self.text, mention.text, titles):
                return None  # "Mrs Sawyer" beside "Mr Sawyer" is not Leonard Sawyer, though he is named alone
        return owner

    def _given_as_a_surname_alone(self, mention: Mention) -> bool:
        """ "A 72-year-old resident surnamed Kim": a person the text knows by the surname alone, and says so, is none
        of the people it named in full (who would have been named so again)."""
        return follows_marker(self.text, mention.start, self.gazetteer.words("surname_markers"))

    def _only_one_opening(self, mention: Mention) -> Mention | None:
        """The one longer name that ``mention`` opens, word for word: Spanish and Portuguese news name "Vicente
        Sanchis Ferrer" again as "Vicente Sanchis", by the given name and the first family name; an English double
        given name ("Mary Ann" of "Mary Ann Reilly") is the same person too. None when it opens two names ("Kim Jong"
        of "Kim Jong Un" and "Kim Jong Il")."""
        if mention.text not in self._openings:  # once per name: a long document names the same people again and again
            opening = fold(mention.text) + " "
            longer = [p for p in self.by_word.get(opening.split()[0], []) if fold(p.text).startswith(opening)]
            longer = [p for p in longer if not self.gazetteer.kept_apart(p.text, mention.text)]
            self._openings[mention.text] = longer[0] if len({fold(p.text) for p in longer}) == 1 else None
        return self._openings[mention.text]

    def _bearer_among(self, candidates: list[Mention], mention: Mention, bearers: list[Mention]) -> Mention | None:
        """Of the full names (in text order) a bare name may stand for, the one it does: the nearest before it, else
        the first after, unless ``bearers``, those of them that share it as a family name, tell otherwise."""
        before = bisect_left([p.start for p in candidates], mention.start)
        ordered = [*reversed(candidates[:before]), *candidates[before:]]
        ordered = [p for p in ordered if not self.gazetteer.kept_apart(p.text, mention.text)]
        # Relatives sharing a family name: news calls all but one of them by their given name alone ("Kevin says"),
        # and the bare family name is the one left ("Dizon shakes his head" is the father, not his son Kevin Dizon)
        family = [p for p in ordered if p in bearers]
        if len({fold(p.text) for p in family}) > 1:
            named_yet = [p for p in family if p.start < mention.start]
            if named_yet and len({fold(p.text) for p in named_yet}) == 1:
                return named_yet[0]  # "Dela Cruz said" before her mother Lourdes Dela Cruz comes in: no one else yet
            gendered = self._of_the_title_s_gender(family, mention)
            if gendered is not None:
                return gendered
            titled = self._of_the_title_s_kind(family, mention)
            if titled is not None:
                return titled
            kin = self.gazetteer.lexicon.statements.kin_nouns
            in_use = self._family_name_in_use(family, mention)
            # the story's subject, called by the family name before a relative bearing it came in ("Her mother,
            # Lourdes Dela Cruz,"), keeps it, though the article may call her by her given name beside her mother's
            if (
                in_use is not None
                and self._titled_as_in_use(in_use, mention)
                and all(self._introduced_as_relative(p, kin) for p in family if fold(p.text) != fold(in_use.text))
            ):
                return in_use
            by_given_name = {fold(p.text) for p in family if _called_by_given_name(self.text, p.text, self.gazetteer)}
            # or names them in full again ("'…,' Luis Ribeiro said" after "Ana Ribeiro and Luis Ribeiro, no relation,")
            in_full_again = {fold(p.text) for p in family if self._named_in_full_again(p, mention)}
            for others in (by_given_name, by_given_name | in_full_again, in_full_again):
                left = {fold(p.text): p for p in family if fold(p.text) not in others}
                if len(left) == 1:
                    return next(iter(left.values()))
            # the one the article called by the bare family name while no other bearer was named yet keeps it: news
            # names the later one in full, or by the given name ("Marchbanks" stays the singer after "Her mother,
            # Carol Marchbanks, says"; two unrelated Satos each called "Sato" in turn stay for the rule after this)
            if in_use is not None and all(
                self._named_long_before(p, mention) for p in family if fold(p.text) != fold(in_use.text)
            ):
                return in_use
            # one brought in as the other's relative ("Her mother, Dona Célia Ferraz,") is the bare family name only
            # right after being named (that paragraph or the next); after that it is the one the story is about
            subjects = [p for p in family if not self._relative_named_long_before(p, mention, kin)]
            if len({fold(p.text) for p in subjects}) == 1:
                return subjects[0]
        return next(iter(ordered), None)

    def _of_the_title_s_gender(self, family: list[Mention], mention: Mention) -> Mention | None:
        """ "Ms. Gaines" of Odessa Gaines, not of her husband Leon Gaines: the one bearer of the family name whose given
        name may be of the gender of the title before the bare name (that gender or not known)."""
        gender = self._title_gender(mention)
        if gender is None:
            return None
        fitting = {fold(p.text): p for p in family if given_name_gender(p.text.split()[0]) in {gender, None}}
        return next(iter(fitting.values())) if len(fitting) == 1 else None

    def _of_the_title_s_kind(self, family: list[Mention], mention: Mention) -> Mention | None:
        """ "Mr. Fernando" of Upali Fernando, not of Dr. A.S.P. Fernando: a paper that gives courtesy titles keeps a
        professional one ("Dr.", "Prof.", "Rev.") or an office ("Mayor") for the person it was first given to, so a
        bare name under a courtesy title is the one bearer not introduced under a professional title or an office,
        and "Dr. Fernando" or "Mayor Villaflor" the one introduced under it."""
        courtesy = self.gazetteer.lexicon.statements.title_genders
        professional = self.gazetteer.words("honorific_titles") - {fold(t.rstrip(".")) for t in courtesy}
        professional |= self.gazetteer.words("title_words")  # "Mayor Villaflor" is the one introduced as mayor
        title = self._title_at(mention.start)
        if title not in courtesy and title not in professional:
            return None
        introduced = {
            fold(p.text): self._title_at(min(q.start for q in family if fold(q.text) == fold(p.text))) for p in family
        }
        if title in professional:
            fitting = {name for name, given in introduced.items() if given == title}
        else:
            fitting = {name for name, given in introduced.items() if given not in professional}
        return next(p for p in family if fold(p.text) in fitting) if len(fitting) == 1 else None

    def _title_at(self, at: int) -> str:
        """The word right before a name at ``at``, folded and without its dot ("dr" of "Dr. A.S.P. Fernando")."""
        before = _WORD_BEFORE.search(self.text, max(0, at - 12), at)
        return fold(before.group(1)) if before else ""

    @staticmethod
    def _given_name_gender(person: Mention) -> str | None:
        return given_name_gender(person.text.split()[0])

    def _title_gender(self, mention: Mention) -> str | None:
        """The gender of the title right before a bare name ("Ms." of "Ms. Gaines"), if it has one."""
        before = _WORD_BEFORE.search(self.text, max(0, mention.start - 12), mention.start)
        return self.gazetteer.lexicon.statements.title_genders.get(before.group(1).lower()) if before else None

    def _named_in_full_again(self, person: Mention, mention: Mention) -> bool:
        """Whether ``person`` was named in full at least twice before ``mention``."""
        ends = self.named_ends[fold(person.text)]
        return bisect_right(ends, mention.start) > 1

    def _first_surname_bearers(self, word: str) -> list[Mention]:
        if word not in self._first_surnamed:  # once per word: a long document asks for the same names again and again
            bearers = first_surname_bearers(word, self.full_names, self._stands_alone, self.particles)
            self._first_surnamed[word] = [p for p in self.people if p.text in bearers] if bearers else []
        return self._first_surnamed[word]

    def _stands_alone(self, name: str) -> bool:
        """Whether the word is written somewhere outside every full name (worked out once per word)."""
        if name not in self._alone:
            self._alone[name] = any(
                not self._inside_full_name(found.start(), len(name))
                for found in re.finditer(rf"\b{re.escape(name)}\b", self.text)
            )
        return self._alone[name]

    def _family_name_in_use(self, family: list[Mention], mention: Mention) -> Mention | None:
        """Of the bearers of a family name, the one person the text called by it alone (outside any full name) while
        only that one of them had been named in full; None when that was none or more than one of them."""
        key = fold(mention.text)
        uses = self._bare_uses.get(key)
        if uses is None:  # where the bare name stood for one bearer alone, worked out once per name
            named_at = {fold(p.text): min(q.start for q in family if fold(q.text) == fold(p.text)) for p in family}
            uses = []
            for found in re.finditer(rf"\b{re.escape(mention.text)}\b", self.text):
                at = found.start()
                if self._inside_full_name(at, len(mention.text)):
                    continue
                named = [name for name, first in named_at.items() if first < at]
                if len(named) == 1:
                    uses.append((at, named[0]))
            self._bare_uses[key] = uses
        users = {name for at, name in uses if at < mention.start}
        if len(users) != 1:
            return None
        [user] = users
        return next(p for p in family if fold(p.text) == user)

    def _inside_full_name(self, at: int, length: int) -> bool:
        """Whether the name of ``length`` characters at ``at`` is part of a longer person's name written there."""
        nearest = bisect_right(self.people_starts, at)
        return any(
            p.start <= at < p.end and p.end - p.start > length for p in self.people[max(0, nearest - 3) : nearest]
        )

    def _relative_named_long_before(self, person: Mention, mention: Mention, kin_nouns: Collection[str]) -> bool:
        """Whether ``person`` came in as someone's relative and was last named in full before the paragraph before
        ``mention``'s."""
        return self._introduced_as_relative(person, kin_nouns) and self._named_long_before(person, mention)

    def _titled_as_in_use(self, person: Mention, mention: Mention) -> bool:
        """Whether the bare family name at ``mention`` has the title (or none) it had where it stood for ``person``
        alone: "Mrs MacAulay" is not the "Ms MacAulay" of before, but her mother."""
        titles = self.gazetteer.lexicon.statements.title_genders
        uses = self._bare_uses.get(fold(mention.text), [])
        used = {title_before(self.text, at, titles) for at, name in uses if name == fold(person.text)}
        return title_before(self.text, mention.start, titles) in used

    def _a_relative_named_after(self, person: Mention, mention: Mention) -> bool:
        """Whether the longer name ``person`` ending ``mention``'s is a relative the article brings in after naming
        ``mention`` in full: "Haj Mahmoud Abdel-Ghani, 67, … His son, Karim Mahmoud Abdel-Ghani," — a son's name
        holds his father's where names are patronymic, as in Arabic, Somali and Ethiopian ones."""
        first = min((q.start for q in self.people if fold(q.text) == fold(person.text)), default=mention.start)
        own = min((q.start for q in self.people if fold(q.text) == fold(mention.text)), default=mention.start)
        kin_nouns = self.gazetteer.lexicon.statements.kin_nouns
        return first > own and self._introduced_as_relative(person, kin_nouns)

    def _introduced_as_relative(self, person: Mention, kin_nouns: Collection[str]) -> bool:
        named = [q for q in self.people if fold(q.text) == fold(person.text)]
        return introduced_as_relative(self.text, [(q.start, q.end) for q in named], kin_nouns)

    def _named_long_before(self, person: Mention, mention: Mention) -> bool:
        """Whether ``person`` was last named in full before the paragraph before ``mention``'s (or not before it)."""
        named = [q for q in self.people if fold(q.text) == fold(person.text)]
        last = max((q.end for q in named if q.end <= mention.start), default=None)
        return last is None or len(re.findall(r"\n+", self.text[last : mention.start])) > 1

    def _ending_in(self, mention: Mention) -> list[Mention]:
        """The full names a family name of two or three words ends ("Ó Súilleabháin" of "Pádraig Ó Súilleabháin",
        "Van den Heuvel" of "Pieter-Jan van den Heuvel"): one mention of each when there is one name, every
        mention of each, in text order, when several bear it."""
        longer = [p for p in self.by_tail.get(fold(mention.text), {}).values()]
        longer = [p for p in longer if not self.gazetteer.kept_apart(p.text, mention.text)]
        if len(longer) < 2:
            return longer
        names = {fold(p.text) for p in longer}
        return [p for p in self.people if fold(p.text) in names]


_ADJECTIVE_ENDINGS = ("al", "an", "ic", "ary", "ive", "ian")  # Federal, Metropolitan, Atlantic, Military


def _initials(name: str, gazetteer: Gazetteer) -> str:
    """ "Council on American-Islamic Relations" → "cair"."""
    words = [
        w for w in re.split(r"[\s\-/]+", name) if w and w.lower() not in gazetteer.lexicon.entities.initials_skipped
    ]
    return "".join(fold(w)[:1] for w in words)


def _is_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


def _clipped_owner(mention: Mention, organizations: list[Mention], gazetteer: Gazetteer) -> Mention | None:
    """ "the Fed" for the Federal Reserve, "the Met" for the Metropolitan Museum: a short capitalised word that
    clips the adjective opening exactly one longer organisation of the article is its name; with two candidates
    it is neither's. Only an adjective is clipped this way, so "Ford" stays apart from Fordham University."""
    word = mention.text
    if not (3 <= len(word) <= 5 and word.isalpha() and word[0].isupper() and word[1:].islower()):
        return None
    key = fold(word)
    found = {
        _organization_key(m.text, gazetteer): m
        for m in organizations
        if (first := fold(m.text.split()[0])).startswith(key)
        and len(first) >= len(key) + 3
        and first.endswith(_ADJECTIVE_ENDINGS)
    }
    return next(iter(found.values())) if len(found) == 1 else None


def _cluster_key(mention: Mention, gazetteer: Gazetteer) -> tuple[str, str | None, str | None]:
    known = gazetteer.lookup(mention.text)
    if known is not None:
        return fold(known.name), known.name, known.type
    if mention.type == "Organization":
        return _organization_key(mention.text, gazetteer), None, None
    return _without_the(fold(mention.text)), None, None


def _assign(text: str, mentions: list[Mention], gazetteer: Gazetteer) -> dict[str, _Cluster]:
    clusters: dict[str, _Cluster] = {}
    aliases, bracketed = _bracketed_aliases(text, mentions)
    mentions = sorted([*mentions, *bracketed], key=lambda m: (m.start, m.end))
    people = _FullNames(text, mentions, gazetteer)
    for name, other in _known_as(text, mentions, gazetteer):
        aliases[_cluster_key(other, gazetteer)[0]] = name
    for spelling, first_written in _misspelt_people(mentions, gazetteer):
        aliases.setdefault(fold(spelling.text), first_written)
    org_by_first_word: dict[str, Mention] = {}
    org_by_initials: dict[str, Mention] = {}
    long_orgs = [m for m in mentions if m.type == "Organization" and len(m.text.split()) > 1]
    for m in long_orgs:
        org_by_first_word.setdefault(fold(m.text.split()[0]), m)
        org_by_initials.setdefault(_initials(m.text, gazetteer), m)
    for m in mentions:  # "CDC" for the Centers for Disease Control and Prevention: the last word left out
        initials = _initials(m.text, gazetteer) if m.type == "Organization" else ""
        if len(initials) >= 4:
            org_by_initials.setdefault(initials[:-1], m)
    organisations = [m.text for m in mentions if m.type == "Organization"]
    stateless = state_keys(organisations, gazetteer)  # "Serbian Ministry of Internal Affairs" → its ministry
    organisation_keys = {stateless.get(k, k) for k in (_organization_key(n, gazetteer) for n in organisations)}
    for mention in mentions:
        if fold(mention.text) in gazetteer.ignored:
            continue
        key, canonical, forced = _cluster_key(mention, gazetteer)
        key = stateless.get(key, key) if forced is None else key
        if forced is None:
            owner = people.owner_of(mention) or aliases.get(key)
            if owner is None and mention.type == "Organization" and len(mention.text.split()) == 1:
                if _is_acronym(mention.text):  # initials first: "USI" is the University of Southern Indiana,
                    owner = org_by_initials.get(key)  # not "USI Art Collections"; "RCMP" for the Royal Canadian …
                if (
                    owner is None and key not in gazetteer.lexicon.entities.bare_chamber_names
                ):  # "House" is not the House Ways and Means Committee
                    owner = org_by_first_word.get(key) or _clipped_owner(mention, long_orgs, gazetteer)
            if (
                owner is None
                and _is_acronym(mention.text)
                and initials_key(mention.text, gazetteer) in organisation_keys
            ):
                key = initials_key(mention.text, gazetteer) or key  # "the MUP": the article's interior ministry
            if owner is not None and owner is not mention:
                key, canonical, forced = _cluster_key(owner, gazetteer)
                key = stateless.get(key, key) if forced is None else key
                if forced is None and owner.type == "Person":
                    forced = "Person"
            elif key in people.names and mention.type in NAME_TYPES:
                forced = "Person"  # "Milan Marinović" tagged ORG once and PERSON elsewhere
        cluster = clusters.setdefault(key, _Cluster(key))
        cluster.canonical = cluster.canonical or canonical
        cluster.forced_type = cluster.forced_type or forced
        cluster.add(mention)
    return clusters


def _common_word(cluster: _Cluster, text: str) -> bool:
    """A one-word "name" also written in lowercase in the article is a capitalised common word ("Water")."""
    words = {m.text for m in cluster.mentions}
    if any(len(w.split()) > 1 for w in words) or cluster.forced_type:
        return False
    return any(re.search(rf"\b{re.escape(w.lower())}\b", text) for w in words)


def _lone_word(cluster: _Cluster, text: str, gazetteer: Gazetteer) -> bool:
    """A one-word "person" never named in full nor with a title in the article: news names people in full or as
    "Mr. Rossi", "Mayor Chow" at least once, so it is a product, a place or a user name the model took for a
    person ("Firefox", "Evansville")."""
    if cluster.canonical or any(m.source == "rule" for m in cluster.mentions):
        return False
    if any(len(m.text.split()) > 1 for m in cluster.mentions):
        return False
    titles = gazetteer.words("title_words") | gazetteer.words("honorific_titles")
    for mention in cluster.mentions:
        before = _WORD_BEFORE.search(text[max(0, mention.start - 40) : mention.start])
        if before and before.group(1)[:1].isupper() and fold(before.group(1)) in titles:
            return False
    return True


def _cluster_type(cluster: _Cluster) -> str | None:
    if cluster.forced_type:
        return cluster.forced_type
    votes: Counter[str] = Counter()
    for mention in cluster.mentions:
        if mention.type != "Unknown":
            votes[mention.type] += TYPE_WEIGHT.get(mention.source, 1)
    if votes and votes["Location"] == max(votes.values()):
        return "Location"  # a place the model also tags ORG where it acts ("Ottawa said", "Sweden won") stays a place
    return votes.most_common(1)[0][0] if votes else None


NICKNAME = re.compile(r"\s[\"“‘'][^\"“”‘’']{1,30}[\"”’']\s")


def _without_nickname(name: str) -> str:
    """ "Ramon “Bong” Tiongson" → "Ramon Tiongson": a nickname in quotation marks is no part of the name."""
    return NICKNAME.sub(" ", name)


def _canonical_name(cluster: _Cluster, entity_type: str, gazetteer: Gazetteer) -> str:
    if cluster.canonical:
        return cluster.canonical
    names = [m.text for m in cluster.mentions if m.source != "anaphor"] or [m.text for m in cluster.mentions]
    if entity_type == "Person":
        names = [_without_nickname(n) for n in names]
        return max(names, key=lambda n: (len(n.split()), -names.index(n)))
    spelled = [_without_the(n) for n in names if not n.isupper()] or names
    if entity_type == "Organization":  # the ministry's name is without its state: "Ministry of the Interior"
        spelled = [n for n in spelled if state_qualified(n, gazetteer) is None] or spelled
    counts = Counter(spelled)
    if entity_type in {"Organization", "Law"}:  # the longest is the full name: "Ministry of the Interior"
        return max(spelled, key=lambda n: (len(n), counts[n], -spelled.index(n)))
    return max(spelled, key=lambda n: (counts[n], len(n), -spelled.index(n)))


def resolve_entities(text: str, mentions: Sequence[Mention], gazetteer: Gazetteer) -> list[Entity]:
    """The article's entities from its mentions (article offsets), each with aliases and every mention span."""
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    ordered = with_nicknames(text, without_forms_of_address(text, ordered, gazetteer), gazetteer)
    entities: dict[str, Entity] = {}
    for cluster in _assign(text, ordered, gazetteer).values():
        entity_type = _cluster_type(cluster)
        if entity_type is None:
            continue  # never typed: a nationality, or a surname of nobody named in full
        if entity_type == "Person" and (_common_word(cluster, text) or _lone_word(cluster, text, gazetteer)):
            continue
        name = _canonical_name(cluster, entity_type, gazetteer)
        ident = entity_id(entity_type, name)
        spans = sorted({(m.start, m.end) for m in cluster.mentions})
        named = [m for m in cluster.mentions if m.source != "anaphor"]  # "the ministry" is no alias
        surfaces = {" ".join(text[m.start : m.end].split()) for m in named} | {m.text for m in named}
        aliases = tuple(
            sorted(a for a in surfaces if a and fold(a) != fold(name) and not any(q in a for q in QUOTE_CHARS))
        )
        previous = entities.get(ident)
        if previous is not None:  # two clusters meet at one canonical name
            spans = sorted(set(spans) | set(previous.mentions))
            aliases = tuple(sorted(set(aliases) | set(previous.aliases)))
        entities[ident] = Entity(ident, name, entity_type, aliases, tuple(spans))
    return sorted(entities.values(), key=lambda e: e.mentions[0])


def entity_at(entities: Sequence[Entity], start: int, end: int) -> Entity | None:
    """The entity with a mention overlapping [start, end); the closest fitting mention wins."""
    best: tuple[int, Entity] | None = None
    for entity in entities:
        for m_start, m_end in entity.mentions:
            overlap = min(end, m_end) - max(start, m_start)
            if overlap > 0:
                misfit = abs(m_start - start) + abs(m_end - end)
                if best is None or misfit < best[0]:
                    best = (misfit, entity)
    return best[1] if best else None


def span_index(entities: Sequence[Entity]) -> dict[tuple[int, int], Entity]:
    """Mention span → entity, for mapping role and relation mentions."""
    return {span: entity for entity in entities for span in entity.mentions}
