"""Code actions for findings: apply a "did you mean", add a suppression with a reason to fill in.

A suggestion is taken from the finding's message (every "unknown word"
finding ends in ``did you mean 'x'?``, made by :mod:`govrules.suggest`) and
applied to the word the finding points at. A suppression is offered for
rule findings only (model diagnostics cannot be suppressed): a comment line
above the finding's line, at its indentation, whose reason is a placeholder
to replace.
"""

from __future__ import annotations

import re

from lsprotocol import types

from govrules.diagnostics import Finding, is_model_code
from govrules.lsp.diagnostics import to_diagnostic, uri_of
from govrules.lsp.state import Snapshot

_SUGGESTION = re.compile(r"did you mean '([^'\n]+)'\?")
_WORD = re.compile(r"[^\W\d][\w\-]*")

REASON_PLACEHOLDER = "<why this is accepted>"


def suggestion(finding: Finding) -> str | None:
    """The word a finding suggests instead of the one written, if it suggests one."""
    match = _SUGGESTION.search(finding.message)
    return match.group(1) if match else None


def _overlaps(a: types.Range, b: types.Range) -> bool:
    """True when the ranges share a line (a cursor anywhere on a finding's line gets its fixes)."""
    return a.start.line <= b.end.line and b.start.line <= a.end.line


def code_actions(
    snapshot: Snapshot, path: str, wanted: types.Range, encoding: str, docs: str | None
) -> list[types.CodeAction]:
    """The fixes for the findings in (or touching) ``wanted``."""
    lang = snapshot.linted.report.lang
    lines = snapshot.lines(path, encoding)
    uri = uri_of(path)
    actions: list[types.CodeAction] = []
    for finding in snapshot.findings.get(path, ()):
        where = lines.range(finding.location)
        if not _overlaps(where, wanted):
            continue
        diagnostic = to_diagnostic(finding, snapshot, encoding, lang, docs)
        word = suggestion(finding)
        loc = finding.location
        line_text = lines.lines[loc.line - 1] if loc.line - 1 < len(lines.lines) else ""
        if word is not None and loc.line == loc.end_line:
            # The finding may cover more than the word (an attribute's whole line): the first
            # word of its range is the one written wrong.
            found = _WORD.match(line_text, loc.column - 1)
            if found is not None and found.end() <= loc.end_column - 1:
                span = loc._replace(column=found.start() + 1, end_column=found.end() + 1)
                actions.append(
                    types.CodeAction(
                        title=f"Replace {found.group(0)!r} with {word!r}",
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=[diagnostic],
                        is_preferred=True,
                        edit=types.WorkspaceEdit(
                            changes={uri: [types.TextEdit(range=lines.range(span), new_text=word)]}
                        ),
                    )
                )
        if not is_model_code(finding.code):
            indent = line_text[: len(line_text) - len(line_text.lstrip())]
            comment = f"{indent}# govrules: ignore[{finding.code}] -- {REASON_PLACEHOLDER}\n"
            at = types.Position(line=loc.line - 1, character=0)
            actions.append(
                types.CodeAction(
                    title=f"Suppress {finding.code} here (then give the reason)",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic],
                    edit=types.WorkspaceEdit(
                        changes={
                            uri: [
                                types.TextEdit(
                                    range=types.Range(start=at, end=at), new_text=comment
                                )
                            ]
                        }
                    ),
                )
            )
    return actions
