"""Closures the compiler builds for the common shapes of a rule, and what they are made of.

Each function here makes one specialised closure (a count of references,
a comparison of two references of one declaration, one navigation step over
mixed kinds); the compiler picks them where the general closure would do
the same work with more calls.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import attrs

from govrules.engine.runtime import ABSENT
from govrules.engine.types import Env, Fn, Ty
from govrules.model.objects import Declaration
from govrules.model.schema import AttrSpec


def same_target(
    var: str, kind: str, left: str, right: str, general: Fn, *, want: bool, absent: bool
) -> Fn:
    """``v.left == v.right`` (``want`` true) or ``!=`` for two single references of one declaration.

    Gives ``absent`` when either reference is missing or unbound (``==`` and
    ``!=`` are false then; ``not (...)`` of either is true); otherwise whether
    both name the same declaration, compared with ``want``. ``general`` is the
    comparison as written, for any other start; it is negated when ``absent``
    is true, which is how ``not (...)`` asks for it.
    """

    def same_target(env: Env) -> bool:
        start = env[var]
        if isinstance(start, Declaration) and kind == start.KIND:
            a = getattr(start, left)
            b = getattr(start, right)
            x = None if a is None else a.target
            y = None if b is None else b.target
            if x is None or y is None:
                return absent
            return (x is y) == want
        held = bool(general(env))
        return not held if absent else held

    return same_target


def counted(name: str, f: Fn) -> Fn:
    """``count``, ``exists`` or ``empty`` of any value: a list, one value, or absent.

    ``as_list`` written out: these run for every declaration. ``count`` gives
    an int, not a Decimal: it compares equal to the Decimal literals and
    parameters.
    """
    if name == "count":

        def count(env: Env) -> int:
            v = f(env)
            if type(v) is list:
                return len(v)
            return 0 if v is ABSENT or v is None else 1

        return count
    if name == "exists":

        def exists(env: Env) -> bool:
            v = f(env)
            if type(v) is list:
                return bool(v)
            return not (v is ABSENT or v is None)

        return exists

    def empty(env: Env) -> bool:
        v = f(env)
        if type(v) is list:
            return not v
        return v is ABSENT or v is None

    return empty


def count_references(
    var: str, kind: str, field: str, general: Fn, equals: tuple[Any, bool] | None = None
) -> Fn:
    """``count(v.field)`` for a many-valued reference attribute, or ``count(v.field) == y``.

    Counts the distinct bound references straight from the declaration, with
    no list in between; ``general`` counts for any other start. With
    ``equals=(y, want)`` the closure answers the comparison instead (one call
    less for ``count(p.owner) == 1``).
    """
    y, want = equals if equals is not None else (None, True)
    compare = equals is not None

    def count_references(env: Env) -> Any:
        start = env[var]
        if isinstance(start, Declaration) and kind == start.KIND:
            refs = getattr(start, field)
            if len(refs) == 1:
                n = 0 if refs[0].target is None else 1
            else:
                n = len({id(r.target) for r in refs if r.target is not None})
        else:
            n = general(env)
        return (n == y) == want if compare else n

    return count_references


def one_step_any(
    items: Iterable[Any],
    getters: dict[str, Callable[[Declaration], list[Any]]],
    inverses: dict[str, str],
    model: Any,
) -> list[Any]:
    """One navigation step from each declaration among ``items``, by its kind."""
    out: list[Any] = []
    for item in items:
        if not isinstance(item, Declaration):
            continue
        getter = getters.get(item.KIND)
        if getter is not None:
            out.extend(getter(item))
            continue
        relation = inverses.get(item.KIND)
        if relation is not None:
            out.extend(model.inverse(item, relation))
    return out


@attrs.frozen
class VarStep:
    """``v.attr`` with ``v`` a variable of one kind: what the closure for it is made of."""

    var: str
    kind: str
    getter: Callable[[Declaration], Any]
    """A list getter when the closure always gives a list, else a single-value one."""
    spec: AttrSpec | None
    """The attribute, when ``attr`` is one (not a nested kind, ``id`` or ``label``)."""


@attrs.frozen
class Binder:
    """What ``any(x in S: c)``, ``all(...)`` and ``[x in S where c]`` are made of."""

    var: str
    coll: Fn
    body: Fn
    ty: Ty
    """The type of the collection's items."""
    memo: str | None
    """The memo table's key when the body reads nothing but ``var`` and parameters."""

    def held(self) -> Fn:
        """The body, answered from the memo table where there is one."""
        var, body, memo = self.var, self.body, self.memo
        if memo is None:
            return body

        def held(env: Env) -> Any:
            item = env[var]
            table = env[memo]
            answer = table.get(item)
            if answer is None:
                answer = table[item] = bool(body(env))
            return answer

        return held
