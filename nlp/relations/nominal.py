"""Relations stated by a noun rather than a verb: "Serbia's agreement with China", "the deal between A and B", "the
purchase of software from Griffeye", "the investigation of A by B", "a grant from A to B"; and a product standing
for its maker beside a verb of use or purchase ("Griffeye's software is used by Europol"). Offsets are doc offsets.

A relation noun (en.toml ``[relations.predicate_nouns]``) takes its actor from its possessor, an agent preposition
("by", "from") or, when it is the object of a verb that carries it out ("signed a deal", "arrange the purchase"),
that verb's subject; its other party follows one of the type's object prepositions, or both parties follow
"between". Nouns in negated, hypothetical or questioned clauses state nothing (nlp.relations.modality). The
confidence scale is in nlp.relations.clauses.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from nlp.entities.mentions import Mention
from nlp.lexicon.lexicon import Lexicon
from nlp.lexicon.sections import RelationWords
from nlp.relations.arguments import Argument, Arguments, date_phrase, sentence_dates
from nlp.relations.clauses import CARRIED, STATED, clause_subjects, objects_after, relation
from nlp.relations.inventory import SYMMETRIC
from nlp.relations.mention import RelationMention
from nlp.relations.modality import governing_verb, is_fact
from nlp.relations.structure import founded_events, noun_key, structure_relations

# Types whose object is a thing bought, sold or used: its maker stands for it ("the use of Griffeye's software").
PRODUCT_TYPES = frozenset({"SUPPLIES", "ACQUIRES", "USES"})
_CARRIED_DEPS = ("dobj", "attr", "oprd")


def nominal_relations(
    doc: Doc, mentions: list[Mention], lexicon: Lexicon, args: Arguments | None = None
) -> list[RelationMention]:
    """Relations stated by nouns, by products standing for their makers, and by structure (nlp.relations.structure)."""
    words = lexicon.relations
    args = args if args is not None else Arguments(doc, mentions, words)
    found: list[RelationMention | None] = []
    for sentence in args.sentences.sentences:
        dates = sentence_dates(sentence)
        for token in sentence:
            if token.pos_ in ("NOUN", "PROPN") and args.mention_of(token) is None:
                kind = next((k for key in noun_key(token) if (k := words.noun_predicate_of.get(key))), None)
                if kind is not None and is_fact(token, words):
                    found.extend(_noun_relations(token, kind, args, sentence, dates))
            elif _product_verb(token, words) and is_fact(token, words):
                found.extend(_product_relations(token, args, sentence, dates))
    found.extend(structure_relations(doc, args, lexicon))
    return [r for r in found if r is not None]


def _product_verb(token: Token, words: RelationWords) -> bool:
    return token.pos_ == "VERB" and words.predicate_of.get(token.lemma_.lower()) in PRODUCT_TYPES


def _noun_relations(
    noun: Token, kind: str, args: Arguments, sentence: Span, dates: list[Span]
) -> list[RelationMention | None]:
    words = args.words
    verb = governing_verb(noun)
    date = date_phrase(verb if verb is not None and noun.dep_ in _CARRIED_DEPS else noun, dates, (noun,))
    confidence = STATED
    agents = [a for c in noun.children if c.dep_ == "poss" for a in args.arguments(c)]
    ours = [c for c in noun.children if c.dep_ == "poss" and c.lower_ in words.first_person_plural_words]
    seller_preps = words.seller_prepositions if kind == "ACQUIRES" else frozenset()
    agent_preps = words.noun_agent_prepositions - seller_preps
    agents += [a for t in objects_after(noun, agent_preps) for a in args.arguments(t)]
    sellers = [a for t in objects_after(noun, seller_preps) for a in args.arguments(t)]
    targets, owners = _targets(noun, kind, args)
    if ours and not agents and targets and all(a.mention.type == "Location" for a in targets):
        agents = _speakers_country(ours[0], args, targets)
    receivers: list[Argument] = []
    if verb is not None and noun.dep_ in _CARRIED_DEPS and noun.head.i == verb.i:
        lemma = verb.lemma_.lower()
        if lemma in words.noun_receiving_verbs:
            receivers = clause_subjects(verb, args)
            if not agents:
                agents = _givers(verb, noun, args)
        elif not agents and lemma in words.noun_carrier_verbs:
            agents, confidence = clause_subjects(verb, args), CARRIED
            if not targets and kind not in PRODUCT_TYPES:
                # "maintains close relations with Beijing": the parse hangs the noun's "with" on its verb
                targets = [
                    a
                    for t in objects_after(verb, words.noun_object_prepositions.get(kind, ()))
                    for a in args.arguments(t)
                ]
    found: list[RelationMention | None] = []

    def add(subject: Argument, predicate: str, obj: Argument, weight: float = confidence) -> None:
        found.append(relation(subject, predicate, obj, noun, sentence, weight, date))

    if kind in SYMMETRIC:
        pairs = [a for t in objects_after(noun, words.noun_pair_prepositions) for a in args.arguments(t)]
        for i, first in enumerate(pairs):
            for second in pairs[i + 1 :]:
                add(first, kind, second, STATED)
    if receivers and kind == "AGREEMENT_WITH":
        # "won a contract from the Lagos State Government": the winner supplies the one awarding it.
        for receiver in receivers:
            for agent in agents:
                add(receiver, "SUPPLIES", agent, CARRIED)
        return found
    targets = targets or receivers
    if kind == "ACQUIRES":
        for buyer in agents or receivers:
            for seller in sellers + owners:
                add(seller, "SUPPLIES", buyer)
            for target in targets:
                add(buyer, kind, target)
        return found
    if kind == "SUPPLIES":
        agents = agents or owners
    for agent in agents:
        for target in targets + (owners if kind == "USES" else []):
            add(agent, kind, target)
    if kind in ("AGREEMENT_WITH", "PARTNERS_WITH"):
        parties = list({a.mention: a for a in agents + targets}.values())
        for event in founded_events(noun, verb, args):
            for party in parties:
                add(party, "PARTICIPATES_IN", event)
    return found


def _speakers_country(word: Token, args: Arguments, others: list[Argument]) -> list[Argument]:
    """ "Our deals with Albania and France," said in a quotation by a named person dealing with countries: the
    speaker speaks for the country the article is about."""
    if args.speaker_of(word) is None:
        return []
    country = args.article_country()
    if country is None or any(o.mention.text.lower() == country.text.lower() for o in others):
        return []
    return [Argument(country, word.idx, word.idx + len(word.text), resolved=True)]


def _givers(verb: Token, noun: Token, args: Arguments) -> list[Argument]:
    """The givers of what a verb of receiving names when the parse hangs them on the verb: "received a grant from
    X", "received support online ranging from A to B" (a range word makes "to" name a giver too)."""
    preps = set(args.words.noun_agent_prepositions)
    heads = [verb]
    ranges = [c for h in (verb, noun) for c in h.children if c.lower_ in args.words.range_words]
    if ranges:
        preps.add("to")
        heads += ranges
    return [a for h in heads for t in objects_after(h, frozenset(preps)) for a in args.arguments(t)]


def _targets(noun: Token, kind: str, args: Arguments) -> tuple[list[Argument], list[Argument]]:
    """The other party of a relation noun, and for a product type the makers of the thing it names ("the purchase
    of facial recognition software", "the use of Griffeye's software")."""
    targets: list[Argument] = []
    owners: list[Argument] = []
    for token in objects_after(noun, args.words.noun_object_prepositions.get(kind, ())):
        for member in _members(token):
            if kind in PRODUCT_TYPES and _is_thing(member, args):
                owners.extend(product_owners(member, args))
            elif (found := args.argument(member)) is not None:
                targets.append(found)
    return targets, owners


def _is_thing(token: Token, args: Arguments) -> bool:
    """A common noun that names no entity itself ("software" in "Griffeye's software"); "the port operator Terminal
    Sul" and "the company" after a name do."""
    if token.pos_ != "NOUN" or args.mention_of(token) is not None or args.stand_in_types(token):
        return False
    return not any(c.dep_ == "appos" and args.mention_of(c) is not None for c in token.children)


def _members(token: Token) -> list[Token]:
    return [token, *token.conjuncts]


def product_owners(thing: Token, args: Arguments) -> list[Argument]:
    """The makers of a thing that names none itself: "Griffeye's software", "software from Trafficon", "software
    made by Veritec", "scanners supplied by Irisgate"."""
    if args.mention_of(thing) is not None:
        return []
    found = [a for c in thing.children if c.dep_ in ("poss", "compound") for a in args.arguments(c)]
    found += [a for t in objects_after(thing, ("from", "by")) for a in args.arguments(t)]
    for clause in thing.children:
        if clause.dep_ == "acl" and clause.lemma_.lower() in args.words.product_makers:
            found += [a for t in objects_after(clause, ("by", "from")) for a in args.arguments(t)]
    # "tweeted using his clock": what a person or a pronoun owns is a possession, not a maker's product.
    return [a for a in found if not a.resolved and a.mention.type != "Person"]


def _product_relations(verb: Token, args: Arguments, sentence: Span, dates: list[Span]) -> list[RelationMention | None]:
    """A verb of use or purchase whose object is a product of a named maker: "Europol uses Griffeye's software",
    "Griffeye's software is used by Europol", "is considering buying Aerotek's software" (Aerotek supplies)."""
    words = args.words
    kind = words.predicate_of[verb.lemma_.lower()]
    passive = any(c.dep_ == "agent" for c in verb.children)
    thing_deps = ("nsubjpass",) if passive else ("dobj",)
    things = [t for c in verb.children if c.dep_ in thing_deps for t in _members(c)]
    owners = [a for t in things for a in product_owners(t, args)]
    if not owners:
        return []
    if passive:
        users = [a for t in objects_after(verb, ("by",)) for a in args.arguments(t)]
    else:
        users = clause_subjects(verb, args)
    date = date_phrase(verb, dates)
    found: list[RelationMention | None] = []
    for user in users:
        for owner in owners:
            if kind == "ACQUIRES":
                found.append(relation(owner, "SUPPLIES", user, verb, sentence, CARRIED, date))
            else:
                found.append(relation(user, kind, owner, verb, sentence, CARRIED, date))
                if kind == "USES" and _supplied(things, words):
                    found.append(relation(owner, "SUPPLIES", user, verb, sentence, CARRIED, date))
    return found


def _supplied(things: list[Token], words: RelationWords) -> bool:
    """Whether the maker of a thing is said to have supplied it ("passport scanners supplied by Irisgate")."""
    return any(
        c.dep_ == "acl" and words.predicate_of.get(c.lemma_.lower()) == "SUPPLIES" for t in things for c in t.children
    )
