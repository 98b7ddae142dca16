"""What compiled rules call at run time: list and value helpers, attribute getters.

The bottom of the engine: it imports no other engine module.
"""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from govrules.messages import Arg, Message
from govrules.messages.render import ENGLISH, Language
from govrules.model.objects import Declaration
from govrules.model.schema import AttrSpec
from govrules.model.values import Duration, Ref, Text, ValueType


class _Absent:
    """A missing value: comparisons with it are false."""

    def __repr__(self) -> str:
        return "absent"


ABSENT = _Absent()


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


def render_value(value: Any, lang: Language = ENGLISH) -> str:
    """How values appear in messages: declarations by identifier, lists joined.

    The words around them (``none``, ``yes``/``no``, the list separator) are
    the language's (:class:`govrules.messages.render.Language`).
    """
    return lang.value(message_arg(value))


def message_arg(value: Any) -> Arg:
    """A value of the rule language as a message argument."""
    if isinstance(value, list):
        return tuple(message_arg(v) for v in value)
    if isinstance(value, Declaration):
        return value.id
    if value is ABSENT or value is None:
        return None
    if isinstance(value, Message):
        return value  # a symbol in the reader's words (Translation templates)
    if isinstance(value, str | int | decimal.Decimal | datetime.date):
        return value  # bool is an int
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
    if spec.many and spec.type is ValueType.REFERENCE:

        def many_references(decl: Declaration) -> list[Any]:
            return [r.target for r in getattr(decl, field) if r.target is not None]

        return many_references
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

    if spec.type in _PLAIN_VALUED:
        # A symbol, text, number, date or yes/no: its plain value is what rules compare.

        def plain_value(decl: Declaration) -> Any:
            v = getattr(decl, field)
            return ABSENT if v is None else v.value

        return plain_value

    def single(decl: Declaration) -> Any:
        v = getattr(decl, field)
        if v is None:
            return ABSENT
        x = _extract(v)
        return ABSENT if x is None else x

    return single


_PLAIN_VALUED = frozenset(
    {
        ValueType.SYMBOL,
        ValueType.TEXT,
        ValueType.INTEGER,
        ValueType.NUMBER,
        ValueType.BOOLEAN,
        ValueType.DATE,
    }
)
"""Value types whose ``.value`` is what :func:`_extract` gives (a str, int, Decimal, bool, date)."""


def _nested_getter(field: str) -> Callable[[Declaration], list[Any]]:
    return lambda decl: list(getattr(decl, field))


# --- time ----------------------------------------------------------------------

TODAY = "today"
"""The name rules read the as-of date by: ``--as-of``, ``as-of`` in the configuration, or today."""

_DAYS = {"days": 1, "weeks": 7}
_MONTHS = {"months": 1, "years": 12}


def shift_back(day: Any, amount: Any, unit: str) -> Any:
    """``day`` minus ``amount`` ``unit`` (calendar months and years; the day clamped to the month).

    ABSENT when ``day`` is not one date or ``amount`` not a number: a missing
    date makes every comparison with the result false, as a missing value does.
    """
    if not isinstance(day, datetime.date) or isinstance(amount, bool):
        return ABSENT
    if not isinstance(amount, int | decimal.Decimal):
        return ABSENT
    amount = decimal.Decimal(amount)
    try:
        if unit in _DAYS:
            return day - datetime.timedelta(days=int(amount * _DAYS[unit]))
        months = amount * _MONTHS[unit]
        whole = int(months)
        back = day.year * 12 + (day.month - 1) - whole
        year, month = divmod(back, 12)
        month += 1
        last = _last_day(year, month)
        shifted = datetime.date(year, month, min(day.day, last))
        # A fraction of a month is counted in days (30.4375 days a month on average).
        rest = (months - whole) * decimal.Decimal("30.4375")
        return shifted - datetime.timedelta(days=int(rest))
    except (OverflowError, ValueError):
        return ABSENT


def _last_day(year: int, month: int) -> int:
    following = datetime.date(year + (month == 12), month % 12 + 1, 1)
    return (following - datetime.timedelta(days=1)).day


@attrs.frozen(slots=True)
class Length:
    """A duration written in a rule (``12 weeks``, ``years years``): an amount and a unit."""

    amount: Any
    unit: str

    def __str__(self) -> str:
        return f"{render_value(self.amount)} {self.unit}"


def duration_parts(value: Any) -> tuple[Any, str] | None:
    """A rule's or the model's duration as ``(amount, unit)``; None for anything else."""
    if isinstance(value, list):
        value = value[0] if len(value) == 1 else None
    if isinstance(value, Length | Duration):
        return value.amount, value.unit
    return None
