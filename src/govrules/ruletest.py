"""Ruleset tests: fixture models that state the findings they must produce.

A fixture is a ``.gov`` file, a self-contained model. Two kinds of comment
turn it into a test:

- ``# checks: OWN001, OWN002`` (anywhere, usually first): the codes the
  fixture is about; findings of other codes are ignored. Without it, every
  finding counts.
- ``# expect: OWN001`` at the end of a line: a finding with that code must be
  reported on that line (several codes are comma-separated).
- ``# as-of: 2026-06-30``: the date the fixture is judged on (rules that read
  ``today``); without it, today's date.

A fixture passes when the findings of the checked codes are exactly the
expected ones, line by line. Model diagnostics (syntax errors, undefined
references) always count, so a broken fixture can never pass by accident.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Sequence

import attrs

from govrules.config import Config
from govrules.diagnostics import Finding
from govrules.engine.types import CompiledRule
from govrules.linting import lint
from govrules.loader import discover, load
from govrules.suggest import suggestion_suffix

_CHECKS = re.compile(r"#\s*checks:\s*(?P<codes>[A-Z0-9, ]+?)\s*$")
_EXPECT = re.compile(r"#\s*expect:\s*(?P<codes>[A-Z0-9, ]+?)\s*$")
_AS_OF = re.compile(r"#\s*as-of:\s*(?P<date>\S+)\s*$")
_LOOSE = re.compile(r"#\s*(?P<word>checks|expects?|as-of)\b", re.IGNORECASE)
"""A comment that looks like a directive: if it is not exactly one, the fixture says so."""

Expectation = tuple[str, int]
"""(code, line)"""


@attrs.frozen(slots=True)
class FixtureResult:
    """The outcome of one fixture."""

    file: str
    expected: tuple[Expectation, ...]
    missing: tuple[Expectation, ...]
    unexpected: tuple[Finding, ...]
    checks: tuple[str, ...]
    problems: tuple[str, ...] = ()
    """Mistakes in the fixture itself (a malformed directive, an unknown code)."""

    @property
    def passed(self) -> bool:
        return not self.missing and not self.unexpected and not self.problems


def _codes(text: str) -> list[str]:
    return [c.strip() for c in text.split(",") if c.strip()]


def run_fixture(file: str, rules: Sequence[CompiledRule]) -> FixtureResult:
    """Lint one fixture with ``rules`` and compare with what its comments expect."""
    model = load([file])
    checks: list[str] = []
    expected: list[Expectation] = []
    problems: list[str] = []
    as_of: datetime.date | None = None
    for comment in model.comments.get(file, ()):
        dated = _AS_OF.match(comment.text)
        if dated:
            try:
                as_of = datetime.date.fromisoformat(dated.group("date"))
            except ValueError:
                problems.append(
                    f"line {comment.span.line}: {dated.group('date')!r} is not a date; "
                    "write '# as-of: YYYY-MM-DD'"
                )
            continue
        m = _CHECKS.match(comment.text)
        if m:
            checks.extend(_codes(m.group("codes")))
            continue
        m = _EXPECT.search(comment.text)
        if m:
            expected.extend((code, comment.span.line) for code in _codes(m.group("codes")))
            continue
        loose = _LOOSE.search(comment.text)
        if loose:
            word = loose.group("word").lower()
            directive = word if word in ("checks", "as-of") else "expect"
            hint = (
                "write '# as-of: YYYY-MM-DD'"
                if directive == "as-of"
                else f"write '# {directive}: CODE' (a colon, codes in capitals)"
            )
            problems.append(
                f"line {comment.span.line}: {comment.text.strip()!r} is not a directive; {hint}"
            )
    known = {r.code for r in rules}
    prefixes = {code for code in checks if any(k.startswith(code) for k in known)}
    for code in sorted({*checks, *(c for c, _line in expected)} - known - prefixes):
        if not code.startswith("GR"):
            problems.append(
                f"unknown code {code}{suggestion_suffix(code, known)} "
                "(is its ruleset loaded? use --ruleset)"
            )
    if problems:
        return FixtureResult(file, tuple(expected), (), (), tuple(checks), tuple(problems))
    config = Config(select=checks) if checks else Config()
    report = lint(model, config, rules=rules, today=as_of)
    relevant = [
        f
        for f in report.findings
        if f.suppressed is None and (not checks or config.is_selected(f.code))
    ]
    want = Counter(expected)
    unexpected: list[Finding] = []
    for f in relevant:
        key = (f.code, f.location.line)
        if want[key] > 0:
            want[key] -= 1
        else:
            unexpected.append(f)
    missing = sorted(k for k, n in want.items() for _ in range(n))
    return FixtureResult(file, tuple(expected), tuple(missing), tuple(unexpected), tuple(checks))


def run_fixtures(paths: Sequence[str], rules: Sequence[CompiledRule]) -> list[FixtureResult]:
    """Run every fixture file under ``paths`` (directories are searched for .gov files)."""
    return [run_fixture(f, rules) for f in discover(paths)]
