"""The structure drawings of an HTML report: one picture per question, findings marked.

A board asks one question at a time: who pays whom, who may decide, who
supervises whom. Each is a ``govrules graph --view`` of the model drawn by
Graphviz with the findings marked, plus the whole structure. Nothing stops
the report: without Graphviz, or for a model too large to draw legibly,
each picture is replaced by a note saying why and what to run instead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from govrules.diagnostics import Finding
from govrules.graph import build_graph, to_dot
from govrules.graph.svg import DotFailed, DotMissing, draw_svg, inline_svg
from govrules.messages import msg
from govrules.model.model import Model
from govrules.report.html_page import Picture


@attrs.frozen(slots=True)
class View:
    """A question the structure answers, and the relations that answer it."""

    name: str
    relations: tuple[str, ...] | None
    """``None``: every relation."""


VIEWS: tuple[View, ...] = (
    View("all", None),
    View("financing", ("financing",)),
    View("mandates", ("mandates",)),
    View("supervision", ("supervision",)),
)
"""The pictures of a report, in the order shown; the name is the ``--view`` of the question."""

MAX_NODES = 250
"""A picture with more boxes than this is not drawn: nobody reads it (use ``--focus``)."""


def draw_pictures(
    model: Model,
    findings: Sequence[Finding],
    lang: str,
    *,
    links: Mapping[str, str] | None = None,
    max_nodes: int = MAX_NODES,
) -> list[Picture]:
    """The report's pictures of ``model``; ``links`` maps a declaration to its finding's anchor."""
    pictures: list[Picture] = []
    missing: str | None = None
    # Organizations and bodies are in every view: when they alone are too many, build nothing.
    at_least = len(model.organizations) + len(model.bodies)
    for view in VIEWS:
        title = msg(f"report.view.{view.name}").render(lang)
        if at_least > max_nodes:
            note = _too_large(at_least, max_nodes, view, lang)
            pictures.append(Picture(view.name, title, None, note))
            continue
        graph = build_graph(model, views=view.relations, findings=findings)
        if not graph.edges:
            note = msg("report.view-empty").render(lang)
            pictures.append(Picture(view.name, title, None, note))
            continue
        if len(graph.nodes) > max_nodes:
            note = _too_large(len(graph.nodes), max_nodes, view, lang)
            pictures.append(Picture(view.name, title, None, note))
            continue
        if missing is not None:
            pictures.append(Picture(view.name, title, None, missing))
            continue
        try:
            svg = inline_svg(draw_svg(to_dot(graph, links=links, lang=lang)))
        except DotMissing:
            missing = msg("report.no-dot").render(lang)
            pictures.append(Picture(view.name, title, None, missing))
            continue
        except DotFailed as exc:
            note = msg("report.dot-failed", problem=str(exc)).render(lang)
            pictures.append(Picture(view.name, title, None, note))
            continue
        pictures.append(Picture(view.name, title, svg))
    return pictures


def _too_large(count: int, limit: int, view: View, lang: str) -> str:
    """The note in place of a picture too large to read, with the command that draws a part."""
    views = f" --view {','.join(view.relations)}" if view.relations else ""
    command = f"govrules graph{views} --focus ID --format svg"
    return msg("report.too-large", count=count, limit=limit, command=command).render(lang)
