"""The JSON format: INTERFACES.md's shape and field names, exactly."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from govrules.diagnostics import Report, Severity
from govrules.report.json_format import render_json

if TYPE_CHECKING:
    from conftest import FindingFactory

FINDING_KEYS = [
    "code",
    "severity",
    "message",
    "file",
    "line",
    "column",
    "end_line",
    "end_column",
    "subject",
    "ruleset",
    "related",
    "suppressed",
    "fix",
]


def test_top_level_and_summary_keys_in_order(sample_report: Report) -> None:
    """The document has version, summary and findings, and the summary its five counts, in order."""
    document = json.loads(render_json(sample_report))
    assert list(document) == ["version", "summary", "findings"]
    assert document["version"] == 1
    assert list(document["summary"]) == ["files", "errors", "warnings", "infos", "suppressed"]


def test_summary_counts_only_unsuppressed(sample_report: Report) -> None:
    """Errors, warnings and infos count unsuppressed findings; suppressed ones count apart."""
    summary = json.loads(render_json(sample_report))["summary"]
    assert summary == {"files": 3, "errors": 2, "warnings": 1, "infos": 0, "suppressed": 1}


def test_every_finding_listed_with_exact_fields(sample_report: Report) -> None:
    """All findings appear, suppressed included, each with exactly the binding keys in order."""
    findings = json.loads(render_json(sample_report))["findings"]
    assert [f["code"] for f in findings] == ["OWN001", "FIN002", "SUP003", "OWN001"]
    for finding in findings:
        assert list(finding) == FINDING_KEYS


def test_first_finding_exact(sample_report: Report) -> None:
    """The first finding's values, related location and fix come through unchanged."""
    first = json.loads(render_json(sample_report))["findings"][0]
    assert first == {
        "code": "OWN001",
        "severity": "error",
        "message": "product burgerzaken has no owner",
        "file": "governance/products.gov",
        "line": 3,
        "column": 9,
        "end_line": 3,
        "end_column": 20,
        "subject": "product burgerzaken",
        "ruleset": "responsibility",
        "related": [
            {
                "file": "governance/financing.gov",
                "line": 7,
                "column": 5,
                "message": "financed here",
            }
        ],
        "suppressed": None,
        "fix": "add an owner",
    }


def test_suppressed_finding_carries_reason(sample_report: Report) -> None:
    """A suppressed finding is listed with its reason; unsuppressed ones have null."""
    findings = json.loads(render_json(sample_report))["findings"]
    assert [f["suppressed"] for f in findings] == [
        None,
        None,
        "supervision arranged by covenant",
        None,
    ]


def test_nulls_for_missing_optional_values(make_finding: FindingFactory) -> None:
    """A finding without subject, ruleset or fix has null for each, and an empty related list."""
    finding = make_finding("GR101", message="syntax error", subject=None, ruleset=None)
    (entry,) = json.loads(render_json(Report((finding,))))["findings"]
    assert (entry["subject"], entry["ruleset"], entry["fix"], entry["related"]) == (
        None,
        None,
        None,
        [],
    )


def test_empty_report() -> None:
    """A clean run is a complete document with zero counts and no findings."""
    assert render_json(Report((), files=("a.gov", "b.gov"))) == (
        "{\n"
        '  "version": 1,\n'
        '  "summary": {\n'
        '    "files": 2,\n'
        '    "errors": 0,\n'
        '    "warnings": 0,\n'
        '    "infos": 0,\n'
        '    "suppressed": 0\n'
        "  },\n"
        '  "findings": []\n'
        "}\n"
    )


def test_infos_counted(make_finding: FindingFactory) -> None:
    """Infos are counted under 'infos'."""
    report = Report((make_finding(severity=Severity.INFO), make_finding(severity=Severity.INFO)))
    assert json.loads(render_json(report))["summary"]["infos"] == 2


def test_round_trip_keeps_non_ascii_and_quotes(make_finding: FindingFactory) -> None:
    """Non-ASCII stays readable (not \\u-escaped) and quotes and newlines survive a round trip."""
    message = 'gemeente "Súdwest-Fryslân"\nline two'
    text = render_json(Report((make_finding(message=message),)))
    assert "Súdwest-Fryslân" in text
    assert text.endswith("}\n")
    assert json.loads(text)["findings"][0]["message"] == message


def test_lone_surrogate_is_escaped_and_encodable(make_finding: FindingFactory) -> None:
    """A lone surrogate (an undecodable file name) is written as an escape, so UTF-8 works."""
    finding = make_finding(file="bad\udcff.gov")
    text = render_json(Report((finding,)))
    text.encode("utf-8")
    assert '"file": "bad\\udcff.gov"' in text
    assert json.loads(text)["findings"][0]["file"] == "bad\udcff.gov"


def test_output_is_deterministic(sample_report: Report) -> None:
    """Rendering the same report twice gives the same text."""
    assert render_json(sample_report) == render_json(sample_report)
