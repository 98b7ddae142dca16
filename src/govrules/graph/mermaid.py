"""Mermaid flowchart output of a :class:`~govrules.graph.build.Graph`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from govrules.diagnostics import Severity
from govrules.graph.build import (
    ERROR_COLOUR,
    NODE_KINDS,
    WARNING_COLOUR,
    Edge,
    Graph,
    Node,
    kind_rank,
)

_MERMAID_SHAPES: Mapping[str, tuple[str, str]] = {
    "organization": ("[", "]"),
    "body": ("(", ")"),
    "product": ("{{", "}}"),
    "dialogue": ("([", "])"),
    "agreement": ("[[", "]]"),
}

_MERMAID_CLASSES: tuple[tuple[str, str], ...] = (
    ("organization", "fill:#dbe9f6,stroke:#1565c0"),
    ("body", "fill:#ece4f3,stroke:#6a1b9a"),
    ("product", "fill:#fdf3d8,stroke:#8d6e63"),
    ("dialogue", "fill:#dff1ee,stroke:#00838f"),
    ("agreement", "fill:#efe9e4,stroke:#5d4037"),
    ("error", f"stroke:{ERROR_COLOUR},stroke-width:4px"),
    ("warning", f"stroke:{WARNING_COLOUR},stroke-width:3px,stroke-dasharray: 5 5"),
)


_MERMAID_ENTITIES = {
    '"': "#quot;",
    "#": "#35;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    "`": "#96;",
}


def mermaid_ids(graph: Graph) -> dict[str, str]:
    """Each node's Mermaid id: ``n1``, ``n2`` ... in the order of the sorted identifiers.

    Identifiers may hold ``-`` and non-ASCII letters, which Mermaid ids may not;
    the real name stays in the label.
    """
    return {node.id: f"n{i}" for i, node in enumerate(sorted(graph.nodes, key=_node_id), 1)}


def _node_id(node: Node) -> str:
    return node.id


def to_mermaid(graph: Graph) -> str:
    """The graph as a Mermaid ``flowchart LR`` (GitHub renders it in ```` ```mermaid ```` blocks).

    Node ids are ``n1``, ``n2`` ... (see :func:`mermaid_ids`), one ``subgraph``
    per organization with bodies, labels escaped with Mermaid's entity codes
    (``#quot;``), findings as ``classDef error`` and ``classDef warning``, and
    ``linkStyle`` for dashed sub-mandates and marked edges.
    """
    ids = mermaid_ids(graph)
    out = ["flowchart LR"]
    grouped: dict[str, list[Node]] = defaultdict(list)
    for node in graph.nodes:
        if node.group is not None:
            grouped[node.group].append(node)
    group_ids = {g.id for g in graph.groups}
    for i, group in enumerate(graph.groups, 1):
        out.append(f"  subgraph g{i} [{_mermaid_text(group.label)}]")
        members = sorted(grouped[group.id], key=lambda n: (n.id != group.id, n.id))
        out.extend("    " + _mermaid_node(n, ids) for n in members)
        out.append("  end")
    loose = sorted(
        (n for n in graph.nodes if n.group not in group_ids),
        key=lambda n: (kind_rank(n.kind), n.id),
    )
    out.extend("  " + _mermaid_node(n, ids) for n in loose)
    styles: dict[str, list[int]] = defaultdict(list)
    for index, edge in enumerate(graph.edges):
        arrow = "-->" if edge.directed else "---"
        label = f"|{_mermaid_text(edge.label)}|" if edge.label else ""
        out.append(f"  {ids[edge.source]} {arrow}{label} {ids[edge.target]}")
        style = _mermaid_link_style(edge)
        if style:
            styles[style].append(index)
    if graph.legend:
        out.append('  subgraph legend ["Findings"]')
        out.append('    legend_error["error"]')
        out.append('    legend_warning["warning"]')
        out.append("  end")
    for name, style in _MERMAID_CLASSES:
        out.append(f"  classDef {name} {style}")
    for kind in NODE_KINDS:
        of_kind = [ids[n.id] for n in graph.nodes if n.kind == kind]
        if of_kind:
            out.append(f"  class {','.join(of_kind)} {kind}")
    for severity in (Severity.ERROR, Severity.WARNING):
        marked = [ids[n.id] for n in graph.nodes if n.mark is severity]
        if graph.legend:
            marked.append(f"legend_{severity.label}")
        if marked:
            out.append(f"  class {','.join(marked)} {severity.label}")
    for style, indices in sorted(styles.items(), key=lambda item: item[1]):
        out.append(f"  linkStyle {','.join(map(str, indices))} {style}")
    return "\n".join(out) + "\n"


def _mermaid_node(node: Node, ids: Mapping[str, str]) -> str:
    opening, closing = _MERMAID_SHAPES[node.kind]
    return f"{ids[node.id]}{opening}{_mermaid_text(node.label)}{closing}"


def _mermaid_link_style(edge: Edge) -> str:
    parts: list[str] = []
    if edge.mark is not None:
        colour = ERROR_COLOUR if edge.mark is Severity.ERROR else WARNING_COLOUR
        width = "4px" if edge.mark is Severity.ERROR else "3px"
        parts += [f"stroke:{colour}", f"stroke-width:{width}"]
    if edge.dashed:
        parts.append("stroke-dasharray: 5 5")
    return ",".join(parts)


def _mermaid_text(text: str) -> str:
    """A double-quoted Mermaid label: entity codes for quotes and markup, ``<br>`` for lines."""
    escaped = "".join(_MERMAID_ENTITIES.get(c, c) for c in text)
    return '"' + "<br>".join(escaped.splitlines() or [""]) + '"'
