"""Follow-on findings (RULES.md): a rule finding about a damaged declaration is held back."""

from __future__ import annotations

import json
from pathlib import Path

import govrules
from govrules.report.text import render_text
from govrules.workspace import lint_paths

ORGS = """organization gemeente "G" {
  kind municipality
}
organization w "W" {
  kind work_organization
}
"""
FINANCING = """financing f "F" {
  from gemeente
  to w
  for p1
  amount EUR 5
}
"""


def _lint(text: str) -> govrules.Report:
    return govrules.lint(govrules.loads(text, "m.gov"))


def _codes(report: govrules.Report) -> list[tuple[str, int, int]]:
    return [(f.code, f.location.line, f.location.column) for f in report.active()]


def test_unknown_attribute_holds_back_owner_count() -> None:
    """'ownr gemeente' gives GR202 and no 'OWN001 product p1 has 0 owners'."""
    report = _lint(ORGS + 'product p1 "P" {\n  ownr gemeente\n}\n' + FINANCING)
    assert _codes(report) == [("GR202", 8, 3), ("POL004", 10, 1)]
    assert [(f.code, f.subject) for f in report.held_back] == [("OWN001", "product p1")]


def test_the_same_model_without_the_typo_reports_own001() -> None:
    """Without the attribute (no diagnostic) OWN001 is reported: holding back needs a cause."""
    report = _lint(ORGS + 'product p1 "P"\n' + FINANCING)
    assert ("OWN001", 7, 1) in _codes(report)
    assert report.held_back == ()


def test_renamed_organization_gives_only_the_gr302s() -> None:
    """Renaming an organization gives three GR302, not also three OWN001."""
    text = (
        'organization gemeentee "G" {\n  kind municipality\n}\n'
        'organization w "W" {\n  kind work_organization\n}\n'
        + "".join(f'product p{i} "P" {{\n  owner gemeente\n}}\n' for i in (1, 2, 3))
        + 'financing f "F" {\n  from w\n  to gemeentee\n  for p1, p2, p3\n  amount EUR 5\n}\n'
    )
    report = _lint(text)
    assert _codes(report) == [
        ("GR302", 8, 9),
        ("GR302", 11, 9),
        ("GR302", 14, 9),
        ("POL004", 16, 1),
    ]
    assert sorted(f.subject or "" for f in report.held_back) == [
        "product p1",
        "product p2",
        "product p3",
    ]


def test_unclosed_block_holds_back_findings_on_lost_facts() -> None:
    """An unclosed block gives GR101, not FIN001 on a financing whose product was lost."""
    text = ORGS + 'product p1 "P" {\n  owner w\n\n' + FINANCING
    report = _lint(text)
    assert _codes(report) == [("GR101", 7, 16)]
    assert sorted(f.code for f in report.held_back) == ["FIN001", "POL004"]


def test_related_declaration_damaged_holds_back() -> None:
    """A finding whose related financing carries a diagnostic is held back too."""
    text = ORGS + 'product p1 "P"\n' + FINANCING.replace("  amount EUR 5\n", "  amont EUR 5\n")
    report = _lint(text)
    assert [f.code for f in report.active()] == ["GR202"]
    # FIN003 (no amount) repeats the typo; OWN001 and POL004 name the damaged financing.
    assert {f.code for f in report.held_back} == {"FIN003", "OWN001", "POL004"}


def test_summary_counts_the_held_back(tmp_path: Path) -> None:
    """The text summary says how many findings were held back, in English and Dutch."""
    report = _lint(ORGS + 'product p1 "P" {\n  ownr gemeente\n}\n' + FINANCING)
    lines = render_text(report, {}, color=False).splitlines()
    assert lines[-2:] == [
        "1 error, 1 warning in 1 file",
        "1 rule finding held back until the model errors are fixed (it may only repeat them)",
    ]
    dutch = render_text(report, {}, color=False, lang="nl").splitlines()[-1]
    assert dutch.startswith("1 bevinding van een regel aangehouden")


def test_no_summary_line_for_a_clean_model() -> None:
    """Without model diagnostics nothing is held back and no line says so."""
    report = _lint(ORGS + 'product p1 "P"\n' + FINANCING)
    assert "held back" not in render_text(report, {}, color=False)


def test_suppression_of_a_held_back_finding_is_not_unused() -> None:
    """A suppression for a held-back finding does not read as unused (no GR502)."""
    text = (
        ORGS
        + '# govrules: ignore[OWN001] -- agreed with the council\nproduct p1 "P" {\n'
        + "  ownr gemeente\n}\n"
        + FINANCING
    )
    report = _lint(text)
    assert [f.code for f in report.active()] == ["GR202", "POL004"]


def test_baseline_entries_of_held_back_findings_are_not_stale(tmp_path: Path) -> None:
    """A baseline accepting OWN001 stays current while the finding is held back."""
    (tmp_path / "m.gov").write_text(ORGS + 'product p1 "P"\n' + FINANCING, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    baseline.write_text(
        json.dumps(
            {
                "version": 1,
                "tool": "govrules",
                "findings": [{"identity": "OWN001 product p1", "code": "OWN001", "count": 1}],
            }
        ),
        encoding="utf-8",
    )
    clean = lint_paths([tmp_path], baseline=str(baseline))
    assert [f.code for f in clean.active()] == ["POL004"]
    (tmp_path / "m.gov").write_text(
        ORGS + 'product p1 "P" {\n  ownr gemeente\n}\n' + FINANCING, encoding="utf-8"
    )
    broken = lint_paths([tmp_path], baseline=str(baseline))
    assert [f.code for f in broken.active()] == ["GR202", "POL004"]
    assert not any("baseline" in note for note in broken.notes)
    assert broken.held_back == ()
