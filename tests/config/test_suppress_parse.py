"""Parsing ``# govrules: ignore[...]`` comments into suppressions and GR50x findings."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govrules.diagnostics import Finding, Severity
from govrules.source import Comment, Span
from govrules.suppress import Suppression, parse_suppressions

FILE = "model.gov"


def comment(text: str, line: int = 4, column: int = 1) -> Comment:
    return Comment(Span(FILE, line, column, line, column + len(text)), text)


def parse_one(text: str) -> Suppression:
    suppressions, findings = parse_suppressions([comment(text)])
    assert findings == []
    assert len(suppressions) == 1
    return suppressions[0]


def finding_of(text: str) -> Finding:
    suppressions, findings = parse_suppressions([comment(text)])
    assert suppressions == []
    assert len(findings) == 1
    return findings[0]


@pytest.mark.parametrize(
    ("text", "codes", "until", "reason"),
    [
        (
            "# govrules: ignore[OWN001] until 2027-01-01 -- ownership moves to the new GR",
            ("OWN001",),
            datetime.date(2027, 1, 1),
            "ownership moves to the new GR",
        ),
        ("# govrules: ignore[OWN001] -- accepted for now", ("OWN001",), None, "accepted for now"),
        (
            "# govrules: ignore[OWN001,SUP002] -- two codes",
            ("OWN001", "SUP002"),
            None,
            "two codes",
        ),
        (
            "#govrules:ignore[ OWN001 , SUP002 ]   until   2027-01-01   --   spaced out  ",
            ("OWN001", "SUP002"),
            datetime.date(2027, 1, 1),
            "spaced out",
        ),
        ("#   govrules  :  ignore[OWN001]--tight", ("OWN001",), None, "tight"),
        ("# GovRules: ignore[OWN001] -- marker case", ("OWN001",), None, "marker case"),
        ("# govrules: ignore[OWN001,OWN001] -- twice", ("OWN001",), None, "twice"),
        ("# govrules: ignore[OWN001] --- dashes", ("OWN001",), None, "dashes"),
        (
            "# govrules: ignore[OWN001] -- see [the minutes] -- of 2024",
            ("OWN001",),
            None,
            "see [the minutes] -- of 2024",
        ),
        (
            "# govrules: ignore[OWN001] -- until 2027 the old GR stays",
            ("OWN001",),
            None,
            "until 2027 the old GR stays",
        ),
    ],
)
def test_parses_valid_suppressions(
    text: str, codes: tuple[str, ...], until: datetime.date | None, reason: str
) -> None:
    """Codes, optional date and reason are read, tolerating extra spaces."""
    suppression = parse_one(text)
    assert (suppression.codes, suppression.until, suppression.reason) == (codes, until, reason)


def test_suppression_keeps_span_and_line() -> None:
    """A suppression is located at its comment."""
    note = comment("# govrules: ignore[OWN001] -- ok", line=7, column=30)
    suppressions, _ = parse_suppressions([note])
    assert suppressions[0].span == note.span
    assert suppressions[0].line == 7


@pytest.mark.parametrize(
    "text",
    [
        "# a plain comment",
        "# govrules is how we check the register",
        "# govrulesets are elsewhere",
        "#",
        "",
        "# see govrules: ignore[OWN001] -- not at the start",
    ],
)
def test_other_comments_are_not_suppressions(text: str) -> None:
    """Comments that do not start with the marker are skipped silently."""
    assert parse_suppressions([comment(text)]) == ([], [])


def test_missing_reason_is_gr501() -> None:
    """A suppression without a reason suppresses nothing and is a GR501 error."""
    finding = finding_of("# govrules: ignore[OWN001]")
    assert (finding.code, finding.severity) == ("GR501", Severity.ERROR)
    assert finding.message == "suppression of OWN001 has no reason: add '-- <why this is accepted>'"
    assert finding.fix == "write '# govrules: ignore[OWN001] -- <why this is accepted>'"
    assert finding.location == comment("# govrules: ignore[OWN001]").span


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "# govrules: ignore[OWN001,SUP002] --   ",
            "suppression of OWN001, SUP002 has no reason: add '-- <why this is accepted>'",
        ),
        (
            "# govrules: ignore[OWN001] until 2027-01-01",
            "suppression of OWN001 has no reason: add '-- <why this is accepted>'",
        ),
    ],
)
def test_empty_reason_is_gr501(text: str, message: str) -> None:
    """An empty reason, or none after the date, counts as no reason."""
    finding = finding_of(text)
    assert (finding.code, finding.message) == ("GR501", message)


MALFORMED = [
    ("# govrules: ignor[OWN001] -- x", "unknown directive 'ignor'; did you mean 'ignore'?"),
    ("# govrules: Ignore[OWN001] -- x", "unknown directive 'Ignore'; did you mean 'ignore'?"),
    ("# govrules: noqa", "unknown directive 'noqa'"),
    ("# govrules:", "expected 'ignore[CODE,...]' after 'govrules:'"),
    ("# govrules ignore[OWN001] -- x", "missing ':' after 'govrules'"),
    ("# govrules: ignore OWN001 -- x", "expected '[' after 'ignore': write ignore[OWN001]"),
    (
        "# govrules: ignore(OWN001, SUP002) -- x",
        "expected '[' after 'ignore': write ignore[OWN001,SUP002]",
    ),
    ("# govrules: ignore -- x", "expected '[' after 'ignore': as in ignore[OWN001]"),
    ("# govrules: ignore[OWN001 -- x", "missing ']' after the codes"),
    (
        "# govrules: ignore[] -- x",
        "empty code list: name the codes to accept, as in ignore[OWN001]",
    ),
    (
        "# govrules: ignore[ , ] -- x",
        "empty code list: name the codes to accept, as in ignore[OWN001]",
    ),
    ("# govrules: ignore[OWN001,] -- x", "empty code between commas"),
    (
        "# govrules: ignore[OWN001 SUP002] -- x",
        "separate codes with commas: ignore[OWN001,SUP002]",
    ),
    (
        "# govrules: ignore[OWN!] -- x",
        "invalid code 'OWN!': a code is letters and digits, as OWN001",
    ),
    (
        "# govrules: ignore[OWN001] until 2027-02-30 -- x",
        "invalid date '2027-02-30' after 'until': day is out of range for month",
    ),
    (
        "# govrules: ignore[OWN001] until 2027-13-01 -- x",
        "invalid date '2027-13-01' after 'until': month must be in 1..12",
    ),
    (
        "# govrules: ignore[OWN001] until 1-1-2027 -- x",
        "invalid date '1-1-2027' after 'until': write YYYY-MM-DD",
    ),
    (
        "# govrules: ignore[OWN001] until -- x",
        "'until' needs a date, as in until 2027-01-01",
    ),
    ("# govrules: ignore[OWN001] until", "'until' needs a date, as in until 2027-01-01"),
    (
        "# govrules: ignore[OWN001] untill 2027-01-01 -- x",
        "unexpected text 'untill 2027-01-01 -- x' after ']'; did you mean 'until'? "
        "(expected 'until YYYY-MM-DD' or '-- reason')",
    ),
    (
        "# govrules: ignore[OWN001] because the GR is new",
        "unexpected text 'because the GR is new' after ']' "
        "(expected 'until YYYY-MM-DD' or '-- reason')",
    ),
    (
        "# govrules: ignore[OWN001] until 2027-01-01 because",
        "unexpected text 'because' after the date (expected 'until YYYY-MM-DD' or '-- reason')",
    ),
    ("# govrules: ignore[OWN001] - x", "write '--' (two hyphens) before the reason"),
    ("# govrules: ignore[OWN001] \u2014 x", "write '--' (two hyphens) before the reason"),
    (
        "# govrules: ignore[OWN001] -- moves to the GR until 2027-01-01",
        "'until' must come before '--': ignore[...] until DATE -- reason",
    ),
]


@pytest.mark.parametrize(("text", "detail"), MALFORMED)
def test_malformed_suppressions_are_gr504(text: str, detail: str) -> None:
    """Each malformed suppression is one GR504 error at the comment, saying what is wrong."""
    finding = finding_of(text)
    assert (finding.code, finding.severity) == ("GR504", Severity.ERROR)
    assert finding.message == f"malformed suppression: {detail}"
    assert finding.location == comment(text).span
    assert finding.fix == (
        "write it as '# govrules: ignore[CODE,...] until YYYY-MM-DD -- reason' (until is optional)"
    )


def test_collects_every_problem_in_order() -> None:
    """Several comments give every suppression and every problem at once."""
    comments = [
        comment("# govrules: ignore[OWN001] -- fine", line=1),
        comment("# govrules: ignor[OWN002] -- x", line=3),
        comment("# an ordinary remark", line=5),
        comment("# govrules: ignore[SUP001]", line=8),
        comment("# govrules: ignore[SUP002] -- fine too", line=9),
    ]
    suppressions, findings = parse_suppressions(comments)
    assert [s.line for s in suppressions] == [1, 9]
    assert [(f.code, f.location.line) for f in findings] == [("GR504", 3), ("GR501", 8)]


@given(st.text())
def test_never_raises_on_any_comment(text: str) -> None:
    """Arbitrary comment text never makes parsing raise."""
    parse_suppressions([comment("#" + text)])


@given(
    st.text(
        alphabet=st.sampled_from(list("ignore[]OWN001,SUP -–—until2027-02-30:#\t\u00e9")),
        max_size=60,
    )
)
def test_never_raises_after_the_marker(text: str) -> None:
    """Text after ``# govrules:`` built from the directive's own pieces never makes it raise."""
    suppressions, findings = parse_suppressions([comment("# govrules: " + text)])
    assert len(suppressions) + len(findings) == 1
    for suppression in suppressions:
        assert suppression.codes
        assert suppression.reason
