"""Graphviz DOT output of a :class:`~govrules.graph.build.Graph`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from govrules.diagnostics import Severity
from govrules.graph.build import (
    ERROR_COLOUR,
    NODE_KINDS,
    RELATIONS,
    WARNING_COLOUR,
    Edge,
    Graph,
    Node,
    kind_rank,
)
from govrules.messages import msg

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


def to_dot(graph: Graph, *, links: Mapping[str, str] | None = None, lang: str = "en") -> str:
    """The graph in Graphviz's DOT language (``dot -Tsvg`` draws it).

    ``links`` maps a declaration's identifier to a URL (an HTML report's
    ``#finding-3``): its node or edge becomes a link there in the SVG.
    ``lang`` is the language of the legend and the finding badges (``en``,
    ``nl``); the model's own names are never translated.

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
            f'    graph [label={_dot_id(_dot_text(group.label))}, labeljust="l",'
            ' style="rounded,filled", color="#b0bec5", fillcolor="#f7f9fa", fontcolor="#546e7a"];'
        )
        members = sorted(grouped[group.id], key=lambda n: (n.id != group.id, n.id))
        out.extend("    " + _dot_node(n, links, lang) for n in members)
        out.append("  }")
    group_ids = {g.id for g in graph.groups}
    loose = sorted(
        (n for n in graph.nodes if n.group not in group_ids),
        key=lambda n: (kind_rank(n.kind), n.id),
    )
    if loose:
        out.append("")
        out.extend("  " + _dot_node(n, links, lang) for n in loose)
    if graph.edges:
        out.append("")
        out.extend("  " + _dot_edge(e, links, lang) for e in graph.edges)
    if graph.nodes:
        out.extend(_dot_legend(graph, lang))
    out.append("}")
    return "\n".join(out) + "\n"


def _dot_node(node: Node, links: Mapping[str, str] | None = None, lang: str = "en") -> str:
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
    return f"{_dot_id(node.id)} [{_dot_attributes(_badged(attributes, node.notes, lang))}];"


def _dot_edge(edge: Edge, links: Mapping[str, str] | None = None, lang: str = "en") -> str:
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
    # A marked line keeps the colour and style of its relation (money stays green): the
    # finding is a coloured badge under its label, and the line is drawn a little heavier.
    if edge.mark is not None:
        attributes = [(k, v) for k, v in attributes if k != "penwidth"]
        attributes.append(("penwidth", "3.5" if edge.mark is Severity.ERROR else "3"))
    return (
        f"{_dot_id(edge.source)} -> {_dot_id(edge.target)} "
        f"[{_dot_attributes(_badged(attributes, edge.notes, lang))}];"
    )


def badges(notes: Iterable[str], lang: str = "en") -> list[tuple[Severity, str]]:
    """The badge lines of a marked element: per severity, worst first, the codes it carries.

    ``notes`` are :attr:`Node.notes` (``"OWN001 error: message"``);
    ``[(Severity.ERROR, "error OWN001"), (Severity.WARNING, "warning COL006, OWN003")]``.
    """
    codes: dict[Severity, set[str]] = defaultdict(set)
    for note in notes:
        code, _space, rest = note.partition(" ")
        label = rest.partition(":")[0]
        severity = next((s for s in Severity if s.label == label), None)
        if severity is not None:
            codes[severity].add(code)
    return [
        (severity, f"{_word(severity, lang)} {', '.join(sorted(codes[severity]))}")
        for severity in sorted(codes, reverse=True)
    ]


def _word(severity: Severity, lang: str) -> str:
    return msg(f"graph.severity.{severity.label}").render(lang)


def _badged(
    attributes: list[tuple[str, str]], notes: Sequence[str], lang: str = "en"
) -> list[tuple[str, str]]:
    """``attributes`` with the label as an HTML-like label ending in the finding badges."""
    lines = badges(notes, lang)
    if not lines:
        return attributes
    text = dict(attributes).get("label", "")
    parts = [_html_text(line) for line in text.split("\n")] if text else []
    for severity, line in lines:
        colour = ERROR_COLOUR if severity is Severity.ERROR else WARNING_COLOUR
        parts.append(f'<font color="{colour}"><b>{_html_text(line)}</b></font>')
    html = HtmlLabel("<" + "<br/>".join(parts) + ">")
    return [("label", html), *((k, v) for k, v in attributes if k != "label")]


class HtmlLabel(str):
    """A label already written as a Graphviz HTML-like label (``<...>``): placed unquoted."""


def _html_text(text: str) -> str:
    """Text inside an HTML-like label: the XML entities, nothing else is special there."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _dot_legend(graph: Graph, lang: str = "en") -> list[str]:
    """A key to every shape, line and mark the picture uses, naming the view drawn.

    Only what occurs is explained. Names with a space cannot clash with
    identifiers, which have none.
    """

    def t(ident: str, **args: object) -> str:
        return msg(f"graph.legend.{ident}", **args).render(lang)

    shown = ", ".join(graph.views) if graph.views else t("all-relations")
    lines = [
        "",
        '  subgraph "cluster legend" {',
        f'    graph [label={_dot_id(t("title", view=shown))}, style="rounded",'
        ' color="#b0bec5", fontcolor="#546e7a", fontsize=10];',
        '    node [fontsize=9, margin="0.08,0.03"];',
        "    edge [fontsize=9];",
    ]
    kinds = {n.kind for n in graph.nodes}
    for kind in NODE_KINDS:
        if kind in kinds:
            attributes = [("label", t(f"kind.{kind}")), *_DOT_NODES[kind]]
            lines.append(f"    {_dot_id('legend ' + kind)} [{_dot_attributes(attributes)}];")
    if graph.groups:
        frame = [
            ("label", t("frame")),
            ("shape", "box"),
            ("style", "rounded,filled"),
            ("color", "#b0bec5"),
            ("fillcolor", "#f7f9fa"),
            ("fontcolor", "#546e7a"),
        ]
        lines.append(f'    "legend frame" [{_dot_attributes(frame)}];')
    # Every severity that outlines a box or colours a badge (a box with an error and a
    # warning is outlined red, but its orange badge needs explaining too).
    marks = {n.mark for n in graph.nodes} | {e.mark for e in graph.edges}
    for notes in [n.notes for n in graph.nodes] + [e.notes for e in graph.edges]:
        marks.update(severity for severity, _line in badges(notes))
    for severity, colour, extra in (
        (Severity.ERROR, ERROR_COLOUR, [("penwidth", "2.5"), ("peripheries", "2")]),
        (Severity.WARNING, WARNING_COLOUR, [("penwidth", "2.5"), ("style", "dashed")]),
    ):
        if severity in marks:
            word = _html_text(_word(severity, lang))
            sample = HtmlLabel(
                f"<{_html_text(t('outlined', severity=word))}<br/>"
                f'<font color="{colour}"><b>{word} CODE</b></font>'
                f" {_html_text(t('names'))}>"
            )
            attributes = [("label", sample), ("shape", "box"), ("color", colour), *extra]
            lines.append(
                f"    {_dot_id('legend ' + severity.label)} [{_dot_attributes(attributes)}];"
            )
    relations = {e.relation for e in graph.edges}
    dashed = any(e.dashed for e in graph.edges)
    for relation in RELATIONS:
        if relation not in relations:
            continue
        attributes = [("label", t(f"relation.{relation}")), *_DOT_EDGES[relation]]
        if relation in ("dialogues", "agreements"):
            attributes.append(("dir", "none"))
        lines.extend(_legend_line(relation, attributes))
        if relation == "mandates" and dashed:
            sub = [(k, v) for k, v in attributes if k not in ("label", "style")]
            sub += [("label", t("sub-mandate")), ("style", "dashed")]
            lines.extend(_legend_line("sub-mandate", sub))
    lines.append("  }")
    return lines


def _legend_line(name: str, attributes: list[tuple[str, str]]) -> list[str]:
    start, end = _dot_id(f"legend {name} from"), _dot_id(f"legend {name} to")
    point = '[shape=point, width=0.06, color="#90a4ae", label=""]'
    return [
        f"    {start} {point};",
        f"    {end} {point};",
        f"    {start} -> {end} [{_dot_attributes(attributes)}];",
    ]


def _dot_attributes(attributes: Iterable[tuple[str, str]]) -> str:
    return ", ".join(
        f"{key}={value if isinstance(value, HtmlLabel) else _dot_id(_dot_text(value, key))}"
        for key, value in attributes
    )


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
