"""Findings as LSP diagnostics: ranges in the client's units, related places, a link per code."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from lsprotocol import types
from pygls.uris import from_fs_path

from govrules.diagnostics import Finding, RuleInfo, Severity, is_model_code
from govrules.docgen import anchor
from govrules.lsp.state import Snapshot, absolute

SOURCE = "govrules"
"""The ``source`` of every diagnostic the server publishes."""

_SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}

_LOCAL_DOCS = Path(__file__).resolve().parents[3] / "docs" / "rules.md"


PUBLISHED_DOCS = "https://github.com/govrules/govrules/blob/main/docs/rules.md"
"""The published rule catalogue, for an installed govrules (no docs/ beside the package)."""


def default_docs_url() -> str | None:
    """The rule catalogue beside the package when it runs from a checkout, else the published one.

    An editor's ``docsUrl`` setting overrides either (a catalogue kept offline).
    """
    return from_fs_path(str(_LOCAL_DOCS)) if _LOCAL_DOCS.is_file() else PUBLISHED_DOCS


def explanation_url(code: str, rules: Mapping[str, RuleInfo], base: str | None) -> str | None:
    """Where a code is explained: its section of the rule catalogue at ``base``."""
    if base is None:
        return None
    if is_model_code(code):
        return f"{base}#model-diagnostics"
    info = rules.get(code)
    if info is None:
        return None
    return f"{base}#{anchor(f'{info.code} {info.slug}')}"


def uri_of(path: str) -> str:
    """The ``file:`` URI of a path."""
    return from_fs_path(absolute(path)) or path


def to_diagnostic(
    finding: Finding, snapshot: Snapshot, encoding: str, lang: str, docs: str | None
) -> types.Diagnostic:
    """One finding as a diagnostic, its ranges converted in the texts that were linted."""
    path = absolute(finding.location.file)
    rules = {r.code: r for r in snapshot.linted.report.rules}
    url = explanation_url(finding.code, rules, docs)
    related = [
        types.DiagnosticRelatedInformation(
            location=types.Location(
                uri=uri_of(r.location.file),
                range=snapshot.lines(absolute(r.location.file), encoding).range(r.location),
            ),
            message=r.text.render(lang),
        )
        for r in finding.related
    ]
    data: dict[str, str] = {}
    if finding.subject is not None:
        data["subject"] = finding.subject
    if finding.fix_text is not None:
        data["fix"] = finding.fix_text.render(lang)
    return types.Diagnostic(
        range=snapshot.lines(path, encoding).range(finding.location),
        message=finding.text.render(lang),
        severity=_SEVERITIES[finding.severity],
        code=finding.code,
        code_description=types.CodeDescription(href=url) if url else None,
        source=SOURCE,
        related_information=related or None,
        data=data or None,
    )
