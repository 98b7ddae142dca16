"""Run compiled rules over a model: one finding per fault, at the declaration at fault.

Each rule visits only the declarations of its kinds (``model.all(kind)``), and
every navigation goes through attributes or the model's inverse indexes, so no
rule rescans the model per declaration.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from typing import Any

from govrules.diagnostics import Finding, Related
from govrules.engine.budget import BudgetExceeded, Exhausted, budget_for
from govrules.engine.runtime import TODAY, as_list, plain
from govrules.engine.types import BUDGET_KEY, INVERSES_KEY, MODEL, CompiledRule
from govrules.messages import Message, translated
from govrules.model.model import Model
from govrules.model.objects import Declaration

_UNSET = object()
"""What a hoisted collection's slot holds before its first use: no name's value."""


def evaluate(
    model: Model,
    rules: Sequence[CompiledRule],
    as_of: datetime.date | None = None,
    budget: int | None = None,
) -> list[tuple[Finding, Declaration]]:
    """Every finding of every rule, each with the declaration it is about.

    ``as_of`` is the date the rules read as ``today`` (default: today's date).
    ``budget`` is the steps each rule may take (default: :func:`budget_for` the
    model's size); a rule that needs more raises :class:`BudgetExceeded`.
    """
    day = as_of if as_of is not None else datetime.date.today()
    if budget is None:
        budget = budget_for(sum(len(decls) for decls in model.by_kind.values()))
    out: list[tuple[Finding, Declaration]] = []
    for rule in rules:
        out.extend(evaluate_rule(model, rule, day, budget))
    return out


def evaluate_rule(
    model: Model,
    rule: CompiledRule,
    as_of: datetime.date | None = None,
    budget: int | None = None,
) -> Iterator[tuple[Finding, Declaration]]:
    """The findings of one rule, judged on ``as_of`` (default: today's date), within ``budget``.

    The clauses run in the rule's plan order (conditions as early as what
    they read allows). One environment serves every declaration: each step
    binds what it reads before it reads it, and names are unique per rule.
    """
    if budget is None:
        budget = budget_for(sum(len(decls) for decls in model.by_kind.values()))
    env: dict[str, Any] = dict(rule.params)
    env[TODAY] = as_of if as_of is not None else datetime.date.today()
    env[MODEL] = model
    env[INVERSES_KEY] = model.inverse_index()
    env[BUDGET_KEY] = [budget]
    for memo in rule.memos:
        env[memo] = {}
    for slot in rule.slots:
        env[slot] = [_UNSET, None]
    try:
        yield from _run(model, rule, env)
    except Exhausted:
        decl = env.get(rule.var)
        subject = decl.subject if isinstance(decl, Declaration) else rule.code
        raise BudgetExceeded(rule.code, rule.span, budget, subject) from None


def _run(
    model: Model,
    rule: CompiledRule,
    env: dict[str, Any],
) -> Iterator[tuple[Finding, Declaration]]:
    """The declaration loop of :func:`evaluate_rule`."""
    seen: set[frozenset[Any]] = set()
    var, plan, lets = rule.var, rule.plan, rule.lets
    single = plan[0][1] if len(plan) == 1 and plan[0][2] else None
    # Only the declarations some inverse reference reaches can pass (see compile._driver).
    only = rule.driver(env) if rule.driver is not None else None
    for kind in rule.kinds:
        decls = model.all(kind)
        if only is not None:
            decls = tuple([d for d in decls if id(d) in only])
        for decl in decls:
            env[var] = decl
            if single is not None:  # the plan is one expect condition: no loop
                if single(env):
                    continue
            else:
                failed = False  # becomes True when an expect condition fails
                for name, fn, is_expect in plan:
                    if name is not None:
                        env[name] = fn(env)
                    elif not fn(env):
                        failed = is_expect
                        break
                if not failed:
                    continue
            # A finding: the message and related parts may read any let.
            for name, fn in lets:
                env[name] = fn(env)
            if rule.once is not None:
                key = frozenset(plain(v) for v in as_list(rule.once(env)))
                if key in seen:
                    continue
                seen.add(key)
            yield _finding(rule, decl, env), decl


def _named(decl: Declaration) -> Message:
    """A related declaration as the reader names it: ``financiering bijdrage`` in Dutch."""
    # subject is "<kind> <name>" (a nested one's name is "<parent>.<id>"): only the kind is a word.
    # Its English is the subject itself: given, so the message is not rendered for each finding.
    name = decl.subject.partition(" ")[2]
    return Message("finding.related", (("kind", decl.KIND), ("name", name)), english=decl.subject)


def _finding(rule: CompiledRule, decl: Declaration, env: dict[str, Any]) -> Finding:
    related: dict[int, Related] = {}
    for fn in rule.related:
        for item in as_list(fn(env)):
            if isinstance(item, Declaration) and item is not decl and id(item) not in related:
                related[id(item)] = Related(item.span, _named(item))
    message = {"en": rule.message.render(env)}
    fix = {"en": rule.fix.render(env)} if rule.fix is not None else None
    for t in rule.translations:
        if t.message is not None:
            message[t.lang] = t.message.render(env, t.lang)
        if fix is not None:
            fix[t.lang] = t.fix.render(env, t.lang) if t.fix is not None else fix["en"]
    return Finding(
        code=rule.code,
        severity=rule.severity,
        message=translated(message),
        location=decl.span_of(rule.at) if rule.at else decl.span,
        subject=decl.subject,
        related=tuple(related.values()),
        ruleset=rule.ruleset,
        fix=translated(fix) if fix is not None else None,
        source=rule.source or None,
    )
