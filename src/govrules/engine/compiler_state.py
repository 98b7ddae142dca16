"""What the rule compiler knows while it compiles one rule, and how it reports a problem.

The compiler is three layers, each in its own module: this state (the
problem list, the bookkeeping of closures and binders, the dispatch from a
parse-tree node to its handler), :mod:`govrules.engine.paths` (paths,
navigation and the binders ``any``, ``all`` and ``[... where ...]``) and
:mod:`govrules.engine.compile` (literals, operators, calls, templates and
the rule as a whole).
"""

from __future__ import annotations

from typing import Any

from lark import Token, Tree

from govrules.engine.closures import VarStep
from govrules.engine.rulelang import RuleDef, RuleProblem, tree_span
from govrules.engine.types import BOOL, MIXED, Fn, Ty
from govrules.source import Span

BINDERS = ("any_of", "all_of", "comp")

LITERALS = ("number", "text", "yes", "no")
"""The literal expressions: a ``where`` comparing an attribute with one can be indexed."""


def free_names(node: Tree[Token] | Token | None) -> set[str]:
    """The names an expression reads from its surroundings: path heads it does not bind itself."""
    if not isinstance(node, Tree):
        return set()
    if node.data == "path":
        return {str(node.children[0])}
    if node.data in BINDERS:
        var_tok, coll, body = node.children
        return free_names(coll) | (free_names(body) - {str(var_tok)})
    out: set[str] = set()
    for child in node.children:
        out |= free_names(child)
    return out


class CompilerState:
    """The state of compiling one rule, and the dispatch every handler goes through."""

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
        self.var_steps: dict[Fn, VarStep] = {}
        """``v.attr`` closures, with what they are made of."""
        self.counts: set[Fn] = set()
        """Closures that always return an int."""
        self.reference_counts: dict[Fn, tuple[str, str, str, Fn]] = {}
        """``count(v.refs)`` closures, with the arguments of :func:`count_references`."""
        self.same_targets: dict[Fn, tuple[str, str, str, str, Fn, bool]] = {}
        """``v.x == v.y`` closures, with the arguments of :func:`same_target` and ``want``."""

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
