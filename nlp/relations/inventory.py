"""The relation inventory of RELATIONS.md: the fifteen types a reader sees as facts, and what each may join.

A verb linking two entities that is none of these is an untyped link (``Extraction.links``), kept apart so that
"REMOVE" or "MAINTAIN_WITH" never reads as a fact.
"""

from __future__ import annotations

from core.relation_types import OBJECT_TYPES, RELATION_TYPES, SYMMETRIC  # noqa: F401 (the relations room reads SYMMETRIC here)

# Laws and events do not act: they are never a relation's subject.
NON_AGENTS = frozenset({"Law", "Event"})


def is_relation_type(predicate: str) -> bool:
    return predicate in RELATION_TYPES


def allowed(predicate: str, subject_type: str, object_type: str) -> bool:
    """Whether a typed relation may join entities of these types (RELATIONS.md, Arguments)."""
    if subject_type in NON_AGENTS and predicate != "PART_OF":
        return False
    kinds = OBJECT_TYPES.get(predicate)
    return kinds is None or object_type in kinds
