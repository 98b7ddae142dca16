"""The text format: finding lines, excerpts with carets, help, notes and the summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from govrules.diagnostics import Report, Severity
from govrules.report.text import render_text

if TYPE_CHECKING:
    from conftest import FindingFactory

SAMPLE_TEXT = """\
governance/products.gov:3:9: OWN001 error product burgerzaken has no owner
  3 | product burgerzaken {
    |         ^^^^^^^^^^^
  = help: add an owner
  note: governance/financing.gov:7:5: financed here

governance/products.gov:5:1: FIN002 warning service loket is not funded
  5 | service loket {}
    | ^^^^^^^^^^^^^

governance/travel.gov:1:9: OWN001 error product paspoort has no owner

2 errors, 1 warning in 3 files (1 suppressed)
"""


def test_sample_report_golden(sample_report: Report, sample_sources: dict[str, str]) -> None:
    """The sample report renders exactly: lines, excerpts, help, note, no suppressed, summary."""
    assert render_text(sample_report, sample_sources, color=False) == SAMPLE_TEXT


def test_sample_report_golden_in_colour(
    sample_report: Report, sample_sources: dict[str, str]
) -> None:
    """With colour: bold codes, red errors, yellow warnings, carets in the severity's colour."""
    red, yellow, bold, reset = "\x1b[31m", "\x1b[33m", "\x1b[1m", "\x1b[0m"
    expected = (
        f"governance/products.gov:3:9: {bold}OWN001{reset} {red}error{reset}"
        " product burgerzaken has no owner\n"
        "  3 | product burgerzaken {\n"
        f"    |         {red}^^^^^^^^^^^{reset}\n"
        "  = help: add an owner\n"
        "  note: governance/financing.gov:7:5: financed here\n"
        "\n"
        f"governance/products.gov:5:1: {bold}FIN002{reset} {yellow}warning{reset}"
        " service loket is not funded\n"
        "  5 | service loket {}\n"
        f"    | {yellow}^^^^^^^^^^^^^{reset}\n"
        "\n"
        f"governance/travel.gov:1:9: {bold}OWN001{reset} {red}error{reset}"
        " product paspoort has no owner\n"
        "\n"
        "2 errors, 1 warning in 3 files (1 suppressed)\n"
    )
    assert render_text(sample_report, sample_sources, color=True) == expected


def test_info_is_blue_in_colour(make_finding: FindingFactory) -> None:
    """An info's severity label is blue."""
    report = Report((make_finding(severity=Severity.INFO),), files=("governance/products.gov",))
    first = render_text(report, {}, color=True).splitlines()[0]
    assert "\x1b[34minfo\x1b[0m" in first


def test_no_escape_codes_without_colour(
    sample_report: Report, sample_sources: dict[str, str]
) -> None:
    """Without colour the output holds no escape character at all."""
    assert "\x1b" not in render_text(sample_report, sample_sources, color=False)


def test_quiet_lists_only_finding_lines(sample_report: Report) -> None:
    """Quiet mode prints the finding lines and nothing else: no excerpt, help or summary."""
    assert render_text(sample_report, {}, color=False, quiet=True) == (
        "governance/products.gov:3:9: OWN001 error product burgerzaken has no owner\n"
        "governance/products.gov:5:1: FIN002 warning service loket is not funded\n"
        "governance/travel.gov:1:9: OWN001 error product paspoort has no owner\n"
    )


def test_quiet_clean_run_prints_nothing() -> None:
    """Quiet mode with no findings prints the empty string."""
    assert render_text(Report((), files=("a.gov",)), {}, color=False, quiet=True) == ""


def test_max_findings_truncates_with_count(sample_report: Report) -> None:
    """After max_findings findings a line says how many more; the summary still counts all."""
    assert render_text(sample_report, {}, color=False, max_findings=1) == (
        "governance/products.gov:3:9: OWN001 error product burgerzaken has no owner\n"
        "  = help: add an owner\n"
        "  note: governance/financing.gov:7:5: financed here\n"
        "\n"
        "... and 2 more findings\n"
        "\n"
        "2 errors, 1 warning in 3 files (1 suppressed)\n"
    )


def test_max_findings_singular(sample_report: Report) -> None:
    """One hidden finding is '1 more finding'."""
    out = render_text(sample_report, {}, color=False, quiet=True, max_findings=2)
    assert out.splitlines()[-1] == "... and 1 more finding"


def test_max_findings_not_reached_adds_nothing(sample_report: Report) -> None:
    """A limit above the number of findings changes nothing."""
    quiet = render_text(sample_report, {}, color=False, quiet=True)
    assert render_text(sample_report, {}, color=False, quiet=True, max_findings=10) == quiet


@pytest.mark.parametrize(
    ("severities", "suppressed", "files", "summary"),
    [
        ((), 0, 1, "No problems found in 1 file."),
        ((), 0, 4, "No problems found in 4 files."),
        ((), 2, 4, "No problems found in 4 files (2 suppressed)."),
        ((Severity.ERROR,), 0, 1, "1 error in 1 file"),
        ((Severity.WARNING, Severity.WARNING), 0, 2, "2 warnings in 2 files"),
        ((Severity.INFO,), 1, 2, "1 info in 2 files (1 suppressed)"),
        ((Severity.INFO, Severity.INFO), 0, 2, "2 infos in 2 files"),
        (
            (Severity.ERROR,) * 3 + (Severity.WARNING,) * 2 + (Severity.INFO,),
            2,
            4,
            "3 errors, 2 warnings, 1 info in 4 files (2 suppressed)",
        ),
    ],
)
def test_summary_pluralisation(
    make_finding: FindingFactory,
    severities: tuple[Severity, ...],
    suppressed: int,
    files: int,
    summary: str,
) -> None:
    """The summary names non-zero counts, worst first, singular or plural as the count needs."""
    active = [make_finding(severity=s) for s in severities]
    hidden = [make_finding(suppressed="accepted") for _ in range(suppressed)]
    names = (*(f"governance/f{i}.gov" for i in range(files - 1)), "governance/products.gov")
    report = Report(tuple(active + hidden), files=names)
    assert render_text(report, {}, color=False).splitlines()[-1] == summary


def test_files_named_only_by_findings_are_counted(make_finding: FindingFactory) -> None:
    """A file that a finding names but that was not read (unreadable) counts as a file."""
    report = Report((make_finding(file="broken.gov"),), files=("ok.gov",))
    assert render_text(report, {}, color=False).splitlines()[-1] == "1 error in 2 files"


def _excerpt(make_finding: FindingFactory, source: str, **span: int) -> list[str]:
    finding = make_finding(file="x.gov", **span)  # type: ignore[arg-type]
    out = render_text(Report((finding,), files=("x.gov",)), {"x.gov": source}, color=False)
    return out.splitlines()[1:3]


def test_caret_under_exact_columns(make_finding: FindingFactory) -> None:
    """Carets run from the start column up to, not including, the end column."""
    assert _excerpt(make_finding, "owner = gemeente\n", line=1, column=9, end_column=17) == [
        "  1 | owner = gemeente",
        "    |         ^^^^^^^^",
    ]


def test_empty_span_gets_one_caret(make_finding: FindingFactory) -> None:
    """A span of no width still gets a single caret at its column."""
    assert _excerpt(make_finding, "abc\n", line=1, column=2, end_column=2) == [
        "  1 | abc",
        "    |  ^",
    ]


def test_span_at_end_of_line_points_past_it(make_finding: FindingFactory) -> None:
    """A span just past the last character (a missing brace) puts one caret after the line."""
    assert _excerpt(make_finding, "product x {\n", line=1, column=12, end_column=12) == [
        "  1 | product x {",
        "    |            ^",
    ]


def test_multiline_span_underlined_to_end_of_first_line(make_finding: FindingFactory) -> None:
    """A span over several lines is underlined from its column to the end of its first line."""
    source = "product x {\n  owner = y\n}\n"
    assert _excerpt(make_finding, source, line=1, column=9, end_line=3, end_column=2) == [
        "  1 | product x {",
        "    |         ^^^",
    ]


def test_tabs_expand_and_carets_follow(make_finding: FindingFactory) -> None:
    """Tabs are shown as spaces to the next stop of four, and the carets move with them."""
    source = "\towner\t= y\n"
    assert _excerpt(make_finding, source, line=1, column=8, end_column=11) == [
        "  1 |     owner   = y",
        "    |             ^^^",
    ]


def test_wide_characters_take_two_columns(make_finding: FindingFactory) -> None:
    """East Asian wide characters count double, so the caret sits under the right text."""
    source = "label = '名前' x\n"
    assert _excerpt(make_finding, source, line=1, column=9, end_column=13) == [
        "  1 | label = '名前' x",
        "    |         ^^^^^^",
    ]


def test_combining_marks_take_no_column(make_finding: FindingFactory) -> None:
    """A combining accent adds no width: the caret after it is not pushed right."""
    source = "e\u0301 x\n"
    assert _excerpt(make_finding, source, line=1, column=4, end_column=5) == [
        "  1 | e\u0301 x",
        "    |   ^",
    ]


def test_crlf_line_ending_not_shown(make_finding: FindingFactory) -> None:
    """A Windows line ending is not part of the excerpt."""
    assert _excerpt(make_finding, "abc\r\ndef\r\n", line=2, column=1, end_column=4) == [
        "  2 | def",
        "    | ^^^",
    ]


def test_wide_gutter_for_large_line_numbers(make_finding: FindingFactory) -> None:
    """The gutter under the line number is as wide as the number."""
    source = "\n" * 99 + "x = 1\n"
    assert _excerpt(make_finding, source, line=100, column=1, end_column=2) == [
        "  100 | x = 1",
        "      | ^",
    ]


def test_line_out_of_range_has_no_excerpt(make_finding: FindingFactory) -> None:
    """A finding past the end of its source gets no excerpt rather than a crash."""
    finding = make_finding(file="x.gov", line=9, column=1, end_column=2)
    out = render_text(Report((finding,), files=("x.gov",)), {"x.gov": "one line\n"}, color=False)
    assert out == "x.gov:9:1: OWN001 error product burgerzaken has no owner\n\n1 error in 1 file\n"


def test_control_characters_are_neutralised(make_finding: FindingFactory) -> None:
    """Escape sequences in a message or the source cannot drive the terminal."""
    finding = make_finding(
        message="name \x1b[2J cleared", file="x.gov", line=1, column=1, end_column=2
    )
    out = render_text(Report((finding,)), {"x.gov": "a\x1b[31mb\n"}, color=False)
    assert "\x1b" not in out
    assert "name \ufffd[2J cleared" in out
    assert "  1 | a\ufffd[31mb" in out


def test_multiline_message_keeps_one_finding_line(make_finding: FindingFactory) -> None:
    """A message with newlines continues on indented lines, so the first line stays parseable."""
    finding = make_finding(message="first\nsecond\r\nthird")
    out = render_text(Report((finding,)), {}, color=False, quiet=True)
    assert out == ("governance/products.gov:3:9: OWN001 error first\n    second\n    third\n")
