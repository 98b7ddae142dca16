"""The mapping file: which columns of a register make which declarations and attributes.

A mapping is TOML, read strictly, as the configuration is: every unknown
key, wrong type, unknown kind, attribute or symbol is a :class:`MappingError`
that names the file, the key (``declare[2].attributes.form``) and the line
it stands on, with a "did you mean" where one applies. The format is
documented for users in ``docs/import.md``::

    [source]                      # all optional
    encoding = "utf-8"            # CSV: sniffed when absent (UTF-8, else Windows-1252)
    delimiter = ";"               # CSV: sniffed when absent
    sheet = "Register"            # XLSX: the first sheet when absent
    header = 1                    # the row that holds the column names

    [[declare]]
    kind = "organization"         # the kind to write
    per = "value"                 # one per distinct value of `name` ("row": one per row)
    name = "Deelnemer"            # the column (or columns) whose text names it
    prefix = ""                   # put before the identifier made from the name
    file = "organisaties.gov"     # where it goes; "{id}" is its identifier
    comment = "{Plaats}"          # a comment above it, from columns

    [declare.attributes]
    kind = { starts = { "Gemeente" = "municipality" } }   # from the name itself
    mission = "Missie"                                  # from a column
    basis = { value = "Wet gemeenschappelijke regelingen" }  # the same for all

A nested kind (``participant``) names, with ``in``, the column whose
declaration it goes in; ``participant`` blocks name their organization by
their ``name`` column. A reference attribute takes a column that another
``[[declare]]`` makes declarations from, and refers to those.
"""

from __future__ import annotations

import datetime
import re
import string
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Final, Literal

import attrs

from govrules.config import ConfigError
from govrules.importer import targets
from govrules.importer.convert import CellError, symbol_word, to_value, translate
from govrules.importer.identifiers import is_identifier
from govrules.importer.targets import Target
from govrules.messages import Message, msg
from govrules.model.values import ValueType
from govrules.suggest import did_you_mean

MAX_MAPPING_BYTES: Final = 1024 * 1024
"""A mapping larger than this is refused: it is a mistake, not a mapping."""

TOP_KEYS: Final = ("description", "source", "declare")
SOURCE_KEYS: Final = ("encoding", "delimiter", "sheet", "header")
DECLARE_KEYS: Final = ("kind", "per", "name", "in", "prefix", "file", "comment", "attributes")
SPEC_KEYS: Final = ("column", "value", "values", "starts", "required", "split")
PER: Final = ("value", "row")

_FIELD = re.compile(r"\{([^{}]*)\}")


class MappingError(ConfigError):
    """A mapping file that cannot be used (exit code 2), with its file, key and line."""


@attrs.frozen(slots=True)
class Source:
    """How to read the table: all ``None`` means sniff (CSV) or take the first sheet (XLSX)."""

    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    header: int = 1


@attrs.frozen(slots=True)
class Spec:
    """How one attribute is filled.

    From ``column`` (``None``: the declaration's own name cell), or the
    ``constant`` text for every declaration; ``values`` (whole cell, casefolded)
    and ``starts`` (beginning of the cell, casefolded, longest first) translate
    a cell into a word before it is read as the attribute's type.
    """

    target: Target
    key: str
    column: str | None = None
    constant: str | None = None
    values: Mapping[str, str] = attrs.field(factory=dict)
    starts: tuple[tuple[str, str], ...] = ()
    required: bool = False
    split: str | None = None

    def translate(self, text: str) -> str:
        return translate(text, self.values, self.starts)


@attrs.frozen(slots=True)
class Declare:
    """One ``[[declare]]``: a kind made per distinct value of a column, or per row."""

    number: int
    """Its place among the ``[[declare]]`` tables, from 1."""
    kind: str
    per: Literal["value", "row"]
    names: tuple[str, ...]
    parent: str | None
    """For a nested kind, the column whose declaration it goes in."""
    prefix: str
    file: str
    comment: str | None
    attributes: tuple[Spec, ...]

    @property
    def key(self) -> str:
        return f"declare[{self.number}]"

    @property
    def nested(self) -> bool:
        return self.parent is not None

    def columns(self) -> tuple[str, ...]:
        """Every column this declaration reads."""
        cols = [*self.names, *([self.parent] if self.parent else [])]
        cols += [s.column for s in self.attributes if s.column is not None]
        cols += comment_columns(self.comment)
        return tuple(dict.fromkeys(cols))


@attrs.frozen(slots=True)
class ImportMapping:
    """A whole mapping: how to read the source and what to declare from it."""

    file: str
    source: Source
    declares: tuple[Declare, ...]
    description: str | None = None
    text: str = attrs.field(default="", eq=False, repr=False)
    """The mapping's text, to locate keys in messages."""

    def maker_of(self, column: str) -> Declare | None:
        """The ``per = "value"`` declaration made from ``column``, if any."""
        for d in self.declares:
            if d.per == "value" and column in d.names:
                return d
        return None

    def columns(self) -> tuple[str, ...]:
        """Every column the mapping reads, in the order it names them."""
        return tuple(dict.fromkeys(c for d in self.declares for c in d.columns()))


def comment_columns(template: str | None) -> list[str]:
    """The columns a comment template places (``{Plaats}``)."""
    return [] if template is None else _FIELD.findall(template)


def split_template(template: str) -> list[str]:
    """A comment template in pieces: even ones are text, odd ones column names."""
    return _FIELD.split(template)


# --- reading ----------------------------------------------------------------------


def _type_name(value: object) -> Message:
    if isinstance(value, bool):
        return msg("config.value.boolean", value=str(value).lower())
    if isinstance(value, str):
        return msg("config.value.string", value=value)
    if isinstance(value, int):
        return msg("config.value.integer", value=str(value))
    if isinstance(value, float):
        return msg("config.value.float", value=str(value))
    if isinstance(value, list):
        return msg("config.value.array")
    if isinstance(value, dict):
        return msg("config.value.table")
    if isinstance(value, datetime.date):
        return msg("config.value.date", value=str(value))
    return msg("config.value.other", kind=type(value).__name__, value=str(value))


@attrs.frozen
class _Reader:
    file: str
    text: str

    def error(self, message: Message, key: str) -> MappingError:
        line = locate(self.text, key)
        return MappingError(
            msg("import.mapping.at", key=key, problem=message),
            file=self.file,
            key=key,
            line=line,
            column=None if line is None else 1,
        )

    def table(self, value: object, key: str) -> dict[str, object]:
        if not isinstance(value, dict):
            raise self.error(msg("import.mapping.expected-table", got=_type_name(value)), key)
        return value

    def keys(self, table: Mapping[str, object], allowed: Sequence[str], key: str) -> None:
        for name in table:
            if name not in allowed:
                suggestion = did_you_mean(name, allowed)
                where = f"{key}.{name}" if key else name
                raise self.error(
                    msg(
                        "import.mapping.unknown-key",
                        name=name,
                        suggestion=suggestion,
                        choices=tuple(allowed),
                    ),
                    where,
                )

    def string(self, value: object, key: str) -> str:
        if not isinstance(value, str):
            raise self.error(msg("import.mapping.expected-string", got=_type_name(value)), key)
        return value

    def column(self, value: object, key: str) -> str:
        name = self.string(value, key).strip()
        if not name:
            raise self.error(msg("import.mapping.empty-column"), key)
        return name

    def read(self, document: Mapping[str, object]) -> ImportMapping:
        self.keys(document, TOP_KEYS, "")
        description = document.get("description")
        if description is not None:
            description = self.string(description, "description")
        source = self.source(self.table(document.get("source", {}), "source"))
        raw = document.get("declare")
        if raw is None:
            raise self.error(msg("import.mapping.no-declare"), "declare")
        if not isinstance(raw, list) or not raw:
            raise self.error(
                msg("import.mapping.expected-declares", got=_type_name(raw)), "declare"
            )
        declares = tuple(self.declare(item, n) for n, item in enumerate(raw, start=1))
        mapping = ImportMapping(self.file, source, declares, description, self.text)
        self.check_links(mapping)
        return mapping

    def source(self, table: Mapping[str, object]) -> Source:
        self.keys(table, SOURCE_KEYS, "source")
        encoding = table.get("encoding")
        if encoding is not None:
            encoding = self.string(encoding, "source.encoding")
            import codecs

            try:
                codecs.lookup(encoding)
            except LookupError:
                raise self.error(
                    msg("import.mapping.unknown-encoding", name=encoding), "source.encoding"
                ) from None
        delimiter = table.get("delimiter")
        if delimiter is not None:
            delimiter = self.string(delimiter, "source.delimiter")
            if len(delimiter) != 1 or delimiter in '"\r\n':
                raise self.error(
                    msg("import.mapping.bad-delimiter", value=delimiter), "source.delimiter"
                )
        sheet = table.get("sheet")
        if sheet is not None:
            sheet = self.string(sheet, "source.sheet")
        header = table.get("header", 1)
        if isinstance(header, bool) or not isinstance(header, int) or header < 1:
            raise self.error(
                msg("import.mapping.bad-header", got=_type_name(header)), "source.header"
            )
        return Source(encoding, delimiter, sheet, header)

    def declare(self, item: object, number: int) -> Declare:
        key = f"declare[{number}]"
        table = self.table(item, key)
        self.keys(table, DECLARE_KEYS, key)
        if "kind" not in table:
            raise self.error(msg("import.mapping.missing", name="kind"), key)
        kind = self.string(table["kind"], f"{key}.kind")
        parents = targets.nested_parents()
        known = (*targets.top_level_kinds(), *parents)
        if kind not in known:
            suggestion = did_you_mean(kind, known)
            raise self.error(
                msg("import.mapping.unknown-kind", kind=kind, suggestion=suggestion), f"{key}.kind"
            )
        nested = kind in parents and kind not in targets.top_level_kinds()
        per = self.string(table.get("per", "row" if nested else "value"), f"{key}.per")
        if per not in PER:
            raise self.error(
                msg("import.mapping.unknown-per", value=per, choices=PER), f"{key}.per"
            )
        if nested and per != "row":
            raise self.error(msg("import.mapping.nested-per-row", kind=kind), f"{key}.per")
        names = self.names(table.get("name"), f"{key}.name", per)
        parent = None
        if nested:
            if "in" not in table:
                raise self.error(msg("import.mapping.nested-needs-in", kind=kind), key)
            parent = self.column(table["in"], f"{key}.in")
        elif "in" in table:
            raise self.error(msg("import.mapping.in-not-nested", kind=kind), f"{key}.in")
        prefix = self.string(table.get("prefix", ""), f"{key}.prefix")
        if prefix and not is_identifier(prefix):
            raise self.error(msg("import.mapping.bad-prefix", value=prefix), f"{key}.prefix")
        file = self.file_template(table, key, nested)
        comment = table.get("comment")
        if comment is not None:
            comment = self.string(comment, f"{key}.comment")
            if "\n" in comment or "\r" in comment:
                raise self.error(msg("import.mapping.comment-one-line"), f"{key}.comment")
        raw = self.table(table.get("attributes", {}), f"{key}.attributes")
        specs = tuple(
            self.spec(kind, name, v, f"{key}.attributes.{name}") for name, v in raw.items()
        )
        return Declare(number, kind, per, names, parent, prefix, file, comment, specs)  # type: ignore[arg-type]

    def names(self, value: object, key: str, per: str) -> tuple[str, ...]:
        if value is None:
            raise self.error(msg("import.mapping.missing", name="name"), key.rsplit(".", 1)[0])
        if isinstance(value, list):
            if not value:
                raise self.error(msg("import.mapping.empty-column"), key)
            names = tuple(self.column(v, f"{key}[{i}]") for i, v in enumerate(value, start=1))
            if len(names) > 1 and per == "row":
                raise self.error(msg("import.mapping.row-one-name"), key)
            return tuple(dict.fromkeys(names))
        return (self.column(value, key),)

    def file_template(self, table: Mapping[str, object], key: str, nested: bool) -> str:
        if nested:
            if "file" in table:
                raise self.error(msg("import.mapping.nested-no-file"), f"{key}.file")
            return ""
        file = self.string(table.get("file", "{id}.gov"), f"{key}.file")
        fields = [f for _t, f, _s, _c in string.Formatter().parse(file) if f is not None]
        try:
            bad = any(f != "id" for f in fields)
        except ValueError:
            bad = True
        parts = Path(file.replace("{id}", "x")).parts
        if (
            bad
            or not file.endswith(".gov")
            or file.startswith(("/", "\\"))
            or ".." in parts
            or "\\" in file
            or ":" in file
        ):
            raise self.error(msg("import.mapping.bad-file", value=file), f"{key}.file")
        return file

    def spec(self, kind: str, name: str, value: object, key: str) -> Spec:
        target = targets.attribute(kind, name)
        if target is None:
            choices = targets.attributes(kind)
            raise self.error(
                msg(
                    "import.mapping.unknown-attribute",
                    kind=kind,
                    name=name,
                    suggestion=did_you_mean(name, choices),
                ),
                key,
            )
        if isinstance(value, str):
            return Spec(target, key, column=self.column(value, key))
        table = self.table(value, key)
        self.keys(table, SPEC_KEYS, key)
        if "column" in table and "value" in table:
            raise self.error(msg("import.mapping.column-or-value"), key)
        column = self.column(table["column"], f"{key}.column") if "column" in table else None
        values = {
            k.casefold(): self.word(target, v, f"{key}.values.{k}")
            for k, v in self.table(table.get("values", {}), f"{key}.values").items()
        }
        starts = sorted(
            (
                (k.casefold(), self.word(target, v, f"{key}.starts.{k}"))
                for k, v in self.table(table.get("starts", {}), f"{key}.starts").items()
            ),
            key=lambda pair: -len(pair[0]),
        )
        required = table.get("required", False)
        if not isinstance(required, bool):
            raise self.error(
                msg("import.mapping.expected-boolean", got=_type_name(required)),
                f"{key}.required",
            )
        split = table.get("split")
        if split is not None:
            split = self.string(split, f"{key}.split")
            if not target.many or not split:
                raise self.error(msg("import.mapping.split-needs-list", name=name), f"{key}.split")
            if target.type is ValueType.REFERENCE:
                # A cell naming several declarations would have to make several: not yet.
                raise self.error(msg("import.mapping.split-reference", name=name), f"{key}.split")
        constant = None
        if "value" in table:
            if target.is_reference and target.type is not ValueType.TEXT_OR_REFERENCE:
                raise self.error(msg("import.mapping.constant-reference", name=name), key)
            constant = self.constant(target, table["value"], f"{key}.value")
        return Spec(target, key, column, constant, values, tuple(starts), required, split)

    def word(self, target: Target, value: object, key: str) -> str:
        """A word of ``values``/``starts``: checked now if the attribute takes symbols or yes/no."""
        word = self.string(value, key)
        if target.type in (ValueType.SYMBOL, ValueType.BOOLEAN):
            try:
                return to_value(
                    symbol_word(word) if target.type is ValueType.SYMBOL else word, target
                )
            except CellError as exc:
                raise self.error(exc.message, key) from None
        return word

    def constant(self, target: Target, value: object, key: str) -> str:
        cell: str | int | bool | datetime.date
        if isinstance(value, str | bool | int | datetime.date) and not isinstance(
            value, datetime.time
        ):
            cell = value
        else:
            raise self.error(msg("import.mapping.bad-constant", got=_type_name(value)), key)
        try:
            return to_value(cell, target)
        except CellError as exc:
            raise self.error(exc.message, key) from None

    def check_links(self, mapping: ImportMapping) -> None:
        """References, parents and participants must name columns another declare makes."""
        seen: dict[str, Declare] = {}
        for d in mapping.declares:
            if d.per != "value":
                continue
            for column in d.names:
                other = seen.get(column)
                if other is not None:
                    raise self.error(
                        msg("import.mapping.column-twice", column=column, other=other.key),
                        f"{d.key}.name",
                    )
                seen[column] = d
        for d in mapping.declares:
            if d.parent is not None:
                parent = seen.get(d.parent)
                parents = targets.nested_parents()[d.kind]
                if parent is None or parent.kind not in parents:
                    raise self.error(
                        msg(
                            "import.mapping.no-parent",
                            column=d.parent,
                            kind=d.kind,
                            parents=parents,
                        ),
                        f"{d.key}.in",
                    )
            ident = targets.identifier_targets(d.kind)
            if ident:
                self.linked(seen, d.names[0], ident, f"{d.key}.name")
            for s in d.attributes:
                if s.target.is_reference and s.column is not None:
                    if s.target.type is ValueType.TEXT_OR_REFERENCE and s.column not in seen:
                        continue  # read as text
                    self.linked(seen, s.column, s.target.targets, s.key)
                elif s.target.is_reference and s.constant is None and s.column is None:
                    raise self.error(msg("import.mapping.reference-needs-column"), s.key)

    def linked(
        self, seen: Mapping[str, Declare], column: str, kinds: tuple[str, ...], key: str
    ) -> None:
        maker = seen.get(column)
        if maker is None or maker.kind not in kinds:
            raise self.error(msg("import.mapping.no-maker", column=column, kinds=kinds), key)


def locate(text: str, key: str) -> int | None:
    """The line (from 1) on which ``key`` (``declare[2].attributes.form``) stands, if found.

    Best effort, for messages: the ``n``-th ``[[declare]]`` header narrows
    the search to its table, then the last part of the key that is written
    at the start of a line (as ``name =`` or in a header) is taken.
    """
    lines = text.split("\n")
    start, end = 0, len(lines)
    parts = key.split(".")
    found = re.fullmatch(r"declare\[(\d+)\]", parts[0])
    if found is not None:
        headers = [i for i, line in enumerate(lines) if re.match(r"\s*\[\[\s*declare\s*\]\]", line)]
        n = int(found.group(1))
        if n > len(headers):
            return None
        start = headers[n - 1]
        end = headers[n] if n < len(headers) else len(lines)
        parts = parts[1:]
    best: int | None = start + 1 if found is not None else None
    position = start
    for part in parts:
        name = re.sub(r"\[\d+\]$", "", part)
        pattern = re.compile(
            rf"""\s*(?:\[\s*(?:[\w."-]+\.)?"?{re.escape(name)}"?\s*\]|"?{re.escape(name)}"?\s*=)"""
        )
        for i in range(position, end):
            if pattern.match(lines[i]):
                best, position = i + 1, i
                break
    return best


def load_mapping(path: Path) -> ImportMapping:
    """Read a mapping file; raises :class:`MappingError` for anything wrong in it."""
    file = str(path)
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_MAPPING_BYTES + 1)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise MappingError(msg("import.mapping.unreadable", reason=reason), file=file) from None
    if len(data) > MAX_MAPPING_BYTES:
        raise MappingError(msg("import.mapping.too-large"), file=file)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        message = msg("import.mapping.not-utf8", byte=f"{data[exc.start]:02x}")
        raise MappingError(message, file=file, line=line) from None
    return loads_mapping(text, file)


def loads_mapping(text: str, file: str = "<mapping>") -> ImportMapping:
    """Read a mapping from its text (``file`` names it in errors)."""
    try:
        document = tomllib.loads(text)
    except RecursionError:
        raise MappingError(msg("config.toml-too-deep"), file=file) from None
    except tomllib.TOMLDecodeError as exc:
        problem = str(exc)
        position = re.search(r"\s*\(at line (\d+), column (\d+)\)\s*$", problem)
        line = column = None
        if position is not None:
            line, column = int(position.group(1)), int(position.group(2))
            problem = problem[: position.start()]
        raise MappingError(
            msg("config.toml", problem=msg("verbatim", text=problem)),
            file=file,
            line=line,
            column=column,
        ) from None
    return _Reader(file, text).read(document)
