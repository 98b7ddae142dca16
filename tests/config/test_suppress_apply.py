"""Applying suppressions to findings: placement, expiry, unused, unsuppressible, unknown codes."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection, Sequence

from govrules.diagnostics import Finding, Severity
from govrules.source import Comment, Span
from govrules.suppress import Suppression, apply_suppressions, parse_suppressions

FILE = "model.gov"
TODAY = datetime.date(2026, 6, 1)


def span(line: int, file: str = FILE) -> Span:
    return Span(file, line, 1, line, 10)


def finding(code: str, line: int, subject: str = "product burgerzaken", header: int = 0) -> Finding:
    """A rule finding on ``line``; ``header`` is its declaration's header line (0: the same)."""
    return Finding(
        code=code,
        severity=Severity.ERROR,
        message=f"{code} fault",
        location=span(line),
        subject=f"{subject}@{header or line}",
    )


def anchors(f: Finding) -> Collection[tuple[str, int]]:
    """The finding's own line and its declaration's header line (kept in the subject here)."""
    header = int((f.subject or "@0").rsplit("@", 1)[1])
    return {(f.location.file, f.location.line), (f.location.file, header)}


def suppressions(*lines: tuple[int, str]) -> list[Suppression]:
    parsed, problems = parse_suppressions(Comment(span(line), text) for line, text in lines)
    assert problems == []
    return parsed


def apply(
    findings: Sequence[Finding],
    sups: Sequence[Suppression],
    *,
    today: datetime.date = TODAY,
    unsuppressible: Collection[str] = (),
    known_codes: Collection[str] | None = None,
    is_enabled: Callable[[str], bool] | None = None,
) -> list[Finding]:
    return apply_suppressions(
        findings,
        sups,
        anchor_lines=anchors,
        today=today,
        unsuppressible=unsuppressible,
        known_codes=known_codes,
        is_enabled=is_enabled,
    )


def summary(findings: Sequence[Finding]) -> list[tuple[str, int, str | None]]:
    return [(f.code, f.location.line, f.suppressed) for f in findings]


def test_suppression_on_the_line_above() -> None:
    """A suppression on the line above the declaration suppresses its finding."""
    result = apply([finding("OWN001", 5)], suppressions((4, "# govrules: ignore[OWN001] -- GR")))
    assert summary(result) == [("OWN001", 5, "GR")]


def test_suppression_on_the_same_line() -> None:
    """A trailing suppression on the declaration's own line suppresses its finding."""
    result = apply([finding("OWN001", 5)], suppressions((5, "# govrules: ignore[OWN001] -- GR")))
    assert summary(result) == [("OWN001", 5, "GR")]


def test_suppression_above_the_header_covers_an_attribute_finding() -> None:
    """A finding on an attribute line is suppressed above its declaration's header."""
    result = apply(
        [finding("COL006", 9, header=5)], suppressions((4, "# govrules: ignore[COL006] -- ok"))
    )
    assert summary(result) == [("COL006", 9, "ok")]


def test_two_lines_above_does_not_apply() -> None:
    """A suppression two lines above suppresses nothing and is reported unused."""
    result = apply([finding("OWN001", 5)], suppressions((3, "# govrules: ignore[OWN001] -- GR")))
    assert summary(result) == [("GR502", 3, None), ("OWN001", 5, None)]
    assert result[0].message == "unused suppression of OWN001"
    assert result[0].severity is Severity.WARNING
    assert result[0].fix == "remove the suppression"


def test_line_below_does_not_apply() -> None:
    """A suppression below the declaration does not reach up to it."""
    result = apply([finding("OWN001", 5)], suppressions((6, "# govrules: ignore[OWN001] -- GR")))
    assert summary(result) == [("OWN001", 5, None), ("GR502", 6, None)]


def test_other_file_does_not_apply() -> None:
    """A suppression in another file at the same line number does not apply."""
    parsed, _ = parse_suppressions(
        [Comment(span(4, "other.gov"), "# govrules: ignore[OWN001] -- x")]
    )
    result = apply([finding("OWN001", 5)], parsed)
    assert [(f.location.file, f.code, f.suppressed) for f in result] == [
        ("model.gov", "OWN001", None),
        ("other.gov", "GR502", None),
    ]


def test_other_code_does_not_apply() -> None:
    """A suppression of one code leaves a finding of another code active."""
    result = apply([finding("OWN002", 5)], suppressions((4, "# govrules: ignore[OWN001] -- x")))
    assert summary(result) == [("GR502", 4, None), ("OWN002", 5, None)]


def test_partly_used_suppression_reports_the_unused_code() -> None:
    """In a suppression of two codes, the one that matched nothing is reported."""
    result = apply(
        [finding("OWN001", 5)], suppressions((4, "# govrules: ignore[OWN001,OWN003] -- x"))
    )
    assert summary(result) == [("GR502", 4, None), ("OWN001", 5, "x")]
    assert result[0].message == "unused suppression of OWN003"
    assert result[0].fix == "remove OWN003 from the suppression"


def test_one_suppression_covers_several_findings() -> None:
    """Every finding of the code anchored at the line is suppressed."""
    found = [finding("OWN001", 5, subject="a"), finding("OWN001", 5, subject="b")]
    result = apply(found, suppressions((4, "# govrules: ignore[OWN001] -- x")))
    assert summary(result) == [("OWN001", 5, "x"), ("OWN001", 5, "x")]


def test_suppression_holds_until_its_last_day() -> None:
    """On the ``until`` date itself the suppression still applies."""
    sups = suppressions((4, "# govrules: ignore[OWN001] until 2026-06-01 -- moving"))
    assert summary(apply([finding("OWN001", 5)], sups)) == [("OWN001", 5, "moving")]


def test_expired_suppression_leaves_finding_active_and_says_so() -> None:
    """After ``until`` the finding is active and its message says the acceptance expired."""
    sups = suppressions((4, "# govrules: ignore[OWN001] until 2026-05-31 -- ownership moves"))
    result = apply([finding("OWN001", 5)], sups)
    assert summary(result) == [("OWN001", 5, None)]
    assert result[0].message == (
        "OWN001 fault (accepted until 2026-05-31 -- ownership moves; that acceptance has expired)"
    )


def test_expired_suppression_is_not_also_unused() -> None:
    """An expired suppression that matched a finding gives no GR502."""
    sups = suppressions((4, "# govrules: ignore[OWN001] until 2020-01-01 -- old"))
    assert [f.code for f in apply([finding("OWN001", 5)], sups)] == ["OWN001"]


def test_live_suppression_wins_over_an_expired_one() -> None:
    """With an expired and a live suppression both in place, the live one suppresses."""
    sups = suppressions(
        (4, "# govrules: ignore[OWN001] until 2020-01-01 -- old"),
        (5, "# govrules: ignore[OWN001] -- renewed"),
    )
    assert summary(apply([finding("OWN001", 5)], sups)) == [("OWN001", 5, "renewed")]


def test_unsuppressible_code_stays_active_with_gr505() -> None:
    """A code the configuration marks unsuppressible is not suppressed, and says why."""
    result = apply(
        [finding("OWN001", 5)],
        suppressions((4, "# govrules: ignore[OWN001] -- x")),
        unsuppressible=["OWN001"],
    )
    assert summary(result) == [("GR505", 4, None), ("OWN001", 5, None)]
    assert result[0].message == (
        "OWN001 may not be suppressed: this project's configuration marks it unsuppressible"
    )
    assert result[0].severity is Severity.WARNING


def test_unsuppressible_by_prefix() -> None:
    """An unsuppressible prefix covers every code that starts with it."""
    result = apply(
        [finding("SUP003", 5)],
        suppressions((4, "# govrules: ignore[SUP003] -- x")),
        unsuppressible=["SUP"],
    )
    assert summary(result) == [("GR505", 4, None), ("SUP003", 5, None)]


def test_model_diagnostics_are_never_suppressed() -> None:
    """A GR finding stays active, and the suppression naming it gets a GR505."""
    diagnostic = Finding("GR302", Severity.ERROR, "undefined", span(5), subject="x@5")
    result = apply([diagnostic], suppressions((4, "# govrules: ignore[GR302] -- x")))
    assert summary(result) == [("GR505", 4, None), ("GR302", 5, None)]
    assert result[0].message == (
        "GR302 is a model diagnostic and cannot be suppressed: fix the model instead"
    )


def test_unknown_code_is_gr503_with_suggestion() -> None:
    """A code that no rule has is a GR503 warning with a suggestion, not a GR502."""
    result = apply(
        [finding("OWN001", 5)],
        suppressions((4, "# govrules: ignore[OWN001,OWN010] -- x")),
        known_codes={"OWN001", "OWN002", "OWN003", "SUP001"},
    )
    assert summary(result) == [("GR503", 4, None), ("OWN001", 5, "x")]
    assert result[0].message == "unknown code 'OWN010' in suppression; did you mean 'OWN001'?"
    assert result[0].severity is Severity.WARNING


def test_codes_not_checked_this_run_are_not_unused() -> None:
    """A suppression of a code left out of this run (--select) is not reported unused."""
    sups = suppressions((4, "# govrules: ignore[SUP001] -- x"))
    result = apply([], sups, is_enabled=lambda code: code.startswith("OWN"))
    assert result == []


def test_suppression_without_reason_suppresses_nothing() -> None:
    """A Suppression built without a reason neither suppresses nor is reported again."""
    bare = Suppression(("OWN001",), None, None, span(4), 4)
    assert summary(apply([finding("OWN001", 5)], [bare])) == [("OWN001", 5, None)]


def test_already_suppressed_findings_are_left_alone() -> None:
    """A finding marked suppressed before is passed through unchanged."""
    accepted = Finding("OWN001", Severity.ERROR, "m", span(5), "a@5", suppressed="baseline")
    result = apply([accepted], suppressions((4, "# govrules: ignore[OWN001] -- x")))
    assert result[1] == accepted
    assert result[0].code == "GR502"


def test_result_is_sorted_and_keeps_every_finding() -> None:
    """All findings come back, with the new ones, in reading order."""
    found = [finding("SUP001", 20), finding("OWN001", 5), finding("OWN002", 12)]
    result = apply(
        found,
        suppressions(
            (4, "# govrules: ignore[OWN001] -- a"),
            (11, "# govrules: ignore[POL003] -- b"),
        ),
    )
    assert summary(result) == [
        ("OWN001", 5, "a"),
        ("GR502", 11, None),
        ("OWN002", 12, None),
        ("SUP001", 20, None),
    ]
