"""Relations stated by a verb between entity mentions, read from the dependency parse. Offsets are doc offsets.

A verb's type comes from the lexicon (en.toml ``[relations]``): its lemma (``predicate_verbs``), a phrase of the
lemma with its particle, preposition or object noun ("strike down", "vote against", "take part in"), the type of
its object ("signed the act" enacts it, "signed the player" acquires him), and phrases whose object is the
relation's subject ("PSA owns Vauxhall": Vauxhall is part of PSA). Any other verb linking two entities gives an
untyped link named after the verb ("REMOVE", "RELY_ON").

Forms read: active and passive clauses, participles ("Kestrel Media, bought by the Hollis Group"), relative clauses
("Andes Telecom, which signed …"), verbs that complete another ("plans to buy", "met … to sign"), coordinated
verbs and lists of parties ("Chile, Argentina and Bolivia will cooperate": every pair of a symmetric type), and
pronoun or description arguments (nlp.relations.arguments), "in order to" clauses ("raised funds in order to help
X": who raised helps). Stances are also stated by adjectives ("critical of X", "disappointed that X …", en.toml
``[relations.stance_adjectives]``), and their target may be the owner of an act ("criticised Malaysia's policy", "a
policy … which the UN criticised": who holds it). An attack is a stance only when it is verbal: made by a person or
a publication, in a sentence without a word of violence. Negated, hypothetical and questioned verbs state nothing
(nlp.relations.modality).

Confidence (``RelationMention.confidence``; the scale the noun finder shares): 1.0 for an active verb between its
own subject and its direct object, both named; minus 0.1 for each of: a passive or participle, a subject taken from
another verb ("plans to buy", a relative clause's noun), an object behind a preposition; minus 0.2 for each
argument that is a resolved pronoun or description and for an object that owns the act the stance is on. A stance
adjective starts at 0.9 (0.8 through a copula: "was critical of"). Never below 0.3.
"""

from __future__ import annotations

from itertools import combinations
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from nlp.entities.mentions import Mention
from nlp.lexicon.lexicon import Lexicon
from nlp.lexicon.sections import RelationWords
from nlp.relations.arguments import Argument, Arguments, date_phrase, sentence_dates
from nlp.relations.inventory import NON_AGENTS, OBJECT_TYPES, SYMMETRIC, allowed, is_relation_type
from nlp.relations.mention import RelationMention
from nlp.relations.modality import hypothetical, is_fact, negated, questioned

SUBJECT_DEPS = ("nsubj", "csubj")
OBJECT_DEPS = ("dobj", "dative", "oprd", "attr")
_RELATIVE_TAGS = ("WDT", "WP")
# Clause links over which a verb without a subject of its own takes its head's: "plans to buy", "met … to sign",
# "tabled the bill and withdrew it", "signed the deal, ending …".
_INHERITING_DEPS = ("xcomp", "advcl", "conj", "pcomp")
_CLIMB = 3
# English verb endings and what restores the base form, for forms the model lemmatises wrongly.
_INFLECTIONS = (
    ("ied", "y"),
    ("ies", "y"),
    ("ed", "e"),
    ("ed", ""),
    ("d", ""),
    ("es", ""),
    ("s", ""),
    ("ing", "e"),
    ("ing", ""),
)
_FLOOR = 0.3
_PURPOSE_NOUN = "order"  # "in order to": the one English purpose phrase built on a noun
_STANCES = ("SUPPORTS", "OPPOSES")
# How far up from a clause's noun the act it is part of is looked for: "a policy of turning away boats of migrants".
_ACT_CLIMB = 5
# Prepositions that put a provision into a law: "introduce the legal basis … in a proposed new police law".
_PLACING_PREPOSITIONS = ("in", "into")


class _Object(NamedTuple):
    argument: Argument
    preposition: str | None  # None for a direct object or a passive subject
    noun: Token | None  # the object noun a preposition hangs on ("signed a deal with X": deal), if not the verb
    act: bool = False  # the owner of an act the verb takes a stance on ("criticised Malaysia's policy")


def verbal_relations(
    doc: Doc, mentions: list[Mention], lexicon: Lexicon, args: Arguments | None = None
) -> list[RelationMention]:
    """Relations stated by a verb between entity mentions, one per subject/verb/object combination."""
    words = lexicon.relations
    args = args if args is not None else Arguments(doc, mentions, words)
    relations: list[RelationMention] = []
    stance_heads = {phrase.split()[0] for phrase in words.stance_of}
    for sentence in args.sentences.sentences:
        dates: list[Span] | None = None
        for token in sentence:
            if token.lower_ in stance_heads and token.pos_ in ("ADJ", "VERB"):
                dates = sentence_dates(sentence) if dates is None else dates
                relations.extend(_stance_relations(token, args, sentence, dates, words))
            if token.pos_ != "VERB" or token.lemma_.lower() in words.generic_excluded:
                continue
            refused = False
            if not is_fact(token, words):
                refused = _first_person_refusal(token, args, words)
                if not refused:
                    continue
            if dates is None:
                dates = sentence_dates(sentence)
            found = _relations_of_verb(token, args, sentence, dates, words)
            if refused:  # "I do not support the bill at all": a stance against it
                found = [r._replace(predicate="OPPOSES") for r in found if r.predicate == "SUPPORTS"]
            relations.extend(found)
    return relations


def _first_person_refusal(verb: Token, args: Arguments, words: RelationWords) -> bool:
    """A speaker's own negated support ("I don't support Uber at all"), which RELATIONS.md counts as opposition;
    a negated support in the third person reports no stance."""
    if words.predicate_of.get(verb.lemma_.lower()) != "SUPPORTS" or questioned(verb) or hypothetical(verb, words):
        return False
    speakers = [c for c in verb.children if c.dep_ == "nsubj" and c.lower_ in words.first_person_words]
    return bool(speakers) and negated(verb, words) and args.argument(speakers[0]) is not None


def _stance_relations(
    adjective: Token, args: Arguments, sentence: Span, dates: list[Span], words: RelationWords
) -> list[RelationMention]:
    """A stance stated by an adjective: "the union was critical of the plan", "X, critical of Y,", "disappointed
    with NASA's decision", "disappointed that NASA did not choose them" (the clause's subject is the target)."""
    holder = adjective
    actors = [c for c in adjective.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not actors and adjective.dep_ in ("acomp", "xcomp", "oprd") and adjective.head is not adjective:
        holder = adjective.head
        actors = [c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not actors and adjective.dep_ in ("amod", "appos") and adjective.head is not adjective:
        actors = [adjective.head]
    if not actors or not is_fact(holder, words):
        return []
    subjects = [a for t in actors for a in args.arguments(_stand_for(t, holder))]
    if not subjects:
        return []
    avoid = subjects[0].mention if len(subjects) == 1 else None
    date = date_phrase(holder, dates)
    found = []
    for child in adjective.children:
        kind = words.stance_of.get(f"{adjective.lower_} {child.lower_}") if child.dep_ == "prep" else None
        targets = [p for p in child.children if p.dep_ == "pobj"] if kind else []
        if child.dep_ in ("ccomp", "advcl") and (kind := words.stance_of.get(f"{adjective.lower_} that")):
            targets = [c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")]
        for target in targets:
            objects = args.arguments(target, avoid=avoid) or _act_owners(target, adjective, args, avoid)
            for subject in subjects:
                for obj in objects:
                    if kind is not None and obj.mention != subject.mention:
                        confidence = 0.9 - 0.1 * (holder is not adjective)
                        found.append(_relation(subject, kind, obj, adjective, sentence, date, confidence))
    return found


def verb_lemma(verb: Token, words: RelationWords) -> str:
    """The verb's lemma, or the lexicon verb its form is of when the model's lemma is none ("fined" → "fin")."""
    lemma = verb.lemma_.lower()
    if lemma in words.predicate_of:
        return lemma
    lower = verb.lower_
    for ending, restore in _INFLECTIONS:
        if lower.endswith(ending) and (stem := lower[: -len(ending)] + restore) in words.predicate_of:
            return stem
    return lemma


def _is_passive(verb: Token) -> bool:
    if any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in verb.children):
        return True
    if verb.tag_ != "VBN":
        return False
    if verb.dep_ == "acl":
        return True  # "Kestrel Media, bought by …", "the bill, withdrawn in 2021"
    # "was arrested and charged": a participle coordinated with a passive verb, without an auxiliary of its own
    own_aux = any(c.dep_ in ("aux", "nsubj") for c in verb.children)
    return verb.dep_ == "conj" and not own_aux and _is_passive(verb.head)


def _stand_for(token: Token, verb: Token) -> Token:
    """A relative pronoun stands for the noun its clause qualifies ("Andes Telecom, which signed …")."""
    if token.tag_ in _RELATIVE_TAGS and verb.dep_ == "relcl" and verb.head is not verb:
        return verb.head
    return token


def _agents(verb: Token) -> list[Token]:
    return [p for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]


def _actor_tokens(verb: Token, passive: bool) -> tuple[list[Token], bool]:
    """The tokens naming who acts, and whether they were taken from another verb than this one."""
    if passive:
        agents = _agents(verb)
        if agents or verb.dep_ != "conj":
            return agents, False
        return _agents(verb.head), True  # "was arrested and charged by police"
    own = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if own:
        tokens = [_stand_for(c, verb) for c in own]
        return tokens, any(t is not c for t, c in zip(tokens, own, strict=True))
    current = verb
    for _level in range(_CLIMB):
        head = current.head
        if head is current:
            return [], False
        purpose = _purpose_verb(current)
        if purpose is not None:  # "requested donations … in order to help Montalvo": who requested helps
            found = [_stand_for(c, purpose) for c in purpose.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
            if found:
                return found, True
            current = purpose
            continue
        if current.dep_ == "acl":
            return [head], True  # "a firm supplying drones to …"
        if current.dep_ == "relcl":
            return [], False
        if current.dep_ not in _INHERITING_DEPS or head.pos_ not in ("VERB", "AUX"):
            return [], False
        if current.dep_ == "xcomp":
            controllers = [c for c in head.children if c.dep_ == "dobj"]
            if controllers:
                return controllers, True  # "led the country to sign": the country signs
        found = [_stand_for(c, head) for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
        if found:
            return found, True
        current = head
    return [], False


def _purpose_verb(verb: Token) -> Token | None:
    """The verb an "in order to" clause serves: the parse hangs the clause on "order"."""
    order = verb.head
    if verb.dep_ != "acl" or order.lower_ != _PURPOSE_NOUN or order.dep_ != "pobj":
        return None
    preposition = order.head
    if preposition.lower_ != "in" or preposition.head.pos_ not in ("VERB", "AUX"):
        return None
    return preposition.head


def _patient_tokens(verb: Token, passive: bool) -> list[Token]:
    """The tokens naming what a verb acts on, without a preposition: its direct object, or in the passive its
    subject or the noun its participle qualifies."""
    if passive:
        found = [_stand_for(c, verb) for c in verb.children if c.dep_ == "nsubjpass"]
        if not found and verb.dep_ == "acl":
            found = [verb.head]
        if not found and verb.dep_ == "conj":
            found = [c for c in verb.head.children if c.dep_ == "nsubjpass"]
        return found
    found = [_stand_for(c, verb) for c in verb.children if c.dep_ in OBJECT_DEPS]
    if verb.dep_ == "relcl" and not found and any(c.dep_ == "nsubj" for c in verb.children):
        found = [verb.head]  # "the bill parliament passed"
    return found


def _prepositional(head: Token) -> list[tuple[Token, str]]:
    """A head's prepositional objects, also behind a preposition the parse calls a dative ("gave $5 million to X")."""
    return [
        (pobj, prep.lower_)
        for prep in head.children
        if prep.dep_ == "prep" or (prep.dep_ == "dative" and prep.pos_ == "ADP")
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]


def _objects(
    verb: Token, passive: bool, args: Arguments, avoid: Mention | None, stance: bool, only: frozenset[str] | None
) -> list[_Object]:
    found: list[_Object] = []

    def add(token: Token, preposition: str | None, noun: Token | None) -> None:
        named = [_Object(a, preposition, noun) for a in args.arguments(token, avoid=avoid, only=only)]
        if not named and stance:
            named = [_Object(a, preposition, noun, True) for a in _act_owners(token, verb, args, avoid)]
        if not named and stance:
            named = [_Object(a, preposition, noun, True) for a in _effort_targets(token, args, avoid)]
        found.extend(named)

    patients = _patient_tokens(verb, passive)
    for token in patients:
        add(token, None, None)
    for token, preposition in _prepositional(verb):
        add(token, preposition, None)
        if args.mention_of(token) is None and token.pos_ == "NOUN":
            # "voted in favour of the bill": the stance phrase's object is the verb's
            for inner, second in _prepositional(token):
                phrase = f"{preposition} {token.lower_} {second}"
                if phrase in args.words.stance_phrase_of:
                    found.extend(_Object(a, phrase, None) for a in args.arguments(inner, avoid=avoid))
    for noun in _object_nouns(patients, args):
        for token, preposition in _prepositional(noun):
            add(token, preposition, noun)
    if not passive and args.words.predicate_of.get(verb.lemma_.lower()) == "PROPOSES":
        found.extend(_Object(a, None, None) for a in _receiving_laws(verb, patients, args, avoid))
    return found


def _receiving_laws(verb: Token, patients: list[Token], args: Arguments, avoid: Mention | None) -> list[Argument]:
    """The law a proposed provision is put in: "sought to introduce the legal basis for its use in a proposed new
    police law" proposes the law (the parse hangs "in …" on the verb or anywhere in the provision's phrase)."""
    provisions = [noun for noun in patients if args.mention_of(noun) is None and noun.pos_ in ("NOUN", "PRON")]
    if not provisions:
        return []
    places = [t for noun in provisions for t in noun.subtree if t.dep_ == "pobj"]
    places += [t for t, preposition in _prepositional(verb) if preposition in _PLACING_PREPOSITIONS]
    found: dict[Mention, Argument] = {}
    for token in places:
        if token.head.lower_ not in _PLACING_PREPOSITIONS:
            continue
        for argument in args.arguments(token, avoid=avoid):
            if argument.mention.type == "Law":
                found.setdefault(argument.mention, argument)
    return list(found.values())


def _act_owners(token: Token, verb: Token, args: Arguments, avoid: Mention | None) -> list[Argument]:
    """Who owns the act a noun is part of: its possessor ("Malaysia's policy", "NASA's decision") or the subject
    of the verb that has it ("Malaysia and Indonesia have maintained a policy of turning away boats … which the UN
    criticised")."""
    acts = args.words.act_nouns
    current = token
    for _step in range(_ACT_CLIMB):
        if current.lower_ in acts or current.lemma_.lower() in acts:
            break
        if current.dep_ not in ("dobj", "pobj", "pcomp", "prep") or current.head is current or current.head is verb:
            return []
        current = current.head
    else:
        return []
    if current.pos_ != "NOUN":
        return []
    owners = [a for c in current.children if c.dep_ == "poss" for a in args.arguments(c, avoid=avoid)]
    if owners or current.dep_ != "dobj" or current.head is verb:
        return owners
    return [a for c in current.head.children if c.dep_ == "nsubj" for a in args.arguments(c, avoid=avoid)]


# What a government does to a law or a programme: "the government withdrew the bill".
_LAW_LIFE = ("PROPOSES", "ENACTS", "WITHDRAWS")


def _national_government(actor_tokens: list[Token], args: Arguments, words: RelationWords) -> list[Argument]:
    """ "The government" acting on a law, with no name near to take it up, is the government of the country the
    article is about (Arguments.article_country); a government qualified by anything ("the Russian government",
    "the city government") is left alone."""
    country = args.article_country()
    if country is None:
        return []
    found = []
    for token in actor_tokens:
        bare = all(c.dep_ == "det" and c.lower_ == "the" for c in token.children if c.i < token.i)
        if token.lemma_.lower() in words.national_government_nouns and bare:
            found.append(Argument(country, token.idx, token.idx + len(token.text), resolved=True))
    return found


def _names_a_government(argument: Argument, words: RelationWords) -> bool:
    return any(word in words.national_government_nouns for word in argument.mention.text.lower().split())


def _effort_targets(token: Token, args: Arguments, avoid: Mention | None) -> list[Argument]:
    """The law or event an effort's clause acts on: "criticised attempts to include biometric surveillance in the
    2021 draft law" takes a stance on the law. An effort to withdraw or repeal it gives none: the stance on the law
    would be the opposite one."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in args.words.effort_nouns:
        return []
    found: dict[Mention, Argument] = {}
    for clause in token.children:
        if clause.dep_ not in ("acl", "xcomp") or clause.pos_ != "VERB":
            continue
        if args.words.predicate_of.get(clause.lemma_.lower()) == "WITHDRAWS":
            return []
        for inner in clause.subtree:
            mention = args.mention_of(inner)
            if mention is None or mention.type not in ("Law", "Event") or mention in found:
                continue
            found.update((a.mention, a) for a in args.arguments(inner, avoid=avoid))
    return list(found.values())


def _object_nouns(patients: list[Token], args: Arguments) -> list[Token]:
    """Object nouns naming no entity, whose prepositions may name one ("signed a contract with X"), and the noun a
    quantity stands for ("buys most of its vaccines from X")."""
    found = []
    for noun in patients:
        if args.mention_of(noun) is not None:
            continue
        found.append(noun)
        if noun.pos_ in ("ADJ", "NUM", "PRON", "DET") or noun.lower_ in ("part", "half", "share", "bulk"):
            found += [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
    return found


def _phrase_keys(verb: Token, obj: _Object, lemma: str) -> list[str]:
    """The lexicon phrases a verb and one of its objects may make, the most specific first."""
    particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
    nouns = _object_words(verb)
    keys = []
    if obj.preposition is not None:
        keys += [f"{lemma} {p} {obj.preposition}" for p in particles]
        keys += [f"{lemma} {n} {obj.preposition}" for n in nouns]
        keys.append(f"{lemma} {obj.preposition}")
    else:
        keys += [f"{lemma} {p}" for p in particles]
        # "took Uber to court": the direct object with the verb's preposition and its noun
        keys += [f"{lemma} {p} {t.lower_}" for t, p in _prepositional(verb) if t.pos_ == "NOUN"]
    return keys


def _object_words(verb: Token) -> list[str]:
    """The verb's object nouns as lemma and as written: "held talks" is "talk" to the model."""
    nouns = [c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"]
    return list(dict.fromkeys(w for c in nouns for w in (c.lemma_.lower(), c.lower_)))


def _own_type(verb: Token, lemma: str, words: RelationWords) -> str | None:
    """The type of a verb without its objects: its lemma's, or its phrase with its object noun ("held talks")."""
    for noun in _object_words(verb):
        if (phrased := words.phrase_of.get(f"{lemma} {noun}")) is not None:
            return phrased
    return words.predicate_of.get(lemma)


def _states_own_type(verb: Token, lemma: str, own: str, args: Arguments) -> bool:
    """Whether what a verb does between its subjects is its type: with no object ("will cooperate"), or an object
    noun of the type ("signed a cocoa agreement", "held talks"); "signed books" is no agreement between signers."""
    nouns = [c for c in verb.children if c.dep_ == "dobj" and args.mention_of(c) is None]
    words = args.words
    return not nouns or any(
        own in (words.noun_predicate_of.get(key), words.phrase_of.get(f"{lemma} {key}"))
        for c in nouns
        for key in (c.lemma_.lower(), c.lower_)
    )


def _gives_money(verb: Token, words: RelationWords) -> bool:
    """Whether what a verb gives is money: its direct object is an amount ("$5 million", "20 million euros")."""
    given = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(c.lower_ in words.currency_words or any(t.ent_type_ == "MONEY" for t in c.subtree) for c in given)


def _is_dative(obj: _Object, verb: Token) -> bool:
    """Whether an object is the recipient written before the thing given ("gave the hospital $2m")."""
    if obj.preposition is not None:
        return False
    return any(c.dep_ == "dative" and obj.argument.start <= c.idx < obj.argument.end for c in verb.children)


def _verbal_attack(subject: Argument, sentence: Span, words: RelationWords) -> bool:
    """Whether an attack is in words (RELATIONS.md: OPPOSES) rather than physical (no relation): made by a person
    or a publication, in a sentence without a word of violence."""
    mention = subject.mention
    writes = mention.type == "Person" or (
        mention.type == "Organization" and any(w in words.publication_words for w in mention.text.lower().split())
    )
    return writes and not any(t.lower_ in words.violence_words for t in sentence)


def _predicate(verb: Token, obj: _Object, subject_type: str, words: RelationWords) -> tuple[str | None, bool]:
    """The relation type (or an untyped link's name, or None for no relation) and whether subject and object swap
    places."""
    lemma = verb_lemma(verb, words)
    object_type = obj.argument.mention.type
    if obj.preposition in words.stance_phrase_of:
        judged = lemma in words.judging_verbs
        return (None, False) if judged else (words.stance_phrase_of[obj.preposition], False)
    for key in _phrase_keys(verb, obj, lemma):
        if key in words.phrase_of:
            phrased, inverse = words.phrase_of[key], key in words.inverse_phrases
            if allowed(phrased, *((object_type, subject_type) if inverse else (subject_type, object_type))):
                return phrased, inverse
    typed: str | None = words.predicate_of.get(lemma)
    if obj.preposition is None:  # "signed the act", "signed the player"; not "signed a deal with the president"
        typed = words.object_type_verbs.get(f"{lemma} {object_type}", typed)
    if typed is not None and obj.preposition is not None:
        if typed == "ACQUIRES" and obj.preposition in words.seller_prepositions:
            return "SUPPLIES", True  # "bought cameras from Axon": Axon supplies the buyer
        if obj.preposition not in words.verb_object_prepositions.get(typed, ()):
            typed = None
    swapped = lemma in words.inverse_phrases
    if typed == "ENACTS" and subject_type in NON_AGENTS and lemma in words.law_passing_verbs:
        swapped = True  # "the bill passed the Senate": the Senate enacts it
    if typed is not None and allowed(typed, *((object_type, subject_type) if swapped else (subject_type, object_type))):
        return typed, swapped
    if obj.preposition in words.unlinked_prepositions:
        return None, False  # "met Biden in Ottawa": a place or time, no link
    name = lemma.upper().replace("-", "_")
    return name + (f"_{obj.preposition.upper()}" if obj.preposition else ""), False


def _actor_is_patient(verb: Token, words: RelationWords) -> bool:
    lemma = verb.lemma_.lower()
    return any(f"{lemma} {c.lower_}" in words.passive_actor_phrases for c in verb.children if c.dep_ == "prep")


def _relations_of_verb(
    verb: Token, args: Arguments, sentence: Span, dates: list[Span], words: RelationWords
) -> list[RelationMention]:
    passive = _is_passive(verb)
    actor_tokens, inherited = _actor_tokens(verb, passive)
    if passive and not actor_tokens and _actor_is_patient(verb, words):
        actor_tokens, passive = _patient_tokens(verb, passive), False  # "the bank was involved in the scandal"
    subjects = [a for t in actor_tokens for a in args.arguments(t)]
    lemma = verb_lemma(verb, words)
    own = _own_type(verb, lemma, words)
    government = _national_government(actor_tokens, args, words) if own in _LAW_LIFE else []
    if government and not any(_names_a_government(s, words) for s in subjects if s.resolved):
        # "the government withdrew the bill": the country's, not the nearest organisation of any kind (a parliament)
        subjects = [s for s in subjects if not s.resolved] or government
    if not subjects:
        return []
    stance = own in _STANCES or lemma in words.verbal_attack_verbs
    only = OBJECT_TYPES.get(own) if own is not None else None
    objects = _objects(verb, passive, args, subjects[0].mention if len(subjects) == 1 else None, stance, only)
    kind_of = subjects[0].mention.type
    parties = [o for o in objects if is_relation_type(_predicate(verb, o, kind_of, words)[0] or "")]
    if not parties and own in SYMMETRIC and len(subjects) > 1 and _states_own_type(verb, lemma, own, args):
        # "Ghana and Ivory Coast signed …", "Chile, Argentina and Bolivia will cooperate", "delegations from
        # Ethiopia and Egypt held talks": every pair
        pairs = combinations(subjects, 2)
        kind = own
        date = date_phrase(verb, dates)
        base = 1.0 - 0.1 * inherited
        return [
            _relation(first, kind, second, verb, sentence, date, base)
            for first, second in pairs
            if first.mention != second.mention
        ]
    base = 1.0 - 0.1 * passive - 0.1 * inherited
    if words.predicate_of.get(lemma) in words.giving_types:
        recipients = words.verb_object_prepositions.get(words.predicate_of[lemma], ())
        if any(o.preposition in recipients for o in objects):
            # "donated Polaroids to USI": with a recipient named, the direct object is the thing given
            objects = [o for o in objects if o.preposition is not None]
    nouns = tuple(o.noun for o in objects if o.noun is not None)
    date = date_phrase(verb, dates, nouns)
    money = lemma in words.money_verbs and _gives_money(verb, words)
    found = []
    for subject in subjects:
        for obj in objects:
            if obj.argument.mention == subject.mention:
                continue
            predicate, swapped = _predicate(verb, obj, subject.mention.type, words)
            if lemma in words.verbal_attack_verbs and obj.preposition is None:
                predicate = "OPPOSES" if _verbal_attack(subject, sentence, words) else None
            if money and (obj.preposition in words.money_prepositions or _is_dative(obj, verb)):
                predicate, swapped = "FUNDS", False  # "gave $5 million to the institute"
            if predicate is None or (obj.act and predicate not in _STANCES):
                continue
            first, second = (obj.argument, subject) if swapped else (subject, obj.argument)
            confidence = base - 0.1 * (obj.preposition is not None) - 0.2 * obj.act
            found.append(_relation(first, predicate, second, verb, sentence, date, confidence))
    return found


def _relation(
    subject: Argument,
    predicate: str,
    obj: Argument,
    verb: Token,
    sentence: Span,
    date: tuple[int, int] | None,
    confidence: float,
) -> RelationMention:
    confidence -= 0.2 * subject.resolved + 0.2 * obj.resolved
    start = max(sentence.start_char, min(subject.start, obj.start, verb.idx))
    end = min(sentence.end_char, max(subject.end, obj.end, verb.idx + len(verb.text)))
    return RelationMention(
        (subject.mention.start, subject.mention.end),
        predicate,
        (obj.mention.start, obj.mention.end),
        start,
        end,
        (sentence.start_char, sentence.end_char),
        date,
        round(max(_FLOOR, confidence), 2),
    )
