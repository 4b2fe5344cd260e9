"""PART_OF and PARTICIPATES_IN read off the structure of a phrase rather than a relation word.

PART_OF: an apposition or attribute headed by a part noun ("Europol, the EU's law enforcement agency",
"Statistics Norway, an agency of the Ministry of Finance", "which is part of the foundation"); a possessive whole
("Germany's Federal Cartel Office", "the Smithsonian's National Air and Space Museum"); a state body qualified by its
country ("the Serbian Ministry of Internal Affairs", "the United Kingdom Home Office"); a unit at an institution
("the Block Museum of Art at Northwestern University"); a team playing in a league.

PARTICIPATES_IN: participant nouns ("the victim in the Pegaso Hacking Case", "the main suspect in the … case");
shares in an event ("Huawei's part in the project", "took part in"); verbs of taking part ("ran in the election",
"leads the project", "was involved in the scandal"), every member of a list of parties; an event's possessor
("NASA's Space Shuttle Program"); the parties of an agreement made to found an event ("… to create the Safe City
project"); the person a case's naming clause is about ("known as the Kantrimen case because of the car that
killed Jovanović"). Offsets are doc offsets; the confidence scale is in nlp.relations.clauses.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from nlp.lexicon.lexicon import Lexicon
from nlp.lexicon.sections import RelationWords
from nlp.relations.arguments import Argument, Arguments, date_phrase, sentence_dates
from nlp.relations.clauses import CARRIED, QUALIFIED, STATED, clause_subjects, objects_after, relation
from nlp.relations.mention import RelationMention
from nlp.relations.modality import is_fact

_COPULAS = ("be", "become", "remain")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_YEAR_BEFORE = re.compile(r"\b(?:1[89]|20)\d\d\s+$")
_YEAR_REACH = 6  # a year and the space before an event's name
# Prepositions that place a subject in a group: "was among the speakers at the forum".
_GROUP_PREPOSITIONS = ("among", "amongst")
# Verbs listing a group's members as their object: "Exhibitors at the fair included A and B".
_LISTING_VERBS = ("include",)
_WHOLE_TYPES = ("Organization", "Location")
_EVENT_PREPOSITIONS = ("in", "at", "for", "on", "to")
# Words between a hosted unit and its institution: "at the American Georgetown University".
_HOST_GAP = 4


def structure_relations(doc: Doc, args: Arguments, lexicon: Lexicon) -> list[RelationMention | None]:
    words = lexicon.relations
    found: list[RelationMention | None] = []
    for sentence in args.sentences.sentences:
        dates = sentence_dates(sentence)
        for token in sentence:
            lemma = token.lemma_.lower()
            if args.mention_of(token) is None and token.pos_ in ("NOUN", "PROPN"):
                if noun_in(token, words.part_nouns):
                    found.extend(_described_parts(token, args, sentence))
                if noun_in(token, words.participant_nouns):
                    found.extend(_participants(token, args, sentence, dates))
                if noun_in(token, words.participation_nouns) and is_fact(token, words):
                    found.extend(_shares(token, args, sentence, dates))
                if noun_in(token, words.prize_nouns) and is_fact(token, words):
                    found.extend(_prize_winners(token, args, sentence, dates))
                if noun_in(token, words.recipient_nouns) and is_fact(token, words):
                    found.extend(_gift_recipients(token, args, sentence, dates))
            elif token.pos_ == "VERB" and is_fact(token, words):
                if lemma in words.participation_verbs:
                    found.extend(_taking_part(token, args, sentence, dates))
                if lemma in words.election_verbs or lemma in words.seat_verbs:
                    found.extend(_candidates(token, args, sentence, dates))
                if _speaking(lemma, words):
                    found.extend(_speakers_at(token, args, sentence, dates))
                if lemma in words.match_verbs:
                    found.extend(_match_sides(token, args, sentence, dates))
                if lemma in words.membership_verbs:
                    found.extend(_members_of(token, args, sentence))
                if words.predicate_of.get(lemma) in ("AGREEMENT_WITH", "PARTNERS_WITH"):
                    found.extend(_founders(token, args, sentence, dates))
    found.extend(_named_structures(doc, args, words))
    return found


def noun_in(token: Token, nouns: frozenset[str]) -> bool:
    """Whether a noun is one of a list, by its lemma or as written: the lists hold both "relation" and "relations"
    (a plural that means more than several of the singular), and the lemmatiser reduces "relations" to "relation"."""
    return token.lemma_.lower() in nouns or token.lower_ in nouns


def noun_key(token: Token) -> tuple[str, str]:
    """The keys a noun is looked up by in a noun table, the written form first ("relations" before "relation")."""
    return token.lower_, token.lemma_.lower()


def _event(argument: Argument) -> bool:
    return argument.mention.type == "Event"


def _part_or_share(
    part: Argument, whole: Argument, anchor: Token, sentence: Span, confidence: float
) -> RelationMention | None:
    """PART_OF a whole; a part of an event takes part in it. A person is no part of an organisation (that is a
    role), and nothing is part of a person."""
    if "Person" in (part.mention.type, whole.mention.type):
        return None
    if _event(whole):
        return relation(part, "PARTICIPATES_IN", whole, anchor, sentence, confidence)
    return relation(part, "PART_OF", whole, anchor, sentence, confidence)


def _described(noun: Token, args: Arguments) -> list[Argument]:
    """The names a descriptive noun phrase is said of: the name it stands in apposition to ("Europol, the EU's
    agency"), a name in apposition to it ("the agency Europol"), or the subject it is the attribute of ("X is a
    subsidiary of Y", "which is part of the foundation")."""
    if noun.dep_ == "appos" and noun.head.i != noun.i:
        return args.arguments(noun.head)
    if noun.dep_ == "attr" and noun.head.lemma_.lower() in _COPULAS:
        return clause_subjects(noun.head, args)
    copula = _group_copula(noun)
    if copula is not None:  # "Ama Owusu was among the speakers at the Accra Investment Summit"
        return clause_subjects(copula, args) if is_fact(copula, args.words) else []
    if noun.dep_ == "nsubj" and noun.head.lemma_.lower() in _LISTING_VERBS:
        # "Exhibitors at the fair included Shamba Robotics and the seed company Mbegu Seeds"
        return [a for c in noun.head.children if c.dep_ == "dobj" for a in args.arguments(c)]
    return [a for c in noun.children if c.dep_ == "appos" for a in args.arguments(c)]


def _group_copula(noun: Token) -> Token | None:
    """The copula that puts its subject in a group a noun names: "was among the speakers at …"."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in _GROUP_PREPOSITIONS:
        return None
    holder = noun.head.head
    return holder if holder.lemma_.lower() in _COPULAS else None


def _described_parts(noun: Token, args: Arguments, sentence: Span) -> list[RelationMention | None]:
    wholes = [a for c in noun.children if c.dep_ == "poss" for a in args.arguments(c)]
    wholes += [a for t in objects_after(noun, args.words.part_prepositions) for a in args.arguments(t)]
    if not wholes:
        return []
    return [_part_or_share(part, whole, noun, sentence, STATED) for part in _described(noun, args) for whole in wholes]


def _participants(noun: Token, args: Arguments, sentence: Span, dates: list[Span]) -> list[RelationMention | None]:
    """ "Pillai is the main suspect in the Kochi gold smuggling case", "Torres, the victim in the … case", "Ama
    Owusu was among the speakers at the Accra Investment Summit on Tuesday"."""
    events = [a for t in objects_after(noun, args.words.participant_prepositions) for a in args.arguments(t)]
    events = [e for e in events if _event(e)]
    if not events:
        return []
    copula = noun.head if noun.dep_ == "attr" else _group_copula(noun)
    date = date_phrase(copula if copula is not None else noun, dates, (noun,))
    return [
        relation(p, "PARTICIPATES_IN", e, noun, sentence, STATED, date) for p in _described(noun, args) for e in events
    ]


def _shares(noun: Token, args: Arguments, sentence: Span, dates: list[Span]) -> list[RelationMention | None]:
    """ "Huawei's part in the Safe City project", "Loblaws staff took part in the food drive"."""
    words = args.words
    events = [a for t in objects_after(noun, words.participation_prepositions) for a in args.arguments(t)]
    actors = [a for c in noun.children if c.dep_ == "poss" for a in args.arguments(c)]
    if not actors and noun.dep_ == "dobj":
        actors = clause_subjects(noun.head, args)
        # "took part in the summit": the parse hangs the event on the verb.
        events += [e for t in objects_after(noun.head, words.participation_prepositions) for e in args.arguments(t)]
    events = [e for e in events if _event(e)]
    date = date_phrase(noun.head if noun.dep_ == "dobj" else noun, dates, (noun,))
    return [relation(a, "PARTICIPATES_IN", e, noun, sentence, STATED, date) for a in actors for e in events]


def _taking_part(verb: Token, args: Arguments, sentence: Span, dates: list[Span]) -> list[RelationMention | None]:
    """ "Miguel Reyes ran in the 2024 … election", "Dr Aiko Tanaka leads the … Project", "Bellrock Bank, which was
    involved in the Harbourgate scandal", "Nigeria, Chad, Niger and Cameroon took part in …"."""
    nouns = [c for c in verb.children if c.dep_ in ("dobj", "attr", "oprd")]
    objects = [c for c in nouns if c.dep_ != "oprd"]
    objects += objects_after(verb, _EVENT_PREPOSITIONS)
    # "lost his seat in the election", "was elected senator in the election": the event after the verb's object
    objects += [t for n in nouns if args.mention_of(n) is None for t in objects_after(n, _EVENT_PREPOSITIONS)]
    events = [e for t in objects for e in args.arguments(t) if _event(e)]
    actors = [a for a in clause_subjects(verb, args) if not _event(a)]
    if verb.lemma_.lower() in args.words.election_verbs and not any(c.dep_ == "nsubjpass" for c in verb.children):
        # "Kisumu County elected Ruth Akinyi governor in …": the one elected takes part, not who elects
        actors = [a for c in verb.children if c.dep_ == "dobj" for a in args.arguments(c) if not _event(a)]
    if not events:
        # "the scandal involved Bellrock Bank": the event is the subject, its participants the object.
        events = [a for a in clause_subjects(verb, args) if _event(a)]
        actors = [a for t in objects for a in args.arguments(t) if not _event(a)]
    date = date_phrase(verb, dates)
    return [
        relation(a, "PARTICIPATES_IN", e, verb, sentence, STATED, date or _year_of(e, args))
        for a in actors
        for e in events
    ]


def _candidates(verb: Token, args: Arguments, sentence: Span, dates: list[Span]) -> list[RelationMention | None]:
    """Candidates elected or winning or losing a seat in a clause that names no event take part in the election the
    article reports: "Sam Te Rangi was elected in Dunedin North", "Helen Barrow lost her seat", "Tom Kerr, who took
    the seat by 300 votes" in a report of the 2024 Otago regional election."""
    words = args.words
    lemma = verb.lemma_.lower()
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    passive = any(c.dep_ == "nsubjpass" for c in verb.children)
    if lemma in words.election_verbs:
        # the object of "elected X"; else the subject of a passive or of a participle ("was re-elected", parsed "re"
        # with "elected" hung on it)
        elected = [a for o in objects for a in args.arguments(o)]
        if not objects and (passive or verb.tag_ == "VBN"):
            elected = clause_subjects(verb, args)
    elif any(noun_in(o, words.seat_nouns) for o in objects) and not passive:
        elected = clause_subjects(verb, args)
    else:
        return []
    named = [t for t in (*objects, *objects_after(verb, _EVENT_PREPOSITIONS)) for a in args.arguments(t) if _event(a)]
    if named:
        return []  # the clause names its event (_taking_part)
    election = args.article_event(verb.idx)
    if election is None or not any(w in words.election_words for w in election.text.lower().split()):
        return []
    event = Argument(election, election.start, election.end)
    date = date_phrase(verb, dates) or _year_of(event, args)
    evidence = (sentence.start_char, sentence.end_char)
    return [
        relation(a, "PARTICIPATES_IN", event, verb, sentence, CARRIED, date, evidence)
        for a in elected
        if a.mention.type == "Person"
    ]


def _speaking(lemma: str, words: RelationWords) -> bool:
    """A verb of saying, of speaking in public or of a stance."""
    return (
        lemma in words.public_speech_verbs
        or lemma in words.quote_verbs
        or words.predicate_of.get(lemma) in ("SUPPORTS", "OPPOSES")
    )


def _speakers_at(verb: Token, args: Arguments, sentence: Span, dates: list[Span]) -> list[RelationMention | None]:
    """Who speaks, says or takes a stance during or at an event takes part in it: "During Prime Minister's
    Questions Wednesday, Sunak defended the government's record", "told reporters at the summit"."""
    events = [e for t in objects_after(verb, args.words.event_time_prepositions) for e in args.arguments(t)]
    events = [e for e in events if _event(e)]
    if not events:
        return []
    date = date_phrase(verb, dates)
    return [
        relation(s, "PARTICIPATES_IN", e, verb, sentence, STATED, date)
        for s in clause_subjects(verb, args)
        if not _event(s)
        for e in events
    ]


def _match_sides(verb: Token, args: Arguments, sentence: Span, dates: list[Span]) -> list[RelationMention | None]:
    """Teams or countries that play each other in a clause naming no event take part in the tournament the article
    reports: "Egypt beat Tunisia 31-27", "Angola drew with Cameroon" in a report of the Pan-African Handball Cup."""
    words = args.words
    if any(c.dep_ in ("nsubjpass", "agent") for c in verb.children):
        return []
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    objects += objects_after(verb, words.match_prepositions)
    if any(_event(a) for t in (*objects, *objects_after(verb, _EVENT_PREPOSITIONS)) for a in args.arguments(t)):
        return []  # the clause names its event (_taking_part, _speakers_at)
    sides = [*clause_subjects(verb, args), *(a for t in objects for a in args.arguments(t))]
    sides = [s for s in sides if s.mention.type in _WHOLE_TYPES]
    if len({s.mention for s in sides}) < 2:
        return []  # a match has two named sides: "Kenya beat Uganda to the contracts" still needs a tournament
    tournament = args.article_event(verb.idx)
    if tournament is None or not any(w in words.tournament_words for w in tournament.text.lower().split()):
        return []
    event = Argument(tournament, tournament.start, tournament.end)
    date = date_phrase(verb, dates) or _year_of(event, args)
    evidence = (sentence.start_char, sentence.end_char)
    return [relation(s, "PARTICIPATES_IN", event, verb, sentence, CARRIED, date, evidence) for s in sides]


def _year_of(event: Argument, args: Arguments) -> tuple[int, int] | None:
    """Doc offsets of the year in an event's name or right before it (the model may leave it out of the name),
    which dates taking part in it when the clause gives no date: "lost her seat in the 2024 Otago regional
    election"."""
    mention = event.mention
    found = _YEAR.search(mention.text)
    if found is not None:
        return mention.start + found.start(), mention.start + found.end()
    before = _YEAR_BEFORE.search(args.text, max(mention.start - _YEAR_REACH, 0), mention.start)
    return (before.start(), before.start() + 4) if before is not None else None


def _prize_winners(noun: Token, args: Arguments, sentence: Span, dates: list[Span]) -> list[RelationMention | None]:
    """Who a prize goes to takes part in the event it was won at: "the competition ended, with the silver medal
    going to Poland and the bronze to Armenia", "the gold went to Kenya at the … Games". The event is named at the
    prize's verb or in the clause a "with" phrase of the prize hangs on."""
    words = args.words
    verb = noun.head
    if noun.dep_ not in ("nsubj", "nsubjpass") or verb.lemma_.lower() not in words.prize_verbs:
        return []
    recipients = [a for t in objects_after(verb, ("to",)) for a in args.arguments(t)]
    # "… going to Poland and the bronze to Armenia": a second prize given to its own recipient in the same list
    recipients += [
        a
        for t in objects_after(verb, ("to",))
        for member in t.conjuncts
        if noun_in(member, words.prize_nouns)
        for p in objects_after(member, ("to",))
        for a in args.arguments(p)
    ]
    holders = [verb]
    if verb.dep_ == "pcomp" and verb.head.lower_ == "with" and verb.head.head.pos_ in ("VERB", "AUX"):
        holders.append(verb.head.head)
    events: dict[object, Argument] = {}
    for holder in holders:
        tokens = [c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
        tokens += objects_after(holder, _EVENT_PREPOSITIONS)
        tokens += [p for t in tokens if t.dep_ == "nsubj" for p in objects_after(t, _EVENT_PREPOSITIONS)]
        for token in tokens:
            for event in args.arguments(token):
                if _event(event):
                    events.setdefault(event.mention, event)
    date = date_phrase(holders[-1], dates)
    return [
        relation(r, "PARTICIPATES_IN", e, noun, sentence, CARRIED, date)
        for r in recipients
        if not _event(r)
        for e in events.values()
    ]


def _gift_recipients(noun: Token, args: Arguments, sentence: Span, dates: list[Span]) -> list[RelationMention | None]:
    """ "Duke University, which was also a recipient of donated items from the Kagera Trust": the giver of a gift
    funds its recipients. What was received is a gift when its noun is a funding noun ("grants") or a participle
    of giving qualifies it ("donated items")."""
    words = args.words
    gifts = objects_after(noun, ("of",))
    if not any(_is_gift(g, words) for g in gifts):
        return []
    givers = [a for h in (noun, *gifts) for t in objects_after(h, ("from", "by")) for a in args.arguments(t)]
    if not givers:
        return []
    copula = noun.head if noun.dep_ == "attr" else _group_copula(noun)
    date = date_phrase(copula if copula is not None else noun, dates)
    return [relation(g, "FUNDS", r, noun, sentence, STATED, date) for r in _described(noun, args) for g in givers]


def _is_gift(thing: Token, words: RelationWords) -> bool:
    if words.noun_predicate_of.get(thing.lemma_.lower()) == "FUNDS":
        return True
    return any(
        c.dep_ in ("amod", "acl") and words.predicate_of.get(c.lemma_.lower()) == "FUNDS" for c in thing.children
    )


def _members_of(verb: Token, args: Arguments, sentence: Span) -> list[RelationMention | None]:
    """ "Nairobi City Stars, who play in the Kenyan Premier League"."""
    leagues = [a for t in objects_after(verb, args.words.membership_prepositions) for a in args.arguments(t)]
    leagues = [a for a in leagues if a.mention.type == "Organization"]
    if not leagues:
        return []
    return [
        _part_or_share(m, league, verb, sentence, STATED) for m in clause_subjects(verb, args) for league in leagues
    ]


def founded_events(predicate: Token, verb: Token | None, args: Arguments) -> list[Argument]:
    """Events an agreement or partnership is made to create: "signed an agreement with Huawei … to create the
    Safe City project" (the purpose clause hangs on the noun or on the verb that carries it)."""
    found = []
    for head in (predicate, verb):
        if head is None:
            continue
        for clause in head.children:
            if (
                clause.dep_ not in ("acl", "advcl", "xcomp", "relcl")
                or clause.lemma_.lower() not in args.words.founding_verbs
            ):
                continue
            if not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
                continue
            found += [e for c in clause.children if c.dep_ == "dobj" for e in args.arguments(c) if _event(e)]
    return found


def _founders(verb: Token, args: Arguments, sentence: Span, dates: list[Span]) -> list[RelationMention | None]:
    """ "Serbia agreed with Huawei to create the Safe City project": both parties take part in it."""
    events = founded_events(verb, None, args)
    if not events:
        return []
    parties = clause_subjects(verb, args)
    parties += [a for t in objects_after(verb, ("with",)) for a in args.arguments(t)]
    date = date_phrase(verb, dates)
    return [relation(p, "PARTICIPATES_IN", e, verb, sentence, CARRIED, date) for p in parties for e in events]


def _named_structures(doc: Doc, args: Arguments, words: RelationWords) -> list[RelationMention | None]:
    """Relations read off each name and what stands around it: its possessor, its qualifier, its host, the clause
    that names a case."""
    found: list[RelationMention | None] = []
    places = _places(args)
    for mention in args.named:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or mention.type not in ("Organization", "Event"):
            continue
        named = Argument(mention, mention.start, mention.end)
        sentence = args.sentences.of(span.root)
        found.extend(_possessed(named, span, args, sentence, words))
        if mention.type == "Organization":
            found.extend(_qualified(named, span, args, places, sentence, words))
            found.extend(_hosted(named, span, args, sentence, words))
        else:
            found.extend(_case_people(named, span, args, sentence, words))
    return found


def _possessed(
    named: Argument, span: Span, args: Arguments, sentence: Span, words: RelationWords
) -> list[RelationMention | None]:
    """ "NASA's Space Shuttle Program" (NASA takes part in it), "the Smithsonian's National Air and Space Museum",
    "Kenya's High Court" (a state body of a country), "the government's Flag Consideration Project" (the country
    the article is about)."""
    found: list[RelationMention | None] = []
    for owner_token in _possessors(span, args):
        owners = args.arguments(owner_token)
        if _national_government(owner_token, words) and all(o.resolved for o in owners):
            # "the government" taken up from the sentence before may be any place named there; the article's own
            # country is the one whose government goes unnamed
            country = args.article_country()
            owners = [] if country is None else [Argument(country, owner_token.idx, owner_token.idx + len(owner_token))]
        elif any(o.resolved for o in owners):
            continue  # "their own Polaroid": a pronoun's possession is too loose to make a part
        for owner in owners:
            kind = owner.mention.type
            if _event(named) and kind != "Event":
                found.append(relation(owner, "PARTICIPATES_IN", named, span.root, sentence, CARRIED))
            elif kind == "Organization" or (kind == "Location" and _state_body(span, words)):
                found.append(_part_or_share(named, owner, span.root, sentence, CARRIED))
    return found


def _possessors(span: Span, args: Arguments) -> list[Token]:
    """The possessors of a name: those of its head, unless another name stands between ("the Smithsonian's
    National Air and Space Museum Steven F. Udvar-Hazy Center": the Smithsonian's is the museum, the name right
    after it), and the possessor right before a name that modifies another ("the Smithsonian's National Air and
    Space Museum", the parse hanging the possessor on the last name)."""
    doc = span.doc
    found = [c for c in span.root.children if c.dep_ == "poss" and not _name_between(c, span, args)]
    if not found and span.start >= 2 and doc[span.start - 1].tag_ == "POS":
        owner = doc[span.start - 1].head
        if owner.dep_ == "poss" and owner.head.i >= span.end and args.mention_of(owner.head) is not None:
            found.append(owner)
    return found


def _name_between(owner: Token, span: Span, args: Arguments) -> bool:
    return any(args.mention_of(t) is not None for t in span.doc[owner.i + 2 : span.start])


def _national_government(token: Token, words: RelationWords) -> bool:
    """ "the government" with nothing naming whose: the article's own country's government."""
    if token.lemma_.lower() not in words.national_government_nouns:
        return False
    return not any(c.dep_ in ("amod", "compound", "poss", "nmod") for c in token.children)


def _state_body(span: Span, words: RelationWords) -> bool:
    return any(t.lower_ in words.state_body_words for t in span)


def _places(args: Arguments) -> dict[str, list[Argument]]:
    """The places named in the doc, by lower-case name, in the order written."""
    found: dict[str, list[Argument]] = {}
    for mention in args.named:
        if mention.type == "Location":
            found.setdefault(mention.text.lower(), []).append(Argument(mention, mention.start, mention.end))
    return found


def _qualified(
    named: Argument,
    span: Span,
    args: Arguments,
    places: dict[str, list[Argument]],
    sentence: Span,
    words: RelationWords,
) -> list[RelationMention | None]:
    """A state body qualified by its country, inside its name or just before it: "the Serbian Ministry of Internal
    Affairs", "the United Kingdom Home Office" → the country, named elsewhere in the doc."""
    if not any(t.lower_ in words.qualified_body_words for t in span):
        return []
    doc = span.doc
    first = span.start
    while (
        first > sentence.start and doc[first - 1].dep_ in ("amod", "compound") and doc[first - 1].head.i >= span.start
    ):
        first -= 1
    for end in range(min(span.end - 1, first + 3), first, -1):
        qualifier = doc[first:end]
        if any(t.lower_ in words.state_body_words for t in qualifier) or doc[end].lower_ in words.place_kind_words:
            continue  # "the Lagos State Government" belongs to Lagos State, not to the city of Lagos
        place = _place_named(qualifier.text, named, places, words)
        if place is not None:
            evidence = (doc[first].idx, max(named.end, doc[first].idx))
            return [relation(named, "PART_OF", place, doc[first], sentence, QUALIFIED, evidence=evidence)]
    return []


def _place_named(
    qualifier: str, body: Argument, places: dict[str, list[Argument]], words: RelationWords
) -> Argument | None:
    """The place a qualifier names: the place itself, a nationality of the demonym table, or a nationality that
    begins like a place ("Serbian" → Serbia: the longest shared beginning, at least four letters and all of the
    place's name but its last two)."""
    lower = qualifier.lower()
    names = [lower, *(n.lower() for n in words.demonyms.get(qualifier, ()))]
    candidates = [p for name in names for p in places.get(name, ())]
    if not candidates and " " not in qualifier:
        best = 0
        for name, mentions in places.items():
            shared = _shared_start(lower, name)
            if shared >= 4 and shared >= len(name) - 2 and shared > best:
                best, candidates = shared, mentions
    candidates = [p for p in candidates if p.mention != body.mention]
    if not candidates:
        return None
    before = [p for p in candidates if p.start < body.start]
    return (before or candidates)[-1 if before else 0]


def _shared_start(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _hosted(
    named: Argument, span: Span, args: Arguments, sentence: Span, words: RelationWords
) -> list[RelationMention | None]:
    """ "the Block Museum of Art at Northwestern University": a unit at an institution is part of it."""
    if not any(t.lower_ in words.hosted_unit_words for t in span):
        return []
    doc = span.doc
    if span.end >= sentence.end or doc[span.end].lower_ not in words.host_prepositions:
        return []
    for token in doc[span.end + 1 : min(span.end + 1 + _HOST_GAP, sentence.end)]:
        host = args.mention_of(token)
        if host is not None:
            if host.type != "Organization":
                return []
            return [
                relation(named, "PART_OF", Argument(host, host.start, host.end), doc[span.end], sentence, QUALIFIED)
            ]
    return []


def _case_people(
    named: Argument, span: Span, args: Arguments, sentence: Span, words: RelationWords
) -> list[RelationMention | None]:
    """The people a case is named after: persons undergoing a verb in the clause that names it ("the episode known
    as the Kantrimen case because of the car that hit and killed Jovanović", "the X case, named after Y")."""
    root = span.root
    clause = None
    if root.dep_ == "pobj" and root.head.dep_ == "prep":
        verb = root.head.head
        if verb.lemma_.lower() in words.naming_verbs:
            clause = verb
    if clause is None:
        clause = next((c for c in root.children if c.dep_ == "acl" and c.lemma_.lower() in words.naming_verbs), None)
    if clause is None:
        return []
    found: list[RelationMention | None] = []
    for token in clause.subtree:
        if token.dep_ in ("dobj", "nsubjpass") and token.head.pos_ == "VERB":
            for person in args.arguments(token):
                if person.mention.type == "Person":
                    found.append(relation(person, "PARTICIPATES_IN", named, clause, sentence, QUALIFIED))
    return found
