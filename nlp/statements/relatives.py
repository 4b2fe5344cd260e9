"""Relatives: people news names by their kinship to someone it has named.

Profiles, court reports and inquests bring a speaker's family in by kinship and an apposition ("His son, Kevin
Dizon, 24, …", "Mr Hutchinson's wife, Joanne, said", "Kevin Dizon, his son, …") and go on naming them that way:
"His father admits …", "The father still checks …", "Her mother says …", "the elder Dizon". Read from the
apposition, the kinship tells whom those words stand for: the named person, or the person they were named the
relative of ("his father" of the son is the man whose son he was introduced as). A pronoun after such a subject
takes that person up, as after a name. Only the kinship nouns and the parse's apposition are read.
"""

from __future__ import annotations

from bisect import insort
from dataclasses import dataclass

from spacy.tokens import Token

from nlp.statements.antecedents import Antecedents, NamedMention
from nlp.statements.speaker_names import is_topic

# A kinship read backwards: the son's parent is the father, the wife's spouse the husband.
INVERSE = {
    "parent": "child",
    "child": "parent",
    "grandparent": "grandchild",
    "grandchild": "grandparent",
    "sibling": "sibling",
    "spouse": "spouse",
}


@dataclass(frozen=True, slots=True)
class Kinship:
    """``relative`` is the ``kind`` (parent, child, …) of ``of``; ``of`` is None when the text's owner is no one
    named ("The deceased's mother, Pamela Achieng")."""

    relative: NamedMention
    kind: str
    of: NamedMention | None


class Relatives(Antecedents):
    """The kinship half of ``SpeakerResolver``: it reads the resolver's mentions and adds those a kinship names."""

    _kinships: list[Kinship]
    _kin_mentions: dict[int, tuple[NamedMention, int]]  # article offset of the kin noun → its person, and where named

    def _collect_kinships(self) -> None:
        """Kinships stated by apposition, then a person mention for each kinship noun (or "the elder Dizon") whose
        person they give; called once the named mentions are known."""
        self._kinships = []
        self._kin_mentions = {}
        for token in self.doc:
            kind = self._kind(token)
            if kind is None or self._inside_quote(token.idx + self.offset):
                continue
            named = self._named_relative(token)
            if named is not None:
                self._kinships.append(Kinship(named, kind, self._owner(token, exclude=named.name)))
                gender = self._noun_gender(token)
                if gender and named.name not in self._genders:
                    self._genders[named.name] = gender
        for token in self.doc:
            if token.pos_ not in {"NOUN", "PROPN"}:
                continue
            at = token.idx + self.offset
            person = self._generation_named(token) or (
                self._by_kinship(token) if self._kind(token) and self._named_relative(token) is None else None
            )
            if person is None or self._inside_quote(at):
                continue
            mention = NamedMention(at, person.name, person.entity_id, True, is_topic(token, self.lexicon.person_nouns))
            self._kin_mentions[at] = (mention, person.at)
            # in place at once: "The son has opened …" makes the next "His father" the son's father
            self._mentions = [m for m in self._mentions if m.at != at]
            insort(self._mentions, mention, key=lambda m: m.at)

    def _relative_at(self, at: int) -> tuple[NamedMention, int] | None:
        """The person a kinship noun (or "the elder …") at ``at`` names, and where that person was named."""
        return self._kin_mentions.get(at)

    def _kind(self, token: Token) -> str | None:
        if token.pos_ != "NOUN" or token.tag_ in {"NNS", "NNPS"}:
            return None
        return self.lexicon.kin_nouns.get(token.lemma_.lower())

    def _noun_gender(self, token: Token) -> str | None:
        noun = token.lemma_.lower()
        return "f" if noun in self.lexicon.female_nouns else "m" if noun in self.lexicon.male_nouns else None

    def _named_relative(self, token: Token) -> NamedMention | None:
        """The person a kinship noun is in apposition with: "His son, Kevin Dizon," or "Kevin Dizon, his son,"."""
        names = [c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
        if token.dep_ == "appos" and token.head.pos_ == "PROPN":
            names.append(token.head)
        for name in names:
            start = self.doc[name.left_edge.i].idx + self.offset
            end = name.idx + len(name.text) + self.offset
            found = [m for m in self._mentions if m.is_person and start <= m.at < end]
            if found:
                return found[-1]
        return None

    def _owner(self, token: Token, exclude: str = "") -> NamedMention | None:
        """Whose relative a kinship noun names: the person a possessive pronoun stands for (the last one named of its
        gender, as the subject if one was) or the person whose name is in the possessive."""
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is None:
            return None
        at = owner.idx + self.offset
        if owner.pos_ == "PRON":
            gender = self.lexicon.person_pronouns.get(owner.lower_)
            if gender is None:
                return None
            return self._recent_mention(at, True, gender, avoid=exclude) or self._recent_mention(
                at, True, gender, subjects_only=False, avoid=exclude
            )
        start = self.doc[owner.left_edge.i].idx + self.offset
        named = [m for m in self._mentions if m.is_person and start <= m.at <= at]
        if named and named[-1].name == exclude:  # "Fehr's older brother, Curtis Fehr,": the other Fehr named before
            family = owner.text.split()[-1]
            before = [m for m in self._mentions if m.is_person and m.at < start and m.name != exclude]
            return next((m for m in reversed(before) if m.name.split()[-1] == family), None)
        return named[-1] if named else None

    def _by_kinship(self, token: Token) -> NamedMention | None:
        """The person "His father", "Her mother" or "The father" names, from the kinships stated before it: the
        owner's relative of that kind, or the one whose relative of the inverse kind the owner is; for "the …", the
        one person the text has given that kinship."""
        kind = self._kind(token)
        if kind is None:
            return None
        at = token.idx + self.offset
        gender = self._noun_gender(token)
        before = [k for k in self._kinships if k.relative.at < at]
        owned = any(c.dep_ == "poss" for c in token.children)
        if owned:
            owner = self._owner(token)
            if owner is None:
                return None
            found = [k.relative for k in before if k.kind == kind and k.of is not None and k.of.name == owner.name]
            found += [
                k.of for k in before if k.of is not None and k.relative.name == owner.name and INVERSE[k.kind] == kind
            ]
        elif any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            found = [k.relative for k in before if k.kind == kind]
            found += [k.of for k in before if k.of is not None and INVERSE[k.kind] == kind]
        else:
            return None
        people = {p.name: p for p in found if not gender or self._genders.get(p.name, gender) == gender}
        return next(iter(people.values())) if len(people) == 1 else None

    def _generation_named(self, token: Token) -> NamedMention | None:
        """ "the elder Dizon", "the younger Haddad": of two people sharing the family name, the parent or the child,
        as the kinships stated before say."""
        if token.pos_ != "PROPN" or self.doc[token.left_edge.i].lower_ != "the":  # the parse may hang "the" on "elder"
            return None
        word = next(
            (c.lower_ for c in token.children if c.dep_ == "amod" and c.lower_ in self.lexicon.generation_words),
            None,
        )
        if word is None:
            return None
        elder = self.lexicon.generation_words[word] == "parent"
        at = token.idx + self.offset
        pairs = [
            (k.of, k.relative) if k.kind in {"child", "grandchild"} else (k.relative, k.of)
            for k in self._kinships
            if k.of is not None and k.kind in {"parent", "child", "grandparent", "grandchild"} and k.relative.at < at
        ]
        family = self.doc[min(c.i for c in token.children if c.dep_ == "amod") + 1 : token.i + 1].text
        people = {
            (older if elder else younger).name: older if elder else younger
            for older, younger in pairs
            if family in older.name.split() and family in younger.name.split()
        }
        return next(iter(people.values())) if len(people) == 1 else None
