"""Model and rulesets to a report: evaluate, apply configuration and suppressions, sort.

This is the library's ``govrules.lint`` for one loaded model;
:func:`govrules.workspace.lint_paths` adds projects, configuration files, the
cache and baselines, as ``govrules lint`` does.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from govrules.config import Config, validate_codes
from govrules.diagnostics import Finding, Report, RuleInfo, model_code_infos, sort_findings
from govrules.engine.budget import budget_for
from govrules.engine.catalogue import builtin_rules, load_rules, rule_info
from govrules.engine.compile import CompiledRule, with_params
from govrules.engine.evaluate import evaluate
from govrules.followon import damaged_spans, hold_back
from govrules.loader import collector_paused
from govrules.model.model import Model
from govrules.model.objects import Declaration
from govrules.suppress import Suppression, apply_suppressions, parse_suppressions


def known_rules(rules: Sequence[CompiledRule]) -> dict[str, dict[str, Any]]:
    """Every code a configuration may name (built-in and given rules) with its parameters."""
    return {r.code: dict(r.params) for r in (*builtin_rules(), *rules)}


def select_rules(rules: Sequence[CompiledRule], config: Config) -> list[CompiledRule]:
    """The rules the configuration selects, with its severities and parameters applied."""
    out = []
    for rule in rules:
        if not config.is_selected(rule.code):
            continue
        severity = config.severity_for(rule.code, rule.severity)
        params = dict(config.params_for(rule.code))
        if params:
            rule = with_params(rule, params)
        if severity is not rule.severity:
            rule = attrs.evolve(rule, severity=severity)
        out.append(rule)
    return out


def lint(
    model: Model,
    config: Config | None = None,
    *,
    rules: Sequence[CompiledRule] | None = None,
    today: datetime.date | None = None,
    base: Path | None = None,
) -> Report:
    """Check a model against the rulesets; returns every finding, sorted.

    ``config`` selects rulesets and rules, overrides severities and parameters;
    ``rules`` replaces the rulesets entirely (already compiled). Model
    diagnostics always come first in importance: they are never filtered.
    """
    config = config or Config()
    all_rules = tuple(rules) if rules is not None else load_rules(config.rulesets, base)
    # A typo in a code or a parameter must fail loudly, never switch a rule off.
    validate_codes(config, known_rules(all_rules))
    active = select_rules(all_rules, config)
    today = today or config.as_of or datetime.date.today()
    with collector_paused():
        results = evaluate(model, active, as_of=today, budget=_budget(model, config))
    # Findings that only repeat a model diagnostic are held back (RULES.md, follow-on
    # findings); they still meet the suppressions, so none of those reads as unused.
    results, held = hold_back(results, damaged_spans(model))
    anchors = _anchors([*results, *held])
    findings = [*model.diagnostics, *(f for f, _d in results)]
    held_findings = [f for f, _d in held]

    comments = [c for file in model.files for c in model.comments.get(file, ())]
    suppressions, problems = parse_suppressions(comments)
    suppressions = [_mark_trailing(s, model.sources) for s in suppressions]
    known = {r.code for r in all_rules}
    checked = {r.code for r in active}
    findings = apply_suppressions(
        [*findings, *held_findings, *problems],
        suppressions,
        anchor_lines=lambda f: anchors.get(id(f), {(f.location.file, f.location.line)}),
        today=today,
        unsuppressible=config.unsuppressible,
        known_codes=known,
        is_enabled=lambda code: code in checked or code.startswith("GR"),
    )
    findings, taken = _without(findings, held_findings)
    taken = [f for f in taken if f.suppressed is None]
    infos: list[RuleInfo] = [rule_info(r) for r in active]
    return Report(
        findings=tuple(sort_findings(findings)),
        held_back=tuple(sort_findings(taken)),
        files=model.files,
        rules=(*infos, *model_code_infos()),
        sources=model.sources,
        fail_on=config.fail_on,
    )


def _budget(model: Model, config: Config) -> int:
    """The steps each rule may take on this model (``evaluation-budget`` per declaration)."""
    declarations = sum(len(decls) for decls in model.by_kind.values())
    if config.evaluation_budget is None:
        return budget_for(declarations)
    return budget_for(declarations, config.evaluation_budget)


def _without(
    findings: Sequence[Finding], held: Sequence[Finding]
) -> tuple[list[Finding], list[Finding]]:
    """Take the held-back findings (as suppression left them) out of ``findings``."""
    if not held:
        return list(findings), []
    wanted = Counter(_key(f) for f in held)
    kept: list[Finding] = []
    taken: list[Finding] = []
    for finding in findings:
        key = _key(finding)
        if wanted[key] > 0:
            wanted[key] -= 1
            taken.append(finding)
        else:
            kept.append(finding)
    return kept, taken


def _key(finding: Finding) -> tuple[str, object, str, str | None]:
    return (finding.code, finding.location, finding.message, finding.subject)


def _mark_trailing(suppression: Suppression, sources: Mapping[str, str]) -> Suppression:
    """A suppression that ends a line of code covers that line only."""
    text = sources.get(suppression.span.file, "")
    lines = text.split("\n", suppression.line)
    line = lines[suppression.line - 1] if len(lines) >= suppression.line else ""
    before = line[: suppression.span.column - 1]
    return attrs.evolve(suppression, trailing=bool(before.strip()))


def _anchors(
    results: Sequence[tuple[Finding, Declaration]],
) -> dict[int, Collection[tuple[str, int]]]:
    """Where a suppression for each finding may stand: its own line, or its declaration's header."""
    out: dict[int, Collection[tuple[str, int]]] = {}
    for finding, decl in results:
        top = decl.top
        out[id(finding)] = {
            (finding.location.file, finding.location.line),
            (decl.span.file, decl.span.line),
            (top.span.file, top.span.line),
        }
    return out
