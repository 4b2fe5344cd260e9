"""Antecedents: whom a pronoun or a description at a cue refers to, by recency, grammatical role and gender.

Genders come from first names, titles and the pronouns that follow a name in the same sentence. The last
speaker heard stays the natural antecedent unless a compatible person (or organisation) was named since.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from core.records import StatementBasis
from nlp.lexicon.first_names import given_name_gender
from nlp.lexicon.lexicon import StatementWords
from nlp.statements.speaker_syntax import same_paragraph

SPEAKER_MEMORY = 1500


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    mention: str
    entity_id: str | None
    is_person: bool
    at: int  # article offset of the mention, for recency
    basis: StatementBasis = "name"  # how the words at the cue led to this speaker
    antecedent_at: int | None = None  # article offset of the earlier mention a pronoun or description stands for


@dataclass(frozen=True, slots=True)
class NamedMention:
    at: int
    name: str
    entity_id: str | None
    is_person: bool
    is_subject: bool


def _in_clause_of_another(pronoun: Token, name: Token) -> bool:
    """ "Han Ji-soo said the new leader would name his officials", "… the chairman would step down before his term
    ended": a pronoun in a clause under a subject that is a noun other than the name refers to that subject more
    likely than to the name, and tells nothing of the name's gender ("Sara Lund said her company would close" does)."""
    token = pronoun
    while token.head.i != token.i:
        token = token.head
        if token.i == name.i:
            return False  # "Sneha Varghese, who gave up her job": a clause about the name
        subjects = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if token.pos_ not in {"VERB", "AUX"} or not subjects:
            continue
        if any(s.left_edge.i <= name.i <= s.right_edge.i for s in subjects):
            return False
        if any(s.pos_ in {"NOUN", "PROPN"} and not s.left_edge.i <= pronoun.i <= s.right_edge.i for s in subjects):
            return True
    return False


class Antecedents:
    """The pronoun half of ``SpeakerResolver``: it needs the resolver's document, mentions and last speaker."""

    doc: Doc
    lexicon: StatementWords
    offset: int
    last: Speaker | None
    _genders: dict[str, str]
    _mentions: list[NamedMention]
    _quoted: Sequence[tuple[int, int]]
    _last_said: tuple[int, int]  # article offsets of what the last speaker said

    def resolve(self, head: Token, avoid: str = "") -> Speaker | None:
        raise NotImplementedError

    def _inside_quote(self, at: int) -> bool:
        return any(s <= at < e for s, e in self._quoted)

    def _learn_gender(self, name: str, token: Token | None) -> None:
        if name in self._genders:
            return
        words = name.split()
        gender = (given_name_gender(words[0]) if words else None) or None  # "" for a name both men and women bear
        if gender is None and token is not None and token.i > 0:
            titles = self.lexicon.title_genders
            gender = titles.get(token.doc[max(0, token.i - 1)].lower_) or titles.get(
                token.doc[max(0, token.left_edge.i - 1)].lower_
            )
            for t in token.sent:
                if (
                    t.i > token.i
                    and t.lower_ in self.lexicon.person_pronouns
                    and t.dep_ in {"nsubj", "poss"}
                    and not _in_clause_of_another(t, token)
                ):
                    gender = gender or self.lexicon.person_pronouns[t.lower_]
                    break
        if gender:
            self._genders[name] = gender

    # --- pronouns -----------------------------------------------------------------------------
    def _resolve_pronoun(self, pronoun: Token, avoid: str = "") -> Speaker | None:
        at = pronoun.idx + self.offset
        lower = pronoun.lower_
        if lower in self.lexicon.plural_pronouns:
            heard = self.last  # "The report's authors say … They call for …": the group just heard
            plural = heard is not None and not heard.is_person and heard.mention.lower().endswith("s")
            if heard is not None and plural and at - heard.at < SPEAKER_MEMORY // 2:
                return Speaker(heard.name, pronoun.text, heard.entity_id, False, at, "pronoun", heard.at)
            group = self._plural_subject(pronoun)
            if group is not None:
                return group
        pronouns = self.lexicon.person_pronouns
        asked = self._asked_before(pronoun, pronouns.get(lower))
        if asked is not None and asked.name != avoid:
            return Speaker(asked.name, pronoun.text, asked.entity_id, True, at, "pronoun", asked.at)
        found = self._antecedent(at, lower in pronouns, pronouns.get(lower), avoid)
        if found is None and lower in self.lexicon.person_subject_pronouns:
            found = self._named_subject_before(pronoun)
        if found is None:
            return None
        return Speaker(found.name, pronoun.text, found.entity_id, found.is_person, at, "pronoun", found.at)

    def _asked_before(self, pronoun: Token, gender: str | None) -> NamedMention | None:
        """ "Frank Yingling asked Haines whether anyone had checked the estimate. He said no one had.": a pronoun
        opening the sentence after a question put to someone named is the one asked, answering — when the gender
        fits that person."""
        opening = next((t for t in pronoun.sent if not t.is_space), pronoun)
        if pronoun.lower_ not in self.lexicon.person_subject_pronouns or pronoun.i != opening.i:
            return None
        before = pronoun.sent.start - 1
        while before >= 0 and (self.doc[before].is_space or self.doc[before].is_punct):
            before -= 1
        if before < 0:
            return None
        for verb in self.doc[before].sent:
            if verb.lemma_.lower() not in self.lexicon.question_verbs or verb.pos_ != "VERB":
                continue
            asked = next((c for c in verb.children if c.dep_ in {"dobj", "dative"} and c.pos_ == "PROPN"), None)
            if asked is None:
                described = self._asked_by_description(verb, gender)
                if described is not None:
                    return described
                continue
            start = asked.idx + self.offset
            covering = [m for m in self._mentions if m.is_person and m.at <= start < m.at + len(m.name) + 40]
            named = max(covering, key=lambda m: m.at, default=None)
            if named is None or asked.text not in named.name.split():
                continue
            if gender and self._genders.get(named.name, gender) != gender:
                return None
            return named
        return None

    def _asked_by_description(self, verb: Token, gender: str | None) -> NamedMention | None:
        """ "Dlamini-Jacobs asked the portfolio manager how many units had been inspected. She said …": the one asked,
        described by the title they were introduced with, answers."""
        asked = next((c for c in verb.children if c.dep_ in {"dobj", "dative"} and c.pos_ == "NOUN"), None)
        if asked is None or asked.lemma_.lower() not in self.lexicon.person_nouns:
            return None
        found = self.resolve(asked)
        if found is None or not found.is_person or found.basis == "group":
            return None
        if gender and self._genders.get(found.name, gender) != gender:
            return None
        at = found.antecedent_at if found.antecedent_at is not None else found.at
        return NamedMention(at, found.name, found.entity_id, True, True)

    def _named_subject_before(self, pronoun: Token) -> NamedMention | None:
        """No person known at all: the capitalised two- or three-word subject of a sentence shortly before, whatever
        the tagger called it ("Jamal Bishop has worked as an arborist …" / "…," he explained)."""
        doc = pronoun.doc
        for token in reversed(doc[max(0, pronoun.sent.start - 60) : pronoun.sent.start]):
            if token.dep_ != "nsubj" or token.pos_ != "PROPN" or self._inside_quote(token.idx + self.offset):
                continue
            words = doc[token.left_edge.i : token.i + 1]
            named = 2 <= len(words) <= 3 and all(w.pos_ == "PROPN" and w.text[:1].isupper() for w in words)
            if named and not any(
                w.lower_
                in self.lexicon.organisation_name_ends
                | self.lexicon.organisation_stand_ins
                | self.lexicon.speaker_titles
                for w in words
            ):
                return NamedMention(words.start_char + self.offset, words.text, None, True, True)
            return None
        return None

    def _antecedent(
        self, at: int, wants_person: bool, gender: str | None, avoid: str = ""
    ) -> Speaker | NamedMention | None:
        """Who a pronoun or description at ``at`` refers to: the last speaker, unless a compatible person (or
        organisation) was named in subject position since; else the latest compatible mention."""
        last = self.last
        if last is not None and at - last.at > SPEAKER_MEMORY:
            last = None
        if last is not None and last.is_person != wants_person and not self._through_spokesperson(last, gender):
            last = None
        if last is not None and ((gender and self._genders.get(last.name, gender) != gender) or last.name == avoid):
            last = None
        candidate = self._recent_mention(at, wants_person, gender, avoid=avoid)
        # "Lister said Haworth had been invited … He said …": a person named in what the last speaker said is spoken
        # of; the pronoun goes on with the speaker
        if candidate is not None and (last is None or candidate.at > last.at):
            spoken_of = last is not None and self._last_said[0] <= candidate.at < self._last_said[1]
            if not spoken_of:
                return candidate
        if last is not None:
            return last
        return self._recent_mention(at, wants_person, gender, subjects_only=False, avoid=avoid)

    def _through_spokesperson(self, speaker: Speaker, gender: str | None) -> bool:
        """ "A spokeswoman for the company said … '…,' she said": an organisation that spoke through a spokesperson
        goes on speaking when the pronoun fits the spokesperson."""
        words = self.lexicon
        for word in speaker.mention.lower().split():
            if word in words.spokesperson_nouns:
                said = "f" if word in words.female_nouns else "m" if word in words.male_nouns else None
                return gender is None or said in {None, gender}
        return False

    def _plural_subject(self, pronoun: Token) -> Speaker | None:
        """ "Scientology officials went to the station, where they claimed …": the last plural subject."""
        doc = pronoun.doc
        start = pronoun.sent.start
        if start > 0:
            start = doc[start - 1].sent.start  # the sentence before too
        for token in reversed(doc[start : pronoun.i]):
            if token.dep_ != "nsubj" or token.tag_ not in {"NNS", "NNPS"}:
                continue
            if self._inside_quote(token.idx + self.offset) or not same_paragraph(token, pronoun):
                return None
            found = self.resolve(token)
            return (
                Speaker(found.name, pronoun.text, found.entity_id, False, found.at, "pronoun", found.at)
                if found
                else None
            )
        return None

    def _recent_mention(
        self, at: int, person: bool, gender: str | None, subjects_only: bool = True, avoid: str = ""
    ) -> NamedMention | None:
        for mention in reversed(self._mentions):
            if mention.at >= at:
                continue
            if at - mention.at > SPEAKER_MEMORY * 2:
                break
            if mention.is_person != person or (subjects_only and not mention.is_subject):
                continue
            if (gender and self._genders.get(mention.name, gender) != gender) or mention.name == avoid:
                continue
            return mention
        return None
