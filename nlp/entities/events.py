"""Named events the model misses: storms named after a prefix word ("Hurricane Helene", "Tropical Storm
Debby"), events and cases named in quotation marks (the "Safe City" project). Offsets are doc offsets."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from nlp.entities.mentions import Mention
from nlp.keys import fold
from nlp.lexicon.gazetteer import Gazetteer

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
    text = doc.text  # spaCy rebuilds Doc.text on every access
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
