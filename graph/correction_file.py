"""Corrections as a reviewable text file (JSON Lines), and the aliases file read as corrections.

One correction a line, its keys in a fixed order, so a newsroom can keep the file under version control and
review changes line by line::

    {"id": "c-…", "kind": "rename", "target": "organization:share-foundation", "after": {"name": "SHARE"},
     "editor": "ana", "created_at": "2026-01-02T10:00:00.000000+00:00", "reason": "…", "status": "active", …}

Reading checks every line on its own: a line that is not a valid correction is reported as ``FILE:LINE: reason``
and nothing of it is used; the other lines still are. The user's aliases file (setting ``aliases_file``) is applied
by the extractor, not by the graph; ``aliases_file_corrections`` shows its entries as records of the same kinds
(merge, split-alias, reject-entity) so the audit lists both.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from core.aliases_file import check_aliases_entries
from core.errors import ConfigError
from core.toml_file import read_toml_file
from graph.correction_records import Correction, CorrectionError, make_correction, normalise_time
from graph.file_output import replaced_whole

FIELDS = ("id", "kind", "target", "after", "before", "editor", "created_at", "reason", "status", "undone_by",
          "undone_at")  # fmt: skip
_REQUIRED = ("kind", "target", "editor", "created_at")
ALIASES_EDITOR = "aliases file"
MAX_FILE_BYTES = 64 * 2**20  # some 60,000 corrections; reading stops here, so /dev/zero is refused, not read


def to_line(correction: Correction) -> str:
    before = {k: v for k, v in correction.before.items() if k != "embedding"}  # 384 numbers nobody reviews
    record: dict[str, Any] = {
        "id": correction.id,
        "kind": correction.kind,
        "target": correction.target,
        "after": dict(correction.after),
        "before": before,
        "editor": correction.editor,
        "created_at": correction.created_at,
        "reason": correction.reason,
        "status": correction.status,
    }
    if correction.status == "undone":
        record |= {"undone_by": correction.undone_by, "undone_at": correction.undone_at}
    return json.dumps(record, ensure_ascii=False, sort_keys=False)


def write_corrections(corrections: Sequence[Correction], path: Path) -> int:
    """Write the graph's corrections, oldest first (new ones append at the end of a versioned file). The file is
    replaced whole: a write that fails (a full disk) leaves the earlier version as it was."""
    stored = sorted((c for c in corrections if c.source == "graph"), key=lambda c: (c.created_at, c.id))
    try:
        with replaced_whole(Path(path)) as handle:
            for correction in stored:
                handle.write(to_line(correction) + "\n")
    except OSError as e:
        raise CorrectionError(f"cannot write {path}: {e.strerror}") from e
    return len(stored)


def from_record(record: Any) -> Correction:
    """One line's object as a checked Correction; CorrectionError saying what is wrong."""
    if not isinstance(record, dict):
        raise CorrectionError("not a JSON object")
    try:
        json.dumps(record, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as e:  # a "\udcff" escape: JSON allows it, Unicode text and Neo4j do not
        raise CorrectionError("holds a lone surrogate (\\ud800-\\udfff), which is not Unicode text") from e
    except RecursionError as e:
        raise CorrectionError("nested too deeply to be a correction") from e
    unknown = sorted(set(record) - set(FIELDS))
    if unknown:
        raise CorrectionError(f"unknown field {', '.join(unknown)} (fields: {', '.join(FIELDS)})")
    missing = [name for name in _REQUIRED if name not in record]
    if missing:
        raise CorrectionError(f"missing {', '.join(missing)}")
    after = record.get("after") or {}
    if not isinstance(after, dict):
        raise CorrectionError("after must be an object")
    status = record.get("status") or "active"
    if status not in ("active", "undone"):
        raise CorrectionError(f"status must be active or undone, not {status!r}")
    correction = make_correction(record["kind"], record["target"], after, editor=record["editor"],
                                 reason=record.get("reason") or "", created_at=record["created_at"],
                                 correction_id=record.get("id"))  # fmt: skip
    before = checked_before(correction.kind, record.get("before") or {})
    undone_by = record.get("undone_by")
    if status == "undone" and not (isinstance(undone_by, str) and undone_by.strip()):
        raise CorrectionError("an undone correction needs undone_by")
    return replace(
        correction,
        before=before,
        status=status,
        undone_by=undone_by if status == "undone" else None,
        undone_at=normalise_time(record["undone_at"])
        if status == "undone" and record.get("undone_at") is not None
        else None,
    )


# What each kind's undo reads from ``before``, in the form the graph writes it. From a file, ``before`` is what an
# undo writes back into the graph, so a value of another form is refused with its line: stored, it would make the
# undo fail (a map where Neo4j takes only a property value) or write what no correction took away.
_SCALARS = (str, bool, int, float)
_INT64 = range(-(2**63), 2**63)


def _is_property(value: Any) -> bool:
    if isinstance(value, list):
        kinds = {bool if isinstance(item, bool) else type(item) for item in value}
        return all(_is_property(item) and item is not None for item in value) and len(kinds - {int, float}) <= 1
    if isinstance(value, int) and not isinstance(value, bool):
        return value in _INT64
    return value is None or isinstance(value, _SCALARS)


def _is_properties(value: Any) -> bool:
    return isinstance(value, dict) and all(_is_property(item) for item in value.values())


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value)


def _is_optional_text(value: Any) -> bool:
    return value is None or isinstance(value, str)


def _is_texts(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _is_number(value: Any) -> bool:
    return value is None or (isinstance(value, (int, float)) and not isinstance(value, bool) and _is_property(value))


def _are_links(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(link, dict) and all(_is_text(link.get(key)) for key in ("start", "end", "type"))
        and _is_properties(link.get("props", {}))
        for link in value
    )  # fmt: skip


def _are_roles(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(role, dict) and all(_is_text(role.get(key)) for key in ("id", "into", "person_id"))
        and all(_is_optional_text(role.get(key)) for key in ("title", "org_id", "created_by"))
        for role in value
    )  # fmt: skip


_BEFORE_FORMS: dict[str, dict[str, Any]] = {
    "rename": {"name": _is_optional_text, "alias_added": lambda v: isinstance(v, bool)},
    "retype": {"type": _is_optional_text},
    "split-alias": {"aliases_removed": _is_texts},
    "merge": {"name": _is_optional_text, "type": _is_optional_text, "created_by": _is_optional_text,
              "aliases": _is_texts, "aliases_added": _is_texts, "between": _are_links, "roles": _are_roles},
    "reject-statement": {"statement": _is_properties, "article_id": _is_optional_text, "provenance": _is_properties,
                         "speakers": _is_texts, "about": _is_texts, "roles": _is_texts,
                         "embedding": lambda v: v is None or (isinstance(v, list) and all(map(_is_number, v)))},
    "reject-relation": {"relations": lambda v: isinstance(v, list) and all(map(_is_properties, v))},
    "reassign-speaker": {"speaker_id": _is_optional_text, "speaker_name": _is_optional_text,
                         "speaker_role": _is_optional_text, "role_id": _is_optional_text, "basis": _is_optional_text,
                         "basis_distance": _is_number, "confidence": _is_number},
}  # fmt: skip


def checked_before(kind: str, before: Any) -> dict[str, Any]:
    """A file's ``before`` for a correction of ``kind``, when each field its undo reads has the graph's form."""
    if not isinstance(before, dict):
        raise CorrectionError("before must be an object")
    for key, has_form in _BEFORE_FORMS.get(kind, {}).items():
        if key in before and not has_form(before[key]):
            raise CorrectionError(f"before.{key} is not in the form a {kind} correction records it")
    return before


def read_correction_file(path: Path) -> tuple[list[Correction], list[str]]:
    """The valid corrections of a JSON Lines file and one ``FILE:LINE: reason`` for each line that is not one.

    Blank lines are skipped. A file that cannot be read at all, or is larger than MAX_FILE_BYTES, is a
    CorrectionError."""
    try:
        with Path(path).open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)  # bounded: FILE may be a device or a file still growing
        if len(data) > MAX_FILE_BYTES:
            raise CorrectionError(f"{path} is larger than {MAX_FILE_BYTES // 2**20} MB; split it into several files")
        text = data.decode("utf-8-sig")  # a BOM, as some Windows editors write, is no part of the first line
    except OSError as e:
        raise CorrectionError(f"cannot read {path}: {e.strerror}") from e
    except UnicodeDecodeError as e:
        raise CorrectionError(f"{path} is not UTF-8 text: {e.reason} at byte {e.start}") from e
    corrections: list[Correction] = []
    problems: list[str] = []
    seen: set[str] = set()
    # Only a newline ends a line: JSON keeps U+2028, U+2029 and U+0085 raw inside strings, and export writes them so.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"{path}:{number}: not JSON ({e.msg} at column {e.colno})")
            continue
        except RecursionError:
            problems.append(f"{path}:{number}: JSON nested too deeply to be a correction")
            continue
        except ValueError as e:  # a number of thousands of digits, which Python refuses to convert
            problems.append(f"{path}:{number}: not JSON ({str(e)[:80]})")
            continue
        try:
            correction = from_record(record)
        except CorrectionError as e:
            problems.append(f"{path}:{number}: {e}")
            continue
        if correction.id in seen:
            problems.append(f"{path}:{number}: the id {correction.id} is on an earlier line too")
            continue
        seen.add(correction.id)
        corrections.append(correction)
    return corrections, problems


def read_corrections(path: Path) -> list[Correction]:
    """Every correction of the file, or a CorrectionError naming the first malformed line."""
    corrections, problems = read_correction_file(path)
    if problems:
        raise CorrectionError(problems[0])
    return corrections


def aliases_file_corrections(path: str | Path | None) -> list[Correction]:
    """The entries of the user's aliases file as corrections applied at extraction (read-only: edit the file).

    ``[[entity]]`` aliases are merges into the entity's name, ``[[split]]`` names are kept apart, ``ignore`` names
    are not entities. A file that cannot be read is a CorrectionError."""
    if not path:
        return []
    file = Path(path).expanduser()
    try:
        data = read_toml_file(file)
        when = dt.datetime.fromtimestamp(file.stat().st_mtime, dt.UTC).isoformat(timespec="microseconds")
    except OSError as e:
        raise CorrectionError(f"cannot read the aliases file {file}: {e.strerror or e}") from e
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise CorrectionError(f"cannot read the aliases file {file}: {e}") from e
    try:
        check_aliases_entries(data, file)  # the extractor refuses such a file: nothing of it is applied
    except ConfigError as e:
        raise CorrectionError(str(e)) from e
    found: list[Correction] = []

    def add(number: int, kind: str, target: str, after: dict[str, Any]) -> None:
        found.append(Correction(f"aliases:{number}", kind, target, after, ALIASES_EDITOR, when,
                                f"{file.name}", state="applied at extraction", source="aliases file"))  # fmt: skip

    number = 0
    for entry in data.get("entity", []) if isinstance(data.get("entity"), list) else []:
        if not isinstance(entry, dict):
            continue
        for alias in entry.get("aliases", []) or []:
            number += 1
            add(number, "merge", str(alias), {"into": str(entry.get("name")), "type": str(entry.get("type"))})
    for entry in data.get("split", []) if isinstance(data.get("split"), list) else []:
        if isinstance(entry, dict):
            number += 1
            names = [str(n) for n in entry.get("names", []) or []]
            add(number, "split-alias", " | ".join(names), {"names": names})
    for name in data.get("ignore", []) if isinstance(data.get("ignore"), list) else []:
        number += 1
        add(number, "reject-entity", str(name), {})
    return found
