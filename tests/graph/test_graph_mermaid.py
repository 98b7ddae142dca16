"""Mermaid output: golden files, safe ids, escaped labels, classes for findings, link styles."""

from __future__ import annotations

import re
from collections.abc import Callable

from govrules import Finding, Model, Severity, Span
from govrules.graph import Edge, Graph, Node, build_graph, mermaid_ids, to_mermaid

LABEL = r'"[^"]*"'
SHAPES = (r"\[", r"\]"), (r"\(", r"\)"), (r"\{\{", r"\}\}"), (r"\(\[", r"\]\)"), (r"\[\[", r"\]\]")
NODE = re.compile(
    r"^(?P<id>n\d+|legend_error|legend_warning)(?:"
    + "|".join(f"{o}{LABEL}{c}" for o, c in SHAPES)
    + r")$"
)
EDGE = re.compile(
    rf"^(?P<source>n\d+) (?P<arrow>-->|---)(?:\|(?P<label>{LABEL})\|)? (?P<target>n\d+)$"
)
STATEMENT = [
    re.compile(r"^flowchart LR$"),
    re.compile(rf"^subgraph (g\d+|legend) \[{LABEL}\]$"),
    re.compile(r"^end$"),
    NODE,
    EDGE,
    re.compile(r"^classDef \w+ [\w:#\-, .%]+$"),
    re.compile(r"^class [\w,]+ \w+$"),
    re.compile(r"^linkStyle [\d,]+ [\w:#\-, .]+$"),
]

FINDINGS = (
    Finding("OWN001", Severity.ERROR, "no owner", Span("s.gov", 1, 1, 1, 2), "product burgerzaken"),
    Finding("COL006", Severity.WARNING, "small", Span("s.gov", 2, 1, 2, 2), "body directie"),
    Finding(
        "MAN001",
        Severity.WARNING,
        "no basis",
        Span("s.gov", 3, 1, 3, 2),
        "mandate mandaat_bijstand",
    ),
    Finding(
        "MAN002",
        Severity.ERROR,
        "not allowed",
        Span("s.gov", 4, 1, 4, 2),
        "mandate ondermandaat_bijstand",
    ),
)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines()]


def _check_syntax(text: str) -> None:
    """Every line is a statement Mermaid's flowchart grammar accepts, and blocks are balanced."""
    depth = 0
    for line in _lines(text):
        assert any(p.match(line) for p in STATEMENT), f"not a flowchart statement: {line!r}"
        depth += line.startswith("subgraph ") - (line == "end")
        assert depth >= 0
    assert depth == 0


def test_small_model_golden(small_model: Model, golden: Callable[[str, str], None]) -> None:
    """The small model's Mermaid flowchart is exactly the golden file."""
    golden("small.mmd", to_mermaid(build_graph(small_model)))


def test_small_model_with_findings_golden(
    small_model: Model, golden: Callable[[str, str], None]
) -> None:
    """With findings the flowchart classes and link styles mark them, as golden."""
    golden("small-findings.mmd", to_mermaid(build_graph(small_model, findings=FINDINGS)))


def test_every_line_is_valid_flowchart_syntax(small_model: Model) -> None:
    """Each line of the output, with and without findings, is a well-formed flowchart statement."""
    _check_syntax(to_mermaid(build_graph(small_model)))
    _check_syntax(to_mermaid(build_graph(small_model, findings=FINDINGS)))


def test_ids_are_ascii_and_names_are_in_labels(small_model: Model) -> None:
    """Identifiers become n1, n2 ... in sorted order; the real names appear only in the labels."""
    graph = build_graph(small_model)
    ids = mermaid_ids(graph)
    assert list(ids.values()) == [f"n{i}" for i in range(1, len(graph.nodes) + 1)]
    assert list(ids) == sorted(ids)
    text = to_mermaid(graph)
    assert "súdwâld" not in text
    assert f'{ids["gemeente_súdwâld-oost"]}["Gemeente Súdwâld-Oost"]' in text


def test_structure_matches_the_graph(small_model: Model) -> None:
    """One subgraph per organization with bodies, one line per edge in the graph's order."""
    graph = build_graph(small_model)
    ids = mermaid_ids(graph)
    lines = _lines(to_mermaid(graph))
    assert lines[0] == "flowchart LR"
    assert lines.count("end") == len(graph.groups) == 2
    start = lines.index('subgraph g2 ["Werkorganisatie Oostdal"]')
    assert lines[start + 1] == f'{ids["werkorganisatie"]}["Werkorganisatie Oostdal"]'
    edges = [m for m in map(EDGE.match, lines) if m]
    assert [(m["source"], m["target"]) for m in edges] == [
        (ids[e.source], ids[e.target]) for e in graph.edges
    ]
    assert [m["arrow"] == "-->" for m in edges] == [e.directed for e in graph.edges]


def test_labels_are_escaped_with_entity_codes() -> None:
    """Quotes, markup and # become Mermaid entity codes; line breaks become <br>."""
    graph = Graph(
        nodes=(
            Node("a-b", 'Say "hi" <b>&</b> #1 `x`\nnext', "organization"),
            Node("ç", "plain", "product"),
        ),
        edges=(Edge("a-b", "ç", "ownership", 'the "edge"'),),
    )
    text = to_mermaid(graph)
    assert 'n1["Say #quot;hi#quot; #lt;b#gt;#amp;#lt;/b#gt; #35;1 #96;x#96;<br>next"]' in text
    assert 'n1 -->|"the #quot;edge#quot;"| n2' in text
    _check_syntax(text)


def test_findings_are_classes_and_link_styles(small_model: Model) -> None:
    """Marked nodes get class error or warning; marked and dashed edges get a linkStyle."""
    graph = build_graph(small_model, findings=FINDINGS)
    ids = mermaid_ids(graph)
    lines = _lines(to_mermaid(graph))
    assert "classDef error stroke:#d32f2f,stroke-width:4px" in lines
    assert any(line.startswith("classDef warning ") for line in lines)
    assert f"class {ids['burgerzaken']},legend_error error" in lines
    assert f"class {ids['directie']},legend_warning warning" in lines
    index = {e.subject: i for i, e in enumerate(graph.edges)}
    grant, sub = index["mandate mandaat_bijstand"], index["mandate ondermandaat_bijstand"]
    assert f"linkStyle {grant} stroke:#ef6c00,stroke-width:3px" in lines
    assert f"linkStyle {sub} stroke:#d32f2f,stroke-width:4px,stroke-dasharray: 5 5" in lines
    assert 'subgraph legend ["Findings"]' in lines


def test_submandates_are_dashed_by_link_style(small_model: Model) -> None:
    """Without findings, only the sub-mandate edges get a (dashed) linkStyle."""
    graph = build_graph(small_model)
    dashed = [str(i) for i, e in enumerate(graph.edges) if e.dashed]
    styles = [line for line in _lines(to_mermaid(graph)) if line.startswith("linkStyle")]
    assert styles == [f"linkStyle {','.join(dashed)} stroke-dasharray: 5 5"]


def test_empty_model_is_a_valid_flowchart() -> None:
    """A graph without nodes is still a flowchart Mermaid accepts."""
    text = to_mermaid(Graph(nodes=(), edges=()))
    assert text.startswith("flowchart LR\n")
    _check_syntax(text)
