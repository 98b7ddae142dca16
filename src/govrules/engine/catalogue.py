"""The rulesets: the built-in ones shipped in ``rulesets/`` and any a user names by path.

Built-in rulesets are parsed and compiled once per process.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from govrules.diagnostics import RuleInfo, RuleText
from govrules.engine import rulelang
from govrules.engine.compile import CompiledRule, compile_all
from govrules.engine.rulelang import (
    RuleFileError,
    RuleProblem,
    RulesetDef,
    parse_rules,
    ruleset_from_tree,
)
from govrules.errors import GovrulesError
from govrules.messages import msg
from govrules.resources import data_dir
from govrules.source import whole_file
from govrules.suggest import did_you_mean
from govrules.syntax import tables

SUFFIX = ".rules"
CATALOGUE_ORDER = (
    "responsibility",
    "supervision",
    "collaboration",
    "contracts",
    "policy",
    "mandates",
    "financing",
)
"""The order of RULES.md; a ruleset file not listed here comes after, alphabetically."""


def builtin_names() -> list[str]:
    """The names of the built-in rulesets, in catalogue order."""
    names = [p.stem for p in data_dir("rulesets").glob("*" + SUFFIX)]
    rank = {n: i for i, n in enumerate(CATALOGUE_ORDER)}
    return sorted(names, key=lambda n: (rank.get(n, len(rank)), n))


def read_ruleset(path: Path) -> RulesetDef:
    """Parse one rule file; unreadable files are a :class:`RuleFileError` too."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not valid UTF-8"
        raise RuleFileError(
            [RuleProblem(whole_file(str(path)), f"cannot read: {reason}")]
        ) from None
    return parse_rules(text, str(path), path.stem)


def _read_builtin(name: str, stored: dict[str, Any]) -> RulesetDef:
    """A built-in ruleset, from its stored syntax tree when that fits the file, else parsed."""
    path = data_dir("rulesets") / (name + SUFFIX)
    raw = path.read_bytes()
    entry = stored.get(name)
    if isinstance(entry, dict) and entry.get("sha256") == hashlib.sha256(raw).hexdigest():
        try:
            tree = tables.tree_from_data(entry.get("tree"))
        except (ValueError, TypeError):
            pass
        else:
            return ruleset_from_tree(tree, str(path), name)
    return parse_rules(raw.decode("utf-8"), str(path), name)


@cache
def _builtin() -> tuple[tuple[RulesetDef, ...], tuple[CompiledRule, ...]]:
    stored = tables.parsed_rulesets()
    rulelang.PREPARSED_EXPRESSIONS.update(tables.parsed_expressions())
    defs = tuple(_read_builtin(n, stored) for n in builtin_names())
    compiled = compile_all([(r, d.file) for d in defs for r in d.rules])
    return defs, tuple(compiled)


def builtin_rules() -> tuple[CompiledRule, ...]:
    """Every built-in rule, compiled (once per process)."""
    return _builtin()[1]


def builtin_rulesets() -> tuple[RulesetDef, ...]:
    return _builtin()[0]


def resolve_ruleset(entry: str, base: Path | None = None) -> Path:
    """A ruleset named in configuration or on the command line: a built-in name or a path."""
    names = builtin_names()
    if entry in names:
        return data_dir("rulesets") / (entry + SUFFIX)
    path = Path(entry)
    if base is not None and not path.is_absolute():
        path = base / path
    if path.suffix == SUFFIX or "/" in entry or "\\" in entry:
        if not path.is_file():
            raise GovrulesError(msg("ruleset.no-file", path=str(path)))
        return path
    suggestion = did_you_mean(entry, names)
    raise GovrulesError(msg("ruleset.unknown", name=entry, suggestion=suggestion, builtin=names))


def load_rules(entries: Sequence[str] = (), base: Path | None = None) -> tuple[CompiledRule, ...]:
    """The rules of the named rulesets; no names means every built-in ruleset."""
    if not entries:
        return builtin_rules()
    builtin_dir = data_dir("rulesets").resolve()
    wanted_builtin: set[str] = set()
    extra: list[RulesetDef] = []
    for entry in entries:
        path = resolve_ruleset(entry, base)
        if path.resolve().parent == builtin_dir:
            wanted_builtin.add(path.stem)
        else:
            extra.append(read_ruleset(path))
    rules = [r for r in builtin_rules() if r.ruleset in wanted_builtin]
    taken = {r.code for r in rules}
    user_defs = [(r, d.file) for d in extra for r in d.rules]
    clashes = [
        RuleProblem(r.span, f"{r.code} is already a built-in rule code; choose another code")
        for r, _f in user_defs
        if r.code in {b.code for b in builtin_rules()} or r.code in taken
    ]
    if clashes:
        raise RuleFileError(clashes)
    return (*rules, *compile_all(user_defs))


def slotted(template: str) -> str:
    """A template for reading outside a finding: ``{p.owner}`` becomes ``<p.owner>``."""

    def slot(m: re.Match[str]) -> str:
        whole = m.group(0)
        return whole[0] if whole in ("{{", "}}") else f"<{m.group(1)}>"

    return re.sub(r"\{\{|\}\}|\{([^{}]+)\}", slot, template)


def rule_info(rule: CompiledRule) -> RuleInfo:
    """What outputs need to know of a rule."""
    return RuleInfo(
        code=rule.code,
        slug=rule.slug,
        severity=rule.severity,
        ruleset=rule.ruleset,
        title=rule.title,
        why=rule.why,
        fix=slotted(rule.fix_text),
        source=rule.source,
        translations=tuple(
            (t.lang, RuleText(t.title, t.why, slotted(t.fix_text), t.source))
            for t in rule.translations
        ),
    )
