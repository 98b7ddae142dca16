"""Semantics of the rule language, shown on small rules and models."""

from __future__ import annotations

import govrules
from govrules.engine.compile import compile_all
from govrules.engine.rulelang import parse_rules


def run(rule_body: str, model_text: str) -> list[tuple[str, int, str]]:
    text = (
        'ruleset t "t"\nrule TST001 t-t {\n  severity error\n  title "t"\n  why "w"\n'
        + rule_body
        + "\n}\n"
    )
    rules = compile_all([(r, "t.rules") for r in parse_rules(text, "t.rules", "t").rules])
    model = govrules.loads(model_text, "m.gov")
    assert model.diagnostics == ()
    report = govrules.lint(model, rules=rules)
    return [(f.code, f.location.line, f.message) for f in report.findings]


def test_comparison_with_a_missing_value_is_false() -> None:
    """'x == y' and 'x != y' are both false when x is absent."""
    body = 'each financing f\nexpect f.from != f.to\nmessage "{f}"'
    assert run(body, "organization a\nfinancing f { to a }\n") == [("TST001", 2, "f")]


def test_transitive_closure_and_once_per() -> None:
    """m.via+ follows the chain; 'once per' reports one cycle once."""
    body = 'each mandate m\nexpect m not in m.via+\nonce per m.via+\nmessage "{m}: {m.via+}"'
    model = "mandate a { via b }\nmandate b { via c }\nmandate c { via a }\nmandate d { via a }\n"
    assert run(body, model) == [("TST001", 1, "a: b, c, a")]


def test_message_renders_lists_numbers_and_none() -> None:
    """Templates render declarations by identifier, lists joined, empty as none."""
    body = (
        'each product p\nexpect no\nmessage "{p}: {p.owner} / {count(p.owner)} / {p.description}"'
    )
    model = "organization a\norganization b\nproduct p { owner a, b }\n"
    assert run(body, model) == [("TST001", 3, "p: a, b / 2 / none")]


def test_at_points_at_an_attribute_line() -> None:
    """'at p.owner' reports on the attribute's line, falling back to the header."""
    body = 'each product p\nexpect no\nat p.owner\nmessage "m"'
    model = 'organization a\nproduct p {\n  description "x"\n  owner a\n}\nproduct q\n'
    assert [(c, line) for c, line, _ in run(body, model)] == [("TST001", 4), ("TST001", 6)]


def test_membership_set_literal_and_union() -> None:
    """'in' a set literal, and union() of relations."""
    body = (
        'each organization o\nwhere o.kind in {"joint_organization", "partnership"}\n'
        'expect count(union(o.participants.organization, o.established_by)) >= 2\nmessage "{o}"'
    )
    model = (
        "organization a\norganization b\n"
        "organization gr {\n  kind joint_organization\n  established_by a\n  participant a\n}\n"
        "organization gr2 {\n  kind partnership\n  established_by a\n  participant b\n}\n"
    )
    assert [m for _c, _l, m in run(body, model)] == ["gr"]
