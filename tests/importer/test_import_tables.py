"""Readers: CSV encoding and delimiter sniffed, rows numbered as a spreadsheet does, XLSX safe."""

from __future__ import annotations

import datetime
from pathlib import Path

import openpyxl
import pytest

from govrules.importer.mapping import Source
from govrules.importer.tables import TableError, read_csv, read_xlsx


def _csv(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "t.csv"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "encoding", "delimiter"),
    [
        ("Naam;Plaats\r\nFryslân;Sneek\r\n".encode(), "utf-8", ";"),
        ("\ufeffNaam,Plaats\nFryslân,Sneek\n".encode(), "utf-8", ","),
        ("Naam\tPlaats\nFryslân\tSneek\n".encode("cp1252"), "cp1252", "\t"),
        ("Naam|Plaats\nFryslân|Sneek\n".encode("utf-16"), "utf-16", "|"),
    ],
)
def test_encoding_and_delimiter_are_sniffed(
    tmp_path: Path, data: bytes, encoding: str, delimiter: str
) -> None:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252; ; , tab |."""
    table = read_csv(_csv(tmp_path, data), Source())
    assert (table.encoding, table.delimiter) == (encoding, delimiter)
    assert table.columns == ("Naam", "Plaats")
    assert table.rows == [(2, ("Fryslân", "Sneek"))]


def test_row_numbers_count_records_not_lines(tmp_path: Path) -> None:
    """A quoted cell over two lines is one row, as a spreadsheet program numbers it."""
    path = _csv(tmp_path, b'a;b\n"one\ntwo";x\nthree;y\n')
    assert read_csv(path, Source()).rows == [(2, ("one\ntwo", "x")), (3, ("three", "y"))]


def test_a_header_further_down(tmp_path: Path) -> None:
    """`header = 3` skips a title block; rows keep their own numbers."""
    path = _csv(tmp_path, b"Register;\n;\nNaam;Plaats\nVught;Vught\n")
    table = read_csv(path, Source(delimiter=";", header=3))
    assert table.columns == ("Naam", "Plaats")
    assert table.rows == [(4, ("Vught", "Vught"))]


def test_a_given_encoding_that_does_not_fit_is_located(tmp_path: Path) -> None:
    """The byte and the row are named; no guessing past what the user said."""
    path = _csv(tmp_path, "a;b\nx;y\nFryslân;z\n".encode("cp1252"))
    with pytest.raises(TableError) as caught:
        read_csv(path, Source(encoding="utf-8"))
    assert caught.value.render() == (
        f"{path}:3: the file is not utf-8 text (byte 0xe2); give the right --encoding"
    )


def test_no_header(tmp_path: Path) -> None:
    """An empty file has no header to read columns from."""
    with pytest.raises(TableError, match=r"no column names in row 1"):
        read_csv(_csv(tmp_path, b""), Source())


def _xlsx(tmp_path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Register"
    sheet.append(["Naam", "Datum", "Som"])
    sheet.append(["Vught", datetime.datetime(2024, 1, 31), "=1+1"])
    sheet.append([None, None, None])
    sheet.append(["Boxtel", "31-01-2024", 3])
    workbook.create_sheet("Tweede")
    path = tmp_path / "t.xlsx"
    workbook.save(path)
    return path


def test_xlsx_cells_and_no_formula_evaluated(tmp_path: Path) -> None:
    """Dates stay dates; a formula without a saved value is empty: never computed, never text."""
    table = read_xlsx(_xlsx(tmp_path), Source())
    assert (table.sheet, table.columns) == ("Register", ("Naam", "Datum", "Som"))
    assert table.rows == [
        (2, ("Vught", datetime.datetime(2024, 1, 31), None)),
        (3, (None, None, None)),
        (4, ("Boxtel", "31-01-2024", 3)),
    ]


def test_xlsx_sheet_by_name(tmp_path: Path) -> None:
    """A sheet that does not exist is named with the ones that do."""
    path = _xlsx(tmp_path)
    with pytest.raises(TableError) as caught:
        read_xlsx(path, Source(sheet="register"))
    assert caught.value.render() == (
        f"{path}: the workbook has no sheet 'register'; did you mean 'Register'? "
        "(it has 'Register', 'Tweede')"
    )


def test_a_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    """A CSV given as XLSX is refused with a message, not a traceback."""
    path = _csv(tmp_path, b"a;b\n")
    with pytest.raises(TableError, match=r"not an XLSX workbook"):
        read_xlsx(path, Source())


def test_a_workbook_that_unpacks_too_far_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The unpacked size of a workbook's parts is checked before openpyxl opens it."""
    from govrules.importer import tables

    monkeypatch.setattr(tables, "MAX_UNPACKED_BYTES", 10 * 1024 * 1024 // 1024)
    path = _xlsx(tmp_path)
    with pytest.raises(TableError) as caught:
        read_xlsx(path, Source())
    assert caught.value.render() == f"{path}: the workbook unpacks to more than 0 MiB"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"a;b\n" + b"x" * 200_000 + b";z\n", "not readable as CSV: field larger than field limit"),
    ],
)
def test_hostile_csv_is_refused_with_its_row(tmp_path: Path, data: bytes, message: str) -> None:
    """A monstrous cell: the row is named, no traceback."""
    path = _csv(tmp_path, data)
    with pytest.raises(TableError) as caught:
        read_csv(path, Source(delimiter=";"))
    assert caught.value.render().startswith(f"{path}:2: {message}")
