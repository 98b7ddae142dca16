"""Syntax tree to typed model objects: the vocabulary gives each statement its meaning.

Every problem is collected as a located :class:`~govrules.diagnostics.Finding`
(``GR2xx``); a declaration with a bad attribute is still built, without that
attribute, so later stages can check everything else.
"""

from __future__ import annotations

import datetime
import decimal
import unicodedata
from collections.abc import Callable
from typing import Any

from lark import Token

from govrules.diagnostics import Finding, Related, Severity
from govrules.model.dutch import ATTRIBUTES as DUTCH_ATTRIBUTES
from govrules.model.objects import Declaration, NestedDeclaration
from govrules.model.schema import AttrSpec
from govrules.model.values import (
    DURATION_UNITS,
    PERIODS,
    Boolean,
    Date,
    Duration,
    Integer,
    Money,
    Number,
    Ref,
    Symbol,
    Target,
    Text,
    Value,
    ValueType,
    bind,
)
from govrules.source import Span
from govrules.suggest import suggestion_suffix
from govrules.syntax.tree import Item, ParsedFile, Stmt, extent_span, item_span, stmt_span
from govrules.vocabulary import KINDS, TOP_LEVEL_KINDS, KindSpec, describe_kinds


class BuildError(Exception):
    """A problem with one value or header; caught per statement and turned into a finding."""

    def __init__(self, code: str, message: str, span: Span) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.span = span


def build_file(parsed: ParsedFile) -> tuple[list[Declaration], list[Finding], set[str]]:
    """Build the declarations of one parsed file.

    Returns the declarations, the problems as findings, and the identifiers of
    declarations that could not be built (so references to them are not
    reported again as undefined).
    """
    builder = _Builder(parsed.name)
    decls = [d for d in (builder.top_level(s) for s in parsed.stmts) if d is not None]
    return decls, builder.findings, builder.damaged


def identifier(text: str) -> str:
    """Identifiers compare in Unicode NFC form, so composed and decomposed letters match."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


class _Builder:
    def __init__(self, file: str) -> None:
        self.file = file
        self.findings: list[Finding] = []
        self.damaged: set[str] = set()

    def error(self, code: str, message: str, span: Span, related: tuple[Related, ...] = ()) -> None:
        self.findings.append(Finding(code, Severity.ERROR, message, span, related=related))

    # --- declarations -----------------------------------------------------

    def top_level(self, stmt: Stmt) -> Declaration | None:
        word = stmt.head.value
        spec = KINDS.get(word)
        if spec is None or spec.is_nested:
            head = self._span(stmt.head)
            if stmt.items and stmt.items[0][0].type == "NAME":
                self.damaged.add(identifier(stmt.items[0][0].value))
            if spec is not None and spec.parent is not None:
                self.error(
                    "GR208",
                    f"{_an(word)} is declared inside {_an(spec.parent)}, not on its own",
                    head,
                )
            else:
                self.error(
                    "GR201",
                    f"unknown kind {word!r}"
                    + suggestion_suffix(word, TOP_LEVEL_KINDS)
                    + f" (kinds: {', '.join(TOP_LEVEL_KINDS)})",
                    head,
                )
            return None
        return self.declaration(stmt, spec, None)

    def declaration(self, stmt: Stmt, spec: KindSpec, parent: Ref | None) -> Declaration | None:
        try:
            ident, id_span, label = self.header(stmt, spec)
        except BuildError as exc:
            self.error(exc.code, exc.message, exc.span)
            if stmt.items and stmt.items[0][0].type == "NAME":
                self.damaged.add(identifier(stmt.items[0][0].value))
            return None
        header = self._span(stmt.head).to(label.span if label else id_span)
        fields: dict[str, Any] = {
            "id": ident,
            "label": label,
            "span": header,
            "extent": extent_span(self.file, stmt),
        }
        attribute_spans: dict[str, Span] = {}
        nested: dict[str, list[Declaration]] = {}
        self_ref = Ref(ident, header)
        if parent is not None:
            fields["parent"] = parent
        if spec.identifier_ref is not None:
            fields[spec.identifier_ref.field] = Ref(ident, id_span)
        if stmt.block is not None:
            for inner in stmt.block.stmts:
                self.statement(inner, spec, fields, attribute_spans, nested, self_ref)
        for kind, decls in nested.items():
            fields[spec.nested[kind].field] = tuple(decls)
        fields["attribute_spans"] = attribute_spans
        decl = spec.cls(**fields)
        bind(self_ref, decl)
        return decl

    def header(self, stmt: Stmt, spec: KindSpec) -> tuple[str, Span, Text | None]:
        word = spec.name
        example = f'{word} {"gem_a" if spec.identifier_ref else "my_" + word} "Label"'
        if not stmt.items:
            raise BuildError(
                "GR207", f"{_an(word)} needs an identifier, as in: {example}", self._span(stmt.head)
            )
        first = stmt.items[0]
        if len(stmt.items) > 1:
            raise BuildError(
                "GR207",
                f"{_an(word)} has one identifier and an optional label, without commas: {example}",
                item_span(self.file, stmt.items[1]),
            )
        ident_tok = first[0]
        if ident_tok.type != "NAME":
            raise BuildError(
                "GR207",
                f"{_an(word)} needs an identifier (letters, digits, '_' and '-', not starting "
                f"with a digit) before anything else, as in: {example}",
                self._span(ident_tok),
            )
        label = None
        if len(first) >= 2:
            if first[1].type != "STRING" or len(first) > 2:
                bad = first[1] if first[1].type != "STRING" else first[2]
                raise BuildError(
                    "GR207",
                    f"after the identifier of {_an(word)} only a label in double quotes may follow "
                    f"on its line, as in: {example}",
                    self._span(bad),
                )
            label = Text(_unquote(first[1].value), self._span(first[1]))
        return identifier(ident_tok.value), self._span(ident_tok), label

    def statement(
        self,
        stmt: Stmt,
        spec: KindSpec,
        fields: dict[str, Any],
        attribute_spans: dict[str, Span],
        nested: dict[str, list[Declaration]],
        self_ref: Ref,
    ) -> None:
        word = stmt.head.value
        attr = spec.attributes.get(word)
        if attr is None:
            if word in spec.nested:
                decl = self.declaration(stmt, KINDS[word], self_ref)
                if decl is not None:
                    self.add_nested(spec, nested.setdefault(word, []), decl)
                return
            self.unknown_word(word, stmt, spec)
            return
        line = stmt_span(self.file, stmt)
        if stmt.block is not None:
            self.error(
                "GR208",
                f"the attribute {word!r} takes no block; only nested kinds "
                f"({', '.join(spec.nested) or 'none here'}) have one",
                self._span(stmt.block.open),
            )
        if not stmt.items:
            self.error("GR203", f"{word!r} needs a value: {attr.type.example}", line)
            return
        values = self.values(stmt.items, attr)
        if not values:
            return
        if attr.many:
            earlier = fields.get(attr.field, ())
            fields[attr.field] = (*earlier, *values)
            attribute_spans.setdefault(word, line)
            return
        if len(values) > 1:
            self.error(
                "GR206",
                f"{word!r} takes one value, but {len(stmt.items)} were given",
                item_span(self.file, stmt.items[1]),
            )
            return
        if word in attribute_spans:
            first = attribute_spans[word]
            self.error(
                "GR206",
                f"{word!r} is given twice in {spec.name} {self_ref.name} "
                f"(first on line {first.line})",
                line,
                (Related(first, f"first {word!r} of {spec.name} {self_ref.name}"),),
            )
            return
        fields[attr.field] = values[0]
        attribute_spans[word] = line

    def add_nested(self, spec: KindSpec, siblings: list[Declaration], decl: Declaration) -> None:
        for other in siblings:
            if other.id == decl.id:
                self.error(
                    "GR301",
                    f"{decl.KIND} {decl.id!r} is declared twice in this {spec.name} "
                    f"(first on line {other.span.line})",
                    decl.span,
                    (Related(other.span, f"first {decl.KIND} {decl.id}"),),
                )
                return
        siblings.append(decl)

    def unknown_word(self, word: str, stmt: Stmt, spec: KindSpec) -> None:
        span = self._span(stmt.head)
        if word in KINDS:
            where = KINDS[word].parent
            place = f"inside {_an(where)}" if where else "at the top level, outside any block"
            self.error(
                "GR208",
                f"{_an(word)} cannot be declared inside {_an(spec.name)}; declare it {place}",
                span,
            )
            return
        choices = [*spec.attributes, *spec.nested]
        self.error(
            "GR202",
            f"unknown attribute {word!r} for {_an(spec.name)}"
            + suggestion_suffix(word, choices)
            + f" (attributes: {', '.join(choices)})",
            span,
        )

    # --- values -----------------------------------------------------------

    def values(self, items: tuple[Item, ...], attr: AttrSpec) -> list[Value]:
        out: list[Value] = []
        for item in items:
            try:
                out.append(_CONVERTERS[attr.type](self, item, attr))
            except BuildError as exc:
                self.error(exc.code, exc.message, exc.span)
        return out

    def _span(self, tok: Token) -> Span:
        return Span(self.file, tok.line, tok.column, tok.end_line, tok.end_column)  # type: ignore[arg-type]

    def item_span(self, item: Item) -> Span:
        return item_span(self.file, item)

    def wrong(self, item: Item, attr: AttrSpec, what: str = "") -> BuildError:
        written = " ".join(t.value for t in item)
        expected = attr.type.example
        if attr.type is ValueType.REFERENCE or attr.type is ValueType.TEXT_OR_REFERENCE:
            expected += f" naming {describe_kinds(attr.targets)}"
        if attr.type is ValueType.SYMBOL:
            expected = "one of: " + ", ".join(attr.symbols)
        return BuildError(
            "GR203",
            f"{attr.name!r} expects {expected}; {written!r} is {what or _what(item)}",
            self.item_span(item),
        )


_ATTRIBUTE_WORDS = frozenset(
    word for table in DUTCH_ATTRIBUTES.values() for pair in table.items() for word in pair
)
"""Every attribute name, English and Dutch: a value that holds one is two attributes on a line."""


def _an(word: str) -> str:
    """``organization`` -> ``an organization``."""
    return describe_kinds((word,))


def _what(item: Item) -> str:
    if len(item) > 1:
        # 'kind municipality staff 5': the next attribute went on the same line.
        if any(t.type == "NAME" and t.value in _ATTRIBUTE_WORDS for t in item[1:]):
            return "several words: put one attribute per line"
        return "several words (separate list values with ',')"
    return {
        "STRING": "a text",
        "LONG_STRING": "a text",
        "NUMBER": "a number",
        "DATE": "a date",
        "NAME": "a word",
        "OP": "a comparison",
        "PERCENT": "a '%'",
    }.get(item[0].type, "something else")


def _unquote(raw: str) -> str:
    if raw.startswith('"""'):
        return _dedent(raw[3:-3])
    body = raw[1:-1]
    if "\\" not in body:
        return body
    out: list[str] = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body) and body[i + 1] in '"\\':
            out.append(body[i + 1])
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def _dedent(text: str) -> str:
    """Long texts lose the indentation they share and their surrounding blank lines."""
    lines = text.split("\n")
    indents = [len(line) - len(line.lstrip()) for line in lines[1:] if line.strip()]
    cut = min(indents) if indents else 0
    lines = [lines[0].strip(), *(line[cut:].rstrip() for line in lines[1:])]
    return "\n".join(lines).strip("\n")


def _number(tok: Token, b: _Builder) -> decimal.Decimal:
    text = tok.value
    if "__" in text or text.endswith("_") or "_." in text or "._" in text:
        raise BuildError(
            "GR205",
            f"{text!r} is not a well-formed number: "
            "use single '_' between digits, as in 14_500_000",
            b._span(tok),
        )
    return decimal.Decimal(text.replace("_", ""))


def _one(b: _Builder, item: Item, attr: AttrSpec, *types: str) -> Token:
    if len(item) != 1 or item[0].type not in types:
        raise b.wrong(item, attr)
    return item[0]


def _reference(b: _Builder, item: Item, attr: AttrSpec) -> Value:
    tok = _one(b, item, attr, "NAME")
    return Ref(identifier(tok.value), b._span(tok))


def _text_or_reference(b: _Builder, item: Item, attr: AttrSpec) -> Value:
    tok = _one(b, item, attr, "NAME", "STRING", "LONG_STRING")
    if tok.type == "NAME":
        return Ref(identifier(tok.value), b._span(tok))
    return Text(_unquote(tok.value), b._span(tok))


def _symbol(b: _Builder, item: Item, attr: AttrSpec) -> Value:
    tok = _one(b, item, attr, "NAME")
    if tok.value not in attr.symbols:
        raise BuildError(
            "GR204",
            f"{tok.value!r} is not a known value for {attr.name!r}"
            + suggestion_suffix(tok.value, attr.symbols)
            + f" (choose from: {', '.join(attr.symbols)})",
            b._span(tok),
        )
    return Symbol(tok.value, b._span(tok))


def _text(b: _Builder, item: Item, attr: AttrSpec) -> Value:
    tok = _one(b, item, attr, "STRING", "LONG_STRING")
    return Text(_unquote(tok.value), b._span(tok))


def _integer(b: _Builder, item: Item, attr: AttrSpec) -> Value:
    tok = _one(b, item, attr, "NUMBER")
    value = _number(tok, b)
    if value != value.to_integral_value() or "." in tok.value:
        raise BuildError(
            "GR205", f"{attr.name!r} expects a whole number, not {tok.value}", b._span(tok)
        )
    return Integer(int(value), b._span(tok))


def _decimal(b: _Builder, item: Item, attr: AttrSpec) -> Value:
    tok = _one(b, item, attr, "NUMBER")
    return Number(_number(tok, b), b._span(tok))


def _boolean(b: _Builder, item: Item, attr: AttrSpec) -> Value:
    tok = _one(b, item, attr, "NAME")
    if tok.value not in ("yes", "no"):
        raise BuildError(
            "GR204",
            f"{attr.name!r} is yes or no, not {tok.value!r}"
            + suggestion_suffix(tok.value, ("yes", "no")),
            b._span(tok),
        )
    return Boolean(tok.value == "yes", b._span(tok))


def _date(b: _Builder, item: Item, attr: AttrSpec) -> Value:
    tok = _one(b, item, attr, "DATE")
    try:
        return Date(datetime.date.fromisoformat(tok.value), b._span(tok))
    except ValueError:
        raise BuildError(
            "GR205", f"{tok.value} is not a date that exists (year-month-day)", b._span(tok)
        ) from None


def _is_currency(tok: Token) -> bool:
    return (
        tok.type == "NAME" and len(tok.value) == 3 and tok.value.isalpha() and tok.value.isupper()
    )


def _money(b: _Builder, item: Item, attr: AttrSpec) -> Value:
    span = b.item_span(item)
    if len(item) < 2 or not _is_currency(item[0]) or item[1].type != "NUMBER":
        raise b.wrong(item, attr)
    amount = _number(item[1], b)
    period = None
    rest = item[2:]
    if rest:
        if len(rest) != 2 or rest[0].value != "per" or rest[1].value not in PERIODS:
            raise BuildError(
                "GR205",
                f"after the amount only a period may follow: per {', per '.join(PERIODS)}"
                + (suggestion_suffix(rest[-1].value, PERIODS) if rest else ""),
                b.item_span(rest),
            )
        period = rest[1].value
    return Money(item[0].value, amount, period, span)


def _unit(b: _Builder, tok: Token) -> str:
    word = str(tok.value) if tok.value.endswith("s") else tok.value + "s"
    if word not in DURATION_UNITS:
        raise BuildError(
            "GR205",
            f"{tok.value!r} is not a unit of time"
            + suggestion_suffix(word, DURATION_UNITS)
            + f" (use {', '.join(DURATION_UNITS)})",
            b._span(tok),
        )
    return word


def _duration(b: _Builder, item: Item, attr: AttrSpec) -> Value:
    if len(item) != 2 or item[0].type != "NUMBER" or item[1].type != "NAME":
        raise b.wrong(item, attr)
    return Duration(_number(item[0], b), _unit(b, item[1]), b.item_span(item))


def _target(b: _Builder, item: Item, attr: AttrSpec) -> Value:
    span = b.item_span(item)
    if item[0].type != "OP":
        raise BuildError(
            "GR203",
            f"a target starts with a comparison (<=, >=, ==, !=, <, >), as in <= 5 days; "
            f"{' '.join(t.value for t in item)!r} has none",
            span,
        )
    op, rest = item[0].value, item[1:]
    if len(rest) == 2 and _is_currency(rest[0]) and rest[1].type == "NUMBER":
        return Target(op, _number(rest[1], b), rest[0].value, span)
    if rest and rest[0].type == "NUMBER" and len(rest) <= 2:
        unit = None
        if len(rest) == 2:
            if rest[1].type == "PERCENT":
                unit = "%"
            elif rest[1].type == "NAME":
                unit = rest[1].value
            else:
                raise b.wrong(item, attr)
        return Target(op, _number(rest[0], b), unit, span)
    raise b.wrong(item, attr)


_CONVERTERS: dict[ValueType, Callable[[_Builder, Item, AttrSpec], Value]] = {
    ValueType.REFERENCE: _reference,
    ValueType.TEXT_OR_REFERENCE: _text_or_reference,
    ValueType.SYMBOL: _symbol,
    ValueType.TEXT: _text,
    ValueType.INTEGER: _integer,
    ValueType.NUMBER: _decimal,
    ValueType.BOOLEAN: _boolean,
    ValueType.DATE: _date,
    ValueType.MONEY: _money,
    ValueType.DURATION: _duration,
    ValueType.TARGET: _target,
}

__all__ = ["BuildError", "NestedDeclaration", "build_file", "identifier"]
