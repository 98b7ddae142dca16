"""govrules: governance as code for public-sector collaborations.

Write down who owns, pays, decides and supervises in ``.gov`` files, and check
that against rulesets::

    import govrules

    model = govrules.load(["governance/"])
    report = govrules.lint(model)
    for finding in report.findings:
        print(finding.location, finding.code, finding.message)

The heavy parts (the parser, the rule engine) are imported on first use, so
``import govrules`` and ``govrules --help`` stay fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from govrules.diagnostics import Finding, Related, Report, RuleInfo, Severity
from govrules.errors import GovrulesError
from govrules.source import Span

if TYPE_CHECKING:
    from govrules.config import Config, ConfigError
    from govrules.fmt import format_text as format
    from govrules.linting import lint
    from govrules.loader import LoadError, load, loads
    from govrules.model.model import Model
    from govrules.workspace import lint_paths

__version__ = "0.1.0"

_LAZY = {
    "Config": ("govrules.config", "Config"),
    "ConfigError": ("govrules.config", "ConfigError"),
    "format": ("govrules.fmt", "format_text"),
    "lint": ("govrules.linting", "lint"),
    "LoadError": ("govrules.loader", "LoadError"),
    "load": ("govrules.loader", "load"),
    "loads": ("govrules.loader", "loads"),
    "Model": ("govrules.model.model", "Model"),
    "lint_paths": ("govrules.workspace", "lint_paths"),
}


def __getattr__(name: str) -> Any:
    entry = _LAZY.get(name)
    if entry is None:
        raise AttributeError(f"module 'govrules' has no attribute {name!r}")
    value = getattr(importlib.import_module(entry[0]), entry[1])
    globals()[name] = value
    return value


__all__ = [
    "Config",
    "ConfigError",
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
    "format",
    "lint",
    "lint_paths",
    "load",
    "loads",
]
