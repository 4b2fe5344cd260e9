"""Typed CSV files in the layout ``neo4j-admin database import full`` reads, written row by row.

One ``CsvFamily`` per node group or relationship kind. Its columns grow as rows bring property keys it has not
seen (the keys come from graph/rows.py, so nothing here has to list them): a new key closes the current file and
opens a new part whose header has one more column, because the importer reads a row shorter than its header
into the next line. Each part carries its own header line. A column's type is fixed by its name (the export's
table, graph/export.py) or by the first value it gets, and every later value must be of that type.

What the importer cannot express is handled here, not lost: an empty list (an empty CSV field means "no
property") is written as the row's ``bulk_empty_lists`` property, which ``graph.bulk_import.finish_import``
turns into the empty lists after the import; a value that cannot round-trip (a list holding the array
delimiter, a one-element list of an empty string, a value of another type than its column) raises
``BulkValueError`` so that its article can be left out and reported.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from core.errors import NewsgraphError
from graph.export import PROPERTY_TYPES

# U+001F (unit separator) never occurs in news text, unlike the export's "|" or the importer's default ";".
ARRAY_DELIMITER = "\x1f"
ARRAY_DELIMITER_OPTION = "U+001F"
EMPTY_LISTS_KEY = "bulk_empty_lists"
# Nine significant digits give back every 32-bit float exactly, in half the time of repr.
_FLOAT32_TEXT = "%.9g"
_NEEDS_QUOTES = re.compile('[,"\r\n]')
MIN_LONG, MAX_LONG = -(2**63), 2**63 - 1
# The export's names, with 64-bit numbers: the loader stores Python ints and floats as Cypher INTEGER and FLOAT.
COLUMN_TYPES = {key: {"int": "long", "float": "double", "int[]": "long[]"}.get(kind, kind)
                for key, kind in PROPERTY_TYPES.items()}  # fmt: skip
# db.create.setNodeVectorProperty stores an embedding as 32-bit floats.
COLUMN_TYPES["embedding"] = "float[]"


class BulkValueError(NewsgraphError):
    """A property value the import files cannot carry as the loader would store it."""


@dataclass(slots=True)
class CsvFamily:
    """The files of one node group (``:ID(group)``) or one relationship kind, as parts of growing headers."""

    folder: Path
    name: str  # the file stem: nodes_Article, relationships_MENTIONS
    fixed: list[str]  # leading header cells: id and label columns, or start, end and type columns
    relationship_dates_are_text: bool = False  # a typed relation's date is "2017" or "2017-03": text
    columns: list[str] = field(default_factory=list)
    types: dict[str, str] = field(default_factory=dict)
    parts: list[Path] = field(default_factory=list)
    multiline_parts: set[Path] = field(default_factory=set)
    rows: int = 0
    longest_field: int = 0
    _handle: TextIO | None = None

    def encode(self, properties: dict[str, Any]) -> dict[str, str]:
        """The CSV text of each property (None means absent); empty lists named under EMPTY_LISTS_KEY."""
        encoded: dict[str, str] = {}
        empty: list[str] = []
        for key, value in properties.items():
            if value is None:
                continue
            if isinstance(value, (list, tuple)) and not value:
                empty.append(key)
                continue
            kind = self.types.get(key) or self._type_of(key, value)
            encoded[key] = _text(key, kind, value)
            self.types.setdefault(key, kind)
        if empty:
            self.types.setdefault(EMPTY_LISTS_KEY, "string[]")
            encoded[EMPTY_LISTS_KEY] = ARRAY_DELIMITER.join(sorted(empty))
        return encoded

    def write(self, leading: list[str], encoded: dict[str, str]) -> None:
        new = [key for key in encoded if key not in self.columns]
        if new or self._handle is None:
            self.columns.extend(sorted(new))
            self._open_part()
        assert self._handle is not None
        cells = [*leading, *(encoded.get(key) for key in self.columns)]
        line = ",".join(_cell(cell) for cell in cells)
        longest = max(len(cell) for cell in cells if cell is not None)
        if longest > self.longest_field:
            self.longest_field = longest
        if self.parts[-1] not in self.multiline_parts and ("\n" in line or "\r" in line):
            self.multiline_parts.add(self.parts[-1])
        self._handle.write(line + "\n")
        self.rows += 1

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def _open_part(self) -> None:
        self.close()
        path = self.folder / f"{self.name}.part{len(self.parts) + 1:03d}.csv"
        self._handle = path.open("w", encoding="utf-8", newline="")
        header = [*self.fixed, *(f"{key}:{self.types[key]}" for key in self.columns)]
        self._handle.write(",".join(_cell(cell) for cell in header) + "\n")
        self.parts.append(path)

    def _type_of(self, key: str, value: Any) -> str:
        if key == "date" and self.relationship_dates_are_text:
            return "string"
        named = COLUMN_TYPES.get(key)
        if named is not None:
            return named
        if isinstance(value, (list, tuple)):
            return _scalar_type(key, value[0]) + "[]"
        return _scalar_type(key, value)


def _cell(text: str | None) -> str:
    """One CSV field: nothing for an absent value, quoted when empty (an empty text is a value) or when it holds
    a comma, a quote or a line break; quotes doubled (RFC 4180, the importer's reading)."""
    if text is None:
        return ""
    if text and not _NEEDS_QUOTES.search(text):
        return text
    return '"' + text.replace('"', '""') + '"'


def _scalar_type(key: str, value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, dt.datetime):
        return "datetime"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, str):
        return "string"
    raise BulkValueError(f"property {key!r} holds a {type(value).__name__}, which the import files cannot carry")


def _text(key: str, kind: str, value: Any) -> str:
    if kind.endswith("[]"):
        if not isinstance(value, (list, tuple)):
            raise BulkValueError(f"property {key!r} is a list elsewhere, here a {type(value).__name__}")
        element = kind[:-2]
        if element == "float":
            rounded = _float32(value)
            if all(map(math.isfinite, rounded)):  # an embedding: the common case, made short
                return ARRAY_DELIMITER.join(map(_FLOAT32_TEXT.__mod__, rounded))
            value = rounded
        texts = [_scalar_text(key, element, v) for v in value]
        if any(ARRAY_DELIMITER in t for t in texts):
            raise BulkValueError(f"property {key!r} holds the character U+001F, the import files' list delimiter")
        if texts == [""]:
            raise BulkValueError(f"property {key!r} is a list of one empty text, which the import files cannot carry")
        return ARRAY_DELIMITER.join(texts)
    if isinstance(value, (list, tuple)):
        raise BulkValueError(f"property {key!r} is a {kind} elsewhere, here a list")
    return _scalar_text(key, kind, value)


def _scalar_text(key: str, kind: str, value: Any) -> str:
    if kind == "string" and isinstance(value, str):
        return value
    if kind == "long" and isinstance(value, int) and not isinstance(value, bool):
        if not MIN_LONG <= value <= MAX_LONG:
            raise BulkValueError(f"property {key!r} is a whole number outside 64 bits")
        return str(value)
    if kind in ("double", "float") and isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return repr(value)
    if kind == "boolean" and isinstance(value, bool):
        return "true" if value else "false"
    if kind == "datetime" and isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.isoformat().replace("+00:00", "Z")
    if kind == "date" and isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    raise BulkValueError(f"property {key!r} is a {kind} elsewhere, here {type(value).__name__} {value!r:.40}")


def _float32(values: Any) -> tuple[float, ...]:
    """Rounded to 32 bits as db.create.setNodeVectorProperty rounds them (numbers only, as it takes)."""
    if any(isinstance(v, bool) for v in values):
        raise BulkValueError("an embedding holds true or false")
    try:
        return struct.unpack(f"<{len(values)}f", struct.pack(f"<{len(values)}f", *values))
    except (struct.error, OverflowError) as e:
        raise BulkValueError(f"an embedding holds something other than 32-bit numbers ({e})") from e
