"""Cells read as values of the language, the Dutch way, with messages that say what was expected."""

from __future__ import annotations

import datetime

import pytest

from govrules.importer.clean import clean_cell
from govrules.importer.convert import (
    CellError,
    to_boolean,
    to_date,
    to_integer,
    to_money,
    to_symbol,
)
from govrules.importer.targets import attribute


@pytest.mark.parametrize(
    ("cell", "date"),
    [
        ("2024-01-31", "2024-01-31"),
        ("31-01-2024", "2024-01-31"),
        ("1-2-2024", "2024-02-01"),
        ("31/01/2024", "2024-01-31"),
        ("31.01.2024", "2024-01-31"),
        ("2024-01-31 00:00:00", "2024-01-31"),
        (datetime.datetime(2024, 1, 31, 0, 0), "2024-01-31"),
        (datetime.date(2024, 1, 31), "2024-01-31"),
    ],
)
def test_dates(cell: str | datetime.date, date: str) -> None:
    """ISO and Dutch day-first dates, and date cells."""
    assert to_date(cell) == date


def test_bad_dates_say_why() -> None:
    """A date that does not exist, and text that is no date, are told apart."""
    with pytest.raises(CellError) as no_such:
        to_date("31-02-2024")
    assert no_such.value.message.english == "'31-02-2024' is not a date that exists"
    with pytest.raises(CellError) as not_date:
        to_date("begin 2024")
    assert str(not_date.value) == "'begin 2024' is not a date: write 2024-01-31 or 31-01-2024"


@pytest.mark.parametrize(
    ("cell", "word"),
    [("ja", "yes"), ("Nee", "no"), ("J", "yes"), ("n", "no"), ("1", "yes"), (False, "no")],
)
def test_booleans(cell: str | bool, word: str) -> None:
    """ja/nee, yes/no, j/n, 1/0 and boolean cells."""
    assert to_boolean(cell) == word


@pytest.mark.parametrize(
    ("cell", "money"),
    [
        ("€ 1.200.000,00", "EUR 1_200_000"),
        ("EUR 250000 per jaar", "EUR 250_000 per year"),
        ("1,200,000.50", "EUR 1_200_000.50"),
        ("2,5", "EUR 2.50"),
        ("1.500", "EUR 1_500"),
        (14500000, "EUR 14_500_000"),
        ("€ 900 per maand", "EUR 900 per month"),
    ],
)
def test_money(cell: str | int, money: str) -> None:
    """Dutch and English separators; a period after the amount."""
    assert to_money(cell) == money


@pytest.mark.parametrize(("cell", "number"), [("1.200", "1200"), (180, "180"), ("14500", "14_500")])
def test_integers(cell: str | int, number: str) -> None:
    """Dutch thousands separators; large numbers grouped as the formatter keeps them."""
    assert to_integer(cell) == number


def test_symbols_take_english_and_dutch_words() -> None:
    """A cell may hold the English symbol, its Dutch word, or either with spaces and capitals."""
    kind = attribute("organization", "kind")
    form = attribute("arrangement", "form")
    assert kind is not None and form is not None
    assert to_symbol("Gemeente", kind) == "municipality"
    assert to_symbol("Openbaar lichaam", form) == "openbaar_lichaam"
    with pytest.raises(CellError) as caught:
        to_symbol("municipalty", kind)
    assert str(caught.value).startswith(
        "'municipalty' is not a word kind takes; did you mean 'municipality'? "
        "(choose from municipality, province,"
    )


@pytest.mark.parametrize(
    ("raw", "clean", "repaired_from"),
    [
        ("  Gemeente   Vught ", "Gemeente Vught", None),
        ("Gemeente\u00a0Vught", "Gemeente Vught", None),
        ("Ge\u200bmeente Vught", "Gemeente Vught", None),
        ("Gemeente\x00 Vught\x1b", "Gemeente Vught", None),
        ("FryslÃ¢n", "Fryslân", "FryslÃ¢n"),
        ("SÃºdwest-FryslÃ¢n", "Súdwest-Fryslân", "SÃºdwest-FryslÃ¢n"),
        ("Súdwest-Fryslân", "Súdwest-Fryslân", None),
        ("São Paulo", "São Paulo", None),
        ("   ", None, None),
    ],
)
def test_cleaning(raw: str, clean: str | None, repaired_from: str | None) -> None:
    """Whitespace and invisible characters go; mojibake is repaired and says so; real text stays."""
    cleaned = clean_cell(raw)
    assert cleaned.value == clean
    assert cleaned.repaired_from == repaired_from
