"""Named events the model misses: storms named after a prefix word ("Hurricane Helene", "Tropical Storm
Debby"). Offsets are doc offsets."""

from __future__ import annotations

from spacy.tokens import Doc

from nlp.entities.mentions import Mention
from nlp.keys import fold
from nlp.lexicon.gazetteer import Gazetteer


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
