"""The SARIF format: valid against the official 2.1.0 schema; what GitHub code scanning reads."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

import attrs
import pytest

from govrules.diagnostics import Related, Report, RuleInfo, RuleText, Severity
from govrules.report.sarif import artifact_location, render_sarif
from govrules.source import Span

if TYPE_CHECKING:
    from conftest import FindingFactory
    from jsonschema import Draft7Validator


def _run(report: Report, root: str | None = None) -> dict[str, Any]:
    log = json.loads(render_sarif(report, root=root, tool_version="0.1.0"))
    (run,) = log["runs"]
    result: dict[str, Any] = run
    return result


def test_sample_is_schema_valid(sample_report: Report, sarif_validator: Draft7Validator) -> None:
    """The sample report's log validates against the SARIF 2.1.0 schema."""
    log = json.loads(render_sarif(sample_report, root="/repo", tool_version="0.1.0"))
    errors = [e.message for e in sarif_validator.iter_errors(log)]
    assert errors == []


def test_log_header(sample_report: Report) -> None:
    """The log names the 2.1.0 schema and version and holds exactly one run."""
    log = json.loads(render_sarif(sample_report, tool_version="0.1.0"))
    assert log["$schema"].endswith("sarif-schema-2.1.0.json")
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1


def test_driver_describes_every_rule(sample_report: Report) -> None:
    """The driver is govrules at the given version, with every rule fully described."""
    driver = _run(sample_report)["tool"]["driver"]
    assert driver["name"] == "govrules"
    assert driver["version"] == "0.1.0"
    assert driver["informationUri"].startswith("https://")
    assert [rule["id"] for rule in driver["rules"]] == ["OWN001", "FIN002", "SUP003"]
    assert driver["rules"][0] == {
        "id": "OWN001",
        "name": "product-without-owner",
        "shortDescription": {"text": "Every product has an owner"},
        "fullDescription": {"text": "Without an owner nobody answers for the product."},
        "help": {
            "text": "Without an owner nobody answers for the product.\n\n"
            "Fix: Add `owner = <organisation>` to the product."
        },
        "defaultConfiguration": {"level": "error"},
        "properties": {"tags": ["responsibility"]},
    }


def test_rule_without_why_or_fix_falls_back_to_title(sample_report: Report) -> None:
    """A rule with no rationale or fix uses its title as full description and help."""
    rule = _run(sample_report)["tool"]["driver"]["rules"][1]
    assert rule["fullDescription"] == {"text": "Every service is funded"}
    assert rule["help"] == {"text": "Every service is funded"}
    assert rule["defaultConfiguration"] == {"level": "warning"}


def test_info_maps_to_note(sample_report: Report) -> None:
    """SARIF has no 'info' level: infos are notes, for rules and results alike."""
    run = _run(sample_report)
    assert run["tool"]["driver"]["rules"][2]["defaultConfiguration"] == {"level": "note"}
    assert [r["level"] for r in run["results"]] == ["error", "warning", "note", "error"]


def test_results_reference_rules_by_index(sample_report: Report) -> None:
    """Each result has its ruleId and the index of that rule in the driver."""
    results = _run(sample_report)["results"]
    assert [(r["ruleId"], r["ruleIndex"]) for r in results] == [
        ("OWN001", 0),
        ("FIN002", 1),
        ("SUP003", 2),
        ("OWN001", 0),
    ]


def test_unknown_rule_has_id_but_no_index(
    make_finding: FindingFactory, sarif_validator: Draft7Validator
) -> None:
    """A finding whose code the report does not describe gets a ruleId and no ruleIndex."""
    report = Report((make_finding("GR101", message="syntax error"),), files=("a.gov",))
    log = json.loads(render_sarif(report, tool_version="0.1.0"))
    (result,) = log["runs"][0]["results"]
    assert result["ruleId"] == "GR101"
    assert "ruleIndex" not in result
    assert list(sarif_validator.iter_errors(log)) == []


def test_duplicate_rule_listed_once(rule_infos: tuple[RuleInfo, ...]) -> None:
    """A code described twice is listed once, and results point at the first description."""
    report = Report((), rules=(rule_infos[1], rule_infos[0], rule_infos[1]))
    assert [r["id"] for r in _run(report)["tool"]["driver"]["rules"]] == ["FIN002", "OWN001"]


def test_first_result_exact(sample_report: Report) -> None:
    """The first result's message, location, region, related location and fingerprint."""
    result = _run(sample_report, root="/repo")["results"][0]
    identity_hash = hashlib.sha256(b"OWN001 product burgerzaken").hexdigest()
    assert result == {
        "ruleId": "OWN001",
        "ruleIndex": 0,
        "level": "error",
        "message": {"text": "product burgerzaken has no owner"},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {
                        "uri": "governance/products.gov",
                        "uriBaseId": "%SRCROOT%",
                        "index": 1,
                    },
                    "region": {"startLine": 3, "startColumn": 9, "endLine": 3, "endColumn": 20},
                }
            }
        ],
        "relatedLocations": [
            {
                "id": 1,
                "physicalLocation": {
                    "artifactLocation": {
                        "uri": "governance/financing.gov",
                        "uriBaseId": "%SRCROOT%",
                        "index": 0,
                    },
                    "region": {"startLine": 7, "startColumn": 5, "endLine": 7, "endColumn": 30},
                },
                "message": {"text": "financed here"},
            }
        ],
        "partialFingerprints": {"govrules/v1": identity_hash},
    }


def test_artifacts_list_every_file_once(sample_report: Report) -> None:
    """The run lists each file read once, in order, and results index into that list."""
    run = _run(sample_report)
    assert [a["location"]["uri"] for a in run["artifacts"]] == [
        "governance/financing.gov",
        "governance/products.gov",
        "governance/travel.gov",
    ]
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert run["artifacts"][location["index"]]["location"]["uri"] == location["uri"]


def test_uris_relative_to_root(make_finding: FindingFactory) -> None:
    """With a root, absolute paths under it become relative URIs against %SRCROOT%."""
    report = Report((make_finding(file="/home/ci/repo/governance/a.gov"),))
    run = _run(report, root="/home/ci/repo/")
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "governance/a.gov", "uriBaseId": "%SRCROOT%", "index": 0}
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": "file:///home/ci/repo/"}}


@pytest.mark.parametrize(
    ("file", "root", "expected"),
    [
        ("governance/a.gov", None, {"uri": "governance/a.gov", "uriBaseId": "%SRCROOT%"}),
        ("./governance/a.gov", None, {"uri": "governance/a.gov", "uriBaseId": "%SRCROOT%"}),
        ("governance\\sub\\a.gov", None, {"uri": "governance/sub/a.gov", "uriBaseId": "%SRCROOT%"}),
        ("repo/governance/a.gov", "repo", {"uri": "governance/a.gov", "uriBaseId": "%SRCROOT%"}),
        ("C:\\repo\\gov\\a.gov", "C:\\repo", {"uri": "gov/a.gov", "uriBaseId": "%SRCROOT%"}),
        (
            "my governance/a b.gov",
            None,
            {"uri": "my%20governance/a%20b.gov", "uriBaseId": "%SRCROOT%"},
        ),
        (
            "gemeente/Súdwest.gov",
            None,
            {"uri": "gemeente/S%C3%BAdwest.gov", "uriBaseId": "%SRCROOT%"},
        ),
        ("/elsewhere/a.gov", "/home/ci/repo", {"uri": "file:///elsewhere/a.gov"}),
        ("/home/ci/repository/a.gov", "/home/ci/repo", {"uri": "file:///home/ci/repository/a.gov"}),
        ("/abs/a.gov", None, {"uri": "file:///abs/a.gov"}),
        ("C:\\abs\\a.gov", None, {"uri": "file:///C:/abs/a.gov"}),
    ],
)
def test_artifact_location_uris(file: str, root: str | None, expected: dict[str, str]) -> None:
    """Paths become URIs: forward slashes, percent-encoding, relative to the root or file://."""
    assert artifact_location(file, root) == expected


def test_fingerprint_stable_when_line_changes(make_finding: FindingFactory) -> None:
    """Moving a finding to another line (an edit above it) keeps its fingerprint."""
    before = make_finding(line=3)
    after = make_finding(line=42, column=1, message="product burgerzaken has no owner (moved)")
    prints = [
        _run(Report((f,)))["results"][0]["partialFingerprints"]["govrules/v1"]
        for f in (before, after)
    ]
    assert prints[0] == prints[1]
    assert prints[0] == hashlib.sha256(b"OWN001 product burgerzaken").hexdigest()


def test_fingerprint_differs_by_subject(make_finding: FindingFactory) -> None:
    """Findings about different subjects have different fingerprints."""
    one = make_finding(subject="product a")
    two = make_finding(subject="product b")
    results = _run(Report((one, two)))["results"]
    assert results[0]["partialFingerprints"] != results[1]["partialFingerprints"]


def test_suppression_with_justification(sample_report: Report) -> None:
    """A suppressed finding is a result with an inSource suppression giving the reason."""
    results = _run(sample_report)["results"]
    assert results[2]["suppressions"] == [
        {"kind": "inSource", "justification": "supervision arranged by covenant"}
    ]
    assert [("suppressions" in r) for r in results] == [False, False, True, False]


def test_link_like_brackets_escaped(make_finding: FindingFactory) -> None:
    """Brackets that would read as a SARIF embedded link are escaped; plain ones are not."""
    link_like = make_finding(message="see [this](1) now")
    plain = make_finding(message="list [a, b] here")
    texts = [r["message"]["text"] for r in _run(Report((link_like, plain)))["results"]]
    assert texts == ["see \\[this\\](1) now", "list [a, b] here"]


def test_backwards_span_narrowed_to_valid_region(
    make_finding: FindingFactory, sarif_validator: Draft7Validator
) -> None:
    """A span that runs backwards or starts at 0 still gives a valid, non-inverted region."""
    finding = make_finding(line=0, column=0, end_line=0, end_column=0)
    span = finding.location._replace(line=5, column=7, end_line=4, end_column=1)
    bad = attrs.evolve(finding, location=span)
    log = json.loads(render_sarif(Report((finding, bad)), tool_version="0.1.0"))
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in log["runs"][0]["results"]]
    assert regions == [
        {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1},
        {"startLine": 5, "startColumn": 7, "endLine": 5, "endColumn": 7},
    ]
    assert list(sarif_validator.iter_errors(log)) == []


def test_related_locations_numbered(make_finding: FindingFactory) -> None:
    """Related locations carry ids 1, 2, ... and their own messages."""
    related = (
        Related(Span("a.gov", 1, 1, 1, 5), "first"),
        Related(Span("b.gov", 2, 3, 2, 9), "second"),
    )
    result = _run(Report((make_finding(related=related),)))["results"][0]
    assert [(r["id"], r["message"]["text"]) for r in result["relatedLocations"]] == [
        (1, "first"),
        (2, "second"),
    ]


def test_empty_report_valid(sarif_validator: Draft7Validator) -> None:
    """A clean run with no rules and no results is still a valid log."""
    log = json.loads(render_sarif(Report(()), tool_version="0.1.0"))
    assert log["runs"][0]["results"] == []
    assert list(sarif_validator.iter_errors(log)) == []


def test_column_kind_is_code_points(sample_report: Report) -> None:
    """Columns are declared as Unicode code points, which is how spans count them."""
    assert _run(sample_report)["columnKind"] == "unicodeCodePoints"


def test_severity_levels_cover_all(rule_infos: tuple[RuleInfo, ...]) -> None:
    """Every severity has a SARIF level."""
    infos = tuple(attrs.evolve(rule_infos[0], code=s.name, severity=s) for s in Severity)
    levels = [
        r["defaultConfiguration"]["level"]
        for r in _run(Report((), rules=infos))["tool"]["driver"]["rules"]
    ]
    assert levels == ["note", "warning", "error"]


def test_validator_rejects_a_broken_log(
    sample_report: Report, sarif_validator: Draft7Validator
) -> None:
    """The schema check is not vacuous: a wrong level and a line 0 region are rejected."""
    log = json.loads(render_sarif(sample_report, tool_version="0.1.0"))
    result = log["runs"][0]["results"][0]
    result["level"] = "info"
    result["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    paths = sorted(list(e.absolute_path)[-1] for e in sarif_validator.iter_errors(log))
    assert paths == ["level", "startLine"]


def test_model_diagnostics_fingerprinted_by_position(make_finding: FindingFactory) -> None:
    """Two GR102 results in one file get different fingerprints; rule findings keep code+subject."""
    from govrules.report.sarif import fingerprint

    first = make_finding(code="GR102", line=2, subject=None, message="a text is not closed")
    second = make_finding(code="GR102", line=5, subject=None, message="a text is not closed")
    assert fingerprint(first) != fingerprint(second)
    moved = make_finding(line=30)
    assert fingerprint(make_finding()) == fingerprint(moved)


def test_rules_are_described_in_the_language_of_the_report(sample_report: Report) -> None:
    """With lang nl a rule's Dutch title, why and fix describe it; one without Dutch: English."""
    dutch = RuleText(
        "Elk product heeft een eigenaar",
        why="Zonder eigenaar staat niemand voor het product in.",
        fix="Voeg `eigenaar <organisatie>` toe aan het product.",
    )
    own, *others = sample_report.rules
    report = attrs.evolve(
        sample_report, rules=(attrs.evolve(own, translations=(("nl", dutch),)), *others)
    )
    log = json.loads(render_sarif(report, tool_version="0.1.0", lang="nl"))
    first, second, _third = log["runs"][0]["tool"]["driver"]["rules"]
    assert first["shortDescription"] == {"text": "Elk product heeft een eigenaar"}
    assert first["fullDescription"] == {
        "text": "Zonder eigenaar staat niemand voor het product in."
    }
    assert first["help"] == {
        "text": "Zonder eigenaar staat niemand voor het product in.\n\n"
        "Oplossing: Voeg `eigenaar <organisatie>` toe aan het product."
    }
    assert second["shortDescription"] == {"text": "Every service is funded"}
    english = json.loads(render_sarif(report, tool_version="0.1.0"))
    assert english["runs"][0]["tool"]["driver"]["rules"][0]["help"] == {
        "text": "Without an owner nobody answers for the product.\n\n"
        "Fix: Add `owner = <organisation>` to the product."
    }


def test_a_builtin_rule_reads_in_dutch_in_sarif() -> None:
    """The built-in rules' own Dutch reaches code scanning: OWN001's title and fix with slots."""
    from govrules.engine.catalogue import builtin_rules, rule_info

    (own,) = [rule_info(r) for r in builtin_rules() if r.code == "OWN001"]
    report = Report(findings=(), files=(), rules=(own,))
    (rule,) = json.loads(render_sarif(report, tool_version="0.1.0", lang="nl"))["runs"][0]["tool"][
        "driver"
    ]["rules"]
    assert rule["shortDescription"] == {
        "text": "Elk gefinancierd product heeft precies één eigenaar"
    }
    assert rule["help"]["text"].endswith(
        "\n\nOplossing: noem precies één eigenaar in product <p>: eigenaar <organisatie>"
    )
