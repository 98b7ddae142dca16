"""Property tests: any text in a finding still gives valid JSON, SARIF, JUnit and commands."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from hypothesis import given
from hypothesis import strategies as st

from govrules.diagnostics import Finding, Related, Report, RuleInfo, Severity
from govrules.report.github import render_github
from govrules.report.json_format import render_json
from govrules.report.junit import render_junit
from govrules.report.sarif import render_sarif
from govrules.report.text import render_text
from govrules.source import Span

if TYPE_CHECKING:
    from jsonschema import Draft7Validator

# Any unicode, surrogates included: file names decoded with surrogateescape carry them.
any_text = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=40)
some_text = st.one_of(any_text, st.sampled_from(['"', "\n", "\r\n", "\\", "%", "[a](1)", ""]))


@st.composite
def spans(draw: st.DrawFn) -> Span:
    line = draw(st.integers(1, 50))
    column = draw(st.integers(1, 80))
    end_line = draw(st.integers(line, line + 3))
    end_column = draw(st.integers(column if end_line == line else 1, 120))
    return Span(draw(some_text), line, column, end_line, end_column)


@st.composite
def findings(draw: st.DrawFn) -> Finding:
    related = draw(st.lists(st.builds(Related, spans(), some_text), max_size=2))
    return Finding(
        code=draw(st.sampled_from(["OWN001", "FIN002", "GR101"])),
        severity=draw(st.sampled_from(list(Severity))),
        message=draw(some_text),
        location=draw(spans()),
        subject=draw(st.none() | some_text),
        related=tuple(related),
        ruleset=draw(st.none() | some_text),
        suppressed=draw(st.none() | some_text),
        fix=draw(st.none() | some_text),
    )


@st.composite
def reports(draw: st.DrawFn) -> Report:
    found = draw(st.lists(findings(), max_size=4))
    rules = (
        RuleInfo(
            "OWN001",
            draw(some_text),
            Severity.ERROR,
            draw(some_text),
            draw(some_text),
            why=draw(some_text),
            fix=draw(some_text),
        ),
    )
    files = tuple(draw(st.lists(some_text, max_size=3)))
    return Report(tuple(found), files=files, rules=rules)


@given(reports())
def test_json_always_parses(report: Report) -> None:
    """Whatever the text, the JSON output encodes as UTF-8 and parses back to the same values."""
    text = render_json(report)
    text.encode("utf-8")
    document = json.loads(text)
    assert [f["message"] for f in document["findings"]] == [f.message for f in report.findings]


@given(reports(), st.none() | st.sampled_from(["/repo", "repo", "C:\\repo"]))
def test_sarif_always_schema_valid(
    sarif_validator: Draft7Validator, report: Report, root: str | None
) -> None:
    """Whatever the text, the SARIF output encodes as UTF-8 and validates against the schema."""
    text = render_sarif(report, root=root, tool_version="0.1.0")
    text.encode("utf-8")
    errors = [e.message for e in sarif_validator.iter_errors(json.loads(text))]
    assert errors == []


@given(reports())
def test_junit_always_well_formed(report: Report) -> None:
    """Whatever the text, the JUnit output is well-formed XML with one failure per finding."""
    # The XML parsed here is the output just generated, not untrusted input.
    root = ET.fromstring(render_junit(report).encode("utf-8"))  # noqa: S314
    assert len(list(root.iter("failure"))) == len(report.active())


@given(reports())
def test_github_one_line_per_finding(report: Report) -> None:
    """Whatever the text, each unsuppressed finding is exactly one command line."""
    lines = render_github(report).encode("utf-8").decode("utf-8").splitlines(keepends=True)
    assert len(lines) == len(report.active())
    assert all(line.startswith("::") and line.count("\n") == 1 for line in lines)


@given(reports(), st.booleans())
def test_text_never_crashes_nor_leaks_control_characters(report: Report, color: bool) -> None:
    """Whatever the text and spans, the text output renders, encodes and holds no raw controls."""
    sources = {f.location.file: f.message for f in report.findings}
    out = render_text(report, sources, color=color)
    out.encode("utf-8")
    if not color:
        assert not any(ord(c) < 32 and c not in "\t\n" for c in out)
