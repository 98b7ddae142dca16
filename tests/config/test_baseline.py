"""Baselines: writing, reading, applying by identity, stale entries, malformed files."""

from __future__ import annotations

import json
import random

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govrules.baseline import (
    Baseline,
    BaselineEntry,
    apply_baseline,
    read_baseline,
    write_baseline,
)
from govrules.config import ConfigError
from govrules.diagnostics import Finding, Severity
from govrules.source import Span

FILE = "baseline.json"


def finding(code: str, subject: str, line: int = 1, file: str = "a.gov") -> Finding:
    return Finding(
        code, Severity.ERROR, f"{code} at {subject}", Span(file, line, 1, line, 5), subject
    )


FINDINGS = [
    finding("OWN001", "product burgerzaken", 10),
    finding("SUP002", "result r1", 20),
    finding("SUP002", "result r1", 30),
    finding("COL006", "organization noord", 40),
]


def test_writes_sorted_entries_with_counts() -> None:
    """The baseline is JSON with one sorted entry per identity and its count."""
    assert json.loads(write_baseline(FINDINGS)) == {
        "version": 1,
        "tool": "govrules",
        "findings": [
            {"identity": "COL006 organization noord", "code": "COL006", "count": 1},
            {"identity": "OWN001 product burgerzaken", "code": "OWN001", "count": 1},
            {"identity": "SUP002 result r1", "code": "SUP002", "count": 2},
        ],
    }


def test_written_text_is_stable() -> None:
    """The text is indented, ends in a newline and does not depend on the findings' order."""
    text = write_baseline(FINDINGS)
    assert text.endswith("}\n")
    assert text.startswith('{\n  "version": 1,\n  "tool": "govrules",\n')
    assert write_baseline(reversed(FINDINGS)) == text


def test_non_ascii_subjects_are_kept_readable() -> None:
    """Frisian names stay as written, not escaped."""
    text = write_baseline([finding("OWN001", "organization súdwest-fryslân")])
    assert "súdwest-fryslân" in text


def test_model_diagnostics_and_inline_suppressions_are_not_recorded() -> None:
    """GR findings and inline-suppressed findings stay out; baseline-accepted ones stay in."""
    findings = [
        finding("GR302", "x"),
        attrs.evolve(finding("OWN001", "a"), suppressed="accepted by the board"),
        attrs.evolve(finding("OWN002", "b"), suppressed="baseline"),
    ]
    entries = json.loads(write_baseline(findings))["findings"]
    assert entries == [{"identity": "OWN002 b", "code": "OWN002", "count": 1}]


def test_round_trip() -> None:
    """Reading what was written gives the entries back."""
    baseline = read_baseline(write_baseline(FINDINGS), FILE)
    assert baseline == Baseline(
        (
            BaselineEntry("COL006 organization noord", "COL006", 1),
            BaselineEntry("OWN001 product burgerzaken", "OWN001", 1),
            BaselineEntry("SUP002 result r1", "SUP002", 2),
        ),
        FILE,
    )


def test_baselined_findings_are_marked() -> None:
    """Findings in the baseline come back suppressed "baseline", in the order given."""
    baseline = read_baseline(write_baseline(FINDINGS), FILE)
    result, stale = apply_baseline(FINDINGS, baseline)
    assert [f.suppressed for f in result] == ["baseline"] * 4
    assert [f.location.line for f in result] == [10, 20, 30, 40]
    assert stale == []


def test_survives_moved_lines() -> None:
    """The same findings on other lines still match: identity has no line number."""
    baseline = read_baseline(write_baseline(FINDINGS), FILE)
    moved = [
        attrs.evolve(f, location=Span("a.gov", f.location.line + 7, 3, f.location.line + 7, 9))
        for f in FINDINGS
    ]
    result, stale = apply_baseline(moved, baseline)
    assert all(f.suppressed == "baseline" for f in result)
    assert stale == []


def test_new_findings_fail() -> None:
    """A finding not in the baseline stays active."""
    baseline = read_baseline(write_baseline(FINDINGS[:1]), FILE)
    result, _ = apply_baseline(FINDINGS, baseline)
    assert [f.suppressed for f in result] == ["baseline", None, None, None]


def test_count_limits_matches() -> None:
    """A third finding with an identity accepted twice stays active (the last in reading order)."""
    baseline = read_baseline(write_baseline(FINDINGS), FILE)
    third = finding("SUP002", "result r1", 50)
    result, _ = apply_baseline([third, *FINDINGS], baseline)
    assert result[0].suppressed is None
    assert [f.suppressed for f in result[1:]] == ["baseline"] * 4


def test_stale_entries_are_reported() -> None:
    """Baseline identities that matched no finding come back, so the file can shrink."""
    baseline = read_baseline(write_baseline(FINDINGS), FILE)
    result, stale = apply_baseline(FINDINGS[:2], baseline)
    assert [f.suppressed for f in result] == ["baseline", "baseline"]
    assert stale == ["COL006 organization noord"]


def test_model_diagnostics_never_match() -> None:
    """A hand-written baseline entry for a GR code does not hide the diagnostic."""
    text = json.dumps(
        {
            "version": 1,
            "tool": "govrules",
            "findings": [{"identity": "GR302 x", "code": "GR302", "count": 1}],
        }
    )
    result, stale = apply_baseline([finding("GR302", "x")], read_baseline(text, FILE))
    assert result[0].suppressed is None
    assert stale == ["GR302 x"]


def test_inline_suppressed_findings_do_not_use_up_the_baseline() -> None:
    """A finding already suppressed inline leaves the baseline entry for the next one."""
    baseline = read_baseline(write_baseline(FINDINGS[:1]), FILE)
    inline = attrs.evolve(FINDINGS[0], suppressed="board decision")
    result, stale = apply_baseline([inline], baseline)
    assert result == [inline]
    assert stale == ["OWN001 product burgerzaken"]


def test_duplicate_entries_add_up() -> None:
    """Two entries with the same identity (say, after a merge) count together."""
    entry = {"identity": "OWN001 a", "code": "OWN001", "count": 1}
    text = json.dumps({"version": 1, "tool": "govrules", "findings": [entry, entry]})
    assert read_baseline(text, FILE).counts() == {"OWN001 a": 2}


def document(**changes: object) -> str:
    base: dict[str, object] = {
        "version": 1,
        "tool": "govrules",
        "findings": [{"identity": "OWN001 a", "code": "OWN001", "count": 1}],
    }
    base.update(changes)
    return json.dumps({k: v for k, v in base.items() if v is not ...})


def entry(**changes: object) -> str:
    base: dict[str, object] = {"identity": "OWN001 a", "code": "OWN001", "count": 1}
    base.update(changes)
    return document(findings=[{k: v for k, v in base.items() if v is not ...}])


MALFORMED = [
    ("[]", "malformed baseline: expected a JSON object, got list", None),
    (
        document(version=2),
        "malformed baseline: version: unsupported version 2 (this govrules reads version 1)",
        "version",
    ),
    (
        document(version=True),
        "malformed baseline: version: unsupported version True (this govrules reads version 1)",
        "version",
    ),
    (document(tool="ruff"), "malformed baseline: tool: expected 'govrules', got 'ruff'", "tool"),
    (
        document(findings={}),
        "malformed baseline: findings: expected an array, got dict",
        "findings",
    ),
    (
        document(finding=[]),
        "malformed baseline: unknown key 'finding'; did you mean 'findings'?",
        None,
    ),
    (document(findings=...), "malformed baseline: missing key 'findings'", None),
    (
        document(findings=["OWN001 a"]),
        "malformed baseline: findings[0]: expected an object, got str",
        "findings[0]",
    ),
    (
        entry(count=0),
        "malformed baseline: findings[0].count: expected a positive integer, got 0",
        "findings[0].count",
    ),
    (
        entry(count="1"),
        "malformed baseline: findings[0].count: expected a positive integer, got '1'",
        "findings[0].count",
    ),
    (
        entry(count=True),
        "malformed baseline: findings[0].count: expected a positive integer, got True",
        "findings[0].count",
    ),
    (
        entry(identity=""),
        "malformed baseline: findings[0].identity: expected a non-empty string",
        "findings[0].identity",
    ),
    (
        entry(code="SUP001"),
        "malformed baseline: findings[0].code: "
        "expected the code that starts the identity ('OWN001')",
        "findings[0].code",
    ),
    (entry(line=4), "malformed baseline: findings[0]: unknown key 'line'", "findings[0]"),
    (entry(count=...), "malformed baseline: findings[0]: missing key 'count'", "findings[0]"),
]


@pytest.mark.parametrize(("text", "message", "key"), MALFORMED)
def test_malformed_baseline_is_config_error(text: str, message: str, key: str | None) -> None:
    """A baseline of the wrong shape is a ConfigError naming the file and the field."""
    with pytest.raises(ConfigError) as info:
        read_baseline(text, FILE)
    assert (info.value.message, info.value.key, info.value.file) == (message, key, FILE)


def test_invalid_json_has_line_and_column() -> None:
    """Text that is not JSON is a ConfigError with the file, line and column."""
    with pytest.raises(ConfigError) as info:
        read_baseline('{\n  "version": 1,\n  "tool": govrules\n}\n', FILE)
    assert str(info.value) == "baseline.json:3:11: the baseline is not valid JSON: Expecting value"


def test_deeply_nested_json_is_config_error() -> None:
    """Absurd nesting is a ConfigError, not a RecursionError."""
    with pytest.raises(ConfigError, match="not valid JSON"):
        read_baseline("[" * 100_000 + "]" * 100_000, FILE)


identities = st.builds(
    finding,
    st.sampled_from(["OWN001", "SUP002", "COL006"]),
    st.text(min_size=1, max_size=20).filter(str.strip),
    st.integers(min_value=1, max_value=500),
)


@pytest.mark.slow
@given(st.lists(identities, max_size=30), st.randoms(use_true_random=False))
def test_any_findings_round_trip_and_match(findings: list[Finding], rnd: random.Random) -> None:
    """A baseline written from findings accepts exactly them, in any order and on any line."""
    baseline = read_baseline(write_baseline(findings), FILE)
    shuffled = list(findings)
    rnd.shuffle(shuffled)
    moved = [attrs.evolve(f, location=Span("b.gov", 1, 1, 1, 2)) for f in shuffled]
    result, stale = apply_baseline(moved, baseline)
    assert all(f.suppressed == "baseline" for f in result)
    assert stale == []
