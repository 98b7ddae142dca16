"""Messages to and from JSON-shaped data (the cache stores the diagnostics of a file).

``[id, [[name, value], ...]]``; a value is a string, an integer, ``true`` or
``false``, ``null``, a list, or a one-key object for the other kinds:
``{"m": message}``, ``{"d": "2026-12-31"}``, ``{"n": "1.5"}``. Decoding
believes nothing: an id that is not in the catalogue, a value of another
shape or arguments the template cannot be filled with raise ``ValueError``.
"""

from __future__ import annotations

import datetime
import decimal
from typing import Any

from govrules.messages import (
    LANGUAGE_CODES,
    TRANSLATED,
    VERBATIM,
    Arg,
    Message,
    translated,
    verbatim,
)
from govrules.messages.english import CATALOG

_MAX_DEPTH = 8


def to_data(message: Message) -> list[Any]:
    return [message.id, [[name, _value(value)] for name, value in message.args]]


def _value(value: Arg) -> Any:
    if isinstance(value, Message):
        return {"m": to_data(value)}
    if isinstance(value, tuple):
        return [_value(v) for v in value]
    if isinstance(value, decimal.Decimal):
        return {"n": str(value)}
    if isinstance(value, datetime.date):
        return {"d": value.isoformat()}
    return value


def from_data(data: Any, depth: int = 0) -> Message:
    """The message ``data`` describes; ``ValueError`` for anything else."""
    if depth > _MAX_DEPTH:
        raise ValueError("message nested too deeply")
    if not (isinstance(data, list) and len(data) == 2 and isinstance(data[0], str)):
        raise ValueError("bad message")
    ident, raw_args = data
    if ident not in CATALOG:
        raise ValueError(f"unknown message id {ident!r}")
    if not isinstance(raw_args, list):
        raise ValueError("bad message arguments")
    args: list[tuple[str, Arg]] = []
    for item in raw_args:
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)):
            raise ValueError("bad message argument")
        args.append((item[0], _arg(item[1], depth)))
    if ident == VERBATIM:
        if len(args) != 1 or args[0][0] != "text" or not isinstance(args[0][1], str):
            raise ValueError("bad verbatim message")
        return verbatim(args[0][1])
    if ident == TRANSLATED:
        texts = dict(args)
        if not all(isinstance(t, str) and c in LANGUAGE_CODES for c, t in texts.items()):
            raise ValueError("bad translated message")
        if "en" not in texts or len(texts) != len(args):
            raise ValueError("bad translated message")
        return translated({c: t for c, t in texts.items() if isinstance(t, str)})
    try:
        return Message(ident, tuple(args))
    except (KeyError, ValueError, IndexError, TypeError, AttributeError) as exc:
        raise ValueError(f"message {ident!r} cannot be filled: {exc}") from None


def _arg(raw: Any, depth: int) -> Arg:
    if raw is None or isinstance(raw, str | bool | int):
        return raw
    if isinstance(raw, list):
        return tuple(_arg(v, depth) for v in raw)
    if isinstance(raw, dict) and len(raw) == 1:
        ((tag, inner),) = raw.items()
        if tag == "m":
            return from_data(inner, depth + 1)
        if tag == "d" and isinstance(inner, str):
            return datetime.date.fromisoformat(inner)
        if tag == "n" and isinstance(inner, str):
            try:
                return decimal.Decimal(inner)
            except decimal.InvalidOperation:
                raise ValueError("bad number") from None
    raise ValueError("bad message argument value")
