"""Named events the model misses: storms named after a prefix word ("Hurricane Helene", "Tropical Storm
Debby"), events and cases named in quotation marks (the "Safe City" project). Offsets are doc offsets."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from nlp.entities.mentions import Mention
from nlp.keys import doc_text, fold
from nlp.lexicon.gazetteer import Gazetteer

_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_QUOTED_NAME = re.compile(r"[\"“„«‘]([^\"“”„«»‘’\n.!?;:]{2,60})[\"”“»’]")


def prefixed_event_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """A capitalised `event_prefixes` word or pair followed by one to three capitalised words."""
    mentions = []
    for token in doc[:-1]:
        if not token.text[:1].isupper():
            continue
        for length in (2, 1):
            prefix = doc[token.i : token.i + length]
            if len(prefix) < length or " ".join(fold(t.text) for t in prefix) not in gazetteer.words("event_prefixes"):
                continue
            end = prefix.end
            while end < len(doc) and end - prefix.end < 3 and doc[end].text[:1].isupper() and doc[end].is_alpha:
                end += 1
            inside_name = token.i > 0 and doc[token.i - 1].pos_ == "PROPN" and doc[token.i - 1].is_title
            organisation = fold(doc[end - 1].text) in gazetteer.lexicon.statements.organisation_name_ends
            if inside_name or organisation:
                break  # "the National Hurricane Center", "the Joint Typhoon Warning Center": offices, not storms
            if end > prefix.end and all(t.text[:1].isupper() for t in prefix):
                name = doc[token.i : end]
                mentions.append(Mention(name.start_char, name.end_char, "Event", name.text, "rule"))
            break
    return mentions


def _is_name(text: str) -> bool:
    words = [w for w in text.split() if w.lower() not in {"of", "the", "and", "for", "in", "on", "de", "a"}]
    return bool(words) and all(w[:1].isupper() or w[:1].isdigit() for w in words)


def quoted_name_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """Names of events and cases in quotation marks: the "Safe City" project, the "Kantrimen case"."""
    mentions = []
    text = doc_text(doc)
    for match in _QUOTED_NAME.finditer(text):
        inner = match.group(1).strip()
        inner_start = match.start(1) + len(match.group(1)) - len(match.group(1).lstrip())
        inner_end = inner_start + len(inner)
        words = inner.split()
        if not words or len(words) > 6:
            continue
        last = fold(words[-1])
        if last in gazetteer.words("case_nouns") and _is_name(" ".join(words[:-1])):
            mentions.append(Mention(inner_start, inner_end, "Event", inner, "rule"))
            continue
        if not _is_name(inner):
            continue
        following = re.match(r"\s+(\w+)", text[match.end() : match.end() + 40])
        noun = fold(following.group(1)) if following else ""
        if following and noun in gazetteer.words("case_nouns"):
            end = match.end() + following.end(1)
            mentions.append(Mention(inner_start, end, "Event", f"{inner} {following.group(1)}", "rule"))
        elif noun in gazetteer.words("project_nouns") or last in gazetteer.words("event_heads"):
            mentions.append(Mention(inner_start, inner_end, "Event", inner, "rule"))
    return mentions


def _specific(token: Token) -> bool:
    """A word that makes a description name one thing: a proper noun, a year, a month."""
    return token.pos_ == "PROPN" or bool(_YEAR.match(token.text)) or token.ent_type_ == "DATE"


def described_event_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """Events named by a description with a proper noun or a date in it: "the October municipal election", "the
    Kochi gold smuggling case", "the SNC-Lavalin affair"; "the election" or "a court case" names nothing. A
    case-like head is part of the name ("Kantrimen case"); a project-like one is not ("Safe City" project). A
    survey or mission is named after an instrument or a name the model left untagged ("the MeerKAT survey"); after
    an organisation ("a Gallup survey") it is the organisation's work."""
    projects = gazetteer.words("described_project_heads")
    heads = gazetteer.words("case_nouns") | gazetteer.words("described_event_heads") | projects
    mentions = []
    for token in doc:
        if token.pos_ != "NOUN" or not token.is_lower or token.dep_ == "compound" or token.lemma_ not in heads:
            continue
        if token.tag_ == "NNS" and token.lower_ not in heads:
            continue  # "cases", "scandals": several, not one
        lefts = [c for c in token.lefts if c.dep_ in {"compound", "amod", "nummod", "nmod", "npadvmod"}]
        if not lefts or any(c.dep_ == "poss" for c in token.lefts):
            continue
        start = min(c.left_edge.i for c in lefts)
        words = doc[start : token.i + 1]
        if words[0].pos_ in {"DET", "PRON"} or words[0].tag_ == "PRP$":
            words = words[1:]
        if not words or not _specific(words[0]) or any(t.is_punct and t.text not in "-–" for t in words):
            continue
        if token.lemma_ in projects and (words[0].pos_ != "PROPN" or any(t.ent_type_ for t in words)):
            continue
        mentions.append(Mention(words.start_char, words.end_char, "Event", words.text, "rule"))
    return mentions
