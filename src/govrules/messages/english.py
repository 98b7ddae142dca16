"""The English catalogue: every message id and its template (the source language).

Ids are ``AREA.what`` (``GR504.expected-bracket``); a template places its
arguments with the specs of :mod:`govrules.messages.render`. Other languages
translate these templates (``msgctxt`` = id, ``msgid`` = the English
template); a test checks that every id used in the code is here.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

_CATALOG: dict[str, str] = {
    "concat": "{first}{second}",
    "verbatim": "{text}",
    # --- files (GR4xx) ---
    "GR401.not-utf8": (
        "the file is not valid UTF-8: byte 0x{byte} at line {line}, byte offset {offset}; "
        "save it as UTF-8"
    ),
    "GR401.utf16": (
        "the file is not valid UTF-8: byte 0x{byte} at line {line}, byte offset {offset}; "
        "it looks like UTF-16: save it as UTF-8"
    ),
    "GR402.too-large": "file is larger than {mib} MiB; split the model into files",
    # --- suppressions (GR50x) ---
    "GR501.no-reason": (
        "suppression of {codes:list} has no reason: add '-- <why this is accepted>'"
    ),
    "GR501.fix": "write '# govrules: ignore[{codes}]{until} -- <why this is accepted>'",
    "GR501.until": " until {date}",
    "GR502.unused": "unused suppression of {code}",
    "suppression.remove": "remove the suppression",
    "suppression.remove-code": "remove {code} from the suppression",
    "GR503.unknown-code": "unknown code {code:q} in suppression{suggestion:suggest}",
    "GR504.malformed": "malformed suppression: {problem}",
    "GR504.fix": "write it as '{template}' (until is optional)",
    "GR504.expected-bracket": "expected '[' after 'ignore': write ignore[{codes}]",
    "GR504.expected-bracket-example": "expected '[' after 'ignore': as in ignore[OWN001]",
    "GR504.missing-close": "missing ']' after the codes",
    "GR504.empty-list": "empty code list: name the codes to accept, as in ignore[OWN001]",
    "GR504.empty-code": "empty code between commas",
    "GR504.separate-codes": "separate codes with commas: ignore[{codes}]",
    "GR504.invalid-code": "invalid code {code:q}: a code is letters and digits, as OWN001",
    "GR504.until-needs-date": "'until' needs a date, as in until 2027-01-01",
    "GR504.until-bad-date": "invalid date {date} after 'until': write YYYY-MM-DD",
    "GR504.until-no-such-date": "invalid date {date:q} after 'until': {problem}",
    "GR504.until-after-reason": ("'until' must come before '--': ignore[...] until DATE -- reason"),
    "GR504.two-hyphens": "write '--' (two hyphens) before the reason",
    "GR504.unexpected-text": (
        "unexpected text {text} after {after}{suggestion:suggest} "
        "(expected 'until YYYY-MM-DD' or '-- reason')"
    ),
    "GR504.after-date": "the date",
    "GR504.after-bracket": "']'",
    "GR504.expected-ignore": "expected 'ignore[CODE,...]' after 'govrules:'",
    "GR504.unknown-directive": "unknown directive {word:q}{suggestion:suggest}",
    "GR504.missing-colon": "missing ':' after 'govrules'",
    "GR505.model-code": (
        "{code} is a model diagnostic and cannot be suppressed: fix the model instead"
    ),
    "GR505.unsuppressible": (
        "{code} may not be suppressed: this project's configuration marks it unsuppressible"
    ),
    "suppression.expired": (" (accepted until {until} -- {reason}; that acceptance has expired)"),
    # --- configuration ---
    "config.value.array": "an array",
    "config.value.table": "a table",
    "config.value.boolean": "boolean {value}",
    "config.value.string": "string {value:q}",
    "config.value.integer": "integer {value}",
    "config.value.float": "float {value}",
    "config.value.date-time": "date-time {value}",
    "config.value.date": "date {value}",
    "config.value.time": "time {value}",
    "config.value.other": "{kind} {value}",
    "config.tool-in-govrules-toml": (
        "{where}unknown key {key:q} (in {file} the keys stand at the top level, "
        "without [tool.govrules])"
    ),
    "config.unknown-key": "{where}unknown key {key:q}{suggestion:suggest}",
    "config.unknown-language": (
        "{where}unknown language {value:q}{suggestion:suggest} (choose from {choices:list})"
    ),
    "config.expected-choice": "{where}expected {choices:list} (a string), got {got}",
    "config.expected-strings": "{where}expected an array of strings, got {got}",
    "config.expected-strings-write": (
        "{where}expected an array of strings, got {got} (write {key} = [{written}])"
    ),
    "config.expected-strings-in-it": "{where}expected an array of strings, got {got} in it",
    "config.unknown-severity": (
        "{where}unknown severity {value:q}{suggestion:suggest} (choose from {choices:list})"
    ),
    "config.expected-severity-table": "{where}expected a table of CODE = severity, got {got}",
    "config.expected-params-table": "{where}expected a table of rule codes, got {got}",
    "config.expected-param-table": (
        "{where}expected a table of parameters (as in {code}.threshold = 100), got {got}"
    ),
    "config.expected-param-value": "{where}expected a number, string or boolean, got {got}",
    "config.toml-too-deep": "invalid TOML: nested too deeply",
    "config.toml": "invalid TOML: {problem}",
    "config.toml-at-end": "{problem} at the end of the file",
    "config.unreadable": "cannot read the configuration: {reason}",
    "config.not-utf8": "the configuration is not UTF-8 text (byte 0x{byte})",
    "config.expected-table": "{where}expected a table, got {got}",
    "config.at": "{where}{problem}",
    "config.unknown-code": "unknown code or prefix {entry:q}{suggestion:suggest}",
    "config.ignore-model-code": (
        "{entry} is a model diagnostic code: model diagnostics cannot be ignored "
        "(fix the model instead)"
    ),
    "config.model-severity": (
        "{entry}: model diagnostics are always errors; their severity cannot be changed"
    ),
    "config.model-params": "{code} is a model diagnostic code and has no parameters",
    "config.prefix-params": "{code:q} is a prefix: parameters are set per rule code",
    "config.unknown-rule": "unknown rule code {code:q}{suggestion:suggest}",
    "config.param-type": "{code}.{name} {problem}",
    "config.unknown-param": (
        "unknown parameter {name:q} for {code}{suggestion:suggest} (it takes {choices:list})"
    ),
    "config.no-params": "unknown parameter {name:q}: {code} takes no parameters",
    "config.param-boolean": "takes yes/no (true or false), not {value}",
    "config.param-text": "takes a text, not {value}",
    "config.param-number": "takes a number, not {value}",
    "config.param-finite": "takes a finite number, not {value}",
    # --- import (govrules import) ---
    "import.cell.not-a-date": "{text:q} is not a date: write 2024-01-31 or 31-01-2024",
    "import.cell.no-such-date": "{text:q} is not a date that exists",
    "import.cell.not-yes-no": "{text:q} is not yes or no (ja/nee, yes/no, j/n, 1/0)",
    "import.cell.not-a-number": "{text:q} is not a number",
    "import.cell.not-a-whole-number": "{text:q} is not a whole number of zero or more",
    "import.cell.not-money": "{text:q} is not an amount of money (as in € 1.200.000 or EUR 250000)",
    "import.cell.unknown-symbol": (
        "{text:q} is not a word {attribute} takes{suggestion:suggest} (choose from {choices:list})"
    ),
    "import.cell.unsupported-type": "{attribute} takes {type}, which an import cannot fill",
    "import.cell.spreadsheet-error": "the cell holds the spreadsheet error {text}",
    "import.cell.no-identifier": (
        "no identifier can be made from {text:q}: it has no letter or digit"
    ),
    "import.cell.repaired": (
        "{original:q} read as {repaired:q} (mojibake: UTF-8 that was read as Windows-1252; "
        "rows {rows}); correct the register too"
    ),
    "import.name.spellings": (
        "{spellings:qlist} taken as {label:q}, the same {kind:kind} written differently "
        "(rows {rows})"
    ),
    "import.name.collision": (
        "{name:q} and {holder:q} both make the identifier {wanted}: {name:q} became {given}"
    ),
    "import.name.repeated": "another {kind:kind} named {name:q}: its identifier is {given}",
    "import.row.too-many-cells": (
        "the row has {cells} cells and the header {columns}: is there a delimiter inside "
        "a name that is not quoted?"
    ),
    "import.row.missing": "no value in column {column:q}, which every {kind:kind} needs",
    "import.row.at-column": "column {column:q}: {problem}",
    "import.row.left-out": "column {column:q}: {problem}; the value is left out",
    "import.row.duplicate": "the row repeats row {first}; merged with it",
    "import.row.repeats-nested": (
        "{kind:kind} {ident} in {parent} is named again (first in row {first}); merged"
    ),
    "import.row.conflict": (
        "{kind:kind} {ident}: {attribute} {value} contradicts {kept} from row {first}; "
        "kept the first"
    ),
    "import.row.comment-conflict": (
        "{kind:kind} {ident}: {value:q} differs from {kept:q} of an earlier row; kept the first"
    ),
    "import.table.is-directory": "is a directory, not a table",
    "import.table.too-large": "the file is larger than {mib} MiB",
    "import.table.unpacks-too-large": "the workbook unpacks to more than {mib} MiB",
    "import.table.unreadable": "cannot read the table: {reason}",
    "import.table.not-encoding": (
        "the file is not {encoding} text (byte 0x{byte}); give the right --encoding"
    ),
    "import.table.bad-csv": "not readable as CSV: {problem}",
    "import.table.not-xlsx": "not an XLSX workbook: {problem}",
    "import.table.no-sheet": (
        "the workbook has no sheet {sheet:q}{suggestion:suggest} (it has {choices:qlist})"
    ),
    "import.table.no-sheets": "the workbook has no sheets",
    "import.table.no-header": "no column names in row {row} (the header row of the mapping)",
    "import.mapping.at": "{key}: {problem}",
    "import.mapping.not-found": ("no such mapping file; the shipped mappings are {shipped:list}"),
    "import.mapping.unreadable": "cannot read the mapping: {reason}",
    "import.mapping.not-utf8": "the mapping is not UTF-8 text (byte 0x{byte})",
    "import.mapping.too-large": "the mapping is larger than 1 MiB",
    "import.mapping.expected-table": "expected a table, got {got}",
    "import.mapping.expected-string": "expected a string, got {got}",
    "import.mapping.expected-boolean": "expected true or false, got {got}",
    "import.mapping.expected-declares": "expected [[declare]] tables, got {got}",
    "import.mapping.unknown-key": (
        "unknown key {name:q}{suggestion:suggest} (the keys here are {choices:list})"
    ),
    "import.mapping.empty-column": "a column name cannot be empty",
    "import.mapping.no-declare": "the mapping declares nothing: add a [[declare]] table",
    "import.mapping.missing": "{name:q} is missing",
    "import.mapping.unknown-kind": "unknown kind {kind:q}{suggestion:suggest}",
    "import.mapping.unknown-per": "expected {choices:list}, got {value:q}",
    "import.mapping.nested-per-row": '{kind:kind} is nested: it is made per row (per = "row")',
    "import.mapping.nested-needs-in": (
        "{kind:kind} is nested: say with 'in' which column names the declaration it goes in"
    ),
    "import.mapping.in-not-nested": "'in' is only for nested kinds; {kind:kind} is not one",
    "import.mapping.row-one-name": "a declaration per row takes its name from one column",
    "import.mapping.bad-prefix": "{value:q} cannot begin an identifier",
    "import.mapping.bad-file": (
        "{value:q} is not a file name below the output directory ending in .gov "
        "(the only field is {{id}})"
    ),
    "import.mapping.nested-no-file": "a nested kind goes in the file of its parent",
    "import.mapping.comment-one-line": "a comment is one line",
    "import.mapping.unknown-attribute": (
        "{kind:kind} has no attribute {name:q}{suggestion:suggest}"
    ),
    "import.mapping.column-or-value": "give a column or a value, not both",
    "import.mapping.split-needs-list": (
        "'split' is only for attributes that take a list; {name} does not"
    ),
    "import.mapping.split-reference": (
        "{name} is a reference: one cell names one declaration ('split' is for words and texts)"
    ),
    "import.mapping.constant-reference": (
        "{name} is a reference: it takes a column that another [[declare]] makes "
        "declarations from, not a value"
    ),
    "import.mapping.reference-needs-column": "a reference takes a column",
    "import.mapping.bad-constant": "expected a string, number, boolean or date, got {got}",
    "import.mapping.unknown-encoding": "unknown encoding {name:q}",
    "import.mapping.bad-delimiter": (
        "the delimiter is one character other than a quote, got {value:q}"
    ),
    "import.mapping.bad-header": "the header is a row number from 1, got {got}",
    "import.mapping.column-twice": (
        "column {column:q} already makes the declarations of {other}: one column, one kind"
    ),
    "import.mapping.no-parent": (
        "no [[declare]] makes {parents:kinds} from column {column:q}, for {kind:kind} to go in"
    ),
    "import.mapping.no-maker": (
        "no [[declare]] makes {kinds:kinds} from column {column:q}, to refer to"
    ),
    "import.mapping.no-column": ("{table} has no column {column:q}{suggestion:suggest}"),
    "import.mapping.column-repeated": "{table} has two columns named {column:q}",
    "import.write.exists": (
        "{directory}: {count} of the files to write exist already ({files:list}{more}); "
        "nothing was written: give --force to overwrite them"
    ),
    "import.write.more": " and {count} more",
    "import.write.outside": "{file} would be written outside {directory}",
    "import.write.not-a-directory": "{directory} exists and is not a directory",
    "import.report.skipped": "row skipped: {problem}",
    "import.report.count": "{kind:kind} {count}",
    "import.report.nothing": "nothing",
    "import.report.summary": (
        "{rows} rows read: {placed} placed, {merged} merged, {skipped} skipped, {empty} empty; "
        "declarations: {counts}"
    ),
    "import.report.wrote": (
        "wrote {files} files to {directory} ({overwritten} of them overwritten)"
    ),
    "import.report.would-write": "would write {files} files to {directory} (dry run)",
}

CATALOG: Mapping[str, str] = MappingProxyType(_CATALOG)
"""Every message id with its English template."""
