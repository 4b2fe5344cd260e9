"""What a relation finder reports: a relation between two mentions of one doc, with its evidence and date."""

from __future__ import annotations

from typing import NamedTuple


class RelationMention(NamedTuple):
    subject: tuple[int, int]
    predicate: str  # a type of nlp.relations.inventory, else an untyped link named after its verb
    object: tuple[int, int]
    start: int
    end: int
    sentence: tuple[int, int]
    date: tuple[int, int] | None = None  # doc offsets of the date phrase that dates the relation
    confidence: float = 1.0
