"""How a compiled rule is planned: clause order, drivers and memo tables.

These are optimisations; the findings must not change. The property tests
in tests/reference/test_plan_equivalence.py compare planned rules with
unplannable twins on random models; the tests here pin what the planner
decides and the edge cases of the fused closures.
"""

from __future__ import annotations

import pytest

import govrules
from govrules.engine.catalogue import builtin_rules
from govrules.engine.compile import CompiledRule, compile_all
from govrules.engine.rulelang import RuleFileError, parse_rules


def compile_one(rule_body: str) -> CompiledRule:
    text = (
        'ruleset t "t"\nrule TST001 t-t {\n  severity error\n  title "t"\n  why "w"\n'
        + rule_body
        + "\n}\n"
    )
    (rule,) = compile_all([(r, "t.rules") for r in parse_rules(text, "t.rules", "t").rules])
    return rule


def findings(rule: CompiledRule, model_text: str) -> list[tuple[str, int, str]]:
    model = govrules.loads(model_text, "m.gov")
    assert model.diagnostics == ()
    report = govrules.lint(model, rules=[rule])
    return [(f.subject or "", f.location.line, f.message) for f in report.findings]


def shape(rule: CompiledRule) -> list[str]:
    """The plan as words: ``let NAME``, ``where`` or ``expect``."""
    return [
        f"let {name}" if name is not None else ("expect" if is_expect else "where")
        for name, _fn, is_expect in rule.plan
    ]


# --- clause order ---------------------------------------------------------------


def test_conditions_run_before_the_lets_they_do_not_read() -> None:
    """A where reading no let comes first; a let only the message reads is not planned."""
    rule = compile_one(
        "each body b\n"
        "let measurable = [r in b.assesses.results where exists(r.indicator)]\n"
        "let named = b.members\n"
        "where exists(b.supervises)\n"
        "expect exists(measurable)\n"
        'message "{b}: {named}"'
    )
    assert rule.driver is None
    assert shape(rule) == ["where", "let measurable", "expect"]


def test_a_let_read_through_another_let_is_planned_first() -> None:
    """'where exists(b)' with b reading a: a, then b, then the condition."""
    rule = compile_one(
        "each organization o\n"
        "let a = o.bodies\n"
        'let b = [x in a where x.kind == "board"]\n'
        "where exists(o.staff)\n"
        "where exists(b)\n"
        "expect count(b) == 1\n"
        'message "{o}"'
    )
    assert shape(rule) == ["where", "let a", "let b", "where", "expect"]


def test_every_where_comes_before_every_expect() -> None:
    """An expect reading nothing still waits for the where that needs a let."""
    rule = compile_one(
        "each organization o\n"
        "let staff = o.staff\n"
        "where exists(staff)\n"
        "expect exists(o.mission)\n"
        'message "{o}"'
    )
    assert rule.driver is None
    assert shape(rule) == ["let staff", "where", "expect"]


def test_a_let_naming_an_inverse_can_drive() -> None:
    """let bodies = o.bodies, where exists(bodies): the organizations some body is 'of'."""
    rule = compile_one(
        'each organization o\nlet bodies = o.bodies\nwhere exists(bodies)\nexpect no\nmessage "{o}"'
    )
    assert rule.driver is not None
    assert shape(rule) == ["expect"]
    model = "organization a\norganization b\nbody x {\n  of b\n}\n"
    assert findings(rule, model) == [("organization b", 2, "b")]


def test_unplanned_lets_are_computed_for_the_message() -> None:
    """The message reads a let no condition needs: it is bound when there is a finding."""
    rule = compile_one(
        'each product p\nlet owners = p.owner\nexpect no\nmessage "{p} owned by {owners}"'
    )
    assert shape(rule) == ["expect"]
    model = "organization a\norganization b\nproduct p { owner a, b }\n"
    assert findings(rule, model) == [("product p", 3, "p owned by a, b")]


# --- drivers ----------------------------------------------------------------------


def test_builtin_rules_with_a_driver() -> None:
    """Which built-in rules are answered from the other side of a relation or an attribute."""
    driven = sorted(r.code for r in builtin_rules() if r.driver is not None)
    assert driven == ["COL005", "OWN001", "OWN003", "POL001", "SUP001", "SUP003", "WGR006"]


def test_no_driver_when_the_condition_reads_the_rule_variable() -> None:
    """[f in p.financed_by where f.to == p] depends on p: it cannot be asked per financing."""
    rule = compile_one(
        "each product p\n"
        "let mine = [f in p.financed_by where f.to == p]\n"
        "where exists(mine)\n"
        "expect no\n"
        'message "{p}"'
    )
    assert rule.driver is None
    assert shape(rule) == ["let mine", "where", "expect"]


def test_no_driver_for_several_kinds_or_a_combined_condition() -> None:
    """Only a whole where clause on a rule of one kind becomes a driver."""
    two_kinds = compile_one(
        'each financing, assignment c\nwhere exists(c.from)\nexpect no\nmessage "{c}"'
    )
    combined = compile_one('each body b\nwhere b.kind == "board" and yes\nexpect no\nmessage "{b}"')
    assert two_kinds.driver is None
    assert combined.driver is None


def test_driver_through_an_inverse_keeps_only_referred_declarations() -> None:
    """exists([f in p.financed_by where ...]): unfinanced and self-financed products pass."""
    rule = compile_one(
        "each product p\n"
        "let fs = [f in p.financed_by where not (f.from == f.to)]\n"
        "where exists(fs)\n"
        "expect no\n"
        'message "{p} by {fs}"'
    )
    assert rule.driver is not None
    assert shape(rule) == ["expect"]
    model = (
        "organization a\norganization b\n"
        "product p1\nproduct p2\nproduct p3\n"
        "financing f1 { from a  to b  for p1 }\n"
        "financing f2 { from a  to a  for p2 }\n"
        "financing f3 { from b  to a  for p1, p3 }\n"
    ).replace("  ", "\n  ")
    assert findings(rule, model) == [
        ("product p1", 3, "p1 by f1, f3"),
        ("product p3", 5, "p3 by f3"),
    ]


def test_driver_on_an_attribute_value() -> None:
    """where b.kind == "supervisory_board": other kinds of body and bodies without kind pass."""
    rule = compile_one('each body b\nwhere "supervisory_board" == b.kind\nexpect no\nmessage "{b}"')
    assert rule.driver is not None
    model = (
        "organization o\n"
        "body rvt {\n  of o\n  kind supervisory_board\n}\n"
        "body ab {\n  of o\n  kind board\n}\n"
        "body x {\n  of o\n}\n"
    )
    assert findings(rule, model) == [("body rvt", 2, "rvt")]


# --- fused closures -------------------------------------------------------------


def test_count_of_references_counts_distinct_bound_targets() -> None:
    """count(p.owner): a repeated owner counts once; an owner that is not declared not at all."""
    rule = compile_one(
        'each product p\nexpect count(p.owner) == 1\nmessage "{p}: {count(p.owner)}"'
    )
    model = govrules.loads(
        "organization a\norganization b\n"
        "product once { owner a, a }\n"
        "product twice { owner a, b }\n"
        "product none\n"
        "product ghost { owner a, nobody }\n",
        "m.gov",
    )
    assert [d.code for d in model.diagnostics] == ["GR302"]
    report = govrules.lint(model, rules=[rule])
    assert [(f.subject, f.message) for f in report.findings if f.code == "TST001"] == [
        ("product twice", "twice: 2"),
        ("product none", "none: 0"),
    ]


def test_exists_of_a_value_and_of_a_reference() -> None:
    """exists(x.attr) is true for any written value (even 'no'), false for a dangling reference."""
    rule = compile_one(
        'each policy p\nexpect exists(p.discretion) and exists(p.hardship_clause)\nmessage "{p}"'
    )
    model = (
        'policy a {\n  discretion no\n  hardship_clause "art. 4"\n}\n'
        "policy b {\n  discretion yes\n}\n"
    )
    assert findings(rule, model) == [("policy b", 5, "b")]


def test_memoized_condition_is_per_evaluation() -> None:
    """A memo table answers one model only: a second model gets fresh answers."""
    rule = compile_one(
        "each product p\n"
        "let fs = [f in p.financed_by where exists(f.amount)]\n"
        "expect empty(fs)\n"
        'message "{p}: {fs}"'
    )
    assert rule.memos
    with_amount = "organization a\nproduct p\nfinancing f {\n  to a\n  for p\n  amount EUR 5\n}\n"
    without = "organization a\nproduct p\nfinancing f {\n  to a\n  for p\n}\n"
    assert findings(rule, with_amount) == [("product p", 2, "p: f")]
    assert findings(rule, without) == []
    assert findings(rule, with_amount) == [("product p", 2, "p: f")]


def test_a_let_may_not_reuse_the_variable_of_a_comprehension() -> None:
    """let a = [x in ...] then let x: the two would share one slot, and lets may run early."""
    text = (
        'ruleset t "t"\nrule TST001 t-t {\n  severity error\n  title "t"\n  why "w"\n'
        "  each organization o\n"
        "  let a = [x in o.bodies where exists(x.supervises)]\n"
        "  let x = o.goals\n"
        "  where exists(x)\n"
        "  expect count(x) == 2 or exists(a)\n"
        '  message "{o}"\n}\n'
    )
    with pytest.raises(RuleFileError) as info:
        compile_all([(r, "t.rules") for r in parse_rules(text, "t.rules", "t").rules])
    [problem] = info.value.problems
    assert (problem.span.line, problem.span.column) == (8, 7)
    assert "the name 'x' is already the variable of an any, all or [... where ...]" in (
        problem.message
    )
