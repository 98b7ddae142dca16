"""The built-in rules against their fixtures (``rulesets/tests``) and their own examples."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from govrules.cli import cli
from govrules.engine.catalogue import builtin_rules
from govrules.engine.types import CompiledRule
from govrules.linting import lint
from govrules.loader import loads
from govrules.ruletest import run_fixture

FIXTURES = Path(__file__).resolve().parents[1] / "rulesets" / "tests"
RULES = builtin_rules()
CLEAN = FIXTURES / "clean.gov"


def _fixture_files() -> list[Path]:
    return sorted(FIXTURES.rglob("*.gov"))


def _run_test_command(*paths: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(cli, ["test", *paths])
    return result.exit_code, result.output.splitlines()


def test_every_fixture_passes() -> None:
    """`govrules test rulesets/tests` exits 0 and reports every fixture file as passed."""
    code, lines = _run_test_command(str(FIXTURES))
    assert code == 0, "\n".join(lines)
    assert lines[-1] == f"{len(_fixture_files())} passed, 0 failed"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_has_failing_and_passing_fixture_cases(rule: CompiledRule) -> None:
    """<CODE>.gov checks only that code, expects it somewhere and has a declaration it spares."""
    file = FIXTURES / f"{rule.code}.gov"
    assert file.is_file(), f"no fixture {file.name} for {rule.code}"
    result = run_fixture(str(file), RULES)
    assert result.checks == (rule.code,)
    failing = {line for code, line in result.expected if code == rule.code}
    assert failing, f"{file.name} expects no {rule.code}"
    model = loads(file.read_text(encoding="utf-8"), str(file))
    candidates = [d.span.line for kind in rule.kinds for d in model.all(kind)]
    assert any(line not in failing for line in candidates), (
        f"{file.name} has no {'/'.join(rule.kinds)} that passes {rule.code}"
    )


def test_every_fixture_is_a_rule_or_the_clean_model() -> None:
    """Every fixture file is named after a built-in rule code, except clean.gov."""
    codes = {r.code for r in RULES}
    names = {f.stem for f in _fixture_files()}
    assert names - codes == {"clean"}


def test_clean_model_counts_every_rule() -> None:
    """clean.gov narrows nothing (no checks line) and expects nothing, so it passes only clean."""
    result = run_fixture(str(CLEAN), RULES)
    assert result.checks == ()
    assert result.expected == ()
    assert result.passed


def test_runner_reports_missing_and_unexpected_findings(tmp_path: Path) -> None:
    """A fixture with one expectation dropped and one moved fails with an exact diff."""
    lines = (FIXTURES / "OWN001.gov").read_text(encoding="utf-8").splitlines()
    marked = [i for i, text in enumerate(lines) if text.endswith("# expect: OWN001")]
    dropped, moved = marked[0], marked[1]
    target = next(i for i, text in enumerate(lines) if text.startswith("product wegen"))
    lines[dropped] = lines[dropped].removesuffix("  # expect: OWN001")
    lines[moved] = lines[moved].removesuffix("  # expect: OWN001")
    lines[target] += "  # expect: OWN001"
    broken = tmp_path / "OWN001.gov"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")

    code, out = _run_test_command(str(broken))

    assert code == 1
    assert out == [
        f"FAIL {broken}",
        f"  - expected OWN001 at line {target + 1}, not reported",
        f"  + unexpected OWN001 at line {dropped + 1}: product burgerzaken is financed by"
        " bijdrage but has 0 owners instead of one (none)",
        f"  + unexpected OWN001 at line {moved + 1}: product sociaal_domein is financed by"
        " bijdrage but has 2 owners instead of one (gemeente, werkorganisatie)",
        "  (checks: OWN001)",
        "0 passed, 1 failed",
    ]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_examples_fail_and_pass(rule: CompiledRule) -> None:
    """The rule's `example fail` produces its code and its `example pass` does not."""
    kinds = sorted(e.kind for e in rule.examples)
    assert kinds == ["fail", "pass"]
    for example in rule.examples:
        model = loads(example.text, f"<{rule.code} example {example.kind}>")
        assert model.diagnostics == (), [f.message for f in model.diagnostics]
        codes = {f.code for f in lint(model, rules=(rule,)).findings}
        if example.kind == "fail":
            assert rule.code in codes
        else:
            assert rule.code not in codes


@pytest.mark.parametrize(
    ("fixture", "line"),
    [
        (
            "# checks: OWN001\nproduct p  # expect OWN001\n",
            "  ! line 2: '# expect OWN001' is not a directive; write '# expect: CODE' "
            "(a colon, codes in capitals)",
        ),
        (
            "# checks: OWN009\nproduct p\n",
            "  ! unknown code OWN009; did you mean 'OWN001'? "
            "(is its ruleset loaded? use --ruleset)",
        ),
    ],
)
def test_a_broken_fixture_never_passes(tmp_path: Path, fixture: str, line: str) -> None:
    """A malformed directive or an unknown code fails the fixture instead of passing it."""
    path = tmp_path / "broken.gov"
    path.write_text(fixture, encoding="utf-8")
    result = CliRunner().invoke(cli, ["test", str(path)])
    assert result.exit_code == 1
    assert line in result.output.splitlines()


def test_checks_accepts_a_prefix(tmp_path: Path) -> None:
    """'# checks: OWN' tests every OWN rule: reported findings count, others are ignored."""
    path = tmp_path / "prefix.gov"
    path.write_text(
        "# checks: OWN\norganization a\norganization b\nproduct p  # expect: OWN001\n"
        "product q {  # expect: OWN001\n  owner a, b\n}\nfinancing f {\n  from a\n  to b\n"
        "  for p, q\n}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["test", str(path)])
    assert (result.exit_code, result.output) == (0, "1 passed, 0 failed\n")
