"""Relations stated by a noun rather than a verb: "Serbia's agreement with China", "the purchase of software from
Griffeye", "the deal between A and B". Offsets are doc offsets."""

from __future__ import annotations

from spacy.tokens import Doc

from nlp.entities.mentions import Mention
from nlp.lexicon.lexicon import Lexicon
from nlp.relations.mention import RelationMention


def nominal_relations(doc: Doc, mentions: list[Mention], lexicon: Lexicon) -> list[RelationMention]:
    return []
