"""Readers: a CSV or XLSX file as a header and numbered rows of cells.

CSV is read with the standard library. The encoding, when not given, is
UTF-8 (with or without a byte-order mark) or UTF-16 (with one) if the bytes
are valid as such, and otherwise Windows-1252, the encoding Excel on
Windows writes; the table says which it used. The delimiter, when not
given, is sniffed from the first lines among ``;``, ``,``, tab and ``|``.

XLSX is read with openpyxl in read-only mode with ``data_only``: a formula
cell gives the value Excel last computed and saved, and no formula is ever
evaluated; an error value (``#REF!``) stays text, for the importer to refuse.

Row numbers are the ones a spreadsheet program shows: the header row is
row 1 when ``header = 1``, and a quoted cell spanning several lines is still
one row.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Final

import attrs

from govrules.errors import GovrulesError
from govrules.importer.clean import clean_cell
from govrules.importer.convert import Cell, as_text
from govrules.importer.mapping import Source
from govrules.messages import Message, msg
from govrules.suggest import did_you_mean

MAX_TABLE_BYTES: Final = 512 * 1024 * 1024
"""A file larger than this is refused before it is read."""

MAX_UNPACKED_BYTES: Final = 1024 * 1024 * 1024
"""A workbook whose parts unpack to more than this is refused (a zip bomb, not a register)."""

DELIMITERS: Final = ";,\t|"
"""The delimiters a CSV file is sniffed for."""

EXCEL_ERRORS: Final = frozenset(
    {"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}
)
"""Error values a spreadsheet shows where a formula failed."""


class TableError(GovrulesError):
    """The file cannot be read as a table at all (exit 2); ``file`` and ``row`` say where."""

    def __init__(self, message: Message, *, file: str, row: int | None = None) -> None:
        super().__init__(message)
        self.file = file
        self.row = row

    def render(self, lang: str = "en") -> str:
        where = self.file if self.row is None else f"{self.file}:{self.row}"
        return f"{where}: {self.text.render(lang)}"


@attrs.frozen(slots=True)
class Table:
    """A header and the rows below it; each row is its number and its cells."""

    file: str
    columns: tuple[str | None, ...]
    rows: Sequence[tuple[int, tuple[Cell, ...]]]
    encoding: str | None = None
    """For CSV: the encoding read (``utf-8``, ``cp1252``...)."""
    delimiter: str | None = None
    sheet: str | None = None


def _read_bytes(path: Path) -> bytes:
    file = str(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise TableError(msg("import.table.is-directory"), file=file)
        if size > MAX_TABLE_BYTES:
            raise TableError(msg("import.table.too-large", mib=MAX_TABLE_BYTES >> 20), file=file)
        with path.open("rb") as fh:
            return fh.read(MAX_TABLE_BYTES + 1)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise TableError(msg("import.table.unreadable", reason=reason), file=file) from None


def _decode(data: bytes, encoding: str | None, file: str) -> tuple[str, str]:
    if encoding is not None:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            row = data.count(b"\n", 0, exc.start) + 1
            raise TableError(
                msg("import.table.not-encoding", encoding=encoding, byte=f"{data[exc.start]:02x}"),
                file=file,
                row=row,
            ) from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        # Five bytes are undefined in Windows-1252; Latin-1 reads every byte.
        return data.decode("latin-1"), "latin-1"


def _sniff(text: str) -> str:
    sample = "\n".join(text[:65536].splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        first = sample.split("\n", 1)[0]
        counts = {d: first.count(d) for d in DELIMITERS}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


def read_csv(path: Path, source: Source) -> Table:
    """Read a CSV file (see the module docstring for the encoding and the delimiter)."""
    file = str(path)
    text, encoding = _decode(_read_bytes(path), source.encoding, file)
    delimiter = source.delimiter or _sniff(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[tuple[int, tuple[Cell, ...]]] = []
    number = 0
    try:
        for number, record in enumerate(reader, start=1):
            records.append((number, tuple(record)))
    except csv.Error as exc:
        raise TableError(
            msg("import.table.bad-csv", problem=str(exc)), file=file, row=number + 1
        ) from None
    return _split_header(file, records, source.header, encoding=encoding, delimiter=delimiter)


def read_xlsx(path: Path, source: Source) -> Table:
    """Read one sheet of an XLSX workbook: no formula evaluated, no macro run."""
    file = str(path)
    _read_bytes_check(path)
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        problem = " ".join(str(exc).split()) or type(exc).__name__
        raise TableError(msg("import.table.not-xlsx", problem=problem), file=file) from None
    try:
        names = list(workbook.sheetnames)
        if source.sheet is not None:
            if source.sheet not in names:
                raise TableError(
                    msg(
                        "import.table.no-sheet",
                        sheet=source.sheet,
                        suggestion=did_you_mean(source.sheet, names),
                        choices=tuple(names),
                    ),
                    file=file,
                )
            sheet = workbook[source.sheet]
        else:
            if not names:
                raise TableError(msg("import.table.no-sheets"), file=file)
            sheet = workbook[names[0]]
        records: list[tuple[int, tuple[Cell, ...]]] = []
        try:
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                records.append((number, tuple(_xlsx_cell(v) for v in values)))
        except (zipfile.BadZipFile, KeyError, ValueError, TypeError) as exc:
            problem = " ".join(str(exc).split()) or type(exc).__name__
            raise TableError(msg("import.table.not-xlsx", problem=problem), file=file) from None
        return _split_header(file, records, source.header, sheet=sheet.title)
    finally:
        workbook.close()


def _read_bytes_check(path: Path) -> None:
    file = str(path)
    try:
        if path.is_dir():
            raise TableError(msg("import.table.is-directory"), file=file)
        size = path.stat().st_size
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise TableError(msg("import.table.unreadable", reason=reason), file=file) from None
    if size > MAX_TABLE_BYTES:
        raise TableError(msg("import.table.too-large", mib=MAX_TABLE_BYTES >> 20), file=file)
    # A workbook is a zip: a small file can unpack to gigabytes. Refuse that before openpyxl does.
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # openpyxl reports what is wrong with it
    limit = MAX_UNPACKED_BYTES
    if unpacked > limit:
        raise TableError(msg("import.table.unpacks-too-large", mib=limit >> 20), file=file)


def _xlsx_cell(value: object) -> Cell:
    if value is None or isinstance(value, str | bool | int | float | datetime.date):
        return value
    if isinstance(value, datetime.time | datetime.timedelta):
        return str(value)
    return str(value)


def _split_header(
    file: str,
    records: list[tuple[int, tuple[Cell, ...]]],
    header: int,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
) -> Table:
    if len(records) < header:
        raise TableError(msg("import.table.no-header", row=header), file=file)
    names: list[str | None] = []
    for cell in records[header - 1][1]:
        cleaned = clean_cell(as_text(cell) if cell is not None else None).value
        names.append(None if cleaned is None else str(cleaned))
    if not any(names):
        raise TableError(msg("import.table.no-header", row=header), file=file)
    return Table(
        file=file,
        columns=tuple(names),
        rows=records[header:],
        encoding=encoding,
        delimiter=delimiter,
        sheet=sheet,
    )


def read_table(path: Path, fmt: str, source: Source) -> Table:
    """Read ``path`` as ``fmt`` (``csv`` or ``xlsx``)."""
    if fmt == "xlsx":
        return read_xlsx(path, source)
    return read_csv(path, source)
