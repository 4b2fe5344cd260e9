"""Reporting cues: the verbs and phrases that introduce who said what.

Lemmas are matched on spaCy's lemmatiser output, so "said", "says" and "saying" all match "say".
The word lists are the lexicon's (``StatementWords``, from ``nlp/lexicon/en.toml``), grouped by how strongly the
verb signals speech: a plain speech verb ("say") is certain, a verb of belief ("think") is only a statement when
its subject is the one speaking.
"""

from __future__ import annotations

from spacy.tokens import Token

from nlp.lexicon.lexicon import StatementWords


def is_cue_verb(token: Token, lexicon: StatementWords) -> bool:
    """A token that can introduce reported speech: a speech verb or a verb of belief."""
    if token.pos_ not in {"VERB", "AUX"} and token.tag_ not in {"VBD", "VBZ", "VBP", "VBN", "VBG", "VB"}:
        return _mistagged_cue(token, lexicon)
    lemma = token.lemma_.lower()
    if lemma == "point":
        return any(child.lower_ == "out" for child in token.children)
    if lemma == "call":
        return any(child.lower_ == "for" for child in token.children)  # "call for", never "call X Y"
    if lemma == "read":  # "the statement read", never "the sign read" or "she read the report"
        return any(
            c.dep_ == "nsubj" and c.lemma_.lower() in lexicon.medium_nouns | lexicon.source_carrier_nouns
            for c in token.children
        )
    return lemma in lexicon.cue_lemmas


def _mistagged_cue(token: Token, lexicon: StatementWords) -> bool:
    """ "The Department notes, "…"": a present-tense cue the tagger read as a plural noun, right before a quote."""
    doc = token.doc
    lemma = token.lemma_.lower()
    if token.tag_ != "NNS" or lemma not in lexicon.speech_verbs or lemma in lexicon.clause_only_cues:
        return False
    if token.i + 2 >= len(doc):
        return False
    return doc[token.i + 1].text in {",", ":"} and doc[token.i + 2].text[:1] in lexicon.quote_openers


def needs_clause(token: Token, lexicon: StatementWords) -> bool:
    """True for cues that only report speech when followed by a clause."""
    lemma = token.lemma_.lower()
    return lemma in lexicon.clause_only_cues or lemma in lexicon.belief_verbs


def is_belief(token: Token, lexicon: StatementWords) -> bool:
    return token.lemma_.lower() in lexicon.belief_verbs


def is_according_to(token: Token) -> bool:
    """ "according" heading "to X": the attribution of a whole clause to X."""
    if token.lower_ != "according":
        return False
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return nxt is not None and nxt.lower_ == "to"


def cue_phrase(token: Token) -> str:
    """The cue as written: the verb, with its particle for phrasal cues ("pointed out")."""
    if is_according_to(token):
        return f"{token.text} {token.nbor(1).text}"
    particles = [c for c in token.children if c.i == token.i + 1 and (c.dep_ == "prt" or c.lower_ == "for")]
    if particles:
        return f"{token.text} {particles[0].text}"
    return token.text
