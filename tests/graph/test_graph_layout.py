"""The shipped examples drawn by Graphviz: no label overlaps another, the legend is complete.

Checked on Graphviz's own layout (``dot -Tjson``): every text it draws is a
box (its anchor, alignment, width and font size), and no two texts of
different elements may cross; no line's label may lie on a box it does not
belong to. Every kind of box and every relation drawn has its sample in the
legend, and so have the finding marks when there are any.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from govrules.graph import RELATIONS, build_graph, to_dot
from govrules.graph.dot import badges
from govrules.graph.svg import shutil as svg_shutil
from govrules.loader import load
from govrules.workspace import lint_paths

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(svg_shutil.which("dot") is None, reason="Graphviz's dot is not installed"),
]

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
MODELS = sorted(d for d in [*EXAMPLES.glob("*/before"), *EXAMPLES.glob("*/after")])
VIEWS = (None, ("financing",), ("mandates",), ("supervision",))
SLACK = 0.5
"""Points two boxes may share at an edge before they count as overlapping (rounding)."""

Box = tuple[float, float, float, float]


def _layout(dot_source: str) -> dict[str, Any]:
    done = subprocess.run(
        ["dot", "-Tjson"], input=dot_source.encode("utf-8"), capture_output=True, check=True
    )
    assert done.stderr == b"", done.stderr
    layout: dict[str, Any] = json.loads(done.stdout)
    return layout


def _texts(element: dict[str, Any]) -> list[tuple[Box, str]]:
    found = []
    size = 14.0
    for key in ("_ldraw_", "_hldraw_", "_tldraw_"):
        for op in element.get(key, []):
            if op["op"] == "F":
                size = op["size"]
            elif op["op"] == "T":
                x, y = op["pt"]
                width = op["width"]
                left = {"l": x, "c": x - width / 2, "r": x - width}[op["align"]]
                found.append(((left, y - 0.3 * size, left + width, y + 0.8 * size), op["text"]))
    return found


def _crosses(a: Box, b: Box) -> bool:
    return (
        a[0] < b[2] - SLACK and b[0] < a[2] - SLACK and a[1] < b[3] - SLACK and b[1] < a[3] - SLACK
    )


def _node_box(node: dict[str, Any]) -> Box:
    x, y = (float(v) for v in node["pos"].split(","))
    half_w, half_h = float(node["width"]) * 36, float(node["height"]) * 36
    return (x - half_w, y - half_h, x + half_w, y + half_h)


def _cases() -> list[tuple[Path, tuple[str, ...] | None]]:
    return [(model, view) for model in MODELS for view in VIEWS]


@pytest.mark.parametrize(
    ("model_dir", "view"),
    _cases(),
    ids=[f"{m.parent.name}/{m.name}-{(v or ('all',))[0]}" for m, v in _cases()],
)
def test_no_label_overlaps_and_the_legend_explains_everything(
    model_dir: Path, view: tuple[str, ...] | None
) -> None:
    model = load(sorted(model_dir.glob("*.gov")))
    findings = lint_paths([str(model_dir)]).findings
    graph = build_graph(model, views=view, findings=findings)
    layout = _layout(to_dot(graph))
    objects = layout.get("objects", [])
    texts = [(f"object {i}", box, text) for i, o in enumerate(objects) for box, text in _texts(o)]
    texts += [
        (f"edge {i}", box, text)
        for i, e in enumerate(layout.get("edges", []))
        for box, text in _texts(e)
    ]
    assert len(texts) > len(graph.nodes)  # every box's label was read, and the legend's
    for i, (owner, box, text) in enumerate(texts):
        for other_owner, other_box, other_text in texts[i + 1 :]:
            if owner != other_owner:
                assert not _crosses(box, other_box), (text, other_text)
    nodes = [o for o in objects if "pos" in o and "width" in o]
    for owner, box, text in texts:
        if owner.startswith("edge"):
            for node in nodes:
                assert not _crosses(box, _node_box(node)), (text, node["name"])

    legend = {o["name"] for o in objects if o.get("name", "").startswith("legend ")}
    for kind in {n.kind for n in graph.nodes}:
        assert f"legend {kind}" in legend
    for relation in {e.relation for e in graph.edges}:
        assert f"legend {relation} from" in legend
    if any(e.dashed for e in graph.edges):
        assert "legend sub-mandate from" in legend
    marks = {n.mark for n in graph.nodes} | {e.mark for e in graph.edges}
    marks |= {s for x in (*graph.nodes, *graph.edges) for s, _b in badges(x.notes, "en")}
    for mark in marks - {None}:
        assert f"legend {mark.label}" in legend  # type: ignore[union-attr]
    # Nothing is explained that is not drawn.
    drawn = {f"legend {e.relation} from" for e in graph.edges}
    assert {n for n in legend if n.endswith(" from")} - drawn <= {"legend sub-mandate from"}
    assert set(RELATIONS) >= {e.relation for e in graph.edges}
    title = next(o["label"] for o in objects if o.get("name") == "cluster legend")
    assert title == f"Legend (view: {', '.join(view) if view else 'all relations'})"


def test_the_overlap_check_sees_an_overlap() -> None:
    """Two labels Graphviz draws on top of each other (nodes pinned together) are caught."""
    pinned = 'digraph { a [label="first label", pos="10,10!"]; b [label="second", pos="20,12!"]; }'
    done = subprocess.run(
        ["neato", "-n", "-Tjson"], input=pinned.encode(), capture_output=True, check=True
    )
    objects = json.loads(done.stdout)["objects"]
    [(one, _a)], [(two, _b)] = (_texts(o) for o in objects)
    assert _crosses(one, two)
    assert not _crosses((0, 0, 10, 10), (10, 0, 20, 10))
    assert not _crosses((0, 0, 10, 10), (0, 11, 10, 20))
