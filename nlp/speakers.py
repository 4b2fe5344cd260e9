"""Who is speaking: the subject of a reporting cue, expanded to a name and resolved to an entity.

Pronouns are resolved by recency, grammatical role and gender (from titles, first names and the
pronouns that follow a name in the same document); surnames are expanded to the full name of an
earlier person; organisations and groups ("the Interior Ministry", "digital rights groups") are speakers
as named. The resolver remembers the last speaker so "he said" after a quote goes to the person quoted.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from newsgraph.records import Entity
from nlp.cues import (
    CALENDAR_WORDS,
    GROUP_DETERMINERS,
    MEDIUM_NOUNS,
    NON_SPEAKER_WORDS,
    ORGANISATION_NOUNS,
    SOURCE_CARRIER_NOUNS,
    TITLE_ABBREVIATIONS,
    is_cue_verb,
)

NAMES_FILE = Path(__file__).with_name("first_names.json")
PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
GROUP_PRONOUNS = {"they", "them", "it"}
FIRST_PERSON = {"i", "we", "me", "us", "you"}
TITLES = {
    "mr": "m",
    "mr.": "m",
    "sir": "m",
    "lord": "m",
    "king": "m",
    "prince": "m",
    "mrs": "f",
    "mrs.": "f",
    "ms": "f",
    "ms.": "f",
    "miss": "f",
    "lady": "f",
    "dame": "f",
    "queen": "f",
    "princess": "f",
    "madam": "f",
    "madame": "f",
}
NAME_LABELS = {"PERSON", "ORG", "NORP", "GPE", "FAC"}
NOT_SPEAKER_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
LEFT_DEPS = {"det", "amod", "compound", "nmod", "poss", "nummod", "quantmod", "case", "npadvmod"}
# How far back (characters) a previous speaker stays the natural antecedent of a pronoun.
SPEAKER_MEMORY = 1500


@cache
def _first_names() -> dict[str, str]:
    data = json.loads(NAMES_FILE.read_text(encoding="utf-8"))
    return {name: "f" for name in data["female"]} | {name: "m" for name in data["male"]}


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    mention: str
    entity_id: str | None
    is_person: bool
    at: int  # article offset of the mention, for recency


@dataclass(frozen=True, slots=True)
class _Mention:
    at: int
    name: str
    entity_id: str | None
    is_person: bool
    is_subject: bool


def subject_of(cue: Token) -> Token | None:
    """The token naming who speaks: the cue's subject, or that of the clause it hangs from."""
    owner = _participle_owner(cue)
    if owner is not None:
        return subject_of(owner)  # "X said C, adding that D": X adds D
    token = cue
    for _ in range(5):
        subject_deps = ("nsubj", "nsubjpass") if token.i != cue.i else ("nsubj",)
        subjects = [c for c in token.children if c.dep_ in subject_deps and _may_speak(c, cue)]
        if subjects:
            subject = min(subjects, key=lambda c: (not _beside(c, token), c.i > token.i, abs(c.i - token.i)))
            if subject.tag_ in {"WP", "WDT"} and token.dep_ == "relcl":
                return token.head
            return subject
        if token.dep_ in {"acl", "relcl"} and token.head.pos_ in {"NOUN", "PROPN", "PRON"}:
            return token.head if _may_speak(token.head, cue) else None
        walks = token.dep_ in {"conj", "xcomp", "advcl", "pcomp", "prep", "ccomp"}
        if walks and token.head.i != token.i and _same_paragraph(token.head, cue):
            token = token.head
            continue
        break
    return None


def _participle_owner(cue: Token) -> Token | None:
    """The reporting verb a participle of saying (", adding that …") or a coordinated cue inside its clause
    ("stressed that A and cautioned that B") hangs from, if any."""
    doc = cue.doc
    if cue.i == 0 or cue.dep_ not in {"advcl", "conj", "xcomp"}:
        return None
    participle = cue.tag_ == "VBG" and doc[cue.i - 1].text == ","
    coordinated = (
        cue.dep_ == "conj" and doc[cue.i - 1].dep_ == "cc" and not any(c.dep_ == "nsubj" for c in cue.children)
    )
    if not (participle or coordinated) or (coordinated and is_cue_verb(cue.head)):
        return None  # "said A and warned B": the ordinary conjunct walk finds the subject
    head = cue.head
    while head.i != head.head.i and not is_cue_verb(head):
        head = head.head
    return head if is_cue_verb(head) and head.i < cue.i else None


def _beside(subject: Token, verb: Token) -> bool:
    """The subject phrase touches the verb: "the minister said", "said Karen Maurer"."""
    ends_before = subject.right_edge.i + 1 == verb.i and not subject.right_edge.is_punct
    return ends_before or subject.left_edge.i - 1 == verb.i


def _may_speak(token: Token, cue: Token) -> bool:
    """A subject in the cue's own paragraph that is not a date or a number."""
    if token.ent_type_ in NOT_SPEAKER_LABELS or token.lower_ in CALENDAR_WORDS:
        return False
    return _same_paragraph(token, cue)


def _same_paragraph(a: Token, b: Token) -> bool:
    doc = a.doc
    return not any("\n" in doc[i].text or "\n" in doc[i].whitespace_ for i in range(min(a.i, b.i), max(a.i, b.i)))


def source_of_according(according: Token) -> Token | None:
    """The X of "according to X" (or of "according to a report by X")."""
    to = next((c for c in according.children if c.lower_ == "to"), None)
    if to is None and according.i + 1 < len(according.doc):
        to = according.nbor(1)
    if to is None:
        return None
    objects = [c for c in to.children if c.dep_ == "pobj"]
    return objects[0] if objects else None


def carried_source(head: Token) -> Token:
    """ "Cornyn's statement added" → Cornyn; "a report by BIRN" → BIRN; anything else unchanged."""
    if head.lemma_.lower() not in SOURCE_CARRIER_NOUNS | MEDIUM_NOUNS:
        return head
    for child in head.children:
        if child.dep_ == "poss" and child.pos_ != "PRON" and _may_speak(child, head):
            return child
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in {"by", "from", "of"}:
            objects = [c for c in child.children if c.dep_ == "pobj" and _may_speak(c, head)]
            if objects and objects[0].pos_ in {"PROPN", "NOUN"}:
                return objects[0]
    return head


def entity_span(token: Token) -> Span | None:
    """The named-entity span holding ``token``, found from the IOB tags (cheaper than scanning Doc.ents)."""
    if not token.ent_type_:
        return None
    doc = token.doc
    start, end = token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def _titles_of(name: Token) -> set[str]:
    """Nouns a person is introduced with: "Premier Doug Ford", "Doug Ford, the premier", "the director, Laura Chen"."""
    doc = name.doc
    span = entity_span(name) or doc[name.i : name.i + 1]
    titles = {_title_word(t) for t in span if _title_word(t) in TITLE_ABBREVIATIONS.values()}  # "Sen. X" as one name
    i = span.start - 1
    if i >= 1 and doc[i].text == "." and doc[i - 1].lower_ in TITLE_ABBREVIATIONS:
        titles.add(TITLE_ABBREVIATIONS[doc[i - 1].lower_])  # the tokenizer split "Sgt." off its period
        i -= 2
    while i >= 0 and span.start - i <= 4 and doc[i].pos_ in {"NOUN", "PROPN", "ADJ"} and not doc[i].ent_type_:
        titles.add(_title_word(doc[i]))
        i -= 1
    root = span.root
    for child in root.children:
        if child.dep_ == "appos":
            titles.add(child.lemma_.lower())
    if root.dep_ == "appos":
        titles.add(root.head.lemma_.lower())
    return titles


def _past_title_abbreviation(head: Token) -> Token:
    """ "said Police Const. Marc Brunet": the tokenizer cut "Const." off the name, and the parse took the
    title for the subject; the speaker is the person named right after it."""
    doc = head.doc
    if head.lower_ not in TITLE_ABBREVIATIONS or head.i + 2 >= len(doc) or doc[head.i + 1].text != ".":
        return head
    name = entity_span(doc[head.i + 2]) if doc[head.i + 2].ent_type_ == "PERSON" else None
    return name.root if name is not None else head


def _title_word(token: Token) -> str:
    """A title's lemma, abbreviations written out: "Sen." → "senator", "Sgt." → "sergeant"."""
    lemma = token.lemma_.lower()
    return TITLE_ABBREVIATIONS.get(lemma.rstrip("."), lemma)


def named_apposition(head: Token) -> Token:
    """ "the team's coach, Alireza Mehraban" or "Ambassador to the US Hamdullah Mohib" → the person named."""
    if head.ent_type_ == "PERSON" or head.pos_ == "PRON":
        return head
    for child in head.children:
        if child.dep_ == "appos" and child.ent_type_ == "PERSON":
            return child
    last = head.right_edge
    if last.i > head.i and last.ent_type_ == "PERSON" and _same_paragraph(head, last):
        name = entity_span(last)
        if name is not None and name.start > head.i and head.doc[name.start - 1].pos_ not in {"ADP", "CCONJ", "PUNCT"}:
            return last  # a title that ends in the name itself, not "the lawyer for John Smith"
    return head


def noun_phrase(head: Token) -> Span:
    """The words naming the speaker: a named entity, or the noun with its modifiers and an "of" phrase."""
    doc = head.doc
    if head.ent_type_ in NAME_LABELS:
        ent = entity_span(head)
        if ent is not None:
            start = ent.start + (1 if doc[ent.start].lower_ == "the" and len(ent) > 1 else 0)
            if doc[ent.end - 1].tag_ == "POS":
                return doc[start : ent.end - 1]
            return doc[start : ent.end]
    if head.pos_ == "PRON":
        return doc[head.i : head.i + 1]
    tokens = [head]
    for child in head.lefts:
        if child.dep_ in LEFT_DEPS:
            tokens.extend(child.subtree)
    for child in head.rights:
        if (child.dep_ == "prep" and child.lower_ == "of") or child.dep_ in {"compound", "flat"}:
            tokens.extend(child.subtree)
    tokens = [t for t in tokens if _same_paragraph(t, head)]
    start = min(t.i for t in tokens)
    end = max(t.i for t in tokens) + 1
    while end - 1 > start and doc[end - 1].is_punct:
        end -= 1
    people = [
        e
        for t in doc[start:end]
        if t.ent_type_ == "PERSON" and t.ent_iob_ == "B" and (e := entity_span(t)) is not None
        if e.end <= end and e.end > head.i
    ]
    if people and head.ent_type_ != "PERSON":
        return people[0]  # "Governor of Washington Chris Gregoire" names Chris Gregoire
    return doc[start:end]


def group_name(phrase: Span) -> str:
    """An unnamed speaker as written, without its determiner and without the capital of a sentence start:
    "The lawsuit" → "lawsuit", "Some experts" → "experts", "Police" → "police"."""
    words = [t for t in phrase if not t.is_space]
    if len(words) > 1 and words[0].lower_ in GROUP_DETERMINERS:
        words = words[1:]
    if not words:
        return phrase.text
    text = phrase.doc[words[0].i : words[-1].i + 1].text
    first = words[0]
    if phrase[0].is_sent_start and first.pos_ in {"NOUN", "ADJ"} and first.text.istitle() and not first.ent_type_:
        text = text[:1].lower() + text[1:]
    return text


class SpeakerResolver:
    """Turns the speaker token at a cue into a canonical speaker, remembering earlier speakers."""

    def __init__(self, doc: Doc, entities: Sequence[Entity], offset: int, quoted: Sequence[tuple[int, int]]):
        self.doc, self.offset = doc, offset
        self.last: Speaker | None = None
        self._heard: list[Speaker] = []
        low, high = offset - 2 * SPEAKER_MEMORY, offset + doc[-1].idx + len(doc[-1]) if len(doc) else offset
        spans = [(s, e, ent) for ent in entities for s, e in ent.mentions if low <= s < high]
        spans.sort(key=lambda item: item[0])
        self._entity_spans = spans
        self._entity_starts = [s for s, _, _ in spans]
        self._quoted = quoted
        self._doc_ents = list(doc.ents)
        self._people = [e for e in entities if e.type == "Person" and len(e.name.split()) > 1]
        self._by_surname = {e.name.split()[-1]: e for e in self._people}
        self._genders: dict[str, str] = {}
        self._mentions = self._collect_mentions()

    # --- public -----------------------------------------------------------------------------
    def resolve(self, head: Token) -> Speaker | None:
        """The speaker named by ``head`` (a noun, name or pronoun at the cue), or None if unknown."""
        head = named_apposition(carried_source(_past_title_abbreviation(head)))
        titled = self._trailing_person(head)
        if titled is not None:
            return titled
        lower = head.lower_
        at = head.idx + self.offset
        if lower in FIRST_PERSON or (lower in NON_SPEAKER_WORDS and lower != "it"):
            return None
        if lower in PERSON_PRONOUNS or lower in GROUP_PRONOUNS:
            return self._resolve_pronoun(head)
        phrase = noun_phrase(head)
        entity = self._entity_at(at, at + len(head.text))
        if entity is not None:
            fuller = self._fuller(entity.name, at)
            if fuller is not None:
                return Speaker(fuller.name, phrase.text, fuller.entity_id, fuller.is_person, at)
            return Speaker(entity.name, phrase.text, entity.id, entity.type == "Person", at)
        is_name = len(phrase) <= 3 and all(t.pos_ == "PROPN" or t.text[:1].isupper() for t in phrase)
        expanded = self._fuller(phrase.text, at) if is_name else None
        if expanded is not None:
            return Speaker(expanded.name, phrase.text, expanded.entity_id, expanded.is_person, at)
        named = self._titled_before(head, at) or self._named_before(phrase, at)
        if named is not None:
            return Speaker(named.name, phrase.text, named.entity_id, named.is_person, at)
        again = self._speaker_again(head)
        if again is not None:
            return Speaker(again.name, phrase.text, again.entity_id, again.is_person, at)
        is_person = head.ent_type_ == "PERSON"
        name = self._expand_surname(phrase) if head.ent_type_ in NAME_LABELS else group_name(phrase)
        return Speaker(name, phrase.text, None, is_person, at)

    def _trailing_person(self, head: Token) -> Speaker | None:
        """A description ending in a person's name ("Executive director of CAIR Alia Salem") → that person,
        when the entities know the name as a person even though the parser tagged it otherwise."""
        last = head.right_edge
        if head.pos_ not in {"NOUN", "PROPN"} or last.i <= head.i or last.pos_ != "PROPN":
            return None
        if not _same_paragraph(head, last) or head.doc[last.i - 1].pos_ in {"ADP", "CCONJ", "PUNCT"}:
            return None
        at = last.idx + self.offset
        entity = self._entity_at(at, at + len(last.text))
        if entity is None or entity.type != "Person" or (head.idx + self.offset) in range(at - 1, at + len(last)):
            return None
        mention = self.doc[head.left_edge.i : last.i + 1].text
        return Speaker(entity.name, mention, entity.id, True, head.idx + self.offset)

    def remember(self, speaker: Speaker | None) -> None:
        if speaker is not None:
            self.last = speaker
            self._heard.append(speaker)

    def _speaker_again(self, head: Token) -> Speaker | None:
        """ "the spokesperson said" after "A spokesperson for the ministry said": the same speaker again."""
        if head.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            return None
        noun = head.lower_
        for speaker in reversed(self._heard):
            if noun in speaker.mention.lower().split():
                return speaker
        return None

    # --- entities and names -------------------------------------------------------------------
    def _entity_at(self, start: int, end: int) -> Entity | None:
        best: Entity | None = None
        best_len = 10**9
        i = bisect_right(self._entity_starts, end - 1) - 1
        while i >= 0 and self._entity_spans[i][0] > start - 300:
            s, e, entity = self._entity_spans[i]
            if s < end and start < e and e - s < best_len:
                best, best_len = entity, e - s
            i -= 1
        return best

    def _fuller(self, name: str, at: int) -> _Mention | None:
        """A one-word name read as the longer name it stands for: "Paris" → "Valeska Paris", "Church" →
        "Church of Scientology" (the person or organisation named in full earlier)."""
        if len(name.split()) != 1:
            longer = [e for e in self._people if e.name.endswith(" " + name)]  # "López Obrador"
            return _Mention(at, longer[0].name, longer[0].id, True, True) if len(longer) == 1 else None
        person = self._by_surname.get(name)
        if person is not None:
            return _Mention(at, person.name, person.id, True, True)
        for ent in self._doc_ents:
            if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].text == name and ent.start_char + self.offset < at:
                return _Mention(at, ent.text, None, True, True)
        given = self._given_name_before(name, at)
        if given is not None:
            return _Mention(at, given, None, True, True)
        word = name.lower()
        for mention in reversed(self._mentions):
            words = mention.name.lower().split()
            if mention.at < at and not mention.is_person and len(words) > 1 and word in words:
                return mention
        return None

    def _given_name_before(self, name: str, at: int) -> str | None:
        """ "Valeska Paris, an Australian woman, …" earlier makes a later "Paris" Valeska Paris."""
        doc = self.doc
        for token in doc:
            if token.idx + self.offset > at:
                break
            if token.text != name or token.i == 0:
                continue
            given = doc[token.i - 1]
            if given.pos_ == "PROPN" and given.text.istitle() and given.lower_ in _first_names():
                return f"{given.text} {name}"
        return None

    def _titled_before(self, head: Token, at: int) -> _Mention | None:
        """ "the premier said" → the person introduced as "Premier Doug Ford" or "Doug Ford, the premier"."""
        if head.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            return None
        title = head.lemma_.lower()
        for mention in reversed(self._mentions):
            if mention.at >= at or not mention.is_person:
                continue
            if at - mention.at > SPEAKER_MEMORY * 2 or mention.at < self.offset:
                break
            name = self._token_at(mention.at, mention.at + 1)
            if name is not None and title in _titles_of(name):
                return mention
        return None

    def _named_before(self, phrase: Span, at: int) -> _Mention | None:
        """ "the ministry" → the ministry last named ("the Interior Ministry"), when no entity says so."""
        words = [t for t in phrase if not t.is_punct]
        if len(words) != 2 or words[0].lower_ != "the" or words[1].pos_ not in {"NOUN", "PROPN"}:
            return None
        noun = words[1].lower_
        earlier = [m for m in reversed(self._mentions) if m.at < at and not m.is_person]
        for mention in earlier:
            if noun in mention.name.lower().split():
                return mention
        if noun in ORGANISATION_NOUNS and earlier and at - earlier[0].at < SPEAKER_MEMORY:
            return earlier[0]  # "the company said" after "… awarded to Northbridge Systems"
        return None

    def _expand_surname(self, phrase: Span) -> str:
        text = phrase.text
        if len(phrase) != 1 or (phrase[0].ent_type_ != "PERSON" and phrase[0].pos_ != "PROPN"):
            return text
        for ent in self._doc_ents:
            if ent.start >= phrase.start:
                break
            if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].text == text:
                return ent.text
        return text

    def _collect_mentions(self) -> list[_Mention]:
        """Every person and organisation mention, in article offsets, with its role in its sentence."""
        mentions: list[_Mention] = []
        covered: set[int] = set()
        for start, end, entity in self._entity_spans:
            if entity.type in {"Person", "Organization", "Group"} and not self._inside_quote(start):
                token = self._token_at(start, end) if start >= self.offset else None
                is_subject = token is not None and token.dep_ in {"nsubj", "nsubjpass"}
                mentions.append(_Mention(start, entity.name, entity.id, entity.type == "Person", is_subject))
                covered.update(range(start, end))
                self._learn_gender(entity.name, token)
        for ent in self._doc_ents:
            at = ent.start_char + self.offset
            if ent.label_ not in {"PERSON", "ORG"} or at in covered or self._inside_quote(at):
                continue
            covered.update(range(at, at + len(ent.text)))
            person = self._by_surname.get(ent.text)
            if person is not None:  # a surname the tagger missed or called an organisation
                mentions.append(_Mention(at, person.name, person.id, True, ent.root.dep_ in {"nsubj", "nsubjpass"}))
                continue
            name = self._expand_surname(ent) if ent.label_ == "PERSON" else noun_phrase(ent.root).text
            is_subject = ent.root.dep_ in {"nsubj", "nsubjpass"}
            mentions.append(_Mention(at, name, None, ent.label_ == "PERSON", is_subject))
            self._learn_gender(name, ent.root)
        for token in self.doc:
            at = token.idx + self.offset
            person = self._by_surname.get(token.text) if token.pos_ in {"PROPN", "NOUN"} else None
            if person is not None and at not in covered and not self._inside_quote(at):
                mentions.append(_Mention(at, person.name, person.id, True, token.dep_ in {"nsubj", "nsubjpass"}))
        mentions.sort(key=lambda m: m.at)
        return mentions

    def _token_at(self, start: int, end: int) -> Token | None:
        span = self.doc.char_span(start - self.offset, end - self.offset, alignment_mode="expand")
        return span.root if span is not None and len(span) else None

    def _inside_quote(self, at: int) -> bool:
        return any(s <= at < e for s, e in self._quoted)

    def _learn_gender(self, name: str, token: Token | None) -> None:
        if name in self._genders:
            return
        first = name.split()[0].lower().strip(".") if name.split() else ""
        gender = _first_names().get(first)
        if gender is None and token is not None and token.i > 0:
            gender = TITLES.get(token.doc[max(0, token.i - 1)].lower_) or TITLES.get(
                token.doc[max(0, token.left_edge.i - 1)].lower_
            )
            for t in token.sent:
                if t.i > token.i and t.lower_ in PERSON_PRONOUNS and t.dep_ in {"nsubj", "poss"}:
                    gender = gender or PERSON_PRONOUNS[t.lower_]
                    break
        if gender:
            self._genders[name] = gender

    # --- pronouns -----------------------------------------------------------------------------
    def _resolve_pronoun(self, pronoun: Token) -> Speaker | None:
        at = pronoun.idx + self.offset
        lower = pronoun.lower_
        wants_person = lower in PERSON_PRONOUNS
        gender = PERSON_PRONOUNS.get(lower)
        last = self.last
        if last is not None and at - last.at > SPEAKER_MEMORY:
            last = None
        if last is not None and last.is_person != wants_person:
            last = None
        if last is not None and gender and self._genders.get(last.name, gender) != gender:
            last = None
        if lower in {"they", "them"}:
            heard = self.last  # "The report's authors say … They call for …": the group just heard
            plural = heard is not None and not heard.is_person and heard.mention.lower().endswith("s")
            if heard is not None and plural and at - heard.at < SPEAKER_MEMORY // 2:
                return Speaker(heard.name, pronoun.text, heard.entity_id, False, at)
            group = self._plural_subject(pronoun)
            if group is not None:
                return group
        candidate = self._recent_mention(at, wants_person, gender)
        if candidate is not None and (last is None or candidate.at > last.at):
            return Speaker(candidate.name, pronoun.text, candidate.entity_id, candidate.is_person, at)
        if last is not None:
            return Speaker(last.name, pronoun.text, last.entity_id, last.is_person, at)
        fallback = self._recent_mention(at, wants_person, gender, subjects_only=False)
        if fallback is not None:
            return Speaker(fallback.name, pronoun.text, fallback.entity_id, fallback.is_person, at)
        return None

    def _plural_subject(self, pronoun: Token) -> Speaker | None:
        """ "Scientology officials went to the station, where they claimed …": the last plural subject."""
        doc = pronoun.doc
        start = pronoun.sent.start
        if start > 0:
            start = doc[start - 1].sent.start  # the sentence before too
        for token in reversed(doc[start : pronoun.i]):
            if token.dep_ != "nsubj" or token.tag_ not in {"NNS", "NNPS"}:
                continue
            if self._inside_quote(token.idx + self.offset) or not _same_paragraph(token, pronoun):
                return None
            found = self.resolve(token)
            return Speaker(found.name, pronoun.text, found.entity_id, False, found.at) if found else None
        return None

    def _recent_mention(self, at: int, person: bool, gender: str | None, subjects_only: bool = True) -> _Mention | None:
        for mention in reversed(self._mentions):
            if mention.at >= at:
                continue
            if at - mention.at > SPEAKER_MEMORY * 2:
                break
            if mention.is_person != person or (subjects_only and not mention.is_subject):
                continue
            if gender and self._genders.get(mention.name, gender) != gender:
                continue
            return mention
        return None
