"""The shape of the user's aliases file (setting ``aliases_file``): checked alike where the extractor applies it and
where the audit lists it, so both read one file one way.

Its ``[[entity]]``, ``[[split]]`` and ``ignore`` entries have the shapes of nlp/lexicon/gazetteer.toml. A text
where a list is due would be read letter by letter (``aliases = "HW"`` making every "H" and "W" an alias), so any
other shape is a ConfigError naming the file and the entry.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from core.errors import ConfigError
from core.records import ENTITY_TYPES


def check_aliases_entries(data: dict[str, Any], path: Path) -> None:
    """ConfigError when an ``entity``, ``split`` or ``ignore`` entry of ``data`` (the file at ``path``) has another
    shape than gazetteer.toml's."""
    for number, entry in enumerate(_tables(data, "entity", path), start=1):
        if not isinstance(entry.get("name"), str) or entry.get("type") not in ENTITY_TYPES:
            raise ConfigError(f"{path}: [[entity]] #{number} needs a name and a type among {', '.join(ENTITY_TYPES)}")
        if not _is_words(entry.get("aliases", [])):
            raise ConfigError(f"{path}: [[entity]] #{number}: 'aliases' must be a list of strings")
    for number, entry in enumerate(_tables(data, "split", path), start=1):
        if not _is_words(entry.get("names", [])):
            raise ConfigError(f"{path}: [[split]] #{number}: 'names' must be a list of strings")
    if not _is_words(data.get("ignore", [])):
        raise ConfigError(f"{path}: 'ignore' must be a list of strings")


def _tables(data: dict[str, Any], key: str, path: Path) -> list[dict[str, Any]]:
    entries = data.get(key, [])
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        raise ConfigError(f"{path}: '{key}' must be a list of [[{key}]] tables")
    return entries


def _is_words(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(word, str) for word in value)
