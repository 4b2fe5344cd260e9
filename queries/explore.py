"""The explorer's reads: each runs a curated query from queries/ read-only and returns plain rows.

Pages never hold Cypher; they call these with a ``GraphReader`` (driver, database, timeout, row limit)
and show what comes back. Every function returns a ``Rows`` so a page can say when a result was capped.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from neo4j import Driver

from core.relation_types import RELATION_TYPES
from graph.network import LINK_KIND, Network, edge_label
from graph.readonly import ReadResult, run_read
from queries.catalog import Embedder, bind, get_query, run_curated

log = logging.getLogger(__name__)

MAX_DEPTH = 3


@dataclass(frozen=True, slots=True)
class GraphReader:
    """What every read needs: the driver (created once by the app), database and limits."""

    driver: Driver
    database: str
    timeout: float = 30.0
    row_limit: int = 1000


@dataclass(frozen=True, slots=True)
class Rows:
    rows: list[dict[str, Any]]
    truncated: bool = False  # the row limit cut the result

    def __bool__(self) -> bool:
        return bool(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


def curated(reader: GraphReader, name: str, values: Mapping[str, Any] | None = None, *, limit: int = 0) -> Rows:
    """Run one curated query by name; ``limit`` (when > 0) also caps the rows fetched."""
    cap = min(limit, reader.row_limit) if limit > 0 else reader.row_limit
    result = run_curated(
        reader.driver, reader.database, name, dict(values or {}), timeout=reader.timeout, row_limit=cap
    )
    return _rows(result)


def _rows(result: ReadResult) -> Rows:
    return Rows(result.rows(), result.truncated)


def _given(values: Mapping[str, Any]) -> dict[str, Any]:
    """Drop unset filters so the query's own defaults (null = no filter) apply."""
    return {k: v for k, v in values.items() if v not in (None, "", [], ())}


# Overview


def counts(reader: GraphReader) -> dict[str, int]:
    return {row["what"]: int(row["count"]) for row in curated(reader, "graph-counts").rows}


def recent_articles(reader: GraphReader, limit: int = 10) -> Rows:
    return curated(reader, "recent-articles", {"limit": limit}, limit=limit)


def top_speakers(
    reader: GraphReader, limit: int = 10, start: dt.date | None = None, end: dt.date | None = None
) -> Rows:
    return curated(reader, "top-speakers", _given({"limit": limit, "from": start, "to": end}), limit=limit)


# Search


def search_entities(reader: GraphReader, text: str, limit: int = 20) -> Rows:
    return curated(reader, "search-entities", {"q": text, "limit": limit}, limit=limit)


def search_statements(reader: GraphReader, text: str, limit: int = 20) -> Rows:
    return curated(reader, "search-statements", {"q": text, "limit": limit}, limit=limit)


def search_articles(reader: GraphReader, text: str, limit: int = 20) -> Rows:
    return curated(reader, "search-articles", {"q": text, "limit": limit}, limit=limit)


def semantic_statements(reader: GraphReader, vector: Sequence[float], limit: int = 10, min_score: float = 0.3) -> Rows:
    values = {"topic": list(vector), "limit": limit, "min_score": min_score}
    return curated(reader, "semantic-search", values, limit=limit)


# Statements and timelines


@dataclass(frozen=True, slots=True)
class StatementFilter:
    speaker_id: str | None = None
    org_id: str | None = None
    about_id: str | None = None
    topic: Sequence[float] | None = None  # an embedded topic; statements closest in meaning come first
    min_score: float = 0.3
    start: dt.date | None = None
    end: dt.date | None = None
    min_confidence: float | None = None  # only statements with a calibrated basis at or above this confidence
    limit: int = 200


def statements(reader: GraphReader, f: StatementFilter) -> Rows:
    values = {
        "speaker_id": f.speaker_id,
        "org_id": f.org_id,
        "about_id": f.about_id,
        "topic": list(f.topic) if f.topic is not None else None,
        "from": f.start,
        "to": f.end,
        "min_confidence": f.min_confidence,
    }
    return curated(reader, "statements", {**_given(values), "min_score": f.min_score, "limit": f.limit}, limit=f.limit)


def timeline(reader: GraphReader, entity_id: str, about: bool = False) -> Rows:
    return curated(reader, "statement-timeline", {"entity_id": entity_id, "about": about})


def entity_options(reader: GraphReader, entity_type: str = "", speakers: bool = False, limit: int = 500) -> Rows:
    return curated(reader, "entity-options", {"type": entity_type, "speakers": speakers, "limit": limit}, limit=limit)


# Entities and articles


def entity_profile(reader: GraphReader, entity_id: str) -> dict[str, Any] | None:
    found = curated(reader, "entity-profile", {"entity_id": entity_id}).rows
    return found[0] if found else None


@dataclass(frozen=True, slots=True)
class MergedAway:
    """An entity id an editor merged into another: by which correction, who and when, and where it is now."""

    entity_id: str
    into: str  # the entity the correction named
    now: str | None  # the entity in the graph it leads to (through later merges of ``into``); None: none left
    correction_id: str
    editor: str
    created_at: str
    reason: str


def merged_into(reader: GraphReader, entity_id: str, max_steps: int = 20) -> MergedAway | None:
    """What became of an entity id that is no longer in the graph because a merge removed it; None otherwise."""
    found = _merge_of(reader, entity_id)
    if found is None:
        return None
    into, row = found
    now: str | None = into
    seen = {entity_id}
    # The entity it went into may have been merged away in turn: follow on to the one that holds its facts now.
    while now is not None and entity_profile(reader, now) is None:
        if now in seen or len(seen) > max_steps:
            now = None
            break
        seen.add(now)
        step = _merge_of(reader, now)
        now = step[0] if step else None
    return MergedAway(entity_id, into, now, row["correction_id"], row["editor"] or "", row["created_at"] or "",
                      row["reason"] or "")  # fmt: skip


def _merge_of(reader: GraphReader, entity_id: str) -> tuple[str, dict[str, Any]] | None:
    for row in curated(reader, "merged-into", {"entity_id": entity_id}).rows:
        try:
            into = json.loads(row["after"] or "{}").get("into")
        except (json.JSONDecodeError, AttributeError):
            continue  # a correction node edited into nonsense says nothing about where the entity went
        if isinstance(into, str) and into:
            return into, row
    return None


def person_roles(reader: GraphReader, entity_id: str) -> Rows:
    return curated(reader, "person-roles", {"person_id": entity_id})


def entity_relations(reader: GraphReader, entity_id: str, limit: int = 200) -> Rows:
    return curated(reader, "entity-relations", {"entity_id": entity_id, "limit": limit}, limit=limit)


def entity_articles(reader: GraphReader, entity_id: str, limit: int = 100) -> Rows:
    return curated(reader, "entity-articles", {"entity_id": entity_id, "limit": limit}, limit=limit)


def article(reader: GraphReader, article_id: str) -> dict[str, Any] | None:
    found = curated(reader, "article", {"article_id": article_id}).rows
    return found[0] if found else None


# Networks


@dataclass(frozen=True, slots=True)
class NetworkFilter:
    seeds: tuple[str, ...]
    depth: int = 1
    types: tuple[str, ...] = ()  # neighbour entity types; empty = all
    relations: tuple[str, ...] = RELATION_TYPES  # typed relation kinds to draw; empty = none
    start: dt.date | None = None
    end: dt.date | None = None
    node_cap: int = 300
    roles: bool = True  # roles held at organisations (HOLDS_ROLE)
    said_about: bool = True  # statements about another entity (SAID_ABOUT)
    links: bool = False  # untyped verb links (LINKED): no facts, so only on request

    def kinds(self) -> tuple[str, ...]:
        """The edge kinds entity-network is asked for; empty when nothing is to be drawn but the seeds."""
        extra = (("HOLDS_ROLE", self.roles), ("SAID_ABOUT", self.said_about), (LINK_KIND, self.links))
        return (*(k for k in self.relations if k in RELATION_TYPES), *(k for k, wanted in extra if wanted))


def network(reader: GraphReader, f: NetworkFilter) -> Network:
    """Expand breadth-first from the seeds, one query per step, stopping at ``node_cap`` nodes."""
    net = Network()
    seeds = [s for s in dict.fromkeys(f.seeds) if s]
    _add_nodes(net, curated(reader, "entity-nodes", {"entity_ids": ",".join(seeds)}).rows)
    # No kind of edge wanted: the seeds alone, rather than entity-network's "empty means every kind".
    frontier = [s for s in seeds if s in net.nodes] if f.kinds() else []
    seen_edges: set[tuple[str, str, str, str]] = set()
    for _ in range(max(1, min(f.depth, MAX_DEPTH))):
        if not frontier or net.capped:
            break
        step = _step(reader, frontier, f)
        net.rows_truncated |= step.truncated
        frontier = _merge_step(net, step.rows, seen_edges, f.node_cap)
    _add_mentions(reader, net)
    return net


def _step(reader: GraphReader, frontier: list[str], f: NetworkFilter) -> Rows:
    values = _given(
        {
            "entity_ids": ",".join(frontier),
            "types": ",".join(f.types),
            "kinds": ",".join(f.kinds()),
            "from": f.start,
            "to": f.end,
        }
    )
    return curated(reader, "entity-network", {**values, "limit": reader.row_limit})


def _merge_step(
    net: Network, rows: Iterable[dict[str, Any]], seen_edges: set[tuple[str, str, str, str]], cap: int
) -> list[str]:
    new: list[str] = []
    for row in rows:
        ends = (
            (row["source_id"], row["source"], row["source_type"]),
            (row["target_id"], row["target"], row["target_type"]),
        )
        missing = [end for end in ends if end[0] not in net.nodes]
        if len(net.nodes) + len(missing) > cap:
            net.capped = True
            continue
        for node_id, name, node_type in missing:
            net.nodes[node_id] = {"id": node_id, "name": name, "type": node_type, "articles": 0}
            new.append(node_id)
        key = (row["source_id"], row["target_id"], row["kind"], row["label"] or "")
        if key not in seen_edges:
            seen_edges.add(key)
            net.edges.append({**row, "label": edge_label(row["kind"], row["label"])})
    return new


def _add_nodes(net: Network, rows: Iterable[dict[str, Any]]) -> None:
    for row in rows:
        net.nodes[row["id"]] = {"id": row["id"], "name": row["name"], "type": row["type"], "articles": row["articles"]}


def _add_mentions(reader: GraphReader, net: Network) -> None:
    unknown = [node_id for node_id, node in net.nodes.items() if not node["articles"]]
    if unknown:
        _add_nodes(net, curated(reader, "entity-nodes", {"entity_ids": ",".join(unknown)}).rows)


# The Cypher console


def gallery_parameters(name: str, values: Mapping[str, str], embed: Embedder | None = None) -> dict[str, Any]:
    """A gallery form's text fields as query parameters: blank fields keep their defaults, or are missing."""
    return bind(get_query(name), {k: v for k, v in values.items() if v.strip()}, embed)


def run_console(reader: GraphReader, cypher: str, parameters: Mapping[str, Any] | None = None) -> ReadResult:
    """A user's own Cypher, read-only (graph/readonly.py refuses writes before anything runs)."""
    return run_read(
        reader.driver, reader.database, cypher, parameters, timeout=reader.timeout, row_limit=reader.row_limit
    )


def run_gallery(reader: GraphReader, name: str, parameters: Mapping[str, Any]) -> ReadResult:
    """A curated query with parameters already bound by ``gallery_parameters``."""
    return run_console(reader, get_query(name).cypher, parameters)


# Quote trail


def quote_trail(
    reader: GraphReader,
    *,
    quote: str | None = None,
    statement_id: str | None = None,
    cluster_id: str | None = None,
    skip: int = 0,
    limit: int = 50,
) -> Rows:
    """One page of a quote's appearances, earliest first: by cluster id, by a statement, or the cluster best
    matching some words."""
    values = {"quote": quote, "statement_id": statement_id, "cluster_id": cluster_id, "skip": skip, "limit": limit}
    return curated(reader, "quote-trail", _given(values) | {"skip": skip}, limit=limit)


def altered_quotes(reader: GraphReader, skip: int = 0, limit: int = 50) -> Rows:
    return curated(reader, "altered-quotes", {"skip": skip, "limit": limit}, limit=limit)


def attribution_conflicts(reader: GraphReader, skip: int = 0, limit: int = 50) -> Rows:
    return curated(reader, "attribution-conflicts", {"skip": skip, "limit": limit}, limit=limit)
