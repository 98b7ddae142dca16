"""Output formats: a report in, a string out; printing and writing are the CLI's job.

Each format lives in its own module and is imported only when asked for, so
``govrules lint`` pays at start-up only for the format it prints.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from govrules.diagnostics import Report

FORMATS: Final = ("text", "json", "sarif", "junit", "github")


def render(
    report: Report,
    fmt: str,
    *,
    sources: Mapping[str, str],
    color: bool,
    root: str | None,
    tool_version: str,
    quiet: bool = False,
) -> str:
    """``report`` rendered in format ``fmt``, one of :data:`FORMATS`.

    ``sources`` (file name to text), ``color`` and ``quiet`` matter to the text
    format only, ``root`` and ``tool_version`` to SARIF only; machine formats are
    always complete. Raises ``ValueError`` naming the choices for an unknown format.
    """
    if fmt == "text":
        from govrules.report.text import render_text

        return render_text(report, sources, color=color, quiet=quiet)
    if fmt == "json":
        from govrules.report.json_format import render_json

        return render_json(report)
    if fmt == "sarif":
        from govrules.report.sarif import render_sarif

        return render_sarif(report, root=root, tool_version=tool_version)
    if fmt == "junit":
        from govrules.report.junit import render_junit

        return render_junit(report)
    if fmt == "github":
        from govrules.report.github import render_github

        return render_github(report)
    raise ValueError(f"unknown output format {fmt!r} (choose from {', '.join(FORMATS)})")
