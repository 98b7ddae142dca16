"""Declarations to plain JSON-able data and back, for the cache.

Generic over the vocabulary: every field is encoded by its declared value
type, so a new attribute needs nothing here. Decoding trusts nothing: any
shape it does not expect raises :class:`CodecError`, which the cache treats
as a miss. Nothing is ever evaluated; references come back unresolved and
are bound by the resolver like freshly parsed ones.

The layout is made for a fast warm load:

- a declaration is one flat list: ``[kind, id, label, field, raw, field, raw,
  ...]``, its fields in the order their attributes were written (that order
  is the order of ``attribute_spans``), then the identifier reference and the
  nested declarations;
- a value is its raw data only (a string, a number, a short list): the
  field's declared type says which class it is, so a value of the wrong
  type cannot come back; only ``text or reference`` fields tag theirs;
- the spans are not in the lists at all: the line and column numbers of a
  file's spans, four to a span, in the order the decoder meets them, are
  one string of hexadecimal (16-bit or 32-bit little-endian numbers), which
  JSON reads as one token and :mod:`array` turns into numbers in C.

Encoding refuses (with :class:`CodecError`) a declaration it could not give
back exactly, so such a file is simply not cached.
"""

from __future__ import annotations

import datetime
import decimal
import sys
from array import array
from collections.abc import Callable, Sequence
from itertools import repeat
from types import MemberDescriptorType
from typing import Any

import attrs
from attrs import NOTHING

from govrules.diagnostics import Finding, Related, Severity
from govrules.messages import Message
from govrules.messages.data import from_data, to_data
from govrules.model.objects import Declaration, NestedDeclaration
from govrules.model.schema import AttrSpec
from govrules.model.values import (
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
from govrules.source import Comment, Span
from govrules.vocabulary import KINDS, KindSpec


class CodecError(Exception):
    """Cached data that does not have the expected shape."""


# --- spans ---------------------------------------------------------------

# Bytes per number -> typecode; the entry says which width it uses.
_CODES = {array(c).itemsize: c for c in "LIH" if array(c).itemsize in (2, 4)}
if len(_CODES) != 2:
    raise ImportError("the cache needs 16-bit and 32-bit arrays")
_SWAP = sys.byteorder == "big"
_make_span: Callable[[type[Span], tuple[str, int, int, int, int]], Span] = tuple.__new__


def pack_spans(numbers: Sequence[int]) -> tuple[int, str]:
    """Span numbers as (bytes per number, hexadecimal); CodecError if one does not fit."""
    try:
        width = 2 if max(numbers, default=0) < 0x10000 else 4
        packed = array(_CODES[width], numbers)
    except (TypeError, OverflowError, ValueError) as exc:
        raise CodecError(f"span numbers: {exc}") from None
    if _SWAP:
        packed.byteswap()
    return width, packed.tobytes().hex()


def unpack_spans(width: Any, text: Any, file: str) -> list[Span]:
    """The spans of :func:`pack_spans`' numbers, in ``file``."""
    if type(width) is not int or width not in _CODES or type(text) is not str:
        raise CodecError("bad spans")
    numbers = array(_CODES[width])
    try:
        numbers.frombytes(bytes.fromhex(text))
    except ValueError:
        raise CodecError("bad spans") from None
    if len(numbers) % 4:
        raise CodecError("bad spans")
    if _SWAP:
        numbers.byteswap()
    it = iter(numbers)
    # All in C: zip groups four numbers with the file, tuple.__new__ makes the Span.
    return list(map(_make_span, repeat(Span), zip(repeat(file), it, it, it, it)))


def _span(s: Span) -> list[int]:
    return [s.line, s.column, s.end_line, s.end_column]


def _unspan(data: Any, file: str) -> Span:
    try:
        a, b, c, d = data
    except (TypeError, ValueError):
        raise CodecError("bad span") from None
    if type(a) is int and type(b) is int and type(c) is int and type(d) is int:
        return Span(file, a, b, c, d)
    raise CodecError("bad span")


# --- values --------------------------------------------------------------


def _str(x: Any) -> str:
    if type(x) is not str:
        raise CodecError("expected a string")
    return x


def _opt(x: Any) -> str | None:
    return None if x is None else _str(x)


_MAX_EXPONENT = 1000
"""Cached numbers larger or smaller than this many digits are refused (a miss)."""


def _dec(x: Any) -> decimal.Decimal:
    """A number as the parser makes them: finite, of a sane size (never NaN, never 1E+999999999)."""
    try:
        d = decimal.Decimal(_str(x))
    except decimal.InvalidOperation:
        raise CodecError("bad number") from None
    if not d.is_finite() or not -_MAX_EXPONENT <= d.adjusted() <= _MAX_EXPONENT:
        raise CodecError("bad number")
    return d


def _triple(x: Any) -> list[Any]:
    if type(x) is not list or len(x) != 3:
        raise CodecError("bad value")
    return x


def _encoder(cls: type[Value], what: str, raw: Callable[[Any], Any]) -> Callable[[Value], Any]:
    """An encoder for values of ``cls``: their raw data, or CodecError for any other value."""

    def encode(v: Value) -> Any:
        if type(v) is not cls:
            raise CodecError(f"not {what}")
        return raw(v)

    return encode


def _whole(v: Integer) -> int:
    if type(v.value) is not int:
        raise CodecError("not an integer")
    return v.value


_enc_ref = _encoder(Ref, "a reference", lambda v: v.name)
_enc_text = _encoder(Text, "a text", lambda v: v.value)
_enc_symbol = _encoder(Symbol, "a symbol", lambda v: v.value)
_enc_integer = _encoder(Integer, "an integer", _whole)
_enc_number = _encoder(Number, "a number", lambda v: str(v.value))
_enc_boolean = _encoder(Boolean, "a boolean", lambda v: v.value)
_enc_date = _encoder(Date, "a date", lambda v: v.value.isoformat())
_enc_money = _encoder(Money, "money", lambda v: [v.currency, str(v.amount), v.period])
_enc_duration = _encoder(Duration, "a duration", lambda v: [str(v.amount), v.unit])
_enc_target = _encoder(Target, "a target", lambda v: [v.op, str(v.amount), v.unit])


def _enc_text_or_ref(v: Value) -> Any:
    if type(v) is Ref:
        return ["r", v.name]
    if type(v) is Text:
        return ["t", v.value]
    raise CodecError("not a text or reference")


def _dec_integer(raw: Any, span: Span) -> Value:
    if type(raw) is not int:
        raise CodecError("expected an integer")
    return Integer(raw, span)


def _dec_number(raw: Any, span: Span) -> Value:
    return Number(_dec(raw), span)


def _dec_boolean(raw: Any, span: Span) -> Value:
    if type(raw) is not bool:
        raise CodecError("expected a boolean")
    return Boolean(raw, span)


def _dec_date(raw: Any, span: Span) -> Value:
    try:
        return Date(datetime.date.fromisoformat(_str(raw)), span)
    except ValueError:
        raise CodecError("bad date") from None


def _dec_money(raw: Any, span: Span) -> Value:
    currency, amount, period = _triple(raw)
    return Money(_str(currency), _dec(amount), _opt(period), span)


def _dec_duration(raw: Any, span: Span) -> Value:
    if type(raw) is not list or len(raw) != 2:
        raise CodecError("bad duration")
    return Duration(_dec(raw[0]), _str(raw[1]), span)


def _dec_target(raw: Any, span: Span) -> Value:
    op, amount, unit = _triple(raw)
    return Target(_str(op), _dec(amount), _opt(unit), span)


def _dec_text_or_ref(raw: Any, span: Span) -> Value:
    if type(raw) is not list or len(raw) != 2 or type(raw[1]) is not str:
        raise CodecError("bad text or reference")
    if raw[0] == "r":
        return _ref(raw[1], span)
    if raw[0] == "t":
        return _text(raw[1], span)
    raise CodecError("bad text or reference")


def _setters(cls: type, *names: str) -> tuple[Callable[[Any, Any], None], ...]:
    """The slots' own setters of a frozen attrs class, after checking it is what they assume."""
    fields = attrs.fields(cls)
    if tuple(f.name for f in fields) != names or any(
        f.validator is not None or f.converter is not None for f in fields
    ):
        raise AssertionError(f"the codec's fast constructor does not fit {cls.__name__}")
    return tuple(vars(cls)[n].__set__ for n in names)


# The decoder makes tens of thousands of these per warm load: setting the slots
# directly takes two thirds of the time of the attrs __init__ (measured: Ref 247
# -> 166 ns, Text 190 -> 127 ns), for the same object.
_new = object.__new__
_ref_name, _ref_span, _ref_target = _setters(Ref, "name", "span", "target")
_text_value, _text_span = _setters(Text, "value", "span")
_symbol_value, _symbol_span = _setters(Symbol, "value", "span")


def _ref(name: str, span: Span) -> Ref:
    r = _new(Ref)
    _ref_name(r, name)
    _ref_span(r, span)
    _ref_target(r, None)
    return r


def _text(value: str, span: Span) -> Text:
    t = _new(Text)
    _text_value(t, value)
    _text_span(t, span)
    return t


def _symbol(value: str, span: Span) -> Symbol:
    t = _new(Symbol)
    _symbol_value(t, value)
    _symbol_span(t, span)
    return t


def _bad_string() -> Any:
    raise CodecError("expected a string")


_Encoder = Callable[[Value], Any]
_Decoder = Callable[[Any, Span], Value]

_CODECS: dict[ValueType, tuple[_Encoder, _Decoder | None]] = {
    # None: decoded inline by _decode_decl, these are most values.
    ValueType.REFERENCE: (_enc_ref, None),
    ValueType.TEXT: (_enc_text, None),
    ValueType.SYMBOL: (_enc_symbol, None),
    ValueType.INTEGER: (_enc_integer, _dec_integer),
    ValueType.NUMBER: (_enc_number, _dec_number),
    ValueType.BOOLEAN: (_enc_boolean, _dec_boolean),
    ValueType.DATE: (_enc_date, _dec_date),
    ValueType.MONEY: (_enc_money, _dec_money),
    ValueType.DURATION: (_enc_duration, _dec_duration),
    ValueType.TARGET: (_enc_target, _dec_target),
    ValueType.TEXT_OR_REFERENCE: (_enc_text_or_ref, _dec_text_or_ref),
}

# --- declarations --------------------------------------------------------

# How _decode_decl treats a field.
_ONE, _MANY, _IDENT, _NESTED = range(4)
# How it makes a value: inline for the common types, else through a function.
_REF, _TEXT, _SYMBOL, _OTHER = range(4)
_INLINE = {ValueType.REFERENCE: _REF, ValueType.TEXT: _TEXT, ValueType.SYMBOL: _SYMBOL}

_Setter = Callable[[Any, Any], None]
_Field = tuple[int, int, str | None, Any, _Setter, int]
"""(how, value kind, attribute word or None, symbols / decoder / nested kind, slot setter, bit)."""

_BASE = ("id", "label", "span", "extent", "attribute_spans")
"""The fields every declaration has, set by _decode_decl itself (with ``parent`` when nested)."""
_BASE_SLOTS = {n: getattr(Declaration, n) for n in _BASE}
_NESTED_SLOTS = {**_BASE_SLOTS, "parent": vars(NestedDeclaration)["parent"]}
_set_id, _set_label, _set_span, _set_extent, _set_attribute_spans = (
    s.__set__ for s in _BASE_SLOTS.values()
)
_set_parent: _Setter = _NESTED_SLOTS["parent"].__set__
if any(type(s) is not MemberDescriptorType for s in _NESTED_SLOTS.values()):
    raise AssertionError("the codec's fast constructor does not fit Declaration")

_KindInfo = tuple[
    type[Declaration], bool, dict[str, _Field], int, int, tuple[tuple[int, _Setter, Any], ...]
]
"""(class, nested?, how each field is decoded, bits of all fields, bits of the required
ones, (bit, setter, default) of the others)."""


def _kind_info(spec: KindSpec) -> _KindInfo:
    """How each field of a kind is decoded, after checking the class is what the decoder assumes.

    The decoder makes a declaration without its ``__init__`` (``object.__new__``
    and the slots' own setters, a third faster): it sets the fields an entry
    holds and gives the others their defaults. That is the object ``__init__``
    would make only while every field is a plain slot of the vocabulary without
    a validator, converter, alias or init hook, with no default or one the
    decoder can share (``None`` or ``()``); so the import fails here, loudly,
    the day a declaration class stops being one.
    """
    cls = spec.cls

    def unfit(field: str = "") -> AssertionError:
        where = f"{cls.__name__}.{field}" if field else cls.__name__
        return AssertionError(f"the codec's fast constructor does not fit {where}")

    def setter(field: str) -> _Setter:
        slot = getattr(cls, field, None)
        if type(slot) is not MemberDescriptorType:
            raise unfit(field)
        return slot.__set__

    base = _NESTED_SLOTS if spec.is_nested else _BASE_SLOTS
    fields = {f.name: f for f in attrs.fields(cls)}
    bits = {n: 1 << i for i, n in enumerate(n for n in fields if n not in base)}
    attributes: list[tuple[AttrSpec, int]] = [
        (a, _MANY if a.many else _ONE) for a in spec.attributes.values()
    ]
    if spec.identifier_ref is not None:
        attributes.append((spec.identifier_ref, _IDENT))
    table: dict[str, _Field] = {}
    for a, how in attributes:
        vkind = _INLINE.get(a.type, _OTHER)
        extra: Any = frozenset(a.symbols) if vkind == _SYMBOL else _CODECS[a.type][1]
        word = None if how == _IDENT else a.name
        table[a.field] = (how, vkind, word, extra, setter(a.field), bits.get(a.field, 0))
    for n in spec.nested.values():
        table[n.field] = (_NESTED, _OTHER, None, n.kind, setter(n.field), bits.get(n.field, 0))
    if set(fields) != set(base) | set(table) or any(
        hasattr(cls, hook)
        for hook in ("__attrs_pre_init__", "__attrs_post_init__", "__attrs_init__")
    ):
        raise unfit()
    defaults: list[tuple[int, _Setter, Any]] = []
    required = 0
    for f in fields.values():
        d = f.default
        if f.validator is not None or f.converter is not None or not f.init:
            raise unfit(f.name)
        if getattr(f, "alias", f.name) != f.name:
            raise unfit(f.name)
        if f.name in base:
            # Always set by the decoder (label to None when there is none).
            if getattr(cls, f.name) is not base[f.name]:
                raise unfit(f.name)
            if not (
                d is NOTHING or f.name == "attribute_spans" or (f.name == "label" and d is None)
            ):
                raise unfit(f.name)
        elif d is NOTHING:
            required |= bits[f.name]
        elif d is None or (type(d) is tuple and not d):
            defaults.append((bits[f.name], table[f.name][4], d))
        else:
            raise unfit(f.name)
    return cls, spec.is_nested, table, sum(bits.values()), required, tuple(defaults)


_KINDS = {name: _kind_info(spec) for name, spec in KINDS.items()}
"""Per kind, once: its class, whether it is nested, how each field is decoded, the bits of
all fields and of the required ones, and the others' defaults."""


def encode_declaration(decl: Declaration, spans: list[int]) -> list[Any]:
    """One declaration (nested ones included) as a flat list; its spans' numbers go to ``spans``.

    Raises :class:`CodecError` for a declaration the decoder could not give
    back exactly (one not made by the builder, say).
    """
    spec = KINDS[decl.KIND]
    label = decl.label
    if label is not None and type(label) is not Text:
        raise CodecError("bad label")
    out: list[Any] = [decl.KIND, decl.id, None if label is None else label.value]
    put = spans.extend
    put((*_numbers(decl.span), *_numbers(decl.extent)))
    if label is not None:
        put(_numbers(label.span))
    given = 0
    for word, where in decl.attribute_spans.items():
        attr = spec.attributes.get(word)
        value = None if attr is None else getattr(decl, attr.field)
        if attr is None or value is None or value == ():
            raise CodecError(f"a span for {word!r} without a value")
        encode = _CODECS[attr.type][0]
        put(_numbers(where))
        if attr.many:
            raws = []
            for v in value:
                raws.append(encode(v))
                put(_numbers(v.span))
            out += (attr.field, raws)
        else:
            out += (attr.field, encode(value))
            put(_numbers(value.span))
        given += 1
    present = sum(1 for a in spec.attributes.values() if getattr(decl, a.field) not in (None, ()))
    if present != given:
        raise CodecError("a value without a span")
    ident = spec.identifier_ref
    if ident is not None:
        value = getattr(decl, ident.field)
        out += (ident.field, _CODECS[ident.type][0](value))
        put(_numbers(value.span))
    for n in spec.nested.values():
        children = getattr(decl, n.field)
        if children:
            for c in children:
                parent = c.parent
                if parent.name != decl.id or parent.span != decl.span or parent.target is not decl:
                    raise CodecError("a nested declaration with another parent")
            out += (n.field, [encode_declaration(c, spans) for c in children])
    return out


def _numbers(s: Span) -> tuple[int, int, int, int]:
    return (s.line, s.column, s.end_line, s.end_column)


def decode_declarations(data: Any, spans: list[Span]) -> tuple[Declaration, ...]:
    """Rebuild the top-level declarations of :func:`encode_declaration`, with their spans."""
    if type(data) is not list:
        raise CodecError("bad declarations")
    it = iter(spans)
    nxt = it.__next__
    try:
        decls = tuple([_decode_decl(d, nxt, None, None) for d in data])
    except StopIteration:
        raise CodecError("too few spans") from None
    except (TypeError, ValueError, KeyError, IndexError, AttributeError) as exc:
        raise CodecError(f"bad declaration: {exc}") from None
    if next(it, None) is not None:
        raise CodecError("too many spans")
    return decls


def _decode_decl(
    d: Any, nxt: Callable[[], Span], parent: Ref | None, kind: str | None
) -> Declaration:
    if type(d) is not list:
        raise CodecError("bad declaration")
    name = d[0]
    info = _KINDS.get(name)
    if info is None or info[1] != (parent is not None) or (kind is not None and name != kind):
        raise CodecError("bad kind")
    cls, _nested, table, full, required, defaults = info
    ident = d[1]
    label = d[2]
    if type(ident) is not str:
        raise CodecError("bad identifier")
    # Made without __init__ (see _kind_info): every field is set below, once.
    decl = _new(cls)
    _set_id(decl, ident)
    span = nxt()
    _set_span(decl, span)
    _set_extent(decl, nxt())
    if label is None:
        _set_label(decl, None)
    elif type(label) is str:
        _set_label(decl, _text(label, nxt()))
    else:
        raise CodecError("bad label")
    if parent is not None:
        _set_parent(decl, parent)
    where: dict[str, Span] = {}
    _set_attribute_spans(decl, where)
    self_ref = None
    given = 0
    i = 3
    n = len(d)
    while i < n:
        key = d[i]
        raw = d[i + 1]
        i += 2
        field = table.get(key)
        if field is None or given & field[5]:
            raise CodecError(f"bad field {key!r}")
        how, vkind, word, extra, put, bit = field
        given |= bit
        if how == _NESTED:
            if type(raw) is not list or not raw:
                raise CodecError("bad nested declarations")
            if self_ref is None:
                self_ref = _ref(ident, span)
                bind(self_ref, decl)
            put(decl, tuple([_decode_decl(c, nxt, self_ref, extra) for c in raw]))
            continue
        if word is not None:
            where[word] = nxt()
        if how == _MANY:
            if type(raw) is not list or not raw:
                raise CodecError("bad list")
            if vkind == _REF:
                put(decl, tuple([_ref(x, nxt()) if type(x) is str else _bad_string() for x in raw]))
            elif vkind == _TEXT:
                put(
                    decl, tuple([_text(x, nxt()) if type(x) is str else _bad_string() for x in raw])
                )
            else:
                put(decl, tuple([_decode_value(vkind, extra, x, nxt()) for x in raw]))
        elif type(raw) is not str and vkind != _OTHER:
            raise CodecError("expected a string")
        elif vkind == _REF:
            put(decl, _ref(raw, nxt()))
        elif vkind == _TEXT:
            put(decl, _text(raw, nxt()))
        else:
            put(decl, _decode_value(vkind, extra, raw, nxt()))
    if given != full:
        if given & required != required:
            raise CodecError("a required field is missing")
        for bit, put, default in defaults:
            if not given & bit:
                put(decl, default)
    return decl


def _decode_value(vkind: int, extra: Any, raw: Any, span: Span) -> Value:
    if vkind == _OTHER:
        return extra(raw, span)  # type: ignore[no-any-return]
    if type(raw) is not str:
        raise CodecError("expected a string")
    if vkind == _REF:
        return _ref(raw, span)
    if vkind == _TEXT:
        return _text(raw, span)
    if raw not in extra:
        raise CodecError("not one of the allowed words")
    return _symbol(raw, span)


# --- findings and comments -----------------------------------------------


def encode_finding(f: Finding) -> list[Any]:
    """A build finding (always in the file it came from)."""
    related = [[_span(r.location), to_data(r.text)] for r in f.related]
    return [f.code, f.severity.value, to_data(f.text), _span(f.location), f.subject, related]


def decode_finding(data: Any, file: str) -> Finding:
    if not (isinstance(data, list) and len(data) == 6):
        raise CodecError("bad finding")
    code, severity, message, span, subject, related = data
    try:
        sev = Severity(severity)
    except ValueError:
        raise CodecError("bad severity") from None
    if not isinstance(related, list):
        raise CodecError("bad related")
    return Finding(
        _str(code),
        sev,
        _message(message),
        _unspan(span, file),
        subject=None if subject is None else _str(subject),
        related=tuple(_related(r, file) for r in related),
    )


def _related(data: Any, file: str) -> Related:
    if not (isinstance(data, list) and len(data) == 2):
        raise CodecError("bad related")
    return Related(_unspan(data[0], file), _message(data[1]))


def _message(data: Any) -> Message:
    try:
        return from_data(data)
    except ValueError as exc:
        raise CodecError(str(exc)) from None


def encode_comment(c: Comment) -> list[Any]:
    return [_span(c.span), c.text]


def decode_comment(data: Any, file: str) -> Comment:
    if not (isinstance(data, list) and len(data) == 2):
        raise CodecError("bad comment")
    return Comment(_unspan(data[0], file), _str(data[1]))
