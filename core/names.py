"""How names compare: diacritics folding and slugs, shared by the extractor's ids and the graph's merge suggestions.

Ids follow the statement spec: ``<type-lowercase>:<slug>`` where the slug is the canonical name with
diacritics stripped (NFKD, combining marks dropped), lowercased, non-alphanumerics collapsed to "-".
"""

from __future__ import annotations

import functools
import re
import unicodedata

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_SPACES = re.compile(r"\s+")
# Letters NFKD does not decompose but that readers treat as plain Latin letters.
_EXTRA_FOLDS = str.maketrans({"đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss", "æ": "ae"})


def strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_EXTRA_FOLDS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=1 << 16)  # called for most tokens of every document, mostly on the same words
def fold(text: str) -> str:
    """A comparison key: Marinović, MARINOVIC and marinovic fold to the same string."""
    return _SPACES.sub(" ", strip_diacritics(text).casefold().replace("’", "'")).strip()


def slugify(name: str) -> str:
    return _NON_ALNUM.sub("-", strip_diacritics(name).lower()).strip("-")


def entity_id(entity_type: str, name: str) -> str:
    """The stable canonical id of an entity, e.g. ``person:nebojsa-stefanovic``."""
    return f"{entity_type.lower()}:{slugify(name)}"
