"""Merge suggestions: pairs of entities that may be one, ranked, each with its kind and evidence.

The graph's entities come from the curated query ``merge-candidates``; pairs are formed only among entities that
share a blocking key (a folded name, a word or its consonants, initials, the name without its country), so the
work grows with the pairs that look alike rather than with the square of the entities. Each pair gets the
strongest name signal of ``queries.merge_names`` and then its context: the articles both appear in and, for
people, a role both hold. Pairs an editor rejected (``merge-rejections``) are never suggested again.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from core.errors import QueryError
from graph.rows import normalise_title
from queries import merge_names as names
from queries.catalog import run_curated
from queries.explore import GraphReader
from queries.merge_names import NameMatch, NameRules

log = logging.getLogger(__name__)

MAX_ENTITIES = 100_000
MAX_BLOCK = 200  # a key more entities share than this ("center", "university") says nothing about a pair
MAX_LABELS = 6  # the name and the first aliases: enough to catch "WHO", not a list of every misspelling
SHARED_ARTICLE_BONUS = 0.05
SAME_ROLE_BONUS = 0.1
MIN_SCORE = 0.55  # below it a pair is a coincidence of names, unless an article or a role backs it
OTHER_TYPE_FACTOR = 0.9  # one of two types is wrong: possible, but less often than a variant name
_PAIR = "|"
_ACRONYM_KEY, _EXPANSION_KEY = "ia:", "ie:"


@dataclass(frozen=True, slots=True)
class Candidate:
    """One entity as merge suggestions see it."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    articles: int = 0
    sample_articles: tuple[tuple[str, str], ...] = ()  # (id, title), the first 20 by id
    roles: tuple[tuple[str, str], ...] = ()  # (normalised title, organisation id or "")
    role_names: tuple[str, ...] = ()  # "Interior Minister, Ministry of the Interior"

    @property
    def labels(self) -> tuple[str, ...]:
        """The name and its other names; a part of its own name ("Mohamed" of "Ahmed Mohamed") is none: it says
        nothing of which entity it is, and two people sharing a surname share such an alias."""
        own = set(names.plain(self.name).split())
        others = [a for a in self.aliases if not set(names.plain(a).split()) <= own]
        return (self.name, *others[: MAX_LABELS - 1])


@dataclass(frozen=True, slots=True)
class Suggestion:
    """Two entities that may be one: how sure, which signal, and the evidence a reader checks it by."""

    first: Candidate
    second: Candidate
    score: float
    kind: str
    reason: str
    shared_articles: tuple[tuple[str, str], ...] = ()
    shared_roles: tuple[str, ...] = ()

    @property
    def pair(self) -> tuple[str, str]:
        return self.first.id, self.second.id

    def as_row(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "kind": self.kind,
            "first_id": self.first.id,
            "first_name": self.first.name,
            "first_type": self.first.type,
            "second_id": self.second.id,
            "second_name": self.second.name,
            "second_type": self.second.type,
            "reason": self.reason,
            "shared_articles": [article_id for article_id, _ in self.shared_articles],
            "shared_roles": list(self.shared_roles),
        }


@dataclass(slots=True)
class Ranking:
    suggestions: list[Suggestion] = field(default_factory=list)
    compared: int = 0  # pairs looked at
    entities: int = 0
    truncated: bool = False  # the graph held more entities than were read


def pair_key(first_id: str, second_id: str) -> str:
    """One key per unordered pair: the two ids sorted, joined by "|"."""
    return _PAIR.join(sorted((first_id, second_id)))


def candidate_from_row(row: Mapping[str, Any]) -> Candidate:
    roles = [r for r in row.get("roles") or [] if r and r.get("title")]
    return Candidate(
        id=row["id"],
        name=row["name"] or row["id"],
        type=row["type"] or "",
        aliases=tuple(a for a in row.get("aliases") or [] if isinstance(a, str) and a.strip()),
        articles=int(row.get("articles") or 0),
        sample_articles=tuple((a["id"], a.get("title") or a["id"]) for a in row.get("sample_articles") or [] if a),
        roles=tuple(sorted({(normalise_title(r["title"]), r.get("org_id") or "") for r in roles})),
        role_names=tuple(sorted({", ".join(x for x in (r["title"], r.get("organization")) if x) for r in roles})),
    )


def fetch_candidates(reader: GraphReader, entity_type: str | None = None) -> tuple[list[Candidate], bool]:
    """Every entity (of a type), most mentioned first, and whether the graph held more than MAX_ENTITIES."""
    values = {"entity_type": entity_type or None, "limit": MAX_ENTITIES}
    result = run_curated(
        reader.driver, reader.database, "merge-candidates", values, timeout=reader.timeout, row_limit=MAX_ENTITIES
    )
    return [candidate_from_row(row) for row in result.rows()], result.truncated


def rejected_pairs(reader: GraphReader) -> set[str]:
    """The pair keys of every rejected suggestion."""
    result = run_curated(
        reader.driver, reader.database, "merge-rejections", {}, timeout=reader.timeout, row_limit=MAX_ENTITIES
    )
    return {pair_key(*row["entity_ids"]) for row in result.rows() if len(row["entity_ids"] or []) == 2}


def merge_suggestions(
    reader: GraphReader, rules: NameRules, limit: int = 20, entity_type: str | None = None
) -> Ranking:
    """The best ``limit`` suggestions of the graph, rejected pairs left out."""
    if limit < 1:
        raise QueryError(f"the number of merge suggestions must be at least 1, got {limit}")
    candidates, truncated = fetch_candidates(reader, entity_type)
    ranking = rank(candidates, rules, rejected_pairs(reader), limit)
    ranking.truncated = truncated
    return ranking


def rank(
    candidates: Iterable[Candidate], rules: NameRules, rejected: set[str] | None = None, limit: int = 20
) -> Ranking:
    """The pure ranking: score every pair that shares a blocking key, best first, ties by the pair's ids."""
    entities = {c.id: c for c in candidates}
    rules = rules.with_countries({label for c in entities.values() if c.type == "Location" for label in c.labels})
    ranking = Ranking(entities=len(entities))
    surnames = _Surnames(entities.values())
    found: list[Suggestion] = []
    for first_id, second_id in _blocked_pairs(entities.values(), rules):
        if pair_key(first_id, second_id) in (rejected or set()):
            continue
        ranking.compared += 1
        suggestion = _judge(entities[first_id], entities[second_id], rules, surnames)
        if suggestion is not None:
            found.append(suggestion)
    found.sort(key=lambda s: (-s.score, s.first.id, s.second.id))
    ranking.suggestions = found[:limit]
    return ranking


def _blocking_keys(candidate: Candidate, rules: NameRules) -> set[str]:
    keys: set[str] = set()
    for label in candidate.labels:
        plain = names.plain(label)
        parts = plain.split()
        if not parts:
            continue
        keys.add(f"p:{plain}")
        keys.update(f"p:{' '.join(parts[k:])}" for k in range(1, len(parts)))  # "Church of Scientology"
        if len(parts) > 3 and parts[-2] in ("of", "in", "at"):
            keys.add(f"p:{' '.join(parts[:-2])}")  # "… Museum of McMinnville"
        without = names.without_country(label, rules)
        if without:
            keys.add(f"p:{without}")
        for word in parts:
            if len(word) >= 3 and word not in rules.skipped_words:
                keys.add(f"w:{word}")
                if len(shape := names.skeleton(word)) >= 3:
                    keys.add(f"s:{shape}")
        if names.is_acronym(label):  # "NEMISIS" also meets the "NEMIS" of a name its last letters go beyond
            letters = plain.replace(" ", "")
            keys.update(f"{_ACRONYM_KEY}{letters[:size]}" for size in range(max(2, len(letters) - 2), len(letters) + 1))
        elif len(parts) >= 2:
            keys.add(f"{_EXPANSION_KEY}{names.initials(label, rules.skipped_words)}")
        if rules.name_key is not None and candidate.type == "Organization":
            keys.add(f"k:{rules.name_key(label)}")
    return keys


def _blocked_pairs(candidates: Iterable[Candidate], rules: NameRules) -> list[tuple[str, str]]:
    blocks: dict[str, list[str]] = defaultdict(list)
    for candidate in candidates:
        for key in _blocking_keys(candidate, rules):
            blocks[key].append(candidate.id)
    pairs: set[tuple[str, str]] = set()
    for key, members in blocks.items():
        if key.startswith(_EXPANSION_KEY):
            continue  # names with the same initials are no pair; an acronym's block pairs it with them
        if key.startswith(_ACRONYM_KEY):
            members = members + blocks.get(_EXPANSION_KEY + key[len(_ACRONYM_KEY) :], [])
        if len(members) > MAX_BLOCK:
            log.debug("merge suggestions: key %r is shared by %d entities; not used", key, len(members))
            continue
        ordered = sorted(set(members))
        pairs.update((a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :])
    return sorted(pairs)


class _Surnames:
    """Full-named people by the consonants of their surname, to tell whose a lone surname is."""

    def __init__(self, candidates: Iterable[Candidate]) -> None:
        self.by_shape: dict[str, list[Candidate]] = defaultdict(list)
        for c in candidates:
            if c.type == "Person" and len(names.plain(c.name).split()) >= 2:
                self.by_shape[names.skeleton(names.plain(c.name).split()[-1])].append(c)

    def owners(self, lone: Candidate) -> list[Candidate]:
        """The full names the one-word person may be: those of its own articles when there are some."""
        found = [c for c in self.by_shape.get(names.skeleton(names.plain(lone.name)), []) if c.id != lone.id]
        found = [c for c in found if names.surname_owner(lone.name, c.name)]
        shared = [c for c in found if _shared(lone, c)]
        return shared or found


def _judge(first: Candidate, second: Candidate, rules: NameRules, surnames: _Surnames) -> Suggestion | None:
    match = _best_match(first, second, rules, surnames)
    shared_roles = sorted(_role_names(first, second))
    if match is None and shared_roles:
        match = _same_role(first, second)
    if match is None:
        return None
    score = match.score
    shared = _shared(first, second)
    if shared:
        score += SHARED_ARTICLE_BONUS
    if shared_roles and match.kind != names.SAME_ROLE:
        score += SAME_ROLE_BONUS
    if first.type != second.type:
        score *= OTHER_TYPE_FACTOR
    if score < MIN_SCORE:
        return None
    return Suggestion(first, second, round(min(score, 0.99), 3), match.kind, match.reason, shared, tuple(shared_roles))


def _best_match(first: Candidate, second: Candidate, rules: NameRules, surnames: _Surnames) -> NameMatch | None:
    if first.type == second.type == "Person":
        for lone, full in ((first, second), (second, first)):
            if len(names.plain(lone.name).split()) == 1 and len(names.plain(full.name).split()) >= 2:
                owners = surnames.owners(lone)
                if [o.id for o in owners] == [full.id]:
                    return names.surname_owner(lone.name, full.name)
                return None  # a surname several people of its articles have says nothing
    best: NameMatch | None = None
    for a in first.labels:
        for b in second.labels:
            found = names.compare(a, b, first.type, second.type, rules)
            if found is not None and (best is None or found.score > best.score):
                best = found
    return best


def _same_role(first: Candidate, second: Candidate) -> NameMatch | None:
    """Two people in the same job whose names may be one: the same surname, given names opening alike."""
    if first.type != "Person" or second.type != "Person":
        return None
    a, b = names.plain(first.name).split(), names.plain(second.name).split()
    if len(a) < 2 or len(b) < 2 or a[-1] != b[-1] or a[0][0] != b[0][0]:
        return None
    return NameMatch(names.SAME_ROLE, 0.7, f"'{first.name}' and '{second.name}' hold the same role")


def _role_names(first: Candidate, second: Candidate) -> set[str]:
    common = set(first.roles) & set(second.roles)
    if not common or first.type != "Person" or second.type != "Person":
        return set()
    titles = {title for title, _ in common}
    return {n for n in (*first.role_names, *second.role_names) if normalise_title(n.split(",")[0]) in titles} or titles


def _shared(first: Candidate, second: Candidate) -> tuple[tuple[str, str], ...]:
    seconds = {article_id for article_id, _ in second.sample_articles}
    return tuple(a for a in first.sample_articles if a[0] in seconds)
