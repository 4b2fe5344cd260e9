"""(Article, Extraction) pairs as JSON and back, losing nothing: ``pair_from_json(pair_to_json(p)) == p``.

Every field of every record is written, the embeddings included, and read back with its declared type: lists
become tuples again, a float stays a float. The codec follows the dataclass fields and their type hints, so a
field added to ``core.records`` is carried without a change here. An embedding (``tuple[float, ...]``) is
packed as base64 of little-endian float32 when every value is exactly a float32 (what the embedding model
gives), else of float64: a quarter or a half of the decimal text, and the same floats back.

Reading is strict, because the text comes from files: an unknown key, a missing field without a default, or
a value of the wrong type raises ``RecordFormatError`` naming where (``extraction.statements[2].start``).
A field missing from an older file takes its default.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import json
import sys
import types
import typing
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from core.errors import NewsgraphError
from core.records import Article, Extraction

Pair = tuple[Article, Extraction]


class RecordFormatError(NewsgraphError):
    """JSON that is not a record of ``core.records``; the message says which field and why."""


def pair_to_dict(article: Article, extraction: Extraction) -> dict[str, Any]:
    """The pair as plain JSON data: ``{"article": {...}, "extraction": {...}}``."""
    return {"article": _encode(article), "extraction": _encode(extraction)}


def pair_from_dict(data: Any) -> Pair:
    if not isinstance(data, dict) or set(data) != {"article", "extraction"}:
        raise RecordFormatError("expected an object with exactly `article` and `extraction`")
    return _decode(Article, data["article"], "article"), _decode(Extraction, data["extraction"], "extraction")


def pair_to_json(article: Article, extraction: Extraction) -> str:
    """One line of JSON (no newline): UTF-8 text as is, ``\\u`` escapes only where a string holds a lone surrogate."""
    return to_json_text(pair_to_dict(article, extraction))


def pair_from_json(text: str | bytes) -> Pair:
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as e:
        raise RecordFormatError(f"not valid JSON ({e})") from e
    except ValueError as e:  # int() refuses a number of more than 4300 digits
        raise RecordFormatError("not valid JSON (a number of more than 4300 digits)") from e
    return pair_from_dict(data)


def to_json_text(data: Any) -> str:
    """Compact JSON on one line; a lone surrogate (a Python string may hold one, UTF-8 cannot) is escaped."""
    try:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except ValueError as e:  # NaN or infinity: no JSON holds them, and no extractor should make them
        raise RecordFormatError(f"cannot write as JSON: {e}") from e
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(data, ensure_ascii=True, separators=(",", ":"), allow_nan=False)
    return text


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        hints = _hints(type(value))
        return {
            f.name: _pack(getattr(value, f.name)) if _is_vector(hints[f.name]) else _encode(getattr(value, f.name))
            for f in dataclasses.fields(value)
        }
    if isinstance(value, (tuple, list)):
        return [_encode(item) for item in value]
    return value


def _pack(vector: tuple[float, ...] | None) -> dict[str, str] | None:
    if vector is None:
        return None
    import numpy as np  # only where embeddings are packed: core stays light for its other users

    wide = np.asarray(vector, dtype="<f8")
    narrow = wide.astype("<f4")
    if np.array_equal(narrow.astype("<f8"), wide):
        return {"f4": base64.b64encode(narrow.tobytes()).decode("ascii")}
    return {"f8": base64.b64encode(wide.tobytes()).decode("ascii")}


def _unpack(value: Any, where: str) -> tuple[float, ...]:
    if isinstance(value, list):  # written by hand or by another tool: plain numbers are fine too
        return tuple(_number(item, f"{where}[{i}]") for i, item in enumerate(value))
    if not isinstance(value, dict) or len(value) != 1 or next(iter(value)) not in ("f4", "f8"):
        raise RecordFormatError(f"{where}: expected a list of numbers or {{'f4'|'f8': base64}}")
    [(dtype, text)] = value.items()
    try:
        raw = base64.b64decode(text, validate=True) if isinstance(text, str) else None
    except (binascii.Error, ValueError):
        raw = None
    width = 4 if dtype == "f4" else 8
    if raw is None or len(raw) % width:
        raise RecordFormatError(f"{where}: not base64 of {width}-byte floats")
    import numpy as np

    return tuple(float(x) for x in np.frombuffer(raw, dtype=f"<{dtype}"))


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls, vars(sys.modules[cls.__module__]))


def _is_vector(hint: Any) -> bool:
    return _without_none(hint) == tuple[float, ...]


def _without_none(hint: Any) -> Any:
    if _is_union(hint):
        rest = [arg for arg in get_args(hint) if arg is not type(None)]
        if len(rest) == 1:
            return rest[0]
    return hint


def _is_union(hint: Any) -> bool:
    return get_origin(hint) in (Union, types.UnionType)


def _decode(hint: Any, value: Any, where: str) -> Any:
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _record(hint, value, where)
    if _is_union(hint):
        if value is None and type(None) in get_args(hint):
            return None
        inner = _without_none(hint)
        if inner is hint:
            raise RecordFormatError(f"{where}: unsupported type {hint}")
        return _decode(inner, value, where)
    if hint == tuple[float, ...]:
        return _unpack(value, where)
    origin = get_origin(hint)
    if origin is Literal:
        if value not in get_args(hint):
            raise RecordFormatError(f"{where}: {_quoted(value)} is not one of {', '.join(map(repr, get_args(hint)))}")
        return value
    if origin is tuple:
        return _sequence(hint, value, where)
    if hint is str:
        if not isinstance(value, str):
            raise RecordFormatError(f"{where}: expected a string, got {_quoted(value)}")
        return value
    if hint is int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise RecordFormatError(f"{where}: expected an integer, got {_quoted(value)}")
        return value
    if hint is float:
        return _number(value, where)
    if hint is typing.Any:
        return value
    raise RecordFormatError(f"{where}: unsupported type {hint}")


def _record(cls: type, value: Any, where: str) -> Any:
    if not isinstance(value, dict):
        raise RecordFormatError(f"{where}: expected an object, got {_quoted(value)}")
    hints = _hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    unknown = sorted(set(value) - set(fields))
    if unknown:
        raise RecordFormatError(f"{where}: unknown field {_quoted(unknown[0])}")
    given = {}
    for name, f in fields.items():
        if name in value:
            given[name] = _decode(hints[name], value[name], f"{where}.{name}")
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise RecordFormatError(f"{where}: field `{name}` is missing")
    return cls(**given)


def _sequence(hint: Any, value: Any, where: str) -> tuple[Any, ...]:
    if not isinstance(value, list):
        raise RecordFormatError(f"{where}: expected a list, got {_quoted(value)}")
    args = get_args(hint)
    if len(args) == 2 and args[1] is Ellipsis:
        return tuple(_decode(args[0], item, f"{where}[{i}]") for i, item in enumerate(value))
    if len(value) != len(args):
        raise RecordFormatError(f"{where}: expected {len(args)} items, got {len(value)}")
    return tuple(_decode(arg, item, f"{where}[{i}]") for i, (arg, item) in enumerate(zip(args, value, strict=True)))


def _number(value: Any, where: str) -> float:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise RecordFormatError(f"{where}: expected a number, got {_quoted(value)}")
    return float(value)


def _quoted(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
