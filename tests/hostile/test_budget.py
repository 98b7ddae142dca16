"""Bounded evaluation: a runaway rule is stopped with a located one-line error, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_support import ROOT, assert_no_crash, hang_guard, run_cli

import govrules
from govrules.engine.budget import BudgetExceeded, budget_for
from govrules.engine.compile import compile_all
from govrules.engine.evaluate import evaluate
from govrules.engine.rulelang import MAX_EXPRESSION_DEPTH, RuleFileError, parse_rules

RULE = """ruleset {name} "Hostile"

rule HOS001 hostile-rule {{
  severity error
  title "t"
  why "w"
  each organization o
  expect {expect}
  message "{message}"
}}
"""

# Five any() deep over an all-to-all relation: 40^5 items per organization.
RUNAWAY = (
    "any(a in o.established_by: any(b in a.established_by: any(c in b.established_by: "
    "any(d in c.established_by: any(e in d.established_by: e.id == o.id and a.id == b.id)))))"
)


def _dense(n: int) -> str:
    """``n`` organizations, each established by all the others."""
    return "".join(
        f'organization o{i} "O{i}" {{\n  kind municipality\n'
        f"  established_by {', '.join(f'o{j}' for j in range(n) if j != i)}\n}}\n"
        for i in range(n)
    )


def _rule(tmp_path: Path, expect: str, message: str = "{o} fails", name: str = "hostile") -> str:
    path = tmp_path / f"{name}.rules"
    path.write_text(RULE.format(name=name, expect=expect, message=message), encoding="utf-8")
    return str(path)


def test_nested_any_is_stopped_naming_the_rule(tmp_path: Path) -> None:
    """41 organizations, five any() deep: exit 2 with one line naming the rule, within seconds."""
    (tmp_path / "m.gov").write_text(_dense(41), encoding="utf-8")
    rules = _rule(tmp_path, RUNAWAY)
    with hang_guard(60):
        result = run_cli(["lint", "--no-cache", "--ruleset", rules, str(tmp_path / "m.gov")])
    assert_no_crash(result)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"govrules: error: {rules}:3:6: rule HOS001 was stopped: it took more than 1,000,000 "
        "steps (at organization o0); simplify it (nested any/all over a relation grow fast) "
        "or raise evaluation-budget in the configuration\n"
    )


def test_the_budget_is_configurable(tmp_path: Path) -> None:
    """evaluation-budget sets the steps per declaration: 1 stops a rule that 10 lets finish."""
    (tmp_path / "m.gov").write_text(_dense(30), encoding="utf-8")  # 30 x 29 x 29 steps
    two_deep = "any(a in o.established_by: any(b in a.established_by: b.id == o.id and no))"
    rules = _rule(tmp_path, two_deep)
    (tmp_path / "govrules.toml").write_text("evaluation-budget = 1\n", encoding="utf-8")
    stopped = run_cli(["lint", "--no-cache", "--ruleset", rules, str(tmp_path)])
    assert stopped.exit_code == 2
    assert "more than 10,000 steps" in stopped.stderr
    (tmp_path / "govrules.toml").write_text("evaluation-budget = 10\n", encoding="utf-8")
    passed = run_cli(["lint", "--no-cache", "--ruleset", rules, str(tmp_path)])
    assert passed.exit_code == 1  # the rule ran to its end: a finding per organization
    assert passed.stdout.count(": HOS001 error") == 30


def test_transitive_steps_are_metered(tmp_path: Path) -> None:
    """A '+' walk pays for every item it visits: a tiny budget stops it at the rule."""
    model = govrules.loads(_dense(30), "m.gov")
    (rule,) = compile_all(
        [
            (r, "t.rules")
            for r in parse_rules(
                RULE.format(name="t", expect="count(o.established_by+) == 0", message="m"),
                "t.rules",
                "t",
            ).rules
        ]
    )
    assert len(evaluate(model, [rule])) == 30
    with pytest.raises(BudgetExceeded) as caught:
        evaluate(model, [rule], budget=100)
    assert (caught.value.code, caught.value.subject) == ("HOS001", "organization o0")


def test_builtin_rules_run_within_the_default_budget() -> None:
    """The examples lint as before: the default budget leaves real rules alone."""
    report = govrules.lint_paths([ROOT / "examples/01-work-organization/before"])
    assert {f.code for f in report.findings} >= {"OWN001", "SUP001"}


def test_budget_grows_with_the_model() -> None:
    """100 steps per declaration, at least 10,000 declarations' worth."""
    assert budget_for(41) == 1_000_000
    assert budget_for(107_775) == 10_777_500
    assert budget_for(50, per_declaration=2) == 20_000


@pytest.mark.parametrize(
    ("name", "expect"),
    [
        ("nots", "not " * 500 + "exists(o.kind)"),
        ("ands", " and ".join(["exists(o.kind)"] * 500)),
        ("unions", "exists(" + "union(" * 1000 + "o.kind" + ", o.kind)" * 1000 + ")"),
        ("anys", "any(a in o.kind: " * 200 + "yes" + ")" * 200),
    ],
)
def test_deep_expressions_are_located_errors(name: str, expect: str, tmp_path: Path) -> None:
    """500 not, 500 and, 1,000 nested union(: a located error in the rule file, exit 2."""
    (tmp_path / "m.gov").write_text(_dense(2), encoding="utf-8")
    rules = _rule(tmp_path, expect, name=name)
    result = run_cli(["lint", "--no-cache", "--ruleset", rules, str(tmp_path)])
    assert_no_crash(result)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == "govrules: error: a problem in rule files:"
    assert lines[1].startswith(f"  {rules}:8:")
    assert lines[1].endswith(
        f"HOS001: this expression nests more than {MAX_EXPRESSION_DEPTH} levels deep; "
        "name parts of it with 'let'"
    )


def test_deep_template_expression_is_a_located_error(tmp_path: Path) -> None:
    """A {...} of 300 nots in a message is reported at the message's text."""
    text = RULE.format(name="t", expect="exists(o.kind)", message="{" + "not " * 300 + "yes}")
    with pytest.raises(RuleFileError) as caught:
        compile_all([(r, "t.rules") for r in parse_rules(text, "t.rules", "t").rules])
    (problem,) = caught.value.problems
    assert (problem.span.line, problem.span.column) == (9, 11)
    assert "in {...}: this expression nests more than" in problem.message


def test_expression_at_the_depth_limit_compiles_and_runs() -> None:
    """Nesting just inside the limit is fine: compiled and evaluated without RecursionError."""
    depth = MAX_EXPRESSION_DEPTH - 3
    text = RULE.format(name="t", expect="not " * depth + "exists(o.kind)", message="m")
    (rule,) = compile_all([(r, "t.rules") for r in parse_rules(text, "t.rules", "t").rules])
    model = govrules.loads(_dense(3), "m.gov")
    findings = evaluate(model, [rule])
    # An odd number of nots negates exists(o.kind), which holds: every organization fails.
    assert len(findings) == (3 if depth % 2 else 0)
