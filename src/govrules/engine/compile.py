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
from collections.abc import Callable, Sequence
from typing import Any

import attrs
from lark import Token, Tree
from lark.exceptions import UnexpectedInput

from govrules.diagnostics import Severity
from govrules.engine.closures import VarStep, count_references, counted, same_target
from govrules.engine.compiler_state import LITERALS, free_names
from govrules.engine.paths import PathCompiler
from govrules.engine.plan import find_driver, plan_steps
from govrules.engine.rulelang import (
    TEXT_CLAUSES,
    Clause,
    RuleDef,
    RuleFileError,
    RuleProblem,
    depth_problem,
    language_problem,
    parse_expr,
    syntax_problem,
    text_language,
    text_node,
    token_span,
    too_deep,
    tree_span,
    unquote,
)
from govrules.engine.runtime import (
    _SELF_VALUED,
    ABSENT,
    TODAY,
    Length,
    as_list,
    duration_parts,
    plain,
    scalar,
    shift_back,
    unique,
)
from govrules.engine.types import (
    BOOL,
    DATE,
    DURATION,
    FUNCTIONS,
    MIXED,
    NUMBER,
    TEXT,
    VALUES,
    CompiledRule,
    Env,
    Example,
    Fn,
    Template,
    Translation,
    Ty,
)
from govrules.messages import LANGUAGE_CODES, translated
from govrules.model.objects import Declaration
from govrules.model.values import ValueType
from govrules.suggest import suggestion_suffix
from govrules.vocabulary import KINDS, TOP_LEVEL_KINDS


class _Compiler(PathCompiler):
    """Literals, operators, calls and templates, on top of paths and binders."""

    def x_number(self, node: Tree[Token], scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        value = decimal.Decimal(str(node.children[0]).replace("_", ""))
        return self._constant(value), NUMBER

    def x_date(self, node: Tree[Token], scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        tok = node.children[0]
        try:
            value = datetime.date.fromisoformat(str(tok))
        except ValueError:
            self.problem(tok, f"{tok} is not a date that exists (year-month-day)")
            return (lambda env: ABSENT), MIXED
        return self._constant(value), DATE

    def x_duration(self, node: Tree[Token], scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        amount_node, unit_tok = node.children
        unit = str(unit_tok) if str(unit_tok).endswith("s") else str(unit_tok) + "s"
        if isinstance(amount_node, Token):
            value = Length(decimal.Decimal(str(amount_node).replace("_", "")), unit)
            return self._constant(value), DURATION
        amount, ty = self.expr(amount_node, scope)
        if ty not in (NUMBER, VALUES, MIXED):
            self.problem(
                amount_node, f"a duration needs a number before {unit!r}, not {ty.describe()}"
            )

        def length(env: Env) -> Any:
            value = scalar(amount(env))
            return ABSENT if value is ABSENT else Length(value, unit)

        return length, DURATION

    def x_minus(self, node: Tree[Token], scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        left, right = node.children
        a, left_ty = self.expr(left, scope)
        b, right_ty = self.expr(right, scope)
        if left_ty not in (DATE, VALUES, MIXED):
            self.problem(
                left, f"'-' subtracts a duration from a date, not from {left_ty.describe()}"
            )
        if right_ty not in (DURATION, VALUES, MIXED):
            self.problem(
                right,
                "'-' subtracts a duration (such as 12 weeks) from a date, "
                f"not {right_ty.describe()}",
            )

        def minus(env: Env) -> Any:
            parts = duration_parts(b(env))
            if parts is None:
                return ABSENT
            return shift_back(scalar(a(env)), *parts)

        return minus, DATE

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
            return same_target(var, kind, left, right, general, want=not want, absent=True), BOOL
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
                        return count_references(*parts, equals=(y, want)), BOOL
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
                fused = same_target(*same, equality, want=want, absent=False)
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

    def x_is_kind(self, node: Tree[Token], scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        """``x is power``: the value is one declaration of that kind (a kind test)."""
        left, kind_tok = node.children
        a, _ty = self.expr(left, scope)
        kind = str(kind_tok)
        if kind not in KINDS:
            self.problem(
                kind_tok,
                f"unknown kind {kind!r}" + suggestion_suffix(kind, KINDS) + " after 'is'",
            )

        def is_kind(env: Env) -> bool:
            x = a(env)
            if type(x) is list:
                x = x[0] if len(x) == 1 else None
            return isinstance(x, Declaration) and kind == x.KIND

        return is_kind, BOOL

    def x_set_lit(self, node: Tree[Token], scope: dict[str, Ty]) -> tuple[Fn, Ty]:
        children = [c for c in node.children if c is not None]
        parts = [self.expr(c, scope)[0] for c in children]
        if all(isinstance(c, Tree) and c.data in LITERALS for c in children):
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
        general = counted(name, f)
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

    def _of_attribute(self, name: str, general: Fn, step: VarStep, many: bool) -> Fn | None:
        """count/exists of ``v.attr``, straight from the declaration; None where that gains nothing.

        ``general`` is the same function for any value (another kind, a list):
        the fused closures fall back on it.
        """
        var, kind, getter, spec = step.var, step.kind, step.getter, step.spec
        fn: Fn
        if name == "count" and many and spec is not None and spec.type is ValueType.REFERENCE:
            parts = (var, kind, spec.field, general)
            fn = count_references(*parts)
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

    def template(self, clause: Clause, scope: dict[str, Ty]) -> Template:
        string_node = text_node(clause)
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
            deep = too_deep(tree)
            if deep is not None:
                where = token_span(self.file, tok)
                self.problem(where, f"in {{...}}: {depth_problem(self.file, deep).message}")
                continue
            # Positions inside a template expression are relative to it: report at the string.
            self.anchor = token_span(self.file, tok)
            fn, ty = self.expr(tree, scope)
            self.anchor = None
            parts.append(_in_words(fn, dict(ty.symbols)) if ty.symbols else fn)
        parts.append(text[pos:].replace("{{", "{").replace("}}", "}"))
        return Template(tuple(p for p in parts if p != ""))


def _in_words(fn: Fn, words: dict[str, str]) -> Fn:
    """A template part showing symbols in the reader's words: ``joint_organization`` in
    English, ``samenwerkingsorganisatie`` in Dutch (DUTCH.md); anything else as it is."""

    def shown(env: Env) -> Any:
        return [
            translated({"en": v, "nl": words[v]}) if isinstance(v, str) and v in words else v
            for v in as_list(fn(env))
        ]

    return shown


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
        if not rule.texts(keyword) if keyword in TEXT_CLAUSES else not rule.all(keyword):
            c.problem(rule.span, f"the rule has no {keyword!r} clause")
    for keyword in SINGLE:
        if keyword in TEXT_CLAUSES:
            seen: set[str] = set()
            for clause in rule.all(keyword):
                lang = text_language(clause)
                if lang in seen or lang not in LANGUAGE_CODES:
                    if len(clause.args) == 2:
                        problem = language_problem(file, clause.args[0], repr(keyword))
                        c.problem(clause.args[0], problem.message)
                    else:
                        c.problem(clause.span, f"{keyword!r} is given more than once")
                seen.add(lang)
            continue
        extra = rule.all(keyword)[1:]
        for clause in extra:
            c.problem(clause.span, f"{keyword!r} is given more than once")
    for clause in rule.clauses:
        for arg in clause.args:
            deep = too_deep(arg)
            if deep is not None:
                c.problem(tree_span(file, deep), depth_problem(file, deep).message)
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
    # `today` is the date the lint is judged on; the evaluator binds it.
    scope: dict[str, Ty] = {TODAY: DATE}
    for clause in rule.all("param"):
        name_tok, literal = clause.args
        if str(name_tok) == TODAY:
            c.problem(
                name_tok, "'today' is the date the lint is judged on; name the parameter otherwise"
            )
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
    driver, driven = find_driver(c, kinds, var, [cl.args[0] for cl in rule.all("where")], let_nodes)
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

    message = c.template(rule.texts("message")[0], scope)
    _check_says_the_date(c, rule)
    fix_clauses = rule.texts("fix")
    fix = c.template(fix_clauses[0], scope) if fix_clauses else None
    translations = [_translation(c, rule, lang, scope) for lang in LANGUAGE_CODES[1:]]

    examples = []
    for clause in rule.all("example"):
        kind_tok, text = clause.args
        if str(kind_tok) not in ("fail", "pass"):
            c.problem(kind_tok, f"an example is 'fail' or 'pass', not {str(kind_tok)!r}")
        examples.append(Example(str(kind_tok), unquote(text)))

    if c.problems:
        raise RuleFileError(c.problems)

    def first(keyword: str) -> str:
        clauses = rule.texts(keyword)
        return unquote(text_node(clauses[0])) if clauses else ""

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
        plan=plan_steps(lets, let_reads, where, expect),
        translations=tuple(t for t in translations if t is not None),
        memos=tuple(c.memos),
        slots=tuple(c.slots),
    )


def _translation(
    c: _Compiler, rule: RuleDef, lang: str, scope: dict[str, Ty]
) -> Translation | None:
    """The rule's texts in ``lang``, or None when it has none in that language."""
    if not any(text_language(cl) == lang for cl in rule.clauses if cl.keyword in TEXT_CLAUSES):
        return None

    def text(keyword: str) -> str:
        clauses = rule.texts(keyword, lang)
        return unquote(text_node(clauses[0])) if clauses else ""

    def template(keyword: str) -> Template | None:
        clauses = rule.texts(keyword, lang)
        return c.template(clauses[0], scope) if clauses else None

    return Translation(
        lang,
        title=text("title"),
        why=text("why"),
        source=text("source"),
        fix_text=text("fix"),
        message=template("message"),
        fix=template("fix"),
    )


def _reads_today(node: Any) -> bool:
    return isinstance(node, Tree) and TODAY in free_names(node)


def _check_says_the_date(c: _Compiler, rule: RuleDef) -> None:
    """A rule that reads ``today`` says in its message which date it judged on."""
    reads = any(
        _reads_today(arg)
        for keyword in ("let", "where", "expect")
        for clause in rule.all(keyword)
        for arg in clause.args
    )
    if not reads:
        return
    for clause in rule.all("message"):  # in every language it is written in
        if not _says_the_date(clause):
            c.problem(
                clause.span,
                "the rule depends on the date (it reads today), so its message must say which "
                'date it was judged on: add {today}, as in "... as of {today}"',
            )
    if c.problems:
        raise RuleFileError(c.problems)


def _says_the_date(clause: Clause) -> bool:
    for m in _PLACEHOLDER.finditer(unquote(text_node(clause))):
        try:
            if _reads_today(parse_expr(m.group(1))):
                return True
        except UnexpectedInput:
            continue  # reported by the template itself
    return False


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
