"""Shared helpers of the gold-set tools: reading JSON Lines, entity ids and the name key used for matching.

Kept free of project imports so the scorer can grade any extractor's output, including a broken one.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from core import relation_types
from core.records import Article, content_hash

ENTITY_TYPES = ("Person", "Organization", "Location", "Law", "Event", "Product", "Group")
STATEMENT_KINDS = ("direct", "indirect", "mixed")
# The relation inventory of RELATIONS.md, the one list the extractor and the graph read (core/relation_types.py).
RELATION_TYPES = relation_types.RELATION_TYPES
SYMMETRIC_RELATIONS = relation_types.SYMMETRIC
RELATION_ARGUMENT_TYPES = relation_types.ARGUMENT_TYPES
RELATION_OBJECT_TYPES = {kind: tuple(sorted(types)) for kind, types in relation_types.OBJECT_TYPES.items()}

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_SPACES = re.compile(r"\s+")
# Letters NFKD leaves whole but readers treat as plain Latin letters (Đ in Serbian names).
_EXTRA_FOLDS = str.maketrans({"đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss", "æ": "ae"})
# Leading words that do not change who is meant: "the Interior Ministry" = "Interior Ministry".
_LEADING_DETERMINERS = re.compile(r"^(?:the|a|an|some|many|several|other|its|his|her|their)\s+")
_POSSESSIVE = re.compile(r"['’]s?$")


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as e:
                raise ValueError(f"{path}:{number}: not valid JSON ({e.msg})") from e


def read_articles(path: Path) -> list[Article]:
    """The documents of an evaluation set as the Articles the extractor and loader take."""
    return [
        Article(
            id=doc["id"],
            text=doc["text"],
            content_hash=content_hash(doc["text"]),
            title=doc.get("title"),
            url=doc.get("url"),
            published=doc.get("published"),
        )
        for doc in read_jsonl(path)
    ]


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_EXTRA_FOLDS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slugify(name: str) -> str:
    return _NON_ALNUM.sub("-", strip_diacritics(name).lower()).strip("-")


def entity_id(entity_type: str, name: str) -> str:
    return f"{entity_type.lower()}:{slugify(name)}"


def name_key(name: str | None) -> str:
    """Comparison key for names: casefolded, diacritics-insensitive, without a leading article or a possessive.

    "the Interior Ministry's" and "Interior Ministry", "Marinović" and "MARINOVIC" get the same key.
    """
    if not name:
        return ""
    key = strip_diacritics(name).casefold().replace("’", "'")
    key = _POSSESSIVE.sub("", key.strip())
    key = _SPACES.sub(" ", re.sub(r"[^\w/&]+", " ", key)).strip()
    return _LEADING_DETERMINERS.sub("", key)
