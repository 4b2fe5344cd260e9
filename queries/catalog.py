"""The curated read queries: list them, parse their headers, bind and check their parameters.

Each ``queries/*.cypher`` file starts with a header::

    // name: person-statements
    // description: Everything a person said, …
    // params: person_id: string, about_id: string = null, from: date = null, limit: int = 100

A parameter without a default is required. Types: ``string``, ``int`` (64 bits, as Neo4j stores),
``float``, ``bool``, ``date`` (YYYY-MM-DD), ``vector`` (a list of numbers, or a text turned into one by
the caller's embedder) and choices written ``year|month``. Values arrive as text from the command line or
the explorer and are converted here, so a wrong type or an integer out of range is one clear error before
anything reaches Neo4j. The Cypher uses
``$parameters`` only; tests/test_queries.py checks that every ``$name`` is declared.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import json
import math
import re
import reprlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from core.errors import QueryError
from graph.readonly import MAX_INT, MIN_INT, ReadResult, run_read

Embedder = Callable[[str], Sequence[float]]

SCALAR_TYPES = ("string", "int", "float", "bool", "date", "vector")
_HEADER = re.compile(r"^//\s*(name|description|params)\s*:\s*(.*)$")
_PARAM = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*:\s*([A-Za-z|_-]+)\s*(?:=\s*(.+?))?\s*$")
_CYPHER_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    type: str  # one of SCALAR_TYPES, or "a|b|c" for a choice
    default: Any = None
    required: bool = True

    @property
    def choices(self) -> tuple[str, ...]:
        return tuple(self.type.split("|")) if "|" in self.type else ()

    def describe(self) -> str:
        if self.required:
            return f"{self.name}: {self.type}"
        return f"{self.name}: {self.type} = {json.dumps(self.default, default=str)}"


@dataclass(frozen=True, slots=True)
class CuratedQuery:
    name: str
    description: str
    params: tuple[Param, ...]
    cypher: str  # the full file text, header included (Cypher comments)
    filename: str

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


def parse_query(text: str, filename: str = "<text>") -> CuratedQuery:
    """Parse one .cypher file; a missing or malformed header is a QueryError naming the file."""
    header: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        match = _HEADER.match(line.strip())
        if not match:
            break
        header[match.group(1)] = match.group(2).strip()
    for key in ("name", "description", "params"):
        if key not in header:
            raise QueryError(f"{filename}: header line `// {key}:` is missing")
    params = tuple(_parse_param(part, filename) for part in _split_params(header["params"]))
    return CuratedQuery(header["name"], header["description"], params, text, filename)


def _split_params(text: str) -> list[str]:
    if text.strip().lower() in {"", "none"}:
        return []
    # Commas inside quoted defaults are rare but legal; split only outside quotes.
    parts, current, quoted = [], "", False
    for char in text:
        if char == '"':
            quoted = not quoted
        if char == "," and not quoted:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return [p for p in parts if p.strip()]


def _parse_param(part: str, filename: str) -> Param:
    match = _PARAM.match(part)
    if not match:
        raise QueryError(f"{filename}: cannot read parameter {part.strip()!r} (expected `name: type [= default]`)")
    name, ptype, default_text = match.groups()
    if "|" not in ptype and ptype not in SCALAR_TYPES:
        raise QueryError(f"{filename}: parameter {name} has unknown type {ptype!r}")
    if default_text is None:
        return Param(name, ptype)
    try:
        default = json.loads(default_text)
    except json.JSONDecodeError as e:
        raise QueryError(f"{filename}: default of {name} is not JSON: {default_text!r}") from e
    if default is not None:
        default = _convert(Param(name, ptype), default, None)
    return Param(name, ptype, default, required=False)


@functools.cache
def _load_all() -> tuple[CuratedQuery, ...]:
    found = []
    for entry in resources.files("queries").iterdir():
        if entry.name.endswith(".cypher"):
            found.append(parse_query(entry.read_text(encoding="utf-8"), entry.name))
    names = [q.name for q in found]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise QueryError(f"curated queries with the same name: {', '.join(duplicates)}")
    return tuple(sorted(found, key=lambda q: q.name))


def list_queries() -> list[CuratedQuery]:
    """Every curated query, sorted by name."""
    return list(_load_all())


def get_query(name: str) -> CuratedQuery:
    """The curated query called ``name``; an unknown name is one line with the closest known names."""
    for query in _load_all():
        if query.name == name:
            return query
    names = [q.name for q in _load_all()]
    close = difflib.get_close_matches(name, names, n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else "; `newsgraph query --list` shows them all"
    raise QueryError(f"unknown query {name!r}{hint}")


def bind(query: CuratedQuery, values: Mapping[str, Any], embed: Embedder | None = None) -> dict[str, Any]:
    """Parameters for Neo4j: converted to their declared types, defaults filled, unknown names refused."""
    unknown = sorted(set(values) - {p.name for p in query.params})
    if unknown:
        known = ", ".join(p.name for p in query.params) or "none"
        raise QueryError(f"query {query.name} has no parameter {', '.join(unknown)} (parameters: {known})")
    bound: dict[str, Any] = {}
    for param in query.params:
        if param.name in values and values[param.name] is not None:
            bound[param.name] = _convert(param, values[param.name], embed, query.name)
        elif param.required:
            raise QueryError(f"query {query.name} needs parameter {param.name} ({param.type}): add -p {param.name}=…")
        else:
            bound[param.name] = param.default
    return bound


def _convert(param: Param, value: Any, embed: Embedder | None, query_name: str = "") -> Any:
    where = f"parameter {param.name}" + (f" of {query_name}" if query_name else "")
    try:
        return _CONVERTERS[param.type if param.type in _CONVERTERS else "choice"](param, value, embed)
    except OverflowError as e:
        if param.type != "int":
            raise QueryError(f"{where}: expected {_expected(param)}, got {_shown(value)}") from e
        raise QueryError(
            f"{where}: {_digits(value)} is out of range; whole numbers go from {MIN_INT} to {MAX_INT}"
        ) from e
    except (TypeError, ValueError, RecursionError) as e:  # RecursionError: a vector's JSON nested too deeply
        raise QueryError(f"{where}: expected {_expected(param)}, got {_shown(value)}") from e


def _shown(value: Any) -> str:
    """The value as it appears in an error: short, one line, whatever the user typed."""
    if isinstance(value, str) and len(value) > 60:
        return f"{value[:40]!r}… ({len(value)} characters)"
    return reprlib.repr(value)


def _digits(value: Any) -> str:
    text = str(value).strip() if isinstance(value, str) else _int_text(value)
    return text if len(text) <= 30 else f"{text[:20]}… ({len(text.lstrip('+-'))} digits)"


def _int_text(value: Any) -> str:
    if isinstance(value, int) and value.bit_length() > 100:
        return f"a whole number of about {int(value.bit_length() * math.log10(2)) + 1} digits"
    return str(value)


def _expected(param: Param) -> str:
    if param.choices:
        return "one of " + ", ".join(param.choices)
    return {
        "string": "text",
        "int": "a whole number",
        "float": "a number",
        "bool": "true or false",
        "date": "a date YYYY-MM-DD",
        "vector": "a list of numbers or a text to embed",
    }[param.type]


def _to_string(param: Param, value: Any, embed: Embedder | None) -> str:
    if not isinstance(value, str):
        raise TypeError("not text")
    return value


def _to_int(param: Param, value: Any, embed: Embedder | None) -> int:
    """A whole number Neo4j can store: 64 bits; past that an OverflowError (also before int() reads 4300+ digits)."""
    if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
        raise ValueError("not a whole number")
    if isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d{20,}\s*", value):
        raise OverflowError("more digits than a 64-bit integer has")
    number = int(value.strip()) if isinstance(value, str) else int(value)
    if not MIN_INT <= number <= MAX_INT:
        raise OverflowError("outside 64 bits")
    return number


def _to_float(param: Param, value: Any, embed: Embedder | None) -> float:
    if isinstance(value, bool):
        raise ValueError("not a number")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError("not finite")
    return number


def _to_bool(param: Param, value: Any, embed: Embedder | None) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"true", "yes", "1", "on"}:
        return True
    if text in {"false", "no", "0", "off"}:
        return False
    raise ValueError("not a yes/no value")


def _to_date(param: Param, value: Any, embed: Embedder | None) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise ValueError("not YYYY-MM-DD")
    return dt.date.fromisoformat(value.strip())


def _to_vector(param: Param, value: Any, embed: Embedder | None) -> list[float]:
    if isinstance(value, str):
        stripped = value.strip()
        if stripped.startswith("["):
            value = json.loads(stripped)
        elif embed is not None and stripped:
            value = embed(stripped)
        else:
            raise ValueError("no embedder to turn text into a vector")
    vector = [_to_float(param, v, None) for v in value]
    if not vector:
        raise ValueError("empty vector")
    return vector


def _to_choice(param: Param, value: Any, embed: Embedder | None) -> str:
    text = str(value).strip().lower()
    if text not in param.choices:
        raise ValueError("not one of the choices")
    return text


_CONVERTERS: dict[str, Callable[[Param, Any, Embedder | None], Any]] = {
    "string": _to_string,
    "int": _to_int,
    "float": _to_float,
    "bool": _to_bool,
    "date": _to_date,
    "vector": _to_vector,
    "choice": _to_choice,
}


def cypher_parameters(query: CuratedQuery) -> set[str]:
    """Names used as ``$name`` in the query body (comments excluded)."""
    body = "\n".join(line for line in query.cypher.splitlines() if not line.lstrip().startswith("//"))
    return set(_CYPHER_PARAM.findall(body))


def run_curated(
    driver: Any,
    database: str,
    name: str,
    values: Mapping[str, Any],
    *,
    timeout: float = 30.0,
    row_limit: int = 1000,
    embed: Embedder | None = None,
) -> ReadResult:
    """Bind and run one curated query read-only (graph/readonly.py); the CLI and the explorer use this."""
    query = get_query(name)
    return run_read(driver, database, query.cypher, bind(query, values, embed), timeout=timeout, row_limit=row_limit)
