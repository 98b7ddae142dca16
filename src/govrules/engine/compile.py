"""Rule definitions to compiled rules: checked against the vocabulary, then made into closures.

Every name in a rule is checked when the rule is loaded: kinds, attributes,
inverse relations, functions, variables and parameters. A typo is a located
error with a suggestion, never a rule that silently passes.

Expressions become plain Python closures over an environment dictionary
(never ``eval``). Values are either declarations, plain values (``str``,
``int``, ``Decimal``, ``bool``, ``date``, or a money/duration/target value),
or lists of them: a path always yields a list.
"""

from __future__ import annotations

import decimal
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs
from lark import Token, Tree
from lark.exceptions import UnexpectedInput

from govrules.diagnostics import Severity
from govrules.engine.rulelang import (
    Clause,
    RuleDef,
    RuleFileError,
    RuleProblem,
    parse_expr,
    syntax_problem,
    token_span,
    tree_span,
    unquote,
)
from govrules.engine.runtime import (
    _PLAIN_VALUED,
    _SELF_VALUED,
    ABSENT,
    _attr_getter,
    _nested_getter,
    _single_getter,
    as_list,
    plain,
    scalar,
    unique,
)
from govrules.engine.types import (
    BOOL,
    FUNCTIONS,
    INVERSES_KEY,
    MIXED,
    MODEL,
    NUMBER,
    TEXT,
    VALUES,
    CompiledRule,
    Env,
    Example,
    Fn,
    Step,
    Template,
    Ty,
)
from govrules.model.objects import Declaration
from govrules.model.schema import AttrSpec
from govrules.model.values import Ref, ValueType
from govrules.source import Span
from govrules.suggest import suggestion_suffix
from govrules.vocabulary import INVERSES, KINDS, TOP_LEVEL_KINDS, describe_kinds

_BINDERS = ("any_of", "all_of", "comp")


def free_names(node: Tree[Token] | Token | None) -> set[str]:
    """The names an expression reads from its surroundings: path heads it does not bind itself."""
    if not isinstance(node, Tree):
        return set()
    if node.data == "path":
        return {str(node.children[0])}
    if node.data in _BINDERS:
        var_tok, coll, body = node.children
        return free_names(coll) | (free_names(body) - {str(var_tok)})
    out: set[str] = set()
    for child in node.children:
        out |= free_names(child)
    return out


def _same_target(
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


def _counted(name: str, f: Fn) -> Fn:
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


def _count_references(
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


def _one_step_any(
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
class _VarStep:
    """``v.attr`` with ``v`` a variable of one kind: what the closure for it is made of."""

    var: str
    kind: str
    getter: Callable[[Declaration], Any]
    """A list getter when the closure always gives a list, else a single-value one."""
    spec: AttrSpec | None
    """The attribute, when ``attr`` is one (not a nested kind, ``id`` or ``label``)."""


@attrs.frozen
class _Binder:
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


# --- the compiler -------------------------------------------------------------


class _Compiler:
    def __init__(self, rule: RuleDef, file: str) -> None:
        self.rule = rule
        self.file = file
        self.problems: list[RuleProblem] = []
        self.anchor: Span | None = None
        self.constant_pools: dict[Fn, frozenset[Any]] = {}
        self.params: frozenset[str] = frozenset()
        self.binders: set[str] = set()
        """The variables of every ``any``, ``all`` and ``[... where ...]`` compiled so far."""
        self.enclosing: list[str] = []
        """The variables of the binders whose body is being compiled, innermost last."""
        self.slots: list[str] = []
        """Environment keys of the slots of hoisted collections (see :meth:`_hoisted`)."""
        self.memos: list[str] = []
        self.constants: dict[Fn, Any] = {}
        """Closures that return the same value for every environment, with that value."""
        self.always_lists: set[Fn] = set()
        """Closures that always return a list (no ``as_list`` needed around them)."""
        self.names: dict[Fn, str] = {}
        """Closures that only read a name from the environment, with the name."""
        self.list_lets: set[str] = set()
        """Names bound by ``let`` to an expression that always gives a list."""
        self.var_steps: dict[Fn, _VarStep] = {}
        """``v.attr`` closures, with what they are made of."""
        self.counts: set[Fn] = set()
        """Closures that always return an int."""
        self.reference_counts: dict[Fn, tuple[str, str, str, Fn]] = {}
        """``count(v.refs)`` closures, with the arguments of :func:`_count_references`."""
        self.same_targets: dict[Fn, tuple[str, str, str, str, Fn, bool]] = {}
        """``v.x == v.y`` closures, with the arguments of :func:`_same_target` and ``want``."""

    def _memoized(self, node: Tree[Token], var: str, coll_ty: Ty) -> str | None:
        """A memo key for a condition over ``var`` that reads nothing else but parameters.

        ``[f in p.financed_by where not (f.from == f.to)]`` asks the same
        question of a financing for every product it finances: with a table
        per evaluation (keyed by the declaration) it is asked once per
        financing. Only over declarations, which hash by identity.
        """
        if not coll_ty.is_decls or not free_names(node.children[2]) - {var} <= self.params:
            return None
        key = f"$memo{len(self.memos)}"
        self.memos.append(key)
        return key

    def problem(self, where: Span | Tree[Token] | Token, message: str) -> None:
        if self.anchor is not None:
            span = self.anchor
        else:
            span = where if isinstance(where, Span) else tree_span(self.file, where)
        self.problems.append(RuleProblem(span, f"{self.rule.code}: {message}"))

    # expressions: each returns (closure, type)

    def expr(self, node: Tree[Token] | Token, scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        if isinstance(node, Token):  # pragma: no cover - the grammar wraps tokens in trees
            raise AssertionError(node)
        handler = getattr(self, "x_" + str(node.data), None)
        if handler is None:  # pragma: no cover - every grammar rule has a handler
            raise AssertionError(node.data)
        result: tuple[Fn, Ty] = handler(node, scope)
        return result

    def cond(self, node: Tree[Token], scope: dict[str, Ty], what: str) -> Fn:
        fn, ty = self.expr(node, scope)
        if ty not in (BOOL, MIXED):  # MIXED: a problem already reported inside
            self.problem(
                node,
                f"{what} needs a condition (true or false), but this is {ty.describe()}; "
                "use exists(...), empty(...), count(...) or a comparison",
            )
        return fn

    def _constant(self, value: Any) -> Fn:
        fn: Fn = lambda env: value  # noqa: E731 - a tiny accessor
        self.constants[fn] = value
        return fn

    def x_number(self, node: Tree[Token], scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        value = decimal.Decimal(str(node.children[0]).replace("_", ""))
        return self._constant(value), NUMBER

    def x_text(self, node: Tree[Token], scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        value = unquote(node.children[0])
        return self._constant(value), TEXT

    def x_yes(self, node: Tree[Token], scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        return (lambda env: True), BOOL

    def x_no(self, node: Tree[Token], scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        return (lambda env: False), BOOL

    def x_or_op(self, node: Tree[Token], scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        a = self.cond(node.children[0], scope, "'or'")  # type: ignore[arg-type]
        b = self.cond(node.children[1], scope, "'or'")  # type: ignore[arg-type]
        return (lambda env: a(env) or b(env)), BOOL

    def x_and_op(self, node: Tree[Token], scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        a = self.cond(node.children[0], scope, "'and'")  # type: ignore[arg-type]
        b = self.cond(node.children[1], scope, "'and'")  # type: ignore[arg-type]
        return (lambda env: a(env) and b(env)), BOOL

    def x_not_op(self, node: Tree[Token], scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        a = self.cond(node.children[0], scope, "'not'")  # type: ignore[arg-type]
        same = self.same_targets.get(a)
        if same is not None:  # not (f.from == f.to): true when either is absent
            var, kind, left, right, general, want = same
            return _same_target(var, kind, left, right, general, want=not want, absent=True), BOOL
        return (lambda env: not a(env)), BOOL

    def _same_references(self, a: Fn, b: Fn) -> tuple[str, str, str, str] | None:
        """``(var, kind, field, field)`` when ``a`` and ``b`` are ``v.x`` and ``v.y``,
        single-valued references of the same variable of one kind."""
        sa, sb = self.var_steps.get(a), self.var_steps.get(b)
        if sa is None or sb is None or (sa.var, sa.kind) != (sb.var, sb.kind):
            return None
        for spec in (sa.spec, sb.spec):
            if spec is None or spec.many or spec.type is not ValueType.REFERENCE:
                return None
        assert sa.spec is not None
        assert sb.spec is not None
        return sa.var, sa.kind, sa.spec.field, sb.spec.field

    def x_compare(self, node: Tree[Token], scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        left, op_tok, right = node.children
        a, _ = self.expr(left, scope)
        b, _ = self.expr(right, scope)
        op = _COMPARATORS[str(op_tok)]
        if str(op_tok) in ("==", "!="):
            want = str(op_tok) == "=="
            if b in self.constants and a not in self.constants:
                if a in self.counts:  # count(p.owner) == 1
                    y = self.constants[b]
                    if isinstance(y, decimal.Decimal) and y == y.to_integral_value():
                        y = int(y)  # an int compares with an int four times faster
                    parts = self.reference_counts.get(a)
                    if parts is not None:  # counted and compared in one closure
                        return _count_references(*parts, equals=(y, want)), BOOL
                    return (lambda env: (a(env) == y) == want), BOOL
                return self._equals_constant(a, self.constants[b], want), BOOL

            def equality(env: Env) -> bool:
                # The common comparison, written out: it runs for every declaration.
                x = a(env)
                if not isinstance(x, _SELF_VALUED):
                    x = scalar(x)
                    if x is ABSENT:
                        return False
                y = b(env)
                if not isinstance(y, _SELF_VALUED):
                    y = scalar(y)
                    if y is ABSENT:
                        return False
                if type(x) is frozenset or type(y) is frozenset:
                    sx = x if type(x) is frozenset else frozenset([x])
                    sy = y if type(y) is frozenset else frozenset([y])
                    return (sx == sy) == want
                return bool(x == y) == want

            same = self._same_references(a, b)
            if same is not None:  # f.from == f.to
                fused = _same_target(*same, equality, want=want, absent=False)
                self.same_targets[fused] = (*same, equality, want)
                return fused, BOOL
            return equality, BOOL

        def compare(env: Env) -> bool:
            x, y = scalar(a(env)), scalar(b(env))
            if x is ABSENT or y is ABSENT:
                return False
            if isinstance(x, frozenset) or isinstance(y, frozenset):
                if str(op_tok) not in ("==", "!="):
                    return False
                sx = x if isinstance(x, frozenset) else frozenset([x])
                sy = y if isinstance(y, frozenset) else frozenset([y])
                return (sx == sy) == (str(op_tok) == "==")
            try:
                return bool(op(x, y))
            except TypeError:
                return False

        return compare, BOOL

    @staticmethod
    def _equals_constant(a: Fn, constant: Any, want: bool) -> Fn:
        """``x == "supervisory_board"``, ``count(x) == 1``: the constant side is made once."""
        y = plain(constant)
        ys = frozenset([y])

        def equals_constant(env: Env) -> bool:
            x = a(env)
            if not isinstance(x, _SELF_VALUED):
                x = scalar(x)
                if x is ABSENT:
                    return False
                if type(x) is frozenset:
                    return (x == ys) == want
            return bool(x == y) == want

        return equals_constant

    def _membership(self, node: Tree[Token], scope: dict[str, Ty]) -> Fn:
        left, right = node.children
        a, _ = self.expr(left, scope)
        b, _ = self.expr(right, scope)

        fixed = self.constant_pools.get(b)
        if fixed is not None:

            def member_of_constant(env: Env) -> bool:
                x = a(env)
                if type(x) is str:  # x.kind in {"board", "executive"}
                    return x in fixed
                items = as_list(x)
                return bool(items) and all(plain(v) in fixed for v in items)

            return member_of_constant

        def member(env: Env) -> bool:
            x = a(env)
            if isinstance(x, Declaration):
                # `f.to in p.owner`: declarations are equal only to themselves.
                pool = b(env)
                return x in pool if type(pool) is list else x is pool
            pool = {plain(v) for v in as_list(b(env))}
            items = as_list(x)
            return bool(items) and all(plain(v) in pool for v in items)

        step = self.var_steps.get(b)
        if step is None or step.spec is None or step.spec.type is not ValueType.REFERENCE:
            return member
        if not step.spec.many:
            return member
        var, kind, field = step.var, step.kind, step.spec.field

        def member_of_references(env: Env) -> bool:
            # `f.to in p.owner`: is x the target of one of p's owner references?
            x = a(env)
            start = env[var]
            if isinstance(x, Declaration) and isinstance(start, Declaration) and kind == start.KIND:
                for ref in getattr(start, field):  # noqa: SIM110 - a generator costs a frame
                    if ref.target is x:
                        return True
                return False
            return member(env)

        return member_of_references

    def x_in_op(self, node: Tree[Token], scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        return self._membership(node, scope), BOOL

    def x_not_in_op(self, node: Tree[Token], scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        member = self._membership(node, scope)
        return (lambda env: not member(env)), BOOL

    def x_set_lit(self, node: Tree[Token], scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        children = [c for c in node.children if c is not None]
        parts = [self.expr(c, scope)[0] for c in children]
        if all(isinstance(c, Tree) and c.data in _LITERALS for c in children):
            # {"board", "executive"}: the same set for every declaration, so make it once.
            constant = unique(v for p in parts for v in as_list(p({})))
            pool = frozenset(plain(v) for v in constant)
            fn: Fn = lambda env: constant  # noqa: E731
            self.constant_pools[fn] = pool
            return fn, VALUES
        return (lambda env: unique(v for p in parts for v in as_list(p(env)))), VALUES

    def x_call(self, node: Tree[Token], scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        name_tok, *args = node.children
        name = str(name_tok)
        compiled = [self.expr(a, scope) for a in args if a is not None]
        fns = [f for f, _ in compiled]
        if name not in FUNCTIONS:
            self.problem(
                name_tok,
                f"unknown function {name!r}"
                + suggestion_suffix(name, FUNCTIONS)
                + f" (functions: {', '.join(FUNCTIONS)})",
            )
            return (lambda env: ABSENT), MIXED
        if name == "union":
            if not fns:
                self.problem(name_tok, "union(...) needs at least one argument")
            kinds = frozenset().union(*(t.kinds for _, t in compiled))
            ty = Ty(kinds) if kinds and all(t.is_decls for _, t in compiled) else VALUES
            return (lambda env: unique(v for f in fns for v in as_list(f(env)))), ty
        if len(fns) != 1:
            self.problem(name_tok, f"{name}(...) takes exactly one argument")
            return (lambda env: ABSENT), MIXED
        f = fns[0]
        general = _counted(name, f)
        ty = NUMBER if name == "count" else BOOL
        if name == "count":
            self.counts.add(general)
        step = self.var_steps.get(f)
        if step is not None and name != "empty":
            fused = self._of_attribute(name, general, step, f in self.always_lists)
            if fused is not None:
                return fused, ty
        if f in self.always_lists:
            return self._of_list(name, f)
        return general, ty

    def _of_attribute(self, name: str, general: Fn, step: _VarStep, many: bool) -> Fn | None:
        """count/exists of ``v.attr``, straight from the declaration; None where that gains nothing.

        ``general`` is the same function for any value (another kind, a list):
        the fused closures fall back on it.
        """
        var, kind, getter, spec = step.var, step.kind, step.getter, step.spec
        fn: Fn
        if name == "count" and many and spec is not None and spec.type is ValueType.REFERENCE:
            parts = (var, kind, spec.field, general)
            fn = _count_references(*parts)
            self.reference_counts[fn] = parts
        elif name == "count" and many:

            def count_attribute(env: Env) -> int:
                start = env[var]
                if isinstance(start, Declaration) and kind == start.KIND:
                    out = getter(start)
                    return len(out) if len(out) < 2 else len(unique(out))
                return int(general(env))

            fn = count_attribute
        elif name == "count":
            return None  # a single value: the general count is as short
        elif many:

            def exists_attribute(env: Env) -> bool:
                start = env[var]
                if isinstance(start, Declaration) and kind == start.KIND:
                    return bool(getter(start))
                return bool(general(env))

            return exists_attribute
        elif spec is not None and spec.type not in (
            ValueType.REFERENCE,
            ValueType.TEXT_OR_REFERENCE,
        ):
            field = spec.field
            # exists(r.indicator): a value that is written down exists.

            def exists_value(env: Env) -> bool:
                start = env[var]
                if isinstance(start, Declaration) and kind == start.KIND:
                    return getattr(start, field) is not None
                return bool(general(env))

            return exists_value
        else:

            def exists_single(env: Env) -> bool:
                start = env[var]
                if isinstance(start, Declaration) and kind == start.KIND:
                    return getter(start) is not ABSENT
                return bool(general(env))

            return exists_single
        self.counts.add(fn)
        return fn

    def _of_list(self, name: str, f: Fn) -> tuple[Fn, Ty]:
        """count/exists/empty of an expression that always gives a list."""
        var = self.names.get(f)
        fn: Fn
        if var is not None:  # exists(financings): straight from the environment
            if name == "count":
                fn = lambda env: len(env[var])  # noqa: E731
                self.counts.add(fn)
                return fn, NUMBER
            if name == "exists":
                return (lambda env: bool(env[var])), BOOL
            return (lambda env: not env[var]), BOOL
        if name == "count":
            fn = lambda env: len(f(env))  # noqa: E731
            self.counts.add(fn)
            return fn, NUMBER
        if name == "exists":
            return (lambda env: bool(f(env))), BOOL
        return (lambda env: not f(env)), BOOL

    def _bound(self, node: Tree[Token], scope: dict[str, Ty]) -> tuple[str, Fn, dict[str, Ty]]:
        var_tok, coll, _body = node.children
        var = str(var_tok)
        coll_fn, coll_ty = self.expr(coll, scope)
        if var in scope:
            self.problem(var_tok, f"the name {var!r} is already in use here; choose another")
        self.binders.add(var)
        inner = dict(scope)
        inner[var] = coll_ty
        return var, coll_fn, inner

    def _body(self, node: Tree[Token], scope: dict[str, Ty], what: str) -> _Binder:
        var, coll, inner = self._bound(node, scope)
        coll = self._hoisted(node.children[1], coll)  # type: ignore[arg-type]
        self.enclosing.append(var)
        try:
            body = self.cond(node.children[2], inner, what)  # type: ignore[arg-type]
        finally:
            self.enclosing.pop()
        return _Binder(var, coll, body, inner[var], self._memoized(node, var, inner[var]))

    def _hoisted(self, node: Tree[Token], coll: Fn) -> Fn:
        """The collection of a binder nested in another, worked out once when it can be.

        In ``[p in f.for where any(g in f.from.receives: ...)]`` the inner
        collection reads only ``f``: it is the same for every ``p``. It is
        kept, per evaluation, with the value of the one name it reads, and
        worked out again only when that value is another object.
        """
        if not self.enclosing:
            return coll  # not nested: worked out once per declaration anyway
        names = free_names(node)
        if len(names) != 1 or names & set(self.enclosing):
            return coll
        (name,) = names
        if name in self.params:
            return coll
        key = f"$last{len(self.slots)}"
        self.slots.append(key)

        def last_value(env: Env) -> Any:
            slot = env[key]
            head = env[name]
            if slot[0] is head:  # the slot holds head, so it cannot be another object's id
                return slot[1]
            value = coll(env)
            slot[0] = head
            slot[1] = value
            return value

        if coll in self.always_lists:
            self.always_lists.add(last_value)
        return last_value

    def x_any_of(self, node: Tree[Token], scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        b = self._body(node, scope, "any(...)")
        var, coll, body = b.var, b.coll, b.held()

        def any_of(env: Env) -> bool:
            for item in as_list(coll(env)):
                env[var] = item  # names are unique per rule (checked): no copy needed
                if body(env):
                    return True
            return False

        return any_of, BOOL

    def x_all_of(self, node: Tree[Token], scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        b = self._body(node, scope, "all(...)")
        var, coll, body = b.var, b.coll, b.held()

        def all_of(env: Env) -> bool:
            for item in as_list(coll(env)):
                env[var] = item  # names are unique per rule (checked): no copy needed
                if not body(env):
                    return False
            return True

        return all_of, BOOL

    def x_comp(self, node: Tree[Token], scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        b = self._body(node, scope, "[... where ...]")
        var, coll, body, memo = b.var, b.coll, b.body, b.memo
        fn: Fn
        if memo is not None and coll in self.always_lists:
            # [f in p.financed_by where not (f.from == f.to)]: one question per financing.

            def comp_memoized(env: Env) -> list[Any]:
                table = env[memo]
                out = []
                for item in coll(env):
                    answer = table.get(item)
                    if answer is None:
                        env[var] = item
                        answer = table[item] = bool(body(env))
                    if answer:
                        out.append(item)
                return out

            fn = comp_memoized
        else:
            held = b.held()

            def comp(env: Env) -> list[Any]:
                out = []
                for item in as_list(coll(env)):
                    env[var] = item  # names are unique per rule (checked): no copy needed
                    if held(env):
                        out.append(item)
                return out

            fn = comp
        self.always_lists.add(fn)
        return fn, b.ty

    def x_path(self, node: Tree[Token], scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        tokens = [t for t in node.children if isinstance(t, Token)]
        closure = bool(tokens) and tokens[-1].type == "CLOSURE"
        if closure:
            tokens = tokens[:-1]
        head, steps = tokens[0], tokens[1:]
        name = str(head)
        if name not in scope:
            self.problem(
                head,
                f"unknown name {name!r}"
                + suggestion_suffix(name, scope)
                + (f" (names here: {', '.join(sorted(scope))})" if scope else ""),
            )
            return (lambda env: ABSENT), MIXED
        ty = scope[name]
        fn: Fn = lambda env: env[name]  # noqa: E731 - a tiny accessor
        if not steps:
            self.names[fn] = name
            if name in self.list_lets:
                self.always_lists.add(fn)
        for i, step in enumerate(steps):
            last = i == len(steps) - 1
            fn, ty = self.step(fn, ty, step, closure and last, var=name if i == 0 else None)
        if closure and not steps:
            self.problem(head, "'+' follows a relation, as in m.via+")
        return fn, ty

    def step(
        self, prev: Fn, ty: Ty, tok: Token, closure: bool, var: str | None = None
    ) -> tuple[Fn, Ty]:
        name = str(tok)
        if not ty.is_decls:
            if ty != MIXED:
                self.problem(
                    tok, f"{name!r} cannot follow {ty.describe()}: they have no attributes"
                )
            return (lambda env: ABSENT), MIXED
        getters: dict[str, Callable[[Declaration], list[Any]]] = {}
        singles: dict[str, Callable[[Declaration], Any]] = {}
        specs: dict[str, AttrSpec] = {}
        result_kinds: set[str] = set()
        scalar_ty: Ty | None = None
        model_needed: dict[str, str] = {}
        for kind in sorted(ty.kinds):
            spec = KINDS[kind]
            attr = spec.attributes.get(name)
            if (
                attr is None
                and spec.identifier_ref is not None
                and spec.identifier_ref.name == name
            ):
                attr = spec.identifier_ref
            nested = next((n for n in spec.nested.values() if n.field == name), None)
            inverse = INVERSES[kind].get(name)
            if attr is not None:
                specs[kind] = attr
                getters[kind] = _attr_getter(attr)
                if not attr.many:
                    singles[kind] = _single_getter(attr)
                if attr.type is ValueType.REFERENCE:
                    result_kinds.update(attr.targets)
                elif attr.type is ValueType.TEXT_OR_REFERENCE:
                    scalar_ty = MIXED
                else:
                    scalar_ty = VALUES
            elif nested is not None:
                getters[kind] = _nested_getter(nested.field)
                result_kinds.add(nested.kind)
            elif inverse is not None:
                model_needed[kind] = name
                result_kinds.add(inverse.source_kind)
            elif name == "parent" and spec.parent is not None:
                getters[kind] = lambda d: [d.parent.target] if d.parent.target else []  # type: ignore[attr-defined]
                singles[kind] = lambda d: d.parent.target or ABSENT  # type: ignore[attr-defined]
                result_kinds.add(spec.parent)
            elif name in ("id", "label"):
                getters[kind] = (
                    (lambda d: [d.id])
                    if name == "id"
                    else (lambda d: [d.label.value] if d.label else [])
                )
                scalar_ty = TEXT
        if not getters and not model_needed:
            self.problem(tok, self._unknown_attribute(name, ty.kinds))
            return (lambda env: ABSENT), MIXED
        if result_kinds and scalar_ty is not None:
            self.problem(tok, f"{name!r} means different things for {', '.join(sorted(ty.kinds))}")
        out_ty = Ty(frozenset(result_kinds)) if result_kinds else (scalar_ty or VALUES)

        def one_step(items: Iterable[Any], model: Any) -> list[Any]:
            return _one_step_any(items, getters, model_needed, model)

        if closure:
            if not ty.kinds & result_kinds:
                self.problem(
                    tok, f"'+' needs a relation that leads back to the same kind; {name!r} does not"
                )

            def transitive(env: Env) -> list[Any]:
                model = env.get(MODEL)
                seen: dict[Any, None] = {}
                frontier = one_step(as_list(prev(env)), model)
                while frontier:
                    fresh = [x for x in frontier if x not in seen]
                    seen.update(dict.fromkeys(fresh))
                    frontier = one_step(fresh, model)
                return list(seen)

            self.always_lists.add(transitive)
            return transitive, out_ty

        if singles and len(singles) == len(getters) and not model_needed:
            # f.from, r.parent.client ...: from one declaration to at most one value.
            # The value comes back as itself (or ABSENT); every consumer accepts both.

            def navigate_single(env: Env) -> Any:
                start = env[var] if var is not None else prev(env)
                if isinstance(start, Declaration):
                    getter = singles.get(start.KIND)
                    return ABSENT if getter is None else getter(start)
                return unique(one_step(as_list(start), env.get(MODEL)))

            if var is not None and len(singles) == 1:
                # `f.from` with f a variable of one kind: one lookup, one getter.
                ((only_kind, only_getter),) = singles.items()

                def navigate_var(env: Env) -> Any:
                    start = env[var]
                    if isinstance(start, Declaration) and only_kind == start.KIND:
                        return only_getter(start)
                    return navigate_single(env)

                self.var_steps[navigate_var] = _VarStep(
                    var, only_kind, only_getter, specs.get(only_kind)
                )
                return navigate_var, out_ty

            return navigate_single, out_ty

        if var is not None and len(getters) + len(model_needed) == 1:
            fused = self._navigate_var(var, getters, model_needed)
            self.always_lists.add(fused)
            if getters:
                ((only_kind, only_getter),) = getters.items()
                self.var_steps[fused] = _VarStep(var, only_kind, only_getter, specs.get(only_kind))
            return fused, out_ty

        def navigate(env: Env) -> list[Any]:
            start = env[var] if var is not None else prev(env)
            if isinstance(start, Declaration):
                # The common case, one declaration: no list to build, nothing to merge.
                getter = getters.get(start.KIND)
                if getter is not None:
                    out = getter(start)
                else:
                    relation = model_needed.get(start.KIND)
                    if relation is None:
                        return []
                    table = env[INVERSES_KEY].get(relation)
                    out = [] if table is None else list(table.get(id(start), ()))
                return unique(out) if len(out) > 1 else out
            return unique(one_step(as_list(start), env.get(MODEL)))

        self.always_lists.add(navigate)
        return navigate, out_ty

    @staticmethod
    def _navigate_var(
        var: str,
        getters: dict[str, Callable[[Declaration], list[Any]]],
        inverses: dict[str, str],
    ) -> Fn:
        """``p.owner``, ``p.financed_by`` with ``p`` a variable of one kind: no detours."""
        if getters:
            ((kind, getter),) = getters.items()

            def attribute_of_var(env: Env) -> list[Any]:
                start = env[var]
                if isinstance(start, Declaration) and kind == start.KIND:
                    out = getter(start)
                    return unique(out) if len(out) > 1 else out
                return _general(env)

            fn: Fn = attribute_of_var
        else:
            ((kind, relation),) = inverses.items()

            def inverse_of_var(env: Env) -> list[Any]:
                start = env[var]
                if isinstance(start, Declaration) and kind == start.KIND:
                    table = env[INVERSES_KEY].get(relation)
                    out = () if table is None else table.get(id(start), ())
                    return unique(out) if len(out) > 1 else list(out)
                return _general(env)

            fn = inverse_of_var

        def _general(env: Env) -> list[Any]:
            return unique(_one_step_any(as_list(env[var]), getters, inverses, env.get(MODEL)))

        return fn

    def _unknown_attribute(self, name: str, kinds: frozenset[str]) -> str:
        choices: list[str] = []
        for kind in sorted(kinds):
            spec = KINDS[kind]
            choices += [*spec.attributes, *(n.field for n in spec.nested.values())]
            if spec.identifier_ref is not None:
                choices.append(spec.identifier_ref.name)
            choices += list(INVERSES[kind])
            choices += ["id", "label"] + (["parent"] if spec.parent else [])
        what = describe_kinds(tuple(sorted(kinds)))
        return (
            f"{what} has no attribute or relation {name!r}"
            + suggestion_suffix(name, choices)
            + f" (it has: {', '.join(sorted(set(choices)))})"
        )

    # templates

    def template(self, clause: Clause, scope: dict[str, Ty]) -> Template:
        string_node = clause.args[0]
        text = unquote(string_node)
        tok = string_node.children[0]
        parts: list[str | Fn] = []
        pos = 0
        for m in _PLACEHOLDER.finditer(text):
            parts.append(text[pos : m.start()].replace("{{", "{").replace("}}", "}"))
            pos = m.end()
            source = m.group(1)
            try:
                tree = parse_expr(source)
            except UnexpectedInput as exc:
                problem = syntax_problem(self.file, exc)
                self.problem(token_span(self.file, tok), f"in {{{source}}}: {problem.message}")
                continue
            # Positions inside a template expression are relative to it: report at the string.
            self.anchor = token_span(self.file, tok)
            fn, _ty = self.expr(tree, scope)
            self.anchor = None
            parts.append(fn)
        parts.append(text[pos:].replace("{{", "{").replace("}}", "}"))
        return Template(tuple(p for p in parts if p != ""))


_LITERALS = ("number", "text", "yes", "no")

_PLACEHOLDER = re.compile(r"(?<!\{)\{([^{}]+)\}(?!\})")

_COMPARATORS: dict[str, Callable[[Any, Any], bool]] = {
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


# --- rules ---------------------------------------------------------------

REQUIRED = ("severity", "title", "why", "each", "expect", "message")
SINGLE = ("severity", "title", "why", "source", "fix", "message", "each", "at", "once")


def compile_rule(rule: RuleDef, file: str) -> CompiledRule:
    """Check a rule against the vocabulary and compile it; raises :class:`RuleFileError`."""
    c = _Compiler(rule, file)
    for keyword in REQUIRED:
        if not rule.all(keyword):
            c.problem(rule.span, f"the rule has no {keyword!r} clause")
    for keyword in SINGLE:
        extra = rule.all(keyword)[1:]
        for clause in extra:
            c.problem(clause.span, f"{keyword!r} is given more than once")
    if c.problems:
        raise RuleFileError(c.problems)

    severity_tok = rule.all("severity")[0].args[0]
    try:
        severity = Severity.parse(str(severity_tok))
    except ValueError as exc:
        levels = [s.label for s in Severity]
        c.problem(severity_tok, str(exc) + suggestion_suffix(str(severity_tok), levels))
        severity = Severity.ERROR

    declared: dict[str, Any] = {}
    scope: dict[str, Ty] = {}
    for clause in rule.all("param"):
        name_tok, literal = clause.args
        fn, ty = c.expr(literal, {})
        declared[str(name_tok)] = fn({})
        scope[str(name_tok)] = ty
    values = dict(declared)
    c.params = frozenset(declared)

    each = rule.all("each")[0]
    *kind_toks, var_tok = each.args
    kinds = tuple(str(k) for k in kind_toks)
    for tok in kind_toks:
        if str(tok) not in KINDS:
            c.problem(
                tok,
                f"unknown kind {str(tok)!r}"
                + suggestion_suffix(str(tok), KINDS)
                + f" (kinds: {', '.join(KINDS)})",
            )
    var = str(var_tok)
    known_kinds = frozenset(k for k in kinds if k in KINDS)
    # An unknown kind is reported once; MIXED keeps it from cascading into every path.
    scope[var] = Ty(known_kinds) if known_kinds else MIXED

    lets: list[tuple[str, Fn]] = []
    let_reads: dict[str, set[str]] = {}
    let_nodes: dict[str, Tree[Token]] = {}
    for clause in rule.all("let"):
        name_tok, expr = clause.args
        let_nodes[str(name_tok)] = expr
        if str(name_tok) in scope:
            c.problem(name_tok, f"the name {str(name_tok)!r} is already in use")
        elif str(name_tok) in c.binders:
            # Both live in one environment, and lets may run out of the order written.
            c.problem(
                name_tok,
                f"the name {str(name_tok)!r} is already the variable of an any, all or "
                "[... where ...] above; choose another",
            )
        fn, ty = c.expr(expr, scope)
        lets.append((str(name_tok), fn))
        if fn in c.always_lists:
            c.list_lets.add(str(name_tok))
        let_reads[str(name_tok)] = free_names(expr) & set(let_reads)
        scope[str(name_tok)] = ty
    where = [
        (c.cond(cl.args[0], scope, "'where'"), free_names(cl.args[0])) for cl in rule.all("where")
    ]
    driver, driven = _driver(c, kinds, var, [cl.args[0] for cl in rule.all("where")], let_nodes)
    if driven is not None:
        del where[driven]  # true of every declaration the driver lets through
    expect = [
        (c.cond(cl.args[0], scope, "'expect'"), free_names(cl.args[0])) for cl in rule.all("expect")
    ]

    at: str | None = None
    for clause in rule.all("at"):
        at_var, *at_attr = clause.args
        if str(at_var) != var:
            c.problem(at_var, f"'at' names the rule's subject {var!r}, not {str(at_var)!r}")
        if at_attr:
            at = str(at_attr[0])
            if not any(at in KINDS[k].attributes for k in kinds if k in KINDS):
                c.problem(at_attr[0], f"{at!r} is not an attribute of {' or '.join(kinds)}")

    related: list[Fn] = []
    for clause in rule.all("related"):
        for expr in clause.args:
            fn, ty = c.expr(expr, scope)
            if not ty.is_decls and ty != MIXED:
                c.problem(expr, f"'related' lists declarations, not {ty.describe()}")
            related.append(fn)

    once = None
    for clause in rule.all("once"):
        once, _ = c.expr(clause.args[0], scope)

    message = c.template(rule.all("message")[0], scope)
    fix_clauses = rule.all("fix")
    fix = c.template(fix_clauses[0], scope) if fix_clauses else None

    examples = []
    for clause in rule.all("example"):
        kind_tok, text = clause.args
        if str(kind_tok) not in ("fail", "pass"):
            c.problem(kind_tok, f"an example is 'fail' or 'pass', not {str(kind_tok)!r}")
        examples.append(Example(str(kind_tok), unquote(text)))

    if c.problems:
        raise RuleFileError(c.problems)

    def first(keyword: str) -> str:
        clauses = rule.all(keyword)
        return unquote(clauses[0].args[0]) if clauses else ""

    return CompiledRule(
        code=rule.code,
        slug=rule.slug,
        ruleset=rule.ruleset,
        severity=severity,
        title=first("title"),
        why=first("why"),
        source=first("source"),
        fix_text=first("fix"),
        kinds=kinds,
        var=var,
        params=values,
        lets=tuple(lets),
        message=message,
        fix=fix,
        at=at,
        related=tuple(related),
        once=once,
        examples=tuple(examples),
        span=rule.span,
        driver=driver,
        plan=_plan(lets, let_reads, where, expect),
        memos=tuple(c.memos),
        slots=tuple(c.slots),
    )


def _driver(
    c: _Compiler,
    kinds: tuple[str, ...],
    var: str,
    where: Sequence[Tree[Token]],
    let_nodes: dict[str, Tree[Token]],
) -> tuple[Fn | None, int | None]:
    """A ``where`` clause that can be answered once for the whole model, and its index.

    Two forms, on a rule of one kind:

    - ``p.attr == literal`` for a single plain-valued attribute: the
      declarations with that value (:func:`_having`);
    - ``exists(p.R)`` or ``exists([x in p.R where c])`` (directly or through
      a ``let``), with ``R`` an inverse relation and ``c`` reading only ``x``
      and parameters. ``each product p  let financings = [f in p.financed_by
      where not (f.from == f.to)]  where exists(financings)``: only the
      products some such financing is ``for`` can pass, and those are found
      by walking the financings once (:func:`_referred_by`).

    The driver maps the environment to the set of ``id`` of the declarations
    that can pass; the clause it answers is left out of the plan.
    """
    if len(kinds) != 1 or kinds[0] not in KINDS or c.problems:
        return None, None
    kind = kinds[0]
    for index, node in enumerate(where):
        wanted = _attribute_equals(c, node, var, kind)
        if wanted is not None:
            return _having(kind, *wanted), index
        arg = _exists_argument(node)
        if arg is not None and arg.data == "path" and len(arg.children) == 1:
            arg = let_nodes.get(str(arg.children[0]))  # exists(financings)
        if arg is None:
            continue
        item: str | None = None
        condition: Tree[Token] | None = None
        if arg.data == "comp":
            item_tok, coll, body = arg.children
            item, condition = str(item_tok), body  # type: ignore[assignment]
            if not isinstance(coll, Tree) or not free_names(body) - {item} <= c.params:
                continue
            arg = coll
        relation = _inverse_step(arg, var, kind)
        if relation is None:
            continue
        inverse = INVERSES[kind][relation]
        test: Fn | None = None
        if condition is not None and item is not None:
            scope = {name: MIXED for name in c.params}
            scope[item] = Ty(frozenset({inverse.source_kind}))
            test = c.cond(condition, scope, "[... where ...]")
        return _referred_by(inverse.source_kind, inverse.attribute, item, test), index
    return None, None


def _attribute_equals(
    c: _Compiler, node: Tree[Token], var: str, kind: str
) -> tuple[str, Any] | None:
    """``(field, value)`` when ``node`` is ``var.attr == literal`` for a plain-valued attribute."""
    if node.data != "compare" or str(node.children[1]) != "==":
        return None
    left, _op, right = node.children
    if isinstance(left, Tree) and left.data in _LITERALS:
        left, right = right, left
    if not (isinstance(left, Tree) and isinstance(right, Tree) and right.data in _LITERALS):
        return None
    if left.data != "path" or len(left.children) != 2 or str(left.children[0]) != var:
        return None
    step = left.children[1]
    spec = KINDS[kind].attributes.get(str(step))
    if not isinstance(step, Token) or spec is None or spec.many or spec.type not in _PLAIN_VALUED:
        return None
    fn, _ty = c.expr(right, {})
    return spec.field, plain(fn({}))


def _having(kind: str, field: str, value: Any) -> Fn:
    """The ids of the declarations of ``kind`` whose ``field`` equals ``value``."""

    def having(env: Env) -> set[int]:
        out: set[int] = set()
        for decl in env[MODEL].all(kind):
            v = getattr(decl, field)
            if v is not None and v.value == value:
                out.add(id(decl))
        return out

    return having


def _exists_argument(node: Tree[Token] | Token) -> Tree[Token] | None:
    if not (isinstance(node, Tree) and node.data == "call"):
        return None
    name, *args = node.children
    if str(name) != "exists" or len(args) != 1 or not isinstance(args[0], Tree):
        return None
    return args[0]


def _inverse_step(node: Tree[Token], var: str, kind: str) -> str | None:
    """``R`` when ``node`` is the path ``var.R`` and ``R`` an inverse relation of ``kind``."""
    if node.data != "path" or len(node.children) != 2:
        return None
    head, step = node.children
    if str(head) != var or not isinstance(step, Token) or step.type == "CLOSURE":
        return None
    name = str(step)
    return name if name in INVERSES[kind] else None


def _referred_by(source: str, attr: AttrSpec, item: str | None, test: Fn | None) -> Fn:
    """The ids of the declarations that ``attr`` of some ``source`` declaration names.

    Exactly the declarations with a non-empty inverse for that attribute: the
    resolver indexes a reference in the inverse when, and only when, it binds it.
    (An unbound reference adds ``id(None)``, which is no declaration's.)
    """
    field, many = attr.field, attr.many
    only_refs = attr.type is ValueType.REFERENCE

    def referred(env: Env) -> set[int]:
        out: set[int] = set()
        for decl in env[MODEL].all(source):
            if test is not None:
                env[item] = decl  # type: ignore[index]
                if not test(env):
                    continue
            value = getattr(decl, field)
            if value is None:
                continue
            refs = value if many else (value,)
            if only_refs:
                out.update([id(ref.target) for ref in refs])
            else:
                out.update([id(ref.target) for ref in refs if isinstance(ref, Ref)])
        return out

    return referred


def _plan(
    lets: Sequence[tuple[str, Fn]],
    let_reads: dict[str, set[str]],
    where: Sequence[tuple[Fn, set[str]]],
    expect: Sequence[tuple[Fn, set[str]]],
) -> tuple[Step, ...]:
    """The order to run a rule's clauses in, cheapest refusal first.

    Every ``where`` condition comes before every ``expect`` condition, and
    each condition right after the last ``let`` it reads (directly or through
    another ``let``). A ``let`` no condition reads is not computed at all
    until there is a finding to describe. Clauses have no side effects, so
    the order changes only the cost: ``each body b where b.kind ==
    "supervisory_board" let measurable = [...]`` looks at the results of
    supervisory boards only.
    """

    def needs(names: set[str]) -> set[str]:
        out: set[str] = set()
        todo = [n for n in names if n in let_reads]
        while todo:
            name = todo.pop()
            if name not in out:
                out.add(name)
                todo.extend(let_reads[name])
        return out

    steps: list[Step] = []
    done: set[str] = set()
    for conditions, is_expect in ((where, False), (expect, True)):
        pending = [(fn, needs(names)) for fn, names in conditions]
        for name, let in [("", None), *lets]:
            if let is not None:
                if name in done or not any(name in wanted for _fn, wanted in pending):
                    continue
                steps.append((name, let, False))
                done.add(name)
            steps.extend((None, fn, is_expect) for fn, wanted in pending if wanted <= done)
            pending = [(fn, wanted) for fn, wanted in pending if not wanted <= done]
    return tuple(steps)


def with_params(rule: CompiledRule, params: dict[str, Any]) -> CompiledRule:
    """The same rule with parameter values overridden (from configuration)."""
    values = dict(rule.params)
    for key, value in params.items():
        # Types were checked against the defaults (config.validate_codes); numbers are decimals.
        number = isinstance(value, int | float) and not isinstance(value, bool)
        values[key] = decimal.Decimal(str(value)) if number else value
    return attrs.evolve(rule, params=values)


def compile_all(rules: Sequence[tuple[RuleDef, str]]) -> list[CompiledRule]:
    """Compile many rules, collecting the problems of all of them before raising."""
    compiled: list[CompiledRule] = []
    problems: list[RuleProblem] = []
    seen: dict[str, RuleDef] = {}
    for rule, file in rules:
        other = seen.get(rule.code)
        if other is not None:
            problems.append(
                RuleProblem(
                    rule.span,
                    f"{rule.code} is defined twice (also at {other.span}); codes must be unique",
                )
            )
            continue
        seen[rule.code] = rule
        try:
            compiled.append(compile_rule(rule, file))
        except RuleFileError as exc:
            problems.extend(exc.problems)
    if problems:
        raise RuleFileError(problems)
    return compiled


__all__ = ["TOP_LEVEL_KINDS", "CompiledRule", "compile_all", "compile_rule", "with_params"]
