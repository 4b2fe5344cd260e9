"""The correction record: its kinds, the stable keys it names its targets by, and the checks every field passes.

Pure: nothing here touches Neo4j. graph/corrections.py stores, applies and undoes these records; the file of
graph/correction_file.py and the explorer's forms build them through ``make_correction``, so a record is checked
the same way wherever it comes from.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from core.errors import NewsgraphError
from core.names import entity_id
from core.records import ENTITY_TYPES
from core.relation_types import RELATION_TYPES

STATEMENT_KINDS = ("reassign-speaker", "reject-statement")
ENTITY_KINDS = ("merge", "split-alias", "rename", "retype")
RELATION_KINDS = ("reject-relation",)
KINDS = (*STATEMENT_KINDS, *ENTITY_KINDS, *RELATION_KINDS)
MAX_NAME = 300
MAX_EDITOR = 100
MAX_REASON = 2000
_STATEMENT_ID = re.compile(r"^(?P<article>.+)@(?P<start>\d+)-(?P<end>\d+)$")
_ENTITY_ID = re.compile(r"^[a-z]+:\S.*$")
_SURROGATE = re.compile("[\ud800-\udfff]")  # from a JSON escape or a mis-decoded argument; Neo4j refuses them
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAK = re.compile("[\u2028\u2029]")  # a line and a paragraph break of their own: a reason may hold them


class CorrectionError(NewsgraphError):
    """A correction that cannot be recorded, undone or read: one line saying why."""


@dataclass(frozen=True, slots=True)
class Correction:
    """One correction. ``state``: applied, dangling (target not in the graph), superseded (a newer correction of
    the same target wins) or pending (not applied yet); ``source`` is ``graph`` or ``aliases file``."""

    id: str
    kind: str
    target: str
    after: Mapping[str, Any]
    editor: str
    created_at: str
    reason: str = ""
    before: Mapping[str, Any] = field(default_factory=dict)
    status: str = "active"
    undone_by: str | None = None
    undone_at: str | None = None
    state: str = "pending"
    source: str = "graph"

    @property
    def article_id(self) -> str | None:
        """The article a statement or relation correction belongs to (None for entity corrections)."""
        return target_article(self.kind, self.target)

    def describe(self) -> str:
        """The change in words, for lists and the audit page."""
        after = dict(self.after)
        if self.kind == "reassign-speaker":
            return f"speaker of {self.target} -> {after.get('name')} ({after.get('speaker_id')})"
        if self.kind == "merge":
            return f"{self.target} merged into {after.get('into')}"
        if self.kind == "split-alias" and "names" in after:
            return f"kept apart: {' | '.join(str(n) for n in after['names'])}"
        if self.kind == "reject-entity":
            return f"{self.target!r} is not an entity"
        if self.kind == "split-alias":
            return f"{after.get('alias')!r} split off {self.target} as {after.get('id') or 'an entity of its own'}"
        if self.kind == "rename":
            return f"{self.target} renamed {after.get('name')!r}"
        if self.kind == "retype":
            return f"{self.target} retyped {after.get('type')}"
        if self.kind == "reject-statement":
            return f"{self.target} is not a statement"
        if self.kind == "reject-relation":
            return f"relation {self.target} rejected"
        return f"{self.kind} {self.target} {json.dumps(after, ensure_ascii=False)}"


def now_text() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def normalise_time(value: Any) -> str:
    """An ISO 8601 time as the one text form corrections are sorted by (UTC, microseconds); no zone means UTC."""
    if not isinstance(value, str) or not value.strip():
        raise CorrectionError("the time of a correction must be an ISO 8601 text such as 2026-01-31T09:30:00Z")
    try:
        parsed = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError as e:
        raise CorrectionError(f"{value!r} is not an ISO 8601 time") from e
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    if parsed > dt.datetime.now(dt.UTC) + dt.timedelta(days=1):  # the newest wins: one from the future always would
        raise CorrectionError(f"{value!r} is in the future: a correction is dated when it was made")
    return parsed.astimezone(dt.UTC).isoformat(timespec="microseconds")


def target_article(kind: str, target: str) -> str | None:
    if kind in STATEMENT_KINDS:
        match = _STATEMENT_ID.match(target)
        return match.group("article") if match else None
    if kind in RELATION_KINDS:
        parts = target.split("|")
        match = _STATEMENT_ID.match(parts[-1]) if len(parts) == 4 else None
        return match.group("article") if match else None
    return None


def relation_key(subject_id: str, relation_type: str, object_id: str, article_id: str, start: int, end: int) -> str:
    """The stable key a relation correction names its relation by."""
    return f"{subject_id}|{relation_type}|{object_id}|{article_id}@{start}-{end}"


def parse_relation_key(key: str) -> dict[str, Any]:
    parts = key.split("|")
    where = _STATEMENT_ID.match(parts[-1]) if len(parts) == 4 else None
    if where is None or not all(p.strip() for p in parts[:3]):
        raise CorrectionError(f"{key!r} is not a relation key (subject id|TYPE|object id|article id@start-end)")
    if parts[1] not in RELATION_TYPES:
        raise CorrectionError(f"{parts[1]!r} is not a relation type ({', '.join(RELATION_TYPES)})")
    return {
        "subject": parts[0],
        "type": parts[1],
        "object": parts[2],
        "article_id": where.group("article"),
        "start": int(where.group("start")),
        "end": int(where.group("end")),
    }


def checked_text(what: str, value: Any, longest: int, *, required: bool = True, lines: bool = False) -> str:
    if value is None:
        if required:
            raise CorrectionError(f"{what} is missing")
        return ""
    if not isinstance(value, str):
        raise CorrectionError(f"{what} must be text")
    text = value.strip()
    if required and not text:
        raise CorrectionError(f"{what} is empty")
    if len(text) > longest:
        raise CorrectionError(f"{what} is longer than {longest} characters")
    if _CONTROL.search(text) or (not lines and _LINE_BREAK.search(text)):
        raise CorrectionError(f"{what} holds control characters")
    if _SURROGATE.search(text):
        raise CorrectionError(f"{what} holds a lone surrogate (\\ud800-\\udfff), which is not Unicode text")
    return text


def _entity_type(value: Any) -> str:
    if value not in ENTITY_TYPES:
        raise CorrectionError(f"entity type {value!r} is not one of {', '.join(ENTITY_TYPES)}")
    return str(value)


def _target(kind: str, target: Any) -> str:
    text = checked_text("the target", target, 2000)
    if kind in STATEMENT_KINDS and not _STATEMENT_ID.match(text):
        raise CorrectionError(f"{text!r} is not a statement id (article id@start-end)")
    if kind in ENTITY_KINDS and not _ENTITY_ID.match(text):
        raise CorrectionError(f"{text!r} is not an entity id (type:name, e.g. person:andrej-petrovski)")
    if kind in RELATION_KINDS:
        parse_relation_key(text)
    return text


def checked_after(kind: str, target: str, after: Mapping[str, Any] | None) -> dict[str, Any]:
    """``after`` with exactly the fields its kind takes, each checked; derived ids filled in."""
    given = dict(after or {})
    known = {
        "reassign-speaker": {"speaker_id", "name", "type"},
        "merge": {"into", "name", "type"},
        "split-alias": {"alias", "type", "id"},
        "rename": {"name"},
        "retype": {"type"},
    }.get(kind, set())
    unknown = sorted(set(given) - known)
    if unknown:
        raise CorrectionError(f"a {kind} correction takes no {', '.join(unknown)}")
    if kind == "reassign-speaker":
        if given.get("speaker_id"):
            out = {"speaker_id": checked_text("the speaker id", given["speaker_id"], 2000)}
            if not _ENTITY_ID.match(out["speaker_id"]):
                raise CorrectionError(f"{out['speaker_id']!r} is not an entity id")
            for key in ("name", "type"):
                if given.get(key):
                    out[key] = checked_text(f"the speaker's {key}", given[key], MAX_NAME)
            if "type" in out:
                _entity_type(out["type"])
            return out
        name = checked_text("the new speaker's name", given.get("name"), MAX_NAME)
        kind_of = _entity_type(given.get("type") or "Person")
        return {"speaker_id": entity_id(kind_of, name), "name": name, "type": kind_of}
    if kind == "merge":
        into = checked_text("the entity to merge into", given.get("into"), 2000)
        if not _ENTITY_ID.match(into):
            raise CorrectionError(f"{into!r} is not an entity id")
        if into == target:
            raise CorrectionError("an entity cannot be merged into itself")
        out = {"into": into}
        if given.get("name"):
            out["name"] = checked_text("the name", given["name"], MAX_NAME)
        if given.get("type"):
            out["type"] = _entity_type(given["type"])
        return out
    if kind == "split-alias":
        alias = checked_text("the alias", given.get("alias"), MAX_NAME)
        out = {"alias": alias}
        if given.get("type"):
            out["type"] = _entity_type(given["type"])
            out["id"] = entity_id(out["type"], alias)
        if given.get("id"):
            out["id"] = checked_text("the new entity's id", given["id"], 2000)
        return out
    if kind == "rename":
        return {"name": checked_text("the new name", given.get("name"), MAX_NAME)}
    if kind == "retype":
        return {"type": _entity_type(given.get("type"))}
    return {}


def make_correction(
    kind: str,
    target: str,
    after: Mapping[str, Any] | None = None,
    *,
    editor: str,
    reason: str = "",
    created_at: str | None = None,
    correction_id: str | None = None,
) -> Correction:
    """A checked correction record (nothing is written): a one-line CorrectionError when a field is wrong."""
    if kind not in KINDS:
        raise CorrectionError(f"unknown kind of correction {kind!r}; the kinds are {', '.join(KINDS)}")
    checked_target = _target(kind, target)
    checked = checked_after(kind, checked_target, after)
    who = checked_text("the editor name", editor, MAX_EDITOR)
    why = checked_text("the reason", reason, MAX_REASON, required=False, lines=True)
    when = normalise_time(created_at) if created_at is not None else now_text()
    ident = checked_correction_id(correction_id or _correction_id(kind, checked_target, checked, who, when))
    return Correction(ident, kind, checked_target, checked, who, when, why)


def checked_correction_id(value: Any) -> str:
    """A correction id as given, or a CorrectionError that quotes at most the start of what was given instead."""
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z0-9_.:-]{1,80}", value):
        quoted = repr(value)[:60] + ("…" if len(repr(value)) > 60 else "")
        raise CorrectionError(f"{quoted} is not a correction id (1 to 80 letters, digits, . _ : -)")
    return value


def _correction_id(kind: str, target: str, after: Mapping[str, Any], editor: str, when: str) -> str:
    key = json.dumps([kind, target, after, editor, when], sort_keys=True, ensure_ascii=False)
    return "c-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
