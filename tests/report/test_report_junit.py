"""The JUnit format, parsed back: suites per file, a case per finding and per clean rule, counts."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from govrules.diagnostics import Report, Severity
from govrules.report.junit import render_junit

if TYPE_CHECKING:
    from conftest import FindingFactory


def _parse(text: str) -> ET.Element:
    # The XML parsed here is the output just generated, not untrusted input.
    return ET.fromstring(text)  # noqa: S314


def _counts(element: ET.Element) -> tuple[str | None, ...]:
    return tuple(element.get(key) for key in ("tests", "failures", "errors", "skipped"))


def test_declaration_and_parse(sample_report: Report) -> None:
    """The document declares UTF-8, ends with a newline and parses as XML."""
    text = render_junit(sample_report)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')
    assert text.endswith("</testsuites>\n")
    assert _parse(text).tag == "testsuites"


def test_one_suite_per_file_with_counts(sample_report: Report) -> None:
    """Each file is a suite; tests, failures and skipped count its cases."""
    root = _parse(render_junit(sample_report))
    suites = [(s.get("name"), _counts(s)) for s in root.iter("testsuite")]
    assert suites == [
        ("governance/financing.gov", ("3", "0", "0", "0")),
        ("governance/products.gov", ("3", "2", "0", "1")),
        ("governance/travel.gov", ("3", "1", "0", "0")),
    ]
    assert root.get("name") == "govrules"
    assert _counts(root) == ("9", "3", "0", "1")


def test_cases_per_rule_and_file(sample_report: Report) -> None:
    """A case per finding (code and subject), and a passing case per rule that found nothing."""
    root = _parse(render_junit(sample_report))
    cases = [(c.get("classname"), c.get("name"), len(c)) for c in root.iter("testcase")]
    assert cases == [
        ("governance/financing.gov", "FIN002", 0),
        ("governance/financing.gov", "OWN001", 0),
        ("governance/financing.gov", "SUP003", 0),
        ("governance/products.gov", "FIN002 service loket", 1),
        ("governance/products.gov", "OWN001 product burgerzaken", 1),
        ("governance/products.gov", "SUP003 service loket", 1),
        ("governance/travel.gov", "FIN002", 0),
        ("governance/travel.gov", "OWN001 product paspoort", 1),
        ("governance/travel.gov", "SUP003", 0),
    ]


def test_report_without_rules_gives_a_clean_file_one_case(make_finding: FindingFactory) -> None:
    """With no rules listed, a file without findings still reports one passing case."""
    root = _parse(render_junit(Report((), files=("a.gov",))))
    cases = [(c.get("classname"), c.get("name"), len(c)) for c in root.iter("testcase")]
    assert cases == [("a.gov", "govrules", 0)]


def test_failure_per_finding_with_location(make_finding: FindingFactory) -> None:
    """Two findings of one rule in one file: two cases, one failure each, with file:line:col."""
    report = Report(
        (
            make_finding(line=3, subject="product a", message="product a has no owner"),
            make_finding(line=8, subject="product b", message="product b has no owner", fix="add"),
        ),
        files=("governance/products.gov",),
    )
    root = _parse(render_junit(report))
    cases = list(root.iter("testcase"))
    assert [c.get("name") for c in cases] == ["OWN001 product a", "OWN001 product b"]
    assert [len(c) for c in cases] == [1, 1]
    failures = [f for c in cases for f in c.findall("failure")]
    assert [(f.get("message"), f.get("type")) for f in failures] == [
        ("product a has no owner", "error"),
        ("product b has no owner", "error"),
    ]
    assert [f.text for f in failures] == [
        "governance/products.gov:3:9: OWN001 error product a has no owner",
        "governance/products.gov:8:9: OWN001 error product b has no owner\nhelp: add",
    ]
    assert _counts(root) == ("2", "2", "0", "0")


def test_model_diagnostics_named_by_position(make_finding: FindingFactory) -> None:
    """Findings without a subject (GR codes) are named by code and position, unique per file."""
    report = Report(
        (
            make_finding(code="GR102", line=2, subject=None, message="a text is not closed"),
            make_finding(code="GR102", line=5, subject=None, message="a text is not closed"),
        ),
        files=("governance/products.gov",),
    )
    root = _parse(render_junit(report))
    assert [c.get("name") for c in root.iter("testcase")] == ["GR102 2:9", "GR102 5:9"]
    assert _counts(root) == ("2", "2", "0", "0")


def test_suppressed_finding_is_skipped_with_reason(sample_report: Report) -> None:
    """A suppressed finding is a <skipped> whose message is the suppression's reason."""
    root = _parse(render_junit(sample_report))
    (skipped,) = root.iter("skipped")
    assert skipped.get("message") == "supervision arranged by covenant"
    assert skipped.text == (
        "governance/products.gov:5:9: SUP003 info no supervisor named for loket"
    )


def test_related_locations_in_failure_text(sample_report: Report) -> None:
    """A failure's text gives the location, then the fix, then related locations as notes."""
    root = _parse(render_junit(sample_report))
    (case,) = root.findall(
        "testsuite[@name='governance/products.gov']/testcase[@name='OWN001 product burgerzaken']"
    )
    failure = case.find("failure")
    assert failure is not None
    assert failure.text == (
        "governance/products.gov:3:9: OWN001 error product burgerzaken has no owner\n"
        "help: add an owner\n"
        "note: governance/financing.gov:7:5: financed here"
    )


def test_warning_type(make_finding: FindingFactory) -> None:
    """A failure's type is the finding's severity."""
    report = Report((make_finding(severity=Severity.WARNING),))
    failure = next(_parse(render_junit(report)).iter("failure"))
    assert failure.get("type") == "warning"


def test_clean_run_still_has_tests() -> None:
    """With no findings every file still has a passing case, so CI sees tests ran."""
    root = _parse(render_junit(Report((), files=("a.gov", "b.gov"))))
    assert _counts(root) == ("2", "0", "0", "0")
    assert [c.get("name") for c in root.iter("testcase")] == ["govrules", "govrules"]


def test_escaping_of_markup_and_control_characters(make_finding: FindingFactory) -> None:
    """Markup, quotes, newlines and control characters in a message survive as well-formed XML."""
    message = 'a <b> & "c"\nd\x00e\x1bf'
    text = render_junit(Report((make_finding(message=message),)))
    failure = next(_parse(text).iter("failure"))
    assert failure.get("message") == 'a <b> & "c"\nd\ufffde\ufffdf'
    assert "\x00" not in text
    assert "\x1b" not in text
