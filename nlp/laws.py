"""Laws and bills in one spaCy Doc: numbered bills, named acts and codes, and laws described by their subject.

"Bill C-18", "H.R. 3684" and "Proposition 22" are matched by their shape; "the data protection law" and "the
2021 draft police law" come from the parse (a law head noun with a specific modifier). Offsets are doc offsets.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from nlp.gazetteer import Gazetteer
from nlp.mentions import Mention, is_punct

_YEAR = re.compile(r"^(1[89]|20)\d\d$")
# Numbered bills of North-American legislatures: "Bill C-18", "Senate Bill 8", "H.R. 3684", "Proposition 22".
_NUMBERED_BILL = re.compile(
    r"\b(?:(?:House|Senate|Assembly) Bill (?:No\. )?\d+|Bill (?:[A-Z]-?)?\d+|H\.R\. ?\d+|Proposition \d+)\b"
)


def _law_name(tokens: list[Token], gazetteer: Gazetteer) -> str | None:
    generic = gazetteer.words("law_generic_modifiers")
    while tokens and (tokens[0].pos_ in {"DET", "PRON"} or tokens[0].tag_ == "PRP$" or tokens[0].lower_ in generic):
        if tokens[0].lower_ == "draft":
            break
        tokens = tokens[1:]
    modifiers = tokens[:-1]
    specific = any(
        (t.pos_ in {"NOUN", "PROPN"} and t.lower_ not in generic and t.ent_type_ != "NORP") or _YEAR.match(t.text)
        for t in modifiers
    )
    if not specific:
        return None
    proper = tokens[-1].text[:1].isupper() and any(t.pos_ == "PROPN" for t in modifiers)
    text = "".join(t.text_with_ws for t in tokens).strip()
    return text if proper else text.lower()


def numbered_bill_mentions(doc: Doc) -> list[Mention]:
    """Bills named by number ("Bill C-18"), which the model tags PERSON or not at all."""
    return [Mention(m.start(), m.end(), "Law", m.group(), "rule") for m in _NUMBERED_BILL.finditer(doc.text)]


def law_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """Laws and bills named by their subject or year: "the data protection law", "the 2021 draft police law"."""
    mentions = []
    for token in doc:
        if token.lemma_.lower() not in gazetteer.words("law_heads") or token.pos_ not in {"NOUN", "PROPN"}:
            continue
        if token.dep_ == "compound" or token.ent_type_ == "PERSON":
            continue  # "law enforcement", "Nathan Law"
        lefts = [c for c in token.lefts if c.dep_ in {"compound", "amod", "nummod", "nmod", "det", "poss", "npadvmod"}]
        if not lefts:
            continue
        start = min(c.left_edge.i for c in lefts)
        tokens = [t for t in doc[start : token.i + 1] if not is_punct(t)]
        name = _law_name(tokens, gazetteer)
        if name:
            first = next(t for t in doc[start : token.i + 1] if name.lower().startswith(t.lower_))
            mentions.append(Mention(first.idx, token.idx + len(token.text), "Law", name, "rule"))
    return mentions
