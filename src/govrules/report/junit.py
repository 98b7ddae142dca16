"""JUnit XML output, for CI systems that show test reports (GitLab, Jenkins, Azure).

Each file is a test suite. Each finding is a test case of its own, named by
code and subject (``OWN001 product burgerzaken``; a model diagnostic, which
has no subject, by code and position), holding one ``<failure>`` (or one
``<skipped>`` when suppressed): readers such as xunitparser and junit2html
keep only one failure per case. Each rule that was run and found nothing in
the file is one passing case named by its code. A report that lists no rules
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


def render_junit(report: Report, *, lang: str = "en") -> str:
    """The report as a JUnit XML document (UTF-8 declared, trailing newline).

    ``tests``, ``failures`` and ``skipped`` count test cases, as JUnit does, so
    ``tests - failures - skipped`` is what passed.
    """
    by_file: dict[str, list[Finding]] = {}
    for finding in report.findings:
        by_file.setdefault(finding.location.file, []).append(finding)

    rule_codes = {r.code for r in report.rules if r.ruleset != "model"}
    root = ET.Element("testsuites", name=SUITES_NAME)
    totals = [0, 0, 0]
    for file in files_in_order(report):
        suite = ET.SubElement(root, "testsuite", name=scrub(file))
        counts = [0, 0, 0]
        findings = by_file.get(file, [])
        if not findings and not rule_codes:
            ET.SubElement(suite, "testcase", classname=scrub(file), name=CLEAN_CASE_NAME)
            counts[0] = 1
        passed = rule_codes - {f.code for f in findings}
        cases: list[tuple[str, Finding | None]] = [(code, None) for code in passed]
        cases.extend(zip(_case_names(findings), findings, strict=True))
        for name, found in sorted(cases, key=lambda case: case[0]):
            _testcase(suite, file, name, found, lang)
            counts[0] += 1
            if found is not None:
                counts[1 if found.suppressed is None else 2] += 1
        _set_counts(suite, counts)
        totals = [total + count for total, count in zip(totals, counts, strict=True)]
    _set_counts(root, totals)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _case_names(findings: list[Finding]) -> list[str]:
    """A name per finding, unique in its file: code and subject, else code and position."""
    names = [
        f"{f.code} {f.subject}" if f.subject else f"{f.code} {f.location.line}:{f.location.column}"
        for f in findings
    ]
    seen: dict[str, int] = {}
    for name in names:
        seen[name] = seen.get(name, 0) + 1
    return [
        f"{name} ({f.location.line}:{f.location.column})" if seen[name] > 1 else name
        for name, f in zip(names, findings, strict=True)
    ]


def _testcase(suite: ET.Element, file: str, name: str, finding: Finding | None, lang: str) -> None:
    case = ET.SubElement(suite, "testcase", classname=scrub(file), name=scrub(name))
    if finding is None:
        return
    if finding.suppressed is None:
        element = ET.SubElement(
            case, "failure", message=scrub(finding.text.render(lang)), type=finding.severity.label
        )
    else:
        element = ET.SubElement(case, "skipped", message=scrub(finding.suppressed))
    element.text = scrub(_describe(finding, lang))


def _describe(finding: Finding, lang: str) -> str:
    """The text of a failure: where, what, the fix and the related places."""
    message = finding.text.render(lang)
    lines = [f"{finding.location}: {finding.code} {finding.severity.label} {message}"]
    if finding.fix_text is not None and finding.fix:
        lines.append(f"help: {finding.fix_text.render(lang)}")
    lines.extend(f"note: {r.location}: {r.text.render(lang)}" for r in finding.related)
    return "\n".join(lines)


def _set_counts(element: ET.Element, counts: list[int]) -> None:
    tests, failures, skipped = counts
    element.set("tests", str(tests))
    element.set("failures", str(failures))
    element.set("errors", "0")
    element.set("skipped", str(skipped))


def render(report: Report, options: RenderOptions) -> str:
    """The format's entry in :data:`govrules.report.FORMATS`."""
    return render_junit(report, lang=options.lang)
