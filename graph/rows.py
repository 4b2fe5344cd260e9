"""Turning one Article and its Extraction into the parameter rows of the write queries.

Pure functions, no database: the rows are checked here (offsets inside the text, quoted text equal
to the text at its offsets, known entity ids, dates, 384-d embeddings) so that nothing untraceable
reaches Neo4j. A fact that fails a check is dropped and reported as a warning; the article and its
other facts still load. ``fact_hash`` fingerprints the rows so that loading the same article again
is recognised and costs no write.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from core.dates import iso_date
from core.records import ENTITY_TYPES, Article, Entity, Extraction, Relation, Role, Statement, content_hash
from core.relation_types import RELATION_TYPES, SYMMETRIC

log = logging.getLogger(__name__)

EMBEDDING_DIMENSIONS = 384
MAX_EVIDENCE_CHARS = 600
# Relation dates are as precise as the article gives them, so partial dates stay text: "2017", "2017-03".
_RELATION_DATE = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")
_TITLE_QUALIFIERS = re.compile(r"^(?:then|former|ex|acting|outgoing|incoming|interim|later)[-\s]+", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)]*\s+|\n")


# The article's Role ids by (person id, normalised title), then by organisation id (None: none given).
_RolesByTitle = dict[tuple[str, str], dict[str | None, str]]


@dataclass(slots=True)
class ArticleRows:
    """All rows for one article, keyed by the write they feed (see neo4j_queries.WRITE_ORDER)."""

    article_id: str
    fact_hash: str = ""
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def count(self) -> int:
        return sum(len(v) for v in self.rows.values())


def statement_id(article_id: str, start: int, end: int) -> str:
    return f"{article_id}@{start}-{end}"


def role_id(person_id: str, title: str, org_id: str | None) -> str:
    return f"{person_id}|{normalise_title(title)}|{org_id or ''}"


def normalise_title(title: str) -> str:
    """'then-Interior Minister' and 'interior minister' name the same role."""
    text = " ".join(title.split()).strip(" ,.")
    while True:
        stripped = _TITLE_QUALIFIERS.sub("", text)
        if stripped == text:
            return text.lower()
        text = stripped


def text_hash(text: str) -> str:
    """Equal quotes in different articles share this hash (case, spacing, quote styles ignored)."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = re.sub(r"[\"'“”„«»‘’‚]", "", folded)
    return hashlib.sha256(" ".join(folded.split()).encode("utf-8")).hexdigest()[:32]


def relation_type(predicate: str) -> str | None:
    """The relationship type of a typed relation: the predicate itself when it is one of the inventory's fifteen.

    Anything else is refused rather than turned into a type of its own, so the graph's relationship types stay the
    documented inventory (core/relation_types.py) whatever an extraction file holds.
    """
    return predicate if predicate in RELATION_TYPES else None


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end].

    The graph stage runs no spaCy (stages depend one way), and facts whose extractor gave no sentence
    still need evidence, so a plain punctuation split is used: good enough to show context.
    """
    left = 0
    for match in _SENTENCE_END.finditer(text, max(0, start - MAX_EVIDENCE_CHARS), start):
        left = match.end()
    right_match = _SENTENCE_END.search(text, end, min(len(text), end + MAX_EVIDENCE_CHARS))
    right = right_match.start() + 1 if right_match else min(len(text), end + MAX_EVIDENCE_CHARS)
    return text[max(left, start - MAX_EVIDENCE_CHARS) : right].strip()


def entity_type_of(entity_id: str) -> str:
    """'person:x' → Person; ids follow `<type-lowercase>:<slug>` (the statement spec)."""
    prefix = entity_id.split(":", 1)[0].lower()
    for name in ENTITY_TYPES:
        if name.lower() == prefix:
            return name
    return "Group"


def build_rows(article: Article, extraction: Extraction) -> ArticleRows:
    """Rows for one article; facts that fail a check become warnings instead of rows."""
    builder = _Builder(article, extraction)
    return builder.build()


class _Builder:
    def __init__(self, article: Article, extraction: Extraction) -> None:
        self.article = article
        self.extraction = extraction
        self.out = ArticleRows(article.id)
        self.entities: dict[str, dict[str, Any]] = {}
        self.mentions: dict[str, list[tuple[int, int]]] = {}
        self.implied: set[str] = set()  # ids facts use that the entity list lacks
        self.published = iso_date(article.published)
        # Relationships are created, not merged (graph/neo4j_queries.py): each fact goes in once.
        self.seen_facts: set[tuple[object, ...]] = set()

    def build(self) -> ArticleRows:
        for key in (
            "articles",
            "duplicates",
            "entities",
            "mentions",
            "statements",
            "said",
            "about",
            "roles",
            "in_role",
            "relations",
            "links",
        ):
            self.out.rows[key] = []
        if self.extraction.error is None:
            for entity in self.extraction.entities:
                self._add_entity(entity)
            roles_by_title = self._add_roles(self.extraction.roles)
            for statement in self.extraction.statements:
                self._add_statement(statement, roles_by_title)
            for relation in self.extraction.relations:
                self._add_relation(relation)
            for link in self.extraction.links:
                self._add_link(link)
        self._finish_entities()
        self.out.rows["articles"].append(self._article_row())
        if self.article.near_duplicate_of:
            self.out.rows["duplicates"].append({"id": self.article.id, "original_id": self.article.near_duplicate_of})
        self.out.fact_hash = _fingerprint(self.out.rows)
        self.out.rows["articles"][0]["props"]["fact_hash"] = self.out.fact_hash
        return self.out

    # -- checks -----------------------------------------------------------------------------------

    def _first_time(self, what: str, key: tuple[object, ...]) -> bool:
        if key in self.seen_facts:
            self.out.warnings.append(f"{what}: given twice; kept once")
            return False
        self.seen_facts.add(key)
        return True

    def _span_ok(self, what: str, start: int, end: int) -> bool:
        if isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(self.article.text):
            return True
        self.out.warnings.append(f"{what}: offsets {start}-{end} outside the article text")
        return False

    def _known(self, what: str, entity_id: str | None, name: str | None = None) -> bool:
        """Ids used by a fact but missing from the entity list become entities of their own."""
        if not entity_id:
            return False
        if entity_id not in self.entities:
            self.implied.add(entity_id)
            self.entities[entity_id] = {
                "id": entity_id,
                "name": name or entity_id.split(":", 1)[-1],
                "type": entity_type_of(entity_id),
                "aliases": [],
            }
            log.debug("%s: %s was not in the entity list; added", what, entity_id)
        return True

    def _provenance(self, start: int, end: int, sentence: str, confidence: float | None) -> dict[str, Any]:
        if confidence is not None and not _probability(confidence):
            self.out.warnings.append(f"fact at {start}-{end}: confidence {confidence!r} is not in [0, 1]; not stored")
            confidence = None
        props: dict[str, Any] = {
            "article_id": self.article.id,
            "start": start,
            "end": end,
            "sentence": sentence or sentence_around(self.article.text, start, end),
            "extractor_version": self.extraction.extractor_version,
        }
        if confidence is not None:
            props["confidence"] = float(confidence)
        return props

    # -- facts ------------------------------------------------------------------------------------

    def _add_entity(self, entity: Entity) -> None:
        if not isinstance(entity.id, str) or not entity.id.strip():
            self.out.warnings.append(f"entity {entity.name!r}: no id; not stored")
            return
        etype = entity.type if entity.type in ENTITY_TYPES else entity_type_of(entity.id)
        if entity.type not in ENTITY_TYPES:
            self.out.warnings.append(f"entity {entity.id}: unknown type {entity.type!r}, stored as {etype}")
        row = self.entities.setdefault(entity.id, {"id": entity.id, "name": entity.name, "type": etype, "aliases": []})
        row["aliases"] = sorted({*row["aliases"], *entity.aliases} - {row["name"]})
        spans = [m for m in entity.mentions if self._span_ok(f"mention of {entity.id}", m[0], m[1])]
        self.mentions.setdefault(entity.id, []).extend((int(s), int(e)) for s, e in spans)

    def _add_roles(self, roles: Iterable[Role]) -> _RolesByTitle:
        by_title: _RolesByTitle = {}
        for role in roles:
            if not self._span_ok(f"role {role.title!r}", role.start, role.end):
                continue
            if not self._known("role", role.person_id) or not role.title.strip():
                self.out.warnings.append(f"role {role.title!r}: no person or no title")
                continue
            org_id = role.org_id if role.org_id and self._known("role", role.org_id) else None
            rid = self._role_row(
                role.person_id, role.title, org_id, role.start, role.end, role.sentence, role.qualifier
            )
            by_title.setdefault((role.person_id, normalise_title(role.title)), {}).setdefault(org_id, rid)
        return by_title

    def _role_row(
        self, person_id: str, title: str, org_id: str | None, start: int, end: int, sentence: str, qualifier: str | None
    ) -> str:
        rid = role_id(person_id, title, org_id)
        if not self._first_time(f"role {title!r}", ("role", rid, start, end)):
            return rid
        provenance = self._provenance(start, end, sentence, None)
        provenance.update({"title": title, "qualifier": qualifier, "seen": self.published})
        self.out.rows["roles"].append(
            {
                "role_id": rid,
                "person_id": person_id,
                "org_id": org_id,
                "title": " ".join(title.split()),
                "article_id": self.article.id,
                "start": start,
                "end": end,
                "provenance": provenance,
            }
        )
        return rid

    def _add_statement(self, statement: Statement, roles_by_title: _RolesByTitle) -> None:
        what = f"statement at {statement.start}-{statement.end}"
        if not self._span_ok(what, statement.start, statement.end):
            return
        if self.article.text[statement.start : statement.end] != statement.text:
            self.out.warnings.append(f"{what}: text differs from the article text at its offsets")
            return
        sid = statement_id(self.article.id, statement.start, statement.end)
        if not self._first_time(what, ("statement", sid)):
            return
        sentence = statement.sentence or sentence_around(self.article.text, statement.start, statement.end)
        provenance = self._provenance(statement.start, statement.end, sentence, statement.confidence)
        speaker = statement.speaker_id
        said_by = speaker if speaker and self._known(what, speaker, statement.speaker) else None
        role = self._spoken_role(what, said_by, statement.speaker_role)
        date = iso_date(statement.date)
        if statement.date is not None and date is None:
            self.out.warnings.append(f"{what}: date {statement.date!r} is not a calendar date; stored without it")
        self.out.rows["statements"].append(
            {
                "id": sid,
                "article_id": self.article.id,
                "date": date,
                "embedding": self._embedding(what, statement.embedding),
                "props": {
                    **provenance,
                    "text": statement.text,
                    "kind": statement.kind,
                    "cue": statement.cue,
                    "speaker_name": statement.speaker,
                    # The SAID speaker's id again, for the (speaker_id, date) index a speaker's newest
                    # statements are read from without sorting all of them.
                    "speaker_id": said_by,
                    "speaker_mention": statement.speaker_mention,
                    # what readers see; the role itself is the IN_ROLE relationship
                    "speaker_role": role.display(self._name(role.org_id)) if role else None,
                    "addressee": statement.addressee,
                    # how the speaker was found; with `confidence` (provenance), what the explorer marks as uncertain
                    "basis": statement.basis,
                    "basis_distance": self._distance(what, statement.basis_distance),
                    "sentence_start": statement.sentence_start,
                    "sentence_end": statement.sentence_end,
                    "text_hash": text_hash(statement.text),
                },
                "provenance": provenance,
            }
        )
        if said_by:
            self.out.rows["said"].append({"entity_id": said_by, "statement_id": sid, "provenance": provenance})
            if role:
                self._link_role(role, sid, roles_by_title, provenance)
        for about in dict.fromkeys(statement.about):
            if about != speaker and self._known(what, about):
                self.out.rows["about"].append({"entity_id": about, "statement_id": sid, "provenance": provenance})

    def _spoken_role(self, what: str, speaker: str | None, role: Role | None) -> Role | None:
        if role is None:
            return None
        if speaker is None or role.person_id != speaker or not role.title.strip():
            self.out.warnings.append(f"{what}: role {role.title!r} is not a role of its speaker; not linked")
            return None
        return role

    def _name(self, entity_id: str | None) -> str | None:
        return self.entities[entity_id]["name"] if entity_id in self.entities else None

    def _link_role(self, role: Role, sid: str, roles_by_title: _RolesByTitle, provenance: dict[str, Any]) -> None:
        """IN_ROLE to the article's Role of the same person, title and organisation; never to a look-alike.

        The same title at no organisation, or with none given here, is the same job written more or less fully.
        A role the article's roles do not hold becomes a Role of its own, its evidence the role's own words.
        """
        org_id = role.org_id if role.org_id and self._known("role", role.org_id) else None
        at_orgs = roles_by_title.setdefault((role.person_id, normalise_title(role.title)), {})
        rid = at_orgs.get(org_id)
        if rid is None:
            rid = next((r for org, r in at_orgs.items() if org is None or org_id is None), None)
        if rid is None:
            if not self._span_ok(f"role {role.title!r}", role.start, role.end):
                return
            rid = self._role_row(
                role.person_id, role.title, org_id, role.start, role.end, role.sentence, role.qualifier
            )
            at_orgs[org_id] = rid
        link = {**provenance, "qualifier": role.qualifier} if role.qualifier else provenance
        self.out.rows["in_role"].append({"statement_id": sid, "role_id": rid, "provenance": link})

    def _relation_ends_ok(self, what: str, relation: Relation) -> bool:
        if not self._span_ok(what, relation.start, relation.end):
            return False
        subject_id, object_id = relation.subject_id, relation.object_id
        if not (self._known(what, subject_id) and self._known(what, object_id)) or subject_id == object_id:
            self.out.warnings.append(f"{what}: needs two different entities")
            return False
        return True

    def _add_relation(self, relation: Relation) -> None:
        what = f"relation {relation.predicate!r} at {relation.start}-{relation.end}"
        rtype = relation_type(relation.predicate)
        if rtype is None:
            self.out.warnings.append(f"{what}: not a relation type of the inventory; not stored")
            return
        if not self._relation_ends_ok(what, relation):
            return
        ends = (relation.subject_id, relation.object_id)
        if rtype in SYMMETRIC:  # "A meets B" and "B meets A" in one span state one fact
            ends = (min(ends), max(ends))
        if not self._first_time(what, ("relation", rtype, *ends, relation.start, relation.end)):
            return
        provenance = self._provenance(relation.start, relation.end, relation.sentence, relation.confidence)
        if relation.date is not None:
            if isinstance(relation.date, str) and _RELATION_DATE.match(relation.date):
                provenance["date"] = relation.date
            else:
                self.out.warnings.append(
                    f"{what} dated {relation.date!r}: date is not YYYY, YYYY-MM or YYYY-MM-DD; stored without it"
                )
        self.out.rows["relations"].append(
            {
                "subject_id": relation.subject_id,
                "object_id": relation.object_id,
                "type": rtype,
                "provenance": provenance,
            }
        )

    def _add_link(self, link: Relation) -> None:
        """An untyped verb link: kept under LINKED with its verb as ``predicate``, never as a relation type."""
        what = f"link {link.predicate!r} at {link.start}-{link.end}"
        predicate = " ".join(str(link.predicate).split())
        if not predicate:
            self.out.warnings.append(f"{what}: no predicate")
            return
        if not self._relation_ends_ok(what, link):
            return
        key = ("link", link.subject_id, predicate, link.object_id, link.start, link.end)
        if not self._first_time(what, key):
            return
        provenance = self._provenance(link.start, link.end, link.sentence, link.confidence)
        provenance["predicate"] = predicate
        self.out.rows["links"].append(
            {"subject_id": link.subject_id, "object_id": link.object_id, "provenance": provenance}
        )

    def _distance(self, what: str, distance: int | None) -> int | None:
        if distance is None or (isinstance(distance, int) and not isinstance(distance, bool) and distance >= 0):
            return distance
        self.out.warnings.append(f"{what}: basis distance {distance!r} is no count of sentences; not stored")
        return None

    def _embedding(self, what: str, vector: tuple[float, ...] | None) -> list[float] | None:
        if vector is None:
            return None
        values = [float(v) for v in vector]
        if len(values) != EMBEDDING_DIMENSIONS or not all(math.isfinite(v) for v in values):
            self.out.warnings.append(f"{what}: embedding is not {EMBEDDING_DIMENSIONS} finite numbers; not stored")
            return None
        return values

    def _finish_entities(self) -> None:
        for entity_id, row in self.entities.items():
            row["aliases"] = sorted(set(row["aliases"]) - {row["name"]})
            self.out.rows["entities"].append(row)
            spans = sorted(set(self.mentions.get(entity_id, [])))
            if not spans and entity_id in self.implied:
                continue  # not in the entity list, named only by a fact that holds its offsets (a speaker, an end)
            first: tuple[int | None, int | None] = spans[0] if spans else (None, None)
            sentence = sentence_around(self.article.text, spans[0][0], spans[0][1]) if spans else ""
            self.out.rows["mentions"].append(
                {
                    "article_id": self.article.id,
                    "entity_id": entity_id,
                    "props": {
                        "count": len(spans),
                        "starts": [s for s, _ in spans],
                        "ends": [e for _, e in spans],
                        "start": first[0],
                        "end": first[1],
                        "sentence": sentence,
                        "article_id": self.article.id,
                        "extractor_version": self.extraction.extractor_version,
                    },
                }
            )

    def _content_hash(self) -> str:
        """The hash of the text stored: a record whose hash is not its text's (edited by hand, two versions under one
        id) would make the loader take a changed article for an unchanged one, or the reverse."""
        actual = content_hash(self.article.text)
        if self.article.content_hash != actual:
            self.out.warnings.append(f"article {self.article.id}: content_hash is not its text's; recomputed")
        return actual

    def _article_row(self) -> dict[str, Any]:
        a = self.article
        props = {
            "url": a.url,
            "title": a.title,
            "published": self.published,
            "source": a.source,
            "author": a.author,
            "language": a.language,
            "text": a.text,
            "content_hash": self._content_hash(),
            "origin": a.origin,
            "near_duplicate_of": a.near_duplicate_of,
            "extractor_version": self.extraction.extractor_version,
            "extraction_error": self.extraction.error,
            "warnings": list(self.extraction.warnings),
        }
        if a.published and self.published is None:
            self.out.warnings.append(f"article {a.id}: published {a.published!r} is not an ISO date; not stored")
        return {"id": a.id, "source": a.source or None, "props": props}


def _probability(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and 0.0 <= value <= 1.0


def _fingerprint(rows: dict[str, list[dict[str, Any]]]) -> str:
    digest = hashlib.sha256()
    digest.update(json.dumps(rows, sort_keys=True, default=str).encode("utf-8"))
    return digest.hexdigest()
