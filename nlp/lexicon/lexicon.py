"""The lexicon: every word list and pattern table the rules consult, read from ``en.toml`` into one typed object.

``load_lexicon`` reads the built-in file and the user's aliases file over it once per extractor; the rules
receive the ``Lexicon`` (or the section they need) as a parameter. Sections of the file:

- ``[statements]``: the lists of the statements room (reporting verbs, speaker nouns, titles, patterns), typed
  by ``StatementWords``;
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
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, get_origin, get_type_hints

from core.errors import ConfigError

BUILTIN_FILE = Path(__file__).resolve().parent / "en.toml"
RULES = "rules"  # the gazetteer's section: a free table of word lists, each key one built-in list


@dataclass(frozen=True, slots=True)
class StatementWords:
    """The statements room's lists (en.toml ``[statements]``, where each is described), and three unions of them."""

    speech_verbs: frozenset[str]
    belief_verbs: frozenset[str]
    clause_only_cues: frozenset[str]
    infinitive_cues: frozenset[str]
    after_quote_cues: frozenset[str]
    weak_cues: frozenset[str]
    finding_verbs: frozenset[str]
    naming_cues: frozenset[str]
    quote_openers: str
    complement_marks: frozenset[str]
    medium_nouns: frozenset[str]
    saying_nouns: frozenset[str]
    non_source_nouns: frozenset[str]
    source_carrier_nouns: frozenset[str]
    calendar_words: frozenset[str]
    official_nouns: frozenset[str]
    organisation_name_ends: frozenset[str]
    organisation_stand_ins: frozenset[str]
    honorifics: frozenset[str]
    member_prepositions: frozenset[str]
    group_determiners: frozenset[str]
    description_nouns: frozenset[str]
    office_nouns: frozenset[str]
    female_nouns: frozenset[str]
    male_nouns: frozenset[str]
    non_speaker_words: frozenset[str]
    addressee_verbs: frozenset[str]
    name_link_words: frozenset[str]
    dateline: re.Pattern[str]
    title_abbreviations: dict[str, str]
    cue_lemmas: frozenset[str] = field(init=False)  # speech and belief verbs
    person_nouns: frozenset[str] = field(init=False)  # description and office nouns
    speaker_titles: frozenset[str] = field(init=False)  # words taken off a name: person nouns, honorifics, titles

    def __post_init__(self) -> None:
        person_nouns = self.description_nouns | self.office_nouns
        abbreviations = set(self.title_abbreviations) | set(self.title_abbreviations.values())
        object.__setattr__(self, "cue_lemmas", self.speech_verbs | self.belief_verbs)
        object.__setattr__(self, "person_nouns", person_nouns)
        object.__setattr__(self, "speaker_titles", person_nouns | self.honorifics | abbreviations)


@dataclass(frozen=True, slots=True)
class Lexicon:
    version: str
    statements: StatementWords
    rules: Mapping[str, tuple[str, ...]]  # the gazetteer's word lists as written, by name
    fingerprint: str  # sha256 of everything loaded, built-in and user lists alike


SECTIONS: dict[str, type] = {"statements": StatementWords}


def load_lexicon(user_file: str | Path | None = None) -> Lexicon:
    """The built-in English lexicon with the ``[lexicon]`` (and legacy ``[rules]``) tables of ``user_file`` over it."""
    data = _read(BUILTIN_FILE)
    unknown = sorted(set(data) - {"version", RULES, *SECTIONS})
    if unknown:
        raise ConfigError(f"{BUILTIN_FILE}: unknown lexicon key {unknown[0]!r}")
    if not isinstance(data.get("version"), str):
        raise ConfigError(f"{BUILTIN_FILE}: 'version' must be a string")
    merged = copy.deepcopy(data)
    if user_file:
        path = Path(user_file).expanduser()
        user = _read(path)
        _apply_user(merged, user, path)
    digest = hashlib.sha256(json.dumps(merged, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()
    sections = {name: _typed(kind, merged.get(name, {}), BUILTIN_FILE) for name, kind in SECTIONS.items()}
    rules = {key: tuple(_words(value, key, BUILTIN_FILE)) for key, value in merged.get(RULES, {}).items()}
    return Lexicon(version=merged["version"], rules=rules, fingerprint=digest, **sections)


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"lexicon file {path} is not valid TOML: {e}") from e
    except OSError as e:
        raise ConfigError(f"cannot read lexicon file {path}: {e.strerror}") from e


def _section_of(merged: dict[str, Any], key: str, path: Path) -> str:
    for name in (*SECTIONS, RULES):
        if key in merged.get(name, {}):
            return name
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
        section = _section_of(merged, key, path)
        merged[section][key] = _same_shape(merged[section][key], value, key, path)
    for key, value in table.items():
        if key == "replace":
            continue
        section = _section_of(merged, key, path)
        builtin = merged[section][key]
        extra = _same_shape(builtin, value, key, path)
        if isinstance(builtin, list):
            merged[section][key] = builtin + [word for word in extra if word not in builtin]
        elif isinstance(builtin, dict):
            merged[section][key] = builtin | extra
        else:
            raise ConfigError(f"{path}: {key!r} is a pattern, not a list: set it under [lexicon.replace]")


def _same_shape(builtin: Any, value: Any, key: str, path: Path) -> Any:
    """The user's value when it has the built-in value's type: a list of strings, a table of strings, a string."""
    if isinstance(builtin, list):
        return _words(value, key, path)
    if isinstance(builtin, dict):
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
        return dict(_same_shape({}, value, key, path))
    if origin is re.Pattern:
        try:
            return re.compile(_same_shape("", value, key, path))
        except re.error as e:
            raise ConfigError(f"{path}: {key!r} is not a valid pattern: {e}") from e
    return _same_shape("", value, key, path)
