"""Typed records passed between the stages: ingest → nlp → graph.

Every fact (statement, role, relation, mention) carries character offsets into ``Article.text``
exactly as stored, the evidence sentence, and, through its ``Extraction``, the article id and the
extractor version. ``Extraction.to_contract`` writes the JSON Lines contract of ``newsgraph extract``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

StatementKind = Literal["direct", "indirect", "mixed"]
# How a statement's speaker was found (docs/statements.md): named at the cue; a surname of a person named before;
# a title or description ("the minister"); a pronoun; carried from the quote before; the person the sentence
# before is about; a document ("the complaint said") or an unnamed group ("officials said"); no speaker.
StatementBasis = Literal["name", "surname", "description", "pronoun", "carried", "context", "document", "group", "none"]
STATEMENT_BASES: tuple[str, ...] = get_args(StatementBasis)
CONFIDENT_ATTRIBUTION = 0.8  # a statement with a basis and this confidence or more is a confident attribution
ENTITY_TYPES = ("Person", "Organization", "Location", "Law", "Event", "Product", "Group")


def content_hash(text: str) -> str:
    """Hash of the stored (normalised) article text; equal texts are the same article."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Article:
    """An article as stored: ``text`` is the exact string every offset in the system points into."""

    id: str
    text: str
    content_hash: str
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD
    source: str | None = None  # site or publisher name
    author: str | None = None
    language: str | None = None
    origin: str | None = None  # the file path or URL it was read from
    near_duplicate_of: str | None = None  # id of the article this one is a syndicated copy of


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input item that did not become a record, and why. Counted in every summary."""

    item: str
    reason: str

    def __post_init__(self) -> None:
        # a file name that is not UTF-8 reaches Python with lone surrogates, which no report or driver can write
        object.__setattr__(self, "item", unicode_text(self.item))
        object.__setattr__(self, "reason", unicode_text(self.reason))


def unicode_text(value: str) -> str:
    """``value`` as Unicode text that can be written anywhere: the bytes of a file name that is not UTF-8 (Python's
    surrogate escapes) and any other lone surrogate become backslash escapes ("bad\\xffname.txt")."""
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        pass
    try:
        return value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return value.encode("utf-8", "backslashreplace").decode("utf-8")


@dataclass(frozen=True, slots=True)
class Entity:
    id: str  # stable canonical id, e.g. "person:andrej-petrovski"
    name: str
    type: str  # one of ENTITY_TYPES
    aliases: tuple[str, ...] = ()
    mentions: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Statement:
    start: int
    end: int
    text: str
    kind: StatementKind
    speaker: str | None = None
    speaker_mention: str | None = None
    speaker_id: str | None = None
    cue: str | None = None
    addressee: str | None = None
    date: str | None = None
    # The role the speaker held when speaking: one of the article's roles (Extraction.roles), so it names the
    # same (person, title, organisation) and the graph links the statement to that role, not to a look-alike.
    speaker_role: Role | None = None
    sentence: str = ""  # evidence: the sentence(s) holding the statement and its attribution
    sentence_start: int = 0
    sentence_end: int = 0
    about: tuple[str, ...] = ()  # ids of entities mentioned inside the statement
    # The chance the speaker is right, calibrated on the development sets by basis (nlp/statements/confidence.py)
    confidence: float = 1.0
    basis: StatementBasis | None = None  # None: a record made without the statement finder
    basis_distance: int | None = None  # pronoun or description: sentences back to the mention it stands for
    embedding: tuple[float, ...] | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Role:
    person_id: str
    title: str
    org_id: str | None
    start: int
    end: int
    qualifier: str | None = None  # "then", "former", "acting", …
    sentence: str = ""

    def display(self, org_name: str | None) -> str:
        """The role as a reader sees it: 'then-Interior Minister, Ministry of the Interior'."""
        title = self.title
        if self.qualifier:
            title = f"then-{title}" if self.qualifier == "then" else f"{self.qualifier} {title}"
        return f"{title}, {org_name}" if org_name and org_name.lower() not in title.lower() else title


@dataclass(frozen=True, slots=True)
class Relation:
    subject_id: str
    predicate: str
    object_id: str
    start: int
    end: int
    sentence: str = ""
    confidence: float = 1.0
    date: str | None = None  # as precise as the text gives: YYYY, YYYY-MM or YYYY-MM-DD


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything the NLP stage found in one article."""

    article_id: str
    extractor_version: str
    statements: tuple[Statement, ...] = ()
    entities: tuple[Entity, ...] = ()
    roles: tuple[Role, ...] = ()
    relations: tuple[Relation, ...] = ()  # typed: the inventory of RELATIONS.md (nlp.relations.inventory)
    links: tuple[Relation, ...] = ()  # untyped subject–verb–object links, named after the verb
    error: str | None = None
    warnings: tuple[str, ...] = ()

    def to_contract(self) -> dict[str, Any]:
        """The JSON object of the `newsgraph extract` output contract (docs/cli.md)."""
        return {
            "id": self.article_id,
            "statements": [
                {
                    "start": s.start,
                    "end": s.end,
                    "text": s.text,
                    "kind": s.kind,
                    "speaker": s.speaker,
                    "speaker_mention": s.speaker_mention,
                    "speaker_id": s.speaker_id,
                    "cue": s.cue,
                    "addressee": s.addressee,
                    "date": s.date,
                    "speaker_role": _spoken_role(s.speaker_role),
                    "confidence": s.confidence,
                    "basis": s.basis,
                    "basis_distance": s.basis_distance,
                }
                for s in self.statements
            ],
            "entities": [
                {
                    "id": e.id,
                    "name": e.name,
                    "type": e.type,
                    "aliases": list(e.aliases),
                    "mentions": [list(m) for m in e.mentions],
                }
                for e in self.entities
            ],
            "roles": [
                {"person_id": r.person_id, "title": r.title, "org_id": r.org_id, "start": r.start, "end": r.end}
                for r in self.roles
            ],
            "relations": [
                {
                    "subject_id": r.subject_id,
                    "predicate": r.predicate,
                    "object_id": r.object_id,
                    "start": r.start,
                    "end": r.end,
                    "date": r.date,
                    "confidence": r.confidence,
                }
                for r in self.relations
            ],
            "links": [
                {
                    "subject_id": r.subject_id,
                    "predicate": r.predicate,
                    "object_id": r.object_id,
                    "start": r.start,
                    "end": r.end,
                }
                for r in self.links
            ],
            "error": self.error,
        }


def _spoken_role(role: Role | None) -> dict[str, Any] | None:
    """A statement's role in the contract: the speaker is the person; the rest names its entry in `roles`."""
    if role is None:
        return None
    return {
        "title": role.title,
        "org_id": role.org_id,
        "qualifier": role.qualifier,
        "start": role.start,
        "end": role.end,
    }
