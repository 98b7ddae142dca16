"""The GitHub workflow-command format: one annotation per finding, escaped as the runner reads."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from govrules.diagnostics import Report, Severity
from govrules.report.github import escape_data, escape_property, render_github

if TYPE_CHECKING:
    from conftest import FindingFactory


def test_sample_report_golden(sample_report: Report) -> None:
    """Each unsuppressed finding is one command; the suppressed one is left out."""
    assert render_github(sample_report) == (
        "::error file=governance/products.gov,line=3,col=9,endLine=3,endColumn=20,title=OWN001"
        "::product burgerzaken has no owner\n"
        "::warning file=governance/products.gov,line=5,col=1,endLine=5,endColumn=14,title=FIN002"
        "::service loket is not funded\n"
        "::error file=governance/travel.gov,line=1,col=9,endLine=1,endColumn=17,title=OWN001"
        "::product paspoort has no owner\n"
    )


def test_info_is_notice(make_finding: FindingFactory) -> None:
    """Infos become ::notice commands (GitHub has no 'info')."""
    out = render_github(Report((make_finding(severity=Severity.INFO),)))
    assert out.startswith("::notice file=")


def test_clean_run_prints_nothing() -> None:
    """No findings, no commands."""
    assert render_github(Report((), files=("a.gov",))) == ""


def test_message_escaping(make_finding: FindingFactory) -> None:
    """In the message %, CR and LF are encoded; colons and commas stay."""
    finding = make_finding(message="100% sure: a, b\r\nnext line")
    out = render_github(Report((finding,)))
    assert out.endswith("::100%25 sure: a, b%0D%0Anext line\n")
    assert out.count("\n") == 1


def test_property_escaping(make_finding: FindingFactory) -> None:
    """In properties, colons and commas are encoded too, so a file name cannot add a property."""
    finding = make_finding(file="C:/gov,line=99/50%.gov")
    out = render_github(Report((finding,)))
    assert out.startswith("::error file=C%3A/gov%2Cline=99/50%25.gov,line=3,col=9,")


@pytest.mark.parametrize(
    ("text", "data", "prop"),
    [
        ("%", "%25", "%25"),
        ("%0A", "%250A", "%250A"),
        ("\n", "%0A", "%0A"),
        ("\r", "%0D", "%0D"),
        (":", ":", "%3A"),
        (",", ",", "%2C"),
        ("a::b", "a::b", "a%3A%3Ab"),
        ("\x1b[31m", "\ufffd[31m", "\ufffd[31m"),
    ],
)
def test_escape_functions(text: str, data: str, prop: str) -> None:
    """Data and property escaping follow GitHub's rules, % first so nothing is escaped twice."""
    assert (escape_data(text), escape_property(text)) == (data, prop)


def test_multiline_span_has_lines_without_columns(make_finding: FindingFactory) -> None:
    """A span over several lines gives line and endLine only: the runner drops columns there."""
    finding = make_finding(line=3, column=1, end_line=9, end_column=2)
    assert render_github(Report((finding,))).startswith(
        "::error file=governance/products.gov,line=3,endLine=9,title=OWN001::"
    )


def test_backwards_end_column_left_out(make_finding: FindingFactory) -> None:
    """An end column before the start column is not sent (the runner would reject it)."""
    finding = make_finding(line=3, column=9, end_column=2)
    assert render_github(Report((finding,))).startswith(
        "::error file=governance/products.gov,line=3,col=9,endLine=3,title=OWN001::"
    )
