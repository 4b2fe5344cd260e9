"""The drawable network: entities (or any nodes) and the edges between them.

Built by the explorer's reads (``queries.explore.network``) and from the nodes and paths in any query result
(``network_from_records``); drawn by ``graph.network_view`` and exported by ``graph.export``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from neo4j.graph import Node, Path, Relationship

from core.relation_types import RELATION_TYPES, SYMMETRIC, relation_words

LINK_KIND = "LINKED"  # untyped verb links; their verb is the edge's label


@dataclass(slots=True)
class Network:
    """Entities and the edges between them; ``capped`` says the node cap stopped the expansion."""

    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    edges: list[dict[str, Any]] = field(default_factory=list)
    capped: bool = False
    rows_truncated: bool = False


def edge_label(kind: str, label: str | None) -> str:
    """What an edge says in plain words: "supplies", "takes part in", a link's verb ("rely on"), a role's title."""
    if kind in RELATION_TYPES:
        return relation_words(kind)
    if kind == LINK_KIND:
        return relation_words(label or kind)
    return label or kind


def is_symmetric(kind: str) -> bool:
    """Agreements, partnerships and meetings have no direction worth an arrow."""
    return kind in SYMMETRIC


def network_from_records(records: Iterable[Any], node_cap: int) -> Network:
    """The nodes, relationships and paths found in query results, as a drawable network."""
    net = Network()
    for record in records:
        for value in record.values():
            for item in _graph_items(value):
                if isinstance(item, Node):
                    _record_node(net, item, node_cap)
                else:
                    _record_relationship(net, item, node_cap)
    return net


def _graph_items(value: Any) -> Iterator[Node | Relationship]:
    if isinstance(value, (Node, Relationship)):
        yield value
    elif isinstance(value, Path):
        yield from value.nodes
        yield from value.relationships
    elif isinstance(value, list):
        for item in value:
            yield from _graph_items(item)


def _node_key(node: Node) -> str:
    return str(node.get("id") or node.element_id)


def _record_node(net: Network, node: Node, cap: int) -> bool:
    key = _node_key(node)
    if key in net.nodes:
        return True
    if len(net.nodes) >= cap:
        net.capped = True
        return False
    labels = sorted(node.labels - {"Entity"})
    name = node.get("name") or node.get("title") or str(node.get("text") or key)[:60]
    net.nodes[key] = {"id": key, "name": name, "type": labels[0] if labels else "node", "articles": 0}
    return True


def _record_relationship(net: Network, rel: Relationship, cap: int) -> None:
    if rel.start_node is None or rel.end_node is None:
        return
    if not (_record_node(net, rel.start_node, cap) and _record_node(net, rel.end_node, cap)):
        return
    net.edges.append(
        {
            "source_id": _node_key(rel.start_node),
            "target_id": _node_key(rel.end_node),
            "kind": rel.type,
            "label": edge_label(rel.type, rel.get("predicate") or rel.get("title")),
            "evidence": rel.get("sentence"),
            "date": _text(rel.get("date") or rel.get("seen")),
            "evidence_count": 1,
        }
    )


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
