"""Relations between entity mentions, read from the dependency parse, with the sentence as evidence.

Typed predicates come from the lexicon's verbs (en.toml ``[relations]``: agreements, purchases, criticism and
support, meetings, laws, use of a product, legal action); any other verb linking two entities gives a generic
subject–verb–object triple named after the verb ("REMOVE", "RELY_ON"). Offsets are doc offsets.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from nlp.entities.mentions import Mention
from nlp.lexicon.lexicon import Lexicon
from nlp.lexicon.sections import RelationWords
from nlp.relations.arguments import Arguments, date_phrase, sentence_dates
from nlp.relations.inventory import SYMMETRIC, allowed
from nlp.relations.mention import RelationMention
from nlp.relations.modality import is_fact

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
OBJECT_DEPS = {"dobj", "attr", "dative", "oprd"}


def _mention_of(token: Token, mentions: list[Mention]) -> Mention | None:
    for mention in mentions:
        if mention.start <= token.idx < mention.end:
            return mention
    return None


def _with_conjuncts(token: Token) -> list[Token]:
    return [token, *token.conjuncts]


def _subjects(verb: Token) -> list[Token]:
    found = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if not found and verb.dep_ in {"xcomp", "advcl", "conj"} and verb.head is not verb:
        found = [c for c in verb.head.children if c.dep_ in SUBJECT_DEPS]  # "X met Y to sign …"
    passive = [c for c in verb.children if c.dep_ == "agent"]
    if passive:  # "the driver was arrested by police": the agent is the subject
        found = [g for a in passive for g in a.children if g.dep_ == "pobj"]
    return [t for s in found for t in _with_conjuncts(s)]


def _objects(verb: Token, words: RelationWords) -> list[tuple[Token, str | None]]:
    """Object tokens with the preposition that introduces them (None for a direct object)."""
    found: list[tuple[Token, str | None]] = []
    if any(c.dep_ == "agent" for c in verb.children):
        found += [(t, None) for c in verb.children if c.dep_ == "nsubjpass" for t in _with_conjuncts(c)]
    heads = [verb] + [c for c in verb.children if c.dep_ in OBJECT_DEPS]
    for head in heads:
        if head is not verb:
            found += [(t, None) for t in _with_conjuncts(head)]
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ not in words.unlinked_prepositions):
            found += [(t, prep.lower_) for p in prep.children if p.dep_ == "pobj" for t in _with_conjuncts(p)]
    return found


def _predicate(verb: Token, preposition: str | None, object_type: str, words: RelationWords) -> tuple[str, bool]:
    """The relation type (or an untyped link's name) and whether subject and object swap places."""
    lemma = verb.lemma_.lower()
    typed = words.predicate_of.get(lemma)
    if lemma in words.law_signing_verbs and object_type == "Law":
        typed = "ENACTS"
    if typed == "ACQUIRES" and preposition in words.seller_prepositions:
        return "SUPPLIES", True  # "Toronto Police bought cameras from Axon": Axon supplies Toronto Police
    if typed and allowed(typed, "Organization", object_type):
        return typed, False
    return lemma.upper().replace("-", "_") + (f"_{preposition.upper()}" if preposition else ""), False


def _relations_of_verb(
    verb: Token, found_args: Arguments, sentence: Span, words: RelationWords
) -> list[RelationMention]:
    subjects = [a for t in _subjects(verb) if (a := found_args.argument(t))]
    objects = [(a, p) for t, p in _objects(verb, words) if (a := found_args.argument(t))]
    date = date_phrase(verb, sentence_dates(sentence))
    found = []
    sentence_span = (sentence.start_char, sentence.end_char)
    if not objects and words.predicate_of.get(verb.lemma_.lower()) in SYMMETRIC and len(subjects) > 1:
        objects = [(a, None) for a in subjects[1:]]  # "Vučić and Hoti met"
        subjects = subjects[:1]
    for subject in subjects:
        for obj, preposition in objects:
            if obj.mention == subject.mention:
                continue
            start = max(sentence.start_char, min(subject.start, obj.start, verb.idx))
            end = min(sentence.end_char, max(subject.end, obj.end, verb.idx + len(verb.text)))
            predicate, swapped = _predicate(verb, preposition, obj.mention.type, words)
            first, second = (obj.mention, subject.mention) if swapped else (subject.mention, obj.mention)
            found.append(
                RelationMention(
                    (first.start, first.end), predicate, (second.start, second.end), start, end, sentence_span, date
                )
            )
    return found


def verbal_relations(doc: Doc, mentions: list[Mention], lexicon: Lexicon) -> list[RelationMention]:
    """Relations stated by a verb between entity mentions, one per subject/verb/object combination."""
    words = lexicon.relations
    found_args = Arguments(doc, mentions, words)
    relations = []
    for sentence in doc.sents:
        for token in sentence:
            if token.pos_ == "VERB" and token.lemma_.lower() not in words.generic_excluded and is_fact(token, words):
                relations.extend(_relations_of_verb(token, found_args, sentence, words))
    return relations
