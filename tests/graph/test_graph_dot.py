"""DOT output: golden files, parsed back by pydot, and drawn by Graphviz without warnings."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pydot
import pytest

from govrules import Finding, Model, Severity, Span, load
from govrules.graph import Edge, Graph, Group, Node, build_graph, to_dot

# pydot's parser still calls pyparsing's camelCase names, deprecated in pyparsing 3.3.
pytestmark = pytest.mark.filterwarnings("ignore:.*deprecated.*:DeprecationWarning")

EXAMPLES = Path(__file__).parent.parent.parent / "examples"
EXAMPLE_MODELS = sorted(
    d for d in [*EXAMPLES.glob("*/before"), *EXAMPLES.glob("*/after")] if any(d.glob("*.gov"))
)
DOT = shutil.which("dot")
needs_dot = pytest.mark.skipif(DOT is None, reason="Graphviz's dot is not installed")

FINDINGS = (
    Finding("OWN001", Severity.ERROR, "no owner", Span("s.gov", 1, 1, 1, 2), "product burgerzaken"),
    Finding(
        "POL004",
        Severity.WARNING,
        "no dialogue",
        Span("s.gov", 2, 1, 2, 2),
        "financing bijdrage_2026",
    ),
    Finding(
        "MAN001",
        Severity.ERROR,
        "no basis",
        Span("s.gov", 3, 1, 3, 2),
        "mandate ondermandaat_bijstand",
    ),
    Finding(
        "COL006", Severity.WARNING, "no works council", Span("s.gov", 4, 1, 4, 2), "body directie"
    ),
)


def _parse(text: str) -> pydot.Dot:
    graphs = pydot.graph_from_dot_data(text)
    assert graphs is not None
    assert len(graphs) == 1
    return graphs[0]


def _members(graph: pydot.Dot | pydot.Subgraph) -> set[str]:
    """Node names; pydot lists ``graph [...]`` and ``node [...]`` defaults as nodes too."""
    names = {_unquote(n.get_name()) for n in graph.get_nodes()}
    return names - {"graph", "node", "edge"}


def _unquote(name: object) -> str:
    """A pydot name or attribute value without its surrounding quotes."""
    text = str(name)
    return text[1:-1] if len(text) >= 2 and text[0] == text[-1] == '"' else text


def _render(dot_source: str, output: str = "svg") -> subprocess.CompletedProcess[bytes]:
    assert DOT is not None
    return subprocess.run(
        [DOT, f"-T{output}"], input=dot_source.encode("utf-8"), capture_output=True, check=False
    )


def test_small_model_golden(small_model: Model, golden: Callable[[str, str], None]) -> None:
    """The small model's DOT is exactly the golden file."""
    golden("small.dot", to_dot(build_graph(small_model)))


def test_small_model_with_findings_golden(
    small_model: Model, golden: Callable[[str, str], None]
) -> None:
    """With findings the DOT marks errors and warnings and ends with a legend, as golden."""
    golden("small-findings.dot", to_dot(build_graph(small_model, findings=FINDINGS)))


def test_dot_parses_back_with_nodes_clusters_and_edges(small_model: Model) -> None:
    """pydot reads the DOT back: every node, one cluster per organization, every edge."""
    graph = build_graph(small_model)
    parsed = _parse(to_dot(graph))
    assert parsed.get_type() == "digraph"
    clusters = {_unquote(s.get_name()): s for s in parsed.get_subgraphs()}
    legend = clusters.pop("cluster legend")
    assert all(name.startswith("legend ") for name in _members(legend))
    assert set(clusters) == {"cluster_gemeente", "cluster_werkorganisatie"}
    members = {name: _members(sub) for name, sub in clusters.items()}
    assert members["cluster_gemeente"] == {"gemeente", "raad", "college"}
    assert members["cluster_werkorganisatie"] == {"werkorganisatie", "directie"}
    loose = _members(parsed)
    assert loose | members["cluster_gemeente"] | members["cluster_werkorganisatie"] == {
        n.id for n in graph.nodes
    }
    edges = [(_unquote(e.get_source()), _unquote(e.get_destination())) for e in parsed.get_edges()]
    assert sorted(edges) == sorted((e.source, e.target) for e in graph.edges)
    samples = [_unquote(e.get("label")) for e in legend.get_edges()]
    assert samples == [
        "financing: who pays whom",
        "owns: who owns the product",
        "supervises: who supervises whom",
        "mandate: who may decide for whom",
        "sub-mandate (via another)",
        "dialogue: who talks regularly",
        "agreement on results",
        "assignment: who commissions whom",
        "contract: client to contractor",
        "policy: who sets it, who executes it",
    ]


def test_dot_attributes_per_kind_and_relation(small_model: Model) -> None:
    """Kinds have their own shapes; sub-mandates are dashed; undirected relations have no arrow."""
    parsed = _parse(to_dot(build_graph(small_model)))
    nodes = {_unquote(n.get_name()): n for s in parsed.get_subgraphs() for n in s.get_nodes()}
    nodes.update({_unquote(n.get_name()): n for n in parsed.get_nodes()})
    assert _unquote(nodes["gemeente"].get("shape")) == "box"
    assert _unquote(nodes["directie"].get("style")) == "rounded,filled"
    assert _unquote(nodes["burgerzaken"].get("shape")) == "component"
    assert _unquote(nodes["regio_overleg"].get("shape")) == "ellipse"
    edges = {_unquote(e.get("tooltip") or ""): e for e in parsed.get_edges()}
    assert _unquote(edges["mandate ondermandaat_bijstand"].get("style")) == "dashed"
    assert edges["mandate mandaat_bijstand"].get("style") is None
    assert _unquote(edges["dialogue opdrachtgeversoverleg"].get("dir")) == "none"
    assert "rankdir=LR" in to_dot(build_graph(small_model))


def test_findings_are_distinguishable(small_model: Model) -> None:
    """Errors are red with a double border, warnings orange and dashed, each with a badge naming
    the finding; a marked line keeps its relation's colour; a legend explains them."""
    parsed = _parse(to_dot(build_graph(small_model, findings=FINDINGS)))
    nodes = {_unquote(n.get_name()): n for s in parsed.get_subgraphs() for n in s.get_nodes()}
    nodes.update({_unquote(n.get_name()): n for n in parsed.get_nodes()})
    error, warning = nodes["burgerzaken"], nodes["directie"]
    assert _unquote(error.get("color")) == "#d32f2f"
    assert _unquote(error.get("peripheries")) == "2"
    assert _unquote(warning.get("color")) == "#ef6c00"
    assert "dashed" in _unquote(warning.get("style"))
    assert "OWN001 error: no owner" in _unquote(error.get("tooltip"))
    assert (
        error.get("label") == '<Burgerzaken<br/><font color="#d32f2f"><b>error OWN001</b></font>>'
    )
    edges = {_unquote(e.get("tooltip") or "").split("\\n")[0]: e for e in parsed.get_edges()}
    money = edges["financing bijdrage_2026"]
    assert _unquote(money.get("color")) == "#2e7d32"  # money stays green
    assert '<font color="#ef6c00"><b>warning POL004</b></font>>' in money.get("label")
    sub = edges["mandate ondermandaat_bijstand"]
    assert (_unquote(sub.get("color")), _unquote(sub.get("style"))) == ("#6a1b9a", "dashed")
    assert '<font color="#d32f2f"><b>error MAN001</b></font>>' in sub.get("label")
    assert {"legend error", "legend warning"} <= set(nodes)


TRICKY_LABEL = 'Say "hi" \\ \\n \\N <b>&amp; {x}\nsecond line'


def _tricky_graph() -> Graph:
    return Graph(
        nodes=(
            Node("gemeente_súdwâld-oost", TRICKY_LABEL, "organization", "gemeente_súdwâld-oost"),
            Node("b", "trailing \\", "body", "gemeente_súdwâld-oost"),
            Node("c", 'ends with \\"', "product", None, "product c", None, ("X1: a \\ b \\N",)),
        ),
        edges=(Edge("b", "c", "ownership", 'the "edge" & more'),),
        groups=(Group("gemeente_súdwâld-oost", 'Gemeente "Súdwâld-Oost"'),),
    )


def _svg_texts(svg: str) -> list[str]:
    root = ElementTree.fromstring(svg)  # noqa: S314 -- our own Graphviz output
    return [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]


def _svg_titles(svg: str) -> list[str]:
    root = ElementTree.fromstring(svg)  # noqa: S314 -- our own Graphviz output
    return [a.get("{http://www.w3.org/1999/xlink}title", "") for a in root.iter()]


def test_ids_and_labels_are_quoted_and_escaped() -> None:
    """Quotes are escaped, backslashes and ampersands become entities, non-ASCII ids stay."""
    text = to_dot(_tricky_graph())
    expected = (
        '"gemeente_súdwâld-oost" [label="Say \\"hi\\" &#92;&#92; &#92;&#92;n &#92;&#92;N'
        " <b>&amp;amp; {x}\\nsecond"
    )
    assert expected in text
    assert 'subgraph "cluster_gemeente_súdwâld-oost"' in text
    assert '"b" [label="trailing &#92;&#92;"' in text
    assert '"c" [label="ends with &#92;&#92;\\""' in text
    parsed = _parse(text)
    [cluster, _legend] = parsed.get_subgraphs()
    assert _members(cluster) == {"gemeente_súdwâld-oost", "b"}


@needs_dot
def test_graphviz_draws_labels_exactly_as_given() -> None:
    """Graphviz shows every label character for character: no escape or entity is expanded."""
    done = _render(to_dot(_tricky_graph()))
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    texts = _svg_texts(done.stdout.decode("utf-8"))
    assert 'Say "hi" \\ \\n \\N <b>&amp; {x}' in texts
    assert "second line" in texts
    assert "trailing \\" in texts
    assert 'ends with \\"' in texts
    assert 'the "edge" & more' in texts
    assert 'Gemeente "Súdwâld-Oost"' in texts
    assert "product c\nX1: a \\ b \\N" in _svg_titles(done.stdout.decode("utf-8"))


@needs_dot
def test_small_model_renders_without_warnings(small_model: Model) -> None:
    """The small model, with and without findings, draws as SVG with nothing on stderr."""
    for findings in (None, FINDINGS):
        done = _render(to_dot(build_graph(small_model, findings=findings)))
        assert done.returncode == 0
        assert done.stderr.decode("utf-8") == ""
        svg = done.stdout.decode("utf-8")
        assert "Gemeente Súdwâld-Oost" in _svg_texts(svg)


def test_examples_are_found() -> None:
    """The example glob finds models (so the rendering test below is not silently empty)."""
    assert EXAMPLE_MODELS, f"no example models under {EXAMPLES}"


@needs_dot
@pytest.mark.parametrize(
    "directory", EXAMPLE_MODELS, ids=[f"{d.parent.name}/{d.name}" for d in EXAMPLE_MODELS]
)
def test_every_example_renders_without_warnings(directory: Path) -> None:
    """Every example model draws as SVG with Graphviz printing nothing on stderr."""
    model = load([directory])
    done = _render(to_dot(build_graph(model)))
    assert done.returncode == 0, done.stderr.decode("utf-8")
    assert done.stderr.decode("utf-8") == ""
    assert "<svg" in done.stdout.decode("utf-8")


def test_the_legend_and_the_badges_speak_dutch(small_model: Model) -> None:
    """With lang="nl" the legend and the badges are Dutch; the model's names stay as written."""
    text = to_dot(build_graph(small_model, findings=FINDINGS), lang="nl")
    assert '"cluster legend"' in text and 'label="Legenda (weergave: alle relaties)"' in text
    assert '<font color="#d32f2f"><b>fout OWN001</b></font>' in text
    assert '<font color="#ef6c00"><b>waarschuwing POL004</b></font>' in text
    assert 'label="financiering: wie betaalt wie"' in text
    assert 'label="ondermandaat (via een ander mandaat)"' in text
    assert "<Burgerzaken<br/>" in text
    english = to_dot(build_graph(small_model, views=["financing"], findings=FINDINGS))
    assert 'label="Legend (view: financing)"' in english
