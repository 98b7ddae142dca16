"""Machine-readable output in the shape INTERFACES.md fixes (``"version": 1``).

Named ``json_format`` so that it cannot shadow the standard library's ``json``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from govrules.diagnostics import Finding, Report, Severity
from govrules.report._common import dump_json, file_count

if TYPE_CHECKING:
    from govrules.report import RenderOptions

JSON_VERSION = 1


def render_json(report: Report, *, lang: str = "en") -> str:
    """The report as a JSON document, every finding included, suppressed ones marked.

    The summary counts errors, warnings and infos among unsuppressed findings
    only; ``suppressed`` counts the rest. Keys keep a fixed order.
    """
    document = {
        "version": JSON_VERSION,
        "summary": {
            "files": file_count(report),
            "errors": report.count(Severity.ERROR),
            "warnings": report.count(Severity.WARNING),
            "infos": report.count(Severity.INFO),
            "suppressed": report.suppressed_count,
        },
        "findings": [_finding(finding, lang) for finding in report.findings],
    }
    return dump_json(document)


def _finding(finding: Finding, lang: str) -> dict[str, Any]:
    loc = finding.location
    return {
        "code": finding.code,
        "severity": finding.severity.label,
        "message": finding.text.render(lang),
        "file": loc.file,
        "line": loc.line,
        "column": loc.column,
        "end_line": loc.end_line,
        "end_column": loc.end_column,
        "subject": finding.subject,
        "ruleset": finding.ruleset,
        "related": [
            {
                "file": related.location.file,
                "line": related.location.line,
                "column": related.location.column,
                "message": related.text.render(lang),
            }
            for related in finding.related
        ],
        "suppressed": finding.suppressed,
        "fix": None if finding.fix_text is None else finding.fix_text.render(lang),
    }


def render(report: Report, options: RenderOptions) -> str:
    """The format's entry in :data:`govrules.report.FORMATS`."""
    return render_json(report, lang=options.lang)
