"""The evaluation budget: a rule written by someone else cannot run without end.

Only two things in the rule language can grow faster than the model: a binder
(``any``, ``all``, ``[... where ...]``) inside another binder, which visits
its collection once per item of the one around it (five ``any`` deep over a
relation of 40 grows as 40^5 per declaration), and a transitive step (``m.via+``),
which walks a chain once per declaration. Every other step visits each
relation of a declaration once. So those two are metered: each item they
visit is a *step*, and a rule may take at most its budget of steps over the
whole model. A binder that is not nested is not metered: it costs nothing,
and it cannot run away.

The budget grows with the model (steps per declaration, at least
:data:`MIN_DECLARATIONS` declarations' worth), so a national model gets
room a toy model does not need, and a runaway rule on a small model stops
within about a second (1,000,000 steps). The built-in rules take at most
8,446 steps on the 107,775 declarations of the national benchmark model
(COL002), against a budget of 10,777,500 there.
"""

from __future__ import annotations

from typing import Any

from govrules.engine.runtime import as_list
from govrules.engine.types import BUDGET_KEY, Env, Fn
from govrules.errors import GovrulesError
from govrules.messages import msg
from govrules.source import Span

DEFAULT_STEPS_PER_DECLARATION = 100
"""The default budget: steps per declaration of the model, for each rule."""

MIN_DECLARATIONS = 10_000
"""A small model is budgeted as if it had this many declarations."""


class Exhausted(Exception):
    """Raised inside a rule's closures when its steps run out; turned into BudgetExceeded."""


class BudgetExceeded(GovrulesError):
    """A rule took more steps than its budget: it is stopped, and the run cannot go on (exit 2)."""

    def __init__(self, code: str, span: Span, steps: int, subject: str) -> None:
        self.code = code
        self.span = span
        self.steps = steps
        self.subject = subject
        super().__init__(
            msg(
                "budget.exceeded",
                where=f"{span.file}:{span.line}:{span.column}",
                code=code,
                steps=f"{steps:,}",
                subject=subject,
            )
        )


def budget_for(declarations: int, per_declaration: int = DEFAULT_STEPS_PER_DECLARATION) -> int:
    """The steps each rule may take on a model of ``declarations`` declarations."""
    return per_declaration * max(declarations, MIN_DECLARATIONS)


def spend(env: Env, steps: int) -> None:
    """Take ``steps`` from the rule's budget; :class:`Exhausted` when none are left."""
    left: list[int] = env[BUDGET_KEY]
    left[0] -= steps
    if left[0] < 0:
        raise Exhausted


def metered(coll: Fn) -> Fn:
    """The collection of a nested binder, each of its items paid for before it is visited."""

    def metered(env: Env) -> list[Any]:
        items = as_list(coll(env))
        left: list[int] = env[BUDGET_KEY]
        left[0] -= len(items)
        if left[0] < 0:
            raise Exhausted
        return items

    return metered
