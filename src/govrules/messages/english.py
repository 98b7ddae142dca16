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
    "list": "{items}",
    "verbatim": "{text}",
    # Texts written in several languages by their author; render() picks the language.
    "translated": "{en}",
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
    # --- paths, files and writing ---
    "load.error": "{path}: {reason}",
    "load.missing": "no such file or directory",
    "load.unreadable": "cannot be read",
    "load.not-gov": "not a .gov file (name .gov files or directories)",
    "load.not-file": "not a regular file or directory",
    "load.no-config": "configuration file not found",
    "write.error": "{path}: cannot write: {reason}",
    # --- baselines ---
    "baseline.cannot-read": "cannot read the baseline: {reason}",
    "baseline.not-regular": "not a regular file",
    "baseline.too-large": "the baseline is larger than {mib} MiB",
    "baseline.not-utf8": "the baseline is not UTF-8 text (byte 0x{byte})",
    "baseline.not-json": "the baseline is not valid JSON: {problem}",
    "baseline.too-deep": "the baseline is not valid JSON: nested too deeply",
    "baseline.malformed": "malformed baseline: {where}{problem}",
    "baseline.unknown-key": "unknown key {key:q}{suggestion:suggest}",
    "baseline.missing-key": "missing key {key:q}",
    "baseline.expected-object": "expected an object, got {got}",
    "baseline.expected-json-object": "expected a JSON object, got {got}",
    "baseline.expected-array": "expected an array, got {got}",
    "baseline.expected-identity": "expected a non-empty string",
    "baseline.expected-code": "expected the code that starts the identity ({code:q})",
    "baseline.expected-count": "expected a positive integer, got {got}",
    "baseline.version": "unsupported version {got} (this govrules reads version {version})",
    "baseline.tool": "expected 'govrules', got {got}",
    "baseline.stale.one": (
        "{path}: 1 baseline entry no longer matches a finding ({shown}); "
        "shrink the file with --write-baseline"
    ),
    "baseline.stale.many": (
        "{path}: {count} baseline entries no longer match a finding ({shown}); "
        "shrink the file with --write-baseline"
    ),
    # --- rulesets ---
    "ruleset.no-file": "ruleset file {path:q} does not exist",
    "ruleset.unknown": (
        "unknown ruleset {name:q}{suggestion:suggest} (built-in: {builtin:list}; "
        "or give a path to a .rules file)"
    ),
    "config.rulesets": "rulesets: {problem}",
    # --- notes of a run ---
    "note.excluded": "warning: {path} is left out by the configuration's include/exclude",
    "note.no-cache": "warning: not using the cache: {reason}",
    # --- the command line ---
    "cli.error": "govrules: error: {problem}",
    "cli.warning": "govrules: {note}",
    "cli.internal-error": (
        "govrules: internal error: {kind}: {text}\n"
        "This is a bug in govrules; please report it at {url} "
        "(run again with --debug for the traceback)."
    ),
    "cli.no-gov-files": "govrules: no .gov files found",
    "cache.removed": "removed {path}",
    "cache.none": "no govrules cache at {path}",
    "cache.pruned.one": "removed 1 old file from {path}",
    "cache.pruned.many": "removed {count} old files from {path}",
    "fmt.not-formatted.one": (
        "{name}: not formatted, 1 syntax error; the first at {where}: {code} {problem}"
    ),
    "fmt.not-formatted.many": (
        "{name}: not formatted, {count} syntax errors; the first at {where}: {code} {problem}"
    ),
    "fmt.would-reformat": "would reformat {name}",
    "fmt.reformatted": "reformatted {name}",
    "fmt.line-endings": "{name}: only the line endings would change",
    "fmt.count.would-reformat.one": "1 file would be reformatted",
    "fmt.count.would-reformat.many": "{count} files would be reformatted",
    "fmt.count.reformatted.one": "1 file reformatted",
    "fmt.count.reformatted.many": "{count} files reformatted",
    "fmt.count.already.one": "1 file already formatted",
    "fmt.count.already.many": "{count} files already formatted",
    "fmt.count.unchanged.one": "1 file left unchanged",
    "fmt.count.unchanged.many": "{count} files left unchanged",
    "fmt.count.failed.one": "1 file not formatted (see the errors above)",
    "fmt.count.failed.many": "{count} files not formatted (see the errors above)",
    "ruletest.ok": "{green}ok{reset}   {file}",
    "ruletest.fail": "{red}FAIL{reset} {file}",
    "ruletest.problem": "  ! {problem}",
    "ruletest.missing": "  - expected {code} at line {line}, not reported",
    "ruletest.unexpected": "  + unexpected {code} at line {line}: {problem}",
    "ruletest.checks": "  {dim}(checks: {codes:list}){reset}",
    "ruletest.none": "no fixtures found",
    "ruletest.summary": "{passed} passed, {failed} failed",
    # --- trust: follow-on findings, evaluation budget, look-alike characters, hints ---
    "report.held-back-one": (
        "1 rule finding held back until the model errors are fixed (it may only repeat them)"
    ),
    "report.held-back": (
        "{count} rule findings held back until the model errors are fixed "
        "(they may only repeat them)"
    ),
    # --- HTML report (govrules report) ---
    "report.title": "Governance report",
    "report.meta": "{files} files checked · rules applied as of {as_of} · made on {generated}",
    "report.contents": "Contents",
    "report.summary": "Summary",
    "report.findings": "Findings",
    "report.accepted": "Accepted exceptions",
    "report.structure": "Structure",
    "report.totals": "Errors: {errors} · warnings: {warnings} · infos: {infos}",
    "report.clean": "No findings: the model meets every rule checked.",
    "report.totals-accepted": "({count} accepted as exceptions, listed apart)",
    "report.per-ruleset": "Per ruleset",
    "report.per-organization": "Per organization",
    "report.severity.error": "error",
    "report.severity.warning": "warning",
    "report.severity.info": "info",
    "report.filters": "Filters",
    "report.filter-severity": "Severity",
    "report.filter-ruleset": "Ruleset",
    "report.filter-organization": "Organization",
    "report.all": "all",
    "report.shown": "{shown} of {total} findings shown",
    "report.none-shown": "No finding matches these filters.",
    "report.no-findings": "There are no findings.",
    "report.where": "Where",
    "report.ruleset": "Ruleset",
    "report.organizations": "Concerns",
    "report.excerpt": "Source excerpt",
    "report.facts": "The facts behind it",
    "report.fix": "How to fix it:",
    "report.why": "Why this matters",
    "report.source": "Source:",
    "report.accepted-intro": (
        "These findings were accepted on purpose: by a suppression in the model, "
        "with a reason and possibly an end date, or by the baseline file. "
        "They do not count in the summary."
    ),
    "report.code": "Code",
    "report.finding": "Finding",
    "report.reason": "Reason",
    "report.until": "Until",
    "report.by-baseline": "accepted by the baseline file",
    "report.baseline-reason": "recorded in the baseline as an existing finding",
    "report.expires-soon": "ends within 90 days",
    "report.no-end": "no end date",
    "report.no-accepted": "No finding is accepted as an exception.",
    "report.structure-intro": (
        "Each picture answers one question. A box or line outlined in red carries an error, "
        "in orange a warning; its tooltip names the finding, and a click leads to it."
    ),
    "report.view.all": "The whole structure",
    "report.view.financing": "Who pays whom",
    "report.view.mandates": "Who may decide (mandates)",
    "report.view.supervision": "Who supervises whom",
    "report.view-empty": "The model has nothing of this kind to draw.",
    "report.too-large": (
        "Not drawn: the picture would have at least {count} boxes (more than {limit}), "
        "too many to read. Draw a part with: {command}"
    ),
    "report.no-dot": (
        "Not drawn: Graphviz's dot is not installed (apt-get install graphviz, "
        "brew install graphviz)."
    ),
    "report.dot-failed": "Not drawn: {problem}",
    "report.written": "wrote the report to {path} ({count} findings)",
    # --- building the model (GR2xx, GR301 nested) ---
    "GR201.unknown": "unknown kind {word:q}{suggestion:suggest} (kinds: {choices:list})",
    "GR202.unknown": (
        "unknown attribute {word:q} for {kind:a}{suggestion:suggest} (attributes: {choices:list})"
    ),
    "GR203.needs-value": "{word:q} needs a value: {example}",
    "GR203.expects": "{word:q} expects {expected}; {written:q} is {what}",
    "GR203.target": (
        "a target starts with a comparison (<=, >=, ==, !=, <, >), as in <= 5 days; "
        "{written:q} has none"
    ),
    "GR204.unknown": (
        "{word:q} is not a known value for {attribute:q}{suggestion:suggest} "
        "(choose from: {choices:list})"
    ),
    "GR204.boolean": "{word:q} is yes or no, not {value:q}{suggestion:suggest}",
    "GR205.number": (
        "{text:q} is not a well-formed number: use single '_' between digits, as in 14_500_000"
    ),
    "GR205.whole-number": "{word:q} expects a whole number, not {value}",
    "GR205.no-such-date": "{value} is not a date that exists (year-month-day)",
    "GR205.period": "after the amount only a period may follow: per {periods}{suggestion:suggest}",
    "GR205.unit": "{word:q} is not a unit of time{suggestion:suggest} (use {choices:list})",
    "GR206.one-value": "{word:q} takes one value, but {count} were given",
    "GR206.twice": "{word:q} is given twice in {kind:kind} {name} (first on line {line})",
    "GR206.first": "first {word:q} of {kind:kind} {name}",
    "GR207.needs-identifier": "{kind:a} needs an identifier, as in: {example}",
    "GR207.one-identifier": (
        "{kind:a} has one identifier and an optional label, without commas: {example}"
    ),
    "GR207.identifier-first": (
        "{kind:a} needs an identifier (letters, digits, '_' and '-', not starting with a digit) "
        "before anything else, as in: {example}"
    ),
    "GR207.label-only": (
        "after the identifier of {kind:a} only a label in double quotes may follow on its line, "
        "as in: {example}"
    ),
    "GR208.nested-only": "{kind:a} is declared inside {parent:a}, not on its own",
    "GR208.no-block": (
        "the attribute {word:q} takes no block; only nested kinds ({nested:list}) have one"
    ),
    "GR208.no-block-here": (
        "the attribute {word:q} takes no block; only nested kinds (none here) have one"
    ),
    "GR208.wrong-place": "{kind:a} cannot be declared inside {parent:a}; declare it {place}",
    "GR208.place-inside": "inside {parent:a}",
    "GR208.place-top": "at the top level, outside any block",
    "GR301.nested-twice": (
        "{kind:kind} {name:q} is declared twice in this {parent:kind} (first on line {line})"
    ),
    "GR301.first-nested": "first {kind:kind} {name}",
    "type.reference": "an identifier such as gemeente_oostdal",
    "type.symbol": "one of the allowed words",
    "type.text": 'a text in double quotes, such as "Wgr art. 8"',
    "type.integer": "a whole number such as 120 or 14_500",
    "type.number": "a number such as 120 or 2.5",
    "type.money": "an amount such as EUR 250_000 or EUR 250_000 per year",
    "type.date": "a date such as 2026-12-31",
    "type.duration": "a duration such as 25 years or 6 months",
    "type.target": "a target such as <= 5 days, >= 95 %, == 0 or < EUR 10_000",
    "type.boolean": "yes or no",
    "type.text-or-reference": "a text in double quotes or an identifier",
    "type.naming": "{example} naming {kinds:kinds}",
    "type.one-of": "one of: {symbols:list}",
    "what.several": "several words (separate list values with ',')",
    "what.one-per-line": "several words: put one attribute per line",
    "what.text": "a text",
    "what.number": "a number",
    "what.date": "a date",
    "what.word": "a word",
    "what.comparison": "a comparison",
    "what.percent": "a '%'",
    "what.other": "something else",
    # --- public-law structure (version 2) ---
    "config.expected-date": (
        "{where}expected a date such as 2026-12-31 (a TOML date or a string), got {got}"
    ),
    "config.not-a-date": "{where}{value:q} is not a date that exists (write YYYY-MM-DD)",
    "cli.bad-as-of": "--as-of: {value:q} is not a date (write YYYY-MM-DD, such as 2026-12-31)",
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
    # --- the text report ---
    "text.more.one": "... and 1 more finding",
    "text.more.many": "... and {count} more findings",
    "text.help": "  = help: {fix}",
    "text.note": "  note: {where}: {text}",
    "text.error.one": "1 error",
    "text.error.many": "{count} errors",
    "text.warning.one": "1 warning",
    "text.warning.many": "{count} warnings",
    "text.info.one": "1 info",
    "text.info.many": "{count} infos",
    "text.files.one": "in 1 file",
    "text.files.many": "in {count} files",
    "text.suppressed": " ({count} suppressed)",
    "text.problems": "{problems} {files}{tail}",
    "text.clean": "No problems found {files}{tail}.",
    # --- resolving references (GR301-GR303) ---
    "GR301.twice": (
        "{id:q} is already declared as {kind:kind} {name} on line {line}{where}; "
        "top-level identifiers share one namespace across all files"
    ),
    "GR301.in-file": " in {file}",
    "GR301.first": "first declared here as {kind:kind} {name}",
    "GR302.undeclared": (
        "{word:q} refers to {name:q}, which is not declared {where}{suggestion:suggest}{note}"
    ),
    "GR302.among": "among the {kind:kind}s of {parent}",
    "GR302.anywhere": "anywhere in the model",
    "GR303.wrong-kind": "{word:q} expects {kinds:kinds}; {name:q} is {kind:a}",
    "GR303.declared-here": "{kind:kind} {name} is declared here",
    "rules.title-heading": "TITLE",
    "budget.exceeded": (
        "{where}: rule {code} was stopped: it took more than {steps} steps "
        "(at {subject}); simplify it (nested any/all over a relation grow fast) "
        "or raise evaluation-budget in the configuration"
    ),
    "GR104.bidi": (
        "the invisible control character {char} can show this line in another order than "
        "govrules reads it (Trojan Source); remove it"
    ),
    "GR304.lookalike": (
        "{name:q} looks like {other:q} ({subject} on line {line}) but is another identifier: "
        "it has {differences}; rename one of them"
    ),
    "GR304.other": "{subject} looks the same",
    "suggest.look-alike": " (it has {differences})",
    "char.where-you-wrote": "{has} where you wrote {other}",
    "char.where-the-other-has": "{has} where the other has {other}",
    "char.only": "{char}",
    "char.others": "other characters",
    "config.expected-positive": "{where}expected a whole number above 0, got {got}",
    "config.toml-too-deep-at": (
        "invalid TOML: arrays and inline tables nest more than {limit} levels deep here"
    ),
    "graph.severity.error": "error",
    "graph.severity.warning": "warning",
    "graph.legend.title": "Legend (view: {view})",
    "graph.legend.all-relations": "all relations",
    "graph.legend.kind.organization": "organization",
    "graph.legend.kind.body": "body (organ)",
    "graph.legend.kind.product": "product",
    "graph.legend.kind.dialogue": "dialogue among several",
    "graph.legend.kind.agreement": "agreement among several",
    "graph.legend.frame": "frame: an organization\nwith its bodies",
    "graph.legend.outlined": "{severity}: outlined,",
    "graph.legend.names": "names the finding",
    "graph.legend.relation.financing": "financing: who pays whom",
    "graph.legend.relation.ownership": "owns: who owns the product",
    "graph.legend.relation.supervision": "supervises: who supervises whom",
    "graph.legend.relation.mandates": "mandate: who may decide for whom",
    "graph.legend.relation.dialogues": "dialogue: who talks regularly",
    "graph.legend.relation.agreements": "agreement on results",
    "graph.legend.relation.assignments": "assignment: who commissions whom",
    "graph.legend.relation.contracts": "contract: client to contractor",
    "graph.legend.relation.policies": "policy: who sets it, who executes it",
    "graph.legend.sub-mandate": "sub-mandate (via another)",
    # --- syntax (GR101-GR103) ---
    "GR101.too-many.one": (
        "too many syntax errors: stopped reporting after {limit}; 1 more declaration with "
        "syntax errors from line {line} on was skipped"
    ),
    "GR101.too-many.many": (
        "too many syntax errors: stopped reporting after {limit}; {count} more declarations "
        "with syntax errors from line {line} on were skipped"
    ),
    "GR101.trailing-comma": (
        "a value must follow the ',' before {found}: remove the trailing ',' or add the next value"
    ),
    "GR101.stray-close": "this '}}' closes no block: remove it or add the '{{' it belongs to",
    "GR101.block-on-own-line": (
        "a block must follow a declaration on the same line, as in: product p {{"
    ),
    "GR101.comma": "a ',' must stand between two values",
    "GR101.line-ends": "this line ends where a value was expected",
    "GR101.expected": "expected {expected} here, but found {found}",
    "GR101.never-closed": "this block is never closed: add a '}}' at its end{inside}",
    "GR101.around.one": " (nor is the 1 block around it)",
    "GR101.around.many": " (nor are the {count} blocks around it)",
    "GR101.ends-early": "the file ends in the middle of a declaration",
    "GR102.long-text-open": 'this long text is never closed: end it with """',
    "GR102.text-open": (
        'this text is not closed on its line: end it with " '
        '(use """triple quotes""" for text over several lines)'
    ),
    "GR103.no-place": "the character {char} has no place here{hint}",
    "GR103.hint.dot": (
        " (numbers use '_' to group digits, as in 14_500_000, and '.' only for decimals)"
    ),
    "GR103.hint.thousands": " (group digits with '_', not '.': write {number})",
    "GR103.hint.semicolon": " (put each attribute on a line of its own)",
    "GR103.hint.colon": (
        " (write the attribute name and its value separated by a space: kind municipality)"
    ),
    "GR103.hint.equals": (
        " (write the attribute name and its value separated by a space; comparisons are ==, <=, >=)"
    ),
    "GR103.hint.single-quote": " (texts use double quotes)",
    "GR103.hint.curly-quote": ' (texts use straight double quotes ")',
    "GR103.hint.nul": " (a NUL byte: is this a binary file?)",
    "GR103.hint.date": " (write dates as {date}: year-month-day)",
    "syntax.word.name": "a name",
    "syntax.word.string": "a text in double quotes",
    "syntax.word.long-string": 'a long text in """triple quotes"""',
    "syntax.word.number": "a number",
    "syntax.word.date": "a date",
    "syntax.word.comparison": "a comparison such as <=",
    "syntax.word.percent": "'%'",
    "syntax.word.lbrace": "'{{'",
    "syntax.word.rbrace": "'}}'",
    "syntax.word.comma": "','",
    "syntax.word.end-of-line": "the end of the line",
    "syntax.word.end-of-file": "the end of the file",
    "syntax.word.other": "something else",
    "syntax.either": "{first} or {last}",
    "syntax.found": "{what} {value:q}",
    "syntax.found-token": "{value:q}",
    # --- built-in rules in Dutch ---
    "sarif.fix": "Fix: {fix}",
    "explain.meta": "severity: {severity}    ruleset: {ruleset}",
    "explain.source": "source: {source}",
    "explain.params": "parameters: {params}  (set in [tool.govrules.params] {code}.<name>)",
    "explain.why": "Why",
    "explain.fails": "Fails",
    "explain.passes": "Passes",
    "explain.fix": "Fix",
    "explain.for-example": "(for the failing example)",
    "explain.suppress": (
        "Suppress an accepted case on the declaration's line or the line above:\n"
        "    # govrules: ignore[{code}] -- <why this is accepted>"
    ),
    "finding.related": "{kind:kind} {name}",
}

CATALOG: Mapping[str, str] = MappingProxyType(_CATALOG)
"""Every message id with its English template."""
