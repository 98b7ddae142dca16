"""Attribute values: each carries the span it was written at.

Values are frozen. A :class:`Ref` is the one exception in spirit: the resolver
binds it to the declaration it names exactly once, while the model is being
loaded; after loading nothing changes.
"""

from __future__ import annotations

import datetime
import decimal
import enum
from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs

from govrules.source import Span

if TYPE_CHECKING:
    from govrules.model.objects import Declaration


class ValueType(enum.Enum):
    """The value types of LANGUAGE.md; the builder reads a value by its attribute's type."""

    REFERENCE = "reference"
    SYMBOL = "symbol"
    TEXT = "text"
    INTEGER = "integer"
    NUMBER = "number"
    MONEY = "money"
    DATE = "date"
    DURATION = "duration"
    TARGET = "target"
    BOOLEAN = "boolean"
    TEXT_OR_REFERENCE = "text or reference"

    @property
    def example(self) -> str:
        return _EXAMPLES[self]


_EXAMPLES = {
    ValueType.REFERENCE: "an identifier such as gemeente_oostdal",
    ValueType.SYMBOL: "one of the allowed words",
    ValueType.TEXT: 'a text in double quotes, such as "Wgr art. 8"',
    ValueType.INTEGER: "a whole number such as 120 or 14_500",
    ValueType.NUMBER: "a number such as 120 or 2.5",
    ValueType.MONEY: "an amount such as EUR 250_000 or EUR 250_000 per year",
    ValueType.DATE: "a date such as 2026-12-31",
    ValueType.DURATION: "a duration such as 25 years or 6 months",
    ValueType.TARGET: "a target such as <= 5 days, >= 95 %, == 0 or < EUR 10_000",
    ValueType.BOOLEAN: "yes or no",
    ValueType.TEXT_OR_REFERENCE: "a text in double quotes or an identifier",
}


@attrs.frozen(slots=True)
class Text:
    """A quoted text, escapes already undone."""

    value: str
    span: Span

    def __str__(self) -> str:
        return self.value


@attrs.frozen(slots=True)
class Symbol:
    """An enumerated word, such as ``municipality`` or ``quarterly``."""

    value: str
    span: Span

    def __str__(self) -> str:
        return self.value


@attrs.frozen(slots=True)
class Integer:
    """A whole number (``14_500`` is 14500)."""

    value: int
    span: Span

    def __str__(self) -> str:
        return str(self.value)


@attrs.frozen(slots=True)
class Number:
    """A number that may have decimals."""

    value: decimal.Decimal
    span: Span

    def __str__(self) -> str:
        return str(self.value)


@attrs.frozen(slots=True)
class Boolean:
    """``yes`` or ``no``."""

    value: bool
    span: Span

    def __str__(self) -> str:
        return "yes" if self.value else "no"


@attrs.frozen(slots=True)
class Date:
    """A calendar date."""

    value: datetime.date
    span: Span

    def __str__(self) -> str:
        return self.value.isoformat()


PERIODS = ("month", "quarter", "year")


@attrs.frozen(slots=True)
class Money:
    """An amount of money, optionally per period (``EUR 250_000 per year``)."""

    currency: str
    amount: decimal.Decimal
    period: str | None
    span: Span

    @property
    def value(self) -> decimal.Decimal:
        return self.amount

    def __str__(self) -> str:
        amount = f"{self.amount:,}".replace(",", "_")
        return f"{self.currency} {amount}" + (f" per {self.period}" if self.period else "")


DURATION_UNITS = ("days", "weeks", "months", "years")


@attrs.frozen(slots=True)
class Duration:
    """A length of time; the unit is always plural (``1 year`` is read as 1 years)."""

    amount: decimal.Decimal
    unit: str
    span: Span

    @property
    def value(self) -> decimal.Decimal:
        return self.amount

    def __str__(self) -> str:
        return f"{self.amount} {self.unit}"


TARGET_OPERATORS = ("<=", ">=", "==", "!=", "<", ">")


@attrs.frozen(slots=True)
class Target:
    """A measurable target: an operator and a quantity with an optional unit.

    ``<= 5 days`` is ``("<=", 5, "days")``; ``>= 95 %`` is ``(">=", 95, "%")``;
    ``< EUR 10_000`` is ``("<", 10000, "EUR")``; ``== 0`` has no unit.
    """

    op: str
    amount: decimal.Decimal
    unit: str | None
    span: Span

    @property
    def value(self) -> tuple[str, decimal.Decimal, str | None]:
        return (self.op, self.amount, self.unit)

    def __str__(self) -> str:
        if self.unit is None:
            return f"{self.op} {self.amount}"
        if self.unit.isupper() and self.unit != "%":
            return f"{self.op} {self.unit} {self.amount}"
        return f"{self.op} {self.amount} {self.unit}"


@attrs.frozen(slots=True, eq=False)
class Ref:
    """A reference by identifier; ``target`` is the declaration it names once resolved.

    ``target`` stays ``None`` when the name is undefined or of the wrong kind
    (the loader reports that as a diagnostic). Only the resolver binds it, once,
    while the model is loaded (see :func:`bind`).
    """

    name: str
    span: Span
    target: Declaration | None = attrs.field(default=None, repr=False)

    @property
    def value(self) -> str:
        return self.name

    def __str__(self) -> str:
        return self.name


bind: Callable[[Ref, Declaration], None] = vars(Ref)["target"].__set__
"""Bind a reference to its declaration: the resolver's one write to a loaded object.

The slot's own setter, called as ``bind(ref, target)``: a warm load binds tens
of thousands of references, and this is half the time of ``object.__setattr__``.
"""


Value = Text | Symbol | Integer | Number | Boolean | Date | Money | Duration | Target | Ref
