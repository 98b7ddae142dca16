"""Rows placed as declarations: the heart of an import.

:func:`place` reads the rows of a :class:`~govrules.importer.tables.Table`
through an :class:`~govrules.importer.mapping.ImportMapping` in three passes:

1. every row is cleaned (:mod:`~govrules.importer.clean`), checked (the
   cells a declaration needs are there, hold no spreadsheet error, make an
   identifier and read as their attribute's type) and either accepted,
   skipped with its row number and the reason, or merged with the row it
   repeats;
2. each ``per = "value"`` declaration is made once per distinct name
   (compared without regard to case, so ``Gemeente Bergen`` and ``gemeente
   bergen`` are one, labelled with the spelling most rows use), and every
   top-level declaration gets its identifier in one namespace, collisions
   resolved deterministically;
3. attributes, references and nested blocks are filled in from the
   accepted rows; a value that contradicts an earlier row is reported and
   the first one kept.

Nothing is written here; the result is a list of declarations per file and
the problems found, each with its row.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Final

import attrs

from govrules.importer.clean import Cleaned, clean_cell, name_key
from govrules.importer.convert import Cell, CellError, as_text, quote, to_value
from govrules.importer.identifiers import Collision, assign, identifier_from
from govrules.importer.mapping import (
    Declare,
    ImportMapping,
    MappingError,
    Spec,
    comment_columns,
    locate,
    split_template,
)
from govrules.importer.tables import EXCEL_ERRORS, Table
from govrules.importer.targets import identifier_targets
from govrules.messages import Message, msg
from govrules.model.values import ValueType
from govrules.suggest import did_you_mean

ROWS_SHOWN: Final = 5
"""How many row numbers a message lists before it says how many more there are."""


@attrs.frozen(slots=True)
class Problem:
    """What the import did about a row: skipped it (``skipped``), merged, repaired, left out."""

    row: int | None
    message: Message
    skipped: bool = False


@attrs.define
class Decl:
    """One declaration to write (mutable while the rows are placed)."""

    kind: str
    id: str
    label: str | None
    file: str
    row: int
    comment: str | None = None
    attributes: dict[str, str] = attrs.field(factory=dict)
    children: list[Decl] = attrs.field(factory=list)
    sources: dict[str, int] = attrs.field(factory=dict)
    """Per attribute, the row its value came from (for conflict messages)."""


@attrs.frozen
class Placed:
    """The outcome of placing rows: the declarations and what happened to each row."""

    declarations: tuple[Decl, ...]
    problems: tuple[Problem, ...]
    rows: int
    """Data rows below the header."""
    empty: int
    """Rows without a value in any column the mapping reads."""
    skipped: int
    merged: int

    @property
    def placed(self) -> int:
        return self.rows - self.empty - self.skipped - self.merged

    def count(self, kind: str) -> int:
        """How many declarations of ``kind`` were made, nested ones included."""
        return sum(1 for d in self.walk() if d.kind == kind)

    def walk(self) -> Iterator[Decl]:
        stack = list(reversed(self.declarations))
        while stack:
            d = stack.pop()
            yield d
            stack.extend(reversed(d.children))


def rows_text(rows: Sequence[int]) -> str:
    """``3, 7, 9`` or ``3, 7, 9, 12, 15 and 4 more``."""
    shown = ", ".join(str(r) for r in rows[:ROWS_SHOWN])
    rest = len(rows) - ROWS_SHOWN
    return shown if rest <= 0 else f"{shown} (+{rest})"


@attrs.define
class _Entity:
    """A distinct name of a ``per = "value"`` declaration, before it becomes a Decl."""

    key: str
    row: int
    spellings: Counter[str] = attrs.field(factory=Counter)
    rows: dict[str, list[int]] = attrs.field(factory=dict)
    decl: Decl | None = None


@attrs.frozen(slots=True)
class _Row:
    number: int
    cells: dict[str, str | Cell]
    """Cleaned cells of the mapped columns that have a value."""
    values: dict[tuple[int, int, str], str]
    """(declare number, spec index, name column) -> the value's source text; the name column
    only for values read from the name itself (else ""); references are resolved later."""


class _Placer:
    def __init__(self, table: Table, mapping: ImportMapping) -> None:
        self.table = table
        self.mapping = mapping
        self.index = self.column_index()
        self.problems: list[Problem] = []
        self.entities: dict[int, dict[str, _Entity]] = {
            d.number: {} for d in mapping.declares if d.per == "value"
        }
        self.repairs: dict[tuple[str, str], list[int]] = {}
        self.empty = self.skipped = 0
        self.merged_rows: set[int] = set()
        self.templates: dict[str, list[str]] = {}

    # -- columns ---------------------------------------------------------------

    def column_index(self) -> dict[str, int]:
        header = self.table.columns
        positions: dict[str, list[int]] = {}
        for i, name in enumerate(header):
            if name is not None:
                positions.setdefault(name, []).append(i)
        index = {}
        for column in self.mapping.columns():
            found = positions.get(column)
            if found is None:
                # A header that differs only in case or spacing is still the column meant.
                loose = [n for n in positions if name_key(n) == name_key(column)]
                if len(loose) == 1:
                    found = positions[loose[0]]
            if found is None:
                named = [n for n in header if n is not None]
                raise self.mapping_error(
                    column,
                    msg(
                        "import.mapping.no-column",
                        column=column,
                        table=self.table.file,
                        suggestion=did_you_mean(column, named),
                    ),
                )
            if len(found) > 1:
                raise self.mapping_error(
                    column,
                    msg("import.mapping.column-repeated", column=column, table=self.table.file),
                )
            index[column] = found[0]
        return index

    def mapping_error(self, column: str, message: Message) -> MappingError:
        key = self.key_of(column)
        line = locate(self.mapping.text, key)
        return MappingError(
            msg("import.mapping.at", key=key, problem=message),
            file=self.mapping.file,
            key=key,
            line=line,
            column=None if line is None else 1,
        )

    def key_of(self, column: str) -> str:
        for d in self.mapping.declares:
            if column in d.names:
                return f"{d.key}.name"
            if column == d.parent:
                return f"{d.key}.in"
            for s in d.attributes:
                if s.column == column:
                    return s.key
            if column in comment_columns(d.comment):
                return f"{d.key}.comment"
        return "declare"

    # -- pass 1: clean and check rows --------------------------------------------

    def clean_row(self, number: int, raw: tuple[Cell, ...]) -> dict[str, str | Cell] | None:
        width = len(self.table.columns)
        if len(raw) > width and any(c not in (None, "") for c in raw[width:]):
            self.skip(number, msg("import.row.too-many-cells", cells=len(raw), columns=width))
            return None
        cells: dict[str, str | Cell] = {}
        for column, i in self.index.items():
            if i >= len(raw):
                continue
            cleaned: Cleaned = clean_cell(raw[i])
            if cleaned.value is None:
                continue
            if cleaned.repaired_from is not None:
                self.repairs.setdefault((cleaned.repaired_from, str(cleaned.value)), []).append(
                    number
                )
            cells[column] = cleaned.value
        return cells

    def skip(self, number: int, message: Message) -> None:
        self.problems.append(Problem(number, message, skipped=True))
        self.skipped += 1

    def check_row(self, number: int, cells: dict[str, str | Cell]) -> _Row | None:
        """The row, its values read; ``None`` (and the reason reported) if it cannot be placed."""
        values: dict[tuple[int, int, str], str] = {}
        for d in self.mapping.declares:
            own = (*d.names, *((d.parent,) if d.parent else ()))
            if d.per == "value" and not any(n in cells for n in d.names):
                continue  # this row names no declaration of this kind
            for column in own if d.per == "row" else ():
                if column not in cells:
                    self.skip(number, msg("import.row.missing", column=column, kind=d.kind))
                    return None
            for column in own:
                if column in cells and (problem := self.name_problem(cells[column], d)):
                    self.skip(number, msg("import.row.at-column", column=column, problem=problem))
                    return None
            for i, spec in enumerate(d.attributes):
                if self.is_reference(spec):
                    column = spec.column or d.names[0]
                    if spec.required and column not in cells:
                        self.skip(number, msg("import.row.missing", column=column, kind=d.kind))
                        return None
                    continue  # resolved once every declaration has its identifier
                if spec.column is None and spec.constant is None:
                    columns = [c for c in d.names if c in cells]  # read from the name itself
                else:
                    columns = [spec.column or ""]
                for column in columns:
                    if not self.keep_value(number, d, i, spec, column, cells, values):
                        return None
        return _Row(number, cells, values)

    def keep_value(
        self,
        number: int,
        d: Declare,
        i: int,
        spec: Spec,
        column: str,
        cells: dict[str, str | Cell],
        values: dict[tuple[int, int, str], str],
    ) -> bool:
        """Read one value into ``values``; False (the row skipped) if a required one fails."""
        outcome = self.read_spec(spec, column, cells)
        key = (d.number, i, "" if spec.column is not None or spec.constant else column)
        if isinstance(outcome, str):
            values[key] = outcome
        elif outcome is None and spec.required:
            self.skip(number, msg("import.row.missing", column=column, kind=d.kind))
            return False
        elif outcome is not None and spec.required:
            self.skip(number, msg("import.row.at-column", column=column, problem=outcome))
            return False
        elif outcome is not None:
            self.problems.append(
                Problem(number, msg("import.row.left-out", column=column, problem=outcome))
            )
        return True

    def name_problem(self, cell: str | Cell, d: Declare) -> Message | None:
        text = as_text(cell)
        if text in EXCEL_ERRORS:
            return msg("import.cell.spreadsheet-error", text=text)
        if identifier_from(text, d.prefix) is None:
            return msg("import.cell.no-identifier", text=text)
        return None

    def read_spec(
        self, spec: Spec, column: str, cells: dict[str, str | Cell]
    ) -> str | Message | None:
        """The value text of a non-reference spec, a problem, or ``None`` when there is no value."""
        if spec.constant is not None:
            return spec.constant
        cell = cells.get(column)
        if cell is None:
            return None
        text = as_text(cell)
        if text in EXCEL_ERRORS:
            return msg("import.cell.spreadsheet-error", text=text)
        try:
            if spec.split is not None and isinstance(cell, str):
                parts = [p.strip() for p in cell.split(spec.split) if p.strip()]
                words = [to_value(spec.translate(p), spec.target) for p in parts]
                return ", ".join(dict.fromkeys(words)) if words else None
            if isinstance(cell, str):
                cell = spec.translate(cell)
            return to_value(cell, spec.target)
        except CellError as exc:
            return exc.message

    def is_reference(self, spec: Spec) -> bool:
        if not spec.target.is_reference or spec.column is None:
            return False
        if spec.target.type is ValueType.TEXT_OR_REFERENCE:
            return self.mapping.maker_of(spec.column) is not None
        return True

    def rows(self) -> list[_Row]:
        accepted: list[_Row] = []
        seen: dict[tuple[tuple[str, str], ...], int] = {}
        for number, raw in self.table.rows:
            cells = self.clean_row(number, raw)
            if cells is None:
                continue
            if not cells:
                self.empty += 1
                continue
            key = tuple(sorted((c, name_key(as_text(v))) for c, v in cells.items()))
            first = seen.get(key)
            if first is not None:
                self.problems.append(Problem(number, msg("import.row.duplicate", first=first)))
                self.merged_rows.add(number)
                continue
            row = self.check_row(number, cells)
            if row is None:
                continue
            seen[key] = number
            accepted.append(row)
        return accepted

    # -- pass 2: distinct names and identifiers ----------------------------------------

    def collect(self, rows: list[_Row]) -> None:
        for row in rows:
            for d in self.mapping.declares:
                if d.per != "value":
                    continue
                table = self.entities[d.number]
                for column in d.names:
                    cell = row.cells.get(column)
                    if cell is None:
                        continue
                    text = as_text(cell)
                    key = name_key(text)
                    entity = table.get(key)
                    if entity is None:
                        entity = table[key] = _Entity(key, row.number)
                    entity.spellings[text] += 1
                    entity.rows.setdefault(text, []).append(row.number)

    def identify(self, rows: list[_Row]) -> dict[int, Decl]:
        """Make the top-level declarations and give them identifiers; per-row ones by row number."""
        taken: dict[str, str] = {}
        per_row: dict[int, Decl] = {}
        for d in self.mapping.declares:
            if d.nested:
                continue
            if d.per == "value":
                entities = sorted(self.entities[d.number].values(), key=lambda e: e.key)
                labels = [self.label(e, d) for e in entities]
                wanted = [(lab, identifier_from(lab, d.prefix) or "") for lab in labels]
                ids, collisions = assign(wanted, taken)
                for e, lab, ident in zip(entities, labels, ids, strict=True):
                    e.decl = Decl(d.kind, ident, lab, d.file.replace("{id}", ident), e.row)
                self.report_collisions(d, collisions, [e.row for e in entities])
            else:
                chosen = [r for r in rows if d.names[0] in r.cells]
                labels = [as_text(r.cells[d.names[0]]) for r in chosen]
                wanted = [(lab, identifier_from(lab, d.prefix) or "") for lab in labels]
                ids, collisions = assign(wanted, taken)
                for r, lab, ident in zip(chosen, labels, ids, strict=True):
                    per_row[(d.number << 32) | r.number] = Decl(
                        d.kind, ident, lab, d.file.replace("{id}", ident), r.number
                    )
                self.report_collisions(d, collisions, [r.number for r in chosen])
        return per_row

    def label(self, e: _Entity, d: Declare) -> str:
        """The spelling most rows use (the first seen among equals); others reported."""
        label = max(e.spellings, key=lambda s: (e.spellings[s], -e.rows[s][0]))
        others = [s for s in e.spellings if s != label]
        if others:
            rows = sorted(r for s in others for r in e.rows[s])
            self.problems.append(
                Problem(
                    rows[0],
                    msg(
                        "import.name.spellings",
                        kind=d.kind,
                        spellings=tuple(others),
                        label=label,
                        rows=rows_text(rows),
                    ),
                )
            )
        return label

    def report_collisions(self, d: Declare, collisions: list[Collision], rows: list[int]) -> None:
        for c in collisions:
            if c.name == c.holder:
                message = msg("import.name.repeated", name=c.name, kind=d.kind, given=c.given)
            else:
                message = msg(
                    "import.name.collision",
                    name=c.name,
                    holder=c.holder,
                    wanted=c.wanted,
                    given=c.given,
                )
            self.problems.append(Problem(rows[c.index], message))

    # -- pass 3: attributes, references, nested blocks ------------------------------------

    def ident_of(self, column: str, cell: str | Cell) -> str:
        maker = self.mapping.maker_of(column)
        assert maker is not None
        decl = self.entities[maker.number][name_key(as_text(cell))].decl
        assert decl is not None
        return decl.id

    def fill(self, decl: Decl, d: Declare, row: _Row, name_column: str = "") -> None:
        for i, spec in enumerate(d.attributes):
            value = row.values.get((d.number, i, ""), row.values.get((d.number, i, name_column)))
            if value is None and self.is_reference(spec):
                value = self.reference(spec, row)
            if value is None:
                continue
            name = spec.target.name
            before = decl.attributes.get(name)
            if before is None:
                decl.attributes[name] = value
                decl.sources[name] = row.number
            elif before != value:
                self.problems.append(
                    Problem(
                        row.number,
                        msg(
                            "import.row.conflict",
                            kind=decl.kind,
                            ident=decl.id,
                            attribute=name,
                            value=value,
                            kept=before,
                            first=decl.sources[name],
                        ),
                    )
                )
        if d.comment is not None:
            comment = self.comment(d.comment, row)
            if decl.comment is None:
                decl.comment = comment
            elif comment != decl.comment:
                self.problems.append(
                    Problem(
                        row.number,
                        msg(
                            "import.row.comment-conflict",
                            kind=decl.kind,
                            ident=decl.id,
                            value=comment,
                            kept=decl.comment,
                        ),
                    )
                )

    def reference(self, spec: Spec, row: _Row) -> str | None:
        assert spec.column is not None
        cell = row.cells.get(spec.column)
        if cell is None:
            return None
        return self.ident_of(spec.column, cell)

    def comment(self, template: str, row: _Row) -> str:
        parts = self.templates.get(template)
        if parts is None:
            parts = self.templates[template] = split_template(template)
        placed = [
            piece if i % 2 == 0 else as_text(row.cells.get(piece, ""))
            for i, piece in enumerate(parts)
        ]
        return " ".join("".join(placed).split())

    def build(self) -> Placed:
        rows = self.rows()
        self.collect(rows)
        per_row = self.identify(rows)
        children: dict[tuple[int, str], Decl] = {}
        for row in rows:
            for d in self.mapping.declares:
                if d.per == "value":
                    for column in d.names:
                        cell = row.cells.get(column)
                        if cell is not None:
                            entity = self.entities[d.number][name_key(as_text(cell))]
                            assert entity.decl is not None
                            self.fill(entity.decl, d, row, column)
                elif not d.nested:
                    self.fill(per_row[(d.number << 32) | row.number], d, row)
                else:
                    self.nest(d, row, children)
        for (original, repaired), numbers in self.repairs.items():
            self.problems.append(
                Problem(
                    numbers[0],
                    msg(
                        "import.cell.repaired",
                        original=original,
                        repaired=repaired,
                        rows=rows_text(numbers),
                    ),
                )
            )
        top: list[Decl] = []
        for d in self.mapping.declares:
            if d.nested:
                continue
            if d.per == "value":
                made = [e.decl for e in self.entities[d.number].values() if e.decl is not None]
                top.extend(sorted(made, key=lambda decl: decl.id))
            else:
                top.extend(v for k, v in per_row.items() if k >> 32 == d.number)
        problems = sorted(self.problems, key=lambda p: (p.row is not None, p.row or 0))
        return Placed(
            tuple(top),
            tuple(problems),
            len(self.table.rows),
            self.empty,
            self.skipped,
            len(self.merged_rows),
        )

    def nest(self, d: Declare, row: _Row, children: dict[tuple[int, str], Decl]) -> None:
        assert d.parent is not None
        parent_cell = row.cells[d.parent]
        maker = self.mapping.maker_of(d.parent)
        assert maker is not None
        parent = self.entities[maker.number][name_key(as_text(parent_cell))].decl
        assert parent is not None
        name_cell = row.cells[d.names[0]]
        if identifier_targets(d.kind):
            ident = self.ident_of(d.names[0], name_cell)
            label = None
        else:
            label = as_text(name_cell)
            ident = identifier_from(label, d.prefix) or ""
        key = (id(parent), f"{d.kind} {ident}")
        child = children.get(key)
        if child is None:
            child = Decl(d.kind, ident, label, parent.file, row.number)
            children[key] = child
            parent.children.append(child)
        else:
            self.problems.append(
                Problem(
                    row.number,
                    msg(
                        "import.row.repeats-nested",
                        kind=d.kind,
                        ident=ident,
                        parent=parent.id,
                        first=child.row,
                    ),
                )
            )
            self.merged_rows.add(row.number)
        self.fill(child, d, row)


def place(table: Table, mapping: ImportMapping) -> Placed:
    """Place the rows of ``table`` as the declarations ``mapping`` says (see the module docstring).

    Raises :class:`~govrules.importer.mapping.MappingError` when the table
    lacks a column the mapping reads.
    """
    return _Placer(table, mapping).build()


__all__ = ["Decl", "Placed", "Problem", "place", "quote", "rows_text"]
