"""Rule files (``*.rules``) to rule definitions: parsing only, with located errors.

The rule language has its own lark grammar (``grammar/rules.lark``). This
module turns a file into :class:`RuleDef` values that still hold expression
trees; :mod:`govrules.engine.compile` checks those against the vocabulary and
compiles them. Nothing in a rule file is ever executed as Python.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import attrs
from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from govrules.errors import GovrulesError
from govrules.messages import LANGUAGE_CODES
from govrules.source import Span
from govrules.suggest import suggestion_suffix
from govrules.syntax import tables


@attrs.frozen(slots=True)
class RuleProblem:
    """One problem in a rule file, located."""

    span: Span
    message: str

    def __str__(self) -> str:
        return f"{self.span.file}:{self.span.line}:{self.span.column}: {self.message}"


class RuleFileError(GovrulesError):
    """A rule file that cannot be used; lists every problem found, each located."""

    def __init__(self, problems: list[RuleProblem]) -> None:
        self.problems = sorted(problems, key=lambda p: p.span.sort_key)
        count = len(self.problems)
        head = "a problem" if count == 1 else f"{count} problems"
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{head} in rule files:\n{lines}")


@attrs.frozen(slots=True)
class Clause:
    """One clause of a rule: its keyword, its arguments (tokens and trees) and where it stands."""

    keyword: str
    args: tuple[Any, ...]
    span: Span


@attrs.frozen(slots=True)
class RuleDef:
    """A rule as written, before compilation."""

    code: str
    slug: str
    ruleset: str
    span: Span
    clauses: tuple[Clause, ...]

    def all(self, keyword: str) -> list[Clause]:
        return [c for c in self.clauses if c.keyword == keyword]

    def texts(self, keyword: str, lang: str = "en") -> list[Clause]:
        """The text clauses ``keyword`` (title, why, ...) written in ``lang``."""
        return [c for c in self.all(keyword) if text_language(c) == lang]


TEXT_CLAUSES = ("title", "why", "source", "fix", "message")
"""The clauses that hold text for people, and may be written once per language."""


def text_language(clause: Clause) -> str:
    """The language a text clause is written in: its tag (``title nl "..."``), else English."""
    return str(clause.args[0]) if len(clause.args) == 2 else "en"


def text_node(clause: Clause) -> Any:
    """The string node of a text clause."""
    return clause.args[-1]


@attrs.frozen(slots=True)
class RulesetDef:
    """One rule file."""

    name: str
    title: str
    file: str
    rules: tuple[RuleDef, ...]
    titles: tuple[tuple[str, str], ...] = ()
    """The title in other languages: ``ruleset x "English" nl "Nederlands"``."""

    def title_in(self, lang: str) -> str:
        return dict(self.titles).get(lang, self.title)


@cache
def rules_parser() -> Lark:
    """The rule-language parser: built once per process."""
    return tables.build("rules", **tables.RULES_OPTIONS)


def token_span(file: str, tok: Token) -> Span:
    return Span(file, tok.line or 1, tok.column or 1, tok.end_line or 1, tok.end_column or 1)


def tree_span(file: str, tree: Tree[Token] | Token) -> Span:
    if isinstance(tree, Token):
        return token_span(file, tree)
    meta = tree.meta
    if getattr(meta, "empty", True):
        return Span(file, 1, 1, 1, 1)
    return Span(file, meta.line, meta.column, meta.end_line, meta.end_column)


_WORDS = {
    "NAME": "a name",
    "CODE": "a rule code such as OWN001",
    "SLUG": "a slug such as financed-product-has-one-owner",
    "STRING": "a text in double quotes",
    "LONG_STRING": "a long text",
    "NUMBER": "a number",
    "RBRACE": "'}'",
    "LBRACE": "'{'",
    "LPAR": "'('",
    "RPAR": "')'",
    "COMMA": "','",
    "$END": "the end of the file",
    "COMPOP": "a comparison (==, !=, <, <=, >, >=)",
    "CLOSURE": "'+'",
    "COLON": "':'",
    "DOT": "'.'",
    "EQUAL": "'='",
    "LSQB": "'['",
    "RSQB": "']'",
}


def syntax_problem(file: str, exc: UnexpectedInput) -> RuleProblem:
    """A lark error in words: what was expected where."""
    line, column = exc.line or 1, exc.column or 1
    span = Span(file, line, column, line, column + 1)
    if isinstance(exc, UnexpectedCharacters):
        return RuleProblem(span, f"unexpected character {exc.char!r}")
    if isinstance(exc, UnexpectedToken):
        expected = sorted(
            {_WORDS.get(t, f"'{t.lower()}'" if t.isupper() else repr(t)) for t in exc.expected}
        )
        found = "the end of the file" if exc.token.type == "$END" else repr(exc.token.value)
        shown = ", ".join(expected[:8]) + (", ..." if len(expected) > 8 else "")
        return RuleProblem(span, f"unexpected {found}; expected {shown}")
    return RuleProblem(span, "unexpected end of the file: is a '}' missing?")


def parse_rules(text: str, file: str, ruleset: str) -> RulesetDef:
    """Parse one rule file; raises :class:`RuleFileError` with the location of a syntax error."""
    return ruleset_from_tree(parse_tree(text, file), file, ruleset)


def parse_tree(text: str, file: str) -> Tree[Token]:
    """The syntax tree of a rule file."""
    try:
        return rules_parser().parse(text, start="start")
    except UnexpectedInput as exc:
        raise RuleFileError([syntax_problem(file, exc)]) from None


def ruleset_from_tree(tree: Tree[Token], file: str, ruleset: str) -> RulesetDef:
    """The rules of a parsed rule file."""
    title = ruleset
    name = ruleset
    titles: list[tuple[str, str]] = []
    rules: list[RuleDef] = []
    for child in tree.children:
        assert isinstance(child, Tree)
        if child.data == "ruleset_decl":
            name_tok, string, *translations = child.children
            name = str(name_tok)
            title = unquote(string)
            problems = []
            for lang_tok, text in zip(translations[::2], translations[1::2], strict=True):
                lang = str(lang_tok)
                if lang not in LANGUAGE_CODES or lang == "en" or lang in dict(titles):
                    problems.append(language_problem(file, lang_tok, "the ruleset's title"))  # type: ignore[arg-type]
                titles.append((lang, unquote(text)))
            if problems:
                raise RuleFileError(problems)
            if name != ruleset:
                raise RuleFileError(
                    [
                        RuleProblem(
                            token_span(file, name_tok),  # type: ignore[arg-type]
                            f"the ruleset is called {name!r} but its file is {ruleset}.rules; "
                            "name them alike",
                        )
                    ]
                )
            continue
        code_tok, slug_tok, *clauses = child.children
        rules.append(
            RuleDef(
                code=str(code_tok),
                slug=str(slug_tok),
                ruleset=name,
                span=token_span(file, code_tok),  # type: ignore[arg-type]
                clauses=tuple(
                    Clause(str(c.data), tuple(c.children), tree_span(file, c))
                    for c in clauses
                    if isinstance(c, Tree)
                ),
            )
        )
    return RulesetDef(name, title, file, tuple(rules), tuple(titles))


def language_problem(file: str, tok: Token, what: str) -> RuleProblem:
    """A text tagged with a language govrules does not know, or given twice."""
    lang = str(tok)
    others = [c for c in LANGUAGE_CODES if c != "en"]
    if lang in LANGUAGE_CODES:
        text = f"{what} in {lang!r} is given more than once"
    else:
        text = (
            f"unknown language {lang!r} for {what}"
            + suggestion_suffix(lang.lower(), others)
            + f" (languages: {', '.join(others)}; an untagged text is English)"
        )
    return RuleProblem(token_span(file, tok), text)


MAX_EXPRESSION_DEPTH = 100
"""How deep an expression may nest (``not not ...``, ``a and b and ...``, ``union(union(...``).

Real rules nest a dozen levels; the compiler and the closures it builds
recurse once per level, so a bound keeps a hostile rule file a located
error instead of a ``RecursionError``.
"""


def too_deep(node: Tree[Token] | Token, limit: int = MAX_EXPRESSION_DEPTH) -> Tree[Token] | None:
    """The first node nested deeper than ``limit`` in ``node``, or ``None`` (no recursion)."""
    stack: list[tuple[Tree[Token] | Token, int]] = [(node, 1)]
    while stack:
        item, depth = stack.pop()
        if not isinstance(item, Tree):
            continue
        if depth > limit:
            return item
        stack.extend((child, depth + 1) for child in item.children)
    return None


def depth_problem(file: str, node: Tree[Token], where: Span | None = None) -> RuleProblem:
    """The located problem of an expression nested too deep."""
    return RuleProblem(
        where or tree_span(file, node),
        f"this expression nests more than {MAX_EXPRESSION_DEPTH} levels deep; "
        "name parts of it with 'let'",
    )


PREPARSED_EXPRESSIONS: dict[str, Tree[Token]] = {}
"""Template expressions of the built-in rules, parsed ahead (see govrules.syntax.tables)."""


def parse_expr(text: str) -> Tree[Token]:
    """Parse one expression (used for the ``{...}`` parts of message templates)."""
    known = PREPARSED_EXPRESSIONS.get(text)
    if known is not None:
        return known
    return rules_parser().parse(text, start="expr")


def unquote(node: Tree[Token] | Token) -> str:
    """The text of a ``string`` node or STRING token, escapes undone, long texts dedented."""
    tok = node.children[0] if isinstance(node, Tree) else node
    raw = str(tok)
    if raw.startswith('"""'):
        body = raw[3:-3]
        lines = body.split("\n")
        indents = [len(ln) - len(ln.lstrip()) for ln in lines[1:] if ln.strip()]
        cut = min(indents) if indents else 0
        return "\n".join([lines[0].strip(), *(ln[cut:].rstrip() for ln in lines[1:])]).strip()
    body = raw[1:-1]
    return body.replace('\\"', '"').replace("\\\\", "\\")
