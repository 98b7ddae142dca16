"""Cells to values of the language: the text a ``.gov`` file holds for an attribute.

A cell is what a reader gives (a string, a number, a date, a boolean, or
nothing) after cleaning. Each function here turns one into the source text
of a value of one type, written the way the formatter keeps it
(``EUR 1_200_000``, ``2024-01-01``, ``"Wgr art. 8"``), or raises
:class:`CellError` with a message that says what the cell should have held.
Dutch spellings of dates, amounts and yes/no are accepted, since registers
are kept in Dutch.
"""

from __future__ import annotations

import datetime
import decimal
import re
from collections.abc import Mapping

from govrules.importer.targets import Target, dutch_symbols
from govrules.messages import Message, msg
from govrules.model.values import ValueType
from govrules.suggest import did_you_mean

Cell = str | int | float | bool | datetime.date | None
"""A cell as a reader gives it (``datetime.datetime`` is a ``datetime.date``)."""

T = ValueType


class CellError(Exception):
    """A cell that cannot be read as the attribute's type; ``message`` says why."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.english)
        self.message = message


def quote(text: str) -> str:
    """``text`` as a double-quoted string of the language."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def as_text(cell: Cell) -> str:
    """A cell as the text a person sees in the spreadsheet."""
    if type(cell) is str:  # the usual case, first: this runs for every cell of every row
        return cell
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "yes" if cell else "no"
    if isinstance(cell, datetime.datetime):
        if cell.time() == datetime.time():
            return cell.date().isoformat()
        return cell.isoformat(sep=" ")
    if isinstance(cell, datetime.date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


_TRUE = frozenset({"yes", "ja", "j", "y", "true", "waar", "1"})
_FALSE = frozenset({"no", "nee", "n", "false", "onwaar", "0"})

_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_DUTCH = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_TIME = re.compile(r"\s+\d{1,2}:\d{2}(?::\d{2})?$")


def to_date(cell: Cell) -> str:
    """An ISO date from a date cell or ``2024-01-31``, ``31-01-2024``, ``31/1/2024``, ``31.1.2024``.

    Day-first is the Dutch order; a time of day after it (``00:00``) is ignored.
    """
    if isinstance(cell, datetime.datetime):
        return cell.date().isoformat()
    if isinstance(cell, datetime.date):
        return cell.isoformat()
    text = _TIME.sub("", as_text(cell).strip())
    iso = _ISO.fullmatch(text)
    dutch = _DUTCH.fullmatch(text)
    if iso is not None:
        year, month, day = (int(g) for g in iso.groups())
    elif dutch is not None:
        day, month, year = (int(g) for g in dutch.groups())
    else:
        raise CellError(msg("import.cell.not-a-date", text=as_text(cell)))
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        raise CellError(msg("import.cell.no-such-date", text=as_text(cell))) from None


def to_boolean(cell: Cell) -> str:
    """``yes`` or ``no`` from ja/nee, yes/no, j/n, true/false, 1/0 or a boolean cell."""
    if isinstance(cell, bool):
        return "yes" if cell else "no"
    word = as_text(cell).strip().lower()
    if word in _TRUE:
        return "yes"
    if word in _FALSE:
        return "no"
    raise CellError(msg("import.cell.not-yes-no", text=as_text(cell)))


_AMOUNT = re.compile(r"(?:€|eur)?\s*(-?[\d][\d.,_ ']*)\s*(?:€|eur)?", re.IGNORECASE)
_PERIOD = re.compile(r"\s*(?:per|/)\s*(jaar|year|maand|month|kwartaal|quarter)\s*$", re.IGNORECASE)
_PERIODS = {
    "jaar": "year",
    "year": "year",
    "maand": "month",
    "month": "month",
    "kwartaal": "quarter",
    "quarter": "quarter",
}


def _decimal(digits: str, original: str) -> decimal.Decimal:
    """A number written the Dutch way (``1.200.000,50``) or the English way (``1,200,000.50``).

    With both marks, the last one is the decimal mark. With one mark written
    once and exactly three digits after it, it separates thousands
    (``1.500`` is fifteen hundred, as a Dutch register means it) unless the
    number starts with ``0``; otherwise it is the decimal mark. A mark written
    more than once separates thousands.
    """
    digits = digits.replace(" ", "").replace("_", "").replace("'", "")
    marks = [m for m in (",", ".") if m in digits]
    decimal_mark = ""
    if len(marks) == 2:
        decimal_mark = "," if digits.rfind(",") > digits.rfind(".") else "."
    elif len(marks) == 1 and digits.count(marks[0]) == 1:
        whole, _, fraction = digits.partition(marks[0])
        if len(fraction) != 3 or whole.lstrip("-") in ("", "0"):
            decimal_mark = marks[0]
    for mark in marks:
        if mark != decimal_mark:
            digits = digits.replace(mark, "")
    digits = digits.replace(",", ".")
    try:
        return decimal.Decimal(digits)
    except decimal.InvalidOperation:
        raise CellError(msg("import.cell.not-a-number", text=original)) from None


def _grouped(value: decimal.Decimal) -> str:
    """``1200000.5`` -> ``1_200_000.50``; whole amounts without decimals."""
    sign = "-" if value < 0 else ""
    value = abs(value)
    whole = int(value)
    cents = value - whole
    text = f"{whole:_d}"
    if cents:
        text += format(cents.quantize(decimal.Decimal("0.01")), "f")[1:]
    return sign + text


def to_integer(cell: Cell) -> str:
    """A whole number: ``1.200`` (Dutch thousands), ``1200``, ``1_200`` or a number cell."""
    if isinstance(cell, bool):
        raise CellError(msg("import.cell.not-a-whole-number", text=as_text(cell)))
    if isinstance(cell, int):
        value = decimal.Decimal(cell)
    elif isinstance(cell, float):
        value = decimal.Decimal(str(cell))
    else:
        text = as_text(cell).strip()
        if not re.fullmatch(r"-?\d[\d.,_ ']*", text):
            raise CellError(msg("import.cell.not-a-whole-number", text=text))
        value = _decimal(text, text)
    if value != value.to_integral() or value < 0:
        raise CellError(msg("import.cell.not-a-whole-number", text=as_text(cell)))
    return f"{int(value):_d}" if abs(value) >= 10_000 else str(int(value))


def to_money(cell: Cell) -> str:
    """``EUR 1_200_000`` from ``€ 1.200.000,00``, ``EUR 250000 per jaar``, ``1200000`` ..."""
    if isinstance(cell, bool):
        raise CellError(msg("import.cell.not-money", text=as_text(cell)))
    if isinstance(cell, int | float):
        return f"EUR {_grouped(decimal.Decimal(str(cell)))}"
    text = as_text(cell).strip()
    period = ""
    found = _PERIOD.search(text)
    if found is not None:
        period = f" per {_PERIODS[found.group(1).lower()]}"
        text = text[: found.start()]
    amount = _AMOUNT.fullmatch(text.strip())
    if amount is None:
        raise CellError(msg("import.cell.not-money", text=as_text(cell)))
    value = _decimal(amount.group(1).strip(), as_text(cell))
    if value < 0:
        raise CellError(msg("import.cell.not-money", text=as_text(cell)))
    return f"EUR {_grouped(value)}{period}"


def symbol_word(text: str) -> str:
    """A cell's text as a symbol would be written: ``Openbaar lichaam`` -> ``openbaar_lichaam``."""
    return re.sub(r"[\s\-]+", "_", text.strip().lower())


def to_symbol(cell: Cell, target: Target) -> str:
    """One of the attribute's symbols; its Dutch word (``gemeente``) is read as the English one."""
    text = as_text(cell).strip()
    word = symbol_word(text)
    if word in target.symbols:
        return word
    english = dutch_symbols(target.kind, target.name).get(word)
    if english is not None:
        return english
    suggestion = did_you_mean(word, target.symbols)
    raise CellError(
        msg(
            "import.cell.unknown-symbol",
            text=text,
            attribute=target.name,
            suggestion=suggestion,
            choices=target.symbols,
        )
    )


def to_value(cell: Cell, target: Target) -> str:
    """The source text of ``cell`` as a value of ``target``'s type (references excepted)."""
    kind = target.type
    if kind is T.DATE:
        return to_date(cell)
    if kind is T.BOOLEAN:
        return to_boolean(cell)
    if kind is T.INTEGER:
        return to_integer(cell)
    if kind is T.MONEY:
        return to_money(cell)
    if kind is T.SYMBOL:
        return to_symbol(cell, target)
    if kind in (T.TEXT, T.TEXT_OR_REFERENCE):
        return quote(as_text(cell))
    raise CellError(msg("import.cell.unsupported-type", attribute=target.name, type=kind.value))


def translate(text: str, values: Mapping[str, str], starts: tuple[tuple[str, str], ...]) -> str:
    """The word a mapping's ``values`` (whole cell) or ``starts`` (its beginning) give ``text``.

    Both compare without regard to case; the longest matching beginning wins.
    ``text`` itself when neither matches.
    """
    folded = text.casefold()
    exact = values.get(folded)
    if exact is not None:
        return exact
    for prefix, word in starts:
        if folded.startswith(prefix):
            return word
    return text
