"""From a token of the parse to the named entity a relation joins: the mention under the token or its noun phrase,
the parties of a list, and pronouns or descriptions ("he", "the carmaker") resolved to a name said just before.
Unnamed people stand for what they act for: the state whose office they hold ("Thailand's foreign minister"), the
organisation or country of a group ("officials from the ministry", "delegations from Ethiopia and Egypt"), the named
members a group lists ("defectors … including A and B"); "police" is the article's one police force.

Shared by the verb and noun finders. ``Arguments`` indexes one doc once (token → mention, mentions by offset), so
each look-up is a few steps and a relation finder stays linear in the doc's length. Offsets are doc offsets.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from nlp.entities.mentions import Mention
from nlp.keys import doc_text
from nlp.lexicon.sections import RelationWords
from nlp.relations.sentences import SentenceIndex
from nlp.relations.sentences import sentence_dates as sentence_dates

# Dependents of a noun that name the same thing as the noun ("the union IG Metall", "the company, Acme,").
SAME_THING_DEPS = ("appos", "compound")
# Dependents that join parties of a list: spaCy hangs "Chile, Argentina and Bolivia" as conj or appos chains.
LIST_DEPS = ("conj", "appos")
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# Dependencies of a date phrase hung directly on a predicate ("met last month", "signed Monday").
_DATE_DEPS = ("npadvmod", "tmod", "advmod", "obl")


class Argument(NamedTuple):
    """One argument of a relation: the named mention it stands for and the words of the clause that name it."""

    mention: Mention
    start: int  # doc offsets of the words in the clause: the name itself, or the pronoun or description
    end: int
    resolved: bool = False  # True when a pronoun or description was resolved to a name said before


class Arguments:
    """The mentions of one doc, indexed for relation finders."""

    def __init__(self, doc: Doc, mentions: list[Mention], words: RelationWords) -> None:
        self.doc = doc
        self.words = words
        self.sentences = SentenceIndex(doc)
        self.text = doc_text(doc)
        named = sorted((m for m in mentions if m.type != "Unknown"), key=lambda m: (m.start, -m.end))
        self.named = named
        self.starts = [m.start for m in named]
        self.by_token: list[Mention | None] = [None] * len(doc)
        self.institutions = _institutions(named, words)
        self._quotes: list[tuple[int, int]] | None = None  # quotation spans, found on the first first-person word
        self._country: tuple[Mention | None] | None = None  # the place the doc is about, found on the first ask
        # The longest mention under a token wins: "Kochi gold smuggling case" over "Kochi" inside it.
        for mention in sorted(named, key=lambda m: m.end - m.start):
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            for token in span:
                self.by_token[token.i] = mention

    def mention_of(self, token: Token) -> Mention | None:
        """The named mention a token is part of."""
        return self.by_token[token.i]

    def phrase_mention(self, token: Token, owner: bool = False) -> Mention | None:
        """The mention naming the noun phrase headed by ``token``: its own, an appositive's or a compound's
        ("the union IG Stahl"); with ``owner``, also the possessor of a thing ("Griffeye's software" → Griffeye)."""
        found = self.by_token[token.i]
        if found is not None:
            return found
        deps: tuple[str, ...] = (*SAME_THING_DEPS, "poss") if owner else SAME_THING_DEPS
        person = "Person" in self.words.description_type_of.get(token.lemma_.lower(), ())
        if self._country_noun(token):
            deps = tuple(d for d in deps if d != "compound")  # "the Pacific island nation": a region, not the nation
        for dep in deps:  # an appositive names the thing itself; a compound may be its place ("Kosovo Prime Minister")
            for child in token.children:
                if child.dep_ == dep and (found := self.by_token[child.i]) is not None:
                    if person and dep == "compound" and found.type != "Person":
                        continue  # the place or body of an office, not the office holder
                    return found
        return self._office_owner(token) or self._named_holder(token)

    def _is_office(self, token: Token) -> bool:
        return "Person" in self.words.description_type_of.get(token.lemma_.lower(), ())

    def _office_owner(self, token: Token) -> Mention | None:
        """The state whose office an unnamed holder fills stands for him: "contacted Thailand's foreign minister"
        meets Thailand."""
        if not self._is_office(token):
            return None
        for child in token.children:
            if child.dep_ == "poss" and (found := self.by_token[child.i]) is not None and found.type == "Location":
                return found
        return None

    def _named_holder(self, token: Token) -> Mention | None:
        """The person an office is said of when the parse hangs the name on the office's organisation or its
        complement: "Co-founder of Google, Sergey Brin, met …", "Governor of Washington Chris Gregoire said"."""
        offices = [token, *(c for c in token.children if c.dep_ == "appos")]
        if not any(self._is_office(office) or office.lower_ in self.words.staff_nouns for office in offices):
            return None
        for office in offices:
            for pobj in _objects_of(office, ("of",)):
                if (found := self.by_token[pobj.i]) is not None and found.type == "Person":
                    return found  # "Member of Parliament Ravi Naidoo": the name is parsed into the title
                for child in pobj.children:
                    found = self.by_token[child.i] if child.dep_ == "appos" else None
                    if found is not None and found.type == "Person":
                        return found
        return None

    def argument(
        self, token: Token, owner: bool = False, avoid: Mention | None = None, only: frozenset[str] | None = None
    ) -> Argument | None:
        """The named entity a token stands for: a name, else a pronoun or description resolved to one (of the types
        ``only``, when the predicate takes no other: "the department suspended it" — a law, not Congress)."""
        mention = self.phrase_mention(token, owner)
        if mention is not None:
            span = _words_of(token, mention)
            return Argument(mention, span[0], span[1])
        if token.pos_ == "PRON" and token.lower_ in self.words.first_person_words:
            speaker = self.speaker_of(token)
            if speaker is None:
                return None
            return Argument(speaker, token.idx, token.idx + len(token.text), resolved=True)
        institution = self._institution(token)
        if institution is not None:
            return Argument(institution, token.idx, token.idx + len(token.text), resolved=True)
        kinds = tuple(k for k in self.stand_in_types(token) if only is None or k in only)
        if not kinds:
            return None
        start = min([token.idx, *(c.idx for c in token.children if c.dep_ == "det" and c.i < token.i)])
        if self._country_noun(token) and self._has_epithet(token):
            # "the Balkan country": news names the country it is about by its region, not the place named last
            country = self.article_country()
            if country is None or country == avoid:
                return None
            return Argument(country, start, token.idx + len(token.text), resolved=True)
        teller = self._reported_party(token) if token.pos_ == "PRON" else None
        if teller is not None:  # "Devocht, who had told Montalvo he would assist him": he is Devocht, him Montalvo
            told = self.argument(teller)
            if told is None or told.mention.type not in kinds or told.mention == avoid:
                return None
            return Argument(told.mention, token.idx, token.idx + len(token.text), resolved=True)
        antecedent = self.antecedent(token, kinds, avoid) or self._article_subject(token, kinds)
        if antecedent is None or antecedent == avoid:
            return None
        return Argument(antecedent, start, token.idx + len(token.text), resolved=True)

    def _country_noun(self, token: Token) -> bool:
        return token.pos_ == "NOUN" and token.lemma_.lower() in self.words.country_nouns

    @staticmethod
    def _has_epithet(token: Token) -> bool:
        """Whether a noun is qualified by a capitalised word inside its phrase: "the Balkan country", "the Pacific
        island nation" (not the phrase's first word, which may be capitalised as a sentence's)."""
        doc = token.doc
        return any(
            t.dep_ in ("amod", "compound") and t.text[:1].isupper() for t in doc[token.left_edge.i + 1 : token.i]
        )

    def _article_subject(self, token: Token, kinds: tuple[str, ...]) -> Mention | None:
        """What a description with no name in reach to take up stands for: the country the article is about for
        "the country", the event it is about for "the competition" (a description of an event is taken up far from
        its name, once the article has named only that one)."""
        if token.pos_ != "NOUN":
            return None
        if "Location" in kinds and self._country_noun(token):
            return self.article_country()
        if "Event" in kinds:
            return self.article_event(token.idx)
        return None

    def article_event(self, before: int) -> Mention | None:
        """The event the doc is about by ``before``: the one it has named there, or the one named most often."""
        counts = Counter(m.text.lower() for m in self.named[: bisect_left(self.starts, before)] if m.type == "Event")
        ranked = counts.most_common(2)
        if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            return None
        return next(m for m in self.named if m.type == "Event" and m.text.lower() == ranked[0][0])

    def arguments(
        self, token: Token, owner: bool = False, avoid: Mention | None = None, only: frozenset[str] | None = None
    ) -> list[Argument]:
        """Every party a token stands for: itself and the other members of its list ("Chile, Argentina and
        Bolivia"), each once, in the order written."""
        found: dict[Mention, Argument] = {}
        after = self._after_dateline(token)
        if after is None:
            return []
        for member in list_members(after, self.by_token):
            argument = self.argument(member, owner, avoid, only)
            if argument is not None:
                found.setdefault(argument.mention, argument)
                continue
            for party in self._parties_for(member):
                argument = self.argument(party, owner, avoid)
                if argument is not None and argument.mention.type != "Unknown":
                    found.setdefault(argument.mention, argument)
        return list(found.values())

    def speaker_of(self, token: Token) -> Mention | None:
        """The named person who says the quotation a first-person word is in ("\"I fully support the project,\"
        said Thabo Nkosi"); None outside a quotation or when no speaker is named near it."""
        if self._quotes is None:
            self._quotes = quotation_spans(self.text)
        index = bisect_left(self._quotes, (token.idx + 1, 0)) - 1
        if index < 0 or not self._quotes[index][0] <= token.idx < self._quotes[index][1]:
            return None
        start, end = self._quotes[index]
        after = self.doc.char_span(end, end + 1, alignment_mode="expand") if end < len(self.text) else None
        if after is not None:
            following = self.sentences.of(after[0])
            if (found := self._sayer(following, after[0].i, following.end)) is not None:
                return found
        opening = self.doc.char_span(max(start - 1, 0), start, alignment_mode="expand")
        if opening is None:
            return None
        sentence = self.sentences.of(opening[0])
        found = self._sayer(sentence, sentence.start, opening[0].i)
        if found is None and self.text[max(start - _COLON_REACH, 0) : start].rstrip(' \u00a0"“«').endswith(":"):
            # "Sunak defended the government's record: \"…our deals…\"": a colon hands the quotation to the subject
            colon = self.doc.char_span(start - 1, start, alignment_mode="expand")
            found = self._person_subject(self.sentences.of(colon[0]).root) if colon is not None else None
        if found is not None or opening[0].i > sentence.start + 1 or sentence.start == 0:
            return found
        before = self.sentences.before(sentence)
        root = before.root
        if any(t.lower_ in self.words.statement_nouns for t in before):
            return self._person_subject(root)
        return None

    def _sayer(self, sentence: Span, first: int, last: int) -> Mention | None:
        """The person subject of a verb of saying among tokens ``first``..``last`` of a sentence."""
        for token in self.doc[first:last]:
            if token.lemma_.lower() in self.words.quote_verbs and token.pos_ == "VERB":
                found = self._person_subject(token)
                if found is not None:
                    return found
        return None

    def _person_subject(self, verb: Token) -> Mention | None:
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ not in self.words.first_person_words:
                argument = self.argument(child)
                if argument is not None and argument.mention.type == "Person":
                    return argument.mention
        return None

    def _reported_party(self, pronoun: Token) -> Token | None:
        """In a clause reported by a verb of saying, the party a pronoun takes up: the teller for a subject, the
        one told for an object ("A told B he would assist him")."""
        if pronoun.dep_ not in (*SUBJECT_DEPS, "dobj", "dative"):
            return None
        clause = pronoun.head
        for _step in range(_CHAIN):
            if clause.dep_ not in ("xcomp", "conj") or clause.head is clause:
                break
            clause = clause.head
        teller = clause.head
        if clause.dep_ != "ccomp" or teller.lemma_.lower() not in self.words.quote_verbs:
            return None
        subject = pronoun.dep_ in SUBJECT_DEPS
        if not subject and "Person" not in self.words.pronoun_types.get(pronoun.lower_, ()):
            return None  # "told Globex it would supply it": an object "it" is what is supplied, not the one told
        deps = SUBJECT_DEPS if subject else ("dobj", "dative")
        found = [c for c in teller.children if c.dep_ in deps]
        if not found:
            return None
        party = found[0]
        if party.tag_ in ("WP", "WDT") and teller.dep_ == "relcl":
            return teller.head  # "Devocht, who had told …"
        return None if party.pos_ == "PRON" else party

    def _after_dateline(self, token: Token) -> Token | None:
        """A dateline's city that the parse makes a subject stands for the name after it ("NAIROBI - The Law
        Society of Kenya was critical of …"), or for nothing: it says where the report was filed."""
        if not token.is_upper or (token.i > 0 and "\n" not in self.doc[token.i - 1].text):
            return token
        if token.i + 1 >= len(self.doc) or self.doc[token.i + 1].text not in _DATELINE_DASHES:
            return token
        follows = [c for c in token.children if c.dep_ == "appos" and self.by_token[c.i] is not None]
        return follows[0] if follows else None

    def _parties_for(self, noun: Token) -> list[Token]:
        """The named parties an unnamed group stands for: the members it lists ("defectors … including Tom Devocht
        and Mark Rathbun"), else the organisations or countries its people act for ("delegations from Ethiopia and
        Egypt", "Scientology officials", "members of the Bauernverband"; not "former members of …")."""
        if noun.pos_ not in ("NOUN", "PROPN"):
            return []
        words = self.words
        holders = [noun, *_objects_of(noun, None)]
        if noun.dep_ == "dobj":  # "attacked defectors from the organization including …": the parse's attachment
            holders += [p for p in _objects_of(noun.head, None) if p.head.i == noun.right_edge.i + 1]
        for holder in holders:
            for child in holder.children:
                if child.dep_ == "prep" and child.lower_ in words.inclusion_words:
                    return [m for p in _objects_of(child, None) for m in list_members(p, self.by_token)]
        if noun.lower_ not in words.staff_nouns:
            return []
        if any(c.lower_ in words.past_qualifiers for c in noun.children if c.dep_ in ("amod", "compound", "advmod")):
            return []
        tokens = [c for c in noun.children if c.dep_ in ("compound", "poss") and self.by_token[c.i] is not None]
        tokens += _objects_of(noun, words.staff_prepositions)
        parties = [m for t in tokens for m in list_members(t, self.by_token)]
        return [t for t in parties if (m := self.by_token[t.i]) is not None and m.type in _ACTING_TYPES]

    def _institution(self, token: Token) -> Mention | None:
        """The one organisation of the doc named with an institution noun ("police"), when the noun is not
        qualified by another name ("the Chinese police")."""
        if token.pos_ != "NOUN" or token.lemma_.lower() not in self.institutions:
            return None
        found = self.institutions[token.lemma_.lower()]
        if found is None:
            return None
        own = {w.lower() for w in found.text.split()}
        if any(c.text[:1].isupper() and c.lower_ not in own for c in token.children if c.dep_ in ("amod", "compound")):
            return None
        return found

    def stand_in_types(self, token: Token) -> tuple[str, ...]:
        """The entity types a pronoun or a definite description may stand for; () for anything else."""
        lower = token.lower_
        if token.pos_ == "PRON":
            return self.words.pronoun_types.get(lower, ())
        if token.pos_ != "NOUN":
            return ()
        if not any(
            c.dep_ in ("det", "poss") and c.lower_ in self.words.description_determiners for c in token.children
        ):
            return ()
        return self.words.description_type_of.get(token.lemma_.lower(), ())

    def antecedent(self, token: Token, kinds: tuple[str, ...], avoid: Mention | None = None) -> Mention | None:
        """The name a pronoun or description takes up: a mention of a fitting type before it, in its sentence or
        the one before (a description of a law or an event, "the bill", up to three before: they are taken up
        far from their names, where "the company" or "the country" may already mean another), in the same role
        (subject or not) if there is one, the nearest first; never a dateline's city, nor ``avoid``, the other
        argument, under any of its mentions."""
        far = token.pos_ == "NOUN" and all(kind in _FAR_KINDS for kind in kinds)
        sentence = self.sentences.before(self.sentences.of(token), _DESCRIPTION_REACH if far else 1)
        first = bisect_left(self.starts, sentence.start_char)
        candidates = []
        text = self.text
        for mention in self.named[first:]:
            if mention.start >= token.idx:
                break
            other = avoid is not None and (mention.text, mention.type) == (avoid.text, avoid.type)
            dateline = mention.text.isupper() and (mention.start == 0 or text[mention.start - 1] == "\n")
            if mention.type in kinds and not other and not dateline and mention.end <= token.idx:
                candidates.append(mention)
        if not candidates:
            return None
        # A subject takes up a subject (news keeps the actor there), an object the nearest other name.
        as_subject = token.dep_ in SUBJECT_DEPS
        same_role = [m for m in candidates if self._is_subject(m) == as_subject]
        return (same_role or candidates)[-1]

    def article_country(self) -> Mention | None:
        if self._country is None:
            self._country = (self._most_named_place(),)
        return self._country[0]

    def _most_named_place(self) -> Mention | None:
        """The place the doc is about: the one it names most often, at least twice and more often than any other;
        its government is "the government" ("The government's Flag Consideration Project" in an article naming New
        Zealand throughout; "the government withdrew the bill" in one about Serbia)."""
        counts = Counter(m.text.lower() for m in self.named if m.type == "Location")
        ranked = counts.most_common(2)
        if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            return None
        return next(m for m in self.named if m.type == "Location" and m.text.lower() == ranked[0][0])

    def _is_subject(self, mention: Mention) -> bool:
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        while root.dep_ in ("compound", "appos", "conj") and root.head is not root:
            root = root.head
        return root.dep_ in SUBJECT_DEPS


_ACTING_TYPES = ("Organization", "Location")
# How many sentences back a description of a law or an event ("the bill") may take up its name; others, one.
_DESCRIPTION_REACH = 3
_DATELINE_DASHES = ("-", "–", "—", "--")
_CHAIN = 3  # clause levels from a pronoun up to the clause a verb of saying reports
_FAR_KINDS = ("Law", "Event")
_OPENING_QUOTES = "“«"
_COLON_REACH = 4  # characters between a colon and the quotation it opens: a space and the quotation mark
_CLOSING_QUOTES = "”»"


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """The character spans inside quotation marks, in order. A straight quote opens or closes; a quotation left
    open ends with its paragraph, as news leaves a quote running on to the next paragraph unclosed."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for index, char in enumerate(text):
        if char == "\n" and start is not None:
            spans.append((start, index))
            start = None
        elif char in _OPENING_QUOTES or (char == '"' and start is None):
            start = index + 1
        elif start is not None and (char in _CLOSING_QUOTES or char == '"'):
            spans.append((start, index))
            start = None
    if start is not None:
        spans.append((start, len(text)))
    return spans


def _institutions(named: list[Mention], words: RelationWords) -> dict[str, Mention | None]:
    """For each institution noun, the doc's one organisation named with it (the longest of its names), or None
    when the doc names two that are not one the other's short form."""
    found: dict[str, Mention | None] = {}
    for noun in words.institution_nouns:
        names: dict[str, Mention] = {}
        for mention in named:
            if mention.type == "Organization" and noun in mention.text.lower().split():
                names.setdefault(mention.text.lower(), mention)
        longest = max(names, key=len, default=None)
        if longest is None:
            continue
        one = all(f" {name} " in f" {longest} " for name in names)
        found[noun] = names[longest] if one else None
    return found


def _objects_of(head: Token, prepositions: frozenset[str] | tuple[str, ...] | None) -> list[Token]:
    """The objects of a head's prepositions (any, or those of ``prepositions``), or of the preposition itself."""
    if head.dep_ == "prep" and prepositions is None:
        return [c for c in head.children if c.dep_ == "pobj"]
    return [
        obj
        for prep in head.children
        if prep.dep_ == "prep" and (prepositions is None or prep.lower_ in prepositions)
        for obj in prep.children
        if obj.dep_ == "pobj"
    ]


def list_members(token: Token, by_token: list[Mention | None]) -> list[Token]:
    """A token and the other members of the list it heads or belongs to, each once. An appositive is a member
    only of a list of names ("Chile, Argentina and Bolivia"), never of a description it names ("Kosovo Prime
    Minister Avdullah Hoti", "the union, IG Stahl")."""

    def _is_list(token: Token) -> bool:
        return by_token[token.i] is not None and _has_conjunction(token)

    head = token
    while head.dep_ in LIST_DEPS and head.head is not head and head.head.i < head.i:
        if head.dep_ == "appos" and not _is_list(head.head):
            break
        head = head.head
    found = [head]
    stack = [head]
    while stack:
        current = stack.pop()
        for child in current.children:
            joins = child.dep_ == "conj" or (child.dep_ == "appos" and _is_list(current))
            if joins and child not in found:
                found.append(child)
                stack.append(child)
    return sorted(found, key=lambda t: t.i)


def _has_conjunction(token: Token) -> bool:
    """Whether the phrase of a token has a coordinating conjunction ("Chile, Argentina and Bolivia")."""
    return any(c.dep_ == "cc" for t in (token, *token.children) for c in t.children)


def _words_of(token: Token, mention: Mention) -> tuple[int, int]:
    return min(token.idx, mention.start), max(token.idx + len(token.text), mention.end)


def date_phrase(predicate: Token, dates: list[Span], nouns: tuple[Token, ...] = ()) -> tuple[int, int] | None:
    """Doc offsets of the date phrase that dates a predicate: a date hung on the predicate ("in 2017", "on
    Monday", "last month"), on the clause it completes ("plans to buy … in 2026") or on the noun a light verb
    takes (``nouns``: "signed a deal … on Monday"), with its preposition. The nearest one wins."""
    clause = [predicate]
    head = predicate
    while head.dep_ in ("xcomp", "advcl") and head.head is not head and len(clause) < 4:
        head = head.head
        clause.append(head)
    clause.extend(nouns)
    best: tuple[int, tuple[int, int]] | None = None
    for date in dates:
        root = date.root
        start = date.start_char
        if root.dep_ == "pobj" and root.head.dep_ == "prep":
            start, holder = root.head.idx, root.head.head
        elif root.dep_ in _DATE_DEPS:
            holder = root.head
        else:
            continue  # "a 15-year agreement", "Fifita, 24,": the date describes a noun
        if holder in clause:
            rank = clause.index(holder)
            if best is None or rank < best[0]:
                best = (rank, (min(start, date.start_char), date.end_char))
    return best[1] if best else None
