"""The fifteen relation types of RELATIONS.md, shared by the extractor (nlp/relations/inventory.py), the graph
(one relationship type each) and the explorer (their names in plain words).

A predicate outside this list is no fact: the extractor keeps such verbs as untyped links, and the graph refuses
it in ``Extraction.relations``.
"""

from __future__ import annotations

RELATION_TYPES = (
    "AGREEMENT_WITH",
    "SUPPLIES",
    "FUNDS",
    "ACQUIRES",
    "PARTNERS_WITH",
    "MEETS",
    "SUPPORTS",
    "OPPOSES",
    "LEGAL_ACTION_AGAINST",
    "PROPOSES",
    "ENACTS",
    "WITHDRAWS",
    "USES",
    "PART_OF",
    "PARTICIPATES_IN",
)
SYMMETRIC = frozenset({"AGREEMENT_WITH", "PARTNERS_WITH", "MEETS"})
# Entity types a relation argument may have (RELATIONS.md, "Arguments"): named people, organisations, polities,
# laws and events.
ARGUMENT_TYPES = ("Person", "Organization", "Location", "Law", "Event")
# Which entity types each type's object may be (absent: any): a law is proposed, enacted or withdrawn; an event is
# taken part in.
OBJECT_TYPES: dict[str, frozenset[str]] = {
    "PROPOSES": frozenset({"Law", "Event"}),
    "ENACTS": frozenset({"Law"}),
    "WITHDRAWS": frozenset({"Law", "Event"}),
    "PARTICIPATES_IN": frozenset({"Event"}),
}

# How a reader says each type between a subject and an object ("Huawei supplies the Ministry").
RELATION_WORDS: dict[str, str] = {
    "AGREEMENT_WITH": "agreement with",
    "SUPPLIES": "supplies",
    "FUNDS": "funds",
    "ACQUIRES": "acquires",
    "PARTNERS_WITH": "partners with",
    "MEETS": "meets",
    "SUPPORTS": "supports",
    "OPPOSES": "opposes",
    "LEGAL_ACTION_AGAINST": "legal action against",
    "PROPOSES": "proposes",
    "ENACTS": "enacts",
    "WITHDRAWS": "withdraws",
    "USES": "uses",
    "PART_OF": "part of",
    "PARTICIPATES_IN": "takes part in",
}


def relation_words(predicate: str) -> str:
    """A type of the inventory in plain words; any other predicate (an untyped verb link) lower-cased and spaced."""
    return RELATION_WORDS.get(predicate) or " ".join(predicate.replace("_", " ").split()).lower()
