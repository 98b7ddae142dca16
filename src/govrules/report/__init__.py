"""Output formats: a report in, a string out; printing and writing are the CLI's job.

The formats are one table, :data:`FORMATS`, that the command line's
``--format`` choice reads. Each format lives in its own module and is imported
only when asked for, so ``govrules lint`` pays at start-up only for the format
it prints. Adding a format is a module with a function ``(Report,
RenderOptions) -> str`` and one row here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Final

import attrs

if TYPE_CHECKING:
    from govrules.diagnostics import Finding, Related, Report


@attrs.frozen(slots=True)
class RenderOptions:
    """How a report is rendered; each format reads what concerns it and ignores the rest."""

    color: bool = False
    """Colour the text format (only on a terminal)."""
    quiet: bool = False
    """The text format without excerpts or the summary line."""
    root: str | None = None
    """The directory file names are relative to (SARIF's ``originalUriBaseIds``)."""
    tool_version: str = ""
    """The govrules version a SARIF log names."""
    lang: str = "en"
    """The language messages are rendered in (``en`` or ``nl``); codes never change."""

    def message(self, finding: Finding | Related) -> str:
        """A finding's (or a related location's) message in :attr:`lang`."""
        return finding.text.render(self.lang)

    def fix(self, finding: Finding) -> str | None:
        """A finding's fix in :attr:`lang`, if it has one."""
        return None if finding.fix_text is None else finding.fix_text.render(self.lang)


@attrs.frozen(slots=True)
class OutputFormat:
    """One row of the table: a format's name, what it is for, and where its renderer lives."""

    name: str
    description: str
    module: str
    """The module whose ``render(report, options)`` renders it."""

    def renderer(self) -> Callable[[Report, RenderOptions], str]:
        """The format's ``(report, options) -> str``, imported now."""
        found: Callable[[Report, RenderOptions], str] = importlib.import_module(self.module).render
        return found


_TABLE: Final = (
    OutputFormat("text", "each finding with its source line", "govrules.report.text"),
    OutputFormat("json", "every finding as JSON (version 1)", "govrules.report.json_format"),
    OutputFormat("sarif", "SARIF 2.1.0, for code scanning", "govrules.report.sarif"),
    OutputFormat("junit", "JUnit XML, for CI test reports", "govrules.report.junit"),
    OutputFormat("github", "GitHub Actions annotations", "govrules.report.github"),
)

OUTPUT_FORMATS: Final[Mapping[str, OutputFormat]] = {f.name: f for f in _TABLE}
"""Every output format by name, in the order INTERFACES.md gives them."""

FORMATS: Final = tuple(OUTPUT_FORMATS)
"""The names of the output formats."""


def render(report: Report, fmt: str, options: RenderOptions | None = None) -> str:
    """``report`` rendered in format ``fmt``, one of :data:`FORMATS`.

    Raises ``ValueError`` naming the choices for an unknown format.
    """
    found = OUTPUT_FORMATS.get(fmt)
    if found is None:
        raise ValueError(f"unknown output format {fmt!r} (choose from {', '.join(FORMATS)})")
    return found.renderer()(report, options or RenderOptions())
