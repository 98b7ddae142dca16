"""Run compiled rules over a model: one finding per fault, at the declaration at fault.

Each rule visits only the declarations of its kinds (``model.all(kind)``), and
every navigation goes through attributes or the model's inverse indexes, so no
rule rescans the model per declaration.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from govrules.diagnostics import Finding, Related
from govrules.engine.compile import MODEL, CompiledRule, as_list, plain
from govrules.model.model import Model
from govrules.model.objects import Declaration


def evaluate(model: Model, rules: Sequence[CompiledRule]) -> list[tuple[Finding, Declaration]]:
    """Every finding of every rule, each with the declaration it is about."""
    out: list[tuple[Finding, Declaration]] = []
    for rule in rules:
        out.extend(evaluate_rule(model, rule))
    return out


def evaluate_rule(model: Model, rule: CompiledRule) -> Iterator[tuple[Finding, Declaration]]:
    """The findings of one rule."""
    base: dict[str, Any] = dict(rule.params)
    base[MODEL] = model
    seen: set[frozenset[Any]] = set()
    var, lets, where, expect = rule.var, rule.lets, rule.where, rule.expect
    for kind in rule.kinds:
        for decl in model.all(kind):
            env = base.copy()
            env[var] = decl
            for name, fn in lets:
                env[name] = fn(env)
            if not _holds(where, env) or _holds(expect, env):
                continue
            if rule.once is not None:
                key = frozenset(plain(v) for v in as_list(rule.once(env)))
                if key in seen:
                    continue
                seen.add(key)
            yield _finding(rule, decl, env), decl


def _holds(conditions: tuple[Any, ...], env: dict[str, Any]) -> bool:
    # A plain loop: all(generator) costs a frame per declaration and rule.
    for condition in conditions:  # noqa: SIM110 - measured faster than all(...)
        if not condition(env):
            return False
    return True


def _finding(rule: CompiledRule, decl: Declaration, env: dict[str, Any]) -> Finding:
    related: dict[int, Related] = {}
    for fn in rule.related:
        for item in as_list(fn(env)):
            if isinstance(item, Declaration) and item is not decl and id(item) not in related:
                related[id(item)] = Related(item.span, item.subject)
    return Finding(
        code=rule.code,
        severity=rule.severity,
        message=rule.message.render(env),
        location=decl.span_of(rule.at) if rule.at else decl.span,
        subject=decl.subject,
        related=tuple(related.values()),
        ruleset=rule.ruleset,
        fix=rule.fix.render(env) if rule.fix is not None else None,
        source=rule.source or None,
    )
