"""Declarations to plain JSON-able data and back, for the cache.

Generic over the vocabulary: every field is encoded by its declared value
type, so a new attribute needs nothing here. Decoding trusts nothing: any
shape it does not expect raises :class:`CodecError`, which the cache treats
as a miss. Nothing is ever evaluated; references come back unresolved and
are bound by the resolver like freshly parsed ones.
"""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Callable
from typing import Any

from govrules.diagnostics import Finding, Related, Severity
from govrules.model.objects import Declaration
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
    bind,
)
from govrules.source import Comment, Span
from govrules.vocabulary import KINDS


class CodecError(Exception):
    """Cached data that does not have the expected shape."""


def _span(s: Span) -> list[int]:
    return [s.line, s.column, s.end_line, s.end_column]


def _unspan(data: Any, file: str) -> Span:
    try:
        a, b, c, d = data
    except (TypeError, ValueError):
        raise CodecError("bad span") from None
    # Written out rather than all(...): this runs for every value of every cached file.
    if type(a) is int and type(b) is int and type(c) is int and type(d) is int:
        return Span(file, a, b, c, d)
    raise CodecError("bad span")


def _value(v: Value) -> list[Any]:
    s = _span(v.span)
    if isinstance(v, Ref):
        return ["r", v.name, s]
    if isinstance(v, Text):
        return ["t", v.value, s]
    if isinstance(v, Symbol):
        return ["s", v.value, s]
    if isinstance(v, Integer):
        return ["i", v.value, s]
    if isinstance(v, Number):
        return ["n", str(v.value), s]
    if isinstance(v, Boolean):
        return ["b", v.value, s]
    if isinstance(v, Date):
        return ["d", v.value.isoformat(), s]
    if isinstance(v, Money):
        return ["m", [v.currency, str(v.amount), v.period], s]
    if isinstance(v, Duration):
        return ["u", [str(v.amount), v.unit], s]
    return ["g", [v.op, str(v.amount), v.unit], s]


def _str(x: Any) -> str:
    if not isinstance(x, str):
        raise CodecError("expected a string")
    return x


def _opt(x: Any) -> str | None:
    return None if x is None else _str(x)


def _int(x: Any) -> int:
    if type(x) is not int:
        raise CodecError("expected an integer")
    return x


def _bool(x: Any) -> bool:
    if type(x) is not bool:
        raise CodecError("expected a boolean")
    return x


def _dec(x: Any) -> decimal.Decimal:
    return decimal.Decimal(_str(x))


_VALUE_DECODERS: dict[str, Callable[[Any, Span], Value]] = {
    "r": lambda raw, span: Ref(_str(raw), span),
    "t": lambda raw, span: Text(_str(raw), span),
    "s": lambda raw, span: Symbol(_str(raw), span),
    "i": lambda raw, span: Integer(_int(raw), span),
    "n": lambda raw, span: Number(_dec(raw), span),
    "b": lambda raw, span: Boolean(_bool(raw), span),
    "d": lambda raw, span: Date(datetime.date.fromisoformat(_str(raw)), span),
    "m": lambda raw, span: Money(_str(raw[0]), _dec(raw[1]), _opt(raw[2]), span),
    "u": lambda raw, span: Duration(_dec(raw[0]), _str(raw[1]), span),
    "g": lambda raw, span: Target(_str(raw[0]), _dec(raw[1]), _opt(raw[2]), span),
}


def _unvalue(data: Any, file: str) -> Value:
    try:
        tag, raw, s = data
        return _VALUE_DECODERS[tag](raw, _unspan(s, file))
    except CodecError:
        raise
    except (ValueError, TypeError, KeyError, IndexError, decimal.InvalidOperation) as exc:
        raise CodecError(f"bad value: {exc}") from None


def encode_declaration(decl: Declaration) -> dict[str, Any]:
    """One declaration (nested ones included) as plain data; spans without the file name."""
    spec = KINDS[decl.KIND]
    fields: dict[str, Any] = {}
    attrs_: list[AttrSpec] = list(spec.attributes.values())
    if spec.identifier_ref is not None:
        attrs_.append(spec.identifier_ref)
    for a in attrs_:
        v = getattr(decl, a.field)
        if v is None or v == ():
            continue
        fields[a.field] = [_value(x) for x in v] if a.many else _value(v)
    for n in spec.nested.values():
        children = getattr(decl, n.field)
        if children:
            fields[n.field] = [encode_declaration(c) for c in children]
    return {
        "k": decl.KIND,
        "id": decl.id,
        "l": _value(decl.label) if decl.label is not None else None,
        "s": _span(decl.span),
        "e": _span(decl.extent),
        "a": {k: _span(v) for k, v in decl.attribute_spans.items()},
        "f": fields,
    }


def _fields_of(name: str) -> tuple[dict[str, bool], frozenset[str]]:
    spec = KINDS[name]
    many = {a.field: a.many for a in spec.attributes.values()}
    if spec.identifier_ref is not None:
        many[spec.identifier_ref.field] = False
    return many, frozenset(n.field for n in spec.nested.values())


_FIELDS = {name: _fields_of(name) for name in KINDS}
"""Per kind, once: which fields hold lists, which hold nested declarations."""


def decode_declaration(data: Any, file: str, parent: Ref | None = None) -> Declaration:
    """Rebuild a declaration from :func:`encode_declaration`'s data."""
    if not isinstance(data, dict):
        raise CodecError("bad declaration")
    spec = KINDS.get(data.get("k"))  # type: ignore[arg-type]
    if spec is None or spec.is_nested != (parent is not None):
        raise CodecError("bad kind")
    label = data.get("l")
    kwargs: dict[str, Any] = {
        "id": _str(data.get("id")),
        "label": None if label is None else _unvalue(label, file),
        "span": _unspan(data.get("s"), file),
        "extent": _unspan(data.get("e"), file),
    }
    spans = data.get("a")
    if not isinstance(spans, dict):
        raise CodecError("bad attribute spans")
    kwargs["attribute_spans"] = {_str(k): _unspan(v, file) for k, v in spans.items()}
    if parent is not None:
        kwargs["parent"] = parent
    fields = data.get("f")
    if not isinstance(fields, dict):
        raise CodecError("bad fields")
    many, nested = _FIELDS[spec.name]
    self_ref = Ref(kwargs["id"], kwargs["span"])
    for key, raw in fields.items():
        is_list = many.get(key)
        if is_list is not None:
            if is_list:
                if not isinstance(raw, list):
                    raise CodecError("bad list")
                kwargs[key] = tuple([_unvalue(x, file) for x in raw])
            else:
                kwargs[key] = _unvalue(raw, file)
        elif key in nested and isinstance(raw, list):
            kwargs[key] = tuple([decode_declaration(c, file, self_ref) for c in raw])
        else:
            raise CodecError(f"unknown field {key!r}")
    try:
        decl = spec.cls(**kwargs)
    except (TypeError, ValueError) as exc:
        raise CodecError(str(exc)) from None
    bind(self_ref, decl)
    return decl


def encode_finding(f: Finding) -> list[Any]:
    """A build finding (always in the file it came from)."""
    related = [[_span(r.location), r.message] for r in f.related]
    return [f.code, f.severity.value, f.message, _span(f.location), f.subject, related]


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
        _str(message),
        _unspan(span, file),
        subject=None if subject is None else _str(subject),
        related=tuple(
            Related(_unspan(r[0], file), _str(r[1])) for r in related if isinstance(r, list)
        ),
    )


def encode_comment(c: Comment) -> list[Any]:
    return [_span(c.span), c.text]


def decode_comment(data: Any, file: str) -> Comment:
    if not (isinstance(data, list) and len(data) == 2):
        raise CodecError("bad comment")
    return Comment(_unspan(data[0], file), _str(data[1]))
