"""Descriptions that point back at a named entity: "the ministry", "the court", "the act", "the 2021 draft law".

They become mentions of the entity last named of that kind, so statements by "the company" and provenance of
"the bill" reach the right entity. Offsets are doc offsets.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from nlp.entities.mentions import Mention
from nlp.keys import doc_text, fold
from nlp.lexicon.gazetteer import Gazetteer

_YEAR = re.compile(r"^(1[89]|20)\d\d$")


def _fits(mention: Mention, head: str, gazetteer: Gazetteer) -> bool:
    """Whether a named entity is what "the <head>" can mean."""
    words = fold(mention.text).split()
    if head == "act":
        return words[-1] == "act"  # "the act" after the Affordable Care Act, not after "Bill C-11"
    if head in gazetteer.lexicon.entities.law_anaphors:
        return True
    if head in gazetteer.lexicon.entities.company_anaphors:
        return any(w.rstrip(".") in gazetteer.words("company_words") for w in words)
    return head in words


def _antecedent(mentions: list[Mention], before: int, head: str, gazetteer: Gazetteer) -> Mention | None:
    wanted_type = "Law" if head in gazetteer.lexicon.entities.law_anaphors else "Organization"
    for mention in reversed(mentions):
        if mention.end > before or mention.type != wanted_type or mention.source == "anaphor":
            continue
        if _fits(mention, head, gazetteer):
            return mention
    return None


def anaphor_mentions(doc: Doc, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """ "The ministry" → the ministry last named, "the bill" → the law last named, as mentions of that name."""
    found: list[Mention] = []
    for match in gazetteer.lexicon.entities.anaphor.finditer(doc_text(doc)):
        head = fold(match.group(1))
        antecedent = _antecedent(mentions, match.start(), head.split()[-1], gazetteer)
        if antecedent is not None:
            found.append(Mention(match.start(1), match.end(1), antecedent.type, antecedent.text, "anaphor"))
    return found


def _subjectless(mention: Mention, gazetteer: Gazetteer) -> bool:
    """A law described by its year or stage only ("the 2021 draft law"), not by what it is about."""
    generic = gazetteer.words("law_generic_modifiers") | {"draft"}
    words = fold(mention.text).split()
    return mention.source == "rule" and all(_YEAR.match(w) or w in generic for w in words[:-1])


def joined_descriptions(mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """A law described by its year only is the law named by its subject in the same text, the nearest one
    before it (else the first after): "the new police law" … "the 2021 draft law" are one law."""
    laws = [m for m in mentions if m.type == "Law" and not _subjectless(m, gazetteer)]
    joined = []
    for mention in mentions:
        if mention.type == "Law" and _subjectless(mention, gazetteer) and laws:
            before = [m for m in laws if m.end <= mention.start]
            named = before[-1] if before else laws[0]
            mention = mention._replace(text=named.text)
        joined.append(mention)
    return joined
