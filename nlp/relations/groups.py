"""PARTNERS_WITH read off a joint group: "a research team from MIT, Colorado State University and the University of
Sheffield", "a consortium of A and B", "a collaboration combining the collections from A and B". Every pair of the
organisations the group is drawn from works together; a plural ("teams from Sudan and Iran") is several groups,
not one. Offsets are doc offsets; the confidence scale is in nlp.relations.clauses.
"""

from __future__ import annotations

from itertools import combinations

from spacy.tokens import Doc, Span, Token

from nlp.entities.mentions import Mention
from nlp.lexicon.lexicon import Lexicon
from nlp.relations.arguments import Argument, Arguments
from nlp.relations.clauses import CARRIED, relation
from nlp.relations.mention import RelationMention
from nlp.relations.modality import is_fact

# Clauses inside a group's phrase that say something else of its members: "…, which also received donations".
_OTHER_CLAUSES = ("relcl", "advcl", "ccomp")
_SINGULAR = ("NN", "NNP")


def group_relations(
    doc: Doc, mentions: list[Mention], lexicon: Lexicon, args: Arguments | None = None
) -> list[RelationMention]:
    words = lexicon.relations
    args = args if args is not None else Arguments(doc, mentions, words)
    found: list[RelationMention | None] = []
    for sentence in args.sentences.sentences:
        for token in sentence:
            if token.lemma_.lower() in words.joint_nouns and token.tag_ in _SINGULAR and is_fact(token, words):
                found.extend(_partners(token, args, sentence))
    return [r for r in found if r is not None]


def _partners(noun: Token, args: Arguments, sentence: Span) -> list[RelationMention | None]:
    members: dict[Mention, Argument] = {}
    for preposition in _sources(noun, args.words.joint_prepositions):
        for token in _phrase(preposition):
            mention = args.mention_of(token)
            if mention is not None and mention.type == "Organization" and mention not in members:
                members[mention] = Argument(mention, mention.start, mention.end)
    return [relation(a, "PARTNERS_WITH", b, noun, sentence, CARRIED) for a, b in combinations(members.values(), 2)]


def _sources(noun: Token, prepositions: frozenset[str]) -> list[Token]:
    """The prepositions naming what a group is drawn from, on the noun or on the object of a clause qualifying it
    ("a collaboration combining the collections from …")."""
    holders = [noun]
    holders += [o for c in noun.children if c.dep_ == "acl" for o in c.children if o.dep_ == "dobj"]
    return [p for h in holders for p in h.children if p.dep_ == "prep" and p.lower_ in prepositions]


def _phrase(preposition: Token) -> list[Token]:
    """The tokens of a prepositional phrase, without the clauses inside it that say other things."""
    found = []
    stack = [c for c in preposition.children if c.dep_ == "pobj"]
    while stack:
        token = stack.pop()
        found.append(token)
        stack.extend(c for c in token.children if c.dep_ not in _OTHER_CLAUSES)
    return found
