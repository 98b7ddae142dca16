"""Planning never changes findings: planned rules against twins the planner cannot touch.

Each pair states the same rule twice. The first is written the way the
planner recognises (a where clause answered by a driver, a condition over a
comprehension variable answered from a memo table, a fused count or
exists); its twin adds ``and yes`` or an ``exists(<rule variable>)`` that is
always true, which the planner cannot see through, so the twin runs every
clause for every declaration. On random models both must give the same
findings, message for message.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import gov_models

import govrules
from govrules.engine.compile import CompiledRule, _Compiler, compile_all
from govrules.engine.rulelang import parse_rules

# Seconds to minutes: kept out of the quick loop (`-m "not slow"`).
pytestmark = pytest.mark.slow

PAIRS: dict[str, tuple[str, str]] = {
    "inverse driver with a memoized condition": (
        "each product p\n"
        "let fs = [f in p.financed_by where not (f.from == f.to)]\n"
        "where exists(fs)\n"
        "expect count(p.owner) == 1\n"
        'message "{p}: {fs} / {count(p.owner)}"',
        "each product p\n"
        "let fs = [f in p.financed_by where not (f.from == f.to) and exists(p)]\n"
        "where exists(fs) and yes\n"
        "expect count([x in p.owner where exists(p)]) == 1\n"
        'message "{p}: {fs} / {count(p.owner)}"',
    ),
    "inverse driver on a bare relation": (
        "each organization o\n"
        "where exists(o.supervised_by)\n"
        "expect exists(o.agreements)\n"
        'message "{o}: {o.supervised_by}"',
        "each organization o\n"
        "where exists(o.supervised_by) and yes\n"
        "expect exists(o.agreements) and yes\n"
        'message "{o}: {o.supervised_by}"',
    ),
    "attribute driver with a let after it": (
        "each body b\n"
        'where b.kind == "supervisory_board"\n'
        "let measurable = [r in b.assesses.results where exists(r.indicator) and exists(r.by)]\n"
        "expect exists(measurable)\n"
        'message "{b}: {b.assesses}"',
        "each body b\n"
        'where b.kind == "supervisory_board" and yes\n'
        "let measurable = [r in b.assesses.results where exists(r.indicator) and exists(r.by)"
        " and exists(b)]\n"
        "expect exists(measurable) and yes\n"
        'message "{b}: {b.assesses}"',
    ),
    "memoized any and counts of plain values": (
        "each organization o\n"
        'let boards = [x in o.bodies where x.kind in {"board", "executive"}]\n'
        'expect count(boards) <= 1 and not any(x in o.bodies: x.kind == "works_council")\n'
        'message "{o}: {boards} ({count(o.goals)})"',
        "each organization o\n"
        'let boards = [x in o.bodies where x.kind in {"board", "executive"} and exists(o)]\n'
        "expect count(boards) <= 1 and not any(x in o.bodies: "
        'x.kind == "works_council" and exists(o))\n'
        'message "{o}: {boards} ({count(o.goals)})"',
    ),
    "exists of values and references": (
        "each financing f\n"
        "where not (f.from == f.to)\n"
        "expect exists(f.amount) and exists(f.to) and count(f.for) >= 1\n"
        'message "{f}: {f.for}"',
        "each financing f\n"
        "where not (f.from == f.to) and yes\n"
        "expect exists([x in {f.amount} where yes]) and exists([x in {f.to} where yes])"
        " and count([x in f.for where exists(f)]) >= 1\n"
        'message "{f}: {f.for}"',
    ),
    "two references of one declaration compared": (
        "each financing f\n"
        "where not (f.from == f.to) or exists(f.amount)\n"
        "expect no\n"
        'message "{f}: {f.from == f.to} {f.from != f.to} {not (f.from == f.to)}'
        ' {not (f.from != f.to)}"',
        "each financing f\n"
        "where not (union(f.from) == f.to) or exists(f.amount)\n"
        "expect no\n"
        'message "{f}: {union(f.from) == f.to} {union(f.from) != f.to}'
        ' {not (union(f.from) == f.to)} {not (union(f.from) != f.to)}"',
    ),
    "membership in a reference list and in a constant set": (
        "each financing f\n"
        'where f.from.kind in {"municipality", "joint_organization"} or not exists(f.from)\n'
        "let astray = [p in f.for where count(p.owner) == 1 and f.to not in p.owner]\n"
        "expect empty(astray)\n"
        'message "{f}: {astray}"',
        "each financing f\n"
        'where union(f.from.kind) in {"municipality", "joint_organization"}'
        " or not exists(f.from)\n"
        "let astray = [p in f.for where count(p.owner) == 1"
        " and not (f.to in [o in p.owner where exists(f)])]\n"
        "expect empty(astray)\n"
        'message "{f}: {astray}"',
    ),
}


NESTED = (
    "each financing f\n"
    "where not (f.from == f.to) and exists(f.to)\n"
    "let passed = [p in f.for where any(g in f.from.receives:"
    " not (g.from == g.to) and p in g.for)]\n"
    "let uncovered = [p in passed where not any(a in f.from.agreements:"
    " f.to in a.between and p in a.covers)]\n"
    "expect empty(uncovered)\n"
    'message "{f}: {passed} / {uncovered}"'
)
"""COL002's shape: two collections inside comprehensions that read only ``f``.

Its twin is the same text compiled with hoisting switched off: no rule text
can keep the planner from hoisting a collection that reads only ``f``."""


def compile_unhoisted(body: str) -> CompiledRule:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_Compiler, "_hoisted", lambda self, node, coll: coll)
        return compile_pair(body, body)[1]


def compile_pair(planned: str, twin: str) -> tuple[CompiledRule, CompiledRule]:
    def one(body: str, code: str) -> CompiledRule:
        text = (
            f'ruleset t "t"\nrule {code} t-t {{\n  severity error\n  title "t"\n  why "w"\n'
            + body
            + "\n}\n"
        )
        (rule,) = compile_all([(r, "t.rules") for r in parse_rules(text, "t.rules", "t").rules])
        return rule

    return one(planned, "TST001"), one(twin, "TST001")


def run(rule: CompiledRule, model: govrules.Model) -> list[tuple[str, int, str]]:
    report = govrules.lint(model, rules=[rule])
    return [(f.subject or "", f.location.line, f.message) for f in report.findings]


def test_the_twins_really_escape_the_planner() -> None:
    """No twin has a driver, a memo table or a hoisted collection (else it proves nothing)."""
    planned_with = {}
    for name, pair in PAIRS.items():
        planned, twin = compile_pair(*pair)
        assert twin.driver is None and twin.memos == () and twin.slots == (), name
        planned_with[name] = (
            planned.driver is not None,
            bool(planned.memos),
            bool(planned.slots),
        )
    assert planned_with == {
        "inverse driver with a memoized condition": (True, True, False),
        "inverse driver on a bare relation": (True, False, False),
        "attribute driver with a let after it": (True, True, False),
        "memoized any and counts of plain values": (False, True, False),
        "exists of values and references": (False, False, False),
        "membership in a reference list and in a constant set": (False, False, False),
        "two references of one declaration compared": (False, False, False),
    }


@pytest.mark.parametrize("name", sorted(PAIRS))
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(text=gov_models())
def test_planned_rule_finds_what_its_twin_finds(name: str, text: str) -> None:
    """Same findings, same lines, same messages, on random well-formed models."""
    planned, twin = compile_pair(*PAIRS[name])
    model = govrules.loads(text, "random.gov")
    assert not model.diagnostics, [d.message for d in model.diagnostics]
    assert run(planned, model) == run(twin, model)


def test_the_nested_twin_really_escapes_hoisting() -> None:
    """The planned rule hoists both inner collections; its twin hoists none."""
    planned, _same = compile_pair(NESTED, NESTED)
    assert planned.slots == ("$last0", "$last1")
    assert compile_unhoisted(NESTED).slots == ()


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(text=gov_models())
def test_hoisted_collections_find_what_recomputed_ones_find(text: str) -> None:
    """A collection worked out once per declaration gives what working it out each time gives."""
    planned, _same = compile_pair(NESTED, NESTED)
    twin = compile_unhoisted(NESTED)
    model = govrules.loads(text, "random.gov")
    assert not model.diagnostics, [d.message for d in model.diagnostics]
    assert run(planned, model) == run(twin, model)
