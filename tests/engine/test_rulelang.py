"""The rule language: rules are checked against the vocabulary when loaded, with located errors."""

from __future__ import annotations

from pathlib import Path

import pytest

import govrules
from govrules.engine.catalogue import builtin_rules, load_rules
from govrules.engine.compile import compile_all
from govrules.engine.rulelang import RuleFileError, parse_rules

HEADER = 'ruleset local "Local rules"\n'


def compile_text(body: str) -> list[object]:
    text = HEADER + body
    ruleset = parse_rules(text, "local.rules", "local")
    return list(compile_all([(r, "local.rules") for r in ruleset.rules]))


def problems(body: str) -> list[tuple[int, int, str]]:
    with pytest.raises(RuleFileError) as info:
        compile_text(body)
    return [(p.span.line, p.span.column, p.message) for p in info.value.problems]


RULE = """\
rule LOC001 local-rule {{
  severity warning
  title "t"
  why "w"
  each {each}
  expect {expect}
  message "m"
}}
"""


def test_a_valid_rule_compiles() -> None:
    """A well-formed rule over the vocabulary compiles."""
    (rule,) = compile_text(RULE.format(each="product p", expect="count(p.owner) == 1"))
    assert rule.code == "LOC001"  # type: ignore[attr-defined]


def test_unknown_kind_is_located_with_suggestion() -> None:
    """An unknown kind in 'each' is an error at its position, with did-you-mean."""
    [(line, col, msg)] = problems(RULE.format(each="prodcut p", expect="exists(p.owner)"))
    assert (line, col) == (6, 8)
    assert "unknown kind 'prodcut'; did you mean 'product'?" in msg


def test_unknown_attribute_is_located_with_suggestion() -> None:
    """A typo in an attribute can never make a rule silently pass."""
    [(line, col, msg)] = problems(RULE.format(each="product p", expect="exists(p.ownr)"))
    assert (line, col) == (7, 19)
    assert "a product has no attribute or relation 'ownr'; did you mean 'owner'?" in msg


def test_inverse_relations_are_known() -> None:
    """Inverse relations (financed_by) are part of the vocabulary the rules see."""
    compile_text(RULE.format(each="product p", expect="exists(p.financed_by)"))
    [(_l, _c, msg)] = problems(RULE.format(each="product p", expect="exists(p.financed)"))
    assert "did you mean 'financed_by'?" in msg


def test_unknown_function_and_name() -> None:
    """Unknown functions and names are errors with suggestions."""
    [(_l, _c, msg)] = problems(RULE.format(each="product p", expect="cont(p.owner) == 1"))
    assert "unknown function 'cont'; did you mean 'count'?" in msg
    [(_l, _c, msg)] = problems(RULE.format(each="product p", expect="exists(q.owner)"))
    assert "unknown name 'q'" in msg


def test_condition_must_be_a_condition() -> None:
    """'expect p.owner' (a list, not true/false) is rejected with a hint."""
    [(_l, _c, msg)] = problems(RULE.format(each="product p", expect="p.owner"))
    assert "needs a condition" in msg and "exists(...)" in msg


def test_missing_clause_and_duplicate_code() -> None:
    """A rule without 'expect' and two rules with one code are errors."""
    body = (
        'rule LOC001 a-b {\n  severity error\n  title "t"\n  why "w"\n'
        '  each product p\n  message "m"\n}\n'
    )
    [(line, _c, msg)] = problems(body)
    assert line == 2 and "no 'expect' clause" in msg
    twice = RULE.format(each="product p", expect="exists(p.owner)") * 2
    assert any("defined twice" in m for _l, _c, m in problems(twice))


def test_syntax_error_is_located() -> None:
    """A syntax error in a rule file names the line and column and what was expected."""
    with pytest.raises(RuleFileError) as info:
        parse_rules(HEADER + "rule LOC001 a-b {\n  severity error error\n}\n", "x.rules", "local")
    (p,) = info.value.problems
    assert (p.span.line, p.span.column) == (3, 18)
    assert "unexpected 'error'" in p.message


def test_python_payloads_are_only_located_errors() -> None:
    """A rule file full of Python is text: errors, never executed."""
    payloads = [
        'expect __import__("os").system("touch /tmp/pwned") == 0',
        "expect eval(p.id)",
        "expect exec(p)",
        'expect open("/etc/passwd")',
        "expect p.__class__.__bases__",
        "expect (lambda: 1)()",
    ]
    for payload in payloads:
        body = RULE.format(each="product p", expect="yes").replace("expect yes", payload)
        with pytest.raises(RuleFileError):
            compile_text(body)
    assert not Path("/tmp/pwned").exists()


def test_user_ruleset_from_a_path(tmp_path: Path) -> None:
    """A user's .rules file is loaded alongside, and its findings carry its ruleset."""
    path = tmp_path / "local.rules"
    path.write_text(
        HEADER
        + RULE.format(each="product p", expect="exists(p.description)").replace(
            'message "m"', 'message "product {p} has no description"'
        ),
        encoding="utf-8",
    )
    rules = load_rules([str(path)])
    model = govrules.loads("product paspoort\n", "m.gov")
    (f,) = govrules.lint(model, rules=rules).findings
    assert (f.code, f.ruleset, f.message) == (
        "LOC001",
        "local",
        "product paspoort has no description",
    )


def test_user_ruleset_cannot_reuse_a_builtin_code(tmp_path: Path) -> None:
    """A local rule may not take a built-in code."""
    path = tmp_path / "local.rules"
    path.write_text(
        HEADER + RULE.format(each="product p", expect="yes").replace("LOC001", "OWN001")
    )
    with pytest.raises(RuleFileError, match="already a built-in rule code"):
        load_rules(["responsibility", str(path)])


def test_builtin_catalogue_is_complete() -> None:
    """All 46 codes of RULES.md (28 of version 1, 18 of version 2) ship, each with its metadata."""
    codes = [r.code for r in builtin_rules()]
    assert codes[:3] == ["OWN001", "OWN002", "OWN003"] and len(codes) == 46
    for r in builtin_rules():
        assert r.title and r.why and r.source and r.fix_text, r.code
        assert {e.kind for e in r.examples} == {"fail", "pass"}, r.code
