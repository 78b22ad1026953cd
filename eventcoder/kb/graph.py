"""Export the actor graph (actors as nodes, dated relations as edges) as JSON or GraphML."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from typing import Any

from eventcoder.kb.load import ActorKB

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_NODE_KEYS = ("name", "type", "country", "acled", "sectors", "qid", "description", "aliases")
_EDGE_KEYS = ("kind", "start", "end")


def graph_dict(kb: ActorKB, *, include_rule_actors: bool = True) -> dict[str, Any]:
    """The actor graph as a JSON-ready dict: ``{"nodes": [...], "edges": [...]}``."""
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    keep = {
        a.id for a in kb.actors.values() if include_rule_actors or not a.origin.startswith("rule:")
    }
    # rule-built targets of kept actors' relations stay (and theirs), so that no edge dangles
    frontier = list(keep)
    while frontier:
        targets = {rel.target for i in frontier for rel in kb.actors[i].relations} - keep
        keep |= targets
        frontier = list(targets)
    for actor_id in sorted(keep):
        actor = kb.actors[actor_id]
        nodes.append(
            {
                "id": actor.id,
                "name": actor.name,
                "type": actor.type,
                "country": actor.country,
                "acled": actor.acled,
                "sectors": list(actor.sectors),
                "qid": actor.qid,
                "description": actor.description,
                "aliases": [a.text for a in actor.aliases],
                "loaded_aliases": [a.text for a in actor.aliases if a.loaded],
            }
        )
        for rel in actor.relations:
            edges.append(
                {
                    "source": actor.id,
                    "target": rel.target,
                    "kind": rel.kind,
                    "start": rel.start.isoformat() if rel.start else None,
                    "end": rel.end.isoformat() if rel.end else None,
                }
            )
    return {"nodes": nodes, "edges": edges}


def to_json(kb: ActorKB, *, include_rule_actors: bool = True) -> str:
    """The actor graph as JSON text."""
    return json.dumps(
        graph_dict(kb, include_rule_actors=include_rule_actors), ensure_ascii=False, indent=1
    )


def to_graphml(kb: ActorKB, *, include_rule_actors: bool = True) -> str:
    """The actor graph as GraphML (opens in Gephi, yEd, networkx); relations keep their dates."""
    data = graph_dict(kb, include_rule_actors=include_rule_actors)
    ET.register_namespace("", GRAPHML_NS)
    root = ET.Element(f"{{{GRAPHML_NS}}}graphml")
    for key in _NODE_KEYS:
        ET.SubElement(
            root,
            f"{{{GRAPHML_NS}}}key",
            id=f"n_{key}",
            attrib={"for": "node", "attr.name": key, "attr.type": "string"},
        )
    for key in _EDGE_KEYS:
        ET.SubElement(
            root,
            f"{{{GRAPHML_NS}}}key",
            id=f"e_{key}",
            attrib={"for": "edge", "attr.name": key, "attr.type": "string"},
        )
    graph = ET.SubElement(root, f"{{{GRAPHML_NS}}}graph", id="actors", edgedefault="directed")
    for node in data["nodes"]:
        el = ET.SubElement(graph, f"{{{GRAPHML_NS}}}node", id=node["id"])
        for key in _NODE_KEYS:
            value = node.get(key)
            if value is None or value == []:
                continue
            text = "; ".join(value) if isinstance(value, list) else str(value)
            ET.SubElement(el, f"{{{GRAPHML_NS}}}data", key=f"n_{key}").text = text
    for i, edge in enumerate(data["edges"]):
        el = ET.SubElement(
            graph, f"{{{GRAPHML_NS}}}edge", id=f"e{i}", source=edge["source"], target=edge["target"]
        )
        for key in _EDGE_KEYS:
            if edge.get(key) is not None:
                ET.SubElement(el, f"{{{GRAPHML_NS}}}data", key=f"e_{key}").text = str(edge[key])
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
