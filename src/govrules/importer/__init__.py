"""``govrules import``: registers kept as spreadsheets become ``.gov`` models.

A register of gemeenschappelijke regelingen (one row per participant), a
mandaatregister (one row per mandate) or any table of the same shape is read
(:mod:`~govrules.importer.tables`: CSV or XLSX) through a mapping
(:mod:`~govrules.importer.mapping`), its rows placed as declarations
(:mod:`~govrules.importer.place`: cleaning, identifiers, duplicates, every
row that cannot be placed reported with its number) and written as
formatted files (:mod:`~govrules.importer.write`). The library does the
work; ``govrules import`` (``cli/importing.py``) parses options, prints and
exits::

    from govrules.importer import import_table, load_mapping, write_files

    result = import_table(Path("register.csv"), "csv", load_mapping(Path("gr.toml")))
    for problem in result.placed.problems:
        print(problem.row, problem.message)
    write_files(Path("governance"), result.files)
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Final, Literal

import attrs

from govrules.importer.mapping import ImportMapping, MappingError, load_mapping, loads_mapping
from govrules.importer.place import Placed, Problem, place
from govrules.importer.tables import Table, TableError, read_table
from govrules.importer.write import OutputExists, Written, render_files, write_files
from govrules.messages import msg

Format = Literal["csv", "xlsx"]
FORMATS: Final = ("csv", "xlsx")

SHIPPED: Final = ("gemeenschappelijke-regelingen", "mandaatregister")
"""The mappings that come with govrules, by name (``--map gemeenschappelijke-regelingen``)."""


@attrs.frozen
class ImportResult:
    """An import done in memory: the table read, the rows placed and the files to write."""

    table: Table
    placed: Placed
    files: dict[str, str]
    """Relative file name -> formatted text."""

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self.placed.problems


def shipped_mapping(name: str) -> ImportMapping:
    """One of the :data:`SHIPPED` mappings."""
    ref = resources.files("govrules.importer").joinpath("mappings", f"{name}.toml")
    text = ref.read_text(encoding="utf-8")
    return loads_mapping(text, f"{name}.toml")


def find_mapping(given: str) -> ImportMapping:
    """The mapping file ``given``, or the shipped mapping of that name when no such file exists."""
    path = Path(given)
    if not path.exists() and given in SHIPPED:
        return shipped_mapping(given)
    if not path.exists():
        raise MappingError(msg("import.mapping.not-found", name=given, shipped=SHIPPED), file=given)
    return load_mapping(path)


def import_table(
    path: Path,
    fmt: Format,
    mapping: ImportMapping,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
) -> ImportResult:
    """Read ``path`` and place its rows as ``mapping`` says; nothing is written.

    ``encoding``, ``delimiter`` and ``sheet`` override the mapping's
    ``[source]``. Raises :class:`TableError` for a file that is not a table
    and :class:`MappingError` for a mapping that does not fit it.
    """
    source = attrs.evolve(
        mapping.source,
        encoding=encoding or mapping.source.encoding,
        delimiter=delimiter or mapping.source.delimiter,
        sheet=sheet or mapping.source.sheet,
    )
    table = read_table(path, fmt, source)
    placed = place(table, mapping)
    header = f"Imported by govrules from {path.name}"
    if mapping.description:
        header += f" with the mapping {mapping.description!r}"
    return ImportResult(table, placed, render_files(placed.declarations, header))


__all__ = [
    "FORMATS",
    "SHIPPED",
    "ImportMapping",
    "ImportResult",
    "MappingError",
    "OutputExists",
    "Placed",
    "Problem",
    "TableError",
    "Written",
    "find_mapping",
    "import_table",
    "load_mapping",
    "loads_mapping",
    "shipped_mapping",
    "write_files",
]
