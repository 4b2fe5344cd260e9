"""Exports of the whole graph or of the subgraph around an entity: GraphML, CSV, JSON and a pyvis page.

Nodes are named by their natural keys (article, entity, statement and role ids; source names), so two
exports of the same data agree whatever database they came from. Statement embeddings are left out.

* GraphML (for Gephi): one file; list properties become ``;``-joined text (GraphML has no lists).
* CSV: a folder in the layout of ``neo4j-admin database import full`` — a nodes file per label group
  with ``:ID(<group>)`` headers and typed columns, a relationships file per pair of groups with
  ``:START_ID``/``:END_ID``/``:TYPE`` — plus ``import-command.txt`` with the exact command.
* JSON: ``{"nodes": [...], "relationships": [...]}``.
* HTML: a standalone interactive page (vis-network inlined, no network access needed) of a subgraph,
  drawn by graph/network_view.py under its escaping rules (text reaches the page only as JSON data;
  tooltips are escaped before they become markup; the heading is escaped).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO
from xml.sax.saxutils import escape, quoteattr

from neo4j import Driver, Session
from neo4j.time import Date, DateTime

from core.errors import NewsgraphError, QueryError
from graph.file_output import replaced_whole
from graph.network import Network, edge_label

log = logging.getLogger(__name__)

GROUPS = ("Article", "Source", "Statement", "Role", "Entity")
SKIPPED_TYPES = ("PUBLISHED", "DUPLICATE_OF", "IN_CLUSTER")  # not followed when growing a subgraph: hubs
ARRAY_DELIMITER = "|"
# Column types for neo4j-admin import; anything else is a string.
PROPERTY_TYPES = {
    "published": "date", "date": "date", "seen": "date", "loaded_at": "datetime", "start": "int", "end": "int",
    "count": "int", "sentence_start": "int", "sentence_end": "int", "confidence": "float", "starts": "int[]",
    "ends": "int[]", "aliases": "string[]", "warnings": "string[]", "basis_distance": "int",
}  # fmt: skip
# A typed relation's date is as precise as its article ("2017", "2017-03"): text, which a date column would
# turn into the first of January.
RELATIONSHIP_PROPERTY_TYPES = {key: kind for key, kind in PROPERTY_TYPES.items() if key != "date"}

# Every export reads nodes and relationships in these shapes; relationship ends are named by natural key.
_NODE_FIELDS = "labels(n) AS labels, n {.*, embedding: null} AS props"
_RELATIONSHIP_FIELDS = """type(r) AS type, labels(a) AS start_labels, coalesce(a.id, a.name) AS start,
       labels(b) AS end_labels, coalesce(b.id, b.name) AS end, properties(r) AS props"""
# The quote-trail lock (graph/quote_trail.py) is bookkeeping, not data: left out.
NODES_QUERY = f"MATCH (n) WHERE NOT n:QuoteTrail RETURN {_NODE_FIELDS}"
RELATIONSHIPS_QUERY = f"MATCH (a)-[r]->(b) RETURN {_RELATIONSHIP_FIELDS}"
NEIGHBOURS_QUERY = """
MATCH (n) WHERE elementId(n) IN $ids
MATCH (n)-[r]-(m)
WHERE NOT type(r) IN $skipped
RETURN DISTINCT elementId(m) AS id
LIMIT $limit
"""
SUBGRAPH_NODES_QUERY = f"MATCH (n) WHERE elementId(n) IN $ids RETURN {_NODE_FIELDS}"
SUBGRAPH_RELATIONSHIPS_QUERY = (
    f"MATCH (a)-[r]->(b) WHERE elementId(a) IN $ids AND elementId(b) IN $ids RETURN {_RELATIONSHIP_FIELDS}"
)


@dataclass(frozen=True, slots=True)
class ExportNode:
    group: str  # one of GROUPS: the id space of the key
    key: str
    labels: tuple[str, ...]
    properties: dict[str, Any]

    @property
    def uid(self) -> str:
        return f"{self.group}:{self.key}"


@dataclass(frozen=True, slots=True)
class ExportRelationship:
    type: str
    start_group: str
    start: str
    end_group: str
    end: str
    properties: dict[str, Any]


@dataclass(slots=True)
class Subgraph:
    nodes: list[ExportNode] = field(default_factory=list)
    relationships: list[ExportRelationship] = field(default_factory=list)
    truncated: bool = False  # the node cap stopped the growth


def _group(labels: Iterable[str]) -> str:
    found = set(labels)
    for group in GROUPS:
        if group in found:
            return group
    return "Other"


def _plain(value: Any) -> Any:
    if isinstance(value, (Date, DateTime)):
        return value.iso_format()
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _properties(record: Any) -> dict[str, Any]:
    return {k: _plain(v) for k, v in record["props"].items() if v is not None}


def _node(record: Any) -> ExportNode:
    props = _properties(record)
    labels = tuple(sorted(record["labels"]))
    key = props.get("id", props.get("name", ""))
    return ExportNode(_group(labels), str(key), labels, props)


def _relationship(record: Any) -> ExportRelationship:
    props = _properties(record)
    return ExportRelationship(record["type"], _group(record["start_labels"]), str(record["start"]),
                              _group(record["end_labels"]), str(record["end"]), props)  # fmt: skip


# -- reading ------------------------------------------------------------------------------------------


def whole_graph(driver: Driver, database: str) -> Subgraph:
    """Every node and relationship. Held in memory; for very large graphs export the CSV folder."""
    with driver.session(database=database) as session:
        return _read(session, NODES_QUERY, RELATIONSHIPS_QUERY)


def subgraph_around(driver: Driver, database: str, entity_id: str, depth: int = 2, max_nodes: int = 2000) -> Subgraph:
    """Nodes within ``depth`` steps of the entity (sources not followed), at most ``max_nodes`` of them."""
    if depth < 0:
        raise QueryError(f"depth must be 0 or more, got {depth}")
    with driver.session(database=database) as session:
        start = session.run("MATCH (e:Entity {id: $id}) RETURN elementId(e) AS id", id=entity_id).single()
        if start is None:
            raise QueryError(f"no entity with id {entity_id!r} (find ids with `newsgraph query search-entities`)")
        seen = [start["id"]]
        frontier = list(seen)
        truncated = False
        for _ in range(depth):
            room = max_nodes - len(seen)
            found = [r["id"] for r in session.run(NEIGHBOURS_QUERY, ids=frontier, skipped=list(SKIPPED_TYPES),
                                                  limit=room + len(seen) + 1)]  # fmt: skip
            known = set(seen)
            new = [node_id for node_id in dict.fromkeys(found) if node_id not in known]
            if len(new) > room:
                new, truncated = new[:room], True
            seen.extend(new)
            frontier = new
            if not frontier or truncated:
                break
        graph = _read(session, SUBGRAPH_NODES_QUERY, SUBGRAPH_RELATIONSHIPS_QUERY, ids=seen)
    graph.truncated = truncated
    log.info("subgraph around %s: %d nodes, %d relationships", entity_id, len(graph.nodes), len(graph.relationships))
    return graph


def _read(session: Session, nodes_query: str, relationships_query: str, **params: Any) -> Subgraph:
    nodes = [_node(r) for r in session.run(nodes_query, params)]
    return Subgraph(nodes, [_relationship(r) for r in session.run(relationships_query, params)])


# -- writing ------------------------------------------------------------------------------------------


def write_json(graph: Subgraph, path: Path) -> None:
    data = {
        "nodes": [{"id": n.uid, "labels": list(n.labels), "properties": n.properties} for n in graph.nodes],
        "relationships": [
            {"type": r.type, "start": f"{r.start_group}:{r.start}", "end": f"{r.end_group}:{r.end}",
             "properties": r.properties}
            for r in graph.relationships
        ],
        "truncated": graph.truncated,
    }  # fmt: skip
    with _open(path) as handle:
        json.dump(data, handle, ensure_ascii=False, indent=1)
        handle.write("\n")


def write_graphml(graph: Subgraph, path: Path) -> None:
    node_keys = sorted({k for n in graph.nodes for k in n.properties} | {"labels"})
    edge_keys = sorted({k for r in graph.relationships for k in r.properties} | {"type"})
    with _open(path) as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        out.write('<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
        for scope, keys in (("node", node_keys), ("edge", edge_keys)):
            for key in keys:
                out.write(f'  <key id="{scope}_{key}" for="{scope}" attr.name={quoteattr(key)} '
                          f'attr.type="{_graphml_type(key)}"/>\n')  # fmt: skip
        out.write('  <graph id="newsgraph" edgedefault="directed">\n')
        for node in graph.nodes:
            out.write(f"    <node id={quoteattr(node.uid)}>\n")
            _graphml_data(out, "node", {"labels": ":".join(node.labels), **node.properties})
            out.write("    </node>\n")
        for index, rel in enumerate(graph.relationships):
            source, target = quoteattr(f"{rel.start_group}:{rel.start}"), quoteattr(f"{rel.end_group}:{rel.end}")
            out.write(f'    <edge id="e{index}" source={source} target={target}>\n')
            _graphml_data(out, "edge", {"type": rel.type, **rel.properties})
            out.write("    </edge>\n")
        out.write("  </graph>\n</graphml>\n")


def _graphml_type(key: str) -> str:
    kind = PROPERTY_TYPES.get(key, "string")
    return {"int": "long", "float": "double"}.get(kind, "string")


def _graphml_data(out: TextIO, scope: str, values: dict[str, Any]) -> None:
    for key, value in values.items():
        text = ";".join(str(v) for v in value) if isinstance(value, list) else str(value)
        out.write(f'      <data key="{scope}_{key}">{escape(text)}</data>\n')


def write_csv(graph: Subgraph, folder: Path) -> list[Path]:
    """The neo4j-admin import layout; returns the files written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise NewsgraphError(f"cannot create the export folder {folder}: {e.strerror}") from e
    written: list[Path] = []
    for group in sorted({n.group for n in graph.nodes}):
        nodes = [n for n in graph.nodes if n.group == group]
        # The key property itself is the :ID column, so neo4j-admin stores it under its own name.
        key_property = "name" if group == "Source" else "id"
        keys = sorted({k for n in nodes for k in n.properties} - {key_property})
        header = [f"{key_property}:ID({group})", ":LABEL", *(_csv_column(k, PROPERTY_TYPES) for k in keys)]
        rows = ([n.key, ";".join(n.labels), *(_csv_value(n.properties.get(k)) for k in keys)] for n in nodes)
        written.append(_write_rows(folder / f"nodes_{group}.csv", header, rows))
    pairs = sorted({(r.start_group, r.end_group) for r in graph.relationships})
    for start_group, end_group in pairs:
        rels = [r for r in graph.relationships if (r.start_group, r.end_group) == (start_group, end_group)]
        keys = sorted({k for r in rels for k in r.properties})
        columns = [_csv_column(k, RELATIONSHIP_PROPERTY_TYPES) for k in keys]
        header = [f":START_ID({start_group})", f":END_ID({end_group})", ":TYPE", *columns]
        rows = ([r.start, r.end, r.type, *(_csv_value(r.properties.get(k)) for k in keys)] for r in rels)
        written.append(_write_rows(folder / f"relationships_{start_group}_{end_group}.csv", header, rows))
    command = folder / "import-command.txt"
    command.write_text(_import_command(written), encoding="utf-8")
    return [*written, command]


def _csv_column(key: str, types: dict[str, str]) -> str:
    kind = types.get(key)
    return f"{key}:{kind}" if kind else key


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ARRAY_DELIMITER.join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _write_rows(path: Path, header: list[str], rows: Iterator[list[str]]) -> Path:
    with _open(path) as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _import_command(files: list[Path]) -> str:
    parts = ["neo4j-admin database import full neo4j", "--multiline-fields=true",
             f"--array-delimiter='{ARRAY_DELIMITER}'"]  # fmt: skip
    for path in files:
        flag = "--nodes" if path.name.startswith("nodes_") else "--relationships"
        parts.append(f"{flag}={path.name}")
    return (
        "# Run from this folder with the target database stopped; then apply the schema with `newsgraph schema`.\n"
        + " \\\n  ".join(parts)
        + "\n"
    )


def write_html(graph: Subgraph, path: Path, title: str) -> None:
    """A standalone interactive page, drawn by graph/network_view.py: every text is data, never markup."""
    from graph.network_view import render_html

    page = render_html(_drawing(graph), links=False, height="800px", heading=title)
    with _open(path) as handle:
        handle.write(page)


def _drawing(graph: Subgraph) -> Network:
    net = Network()
    for node in graph.nodes:
        kind = next((label for label in node.labels if label not in GROUPS), node.group)
        details = [(key, node.properties[key]) for key in ("published", "date", "url", "sentence")
                   if node.properties.get(key)]  # fmt: skip
        net.nodes[node.uid] = {"id": node.uid, "name": _short(_caption(node)), "type": kind, "details": details}
    for rel in graph.relationships:
        net.edges.append({"source_id": f"{rel.start_group}:{rel.start}", "target_id": f"{rel.end_group}:{rel.end}",
                          "kind": rel.type, "label": edge_label(rel.type, rel.properties.get("predicate")),
                          "evidence": rel.properties.get("sentence"),
                          "date": rel.properties.get("date") or rel.properties.get("seen"),
                          "evidence_count": 1})  # fmt: skip
    return net


def _caption(node: ExportNode) -> str:
    props = node.properties
    return str(props.get("name") or props.get("title") or props.get("text") or node.key)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@contextlib.contextmanager
def _open(path: Path) -> Iterator[TextIO]:
    """``path`` open for writing, replaced whole; a failure while opening, writing or closing it (a device that
    refuses writes, a full disk) is one NewsgraphError naming the file, and an earlier file there is left as it was."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with replaced_whole(path) as handle:
            yield handle
    except OSError as e:
        raise NewsgraphError(f"cannot write {path}: {e.strerror or e}") from e
