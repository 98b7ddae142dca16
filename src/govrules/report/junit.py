"""JUnit XML output, for CI systems that show test reports (GitLab, Jenkins, Azure).

Each file is a test suite with one test case per rule that was run (INTERFACES:
one testcase per rule and file): passing when the rule found nothing there,
failed by its unsuppressed findings (one ``<failure>`` each), skipped when all
its findings are suppressed (one ``<skipped>`` each). Model diagnostics (GR
codes) appear as cases only where they occur. A report that lists no rules
gives a file without findings one passing case named ``govrules``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from govrules.diagnostics import Finding, Report
from govrules.report._common import files_in_order, scrub

if TYPE_CHECKING:
    from govrules.report import RenderOptions

SUITES_NAME = "govrules"
CLEAN_CASE_NAME = "govrules"


def render_junit(report: Report) -> str:
    """The report as a JUnit XML document (UTF-8 declared, trailing newline).

    ``tests``, ``failures`` and ``skipped`` count test cases, as JUnit does, so
    ``tests - failures - skipped`` is what passed: a case with any unsuppressed
    finding is one failure however many ``<failure>`` elements it holds.
    """
    by_file: dict[str, dict[str, list[Finding]]] = {}
    for finding in report.findings:
        by_file.setdefault(finding.location.file, {}).setdefault(finding.code, []).append(finding)

    rule_codes = {r.code for r in report.rules if r.ruleset != "model"}
    root = ET.Element("testsuites", name=SUITES_NAME)
    totals = [0, 0, 0]
    for file in files_in_order(report):
        suite = ET.SubElement(root, "testsuite", name=scrub(file))
        counts = [0, 0, 0]
        by_code = by_file.get(file, {})
        if not by_code and not rule_codes:
            ET.SubElement(suite, "testcase", classname=scrub(file), name=CLEAN_CASE_NAME)
            counts[0] = 1
        for code in sorted({*rule_codes, *by_code}):
            findings = by_code.get(code, [])
            _testcase(suite, file, code, findings)
            counts[0] += 1
            if not findings:
                continue
            if any(f.suppressed is None for f in findings):
                counts[1] += 1
            else:
                counts[2] += 1
        _set_counts(suite, counts)
        totals = [total + count for total, count in zip(totals, counts, strict=True)]
    _set_counts(root, totals)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _testcase(suite: ET.Element, file: str, code: str, findings: list[Finding]) -> None:
    case = ET.SubElement(suite, "testcase", classname=scrub(file), name=scrub(code))
    for finding in findings:
        if finding.suppressed is None:
            element = ET.SubElement(
                case, "failure", message=scrub(finding.message), type=finding.severity.label
            )
        else:
            element = ET.SubElement(case, "skipped", message=scrub(finding.suppressed))
        element.text = scrub(_describe(finding))


def _describe(finding: Finding) -> str:
    """The text of a failure: where, what, the fix and the related places."""
    lines = [f"{finding.location}: {finding.code} {finding.severity.label} {finding.message}"]
    if finding.fix:
        lines.append(f"help: {finding.fix}")
    lines.extend(f"note: {r.location}: {r.message}" for r in finding.related)
    return "\n".join(lines)


def _set_counts(element: ET.Element, counts: list[int]) -> None:
    tests, failures, skipped = counts
    element.set("tests", str(tests))
    element.set("failures", str(failures))
    element.set("errors", "0")
    element.set("skipped", str(skipped))


def render(report: Report, options: RenderOptions) -> str:
    """The format's entry in :data:`govrules.report.FORMATS`."""
    return render_junit(report)
