"""The report use case: paths in, one self-contained HTML document out.

Built on :func:`govrules.workspace.lint_workspace`, the use case behind
``govrules lint``, so the report shows exactly the findings lint gives for the
same paths and options; the models that lint loaded serve what only they know
(the organizations a finding concerns, the suppression comments, the
structure to draw), so nothing is loaded twice.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Sequence
from pathlib import Path

import attrs

from govrules.diagnostics import Report
from govrules.report.html import render_html
from govrules.report.html_page import Picture, anchor, build_page
from govrules.workspace import CacheProvider, Overrides, lint_workspace


@attrs.frozen(slots=True)
class HtmlReport:
    """The document, and the lint report it shows (its exit code, its notes)."""

    html: str
    report: Report


def make_report(
    paths: Sequence[str | os.PathLike[str]],
    *,
    as_of: datetime.date | None = None,
    lang: str | None = None,
    cache: CacheProvider | None = None,
    overrides: Overrides | None = None,
    config_file: str | None = None,
    baseline: str | None = None,
    draw: bool = True,
    today: datetime.date | None = None,
    tool_version: str = "",
) -> HtmlReport:
    """The HTML report of the models ``paths`` belong to (options as :func:`lint_paths`).

    ``draw`` false leaves the structure drawings out (no Graphviz run).
    Raises what :func:`lint_paths` raises for what cannot be linted at all.
    """
    from govrules.report.structure import draw_pictures

    linted = lint_workspace(
        paths,
        as_of=as_of,
        lang=lang,
        cache=cache,
        overrides=overrides,
        config_file=config_file,
        baseline=baseline,
    )
    report, models, roots = linted.report, linted.models, linted.roots
    pictures: list[Picture] = []
    if draw:
        links = finding_links(report)
        for index, model in enumerate(models):
            drawn = draw_pictures(model, report.findings, report.lang, links=links)
            if len(models) > 1:
                where = str(roots[index] or Path.cwd())
                drawn = [
                    attrs.evolve(p, view=f"{p.view}-{index + 1}", title=f"{p.title} ({where})")
                    for p in drawn
                ]
            pictures.extend(drawn)
    page = build_page(
        report, list(models), pictures=pictures, as_of=as_of, today=today, tool_version=tool_version
    )
    return HtmlReport(render_html(page), report)


def finding_links(report: Report) -> dict[str, str]:
    """Each declaration with a finding to the anchor of its first finding in the report."""
    links: dict[str, str] = {}
    for index, finding in enumerate(report.active(), start=1):
        if finding.subject:
            identifier = finding.subject.partition(" ")[2].partition(".")[0]
            links.setdefault(identifier, "#" + anchor(index))
    return links
