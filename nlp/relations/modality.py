"""Whether a predicate states a fact: RELATIONS.md counts what an article reports as happening, has happened or is
announced ("will supply", "plans to buy"), never what is negated ("did not meet", "refused to sign", "no agreement
was signed"), hypothetical ("if X bought Y", "could cancel") or asked ("Will X sue Y?").

Works for verbs and for nouns that carry a relation ("the deal … never started"): a noun is read through the verb
that governs it. Each check looks at a handful of tokens around the predicate, so finders stay linear.
"""

from __future__ import annotations

from spacy.tokens import Token

from nlp.lexicon.sections import RelationWords
from nlp.relations.sentences import sentence_end, sentence_of, sentence_start_within

# How many clause levels up ("agreed to try to buy") a negation, a modal or a condition still governs a predicate.
_CHAIN = 4
# How far up a noun may sit below the verb that says whether it happened ("talks on a merger … never started").
_NOUN_PATH = 4
_ARGUMENT_DEPS = ("nsubj", "nsubjpass", "dobj", "attr")
# How many words before a clause a stray condition word ("unless of course, he …") still governs it.
_CONDITION_GAP = 4
_CLAUSE_OPENERS = ("nsubj", "nsubjpass", "aux", "auxpass", "neg")


def is_fact(predicate: Token, words: RelationWords) -> bool:
    """Whether the predicate's relation is reported as real (past, present or announced)."""
    if questioned(predicate):
        return False
    verb = governing_verb(predicate) if predicate.pos_ in ("NOUN", "PROPN") else predicate
    if predicate is not verb and _denied_noun(predicate, words):
        return False
    if verb is None:
        return True
    return not (negated(verb, words) or hypothetical(verb, words))


def governing_verb(token: Token) -> Token | None:
    """The verb whose clause a noun belongs to, a few steps up; None when there is none near."""
    current = token
    for _step in range(_NOUN_PATH):
        if current.head is current:
            return None
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            return current
    return None


def _clause_chain(verb: Token, deps: tuple[str, ...]) -> list[Token]:
    """The verb and the verbs it completes ("refused" over "to sign", "plans" over "to buy")."""
    chain = [verb]
    current = verb
    while current.dep_ in deps and current.head is not current and len(chain) < _CHAIN:
        current = current.head
        chain.append(current)
    return chain


def _inherits(verb: Token) -> Token | None:
    """The first verb of a coordination whose negation or modal a later verb shares ("did not meet or call Y")."""
    if verb.dep_ != "conj" or verb.head is verb:
        return None
    own = any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "neg") for c in verb.children)
    return None if own else verb.head


def negated(verb: Token, words: RelationWords) -> bool:
    """Negation of the verb or a verb it completes ("did not meet", "never signed"), a refusal or denial over it
    ("refused to sign", "denied meeting", "failed to reach"), or a negated argument ("no agreement was signed")."""
    chain = _clause_chain(verb, ("xcomp",))
    shared = _inherits(verb)
    if shared is not None:
        chain.append(shared)
    for token in chain:
        if any(c.dep_ == "neg" or c.lower_ in words.negation_words for c in token.children if c.dep_ != "cc"):
            return True
        # "no longer supports": a negated adverb of time ends the relation
        if any(
            c.dep_ == "advmod" and any(g.lower_ in words.negation_words for g in c.children) for c in token.children
        ):
            return True
    for token in _clause_chain(verb, ("xcomp", "ccomp", "pcomp"))[1:]:
        if token.lemma_.lower() in words.non_fact_verbs:
            return True
    for child in verb.children:
        if child.dep_ in _ARGUMENT_DEPS and any(
            d.dep_ == "det" and d.lower_ in words.negation_words for d in child.children
        ):
            return True
    return False


def hypothetical(verb: Token, words: RelationWords) -> bool:
    """A modal of possibility or obligation ("could cancel", "should sign"; "would" only outside reported speech,
    where "said it would supply" announces) or a condition ("if X bought", "unless", "whether")."""
    chain = _clause_chain(verb, ("xcomp",))
    shared = _inherits(verb)
    if shared is not None:
        chain.append(shared)
    top = chain[-1]
    reported = top.dep_ == "ccomp" and top.head.lemma_.lower() in words.generic_excluded
    for token in chain:
        if _condition_before(token, words):
            return True
        for child in token.children:
            lower = child.lower_
            if child.dep_ == "mark" and lower in words.condition_marks:
                return True
            announced = reported and lower in words.reported_future_auxiliaries
            if child.dep_ == "aux" and lower in words.hypothetical_auxiliaries and not announced:
                return True
    return False


def _condition_before(verb: Token, words: RelationWords) -> bool:
    """A condition word the parse did not hang on the clause, just before it ("UNLESS of course, he returned and
    cooperated with Moxon", "unless" taken for a preposition)."""
    start = min([verb.i, *(c.left_edge.i for c in verb.children if c.dep_ in _CLAUSE_OPENERS)])
    before = verb.doc[sentence_start_within(verb.doc[start], _CONDITION_GAP) : start]
    return any(t.lower_ in words.condition_marks and t.dep_ != "mark" for t in before)


def questioned(token: Token) -> bool:
    """A predicate in a sentence that asks ("Will Brasilmar sue the port authority?")."""
    doc = token.doc
    for index in range(sentence_end(token) - 1, token.i - 1, -1):
        last = doc[index]
        if last.is_space or last.text in "\"'”’»)":
            continue
        return last.text == "?"
    sentence = sentence_of(token)  # nothing but spaces and closing quotes after the predicate
    for last in reversed(sentence):
        if last.is_space or last.text in "\"'”’»)":
            continue
        return last.text == "?"
    return False


def _denied_noun(noun: Token, words: RelationWords) -> bool:
    """A relation noun with a negative determiner ("no agreement with Petrobrava")."""
    return any(c.dep_ == "det" and c.lower_ in words.negation_words for c in noun.children)
