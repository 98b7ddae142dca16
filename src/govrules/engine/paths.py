"""Compiling paths (``p.owner.of``), navigation steps and binders.

The binders are ``any(x in S: c)``, ``all(x in S: c)`` and
``[x in S where c]``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from lark import Token, Tree

from govrules.engine.budget import metered, spend
from govrules.engine.closures import Binder, VarStep, one_step_any
from govrules.engine.compiler_state import CompilerState, free_names
from govrules.engine.runtime import (
    ABSENT,
    _attr_getter,
    _nested_getter,
    _single_getter,
    as_list,
    unique,
)
from govrules.engine.types import BOOL, INVERSES_KEY, MIXED, MODEL, TEXT, VALUES, Env, Fn, Ty
from govrules.model.objects import Declaration
from govrules.model.schema import AttrSpec
from govrules.model.values import ValueType
from govrules.suggest import suggestion_suffix
from govrules.vocabulary import INVERSES, KINDS, describe_kinds


class PathCompiler(CompilerState):
    """Paths, steps and binders: the part of the compiler that walks the model."""

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

    def _body(self, node: Tree[Token], scope: dict[str, Ty], what: str) -> Binder:
        var, coll, inner = self._bound(node, scope)
        coll = self._hoisted(node.children[1], coll)  # type: ignore[arg-type]
        self.enclosing.append(var)
        try:
            body = self.cond(node.children[2], inner, what)  # type: ignore[arg-type]
        finally:
            self.enclosing.pop()
        if self.enclosing:
            # A binder inside a binder is what can grow faster than the model: pay per item.
            coll = metered(coll)
            self.always_lists.add(coll)
        return Binder(var, coll, body, inner[var], self._memoized(node, var, inner[var]))

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
        symbols: dict[str, str] = {}
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
                    # Texts among the values have no attributes: navigation passes them by.
                    result_kinds.update(attr.targets)
                else:
                    scalar_ty = VALUES
                    if attr.type is ValueType.SYMBOL:
                        symbols.update(_dutch_symbols(kind, attr))
            elif nested is not None:
                getters[kind] = _nested_getter(nested.field)
                result_kinds.add(nested.kind)
            elif inverse is not None:
                model_needed[kind] = name
                result_kinds.add(inverse.source_kind)
            elif name == "parent" and spec.parent is not None:
                getters[kind] = lambda d: [d.parent.target] if d.parent.target else []  # type: ignore[attr-defined]
                singles[kind] = lambda d: d.parent.target or ABSENT  # type: ignore[attr-defined]
                result_kinds.update(spec.parents)
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
        if symbols and out_ty == VALUES:
            out_ty = Ty(scalar=VALUES.scalar, symbols=tuple(sorted(symbols.items())))

        def one_step(items: Iterable[Any], model: Any) -> list[Any]:
            return one_step_any(items, getters, model_needed, model)

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
                    spend(env, len(frontier))
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

                self.var_steps[navigate_var] = VarStep(
                    var, only_kind, only_getter, specs.get(only_kind)
                )
                return navigate_var, out_ty

            return navigate_single, out_ty

        if var is not None and len(getters) + len(model_needed) == 1:
            fused = self._navigate_var(var, getters, model_needed)
            self.always_lists.add(fused)
            if getters:
                ((only_kind, only_getter),) = getters.items()
                self.var_steps[fused] = VarStep(var, only_kind, only_getter, specs.get(only_kind))
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
        var: str, getters: dict[str, Callable[[Declaration], list[Any]]], inverses: dict[str, str]
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
            return unique(one_step_any(as_list(env[var]), getters, inverses, env.get(MODEL)))

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


def _dutch_symbols(kind: str, attr: AttrSpec) -> dict[str, str]:
    """The Dutch word of each symbol of ``kind.attr`` (its first, where DUTCH.md gives two)."""
    from govrules.model.dutch import SYMBOLS

    table = SYMBOLS.get((kind, attr.name), {})
    return {symbol: table[symbol][0] for symbol in attr.symbols if table.get(symbol)}
