"""The lexicon: every word list and pattern table the rules consult, read from ``en.toml`` into one typed object.

``load_lexicon`` reads the built-in file and the user's aliases file over it once per extractor; the rules
receive the ``Lexicon`` (or the section they need) as a parameter. Sections of the file:

- ``[honorifics]``: one table of honorifics and gendered titles, each entry saying which rules take it; the
  loader derives each consumer's list from it (``StatementWords.honorifics`` and ``title_genders``, the gazetteer's
  ``honorific_titles``, ``EntityWords.trimmed_honorifics``);
- ``[statements]``: the lists of the statements room (reporting verbs, speaker nouns, titles, patterns), typed
  by ``StatementWords``;
- ``[entities]``: the entity room's words besides the gazetteer lists, typed by ``EntityWords``;
- ``[relations]``: the relation verbs and prepositions, typed by ``RelationWords``;
- ``[rules]``: the gazetteer's word lists of the entity room, by name (``Gazetteer.words``).

The user's file may extend a list (``[lexicon] key = [...]``, a table's entries added) or replace it
(``[lexicon.replace] key = [...]``); the legacy ``[rules] key = [...]`` replaces a gazetteer list. Every key
must name a built-in list, and each value has the built-in list's type, or loading fails naming the key and file.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, get_args, get_origin, get_type_hints

from core.errors import ConfigError
from core.names import fold
from core.toml_file import read_toml_file
from nlp.lexicon.sections import GENDERS, HONORIFIC_USES, EntityWords, Honorific, RelationWords, StatementWords

BUILTIN_FILE = Path(__file__).resolve().parent / "en.toml"
RULES = "rules"  # the gazetteer's section: a free table of word lists, each key one built-in list
HONORIFICS = "honorifics"  # the one table of honorifics, word → entry; the consumers' lists are derived from it


@dataclass(frozen=True, slots=True)
class Lexicon:
    version: str
    honorifics: Mapping[str, Honorific]
    statements: StatementWords
    entities: EntityWords
    relations: RelationWords
    rules: Mapping[str, tuple[str, ...]]  # the gazetteer's word lists as written, by name
    fingerprint: str  # sha256 of everything loaded, built-in and user lists alike


SECTIONS: dict[str, type] = {"statements": StatementWords, "entities": EntityWords, "relations": RelationWords}


def load_lexicon(user_file: str | Path | None = None) -> Lexicon:
    """The built-in English lexicon with the ``[lexicon]`` (and legacy ``[rules]``) tables of ``user_file`` over it."""
    data = read_toml(BUILTIN_FILE)
    unknown = sorted(set(data) - {"version", HONORIFICS, RULES, *SECTIONS})
    if unknown:
        raise ConfigError(f"{BUILTIN_FILE}: unknown lexicon key {unknown[0]!r}")
    if not isinstance(data.get("version"), str):
        raise ConfigError(f"{BUILTIN_FILE}: 'version' must be a string")
    _check_unique_keys(data)
    merged = copy.deepcopy(data)
    if user_file:
        path = Path(user_file).expanduser()
        user = read_toml(path, "aliases")
        _apply_user(merged, user, path)
    digest = hashlib.sha256(json.dumps(merged, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()
    honorifics = {word: _honorific(entry, word, BUILTIN_FILE) for word, entry in merged.get(HONORIFICS, {}).items()}
    _derive_honorific_lists(merged, honorifics)
    sections = {name: _typed(kind, merged.get(name, {}), BUILTIN_FILE) for name, kind in SECTIONS.items()}
    rules = {key: tuple(_words(value, key, BUILTIN_FILE)) for key, value in merged.get(RULES, {}).items()}
    return Lexicon(version=merged["version"], honorifics=honorifics, rules=rules, fingerprint=digest, **sections)


def _honorific(entry: Any, word: str, path: Path) -> Honorific:
    key = f"{HONORIFICS}.{word}"
    if not isinstance(entry, dict) or set(entry) - {"gender", "dotted", "uses"}:
        raise ConfigError(f"{path}: {key!r} must be a table of gender, dotted and uses")
    gender, dotted, uses = entry.get("gender", ""), entry.get("dotted", False), entry.get("uses", [])
    if gender not in GENDERS or not isinstance(dotted, bool):
        raise ConfigError(f'{path}: {key!r}: gender is "m", "f" or "", dotted true or false')
    unknown = sorted(set(_words(uses, f"{key}.uses", path)) - set(HONORIFIC_USES))
    if unknown:
        raise ConfigError(f"{path}: {key!r}: unknown use {unknown[0]!r} (uses are {', '.join(HONORIFIC_USES)})")
    return Honorific(gender, dotted, tuple(uses))


def _derive_honorific_lists(merged: dict[str, Any], honorifics: Mapping[str, Honorific]) -> None:
    """Each consumer's list, from the one table: the entries marked for its use (and the genders), in place."""

    def used_for(use: str) -> list[str]:
        return [word for word, entry in honorifics.items() if use in entry.uses]

    genders = {word: entry.gender for word, entry in honorifics.items() if entry.gender}
    dotted = {f"{word}.": entry.gender for word, entry in honorifics.items() if entry.gender and entry.dotted}
    merged.setdefault("statements", {}).update(honorifics=used_for("speaker"), title_genders=genders | dotted)
    merged.setdefault(RULES, {})["honorific_titles"] = used_for("alone")
    # the entity stage compares words folded ("Maître" as "maitre"), so its list is folded too
    merged.setdefault("entities", {})["trimmed_honorifics"] = [fold(word) for word in used_for("trim")]
    merged["statements"]["post_nominal_letters"] = merged["entities"].get("post_nominal_letters", [])
    for key in ("honorifics_after_names", "honorifics_before_two_names", "possessive_plurals", "patronymic_markers"):
        merged["statements"][key] = merged["entities"].get(key, [])
    rules = merged.get(RULES, {})
    jobs = ("title_words", "occupation_words", "employee_words")  # "Mayor", "Farmer", "Driver" before a name
    merged["statements"]["entity_title_words"] = [word for key in jobs for word in rules.get(key, [])]
    merged["statements"]["name_particles"] = list(rules.get("name_particles", []))
    merged["statements"]["surname_markers"] = list(rules.get("surname_markers", []))
    merged["statements"]["name_alone_markers"] = list(rules.get("name_alone_markers", []))


def _check_unique_keys(data: dict[str, Any]) -> None:
    """A user's key names one list whatever its section, so no key may be in two sections."""
    seen: dict[str, str] = {HONORIFICS: HONORIFICS}
    for name in (*SECTIONS, RULES):
        for key in data.get(name, {}):
            if key in seen:
                raise ConfigError(f"{BUILTIN_FILE}: lexicon key {key!r} is in both [{seen[key]}] and [{name}]")
            seen[key] = name


def read_toml(path: Path, what: str = "lexicon") -> dict[str, Any]:
    """A TOML data file of the lexicon or the gazetteer; an unreadable one is one error naming it."""
    try:
        return read_toml_file(path)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigError(f"{what} file {path} is not valid TOML: {e}") from e
    except OSError as e:
        raise ConfigError(f"cannot read {what} file {path}: {e.strerror}") from e


def _holder(merged: dict[str, Any], key: str, path: Path) -> dict[str, Any]:
    """The table of ``merged`` that holds the built-in list ``key`` (the file itself for ``honorifics``)."""
    if key == HONORIFICS:
        return merged
    for name in (*SECTIONS, RULES):
        if key in merged.get(name, {}):
            holder: dict[str, Any] = merged[name]
            return holder
    raise ConfigError(f"{path}: unknown lexicon key {key!r} (see the keys of nlp/lexicon/en.toml)")


def _apply_user(merged: dict[str, Any], user: dict[str, Any], path: Path) -> None:
    """The user's lists over the built-in ones, in place: ``[rules]`` and ``[lexicon.replace]`` replace,
    ``[lexicon]`` extends."""
    table = user.get("lexicon", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: 'lexicon' must be a table")
    replaced = table.get("replace", {})
    if not isinstance(replaced, dict):
        raise ConfigError(f"{path}: 'lexicon.replace' must be a table")
    legacy = user.get(RULES, {})
    for key, value in legacy.items():
        if key not in merged.get(RULES, {}):
            raise ConfigError(f"{path}: unknown [rules] key {key!r} (see [rules] in nlp/lexicon/en.toml)")
        merged[RULES][key] = _same_shape(merged[RULES][key], value, key, path)
    for key, value in replaced.items():
        holder = _holder(merged, key, path)
        holder[key] = _same_shape(holder[key], value, key, path)
    for key, value in table.items():
        if key == "replace":
            continue
        holder = _holder(merged, key, path)
        builtin = holder[key]
        extra = _same_shape(builtin, value, key, path)
        if isinstance(builtin, list):
            holder[key] = builtin + [word for word in extra if word not in builtin]
        elif isinstance(builtin, dict):
            holder[key] = {**builtin, **{k: _extended(builtin.get(k), v) for k, v in extra.items()}}
        else:
            raise ConfigError(f"{path}: {key!r} is a pattern, not a list: set it under [lexicon.replace]")


def _extended(builtin: Any, extra: Any) -> Any:
    """One entry of a table extended by the user: a list of words grows, anything else is replaced."""
    if isinstance(builtin, list):
        return builtin + [word for word in extra if word not in builtin]
    return extra


def _same_shape(builtin: Any, value: Any, key: str, path: Path) -> Any:
    """The user's value when it has the built-in value's type: a list of strings, a table of strings or of lists
    of strings, a string. The entries of the honorifics table are checked when it is read."""
    if isinstance(builtin, list):
        return _words(value, key, path)
    if isinstance(builtin, dict):
        sample = next(iter(builtin.values()), "")
        if isinstance(sample, dict) and isinstance(value, dict):
            return value
        if isinstance(sample, list) and isinstance(value, dict):
            return {k: _words(v, f"{key}.{k}", path) for k, v in value.items()}
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise ConfigError(f"{path}: {key!r} must be a table of strings")
        return value
    if not isinstance(value, str):
        raise ConfigError(f"{path}: {key!r} must be a string")
    return value


def _words(value: Any, key: str, path: Path) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(word, str) for word in value):
        raise ConfigError(f"{path}: {key!r} must be a list of strings")
    return value


def _typed(kind: type, table: Any, path: Path) -> Any:
    """One section as its dataclass: every field present with its type, no other key."""
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: a lexicon section must be a table")
    hints = get_type_hints(kind)
    names = [f.name for f in fields(kind) if f.init]
    unknown = sorted(set(table) - set(names))
    if unknown:
        raise ConfigError(f"{path}: unknown lexicon key {unknown[0]!r}")
    missing = [name for name in names if name not in table]
    if missing:
        raise ConfigError(f"{path}: lexicon key {missing[0]!r} is missing")
    return kind(**{name: _value(hints[name], table[name], name, path) for name in names})


def _value(hint: Any, value: Any, key: str, path: Path) -> Any:
    origin = get_origin(hint) or hint
    if origin is frozenset:
        return frozenset(_words(value, key, path))
    if origin is tuple:
        return tuple(_words(value, key, path))
    if origin in (dict, Mapping):
        if get_origin(get_args(hint)[1]) is tuple:
            lists = _same_shape({"": []}, value, key, path)
            return {k: tuple(v) for k, v in lists.items()}
        return dict(_same_shape({}, value, key, path))
    if origin is re.Pattern:
        try:
            return re.compile(_same_shape("", value, key, path))
        except re.error as e:
            raise ConfigError(f"{path}: {key!r} is not a valid pattern: {e}") from e
    return _same_shape("", value, key, path)
