"""The actor-event network as GraphML (Gephi, networkx, igraph) or node-link JSON.

The graph is bipartite and directed: an edge goes from each source actor to the event
(role ``source``, also ``claimed_by``/``attributed_by``) and from the event to each
target actor (role ``target``). Actors are identified by the store's actor key (KB id,
else the normalised name), so one actor named two ways in one KB entry is one node.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO, Any

from eventcoder.records import Event
from eventcoder.store.schema import actor_key, actor_rows

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"


@dataclass(frozen=True, slots=True)
class Node:
    """An actor or an event."""

    id: str
    kind: str  # "actor" or "event"
    label: str
    country: str = ""
    actor_type: str = ""
    date: str = ""
    status: str = ""


@dataclass(frozen=True, slots=True)
class Edge:
    """A role an actor plays in an event."""

    source: str
    target: str
    role: str


@dataclass(frozen=True, slots=True)
class Network:
    """Nodes and edges of the actor-event network."""

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


def build_network(events: Iterable[Event]) -> Network:
    """The bipartite actor-event network of ``events``."""
    nodes: dict[str, Node] = {}
    edges: list[Edge] = []
    for e in events:
        eid = f"event:{e.doc_id}:{e.event_id}"
        nodes[eid] = Node(eid, "event", e.event_type, country=(e.location.country or "")
                          if e.location else "", date=e.date.start.isoformat()
                          if e.date and e.date.start else "", status=e.status)  # fmt: skip
        for role, _, actor in actor_rows(e):
            aid = "actor:" + actor_key(actor)
            nodes.setdefault(aid, Node(aid, "actor", actor.name, country=actor.country or "",
                                       actor_type=actor.actor_type or ""))  # fmt: skip
            if role == "target":
                edges.append(Edge(eid, aid, role))
            else:
                edges.append(Edge(aid, eid, role))
    return Network(tuple(nodes.values()), tuple(edges))


def write_graphml(net: Network, out: IO[str]) -> None:
    """Write ``net`` as GraphML with typed node and edge attributes."""
    ET.register_namespace("", GRAPHML_NS)
    root = ET.Element(f"{{{GRAPHML_NS}}}graphml")
    node_attrs = ("kind", "label", "country", "actor_type", "date", "status")
    for name in node_attrs:
        ET.SubElement(root, f"{{{GRAPHML_NS}}}key", id=name, attrib={
            "for": "node", "attr.name": name, "attr.type": "string"})  # fmt: skip
    ET.SubElement(root, f"{{{GRAPHML_NS}}}key", id="role", attrib={
        "for": "edge", "attr.name": "role", "attr.type": "string"})  # fmt: skip
    graph = ET.SubElement(root, f"{{{GRAPHML_NS}}}graph", id="G", edgedefault="directed")
    for n in net.nodes:
        el = ET.SubElement(graph, f"{{{GRAPHML_NS}}}node", id=n.id)
        for name in node_attrs:
            value = getattr(n, name)
            if value:
                ET.SubElement(el, f"{{{GRAPHML_NS}}}data", key=name).text = str(value)
    for i, e in enumerate(net.edges):
        el = ET.SubElement(graph, f"{{{GRAPHML_NS}}}edge", id=f"e{i}", source=e.source,
                           target=e.target)  # fmt: skip
        ET.SubElement(el, f"{{{GRAPHML_NS}}}data", key="role").text = e.role
    ET.indent(root)
    out.write(ET.tostring(root, encoding="unicode", xml_declaration=True))
    out.write("\n")


def network_json(net: Network) -> dict[str, Any]:
    """Node-link JSON (the layout networkx and d3 read)."""
    return {
        "directed": True,
        "multigraph": True,
        "nodes": [{k: v for k, v in _node_dict(n).items() if v} for n in net.nodes],
        "links": [{"source": e.source, "target": e.target, "role": e.role} for e in net.edges],
    }


def _node_dict(n: Node) -> dict[str, str]:
    return {"id": n.id, "kind": n.kind, "label": n.label, "country": n.country,
            "actor_type": n.actor_type, "date": n.date, "status": n.status}  # fmt: skip


def write_json(net: Network, out: IO[str]) -> None:
    """Write ``net`` as node-link JSON."""
    json.dump(network_json(net), out, ensure_ascii=False, indent=1)
    out.write("\n")
