"""Laws and bills in one spaCy Doc: numbered bills, named acts and codes, and laws described by their subject.

"Bill C-18", "H.R. 3684" and "Proposition 22" are matched by their shape; "the data protection law" and "the
2021 draft police law" come from the parse (a law head noun with a specific modifier). Offsets are doc offsets.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from nlp.entities.mentions import QUOTE_CHARS, Mention, is_punct
from nlp.keys import doc_text
from nlp.lexicon.gazetteer import Gazetteer

_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_SUBJECT_TAGS = {"JJ", "NN", "NNS", "NNP", "NNPS", "VBN", "CD", "HYPH", "POS"}


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
    text = _written(tokens[0].doc[tokens[0].i : tokens[-1].i + 1])
    return text if proper else text.lower()


def _written(span: Span) -> str:
    """The words of a span as written, without quotation marks, keeping the spaces around them and apostrophes
    inside words ("government's")."""
    parts = []
    for token in span:
        quote_only = all(ch in QUOTE_CHARS for ch in token.text) and token.tag_ != "POS"
        parts.append(token.whitespace_ if quote_only else token.text_with_ws)
    return " ".join("".join(parts).split())


def numbered_bill_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """Bills named by number ("Bill C-18", "Title IX", "Section 230 of the …"), which the model tags PERSON or
    ORG or not at all."""
    return [
        Mention(m.start(), m.end(), "Law", m.group(), "rule")
        for m in gazetteer.lexicon.entities.numbered_bill.finditer(doc_text(doc))
    ]


def law_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """Laws and bills named by their subject or year: "the data protection law", "the 2021 draft police law"."""
    mentions = []
    for token in doc:
        if token.lemma_.lower() not in gazetteer.words("law_heads") or token.pos_ not in {"NOUN", "PROPN"}:
            continue
        if token.dep_ == "compound" or token.ent_type_ == "PERSON" or token.tag_ == "NNS":
            continue  # "law enforcement", "Nathan Law"; "bills" are several, not one law
        if token.i + 1 < len(doc) and doc[token.i + 1].like_num:
            continue  # "Bill 23": a numbered bill, named by its number
        # a possessor does not say what a law is about: "the government's bill" is no named law
        lefts = [c for c in token.lefts if c.dep_ in {"compound", "amod", "nummod", "nmod", "det", "npadvmod"}]
        if not lefts:
            continue
        start = min(c.left_edge.i for c in lefts)
        tokens = [t for t in doc[start : token.i + 1] if not is_punct(t)]
        name = _law_name(tokens, gazetteer)
        if name:
            first = next(t for t in doc[start : token.i + 1] if name.lower().startswith(t.lower_))
            mentions.append(Mention(first.idx, token.idx + len(token.text), "Law", name, "rule"))
    return mentions


def _subject_end(doc: Doc, index: int, gazetteer: Gazetteer) -> int:
    """Where the subject of a law starts at ``index`` ends: "on online harms", "banning leaf blowers", "to ban
    TikTok"; at most six words, stopping at punctuation, a date, a clause or another preposition."""
    start = index
    if index >= len(doc):
        return start
    lead = doc[index]
    if lead.lower_ in gazetteer.lexicon.entities.law_subject_prepositions:
        index += 1
    elif lead.lower_ == "to" and index + 1 < len(doc) and doc[index + 1].tag_ == "VB":
        index += 2
    elif lead.tag_ == "VBG" and lead.lower_ in gazetteer.words("law_subject_verbs"):
        index += 1
    else:
        return start
    end = index
    while end < len(doc) and end - index < 6:
        token = doc[end]
        if token.ent_type_ in {"DATE", "TIME"} or not (token.tag_ in _SUBJECT_TAGS or token.text == "-"):
            break
        end += 1
    while end > index and doc[end - 1].text == "-":
        end -= 1
    return end if end > index and doc[end - 1].tag_ in {"NN", "NNS", "NNP", "NNPS", "CD"} else start


def described_law_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """Bills and orders described by their subject: "a bill on online harms", "an ordinance banning leaf
    blowers", "an executive order on artificial intelligence"; the bare "a bill" or "the order" is no law."""
    mentions = []
    for token in doc:
        head = token.lemma_.lower()
        executive_order = head == "order" and token.i > 0 and doc[token.i - 1].lower_ == "executive"
        if token.tag_ not in {"NN", "NNP"} or not (head in gazetteer.words("law_heads") or executive_order):
            continue
        end = _subject_end(doc, token.i + 1, gazetteer)
        if end == token.i + 1:
            continue
        first = doc[token.i - 1] if executive_order else token
        name = _written(doc[first.i : end])
        mentions.append(Mention(first.idx, doc[end - 1].idx + len(doc[end - 1]), "Law", name, "rule"))
    return mentions


def _party_end(doc: Doc, index: int, step: int) -> int:
    """The last token of a party's name from ``index`` going left (step -1) or right (step 1): proper nouns,
    with "of" between them ("Board of Education")."""
    end = index
    while 0 <= index < len(doc):
        token = doc[index]
        if token.tag_ in {"NNP", "NNPS"} and token.text[:1].isupper():
            end = index
        elif not (token.lower_ == "of" and step == 1):
            break
        index += step
    return end


def court_case_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """Court cases named by their parties: "Shelby County v. Holder", "R. v. Jordan", "Brown vs. Board of
    Education"; the guidelines count named cases as events."""
    mentions = []
    for token in doc[1:-1]:
        if token.lower_ not in gazetteer.lexicon.entities.case_separators or not token.whitespace_:
            continue
        first, last = _party_end(doc, token.i - 1, -1), _party_end(doc, token.i + 1, 1)
        if first == token.i or last == token.i:
            continue  # a party on each side, or it is no case name
        if doc[token.i - 1].tag_ not in {"NNP", "NNPS"} or doc[token.i + 1].tag_ not in {"NNP", "NNPS"}:
            continue
        name = doc[first : last + 1]
        mentions.append(Mention(name.start_char, name.end_char, "Event", name.text, "rule"))
    return mentions
