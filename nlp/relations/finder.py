"""Every relation finder over one doc: verbs and nouns that state a relation between two entity mentions."""

from __future__ import annotations

from spacy.tokens import Doc

from nlp.entities.mentions import Mention
from nlp.lexicon.lexicon import Lexicon
from nlp.relations.arguments import Arguments
from nlp.relations.groups import group_relations
from nlp.relations.mention import RelationMention
from nlp.relations.nominal import nominal_relations
from nlp.relations.verbs import verbal_relations


def find_relations(doc: Doc, mentions: list[Mention], lexicon: Lexicon) -> list[RelationMention]:
    """Relation candidates of a doc; the article stage keeps each (subject, type, object) once."""
    args = Arguments(doc, mentions, lexicon.relations)  # one index of the doc's mentions and sentences for all
    return [
        *verbal_relations(doc, mentions, lexicon, args),
        *nominal_relations(doc, mentions, lexicon, args),
        *group_relations(doc, mentions, lexicon, args),
    ]
