"""Syntax tree to typed model objects: the vocabulary gives each statement its meaning.

Every problem is collected as a located :class:`~govrules.diagnostics.Finding`
(``GR2xx``); a declaration with a bad attribute is still built, without that
attribute, so later stages can check everything else.
"""

from __future__ import annotations

import datetime
import decimal
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from lark import Token

from govrules.diagnostics import Finding, Related, Severity
from govrules.messages import Message, msg
from govrules.model.objects import Declaration, NestedDeclaration
from govrules.model.schema import AttrSpec
from govrules.model.values import (
    DURATION_UNITS,
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
from govrules.suggest import did_you_mean
from govrules.syntax.tree import Item, ParsedFile, Stmt, extent_span, item_span, stmt_span
from govrules.vocabulary import (
    ATTRIBUTE_WORDS,
    BOOLEAN_WORDS,
    DUTCH_TARGET_UNITS,
    KIND_WORDS,
    KINDS,
    LANGUAGES,
    PERIOD_WORDS,
    SYMBOL_WORDS,
    TOP_LEVEL_KINDS,
    UNIT_WORDS,
    KindSpec,
    Words,
)

_TOP = frozenset(TOP_LEVEL_KINDS)


class BuildError(Exception):
    """A problem with one value or header; caught per statement and turned into a finding."""

    def __init__(self, code: str, message: Message, span: Span) -> None:
        super().__init__(message.english)
        self.code = code
        self.message = message
        self.span = span


def build_file(parsed: ParsedFile) -> tuple[list[Declaration], list[Finding], set[str]]:
    """Build the declarations of one parsed file.

    Returns the declarations, the problems as findings, and the identifiers of
    declarations that could not be built (so references to them are not
    reported again as undefined).
    """
    builder = _Builder(parsed.name, file_language(parsed.stmts))
    decls = [d for d in (builder.top_level(s) for s in parsed.stmts) if d is not None]
    return decls, builder.findings, builder.damaged


def identifier(text: str) -> str:
    """Identifiers compare in Unicode NFC form, so composed and decomposed letters match."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def file_language(stmts: Sequence[Stmt]) -> str:
    """The language a file's keywords are written in: the one most of its own words belong to.

    Words both languages share (``product``, ``contract``) do not count; a
    tie is English. Messages list choices, and 'did you mean' looks first, in
    this language.
    """
    counts = {lang: 0 for lang in LANGUAGES}

    def count(words: Words, word: str) -> None:
        for lang in LANGUAGES:
            if word in words.only[lang]:
                counts[lang] += 1

    def walk(stmt: Stmt, kind: str) -> None:
        if stmt.block is None:
            return
        inside = ATTRIBUTE_WORDS[kind]
        for inner in stmt.block.stmts:
            word = inner.head.value
            count(inside, word)
            name = inside.name(word)
            if name is not None and name in KINDS[kind].nested:
                walk(inner, name)

    for stmt in stmts:
        word = stmt.head.value
        count(KIND_WORDS, word)
        kind = KIND_WORDS.name(word)
        if kind is not None:
            walk(stmt, kind)
    return max(LANGUAGES, key=lambda lang: (counts[lang], lang == "en"))


class _Builder:
    def __init__(self, file: str, lang: str = "en") -> None:
        self.file = file
        self.lang = lang
        """The language of the file's keywords (:func:`file_language`)."""
        self.findings: list[Finding] = []
        self.damaged: set[str] = set()
        self.kind = ""
        """The kind whose attribute is being read (for its symbols)."""
        self.word = ""
        """The attribute word as the file writes it (for messages)."""

    def error(
        self, code: str, message: Message, span: Span, related: tuple[Related, ...] = ()
    ) -> None:
        self.findings.append(Finding(code, Severity.ERROR, message, span, related=related))

    def written(self, kind: str) -> str:
        """The keyword of ``kind`` in the file's language (for examples)."""
        return KIND_WORDS.word(kind, self.lang)

    # --- declarations -----------------------------------------------------

    def top_level(self, stmt: Stmt) -> Declaration | None:
        word = stmt.head.value
        name = KIND_WORDS.name(word)
        spec = KINDS.get(name) if name is not None else None
        if spec is None or spec.is_nested:
            head = self._span(stmt.head)
            if stmt.items and stmt.items[0][0].type == "NAME":
                self.damaged.add(identifier(stmt.items[0][0].value))
            if spec is not None and spec.parent is not None:
                message = msg("GR208.nested-only", kind=spec.name, parent=spec.parent)
                self.error("GR208", message, head)
            else:
                top = [w for w in KIND_WORDS.candidates(self.lang) if KIND_WORDS.name(w) in _TOP]
                choices = tuple(self.written(k) for k in TOP_LEVEL_KINDS)
                suggestion = did_you_mean(word, top)
                message = msg("GR201.unknown", word=word, suggestion=suggestion, choices=choices)
                self.error("GR201", message, head)
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
        kind = spec.name
        word = self.written(kind)
        example = f'{word} {"gem_a" if spec.identifier_ref else "my_" + kind} "Label"'
        if not stmt.items:
            message = msg("GR207.needs-identifier", kind=kind, example=example)
            raise BuildError("GR207", message, self._span(stmt.head))
        first = stmt.items[0]
        if len(stmt.items) > 1:
            message = msg("GR207.one-identifier", kind=kind, example=example)
            raise BuildError("GR207", message, item_span(self.file, stmt.items[1]))
        ident_tok = first[0]
        if ident_tok.type != "NAME":
            message = msg("GR207.identifier-first", kind=kind, example=example)
            raise BuildError("GR207", message, self._span(ident_tok))
        label = None
        if len(first) >= 2:
            if first[1].type != "STRING" or len(first) > 2:
                bad = first[1] if first[1].type != "STRING" else first[2]
                message = msg("GR207.label-only", kind=kind, example=example)
                raise BuildError("GR207", message, self._span(bad))
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
        name = ATTRIBUTE_WORDS[spec.name].name(word)
        attr = spec.attributes.get(name) if name is not None else None
        if attr is None:
            if name is not None and name in spec.nested:
                decl = self.declaration(stmt, KINDS[name], self_ref)
                if decl is not None:
                    self.add_nested(spec, nested.setdefault(name, []), decl)
                return
            self.unknown_word(word, stmt, spec)
            return
        line = stmt_span(self.file, stmt)
        if stmt.block is not None:
            inner = tuple(self.written(k) for k in spec.nested)
            message = (
                msg("GR208.no-block", word=word, nested=inner)
                if inner
                else msg("GR208.no-block-here", word=word)
            )
            self.error("GR208", message, self._span(stmt.block.open))
        if not stmt.items:
            message = msg("GR203.needs-value", word=word, example=_example(attr.type))
            self.error("GR203", message, line)
            return
        values = self.values(stmt.items, attr, spec.name, word)
        if not values:
            return
        if attr.many:
            earlier = fields.get(attr.field, ())
            fields[attr.field] = (*earlier, *values)
            attribute_spans.setdefault(attr.name, line)
            return
        if len(values) > 1:
            message = msg("GR206.one-value", word=word, count=len(stmt.items))
            self.error("GR206", message, item_span(self.file, stmt.items[1]))
            return
        if attr.name in attribute_spans:
            first = attribute_spans[attr.name]
            kind, name = spec.name, self_ref.name
            self.error(
                "GR206",
                msg("GR206.twice", word=word, kind=kind, name=name, line=first.line),
                line,
                (Related(first, msg("GR206.first", word=word, kind=kind, name=name)),),
            )
            return
        fields[attr.field] = values[0]
        attribute_spans[attr.name] = line

    def add_nested(self, spec: KindSpec, siblings: list[Declaration], decl: Declaration) -> None:
        for other in siblings:
            if other.id == decl.id:
                kind, name = decl.KIND, decl.id
                line = other.span.line
                self.error(
                    "GR301",
                    msg("GR301.nested-twice", kind=kind, name=name, parent=spec.name, line=line),
                    decl.span,
                    (Related(other.span, msg("GR301.first-nested", kind=kind, name=name)),),
                )
                return
        siblings.append(decl)

    def unknown_word(self, word: str, stmt: Stmt, spec: KindSpec) -> None:
        span = self._span(stmt.head)
        kind = KIND_WORDS.name(word)
        if kind is not None:
            where = KINDS[kind].parent
            place = msg("GR208.place-inside", parent=where) if where else msg("GR208.place-top")
            message = msg("GR208.wrong-place", kind=kind, parent=spec.name, place=place)
            self.error("GR208", message, span)
            return
        words = ATTRIBUTE_WORDS[spec.name]
        suggestion = did_you_mean(word, words.candidates(self.lang))
        message = msg(
            "GR202.unknown",
            word=word,
            kind=spec.name,
            suggestion=suggestion,
            choices=words.choices(self.lang),
        )
        self.error("GR202", message, span)

    # --- values -----------------------------------------------------------

    def values(
        self, items: tuple[Item, ...], attr: AttrSpec, kind: str = "", word: str = ""
    ) -> list[Value]:
        self.kind, self.word = kind, word or attr.name
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

    def wrong(self, item: Item, attr: AttrSpec, what: Message | None = None) -> BuildError:
        written = " ".join(t.value for t in item)
        expected = _example(attr.type)
        if attr.type is ValueType.REFERENCE or attr.type is ValueType.TEXT_OR_REFERENCE:
            expected = msg("type.naming", example=expected, kinds=attr.targets)
        if attr.type is ValueType.SYMBOL:
            expected = msg("type.one-of", symbols=self.symbols(attr).choices(self.lang))
        message = msg(
            "GR203.expects",
            word=self.word,
            expected=expected,
            written=written,
            what=what or _what(item),
        )
        return BuildError("GR203", message, self.item_span(item))

    def symbols(self, attr: AttrSpec) -> Words:
        return SYMBOL_WORDS[(self.kind, attr.name)]


def _example(value_type: ValueType) -> Message:
    """'a date such as 2026-12-31': what a value of this type looks like."""
    return msg("type." + value_type.value.replace(" ", "-"))


_ATTRIBUTE_WORDS = frozenset(w for words in ATTRIBUTE_WORDS.values() for w in words.names)
"""Every attribute name, English and Dutch: a value that holds one is two attributes on a line."""


_WHAT = {
    "STRING": "text",
    "LONG_STRING": "text",
    "NUMBER": "number",
    "DATE": "date",
    "NAME": "word",
    "OP": "comparison",
    "PERCENT": "percent",
}


def _what(item: Item) -> Message:
    if len(item) > 1:
        # 'kind municipality staff 5': the next attribute went on the same line.
        if any(t.type == "NAME" and t.value in _ATTRIBUTE_WORDS for t in item[1:]):
            return msg("what.one-per-line")
        return msg("what.several")
    return msg("what." + _WHAT.get(item[0].type, "other"))


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
        raise BuildError("GR205", msg("GR205.number", text=text), b._span(tok))
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
    words = b.symbols(attr)
    name = words.name(tok.value)
    if name is None:
        message = msg(
            "GR204.unknown",
            word=tok.value,
            attribute=b.word,
            suggestion=did_you_mean(tok.value, words.candidates(b.lang)),
            choices=words.choices(b.lang),
        )
        raise BuildError("GR204", message, b._span(tok))
    return Symbol(name, b._span(tok))


def _text(b: _Builder, item: Item, attr: AttrSpec) -> Value:
    tok = _one(b, item, attr, "STRING", "LONG_STRING")
    return Text(_unquote(tok.value), b._span(tok))


def _integer(b: _Builder, item: Item, attr: AttrSpec) -> Value:
    tok = _one(b, item, attr, "NUMBER")
    value = _number(tok, b)
    if value != value.to_integral_value() or "." in tok.value:
        message = msg("GR205.whole-number", word=b.word, value=tok.value)
        raise BuildError("GR205", message, b._span(tok))
    return Integer(int(value), b._span(tok))


def _decimal(b: _Builder, item: Item, attr: AttrSpec) -> Value:
    tok = _one(b, item, attr, "NUMBER")
    return Number(_number(tok, b), b._span(tok))


def _boolean(b: _Builder, item: Item, attr: AttrSpec) -> Value:
    tok = _one(b, item, attr, "NAME")
    name = BOOLEAN_WORDS.name(tok.value)
    if name is None:
        suggestion = did_you_mean(tok.value, BOOLEAN_WORDS.candidates(b.lang))
        message = msg("GR204.boolean", word=b.word, value=tok.value, suggestion=suggestion)
        raise BuildError("GR204", message, b._span(tok))
    return Boolean(name == "yes", b._span(tok))


def _date(b: _Builder, item: Item, attr: AttrSpec) -> Value:
    tok = _one(b, item, attr, "DATE")
    try:
        return Date(datetime.date.fromisoformat(tok.value), b._span(tok))
    except ValueError:
        message = msg("GR205.no-such-date", value=tok.value)
        raise BuildError("GR205", message, b._span(tok)) from None


def _is_currency(tok: Token) -> bool:
    if tok.type == "EURO":
        return True
    return (
        tok.type == "NAME" and len(tok.value) == 3 and tok.value.isalpha() and tok.value.isupper()
    )


def _currency(tok: Token) -> str:
    """The currency code: the sign ``€`` is EUR."""
    return "EUR" if tok.type == "EURO" else str(tok.value)


def _money(b: _Builder, item: Item, attr: AttrSpec) -> Value:
    span = b.item_span(item)
    if len(item) < 2 or not _is_currency(item[0]) or item[1].type != "NUMBER":
        raise b.wrong(item, attr)
    amount = _number(item[1], b)
    period = None
    rest = item[2:]
    if rest:
        period = PERIOD_WORDS.name(rest[1].value) if len(rest) == 2 else None
        if rest[0].value != "per" or period is None:
            message = msg(
                "GR205.period",
                periods=", per ".join(PERIOD_WORDS.choices(b.lang)),
                suggestion=did_you_mean(rest[-1].value, PERIOD_WORDS.candidates(b.lang)),
            )
            raise BuildError("GR205", message, b.item_span(rest))
    return Money(_currency(item[0]), amount, period, span)


def _unit(b: _Builder, tok: Token) -> str:
    name = UNIT_WORDS.name(tok.value)
    if name is not None:
        return name
    word = str(tok.value) if tok.value.endswith("s") else tok.value + "s"
    if word not in DURATION_UNITS:
        candidates = (*UNIT_WORDS.candidates(b.lang),) if b.lang != "en" else DURATION_UNITS
        choices = DURATION_UNITS if b.lang == "en" else UNIT_WORDS.choices(b.lang)
        message = msg(
            "GR205.unit",
            word=tok.value,
            suggestion=did_you_mean(word if b.lang == "en" else tok.value, candidates),
            choices=choices,
        )
        raise BuildError("GR205", message, b._span(tok))
    return word


def _duration(b: _Builder, item: Item, attr: AttrSpec) -> Value:
    if len(item) != 2 or item[0].type != "NUMBER" or item[1].type != "NAME":
        raise b.wrong(item, attr)
    return Duration(_number(item[0], b), _unit(b, item[1]), b.item_span(item))


def _target(b: _Builder, item: Item, attr: AttrSpec) -> Value:
    span = b.item_span(item)
    if item[0].type != "OP":
        written = " ".join(t.value for t in item)
        raise BuildError("GR203", msg("GR203.target", written=written), span)
    op, rest = item[0].value, item[1:]
    if len(rest) == 2 and _is_currency(rest[0]) and rest[1].type == "NUMBER":
        return Target(op, _number(rest[1], b), _currency(rest[0]), span)
    if rest and rest[0].type == "NUMBER" and len(rest) <= 2:
        unit = None
        if len(rest) == 2:
            if rest[1].type == "PERCENT":
                unit = "%"
            elif rest[1].type == "NAME":
                # A Dutch unit of time reads as the English one (dagen -> days).
                unit = (
                    UNIT_WORDS.name(rest[1].value) if rest[1].value in DUTCH_TARGET_UNITS else None
                )
                unit = unit or rest[1].value
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
