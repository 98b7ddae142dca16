"""Graphviz DOT output of a :class:`~govrules.graph.build.Graph`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from govrules.diagnostics import Severity
from govrules.graph.build import (
    ERROR_COLOUR,
    WARNING_COLOUR,
    Edge,
    Graph,
    Node,
    kind_rank,
)

_DOT_NODES: Mapping[str, tuple[tuple[str, str], ...]] = {
    "organization": (("shape", "box"), ("style", "filled"), ("fillcolor", "#dbe9f6")),
    "body": (("shape", "box"), ("style", "rounded,filled"), ("fillcolor", "#ece4f3")),
    "product": (("shape", "component"), ("style", "filled"), ("fillcolor", "#fdf3d8")),
    "dialogue": (("shape", "ellipse"), ("style", "filled"), ("fillcolor", "#dff1ee")),
    "agreement": (("shape", "note"), ("style", "filled"), ("fillcolor", "#efe9e4")),
}

_DOT_EDGES: Mapping[str, tuple[tuple[str, str], ...]] = {
    "financing": (("color", "#2e7d32"), ("fontcolor", "#2e7d32"), ("penwidth", "2")),
    "ownership": (("color", "#8d6e63"), ("fontcolor", "#6d4c41"), ("arrowhead", "vee")),
    "supervision": (("color", "#1565c0"), ("fontcolor", "#1565c0"), ("arrowhead", "empty")),
    "mandates": (("color", "#6a1b9a"), ("fontcolor", "#6a1b9a")),
    "dialogues": (("color", "#00838f"), ("fontcolor", "#00838f"), ("style", "dotted")),
    "agreements": (("color", "#5d4037"), ("fontcolor", "#5d4037"), ("style", "bold")),
    "assignments": (("color", "#283593"), ("fontcolor", "#283593")),
    "contracts": (("color", "#37474f"), ("fontcolor", "#37474f"), ("penwidth", "2")),
    "policies": (("color", "#ad1457"), ("fontcolor", "#ad1457")),
}


def to_dot(graph: Graph, *, links: Mapping[str, str] | None = None) -> str:
    """The graph in Graphviz's DOT language (``dot -Tsvg`` draws it).

    ``links`` maps a declaration's identifier to a URL (an HTML report's
    ``#finding-3``): its node or edge becomes a link there in the SVG.

    One ``subgraph cluster_<organization>`` per organization with bodies; node
    shapes per kind, edge colours and styles per relation; errors red with a
    double border, warnings orange and dashed; every identifier and label
    quoted and escaped.
    """
    out = [
        "digraph governance {",
        '  graph [rankdir=LR, fontname="Helvetica", fontsize=11, nodesep=0.35, ranksep=0.9,'
        " newrank=true];",
        '  node [fontname="Helvetica", fontsize=11, margin="0.15,0.06"];',
        '  edge [fontname="Helvetica", fontsize=9];',
    ]
    grouped: dict[str, list[Node]] = defaultdict(list)
    for node in graph.nodes:
        if node.group is not None:
            grouped[node.group].append(node)
    for group in graph.groups:
        out.append("")
        out.append(f"  subgraph {_dot_id('cluster_' + group.id)} {{")
        out.append(
            f'    graph [label={_dot_id(_dot_text(group.label))}, style="rounded,filled",'
            ' color="#b0bec5", fillcolor="#f7f9fa", fontcolor="#546e7a"];'
        )
        members = sorted(grouped[group.id], key=lambda n: (n.id != group.id, n.id))
        out.extend("    " + _dot_node(n, links) for n in members)
        out.append("  }")
    group_ids = {g.id for g in graph.groups}
    loose = sorted(
        (n for n in graph.nodes if n.group not in group_ids),
        key=lambda n: (kind_rank(n.kind), n.id),
    )
    if loose:
        out.append("")
        out.extend("  " + _dot_node(n, links) for n in loose)
    if graph.edges:
        out.append("")
        out.extend("  " + _dot_edge(e, links) for e in graph.edges)
    if graph.legend:
        out.extend(_dot_legend())
    out.append("}")
    return "\n".join(out) + "\n"


def _dot_node(node: Node, links: Mapping[str, str] | None = None) -> str:
    attributes = [("label", node.label), *_DOT_NODES[node.kind]]
    attributes.append(("tooltip", "\n".join(filter(None, (node.subject, *node.notes)))))
    if links and node.subject is not None and node.id in links:
        attributes.append(("href", links[node.id]))
    if node.mark is Severity.ERROR:
        attributes += [("color", ERROR_COLOUR), ("penwidth", "2.5"), ("peripheries", "2")]
    elif node.mark is Severity.WARNING:
        style = dict(attributes)["style"] + ",dashed"
        attributes = [(k, style if k == "style" else v) for k, v in attributes]
        attributes += [("color", WARNING_COLOUR), ("penwidth", "2.5")]
    return f"{_dot_id(node.id)} [{_dot_attributes(attributes)}];"


def _dot_edge(edge: Edge, links: Mapping[str, str] | None = None) -> str:
    attributes: list[tuple[str, str]] = []
    if edge.label:
        attributes.append(("label", edge.label))
    attributes.extend(_DOT_EDGES[edge.relation])
    if not edge.directed:
        attributes.append(("dir", "none"))
    if edge.dashed:
        attributes = [(k, v) for k, v in attributes if k != "style"] + [("style", "dashed")]
    tooltip = "\n".join(filter(None, (edge.subject, *edge.notes)))
    if tooltip:
        attributes.append(("tooltip", tooltip))
    target = edge.subject.partition(" ")[2].partition(".")[0] if edge.subject else ""
    if links and target in links:
        attributes.append(("href", links[target]))
    if edge.mark is not None:
        colour = ERROR_COLOUR if edge.mark is Severity.ERROR else WARNING_COLOUR
        width = "3.5" if edge.mark is Severity.ERROR else "2.5"
        replaced = {"color": colour, "fontcolor": colour, "penwidth": width}
        attributes = [(k, v) for k, v in attributes if k not in replaced]
        attributes.extend(replaced.items())
    return f"{_dot_id(edge.source)} -> {_dot_id(edge.target)} [{_dot_attributes(attributes)}];"


def _dot_legend() -> list[str]:
    # Names with a space cannot clash with identifiers, which have none.
    return [
        "",
        '  subgraph "cluster legend" {',
        '    graph [label="Findings", style="rounded", color="#b0bec5", fontcolor="#546e7a"];',
        f'    "legend error" [label="error", shape=box, color="{ERROR_COLOUR}",'
        " penwidth=2.5, peripheries=2];",
        f'    "legend warning" [label="warning", shape=box, style=dashed,'
        f' color="{WARNING_COLOUR}", penwidth=2.5];',
        '    "legend error" -> "legend warning" [style=invis];',
        "  }",
    ]


def _dot_attributes(attributes: Iterable[tuple[str, str]]) -> str:
    return ", ".join(f"{key}={_dot_id(_dot_text(value, key))}" for key, value in attributes)


def _dot_text(text: str, key: str = "label") -> str:
    """A value whose every character Graphviz shows as written.

    Graphviz decodes HTML entities (``&amp;``) in labels, so an ``&`` must be
    one. It then reads backslash escapes (``\\N`` is the node's name, ``\\n`` a
    line break), so a backslash is written as the entity of an escaped
    backslash; as a plain character, last in a string, it would also swallow
    the closing quote. Tooltips are unescaped twice, so they need it doubled
    again (measured with Graphviz 2.43; the tests draw both).
    """
    backslash = "&#92;" * (4 if key == "tooltip" else 2)
    return text.replace("&", "&amp;").replace("\\", backslash)


def _dot_id(text: str) -> str:
    """A DOT double-quoted string; newlines become DOT's ``\\n`` line breaks."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n") + '"'


# --- rendering: Mermaid ---------------------------------------------------
