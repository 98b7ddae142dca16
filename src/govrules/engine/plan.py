"""The planner: the order a rule's clauses run in, and the ``where`` clause answered once per model.

A plan changes only the cost of a rule, never its findings
(``tests/reference/test_plan_equivalence.py`` checks that on random models).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lark import Token, Tree

from govrules.engine.compiler_state import LITERALS, CompilerState, free_names
from govrules.engine.runtime import _PLAIN_VALUED, plain
from govrules.engine.types import MIXED, MODEL, Env, Fn, Step, Ty
from govrules.model.schema import AttrSpec
from govrules.model.values import Ref, ValueType
from govrules.vocabulary import INVERSES, KINDS


def find_driver(
    c: CompilerState,
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
    c: CompilerState, node: Tree[Token], var: str, kind: str
) -> tuple[str, Any] | None:
    """``(field, value)`` when ``node`` is ``var.attr == literal`` for a plain-valued attribute."""
    if node.data != "compare" or str(node.children[1]) != "==":
        return None
    left, _op, right = node.children
    if isinstance(left, Tree) and left.data in LITERALS:
        left, right = right, left
    if not (isinstance(left, Tree) and isinstance(right, Tree) and right.data in LITERALS):
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


def plan_steps(
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
