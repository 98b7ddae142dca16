"""A message names the conditions that fail, not every condition the rule has (RULES.md)."""

from __future__ import annotations

import govrules

MANDATES = """organization gemeente { kind municipality }
body college { kind executive }
body bestuur { kind board }
mandate inkoop {
  from gemeente
  to college
  basis "Mandaatbesluit"
  %s
}
mandate onder {
  from %s
  to bestuur
  via inkoop
  basis "Ondermandaatbesluit"
}
"""


def _man002(allowed: bool, grantor: str) -> list[str]:
    text = MANDATES % ("submandate yes" if allowed else "", grantor)
    report = govrules.lint(govrules.loads(text, "m.gov"), govrules.Config(select=["MAN002"]))
    return [f.message for f in report.active()]


def test_man002_names_only_the_missing_permission() -> None:
    """Granted by the holder but not allowed: only the permission is named."""
    assert _man002(allowed=False, grantor="college") == [
        "sub-mandate onder of inkoop (held by college, granted by college) is not permitted: "
        "the mandate it comes via does not allow sub-mandates (submandate yes)"
    ]


def test_man002_names_only_the_wrong_grantor() -> None:
    """Allowed but granted by another than the holder: only the grantor is named."""
    assert _man002(allowed=True, grantor="gemeente") == [
        "sub-mandate onder of inkoop (held by college, granted by gemeente) is not permitted: "
        "it is not granted by the holder of the mandate it comes via"
    ]


def test_man002_names_both_when_both_fail() -> None:
    """Both conditions fail: both are named, once each."""
    (message,) = _man002(allowed=False, grantor="gemeente")
    assert message.endswith(
        "not permitted: it is not granted by the holder of the mandate it comes via, "
        "the mandate it comes via does not allow sub-mandates (submandate yes)"
    )


def test_man002_holds_when_both_hold() -> None:
    """Allowed and granted by the holder: no finding."""
    assert _man002(allowed=True, grantor="college") == []
