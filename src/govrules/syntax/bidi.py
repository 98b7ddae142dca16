"""Bidirectional control characters in texts and comments: the Trojan Source warning.

U+202A-U+202E and U+2066-U+2069 reorder how a line is shown without changing
what it says, so a label, a text or a comment can show a reader something
other than what govrules reads (CVE-2021-42574). Outside texts and comments
the parser already refuses them (GR103); inside, they are allowed, and
warned about here (GR104), one finding per character.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from govrules.diagnostics import Finding, Severity
from govrules.messages import msg
from govrules.source import Span
from govrules.suggest import describe

BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def bidi_findings(text: str, file: str, taken: Collection[tuple[int, int]] = ()) -> list[Finding]:
    """A GR104 warning at each bidirectional control in ``text`` (as the parser saw it).

    ``taken`` holds the (line, column) of characters already reported (GR103).
    """
    findings = []
    for m in BIDI_CONTROLS.finditer(text):
        start = m.start()
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        if (line, column) in taken:
            continue
        findings.append(
            Finding(
                "GR104",
                Severity.WARNING,
                msg("GR104.bidi", char=describe(m.group())),
                Span(file, line, column, line, column + 1),
            )
        )
    return findings
