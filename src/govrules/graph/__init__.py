"""Pictures of a governance model: who pays, owns, supervises and mandates whom.

:mod:`~govrules.graph.build` turns a model into a neutral :class:`Graph`;
:mod:`~govrules.graph.dot` and :mod:`~govrules.graph.mermaid` render it. The
public names are re-exported here so callers import from ``govrules.graph``.
"""

from __future__ import annotations

from govrules.graph.build import (
    HUB_KINDS,
    NODE_KINDS,
    RELATIONS,
    Edge,
    Graph,
    GraphError,
    Group,
    Node,
    build_graph,
    check_views,
    mark_findings,
    money_label,
    neighbourhood,
    short_amount,
)
from govrules.graph.dot import to_dot
from govrules.graph.mermaid import mermaid_ids, to_mermaid

__all__ = [
    "HUB_KINDS",
    "NODE_KINDS",
    "RELATIONS",
    "Edge",
    "Graph",
    "GraphError",
    "Group",
    "Node",
    "build_graph",
    "check_views",
    "mark_findings",
    "mermaid_ids",
    "money_label",
    "neighbourhood",
    "short_amount",
    "to_dot",
    "to_mermaid",
]
