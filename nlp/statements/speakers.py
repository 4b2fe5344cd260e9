"""Who is speaking: the speaker token at a cue resolved to a canonical name and entity.

Pronouns are resolved by recency, grammatical role and gender (``antecedents``); surnames are expanded
to the full name of an earlier person; organisations and groups ("the Interior Ministry", "digital rights
groups") are speakers as named. The resolver remembers the last speaker so "he said" after a quote goes to
the person quoted.
Which token names the speaker comes from ``speaker_syntax``, how names read from ``speaker_names``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from core.records import Entity, StatementBasis
from nlp.keys import doc_text, fold
from nlp.lexicon.first_names import given_name_gender
from nlp.lexicon.lexicon import StatementWords
from nlp.naming import (
    after_name_alone_marker,
    first_surname_bearers,
    introduced_as_relative,
    title_before,
    titled_as_both,
    without_generation,
)
from nlp.statements.antecedents import SPEAKER_MEMORY, NamedMention, Speaker
from nlp.statements.cues import is_cue_verb
from nlp.statements.relatives import Relatives
from nlp.statements.speaker_names import (
    acts_as_person,
    described_person,
    fuller_organisation,
    is_topic,
    titled_person,
)
from nlp.statements.speaker_syntax import (
    NAME_LABELS,
    author_of_containing_document,
    carried_source,
    counted_group,
    group_name,
    introduced_with,
    is_age,
    is_press_office,
    named_apposition,
    named_in_apposition,
    noun_phrase,
    one_of_group,
    past_title_abbreviation,
    same_paragraph,
    spokesperson_organisation,
    subject_of,
    titles_of,
    without_titles,
)


def _subject_past_fronted_place(head: Token, words: StatementWords) -> Token:
    """ "Outside court, council chairman Muhammad Faizal Ismail, 61, said": the parse took the place opening the
    sentence for the subject, with the speaker after the comma hung on it (apposition or conjunct)."""
    opening = head.left_edge
    if opening.i >= head.i or opening.lower_ not in words.fronted_place_words or opening.head.i != head.i:
        return head
    if head.i + 1 >= len(head.doc) or head.doc[head.i + 1].text != ",":
        return head
    return next((c for c in head.children if c.dep_ in {"appos", "conj"} and c.pos_ in {"NOUN", "PROPN"}), head)


def _subject_past_dateline(place: Token, dateline_end: int) -> Token | None:
    """The parse took the dateline's city for the subject ("DHAKA — Thousands of drivers blocked …", "MANILA –
    Thailand and Cambodia pledged …"): the subject is the noun after the dateline, hung on the city or on the verb."""
    after = [c for c in place.children if c.dep_ == "appos" and c.idx >= dateline_end]
    after += [c for c in place.head.children if c.dep_ in {"nsubj", "nsubjpass"} and c.idx >= dateline_end]
    return min(after, key=lambda t: t.i) if after else None


# The second half of "Stuttgart-based", "Nasdaq-listed": where an organisation is, not which one.
_PLACED = frozenset({"based", "listed", "headquartered"})


_TITLE_LINKS = frozenset({"of", "and", "for", "the"})


# the rest of an office's title ("of Police", "of the Department of Agricultural Extension") and its initials in
# brackets, or a rank's "(Retd)", up to the holder's name
_AFTER_OFFICE_INITIALS = re.compile(
    r"(?: of(?: the)?(?: [A-Z][\w'-]*| of| and| for)*)? \((?:[A-Z]{2,6}|[Rr]etd\.?|[Rr]etired)\) "
)


def _first_named(entity: Entity) -> int:
    return min((start for start, _ in entity.mentions), default=0)


# entity labels of proper nouns that name no one ("in Adelaide", "on Monday")
_PLACE_OR_TIME = frozenset({"GPE", "LOC", "FAC", "NORP", "DATE", "TIME", "EVENT"})


def _initials(words: list[str]) -> str:
    return "".join(w[0].upper() for w in words if w.lower() not in _TITLE_LINKS)


def _titles_around(first: Token) -> list[list[str]]:
    """The word sequences a title may be in around a name whose first word is ``first``: the words right before it
    ("Group Chief Financial Officer" and each of its endings) and an apposition after it ("the company's chief
    financial officer")."""
    doc = first.doc
    before: list[str] = []
    i = first.i - 1
    while i >= 0 and len(before) < 5 and doc[i].is_alpha and doc[i].lower_ not in {"the", "a", "an", "said", "says"}:
        before.insert(0, doc[i].text)
        i -= 1
    found = [before[k:] for k in range(len(before))]
    name = first
    while name.head.i != name.i and name.dep_ in {"compound", "flat"} and name.head.i > name.i:
        name = name.head  # the name's last word, which an apposition hangs from
    for child in name.children:
        if child.dep_ == "appos":
            words = [t.text for t in child.subtree if t.is_alpha and t.i <= child.i and t.dep_ not in {"det", "poss"}]
            found.append(words)
    return found


# words that put a noun phrase after them as their object: an office written after one belongs to someone else
# ("a member of the ruling NDC, Kofi Addo,")
_OBJECT_MAKERS = frozenset({"of", "for", "from", "in", "at", "with", "by", "to", "against", "about", "on"})


def _written_beside(acronym: str, first: Token, last: Token, office_nouns: Collection[str]) -> bool:
    """Whether the sentence naming someone from ``first`` to ``last`` writes the office ``acronym`` as that name's
    own title: right before it ("DSP S. Prakash", "MP Joyce Kamau"), heading an apposition before it ("The Kapsoit
    Ward MCA, Gilbert Kiprotich Langat,"), defining an office in brackets before it ("The Municipal Chief Executive
    (MCE) of the Agona West Municipal Assembly, Hon. Kwabena Ofori Amponsah,") or heading one after it ("Vishal
    Shinde, SHO of Hadapsar police station,"). Initials that modify a noun ("WHO chief Tedros") or stand in a
    prepositional phrase are an organisation's."""
    doc = first.doc
    sentence = first.sent
    for word in sentence:
        if word.text != acronym or first.i <= word.i <= last.i:
            continue
        if word.i < first.i:
            between = doc[word.i + 1 : first.i]
            if len(between) > 14 or any(t.pos_ in {"VERB", "AUX"} for t in between):
                continue
            if word.dep_ == "pobj" or (word.i > 0 and doc[word.i - 1].lower_ in _OBJECT_MAKERS):
                continue
            if 2 <= word.i < len(doc) - 1 and doc[word.i - 1].text == "(" and doc[word.i + 1].text == ")":
                if doc[word.i - 2].lower_ not in office_nouns:
                    continue  # the initials defined in brackets: the words before them must be an office
            elif len(between) and between[0].text != "," and not all(t.is_title or t.text == "." for t in between):
                continue  # "WHO chief Tedros": the initials modify a noun
            return True
        elif word.i == last.i + 2 and doc[last.i + 1].text in {",", "("}:
            after = doc[word.i + 1] if word.i + 1 < len(doc) else None
            if after is None or after.pos_ in {"PUNCT", "ADP"} or after.is_space:
                return True
    return False


def _aside(clause: Token) -> bool:
    """A relative clause set off by a comma ("the 52-year-old, who grows paddy,") adds to a description; it does not
    pick out someone new as "the man who called" does."""
    return clause.dep_ == "relcl" and clause.left_edge.i > 0 and clause.doc[clause.left_edge.i - 1].text == ","


def _hometown(prep: Token) -> bool:
    """ "from Bergen" of "the 22-year-old from Bergen": where a person named before comes from."""
    return prep.lower_ == "from" and any(c.dep_ == "pobj" and c.pos_ == "PROPN" for c in prep.children)


def _next_sentence(token: Token) -> Span | None:
    """The sentence after ``token``'s, past any blank lines between paragraphs."""
    after = next((t for t in token.doc[token.sent.end :] if not t.is_space), None)
    return None if after is None else after.sent


def _main_subject(sentence: Span) -> Token | None:
    """The subject of ``sentence``'s main verb, not of a clause inside it."""
    return next((t for t in sentence if t.dep_ in {"nsubj", "nsubjpass"} and t.head.i == sentence.root.i), None)


def _definite(noun: Token) -> bool:
    """ "the rector", "its rector": one the reader knows, not "a rector"."""
    return any((c.dep_ == "det" and c.lower_ == "the") or c.dep_ == "poss" for c in noun.children)


class MentionIndex:
    """Every mention of an article's entities in article order. Built once per article, so that the resolver of
    each chunk of a long article takes its own stretch by bisection instead of reading every mention again."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self._spans = sorted(((s, e, ent) for ent in entities for s, e in ent.mentions), key=lambda item: item[0])
        self._starts = [s for s, _, _ in self._spans]
        self._longer_than: dict[tuple[str, int], list[int]] = {}

    def starting_in(self, low: int, high: int) -> list[tuple[int, int, Entity]]:
        """(start, end, entity) of the mentions with low <= start < high, in article order."""
        return self._spans[bisect_left(self._starts, low) : bisect_left(self._starts, high)]

    def starts_longer_than(self, person: Entity, characters: int) -> list[int]:
        """Where ``person`` is named with more than ``characters`` characters, in article order; kept, since a long
        document asks for the same person's again and again."""
        key = (person.id, characters)
        starts = self._longer_than.get(key)
        if starts is None:
            starts = self._longer_than[key] = sorted(s for s, e in person.mentions if e - s > characters)
        return starts


class SpeakerResolver(Relatives):
    """Turns the speaker token at a cue into a canonical speaker, remembering earlier speakers."""

    def __init__(
        self,
        doc: Doc,
        entities: Sequence[Entity],
        offset: int,
        quoted: Sequence[tuple[int, int]],
        lexicon: StatementWords,
        mentions: MentionIndex | None = None,
    ):
        self.doc, self.offset, self.lexicon = doc, offset, lexicon
        self.last: Speaker | None = None
        self._heard: list[Speaker] = []
        low, high = offset - 2 * SPEAKER_MEMORY, offset + doc[-1].idx + len(doc[-1]) if len(doc) else offset
        self._mention_index = mentions or MentionIndex(entities)
        spans = self._mention_index.starting_in(low, high)
        self._entity_spans = spans
        self._entity_starts = [s for s, _, _ in spans]
        self._quoted = quoted
        self._last_said = (0, 0)
        self._doc_ents = list(doc.ents)
        self._people = [e for e in entities if e.type == "Person" and len(e.name.split()) > 1]
        self._one_word_names = {e.name for e in entities if len(e.name.split()) == 1}
        self._surname_bearers: dict[str, list[Entity]] = {}
        # "Restrepo" of "Juan Camilo Restrepo Arango", "Lagos" of "Matías Lagos Fuentes": Spanish and Portuguese
        # names give the father's family name before the mother's, and news names the person by the first
        self._inner_bearers: dict[str, list[Entity]] = {}
        for person in self._people:
            words = without_generation(person.name, lexicon.generational_suffixes).split()
            self._surname_bearers.setdefault(words[-1], []).append(person)
            for word in words[1:-1]:
                if word[:1].isupper() and len(word.rstrip(".")) > 1:
                    self._inner_bearers.setdefault(word, []).append(person)
        self._genders: dict[str, str] = {}
        self._alone: dict[str, bool] = {}
        self._first_surnamed: dict[str, list[Entity]] = {}
        self._bare_uses: dict[str, list[int]] = {}
        self._mentions = self._collect_mentions()
        self._collect_kinships()
        self._protagonist = self._most_named(entities)
        self._indefinite_first: dict[str, int] | None = None
        self._collect_described_subjects()

    # --- public -----------------------------------------------------------------------------
    def resolve(self, head: Token, avoid: str = "") -> Speaker | None:
        """The speaker named by ``head`` (a noun, name or pronoun at the cue), or None if unknown; a pronoun never
        resolves to ``avoid`` (the person a quote speaks of by name). The speaker says how it was found (``basis``)."""
        dateline_end = self._dateline_end(head)
        if head.idx < dateline_end:
            subject = _subject_past_dateline(head, dateline_end)
            if subject is None:
                return None
            head = subject
        head = _subject_past_fronted_place(head, self.lexicon)
        author = self._author_in_document(head, avoid)
        if author is not None:
            return author
        written = past_title_abbreviation(self._past_post_nominal(head), self.lexicon)
        source = carried_source(written, self.lexicon)
        speaker = self._resolved(named_apposition(source, self.lexicon), avoid)
        if speaker is not None and source.i != written.i:  # "Cornyn's statement added", "a report by BIRN"
            return replace(speaker, basis="document", antecedent_at=None)
        return speaker

    def _author_in_document(self, head: Token, avoid: str) -> Speaker | None:
        """A pronoun or "the defendant" speaking inside a document's "in which" clause: the document's author."""
        words = self.lexicon
        pronoun = head.lower_ in words.person_pronouns or head.lower_ in words.group_pronouns
        described = head.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
        author = author_of_containing_document(head, words) if pronoun or described else None
        if author is None or author.i == head.i:
            return None
        speaker = self.resolve(author, avoid)
        if speaker is None:
            return None
        at_cue = replace(speaker, mention=noun_phrase(head).text, at=head.idx + self.offset)
        return at_cue if speaker.basis == "pronoun" else replace(at_cue, basis="document", antecedent_at=None)

    def _dateline_end(self, token: Token) -> int:
        """Where the wire dateline opening ``token``'s paragraph ends ("DHAKA —", "Mysore, Jan 12 (PTI)"); 0 without
        one."""
        text = doc_text(self.doc)
        match = self.lexicon.dateline.match(text, text.rfind("\n", 0, token.idx) + 1)
        return match.end() if match is not None else 0

    def _resolved(self, head: Token, avoid: str) -> Speaker | None:
        name_word = self._before_respect(head)
        if name_word is not None:  # "Bhagirath ji said", "Khoso Sahib said": the name, not the word of respect
            return self._resolved(name_word, avoid)
        titled = (
            self._trailing_person(head)
            or self._person_set_off_after(head)
            or self._person_after_initials(head)
            or self._person_after_organisation_s_office(head)
        )
        if titled is not None:
            return titled
        lower = head.lower_
        at = head.idx + self.offset
        words = self.lexicon
        member_of = one_of_group(head) or counted_group(head, self.lexicon)
        one_named = (
            next((c for c in member_of.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
            if member_of is not None and lower == "one"
            else None
        )
        if one_named is not None:  # "One of those farmers, Vestine Mukamana, said": the one named
            return self._resolved(one_named, avoid)
        if member_of is not None:  # "one of the sources said", "a group of drivers sued": the sources, the drivers
            return self._resolved(member_of, avoid)
        if lower in words.first_person or (lower in words.non_speaker_words and lower not in words.group_pronouns):
            return None
        if lower in words.person_pronouns or lower in words.group_pronouns:
            return self._resolve_pronoun(head, avoid)
        if lower in words.quantifier_pronouns and not any(c.dep_ == "prep" for c in head.children):
            group = self._plural_subject(head)  # "Residents have complained …, with many saying": the residents
            if group is not None:
                return group
        owner = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in words.owner_pronouns), None)
        if owner is not None and head.lemma_.lower() in words.source_carrier_nouns | words.medium_nouns:
            gender = words.owner_pronouns[owner.lower_]
            found = self._antecedent(at, bool(gender), gender or None)
            if found is not None:  # "according to its latest filing": the filing's owner
                return Speaker(found.name, noun_phrase(head).text, found.entity_id, found.is_person, at, "document")
        initialled = self._titled_by_initials(head, at)
        if initialled is not None:  # "the CFO said" after "Chief Financial Officer Meenakshi Iyer"
            return Speaker(
                initialled.name, noun_phrase(head).text, initialled.entity_id, True, at, "description", initialled.at
            )
        relative = self._relative_at(at)
        if relative is not None and head.pos_ == "PROPN":  # "the elder Dizon said": a family name, told apart
            person = relative[0]
            return Speaker(person.name, noun_phrase(head).text, person.entity_id, True, at, "surname")
        if relative is not None:  # "His father admits": a relative named before
            person, named_at = relative
            return Speaker(person.name, noun_phrase(head).text, person.entity_id, True, at, "description", named_at)
        phrase = noun_phrase(head)
        entity = self._entity_at(at, at + len(head.text))
        given_title = self._given_the_title(head, at) if entity is not None and entity.type == "Organization" else None
        if given_title is not None:  # "the Olori said", the model calling a title no list knows an organisation
            return Speaker(
                given_title.name, phrase.text, given_title.entity_id, True, at, "description", given_title.at
            )
        if entity is not None:
            words_and_title = self._with_title_before(phrase)
            namesake = self._namesake_of_gender(words_and_title, at) if entity.type == "Person" else None
            if namesake is not None and namesake.name != entity.name:  # "Ms Juma", not the man "Juma Hamisi"
                return Speaker(namesake.name, phrase.text, namesake.entity_id, True, at, "surname")
            return self._entity_speaker(head, phrase, entity, at)
        surnamed = self._surname_given(head)
        if surnamed is not None:  # "One fan, a student surnamed Choi, said": Choi
            return Speaker(surnamed.name, phrase.text, surnamed.id, True, at, "name")
        kind_of = self._organisation_before_its_kind(head)
        if kind_of is not None:
            return Speaker(kind_of.name, phrase.text, kind_of.id, False, at, "name")
        # "Ms Kamau-Ndegwa": two words, though the tokenizer makes four of them
        is_name = len(phrase.text.split()) <= 3 and all(
            t.pos_ == "PROPN" or t.text[:1].isupper() or (t.text == "-" and not t.whitespace_) for t in phrase
        )
        bearer = self._titled_surname(phrase.text, at) if is_name else None
        if bearer is not None:  # "Supt Moriarty told reporters", the entities knowing no one by the two words
            return Speaker(bearer.name, phrase.text, bearer.id, True, at, "surname")
        titled_heard = self._titled_speaker_heard(phrase.text, at) if is_name else None
        if titled_heard is not None:  # … nor the one named in full before, whose words were heard
            return replace(titled_heard, mention=phrase.text, at=at, basis="surname", antecedent_at=None)
        expanded = self._fuller(phrase.text, at) if is_name else None
        if expanded is not None:
            basis: StatementBasis = "surname" if expanded.is_person else "name"
            return Speaker(expanded.name, phrase.text, expanded.entity_id, expanded.is_person, at, basis)
        named = (
            self._titled_before(head, at)
            or self._introduced_as(head, at)
            or self._named_before(phrase, at)
            or self._introduced_after(head, at)
        )
        if named is not None:
            return Speaker(named.name, phrase.text, named.entity_id, named.is_person, at, "description", named.at)
        spoken_for = self._spokesperson_for(head, phrase, at)
        if spoken_for is not None:
            return spoken_for
        again = self._speaker_again(head) or self._described_person(head, at)
        if again is not None:
            return Speaker(again.name, phrase.text, again.entity_id, again.is_person, at, "description", again.at)
        named_next = (
            self._named_next(head, at)
            or self._named_with_the_office_next(head, at)
            or self._organisation_named_next(head, at)
        )
        if named_next is not None:
            return Speaker(
                named_next.name,
                phrase.text,
                named_next.entity_id,
                named_next.is_person,
                at,
                "description",
                named_next.at,
            )
        author = self._author_of(head)
        if author is not None:
            return Speaker(author.name, phrase.text, author.entity_id, author.is_person, at, "document")
        subject = self._organisation_reported_on(head)
        if subject is not None:
            return Speaker(subject.text, phrase.text, None, False, at, "description", subject.start_char + self.offset)
        return self._as_written(head, phrase, at)

    def _before_respect(self, head: Token) -> Token | None:
        """The name's last word when ``head`` is a word of respect written after a name as a word of its own ("ji",
        "Sahib", `honorifics_after_names`), as the entities' names leave it off."""
        if head.lower_ not in self.lexicon.honorifics_after_names or head.i == 0:
            return None
        name = self.doc[head.i - 1]
        if not name.whitespace_ or name.pos_ != "PROPN" or not name.is_title:
            return None
        if name.i > 0 and self.doc[name.i - 1].is_title and self.doc[name.i - 1].pos_ == "PROPN":
            return None  # "Ambagahawatte Sumanasara Thera": a longer name, which the phrase gives whole
        return name

    def _organisation_reported_on(self, head: Token) -> Span | None:
        """ "Logistics start-up Parcelwise has raised US$48 million …, the company announced": an organisation
        described by its kind after what it said, which nothing before names, is the name that what it said is about,
        its subject (a proper noun the tagger called nothing: one-word company names often go untagged)."""
        if head.lemma_.lower() not in self.lexicon.organisation_stand_ins or head.dep_ != "nsubj":
            return None
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            return None
        content = next((c for c in head.head.children if c.dep_ == "ccomp" and c.i < head.i), None)
        dateline_end = self._dateline_end(head)
        subjects = [c for c in content.children if c.dep_ == "nsubj"] if content is not None else []
        subject = next((c for c in subjects if c.idx >= dateline_end), None)
        if subject is None or subject.pos_ != "PROPN" or subject.ent_type_ in NAME_LABELS | {"GPE", "LOC", "NORP"}:
            return None
        if subject.tag_ == "NNPS" or given_name_gender(subject.text) is not None:
            return None
        start = subject.i
        while (
            start > 0 and self.doc[start - 1].pos_ == "PROPN" and self.doc[start - 1].idx >= self._dateline_end(subject)
        ):
            start -= 1
        return self.doc[start : subject.i + 1]

    def _entity_speaker(self, head: Token, phrase: Span, entity: Entity, at: int) -> Speaker:
        """The entity whose mention is at the cue: named there, by surname, or by a description the entities
        resolved ("the ministry" after "the Interior Ministry")."""
        titled = self._titled_surname(entity.name, at)
        if titled is not None:  # "Justice Venkatraman noted", "DPP Goh said", whatever the tagger typed them as
            return Speaker(titled.name, phrase.text, titled.id, True, at, "surname")
        titled_heard = self._titled_speaker_heard(entity.name, at) if entity.type != "Person" else None
        if titled_heard is not None:
            return replace(titled_heard, mention=phrase.text, at=at, basis="surname", antecedent_at=None)
        fuller = self._fuller(entity.name, at)
        if fuller is not None and not self._titled_otherwise(phrase, fuller.name):
            basis: StatementBasis = "surname" if fuller.is_person else "name"
            return Speaker(fuller.name, phrase.text, fuller.entity_id, fuller.is_person, at, basis)
        name = fuller_organisation(head, entity) if entity.type == "Organization" else entity.name
        titled_name = (
            titled_person(name, self.lexicon) or described_person(phrase, self.lexicon)
            if entity.type != "Person"
            else None
        )
        if titled_name is not None:  # "Neighbour Gurpreet Dhillon", "Harris County Sheriff Ana Villareal"
            return Speaker(titled_name, phrase.text, None, True, at)
        if entity.type == "Person":
            name = self._after_titles(name)  # "SP Adewale Ojo" as tagged
            in_full = self._named_in_full_before(name, at, entity.name) if name != entity.name else None
            if in_full is not None:  # "Father Giorgi" after "Father Giorgi Tsiklauri"
                return Speaker(in_full.name, phrase.text, in_full.entity_id, True, at, "surname")
            if name != entity.name and self._in_a_longer_name(name):
                name = entity.name  # a longer name holds it that the titled one cannot be tied to: as written
        if head.pos_ != "PROPN" and head.ent_type_ not in NAME_LABELS:
            earlier = [start for start, end in entity.mentions if end <= at]
            return Speaker(
                name, phrase.text, entity.id, entity.type == "Person", at, "description", max(earlier, default=None)
            )
        if entity.type == "Person" and not set(entity.name.lower().split()) <= set(phrase.text.lower().split()):
            basis = "surname"  # "Petrovski said" of the Andrej Petrovski the entities know
        else:
            basis = "name"
        return Speaker(name, phrase.text, entity.id, entity.type == "Person", at, basis)

    def _as_written(self, head: Token, phrase: Span, at: int) -> Speaker:
        """A speaker no earlier mention explains: a name the entities missed, else an unnamed group or document."""
        words = self.lexicon
        is_person = head.ent_type_ == "PERSON"
        named = head.ent_type_ in NAME_LABELS
        while len(phrase) > 1 and phrase[0].i < head.i and phrase[0].idx < self._dateline_end(phrase[0]):
            phrase = phrase[1:]  # "Mysore, Jan 12 (PTI) Farmers' groups": the dateline's words are no one's name
        name = self._expand_surname(phrase) if named else group_name(phrase, self.lexicon)
        titled_name = titled_person(name, self.lexicon) if head.pos_ == "PROPN" else None
        if titled_name is None:
            titled_name = described_person(phrase, self.lexicon)
        if is_person or (titled_name is not None and head.ent_type_ not in {"NORP", "FAC", "LOC"}):
            basis: StatementBasis = "surname" if named and name != phrase.text else "name"
            # "Mayor Brian Lafleur" tagged otherwise
            written, name = name, titled_name or self._after_titles(name)
            in_full = self._named_in_full_before(name, at, written) if name != written else None
            if in_full is not None:  # "Doña Hortensia" after "Hortensia Vela"
                return Speaker(in_full.name, phrase.text, in_full.entity_id, True, at, "surname")
            if name != written and self._in_a_longer_name(name):
                name = written
            return Speaker(name, phrase.text, None, True, at, basis)
        if named or head.pos_ == "PROPN":
            basis = "name"
        elif head.lemma_.lower() in words.speaking_documents:
            basis = "document"  # "the complaint said", nothing saying whose
        elif head.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            basis = "description"  # "the security firm said": someone in particular, whom nothing before names
        else:
            basis = "group"  # "officials said", "a spokesperson said", "one tenant said"
        return Speaker(name, phrase.text, None, is_person, at, basis)

    def _author_of(self, head: Token) -> Speaker | None:
        """ "the email said" after "Health Canada said in an email", "the statement read" after "the hospital issued a
        statement", "The report noted" after "BIRN reported" or "a report by BIRN", "The lawsuit alleges" after "a
        lawsuit filed by Margaret Doyle": the document speaks for whoever sent or filed it."""
        noun = head.lemma_.lower()
        words = self.lexicon
        if noun not in words.speaking_documents or not any(
            c.dep_ == "det" and c.lower_ == "the" for c in head.children
        ):
            return None
        for token in reversed(head.doc[max(0, head.i - 200) : head.i]):
            if token.lemma_.lower() != noun:
                continue
            said_in = token.head.head if token.dep_ == "pobj" else None
            if said_in is not None and said_in.i != head.head.i and is_cue_verb(said_in, self.lexicon):
                subject = subject_of(said_in, self.lexicon)
                if subject is not None and subject.i != head.i:
                    # "In a statement signed by its chairman, Mr X, the union said …" … "The statement said": the
                    # union's, which said it, not the signatory's
                    return self.resolve(subject)
            source = carried_source(token, self.lexicon)
            if source.i != token.i:  # "a report by the X Trust" … "The report states": the Trust
                return self.resolve(source)
            if token.pos_ == "VERB" and is_cue_verb(token, self.lexicon):  # "BIRN reported …" … "The report noted"
                subject = subject_of(token, self.lexicon)
                return self.resolve(subject) if subject is not None else None
            if token.dep_ not in {"pobj", "dobj"}:
                continue
            verb = (
                token.head.head if token.dep_ == "pobj" else token.head
            )  # "said in a statement", "issued a statement"
            if (
                (token.dep_ == "pobj" and not is_cue_verb(verb, self.lexicon))
                or verb.pos_ != "VERB"
                or verb.i == head.head.i
            ):
                continue
            subject = subject_of(verb, self.lexicon)
            return self.resolve(subject) if subject is not None and subject.i != head.i else None
        return None

    def _trailing_person(self, head: Token) -> Speaker | None:
        """A description ending in a person's name ("Executive director of CAIR Alia Salem") → that person,
        when the entities know the name as a person even though the parser tagged it otherwise."""
        # the phrase ends at its first comma: what follows ("Chen Wen-chi, who met the protesters,") describes the
        # name, and the parser may hang the whole of it, name and clause, on the office's "of"
        comma = next((t for t in head.subtree if t.i > head.i and t.text == ","), None)
        last = head.right_edge if comma is None else head.doc[comma.i - 1]
        if last.text == ")" and comma is not None:  # "Chen Wen-chi (陳文琪), who …": the name as written in its script
            opening = next((t for t in reversed(head.doc[head.i : last.i]) if t.text == "("), None)
            last = head.doc[opening.i - 1] if opening is not None and opening.i > head.i else last
        if head.pos_ not in {"NOUN", "PROPN"} or last.i <= head.i or last.pos_ != "PROPN":
            return None
        if not same_paragraph(head, last):
            return None
        if any(c.dep_ == "conj" for c in head.children):
            return None  # "Alistair and Morag Mackay said": the first of those who speak is the speaker
        at = last.idx + self.offset
        entity = self._entity_at(at, at + len(last.text))
        if entity is None or entity.type != "Person" or (head.idx + self.offset) in range(at - 1, at + len(last)):
            return None
        start = max((s for s, e in entity.mentions if s <= at < e), default=at)
        opening = self._token_at(start, start + 1)
        if opening is not None and opening.i > 0 and self.doc[opening.i - 1].lower_ in self.lexicon.honorifics:
            opening = self.doc[opening.i - 1]  # "Farmers in Datu Odin Sinsuat": a town named after a chief
        if opening is not None and opening.i > 0 and self.doc[opening.i - 1].pos_ in {"ADP", "CCONJ", "PUNCT"}:
            return None  # "Farmers in St Elizabeth": a name after "in" is where they are (a place the model tags)
        mention = self.doc[head.left_edge.i : last.i + 1].text
        return Speaker(entity.name, mention, entity.id, True, head.idx + self.offset)  # named at the cue

    def _person_set_off_after(self, head: Token) -> Speaker | None:
        """ "According to the market's caretaker, Pema Dorji, stalls will …": a person's name set off by commas right
        after a singular noun is that noun's apposition, however the parser hung it (here on the main verb)."""
        doc, words = head.doc, self.lexicon
        noun = head.lemma_.lower()
        if head.pos_ != "NOUN" or head.tag_ == "NNS" or noun in words.speaking_documents | words.source_carrier_nouns:
            return None
        if head.i + 2 >= len(doc) or doc[head.i + 1].text != "," or any(c.i > head.i for c in head.children):
            return None
        at = doc[head.i + 2].idx + self.offset
        entity = self._entity_at(at, at + len(doc[head.i + 2].text))
        if entity is None or entity.type != "Person":
            return None
        end = max((e for s, e, _ in self._entity_spans if s == at), default=at)
        closing = self._token_at(end, end + 1)
        if closing is None or closing.text != "," or not same_paragraph(head, closing):
            return None
        return Speaker(entity.name, doc[head.i + 2 : closing.i].text, entity.id, True, at)  # named at the cue

    def _person_after_initials(self, head: Token) -> Speaker | None:
        """ "according to Superintendent of Police (SP) Ram Kumar Thapa Magar", "Maj Gen (Retd) AKM Nazmul Haque":
        South Asian papers write an office's initials, or a rank's "(Retd)", in brackets between the office and the
        holder's name, where the parser loses the name (a second subject, another sentence); a person named right
        after an office title and its bracket is the holder."""
        if head.lower_ not in self.lexicon.office_nouns | self.lexicon.entity_title_words:
            return None
        start = head.idx + len(head.text)
        found = _AFTER_OFFICE_INITIALS.match(self.doc.text, start)
        if found is None:
            return None
        person = self._person_named_at(found.end() + self.offset)
        if person is None:
            return None
        entity, end = person
        mention = self.doc.text[head.left_edge.idx : end - self.offset]
        return Speaker(entity.name, mention, entity.id, True, head.idx + self.offset)  # named at the cue

    def _person_after_organisation_s_office(self, head: Token) -> Speaker | None:
        """ "Ministry of Water and Irrigation Spokesman, Omar Salameh, told": the tagger takes the office into the
        organisation's name, and the person set off by commas right after it holds the office."""
        at = head.idx + self.offset
        found = next(((s, e, x) for s, e, x in self._entity_spans if s <= at < e and x.type == "Organization"), None)
        if found is None:
            return None
        start, end, _ = found
        last = self.doc.text[start - self.offset : end - self.offset].split()[-1]
        if (
            last.lower() not in self.lexicon.office_nouns
            or self.doc.text[end - self.offset : end - self.offset + 2] != ", "
        ):
            return None
        person = self._person_named_at(end + 2)
        if person is None or self.doc.text[person[1] - self.offset : person[1] - self.offset + 1] != ",":
            return None
        entity, named_end = person
        mention = self.doc.text[start - self.offset : named_end - self.offset]
        return Speaker(entity.name, mention, entity.id, True, head.idx + self.offset)  # named at the cue

    def _person_named_at(self, at: int) -> tuple[Entity, int] | None:
        """The person whose mention starts at ``at`` (an article offset), and where the longest such mention ends."""
        entity = next((e for s, _, e in self._entity_spans if s == at and e.type == "Person"), None)
        return None if entity is None else (entity, max(e for s, e, _ in self._entity_spans if s == at))

    def spoken_of(self, speaker: Speaker, start: int, end: int) -> bool:
        """ "Finlay hurt the hamstring … "We'll manage without him," he said": a pronoun that passed over the last
        speaker for a person named since is taken back when the quote speaks of someone of that person's gender in
        the third person (no one calls themselves "him") and the sentence naming that person reports no speech. A
        relative named by kinship to the one heard ("Her mother shrugs. "She is right," she says") is not taken back:
        the text turned to them to hear them."""
        last = self.last
        since = speaker.antecedent_at
        if speaker.basis != "pronoun" or last is None or not last.is_person or last.name == speaker.name:
            return False
        if since is None or since <= last.at or not speaker.is_person:
            return False
        gender = self._genders.get(speaker.name)
        if gender is None or self._genders.get(last.name) != gender:
            return False
        if not self._third_person_unreferred(start, end, gender):
            return False
        named = self._token_at(since, since + 1)
        if self._relative_at(since) is not None:
            return False
        return named is not None and not any(is_cue_verb(t, self.lexicon) for t in named.sent)

    def _third_person_unreferred(self, start: int, end: int, gender: str) -> bool:
        """Whether the statement at article offsets ``start``–``end`` speaks of someone of ``gender`` in the third
        person whom it has not itself named before: "We'll manage without him" does; "My father is a farmer … what
        he earns" and "Riley's got a headache and he's sitting in the sheds" speak of the father and of Riley,
        someone the quote brings in, which tells nothing of who says it. A referent is a noun of that gender or a
        proper noun that is no place, time or given name of the other gender (the tagger calls a name at a
        sentence's start an organisation as often as not)."""
        lexicon = self.lexicon
        nouns = lexicon.male_nouns if gender == "m" else lexicon.female_nouns
        span = self.doc.char_span(start - self.offset, end - self.offset, alignment_mode="expand")
        for token in span if span is not None else ():
            if token.lower_ in nouns:
                return False
            if (
                token.pos_ == "PROPN"
                and token.ent_type_ not in _PLACE_OR_TIME
                and (given_name_gender(token.text) or gender) in {gender, ""}
            ):
                return False
            if lexicon.person_pronouns.get(token.lower_) == gender:
                return True
        return False

    def kin_within(self, speaker: Speaker, start: int, end: int) -> bool:
        """Whether the statement at article offsets ``start``–``end`` itself calls ``speaker`` by kinship ("Her
        mother, she says, fed half the market on credit"): a pronoun's speaker is not the relative the same words
        speak of. Not a sister or a spouse, whom "her sister" may name either way round."""
        if speaker.basis != "pronoun":
            return False
        for at, (mention, _) in self._kin_mentions.items():
            noun = self._token_at(at, at + 1) if start <= at < end and mention.name == speaker.name else None
            if noun is not None and self._kind(noun) not in {None, "sibling", "spouse"}:
                return True
        return False

    def nicknames_of(self, speaker: Speaker) -> list[str]:
        """The one-word aliases of ``speaker``'s entity that are no word of its name: nicknames ("Bravo" of Brian
        Mwangi, "who goes by Bravo")."""
        entity = next((p for p in self._people if p.id == speaker.entity_id), None)
        if entity is None:
            return []
        words = set(entity.name.split())
        return [a for a in entity.aliases if " " not in a and a not in words and a[:1].isupper()]

    def remember(self, speaker: Speaker | None, said: tuple[int, int] = (0, 0)) -> None:
        """``speaker`` spoke last, saying the text at article offsets ``said``."""
        if speaker is not None:
            self.last = speaker
            self._heard.append(speaker)
            self._last_said = said

    def _speaker_again(self, head: Token) -> Speaker | None:
        """ "the spokesperson said" after "A spokesperson for the ministry said": the same speaker again."""
        if head.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            return None
        noun = head.lower_
        for speaker in reversed(self._heard):
            if noun in speaker.mention.lower().split():
                return speaker
        return None

    def _described_person(self, head: Token, at: int) -> Speaker | NamedMention | None:
        """ "the 61-year-old added", "the Sudbury native said": a definite description of a person stands for
        the person last heard or named, as "he" or "she" would (its gender from the noun, if it has one)."""
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children) or head.tag_ in {"NNS", "NNPS"}:
            return None
        party_member = head.lower_ in self.lexicon.party_member_nouns  # "the Montana Republican told CNN"
        acronym_office = head.text.isupper() and head.lower_ in self.lexicon.office_nouns  # "the two-term MLA"
        if (head.pos_ == "PROPN" or head.ent_type_ in NAME_LABELS) and not (party_member or acronym_office):
            # "The Health Service Executive said": a name, not a description, unless a title written beside a name
            return self._given_the_title(head, at)
        if any(
            c.dep_ in {"prep", "relcl", "acl", "appos"} and c.i > head.i and not _hometown(c) and not _aside(c)
            for c in head.children
        ):
            return None  # "the owner of the building", "the man who called": someone new, described
        noun = head.lemma_.lower()
        modified = any(c.dep_ in {"amod", "compound", "nmod", "nummod"} and c.i < head.i for c in head.children)
        aged = is_age(head, self.lexicon) or any(is_age(c, self.lexicon) for c in head.children)
        described = aged or party_member or noun in self.lexicon.description_nouns
        gender = "f" if noun in self.lexicon.female_nouns else "m" if noun in self.lexicon.male_nouns else None
        if not (described or (noun in self.lexicon.office_nouns and modified)):
            if noun in self.lexicon.organisation_stand_ins or noun not in self.lexicon.person_nouns:
                return None  # "The board said": an organisation, which `_organisation_named_before` reads
            return self._given_the_noun(noun, at, gender)
        return self._antecedent(at, True, gender)

    def _given_the_title(self, head: Token, at: int) -> NamedMention | None:
        """ "the Iyaloja said", "the Okal said": a capitalised word no list knows, which the article wrote as a title
        before a person's name or set in apposition with it ("Okal Houmed Mohamed Ali", "Moshood Akanbi, the Eesa of
        Ilu-Aje,"), stands for that person as a known title would; never a word of a named organisation or place
        ("the Guardian said")."""
        if len(head.text) < 3 or not head.text[:1].isupper() or not any(c.lower_ == "the" for c in head.lefts):
            return None
        return self._given_the_noun(head.lower_, at, None, as_title=True)

    def _given_the_noun(self, noun: str, at: int, gender: str | None, as_title: bool = False) -> NamedMention | None:
        """ "Togbe Kwasi Adzaho V, a chief in the Ho Traditional Area, said … The chief said …": "the" and a noun the
        article set beside a person's name, in apposition or as a title before it ("Driver Kassahun Yared"), stand for
        that person (the last so described), as news English names someone again by the word it introduced them
        with."""
        found: NamedMention | None = None
        for token in self.doc:
            if token.idx + self.offset >= at:
                break
            if at - (token.idx + self.offset) > SPEAKER_MEMORY * 2:
                continue  # as far back as a pronoun's antecedent is looked for
            if token.pos_ not in {"NOUN", "PROPN"} or token.lower_ != noun or token.tag_ in {"NNS", "NNPS"}:
                continue
            if as_title and token.ent_type_ and token.ent_type_ != "PERSON":
                continue  # "Times columnist Maureen Dowd": an organisation's name before hers, no title of hers
            names = [c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
            if token.dep_ in {"appos", "compound"} and token.head.pos_ == "PROPN":
                names.append(
                    token.head
                )  # "Togbe Kwasi Adzaho V, a chief", or the title before: "Driver Kassahun Yared"
            for name in names:
                start = self.doc[name.left_edge.i].idx + self.offset
                end = name.idx + len(name.text) + self.offset
                people = [m for m in self._mentions if m.is_person and start <= m.at < end]
                if people and (gender is None or self._genders.get(people[-1].name, gender) == gender):
                    found = people[-1]
        return found

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

    def _fuller(self, name: str, at: int, surname_first: bool = False) -> NamedMention | None:
        """A one-word name read as the longer name it stands for: "Paris" → "Valeska Paris", "Church" →
        "Church of Scientology" (the person or organisation named in full earlier); after an honorific, also a
        name written family name first ("Madam Lim" → "Lim Swee Hoon"), and a form of address kept before one name the
        one it was written before in full ("Nana Serwaa" → "Akosua Serwaa Mensah")."""
        words = name.split()
        if len(words) >= 2 and words[0].lower().rstrip(".") in self.lexicon.honorifics:
            namesake = self._namesake_of_gender(words, at)
            if namesake is not None:
                return namesake
            # "Madam Lim": a surname, maybe written first; "Mr Ó Súilleabháin": a family name of two words
            return self._fuller(" ".join(words[1:]), at, surname_first=len(words) == 2)
        if len(words) == 2 and fold(words[0]) in self.lexicon.honorifics_before_two_names:
            # "Nana Serwaa" after "Nana Akosua Serwaa Mensah": a form of address kept only before one name
            text = doc_text(self.doc)
            titled = {e.name: e for e in self._people if words[1] in e.name.split() and f"{words[0]} {e.name}" in text}
            if len(titled) == 1:
                (addressed,) = titled.values()
                return NamedMention(at, addressed.name, addressed.id, True, True)
        if len(words) != 1:
            # "López Obrador"; "dela Cruz" of "Ernesto dela Cruz Jr." too, a generation no part of the family name
            generations = self.lexicon.generational_suffixes
            longer = [e for e in self._people if without_generation(e.name, generations).endswith(" " + name)]
            same = [e for e in self._people if e.name == name]
            if len(same) == 1 and longer and all(_first_named(same[0]) < _first_named(e) for e in longer):
                # "Haj Mahmoud Abdel-Ghani, 67, … His son, Karim Mahmoud Abdel-Ghani": named in full before the longer
                # name that holds his, he is himself ("Ní Riada" after "Siobhán Ní Riada" is her)
                return NamedMention(at, same[0].name, same[0].id, True, True)
            return NamedMention(at, longer[0].name, longer[0].id, True, True) if len(longer) == 1 else None
        person = self._bearer_of(name, at)
        if person is not None:
            return NamedMention(at, person.name, person.id, True, True)
        if surname_first:  # "Madam Lim" after "Madam Lim Swee Hoon": the family name written first
            first = [e for e in self._people if e.name.split()[0] == name and len(e.name.split()) > 1]
            if len(first) == 1:
                return NamedMention(at, first[0].name, first[0].id, True, True)
        heard_in_full = self._heard_by_family_name(name, at)  # "Hughes said" after "said Fire Chief Darnell Hughes"
        if heard_in_full is not None:
            return NamedMention(at, heard_in_full.name, heard_in_full.entity_id, True, True)
        for heard in reversed(self._heard):  # "Einar said" after "Einar Þór Sigurðsson … said": a given name
            if heard.at < at and len(heard.name.split()) > 1 and name in heard.name.split() and self._personal(heard):
                return NamedMention(at, heard.name, heard.entity_id, True, True)
        for ent in self._doc_ents:
            if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].text == name and ent.start_char + self.offset < at:
                if self._only_titled(ent.text.split()):
                    continue  # "Mrs Hobbs" as the model tagged it: no more of her name than "Hobbs"
                return NamedMention(at, ent.text, None, True, True)
        given = self._given_name_before(name, at)
        if given is not None:
            return NamedMention(at, given, None, True, True)
        for mention in reversed(self._mentions):
            if mention.at < at and mention.is_person and mention.name.endswith(" " + name):
                if self._only_titled(mention.name.split()):
                    continue
                return mention  # "Okafor" after "Amara Okafor", whom the tagger did not call a person
        # "Blessing said" after "The salon belongs to Blessing Moyo": a given name alone is the one person named before
        # with it, when only one was
        bearers = [m for m in self._mentions if m.at < at and m.is_person and m.name.split()[0] == name]
        if len({m.name for m in bearers}) == 1 and len(bearers[-1].name.split()) > 1:
            return bearers[-1]
        word = name.lower()
        for mention in reversed(self._mentions):
            words = mention.name.lower().split()
            if mention.at < at and not mention.is_person and len(words) > 1 and word in words:
                return mention
        return None

    def _with_title_before(self, phrase: Span) -> list[str]:
        """The words of ``phrase``, with the gendered title the phrase leaves out right before it ("Mr" of "Mr
        Mensah said")."""
        words = phrase.text.split()
        before = phrase.doc[phrase.start - 1] if phrase.start > 0 else None
        titles = self.lexicon.title_genders
        if before is not None and (before.lower_ in titles or before.lower_.rstrip(".") in titles):
            return [before.text, *words]
        return words

    def _titled_otherwise(self, phrase: Span, name: str) -> bool:
        """Whether the gendered title before a bare family name ("Mrs" of "Mrs Sawyer") is not of the gender of the
        given name of ``name`` ("Leonard Sawyer"), both known, while the text writes the family name after a title
        of the other gender too ("Mr Sawyer"): a given name's gender is a guess, two titles are not."""
        words = self._with_title_before(phrase)
        title = self.lexicon.title_genders.get(words[0].lower().rstrip(".")) if len(words) == 2 else None
        given = given_name_gender(name.split()[0])
        if title is None or given is None or title == given:
            return False
        return titled_as_both(doc_text(self.doc), words[1], self.lexicon.title_genders)

    def _namesake_of_gender(self, words: list[str], at: int) -> NamedMention | None:
        """ "Ms Juma" after "Mr Hamisi Juma" and "Ms Mwanaisha Juma": of the people named before whose names hold the
        surname, the one who may be of the honorific's gender (it or not known), when only one may."""
        gender = self.lexicon.title_genders.get(words[0].lower()) or self.lexicon.title_genders.get(
            words[0].lower().rstrip(".")
        )
        if gender is None or len(words) != 2:
            return None
        named = {m.name: m for m in self._mentions if m.is_person and m.at < at and words[1] in m.name.split()}
        if len(named) < 2:
            return None
        fitting = [m for name, m in named.items() if self._genders.get(name) in {gender, None}]
        if len(fitting) != 1:
            return None
        return NamedMention(at, fitting[0].name, fitting[0].entity_id, True, True)

    def _personal(self, heard: Speaker) -> bool:
        """A speaker who is a person, or a name of capitalised words the tagger did not call anything and that ends
        in no organisation's word ("Einar Þór Sigurðsson", untagged)."""
        words = heard.name.split()
        untagged_name = heard.basis == "name" and heard.entity_id is None and all(w[:1].isupper() for w in words)
        return heard.is_person or (untagged_name and words[-1].lower() not in self.lexicon.organisation_name_ends)

    def _named_in_full_before(self, name: str, at: int, titled: str) -> NamedMention | None:
        """The one person named before ``at`` by a longer name that holds ``name``, a single word left of the
        name ``titled`` after its titles ("Giorgi" of "Father Giorgi" after "Giorgi Tsiklauri"); of several, the
        one the text names in full after the same titles ("Father Giorgi Tsiklauri" beside "Giorgi Beridze");
        None if none or still several."""
        if " " in name or not titled.endswith(" " + name):
            return None
        bearers = {m.name: m for m in self._longer_names_holding(name) if m.at < at}
        if len(bearers) > 1:
            titles, text = titled[: -len(name)], doc_text(self.doc)
            bearers = {full: m for full, m in bearers.items() if titles + full in text}
        return next(iter(bearers.values())) if len(bearers) == 1 else None

    def _after_titles(self, name: str) -> str:
        """A person's name without the titles the tagger took into it (`without_titles`), down to one word when all
        the others are titles or forms of address ("Sayadaw U Kovida" → "Kovida"), as the guide's canonical names
        write "Mr. Rossi" → "Rossi"."""
        words = name.split()
        if len(words) > 1 and self._only_titled(words) and words[-1][:1].isupper():
            return words[-1]
        return without_titles(name, self.lexicon)

    def _longer_names_holding(self, name: str) -> list[NamedMention]:
        """The mentions of people named by more than one word, titles alone not counted, that hold the word ``name``."""
        return [
            m
            for m in self._mentions
            if m.is_person and len(words := m.name.split()) > 1 and name in words and not self._only_titled(words)
        ]

    def _in_a_longer_name(self, name: str) -> bool:
        """Whether a person's name of more than one word, anywhere in the article, holds the one word ``name``, or
        the text writes it before another capitalised word that is no sentence opener, whatever the tagger made of
        them ("Spyridon Kalamaris" beside "Father Spyridon")."""
        if " " in name:
            return False
        if self._longer_names_holding(name):
            return True
        followed = re.finditer(rf"(?<![\w-]){re.escape(name)} ([A-Z][\w'’-]+)", doc_text(self.doc))
        return any(f.group(1).lower() not in self.lexicon.no_name_words for f in followed)

    def _only_titled(self, words: list[str]) -> bool:
        """Whether a name's words before its last are all titles or forms of address ("Mrs Hobbs", "Cikgu Zainab"):
        no fuller name than the last word, which the guide's canonical names write alone ("Mr. Rossi" → "Rossi")."""
        return all(w.lower().rstrip(".") in self.lexicon.words_before_names for w in words[:-1])

    def _given_name_before(self, name: str, at: int) -> str | None:
        """ "Valeska Paris, an Australian woman, …" earlier makes a later "Paris" Valeska Paris."""
        doc = self.doc
        for token in doc:
            if token.idx + self.offset > at:
                break
            if token.text != name or token.i == 0:
                continue
            given = doc[token.i - 1]
            if given.pos_ == "PROPN" and given.text.istitle() and given_name_gender(given.text) is not None:
                return f"{given.text} {name}"
        return None

    def _titled_by_initials(self, head: Token, at: int) -> NamedMention | None:
        """ "the CFO said" after "Chief Financial Officer Meenakshi Iyer" or "Jane Doe, the company's chief executive
        officer,": an office written as its initials is the person last introduced with the title they stand for
        (its last word may be left out of them: "Chief Executive" is the CEO), or with those initials as a title of
        their own (`_written_beside`: "the DSP said" after "DSP S. Prakash")."""
        acronym = head.text
        if not (2 <= len(acronym) <= 4 and acronym.isalpha() and acronym.isupper()):
            return None
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            return None
        for mention in reversed(self._mentions):
            if mention.at >= at or not mention.is_person:
                continue
            first = self._token_at(mention.at, mention.at + 1)
            if first is None:
                continue
            officer = {acronym[:-1]} if acronym.endswith("O") and len(acronym) > 2 else set()  # "officer" left out
            if any(_initials(words) in {acronym} | officer for words in _titles_around(first)):
                return mention
            if self._written_beside_mention(acronym, first):
                return mention
        for heard in reversed(self._heard):  # "DSP S. Prakash said", a name the tagger missed or called otherwise
            if not heard.is_person or heard.at >= at:
                continue
            first = self._token_at(heard.at, heard.at + 1)
            if heard.mention.startswith(f"{acronym} ") or (
                first is not None and self._written_beside_mention(acronym, first)
            ):
                return NamedMention(heard.at, heard.name, heard.entity_id, True, False)
        return None

    def _written_beside_mention(self, acronym: str, first: Token) -> bool:
        last = first
        while last.i + 1 < len(self.doc) and (self.doc[last.i + 1].pos_ == "PROPN" or self.doc[last.i + 1].is_title):
            last = self.doc[last.i + 1]  # the name as written, whatever the entity's name
        return _written_beside(acronym, first, last, self.lexicon.office_nouns)

    def _titled_before(self, head: Token, at: int) -> NamedMention | None:
        """ "the premier said" → the person introduced as "Premier Doug Ford" or "Doug Ford, the premier"; failing
        that, the one person the text gives that title anywhere ("The mayor says …" before "Mayor Olivia Chow")."""
        capitalised_title = head.pos_ == "PROPN" and head.lower_ in self.lexicon.office_nouns  # "The NSW Premier"
        if head.tag_ in {"NNS", "NNPS"}:
            return None  # "the researchers said" after "lead author Dr. Maya Lindholm, a geologist": more than her
        if (head.pos_ != "NOUN" and not capitalised_title) or not any(
            c.dep_ == "det" and c.lower_ == "the" for c in head.children
        ):
            return None
        title = head.lemma_.lower()
        qualifiers = {
            c.lower_ for c in head.children if c.dep_ in {"compound", "amod", "nmod"} and c.i < head.i and c.is_alpha
        }
        if qualifiers and not any(
            self._holds_title(m, title, qualifiers) for m in self._mentions if m.is_person and m.at >= self.offset
        ):
            qualifiers = set()  # "the veteran minister": no one was introduced that way, the title alone decides
        for mention in reversed(self._mentions):
            if mention.at >= at or not mention.is_person:
                continue
            if at - mention.at > SPEAKER_MEMORY * 2 or mention.at < self.offset:
                break
            if self._holds_title(mention, title, qualifiers):
                return mention
        return self._only_holder(title, at, qualifiers)

    def _holds_title(
        self, mention: NamedMention, title: str, qualifiers: set[str] | frozenset[str] = frozenset()
    ) -> bool:
        """Whether the person of ``mention`` was introduced with ``title`` and every word that qualifies it: "the
        finance minister" is "Finance Minister Thandeka Mokoena", not "Health Minister Sipho Ndlovu" beside her; "the
        Maine senator" is "Sen. Carla Bettencourt of Maine"."""
        name = self._token_at(mention.at, mention.at + 1)
        if name is None:
            return False
        titles = titles_of(name, self.lexicon)
        if title not in titles and titles.isdisjoint(self.lexicon.office_synonyms.get(title, ())):
            return False  # "the judge" is "Justice Carolyn Thompson-Reid" too
        return not qualifiers or qualifiers <= titles | introduced_with(name)

    def _named_next(self, head: Token, at: int) -> NamedMention | None:
        """ "…, the managing director of the water company said. / Speaking to IRNA, Hossein Rezaei-Nejad said …",
        "…, its chief executive said … / Rudy Hartanto told reporters …": a wire lead describes the speaker and names
        them in the next sentence, as the subject of a cue and with no title of their own but the lead's office ("A
        police corporal told the court … / Corporal Delroy McFarlane, who …, testified"); nobody named before. After
        "A former finance director testified …" the name must come with a relative clause ("Dana Whitcombe, who
        ran the books, told the jury"), the delayed identification of news leads."""
        new = any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in head.children)
        if head.pos_ != "NOUN" or head.lemma_.lower() not in self.lexicon.person_nouns:
            return None
        next_sentence = _next_sentence(head) if _definite(head) or new else None
        if next_sentence is None:
            return None
        opens = next_sentence[0].idx + self.offset
        for mention in self._mentions:
            if mention.at < opens or not mention.is_person:
                continue  # people the lead's own words name ("… opened fire on Javaughn Reid") are not its speaker
            name = self._token_at(mention.at, mention.at + len(mention.name))  # the name's head word
            if name is None or not mention.is_subject or not self._opens_next(name, next_sentence):
                return None  # the first person after the cue is not the next sentence's subject
            named_before = any(m.name == mention.name and m.at < at for m in self._mentions)
            cue = name.head if name.dep_ in {"nsubj", "nsubjpass"} else name.head.head
            own_titles = titles_of(name, self.lexicon) - self.lexicon.honorific_titles  # "Dr" is nobody's office
            # "Corporal X" after "A police corporal"; "Lead author X" is one of "the authors", not all of them
            other_office = own_titles and (head.tag_ == "NNS" or head.lemma_.lower() not in own_titles)
            if named_before or other_office or not is_cue_verb(cue, self.lexicon):
                return None
            if new and not any(c.dep_ == "relcl" for c in name.children):
                return None  # "A witness said … Jane Doe said …" may be two people; "Dana Whitcombe, who ran …" is not
            return mention
        return None

    def _named_with_the_office_next(self, head: Token, at: int) -> NamedMention | None:
        """ "…, its rector said on Monday. / The rector, Prof. Taras Hnatyuk, told reporters …", "…, the school's
        director said. / The director, Tatjana Kuzņecova, said …": a lead gives the speaker's office, and the next
        sentence opens with the same office and the name in apposition to it; nobody of that office named before."""
        if head.pos_ != "NOUN" or head.lemma_.lower() not in self.lexicon.person_nouns or not _definite(head):
            return None
        next_sentence = _next_sentence(head)
        subject = None if next_sentence is None else _main_subject(next_sentence)
        if subject is None or subject.lemma_.lower() != head.lemma_.lower():
            return None
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in subject.children):
            return None
        name = next((c for c in subject.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if name is None:
            return None
        start = name.left_edge.idx + self.offset
        # the name is a person's whatever the tagger called it: it is in apposition to an office
        named = next((m for m in self._mentions if start <= m.at <= name.idx + self.offset + len(name)), None)
        if named is None or any(m.name == named.name and m.at < at for m in self._mentions):
            return None
        return replace(named, is_person=True)

    def _organisation_named_next(self, head: Token, at: int) -> NamedMention | None:
        """ "… will cut a third of its routes, a bus company said. / Sato Kanko Bus Co., founded in 1951, …", "…, the
        service operator announced. / The managing director of Kasi Mpya Transit Ltd said …": a lead describes the
        organisation that speaks by its kind and names it in the next sentence, inside that sentence's subject; no
        organisation is named before the cue."""
        if head.pos_ != "NOUN" or head.lemma_.lower() not in self.lexicon.organisation_stand_ins:
            return None
        if not any(c.dep_ == "det" for c in head.children):
            return None  # "their union", "its parent company": someone's, not one the lead will name
        if any(m.at < at and not m.is_person and m.entity_id is not None for m in self._mentions):
            return None  # "the company" may be one named before
        next_sentence = _next_sentence(head)
        subject = None if next_sentence is None else _main_subject(next_sentence)
        if subject is None:
            return None
        start, end = subject.left_edge.idx + self.offset, subject.right_edge.idx + len(subject.right_edge) + self.offset
        found = [m for m in self._mentions if start <= m.at < end]
        first = min(found, key=lambda m: m.at, default=None)
        if first is None or first.is_person or first.entity_id is None:
            return None
        kinds = {w.lower() for w in first.name.split()} & self.lexicon.organisation_stand_ins
        return None if kinds - {head.lemma_.lower()} else first  # "the company" is no "Interior Ministry"

    def _opens_next(self, name: Token, next_sentence: Span) -> bool:
        """Whether ``name``'s sentence is ``next_sentence``, or follows it in its paragraph with nothing between but
        what a quotation says ("“Many of these islands … A jet cannot go there,” Rudy Hartanto told reporters")."""
        if name.sent.start == next_sentence.start:
            return True
        between = self.doc[next_sentence.start : name.sent.start]
        return same_paragraph(next_sentence[0], name) and all(
            t.is_punct or t.is_space or self._inside_quote(t.idx + self.offset) for t in between
        )

    def _only_holder(
        self, title: str, at: int, qualifiers: set[str] | frozenset[str] = frozenset()
    ) -> NamedMention | None:
        """The person introduced with ``title`` after the cue, when the text gives that title to no one else."""
        holders = {
            m.name: m
            for m in self._mentions
            if m.is_person
            and m.at >= self.offset
            and abs(m.at - at) <= SPEAKER_MEMORY * 2
            and self._holds_title(m, title, qualifiers)
        }
        if len(holders) != 1:
            return None
        holder = next(iter(holders.values()))
        return holder if holder.at > at else None

    def _surname_given(self, head: Token) -> Entity | None:
        """The person a description stands for when it gives only a surname: "a shopkeeper surnamed Wang", "One
        fan, a 19-year-old student surnamed Choi" (in apposition), "A man who asked that only his first name,
        Francisco, be used" (the one name the clause gives)."""
        for clause in (c for c in head.children if c.dep_ == "relcl"):
            for word in clause.subtree:
                if word.pos_ != "PROPN" or not after_name_alone_marker(word, self.lexicon.name_alone_markers):
                    continue
                entity = self._entity_at(word.idx + self.offset, word.idx + self.offset + len(word.text))
                if entity is not None and entity.type == "Person":
                    return entity
        for noun in (head, *(c for c in head.children if c.dep_ == "appos")):
            for marker in noun.children:
                if marker.dep_ != "acl" or marker.lower_ not in self.lexicon.surname_markers:
                    continue
                name = next((c for c in marker.children if c.pos_ == "PROPN"), None)
                entity = (
                    self._entity_at(name.idx + self.offset, name.idx + self.offset + len(name.text)) if name else None
                )
                if entity is not None and entity.type == "Person":
                    return entity
        return None

    def _organisation_before_its_kind(self, head: Token) -> Entity | None:
        """ "The IG Metall union said", "the Lufthansa group said": an organisation named before the noun of its
        kind speaks."""
        if head.pos_ != "NOUN" or head.lemma_.lower() not in self.lexicon.organisation_stand_ins:
            return None
        for child in head.lefts:
            if child.dep_ == "compound" and child.pos_ == "PROPN":
                start = child.idx + self.offset
                entity = self._entity_at(start, start + len(child.text))
                if entity is not None and entity.type == "Organization":
                    return entity
        return None

    def _spokesperson_for(self, head: Token, phrase: Span, at: int) -> Speaker | None:
        """ "A spokesperson for the council said": the organisation (or person) speaking through someone unnamed,
        found as its own words at the cue would find it (the council named before, "EPA" an alias, "county council"
        as written, "his spokesperson" the man the pronoun stands for); None when the phrase gives no one."""
        organisation = spokesperson_organisation(head, self.lexicon)
        if organisation is not None and organisation.lower_ in self.lexicon.person_pronouns:
            found = self._antecedent(at, True, self.lexicon.owner_pronouns.get(organisation.lower_) or None)
            if found is None:
                return None
            return Speaker(found.name, phrase.text, found.entity_id, True, at, "pronoun", found.at)
        if organisation is None or organisation.pos_ == "PRON":
            return self._organisation_just_named(head, phrase, at, owned=organisation is not None)
        if organisation.pos_ == "NOUN" and not any(c.dep_ in {"det", "poss"} for c in organisation.children):
            named = self._organisation_named_before(organisation, at)  # "A ministry spokesperson"
            if named is not None:
                mention = self._spokesperson_mention(phrase, organisation).text
                return Speaker(named.name, mention, named.entity_id, False, at, "description", named.at)
        speaker = self.resolve(organisation)
        if speaker is None:
            return None
        return replace(speaker, mention=self._spokesperson_mention(phrase, organisation).text, at=at)

    def _organisation_just_named(self, head: Token, phrase: Span, at: int, owned: bool) -> Speaker | None:
        """ "The Home Office refused to comment. A spokesman said …", "Its spokesperson said": a spokesperson the
        phrase does not place speaks for the organisation that spoke or was the subject in this sentence or the
        one before (news often gives each its own paragraph)."""
        if not owned and not any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in head.children):
            return None  # "the spokesperson" is someone met before
        if not {head.lemma_.lower(), head.lower_} & self.lexicon.spokesperson_nouns and not is_press_office(
            head, self.lexicon
        ):
            return None
        found = self._antecedent(at, False, None)
        sentence = head.sent
        since = self.doc[sentence.start - 1].sent.start if sentence.start > 0 else sentence.start
        start = self.doc[since].idx + self.offset
        if found is None or found.entity_id is None or found.at < start or found.at >= at:
            return None
        return Speaker(found.name, phrase.text, found.entity_id, False, at, "description", found.at)

    def _spokesperson_mention(self, phrase: Span, organisation: Token) -> Span:
        """The words at the cue with the organisation after them: "A spokesperson for the FA"."""
        end = max(phrase.end, organisation.right_edge.i + 1)
        while end > phrase.end and self.doc[end - 1].is_punct:
            end -= 1
        return self.doc[phrase.start : end]

    def _named_before(self, phrase: Span, at: int) -> NamedMention | None:
        """ "the ministry" → the ministry last named ("the Interior Ministry"), when no entity says so; "police" → the
        police force named before."""
        words = [t for t in phrase if not t.is_punct]
        if len(words) == 1 and words[0].lower_ in self.lexicon.force_nouns:
            return self._organisation_named_before(words[0], at)  # "police said" after the RCMP was named
        # "The Korean chipmaker said", "The Stuttgart-based supplier": where the organisation is from says no more than
        # "the chipmaker" does
        placed = all(w.text[:1].isupper() or w.lower_ in _PLACED for w in words[1:-1])
        if (
            len(words) > 2
            and words[0].lower_ == "the"
            and words[-1].lower_ in self.lexicon.organisation_stand_ins
            and placed
        ):
            return self._organisation_named_before(words[-1], at)
        if len(words) != 2 or words[0].lower_ != "the" or words[1].pos_ not in {"NOUN", "PROPN"}:
            return None
        return self._organisation_named_before(words[1], at)

    def _introduced_as(self, head: Token, at: int) -> NamedMention | None:
        """ "the charity said", "the rebel group denied": the organisation an apposition introduced as one (a person
        so introduced is found by its title)."""
        if (
            head.pos_ != "NOUN"
            or head.tag_ == "NNS"
            or not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
        ):
            return None
        if any(c.dep_ in {"prep", "relcl", "acl"} and c.i > head.i for c in head.children):
            return None  # "the company that bought it": a description of its own
        named = named_in_apposition(head)
        if named is None:
            return None
        start = named.idx + self.offset
        entity = self._entity_at(start, start + len(named.text))
        if entity is not None:
            return None if entity.type == "Person" else NamedMention(start, entity.name, entity.id, False, False)
        if named.ent_type_ == "PERSON":
            return None
        return NamedMention(
            start, noun_phrase(named).text.removeprefix("the ").removeprefix("The "), None, False, False
        )

    def _organisation_named_before(self, word: Token, at: int) -> NamedMention | None:
        noun = word.lower_
        addressed_at = self._addressed_before(word)
        addressed = {m.name for m in self._mentions if m.at in addressed_at}  # wherever else the text names it
        earlier = [m for m in reversed(self._mentions) if m.at < at and not m.is_person and m.name not in addressed]
        translated = set(self.lexicon.kind_in_other_languages.get(noun, ()))
        for mention in earlier:
            words = mention.name.lower().split()
            if noun in words or (translated and not translated.isdisjoint(fold(w) for w in words)):
                return mention  # "the association" after the "Asociación de Comerciantes …" spoke
        if noun in self.lexicon.organisation_stand_ins and earlier and at - earlier[0].at < SPEAKER_MEMORY:
            if self._introduced_unnamed(word):
                return None  # "A council has apologised … The council said": the council never named
            # "the company said" after "… awarded to Northbridge Systems", never a body whose name says it is of
            # another kind (the ministry that awarded it); the organisation the text was about, its subject, before
            # one named in passing ("Redline said it would cut routes through Wells. … the company said").
            other_kinds = self.lexicon.organisation_stand_ins - {noun}
            fitting = [
                m for m in earlier if at - m.at < SPEAKER_MEMORY and not other_kinds & set(m.name.lower().split())
            ]
            if not fitting:
                return None
            mentioned = Counter(m.name for m in earlier)  # the story's own organisation is named most
            most = max(mentioned[m.name] for m in fitting)
            fitting = [m for m in fitting if mentioned[m.name] == most]
            return next((m for m in fitting if m.is_subject), fitting[0])
        return None

    def _addressed_before(self, subject: Token) -> set[int]:
        """Where the names start that an adjunct opening the subject's clause says it spoke to or with ("In a filing
        with Bursa Malaysia, the company said", "In a letter to the council, the firm said"): the subject is not
        one of them."""
        verb = subject.head
        if subject.dep_ not in {"nsubj", "nsubjpass"} or verb.i < subject.i:
            return set()
        starts: set[int] = set()
        for adjunct in (c for c in verb.children if c.dep_ == "prep" and c.i < subject.i):
            for prep in (t for t in adjunct.subtree if t.dep_ in {"prep", "dative"} and t.lower_ in {"to", "with"}):
                for addressee in (c for c in prep.children if c.dep_ == "pobj"):
                    starts.update(t.idx + self.offset for t in addressee.subtree)
        return starts

    def _introduced_unnamed(self, noun: Token) -> bool:
        """Whether the text brought ``noun`` in with "a" or "an" before: "the council" then stands for the council it
        introduced, not for an organisation whose name does not say it is one."""
        for token in noun.doc[: noun.i]:
            if token.lemma_.lower() != noun.lemma_.lower() or token.dep_ not in {"nsubj", "nsubjpass"}:
                continue  # "an offer from a bigger club" brings in no club "the club" could be
            if any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in token.children):
                return True
        return False

    def _introduced_after(self, head: Token, at: int) -> NamedMention | None:
        """ "Nurses … are working double shifts, their union says. The Prairie Nurses Association has filed …": an
        organisation noun owned by the people of its sentence speaks for the organisation named after them as the
        subject of the next sentence."""
        if head.lower_ not in self.lexicon.organisation_stand_ins or not any(
            c.lower_ == "their" for c in head.children
        ):
            return None
        owners = {t.lemma_.lower() for t in head.sent if t.tag_ in {"NNS", "NNPS"} and t.i < head.i}
        later = next((m for m in self._mentions if m.at > at), None)
        if later is None or later.is_person or not later.is_subject:
            return None
        named_after_owners = bool(owners & {w.lower().removesuffix("s") for w in later.name.split()})
        token = self._token_at(later.at, later.at + 1)
        next_sentence = _next_sentence(head)
        next_start = None if next_sentence is None else next_sentence.start
        return later if named_after_owners and token is not None and token.sent.start == next_start else None

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

    def _collect_mentions(self) -> list[NamedMention]:
        """Every person and organisation mention, in article offsets, with its role in its sentence."""
        mentions: list[NamedMention] = []
        covered: set[int] = set()
        for start, end, entity in self._entity_spans:
            if entity.type not in {"Person", "Organization", "Group"}:
                covered.update(range(start, end))  # "FRANKFURT —" a place, whatever the tagger called it
                continue
            if entity.type == "Person" and all(
                w.lower().rstrip(".") in self.lexicon.speaker_titles for w in entity.name.split()
            ):
                continue  # "Supt" of "Det Supt Angela Firth" tagged as a person of its own
            if entity.type in {"Person", "Organization", "Group"} and not self._inside_quote(start):
                token = self._token_at(start, end) if start >= self.offset else None
                is_subject = token is not None and is_topic(token, self.lexicon.person_nouns)
                titled_name = titled_person(entity.name, self.lexicon) if entity.type == "Organization" else None
                if titled_name is not None:
                    mentions.append(NamedMention(start, titled_name, None, True, is_subject))
                else:
                    mentions.append(NamedMention(start, entity.name, entity.id, entity.type == "Person", is_subject))
                covered.update(range(start, end))
                self._learn_gender(titled_name or entity.name, token)
        for ent in self._doc_ents:
            at = ent.start_char + self.offset
            if ent.label_ not in {"PERSON", "ORG", "GPE", "NORP"} or self._inside_quote(at):
                continue
            if not covered.isdisjoint(range(at, at + len(ent.text))):
                continue  # "the Kyiv Independent" around the entity "Kyiv Independent": one mention
            if all(w.lower().rstrip(".") in self.lexicon.speaker_titles for w in ent.text.split()):
                continue  # "Det Supt" tagged apart from "Angela Firth"
            if ent.label_ in {"GPE", "NORP"} and not acts_as_person(ent, self.lexicon):
                continue
            covered.update(range(at, at + len(ent.text)))
            person = self._bearer_of(ent.text, at) or self._called_by_given_name(ent.text)
            if person is not None:  # a surname the tagger missed or called an organisation
                topic = is_topic(ent.root, self.lexicon.person_nouns)
                mentions.append(NamedMention(at, person.name, person.id, True, topic))
                continue
            name = self._expand_surname(ent) if ent.label_ == "PERSON" else noun_phrase(ent.root).text
            is_subject = is_topic(ent.root, self.lexicon.person_nouns)
            is_person = ent.label_ == "PERSON" or acts_as_person(ent, self.lexicon)
            mentions.append(
                NamedMention(at, without_titles(name, self.lexicon) if is_person else name, None, is_person, is_subject)
            )
            self._learn_gender(name, ent.root)
        for token in self.doc:
            at = token.idx + self.offset
            person = self._bearer_of(token.text, at) if token.pos_ in {"PROPN", "NOUN"} else None
            if person is not None and at not in covered and not self._inside_quote(at):
                topic = is_topic(token, self.lexicon.person_nouns)
                mentions.append(NamedMention(at, person.name, person.id, True, topic))
        mentions.sort(key=lambda m: m.at)
        return mentions

    @staticmethod
    def _most_named(entities: Sequence[Entity]) -> Entity | None:
        """The person the article is about: named more often than anyone else (three times at least)."""
        counts = sorted(((len(e.mentions), e) for e in entities if e.type == "Person"), key=lambda c: -c[0])
        if not counts or counts[0][0] < 3 or (len(counts) > 1 and counts[1][0] == counts[0][0]):
            return None
        return counts[0][1]

    def _collect_described_subjects(self) -> None:
        """A person mention for each narrative sentence whose subject is a description ("The singer has never found
        that year easy", "The author paused", "The 28-year-old has been dancing since she was four"): the one
        introduced with that title, else the person the article is about; a pronoun after it turns to that person
        even when someone else spoke last."""
        words = self.lexicon
        mentioned = {m.at for m in self._mentions}
        for token in self.doc:
            at = token.idx + self.offset
            if token.dep_ not in {"nsubj", "nsubjpass"} or token.tag_ in {"NNS", "NNPS"} or self._inside_quote(at):
                continue
            if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
                continue
            aged = is_age(token, words)
            if not aged and (token.pos_ != "NOUN" or token.lemma_.lower() not in words.person_nouns):
                continue
            if any(c.dep_ in {"prep", "relcl", "acl", "appos"} and c.i > token.i for c in token.children):
                continue  # "the owner of the building": someone described anew
            if at in mentioned:
                continue
            if self._brought_in_unnamed(token):
                continue  # "a woman … The woman read her statement": the one the text brought in, unnamed
            person: NamedMention | None = None if aged else self._titled_before(token, at)
            protagonist = self._protagonist
            noun = token.lemma_.lower()
            if (
                person is None
                and protagonist is not None
                and protagonist.mentions[0][0] < at
                and noun not in words.anyone_nouns
            ):
                gender = "f" if noun in words.female_nouns else "m" if noun in words.male_nouns else None
                if gender is None or self._genders.get(protagonist.name, gender) == gender:
                    person = NamedMention(at, protagonist.name, protagonist.id, True, True)
            if person is not None:
                insort(self._mentions, NamedMention(at, person.name, person.entity_id, True, True), key=lambda m: m.at)

    def _brought_in_unnamed(self, noun: Token) -> bool:
        """Whether the text said "a" or "an" with the same noun (its lemma) before."""
        if self._indefinite_first is None:  # where each noun first came with "a" or "an", worked out once
            self._indefinite_first = {}
            for token in self.doc:
                if any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in token.children):
                    self._indefinite_first.setdefault(token.lemma_.lower(), token.i)
        first = self._indefinite_first.get(noun.lemma_.lower())
        return first is not None and first < noun.i

    def _bearer_of(self, surname: str, at: int) -> Entity | None:
        """The person a bare surname at ``at`` stands for: of those bearing it, the one last named in full before it
        ("Okafor said" after "general manager Sandra Okafor", not the "Center Darnell Okafor" named further on);
        the last named in the article when none was named before."""
        bearers = (
            self._first_surname_bearers(surname)
            or self._surname_bearers.get(surname)
            or self._inner_bearers.get(surname)
        )
        if not bearers:
            return None

        def last_named_before(person: Entity) -> int:
            return self._last_named_in_full(person, surname, at)

        before = [p for p in bearers if last_named_before(p) >= 0]
        if len(before) > 1:
            in_use = self._family_name_in_use(before, surname, at)
            if in_use is not None:
                return in_use
            # Relatives sharing a family name: news calls all but one of them by their given name ("Kevin says"),
            # and the bare family name is the one left ("Dizon shakes his head" is the father, not his son Kevin Dizon)
            by_family_name = [p for p in before if p.name.split()[0] not in p.aliases]
            if len(by_family_name) == 1:
                return by_family_name[0]
        return max(before, key=last_named_before) if before else bearers[-1]

    def _called_by_given_name(self, word: str) -> Entity | None:
        """ "her husband, Sipho Mahlangu, 47," then "she and Sipho let them": the one person named in full with that
        given name, when no one in the article is called by it alone."""
        if word in self._one_word_names:
            return None
        called = [p for p in self._people if p.name.split()[0] == word]
        return called[0] if len(called) == 1 else None

    def _family_name_in_use(self, bearers: list[Entity], surname: str, at: int) -> Entity | None:
        """The bearer the article called by the bare family name while no other bearer was named yet ("Marchbanks,
        34, is halfway through a tour" before her mother Carol Marchbanks comes in) keeps it, as long as every other
        bearer was last named in full before the paragraph before ``at``: news names the later ones in full, or by
        the given name, while they are in the story; or came in as a relative ("Her father, Emeka Okafor,"), whom
        the story calls by the family name no more than by the given name."""
        if surname not in self._bare_uses:  # once per name, as a long document asks again and again
            text = doc_text(self.doc)
            self._bare_uses[surname] = [
                found.start() + self.offset
                for found in re.finditer(rf"\b{re.escape(surname)}\b", text)
                if not self._inside_longer_name(found.start() + self.offset, len(surname))
                and not self._inside_quote(found.start() + self.offset)
            ]
        text, titles = doc_text(self.doc), self.lexicon.title_genders
        users, titled = set(), set()
        for use in (u for u in self._bare_uses[surname] if u < at):
            named = [p for p in bearers if self._last_named_in_full(p, surname, use) >= 0]
            if len(named) == 1:
                users.add(named[0].id)
                titled.add(title_before(text, use - self.offset, titles))
        if len(users) != 1:
            return None
        [user] = users
        others = [p for p in bearers if p.id != user]
        same_title = title_before(text, at - self.offset, titles) in titled  # "Mrs MacAulay" is not "Ms MacAulay"
        if any(
            not self._named_long_before(other, surname, at) and not (same_title and self._relative(other))
            for other in others
        ):
            return None
        return next(p for p in bearers if p.id == user)

    def _relative(self, person: Entity) -> bool:
        """Whether the article brought ``person`` in as someone's relative ("Her father, Emeka Okafor,")."""
        text = doc_text(self.doc)
        spans = [(s - self.offset, e - self.offset) for s, e in person.mentions if 0 <= s - self.offset < len(text)]
        return introduced_as_relative(text, spans, self.lexicon.kin_nouns)

    def _named_long_before(self, person: Entity, surname: str, at: int) -> bool:
        """Whether ``person`` was last named in full before the paragraph before ``at``'s."""
        last = self._last_named_in_full(person, surname, at)
        between = doc_text(self.doc)[max(0, last - self.offset) : max(0, at - self.offset)]
        return len(re.findall(r"\n+", between)) > 1

    def _first_surname_bearers(self, surname: str) -> list[Entity]:
        if surname not in self._first_surnamed:  # once per name, as a long document asks again and again
            names = {p.name for p in self._people}
            bearers = first_surname_bearers(fold(surname), names, self._stands_alone, self.lexicon.name_particles)
            self._first_surnamed[surname] = [p for p in self._people if p.name in bearers] if bearers else []
        return self._first_surnamed[surname]

    def _stands_alone(self, word: str) -> bool:
        """Whether ``word`` is written somewhere outside every person's name of more words (once per word)."""
        if word not in self._alone:
            self._alone[word] = any(
                not self._inside_longer_name(found.start() + self.offset, len(word))
                for found in re.finditer(rf"\b{re.escape(word)}\b", doc_text(self.doc))
            )
        return self._alone[word]

    def _inside_longer_name(self, at: int, length: int) -> bool:
        nearest = bisect_right(self._entity_starts, at)
        return any(
            s <= at < e and e - s > length and entity.type == "Person"
            for s, e, entity in self._entity_spans[max(0, nearest - 3) : nearest]
        )

    def _past_post_nominal(self, head: Token) -> Token:
        """ "Ms Harriet Beale KC, prosecuting, said": the parse hangs the name on the letters after it; where the
        entities left the letters out of the person's name, the speaker is the name."""
        if head.text not in self.lexicon.post_nominal_letters or head.i == 0:
            return head
        before = head.doc[head.i - 1]
        at = before.idx + self.offset
        entity = self._entity_at(at, at + len(before.text))
        if entity is None or entity.type != "Person" or head.text in entity.name.split():
            return head
        return before

    def _titled_surname(self, name: str, at: int) -> Entity | None:
        """The person a court's, prosecutor's or police title before a family name alone stands for ("Justice
        Venkatraman" after "Justice Sharmila Venkatraman", "DPP Goh" after "Deputy Public Prosecutor Charlene Goh"):
        the one bearing it named before."""
        words = name.split()
        if len(words) < 2 or not words[-1][:1].isupper():
            return None
        if not all(w.lower().rstrip(".") in self.lexicon.surname_titles for w in words[:-1]):
            return None  # "General Mills" after "Analyst Sarah Mills" is the company
        surname = words[-1]
        others = [p for p in self._surname_bearers.get(surname, []) if p.name != name]
        before = [p for p in others if self._last_named_in_full(p, surname, at) >= 0]
        return max(before, key=lambda p: self._last_named_in_full(p, surname, at)) if before else None

    def _titled_speaker_heard(self, name: str, at: int) -> Speaker | None:
        """ "Supt Moriarty told reporters" after "Supt Eoin Moriarty said", the entities knowing neither as a person:
        the speaker heard under the full name that the title's family name ends."""
        words = name.split()
        if len(words) < 2 or not all(w.lower().rstrip(".") in self.lexicon.surname_titles for w in words[:-1]):
            return None
        return self._heard_by_family_name(words[-1], at, other_than=name)

    def _heard_by_family_name(self, surname: str, at: int, other_than: str = "") -> Speaker | None:
        """The person last heard before ``at`` under a full name that ``surname`` ends (not ``other_than``)."""
        for heard in reversed(self._heard):
            full = heard.name.split()
            if heard.is_person and heard.at < at and len(full) > 1 and full[-1] == surname and heard.name != other_than:
                return heard
        return None

    def _last_named_in_full(self, person: Entity, surname: str, at: int) -> int:
        """Where ``person`` was last named with more than ``surname`` before ``at``; -1 if never."""
        starts = self._mention_index.starts_longer_than(person, len(surname) + 1)
        found = bisect_left(starts, at)
        return starts[found - 1] if found else -1

    def _token_at(self, start: int, end: int) -> Token | None:
        span = self.doc.char_span(start - self.offset, end - self.offset, alignment_mode="expand")
        return span.root if span is not None and len(span) else None

    def _inside_quote(self, at: int) -> bool:
        return any(s <= at < e for s, e in self._quoted)
