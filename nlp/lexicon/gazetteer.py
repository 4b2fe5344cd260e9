"""The editable gazetteer: built-in entities and the lexicon's rule word lists, with the user's aliases file over them.

File format (TOML, the same for the built-in ``nlp/lexicon/gazetteer.toml`` and the user's ``aliases_file``):

- the rule word lists (location_heads, organization_words, event_heads, law_heads, …) come from the lexicon
  (``nlp/lexicon/en.toml`` ``[rules]``, with the user's ``[lexicon]`` and ``[rules]`` tables over it: see
  ``nlp.lexicon.lexicon``); its ``not_entities`` list joins ``ignore``. The gazetteer carries the whole lexicon
  (``Gazetteer.lexicon``): the entity rules read its ``[entities]`` words through the one object they receive.
- ``[[entity]]`` ``name``, ``type``, ``aliases``: every alias (and the name) resolves to this canonical entity.
  A user entry with the same name replaces the built-in one; a user alias moves that alias to the user entry
  (that is how a wrong merge is fixed).
- ``[[split]]`` ``names = [...]``: names that are different entities and must never be merged by
  surname/first-name resolution or by an alias ("Luka Jovanović" and "Stefan Jovanović").
- ``ignore = [...]``: names that are never entities.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.aliases_file import check_aliases_entries
from core.errors import ConfigError
from core.records import ENTITY_TYPES
from nlp.keys import fold
from nlp.lexicon.first_names import given_name_gender
from nlp.lexicon.lexicon import Lexicon, load_lexicon, read_toml

log = logging.getLogger(__name__)

BUILTIN_FILE = Path(__file__).resolve().parent / "gazetteer.toml"


@dataclass(frozen=True, slots=True)
class KnownEntity:
    name: str
    type: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Gazetteer:
    rules: dict[str, frozenset[str]]
    entities: tuple[KnownEntity, ...]
    lexicon: Lexicon  # the whole lexicon the rule lists come from; the entity rules read its other words here
    by_alias: dict[str, KnownEntity] = field(default_factory=dict)  # folded alias or name → entity
    splits: frozenset[frozenset[str]] = frozenset()  # folded name pairs never merged
    ignored: frozenset[str] = frozenset()
    job_words: frozenset[str] = frozenset()  # title, occupation and employee words: what a job before a name is

    def words(self, rule: str) -> frozenset[str]:
        return self.rules.get(rule, frozenset())

    def lookup(self, text: str) -> KnownEntity | None:
        return self.by_alias.get(fold(_without_article(text)))

    def is_given_name(self, word: str) -> bool:
        """Whether ``word`` is a given name of the first-names list, read as every other rule reads it
        (`given_name_gender`)."""
        return given_name_gender(word) is not None

    def kept_apart(self, first: str, second: str) -> bool:
        return frozenset((fold(first), fold(second))) in self.splits


def _without_article(text: str) -> str:
    return text[4:] if text[:4].lower() == "the " else text


def _entities_of(data: dict[str, Any], path: Path) -> list[KnownEntity]:
    entities = []
    for number, entry in enumerate(data.get("entity", []), start=1):
        name, kind = entry.get("name"), entry.get("type")
        if not isinstance(name, str) or kind not in ENTITY_TYPES:
            raise ConfigError(f"{path}: [[entity]] #{number} needs a name and a type among {', '.join(ENTITY_TYPES)}")
        entities.append(KnownEntity(name, kind, tuple(str(a) for a in entry.get("aliases", []))))
    return entities


def load_gazetteer(user_file: str | Path | None = None, lexicon: Lexicon | None = None) -> Gazetteer:
    """The built-in gazetteer with the user's file (if any) applied over it; the rule word lists are the
    ``lexicon``'s, loaded here from the same user file when not given."""
    if lexicon is None:
        lexicon = load_lexicon(user_file)
    builtin = read_toml(BUILTIN_FILE, "gazetteer")
    rules = {k: frozenset(fold(w) for w in v) for k, v in lexicon.rules.items()}
    entities = {fold(e.name): e for e in _entities_of(builtin, BUILTIN_FILE)}
    splits: set[frozenset[str]] = set()
    ignored = set(rules.pop("not_entities", frozenset()))
    if user_file:
        path = Path(user_file).expanduser()
        user = read_toml(path, "aliases")
        check_aliases_entries(user, path)
        user_entities = _entities_of(user, path)
        moved = {fold(a) for e in user_entities for a in (e.name, *e.aliases)}
        entities = {
            key: KnownEntity(e.name, e.type, tuple(a for a in e.aliases if fold(a) not in moved))
            for key, e in entities.items()
            if key not in moved
        }
        entities.update({fold(e.name): e for e in user_entities})
        for entry in user.get("split", []):
            names = [fold(n) for n in entry.get("names", [])]
            splits.update(frozenset((a, b)) for a in names for b in names if a != b)
        ignored.update(fold(n) for n in user.get("ignore", []))
        log.info("applied aliases file %s: %d entities, %d split pairs", path, len(user_entities), len(splits))
    by_alias: dict[str, KnownEntity] = {}
    for known in entities.values():
        for alias in (known.name, *known.aliases):
            key = fold(_without_article(alias))
            if not any(frozenset((key, fold(other))) in splits for other in (known.name,)):
                by_alias[key] = known
    jobs = frozenset().union(
        *(rules.get(key, frozenset()) for key in ("title_words", "occupation_words", "employee_words"))
    )
    return Gazetteer(rules, tuple(entities.values()), lexicon, by_alias, frozenset(splits), frozenset(ignored), jobs)
