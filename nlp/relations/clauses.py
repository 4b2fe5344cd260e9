"""What the noun and structure finders share: the actors of a clause and the record of one relation they find.

Confidence of a relation (``RelationMention.confidence``), one scale for every finder: 1.0 a verb stating it
between its own subject and object; 0.8 a relation noun with both parties written beside it ("Serbia's agreement
with China") or an apposition or attribute saying it ("Europol, the EU's agency"); 0.7 a party taken from the verb
that carries the noun ("the ministry is trying to arrange the purchase of … from Griffeye"), a product standing
for its maker, or a possessive ("Germany's Federal Cartel Office"); 0.6 a whole read off a name's qualifier ("the
Serbian Ministry of Internal Affairs") or a unit "at" an institution, and a victim read off the clause naming a case.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from nlp.relations.arguments import Argument, Arguments
from nlp.relations.mention import RelationMention

STATED = 0.8
CARRIED = 0.7
QUALIFIED = 0.6

SUBJECT_DEPS = ("nsubj", "nsubjpass")
# How many clause levels a subject is looked for above a verb without its own ("trying to arrange the purchase").
_CLIMB = 3
_RELATIVE_TAGS = ("WDT", "WP")


def clause_subjects(verb: Token, args: Arguments) -> list[Argument]:
    """The actors of a verb: its subjects with the rest of their list; a relative pronoun's noun ("Andes Telecom,
    which signed …"); for a verb without a subject, the object of the verb it completes ("led the country to
    sign") or that verb's subject ("is trying to arrange"), or the noun a participle qualifies ("the Garda,
    working with …")."""
    current = verb
    for _level in range(_CLIMB):
        found = [c for c in current.children if c.dep_ in SUBJECT_DEPS]
        if found:
            return [a for token in found for a in args.arguments(_antecedent(token, current))]
        head = current.head
        if head.i == current.i:
            return []
        if current.dep_ == "acl":
            return args.arguments(head)
        if current.dep_ == "xcomp":
            objects = [c for c in head.children if c.dep_ == "dobj"]
            if objects:
                return args.arguments(objects[0])
        if current.dep_ not in ("xcomp", "advcl", "conj", "ccomp", "pcomp") or head.pos_ not in ("VERB", "AUX"):
            return []
        current = head
    return []


def _antecedent(subject: Token, verb: Token) -> Token:
    """A relative pronoun subject stands for the noun its clause qualifies."""
    if subject.tag_ in _RELATIVE_TAGS and verb.dep_ == "relcl" and verb.head.i != verb.i:
        return verb.head
    return subject


def objects_after(head: Token, prepositions: frozenset[str] | tuple[str, ...]) -> list[Token]:
    """The objects of the prepositions of a head among ``prepositions`` ("agreement with X", "part of Y")."""
    return [
        obj
        for prep in head.children
        if prep.dep_ in ("prep", "agent") and prep.lower_ in prepositions
        for obj in prep.children
        if obj.dep_ == "pobj"
    ]


def relation(
    subject: Argument,
    predicate: str,
    obj: Argument,
    anchor: Token,
    sentence: Span,
    confidence: float,
    date: tuple[int, int] | None = None,
    evidence: tuple[int, int] | None = None,
) -> RelationMention | None:
    """One relation between two different mentions, its evidence spanning both and the word that states it
    (or ``evidence`` when one argument is named elsewhere in the doc)."""
    if subject.mention == obj.mention:
        return None
    start = min(subject.start, obj.start, anchor.idx)
    end = max(subject.end, obj.end, anchor.idx + len(anchor.text))
    if evidence is not None:
        start, end = evidence
    return RelationMention(
        (subject.mention.start, subject.mention.end),
        predicate,
        (obj.mention.start, obj.mention.end),
        start,
        end,
        (sentence.start_char, sentence.end_char),
        date,
        confidence,
    )
