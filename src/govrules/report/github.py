"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

``::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=CODE::message``, with
``::warning`` for warnings and ``::notice`` for infos. Suppressed findings are left out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from govrules.diagnostics import Finding, Report, Severity
from govrules.report._common import scrub

if TYPE_CHECKING:
    from govrules.report import RenderOptions

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render_github(report: Report, *, lang: str = "en") -> str:
    """One workflow command line per unsuppressed finding (empty text when there is none)."""
    return "".join(_command(finding, lang) + "\n" for finding in report.active())


def _command(finding: Finding, lang: str) -> str:
    loc = finding.location
    properties = [("file", loc.file), ("line", str(loc.line))]
    # The runner drops the columns of a range over several lines and rejects a range
    # that runs backwards: such spans give only what the runner keeps.
    if loc.end_line == loc.line:
        properties += [("col", str(loc.column)), ("endLine", str(loc.end_line))]
        if loc.end_column >= loc.column:
            properties.append(("endColumn", str(loc.end_column)))
    elif loc.end_line > loc.line:
        properties.append(("endLine", str(loc.end_line)))
    else:
        properties.append(("col", str(loc.column)))
    properties.append(("title", finding.code))
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{_COMMANDS[finding.severity]} {rendered}::{escape_data(finding.text.render(lang))}"


def escape_data(text: str) -> str:
    """A command's message as the runner unescapes it: ``%``, CR and LF encoded."""
    return scrub(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value: as :func:`escape_data`, and ``:`` and ``,`` too (they delimit)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, options: RenderOptions) -> str:
    """The format's entry in :data:`govrules.report.FORMATS`."""
    return render_github(report, lang=options.lang)
