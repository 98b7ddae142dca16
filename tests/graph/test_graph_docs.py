"""docs/graph.md stays true: its Mermaid example is current, its picture valid, every view named."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

from govrules import load
from govrules.graph import RELATIONS, build_graph, to_mermaid

ROOT = Path(__file__).parent.parent.parent
DOC = ROOT / "docs" / "graph.md"
MARKER = "<!-- generated: govrules graph examples/01-work-organization/after --format mermaid -->"


def test_mermaid_example_is_current() -> None:
    """The Mermaid block in the docs is exactly what the command prints for case 1 after."""
    text = DOC.read_text(encoding="utf-8")
    block = re.search(re.escape(MARKER) + r"\n```mermaid\n(.*?)```\n", text, re.DOTALL)
    assert block is not None, "the generated Mermaid example is missing from docs/graph.md"
    model = load([ROOT / "examples" / "01-work-organization" / "after"])
    assert block.group(1) == to_mermaid(build_graph(model))


def test_committed_picture_is_a_drawing_of_case_1() -> None:
    """The SVG the docs show exists, is well-formed, and draws case 1's products and parties."""
    text = DOC.read_text(encoding="utf-8")
    assert "](images/01-work-organization.svg)" in text
    svg = (ROOT / "docs" / "images" / "01-work-organization.svg").read_text(encoding="utf-8")
    root = ElementTree.fromstring(svg)  # noqa: S314 -- a file of this repository
    texts = {t.text for t in root.iter("{http://www.w3.org/2000/svg}text")}
    assert {"Burgerzaken", "Sociaal domein", "Gemeente Oostdal"} <= texts
    # Each marked element names its findings; the legend names the view and the marks.
    assert {"error OWN001", "error SUP001", "warning COL006, OWN003"} <= texts
    assert {"Legend (view: all relations)", "financing: who pays whom", "error CODE"} <= texts


def test_every_view_is_documented() -> None:
    """Each relation ``--view`` accepts is named in the docs."""
    text = DOC.read_text(encoding="utf-8")
    assert all(f"`{relation}`" in text for relation in RELATIONS)
