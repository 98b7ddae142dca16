"""govrules: governance as code for public-sector collaborations.

Write down who owns, pays, decides and supervises in ``.gov`` files, and check
that against rulesets::

    import govrules

    model = govrules.load(["governance/"])
    report = govrules.lint(model)
    for finding in report.findings:
        print(finding.location, finding.code, finding.message)
"""

from __future__ import annotations

from govrules.diagnostics import Finding, Related, Report, RuleInfo, Severity
from govrules.errors import GovrulesError
from govrules.loader import LoadError, load, loads
from govrules.model.model import Model
from govrules.source import Span

__version__ = "0.1.0"

__all__ = [
    "Finding",
    "GovrulesError",
    "LoadError",
    "Model",
    "Related",
    "Report",
    "RuleInfo",
    "Severity",
    "Span",
    "__version__",
    "load",
    "loads",
]
