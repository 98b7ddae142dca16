"""Where a suppression applies: at the end of a line, that line; on its own line, the next."""

from __future__ import annotations

import govrules

MODEL = """\
organization o
organization w
financing f {
  from o
  to w
  for a, b, c
  amount EUR 1
}
dialogue d {
  between o, w
  frequency monthly
  open_agenda yes
}
product a "A"  # govrules: ignore[OWN001] -- a is being transferred
product b "B"
# govrules: ignore[OWN001] -- c moves next year
product c
"""


def test_trailing_suppression_covers_its_own_line_only() -> None:
    """An end-of-line suppression does not also accept the declaration below it."""
    report = govrules.lint(govrules.loads(MODEL, "m.gov"))
    assert [(f.code, f.location.line, f.suppressed) for f in report.findings] == [
        ("OWN001", 14, "a is being transferred"),
        ("OWN001", 15, None),
        ("OWN001", 17, "c moves next year"),
    ]
