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

import datetime
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
from govrules.model.objects import Declaration
from govrules.model.schema import AttrSpec
from govrules.model.values import Ref, Text, ValueType
from govrules.source import Span
from govrules.suggest import suggestion_suffix
from govrules.vocabulary import INVERSES, KINDS, TOP_LEVEL_KINDS, describe_kinds

Env = dict[str, Any]
Fn = Callable[[Env], Any]

MODEL = "$model"
"""The environment key holding the model (inverse relations need it)."""

FUNCTIONS = ("count", "exists", "empty", "union")


class _Absent:
    """A missing value: comparisons with it are false."""

    def __repr__(self) -> str:
        return "absent"


ABSENT = _Absent()


# --- types -------------------------------------------------------------------


@attrs.frozen(slots=True)
class Ty:
    """The static type of an expression: declarations of some kinds, or a plain value."""

    kinds: frozenset[str] = frozenset()
    scalar: str | None = None
    """``bool``, ``number``, ``text``, ``value`` (an attribute's values), or ``mixed``."""

    @property
    def is_decls(self) -> bool:
        return bool(self.kinds)

    def describe(self) -> str:
        if self.kinds:
            return "declarations of kind " + " or ".join(sorted(self.kinds))
        return {"bool": "a condition", "number": "a number", "text": "a text"}.get(
            self.scalar or "", "values"
        )


BOOL = Ty(scalar="bool")
NUMBER = Ty(scalar="number")
TEXT = Ty(scalar="text")
VALUES = Ty(scalar="value")
MIXED = Ty(scalar="mixed")


# --- compiled rules --------------------------------------------------------


@attrs.frozen(slots=True)
class Template:
    """A message template: literal parts and compiled ``{expression}`` parts."""

    parts: tuple[str | Fn, ...]

    def render(self, env: Env) -> str:
        return "".join(p if isinstance(p, str) else render_value(p(env)) for p in self.parts)


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
    where: tuple[Fn, ...]
    expect: tuple[Fn, ...]
    message: Template
    fix: Template | None
    at: str | None
    related: tuple[Fn, ...]
    once: Fn | None
    examples: tuple[Example, ...]
    span: Span


# --- runtime helpers --------------------------------------------------------


def as_list(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    if value is ABSENT or value is None:
        return []
    return [value]


def unique(items: Iterable[Any]) -> list[Any]:
    """Deduplicate, keeping order (declarations compare by identity, values by value)."""
    return list(dict.fromkeys(items))


_SELF_VALUED = (Declaration, str, int, decimal.Decimal, datetime.date)


def plain(value: Any) -> Any:
    """The value comparisons use: a number for money and durations, a declaration as itself."""
    if isinstance(value, _SELF_VALUED):  # a tuple, not a union: this runs very often
        return value
    return getattr(value, "value", value)


def scalar(value: Any) -> Any:
    """A singleton list is its element; an empty one is absent; a longer one a frozenset."""
    if isinstance(value, list):
        if len(value) == 1:
            return plain(value[0])
        if not value:
            return ABSENT
        return frozenset(plain(v) for v in value)
    return plain(value)


def render_value(value: Any) -> str:
    """How values appear in messages: declarations by identifier, lists joined."""
    if isinstance(value, list):
        return ", ".join(render_value(v) for v in value) if value else "none"
    if isinstance(value, Declaration):
        return value.id
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is ABSENT or value is None:
        return "none"
    if isinstance(value, decimal.Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _extract(value: Any) -> Any:
    """An attribute value as the rule language sees it."""
    if isinstance(value, Ref):
        return value.target
    if isinstance(value, Text):
        return value.value
    inner = getattr(value, "value", None)
    if isinstance(inner, str | int | bool | decimal.Decimal | datetime.date) and not hasattr(
        value, "amount"
    ):
        return inner
    return value


def _attr_getter(spec: AttrSpec) -> Callable[[Declaration], list[Any]]:
    field = spec.field
    if spec.many:

        def many(decl: Declaration) -> list[Any]:
            return [x for x in (_extract(v) for v in getattr(decl, field)) if x is not None]

        return many

    def one(decl: Declaration) -> list[Any]:
        v = getattr(decl, field)
        if v is None:
            return []
        x = _extract(v)
        return [] if x is None else [x]

    return one


def _single_getter(spec: AttrSpec) -> Callable[[Declaration], Any]:
    """For a single-valued attribute: the value itself, or ABSENT (no list to build).

    Specialised by value type when the rule is compiled: this runs for every
    declaration a rule visits.
    """
    field = spec.field
    if spec.type is ValueType.REFERENCE:

        def reference(decl: Declaration) -> Any:
            ref = getattr(decl, field)
            if ref is None or ref.target is None:
                return ABSENT
            return ref.target

        return reference

    def single(decl: Declaration) -> Any:
        v = getattr(decl, field)
        if v is None:
            return ABSENT
        x = _extract(v)
        return ABSENT if x is None else x

    return single


def _nested_getter(field: str) -> Callable[[Declaration], list[Any]]:
    return lambda decl: list(getattr(decl, field))


# --- the compiler -------------------------------------------------------------


class _Compiler:
    def __init__(self, rule: RuleDef, file: str) -> None:
        self.rule = rule
        self.file = file
        self.problems: list[RuleProblem] = []
        self.anchor: Span | None = None
        self.constant_pools: dict[Fn, frozenset[Any]] = {}

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

    def x_number(self, node: Tree[Token], scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        value = decimal.Decimal(str(node.children[0]).replace("_", ""))
        return (lambda env: value), NUMBER

    def x_text(self, node: Tree[Token], scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        value = unquote(node.children[0])
        return (lambda env: value), TEXT

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
        return (lambda env: not a(env)), BOOL

    def x_compare(self, node: Tree[Token], scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        left, op_tok, right = node.children
        a, _ = self.expr(left, scope)
        b, _ = self.expr(right, scope)
        op = _COMPARATORS[str(op_tok)]
        if str(op_tok) in ("==", "!="):
            want = str(op_tok) == "=="

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

    def _membership(self, node: Tree[Token], scope: dict[str, Ty]) -> Fn:
        left, right = node.children
        a, _ = self.expr(left, scope)
        b, _ = self.expr(right, scope)

        fixed = self.constant_pools.get(b)
        if fixed is not None:

            def member_of_constant(env: Env) -> bool:
                items = as_list(a(env))
                return bool(items) and all(plain(v) in fixed for v in items)

            return member_of_constant

        def member(env: Env) -> bool:
            pool = {plain(v) for v in as_list(b(env))}
            items = as_list(a(env))
            return bool(items) and all(plain(v) in pool for v in items)

        return member

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
        if name == "count":
            return (lambda env: decimal.Decimal(len(as_list(f(env))))), NUMBER
        if name == "exists":
            return (lambda env: bool(as_list(f(env)))), BOOL
        return (lambda env: not as_list(f(env))), BOOL

    def _bound(self, node: Tree[Token], scope: dict[str, Ty]) -> tuple[str, Fn, dict[str, Ty]]:
        var_tok, coll, _body = node.children
        var = str(var_tok)
        coll_fn, coll_ty = self.expr(coll, scope)
        if var in scope:
            self.problem(var_tok, f"the name {var!r} is already in use here; choose another")
        inner = dict(scope)
        inner[var] = coll_ty
        return var, coll_fn, inner

    def x_any_of(self, node: Tree[Token], scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        var, coll, inner = self._bound(node, scope)
        body = self.cond(node.children[2], inner, "any(...)")  # type: ignore[arg-type]

        def any_of(env: Env) -> bool:
            for item in as_list(coll(env)):
                env[var] = item  # names are unique per rule (checked): no copy needed
                if body(env):
                    return True
            return False

        return any_of, BOOL

    def x_all_of(self, node: Tree[Token], scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        var, coll, inner = self._bound(node, scope)
        body = self.cond(node.children[2], inner, "all(...)")  # type: ignore[arg-type]

        def all_of(env: Env) -> bool:
            for item in as_list(coll(env)):
                env[var] = item  # names are unique per rule (checked): no copy needed
                if not body(env):
                    return False
            return True

        return all_of, BOOL

    def x_comp(self, node: Tree[Token], scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        var, coll, inner = self._bound(node, scope)
        body = self.cond(node.children[2], inner, "[... where ...]")  # type: ignore[arg-type]
        coll_ty = inner[var]

        def comp(env: Env) -> list[Any]:
            out = []
            for item in as_list(coll(env)):
                env[var] = item  # names are unique per rule (checked): no copy needed
                if body(env):
                    out.append(item)
            return out

        return comp, coll_ty

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
            out: list[Any] = []
            for item in items:
                if not isinstance(item, Declaration):
                    continue
                getter = getters.get(item.KIND)
                if getter is not None:
                    out.extend(getter(item))
                    continue
                relation = model_needed.get(item.KIND)
                if relation is not None:
                    out.extend(model.inverse(item, relation))
            return out

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

            return transitive, out_ty

        if singles and len(singles) == len(getters) and not model_needed:
            # f.from, r.parent.client ...: from one declaration to at most one value.
            # The value comes back as itself (or ABSENT); every consumer accepts both.

            def navigate_single(env: Env) -> Any:
                start = prev(env)
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

                return navigate_var, out_ty

            return navigate_single, out_ty

        def navigate(env: Env) -> list[Any]:
            start = prev(env)
            if isinstance(start, Declaration):
                # The common case, one declaration: no list to build, nothing to merge.
                getter = getters.get(start.KIND)
                if getter is not None:
                    out = getter(start)
                else:
                    relation = model_needed.get(start.KIND)
                    if relation is None:
                        return []
                    out = list(env[MODEL].inverse(start, relation))
                return unique(out) if len(out) > 1 else out
            return unique(one_step(as_list(start), env.get(MODEL)))

        return navigate, out_ty

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
    for clause in rule.all("let"):
        name_tok, expr = clause.args
        if str(name_tok) in scope:
            c.problem(name_tok, f"the name {str(name_tok)!r} is already in use")
        fn, ty = c.expr(expr, scope)
        lets.append((str(name_tok), fn))
        scope[str(name_tok)] = ty
    where = tuple(c.cond(cl.args[0], scope, "'where'") for cl in rule.all("where"))
    expect = tuple(c.cond(cl.args[0], scope, "'expect'") for cl in rule.all("expect"))

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
        where=where,
        expect=expect,
        message=message,
        fix=fix,
        at=at,
        related=tuple(related),
        once=once,
        examples=tuple(examples),
        span=rule.span,
    )


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
