"""The compiler's types: expression types, compiled rules and their parts, the environment.

Shared by the compiler, the planner and the evaluator, so it imports none of them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from govrules.diagnostics import Severity
from govrules.engine.runtime import render_value
from govrules.messages.render import language
from govrules.source import Span

Env = dict[str, Any]
Fn = Callable[[Env], Any]
Step = tuple[str | None, Fn, bool]
"""One step of a rule's plan: ``(let name, fn, _)`` binds a name; ``(None, fn, is_expect)``
checks a ``where`` (``is_expect`` false) or an ``expect`` condition."""

MODEL = "$model"
"""The environment key holding the model (inverse relations need it)."""

INVERSES_KEY = "$inverses"
"""The environment key holding the model's inverse index (see :meth:`Model.inverse_index`)."""

BUDGET_KEY = "$budget"
"""The environment key holding ``[steps left]`` for the rule being evaluated (see budget.py)."""

FUNCTIONS = ("count", "exists", "empty", "union")


# --- types -------------------------------------------------------------------


@attrs.frozen(slots=True)
class Ty:
    """The static type of an expression: declarations of some kinds, or a plain value."""

    kinds: frozenset[str] = frozenset()
    scalar: str | None = None
    """``bool``, ``number``, ``text``, ``value`` (an attribute's values), or ``mixed``."""
    symbols: tuple[tuple[str, str], ...] = attrs.field(default=(), eq=False)
    """For a symbol attribute's values: each English symbol with its Dutch word, so a message
    shows ``samenwerkingsorganisatie`` to a Dutch reader; not part of the type (eq=False)."""

    @property
    def is_decls(self) -> bool:
        return bool(self.kinds)

    def describe(self) -> str:
        if self.kinds:
            return "declarations of kind " + " or ".join(sorted(self.kinds))
        return {
            "bool": "a condition",
            "number": "a number",
            "text": "a text",
            "date": "a date",
            "duration": "a duration",
        }.get(self.scalar or "", "values")


BOOL = Ty(scalar="bool")
NUMBER = Ty(scalar="number")
TEXT = Ty(scalar="text")
DATE = Ty(scalar="date")
DURATION = Ty(scalar="duration")
VALUES = Ty(scalar="value")
MIXED = Ty(scalar="mixed")


# --- compiled rules --------------------------------------------------------


@attrs.frozen(slots=True)
class Template:
    """A message template: literal parts and compiled ``{expression}`` parts."""

    parts: tuple[str | Fn, ...]

    def render(self, env: Env, lang: str = "en") -> str:
        if lang == "en":
            return "".join(p if isinstance(p, str) else render_value(p(env)) for p in self.parts)
        words = language(lang)
        return "".join(p if isinstance(p, str) else render_value(p(env), words) for p in self.parts)


@attrs.frozen(slots=True)
class Translation:
    """A rule's texts in one more language (``title nl "..."``); what it lacks reads in English."""

    lang: str
    title: str = ""
    why: str = ""
    source: str = ""
    fix_text: str = ""
    message: Template | None = None
    fix: Template | None = None


@attrs.frozen(slots=True)
class Example:
    kind: str  # "fail" or "pass"
    text: str


@attrs.frozen(slots=True)
class CompiledRule:
    """A rule ready to evaluate: its metadata and its compiled clauses."""

    code: str
    slug: str
    ruleset: str
    severity: Severity
    title: str
    why: str
    source: str
    fix_text: str
    kinds: tuple[str, ...]
    var: str
    params: dict[str, Any]
    lets: tuple[tuple[str, Fn], ...]
    message: Template
    fix: Template | None
    at: str | None
    related: tuple[Fn, ...]
    once: Fn | None
    examples: tuple[Example, ...]
    span: Span
    driver: Fn | None = None
    """The ids of the only declarations that can pass the ``where`` clauses (:func:`_driver`)."""
    plan: tuple[Step, ...] = ()
    translations: tuple[Translation, ...] = ()
    """The rule's texts in other languages than English."""
    """The order :mod:`~govrules.engine.evaluate` runs the clauses in (see :func:`_plan`)."""
    memos: tuple[str, ...] = ()
    """Environment keys of per-evaluation memo tables (see ``_Compiler._memoized``)."""
    slots: tuple[str, ...] = ()
    """Environment keys of per-evaluation slots of hoisted collections (``_Compiler._hoisted``)."""


# --- runtime helpers --------------------------------------------------------
