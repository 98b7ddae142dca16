"""Fuzz the whole govrules pipeline with generated and mutated models.

Every case is a file's bytes (or, for the library only, a Python string that
no file can hold, such as one with a lone surrogate). A case is either written
from the vocabulary (``govrules.vocabulary.KINDS``: kinds, attributes, values
of the right and the wrong type, nesting, labels, comments, suppressions,
random layout and line endings) or one of ``examples/*/*/*.gov`` mutated at
the level of lines, characters and bytes.

Invariants checked for each case:

- library: no exception escapes ``load``/``loads``, ``lint``, the five output
  formats, ``format`` or graph rendering (dot and Mermaid, with findings, with a
  focus); every finding and related location lies inside its file (1 <= line
  <= number of lines, 1 <= column <= length of that line + 1, the end not
  before the start); no finding is reported twice; a GR401 names exactly the
  first invalid byte, at its line and column; JSON and SARIF parse, JUnit is
  XML;
- formatter: it refuses exactly the texts with syntax errors (GR101-GR103);
  otherwise its output is LF-only, has the same findings (code, subject,
  suppressed or not) as the input and formats to itself;
- command line (every ``--cli-every``-th case): ``lint`` in JSON and quiet text,
  ``fmt --check``, ``fmt`` and ``graph`` exit 0 or 1 (never 2) with no
  traceback or "internal error"; the JSON parses and agrees with the library;
  ``--quiet`` prints one line per finding (and continuation lines);
  ``fmt --check`` writes nothing; ``fmt`` leaves a file it refuses byte for
  byte intact, its output passes ``fmt --check``, and no temporary file stays.

Problems that come from a known, reported bug (:data:`KNOWN_BUGS`) are
counted apart: each such bug has a strict xfail test in ``tests/hostile/``.

Each case has a time limit (a hang counts as a failure). Failures are printed
and their input saved under ``benchmarks/out/fuzz-failures/``.

Usage::

    python benchmarks/fuzz.py --cases 50000 [--seed N] [--jobs 2] [--cli-every 10]

The same seed gives the same cases; ``--only INDEX`` replays one of them.
The test suite runs a bounded number of cases through the same functions
(``tests/hostile/test_fuzz.py``).
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import json
import os
import random
import re
import signal
import sys
import tempfile
import threading
import time
import traceback
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import attrs

ROOT = Path(__file__).resolve().parents[1]
try:
    import govrules
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT / "src"))
    import govrules
from govrules.errors import GovrulesError  # noqa: E402
from govrules.loader import load, loads  # noqa: E402
from govrules.model.values import ValueType  # noqa: E402
from govrules.report import FORMATS, RenderOptions, render  # noqa: E402
from govrules.vocabulary import KINDS, TOP_LEVEL_KINDS  # noqa: E402

try:
    from govrules.fmt import FormatError, format_text
except ImportError:  # the formatter has not landed: its checks are skipped
    format_text = None  # type: ignore[assignment]
    FormatError = GovrulesError  # type: ignore[assignment,misc]
try:
    from govrules import graph as graph_module
except ImportError:  # the graph command has not landed
    graph_module = None  # type: ignore[assignment]

EXAMPLES = sorted(ROOT.glob("examples/*/*/*.gov"))
OUT = ROOT / "benchmarks" / "out" / "fuzz-failures"
SYNTAX_CODES = frozenset({"GR101", "GR102", "GR103"})
CASE_TIMEOUT = 10.0
"""Seconds one case may take before it counts as a hang."""

TRACEBACK_MARKERS = ("Traceback (most recent call last)", "internal error")
HEADLINE = re.compile(r"^.+:\d+:\d+: [A-Z]+[0-9]+ (error|warning|info) ")


# --- cases ---------------------------------------------------------------------


@dataclass
class Case:
    """One input: where it came from and its content."""

    index: int
    label: str
    data: bytes | str
    """Bytes go through files (library and CLI); a string only through ``loads``."""
    siblings: dict[str, bytes] = field(default_factory=dict)
    """The other files of the model (an example's unchanged neighbours), by name."""

    @property
    def text(self) -> str | None:
        """The text the loader sees, or None when the bytes are not UTF-8."""
        if isinstance(self.data, str):
            return self.data
        try:
            return self.data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return None


def make_case(seed: int, index: int) -> Case:
    """Case ``index`` of the campaign ``seed``: the same numbers always give the same case."""
    rng = random.Random(f"{seed}:{index}")
    siblings: dict[str, bytes] = {}
    if index % 2 == 0:
        text = generate(rng)
        label = "generated"
    else:
        example = EXAMPLES[(index // 2) % len(EXAMPLES)]
        text = example.read_text(encoding="utf-8")
        text = mutate_text(rng, text)
        label = "mutated-" + "-".join(example.parts[-3:-1]) + "-" + example.stem
        if rng.random() < 0.5:  # with the rest of its model: references cross files
            siblings = {
                p.name: p.read_bytes() for p in example.parent.glob("*.gov") if p != example
            }
    if rng.random() < 0.04:
        # A string no file can hold: a lone surrogate, for the library only.
        at = rng.randint(0, len(text))
        return Case(index, label + "-surrogate", text[:at] + "\ud800" + text[at:])
    data = encode(rng, text)
    if rng.random() < 0.25:
        data = mutate_bytes(rng, data)
    return Case(index, label, data, siblings)


# --- generation from the vocabulary ------------------------------------------------

IDENTIFIERS = [
    "gemeente",
    "werkorganisatie",
    "gem_a",
    "gem-b",
    "x",
    "p2",
    "gemeente_súdwest-fryslân",
    "ĳsbaan",
    "raad",
    "bijdrage",
    "_underscore",
    "Ωmega",
    "名前",
]
BAD_IDENTIFIERS = ["9lives", '"quoted"', "-dash", "a.b", "", "{", "EUR", "2026-01-01", "x" * 300]
LABELS = [
    '"Label"',
    '""',
    '"Gemeente \\"Oost\\" \\\\ dal"',
    '"Súdwest-Fryslân"',
    '"a # not a comment"',
    '"{p} {{7*7}} ${x}"',
    '"emoji 🏛️ and \u200b zero width"',
    '"\u202eRTL override"',
    '"""long label"""',
]
TEXTS = [
    '"Wgr art. 8"',
    '"text with \\"escapes\\""',
    '""',
    '"""short"""',
    '"""\n    Two lines\n    of text.\n  """',
    '"""\n\n   blank lines around\n\n"""',
    '"unterminated',
    '"""never closed',
    '"tab\there"',
    '"e\u0301\u0308 combining"',
]
COMMENTS = [
    "#",
    "# a note",
    "#no space",
    "# ünïcode, tabs\tand # hashes",
    '# looks like code: product p { owner "x" }',
    "# govrules: ignore[OWN001] -- accepted for now",
    "# govrules: ignore[SUP001,OWN002] until 2030-01-01 -- transition",
    "# govrules: ignore[OWN001] until 2001-01-01 -- expired",
    "# govrules: ignore[OWN001]",
    "# govrules: ignore[GR302] -- a model code",
    "# govrules: ignore[NOPE999] -- unknown",
    "# govrules: ignore[] -- empty",
    "# govrules: ignore[OWN001 -- unclosed",
    "# govrules: ignore[OWN001] until 2026-02-30 -- no such date",
]
UNKNOWN_WORDS = ["organisation", "prodcut", "owners", "kind_", "Product", "foo", "for", "each"]


def _values_of(rng: random.Random, vtype: ValueType, symbols: Sequence[str]) -> str:
    """One value of ``vtype``, usually right, sometimes subtly wrong."""
    pick = rng.choice
    if vtype is ValueType.REFERENCE:
        return pick(IDENTIFIERS) if rng.random() < 0.9 else pick(BAD_IDENTIFIERS)
    if vtype is ValueType.SYMBOL:
        if symbols and rng.random() < 0.85:
            return pick(symbols)
        return pick([*UNKNOWN_WORDS, (symbols[0][:-1] if symbols else "x"), "yes"])
    if vtype is ValueType.TEXT:
        return pick(TEXTS + LABELS)
    if vtype is ValueType.INTEGER:
        return pick(["120", "14_500", "0", "1_", "007", "99999999999999999999999", "2.5", "-3"])
    if vtype is ValueType.NUMBER:
        return pick(["2.5", "120", "0.000", "1_000.5", "1.", ".5"])
    if vtype is ValueType.MONEY:
        return pick(
            [
                "EUR 1_200_000",
                "EUR 250_000 per year",
                "EUR 5 per month",
                "EUR 1 per quarter",
                "USD 5",
                "EUR",
                "EUR 5 per decade",
                "EUR 5 per",
                "5 EUR",
                "eur 5",
            ]
        )
    if vtype is ValueType.DATE:
        return pick(["2026-12-31", "2026-02-30", "2026-13-01", "0000-01-01", "2026-1-1"])
    if vtype is ValueType.DURATION:
        return pick(["25 years", "6 months", "1 year", "3 days", "5 fortnights", "years", "2"])
    if vtype is ValueType.TARGET:
        return pick(
            ["<= 5 days", ">= 95 %", "== 0", "< EUR 10_000", "<=", "!= 3", "> 2 years", "95 %"]
        )
    if vtype is ValueType.BOOLEAN:
        return pick(["yes", "no", "maybe", '"yes"', "1"])
    return pick(IDENTIFIERS + TEXTS[:3])


def _value(rng: random.Random, attr: Any) -> str:
    """The values of one attribute line: a list for many-valued attributes."""
    vtype = attr.type
    if rng.random() < 0.1:  # a value of some other type
        vtype = rng.choice(list(ValueType))
    count = rng.randint(1, 4) if attr.many else (1 if rng.random() < 0.93 else 2)
    values = [_values_of(rng, vtype, attr.symbols) for _ in range(count)]
    seps = [rng.choice([", ", ",", " , ", ",\n    ", ", # comment\n  "]) for _ in values[1:]]
    out = values[0]
    for sep, value in zip(seps, values[1:], strict=True):
        out += sep + value
    if rng.random() < 0.03:
        out += ","  # a trailing comma
    return out


class _Writer:
    """Writes a random model as lines, with random layout."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.lines: list[str] = []
        self.indent_unit = rng.choice(["  ", "    ", "\t", " ", "  \t"])

    def comment(self, depth: int) -> None:
        if self.rng.random() < 0.15:
            self.lines.append(self.indent_unit * depth + self.rng.choice(COMMENTS))
        if self.rng.random() < 0.1:
            self.lines.append("")

    def eol(self) -> str:
        return "  " + self.rng.choice(COMMENTS) if self.rng.random() < 0.1 else ""

    def declaration(self, kind: str, depth: int) -> None:
        rng = self.rng
        spec = KINDS.get(kind)
        self.comment(depth)
        ident = rng.choice(IDENTIFIERS) if rng.random() < 0.95 else rng.choice(BAD_IDENTIFIERS)
        head = f"{kind} {ident}"
        if rng.random() < 0.5:
            head += " " + rng.choice(LABELS)
        if spec is None or rng.random() < 0.25:
            self.lines.append(self.indent_unit * depth + head + self.eol())
            return
        statements = rng.randint(0, 6)
        if statements and rng.random() < 0.1:  # a block on one line
            attrs = list(spec.attributes.values())
            if attrs:
                attr = rng.choice(attrs)
                one = f"{attr.name} {_value(rng, attr)}".replace("\n", " ")
                self.lines.append(self.indent_unit * depth + head + " { " + one + " }")
                return
        self.lines.append(self.indent_unit * depth + head + " {" + self.eol())
        for _ in range(statements):
            self.statement(spec, depth + 1)
        if rng.random() > 0.02:  # sometimes never closed
            self.lines.append(self.indent_unit * depth + "}" + self.eol())

    def statement(self, spec: Any, depth: int) -> None:
        rng = self.rng
        roll = rng.random()
        nested = list(spec.nested)
        if nested and roll < 0.2 and depth < 4:
            self.declaration(rng.choice(nested), depth)
            return
        if roll < 0.24 and depth < 4:  # a kind where it does not belong
            self.declaration(rng.choice([*TOP_LEVEL_KINDS, "result", "participant"]), depth)
            return
        self.comment(depth)
        attrs = list(spec.attributes.values())
        if not attrs or roll > 0.95:
            word = rng.choice(UNKNOWN_WORDS)
            self.lines.append(self.indent_unit * depth + f"{word} {rng.choice(IDENTIFIERS)}")
            return
        attr = rng.choice(attrs)
        value = _value(rng, attr)
        indent = self.indent_unit * depth
        self.lines.append(indent + f"{attr.name} {value}".replace("\n", "\n" + indent) + self.eol())


def generate(rng: random.Random) -> str:
    """A .gov-looking text written from the vocabulary: mostly right, sometimes wrong."""
    writer = _Writer(rng)
    for _ in range(rng.randint(0, 12)):
        roll = rng.random()
        if roll < 0.9:
            kind = rng.choice(TOP_LEVEL_KINDS)
        elif roll < 0.95:
            kind = rng.choice(UNKNOWN_WORDS)
        else:
            kind = rng.choice([k for k in KINDS if KINDS[k].is_nested])
        writer.declaration(kind, 0)
    text = "\n".join(writer.lines)
    if rng.random() < 0.9:
        text += "\n"
    return text


# --- mutation ----------------------------------------------------------------

INJECTIONS = [
    "\x00",
    "{",
    "}",
    "{{",
    "}}",
    '"',
    '"""',
    "\\",
    ",",
    "#",
    "\t",
    "\r",
    "\r\n",
    "\n",
    "\ufeff",  # a byte-order mark in the middle
    "\u200b",  # zero-width space
    "\u200d",  # zero-width joiner
    "\u200f",  # right-to-left mark
    "\u202e",  # right-to-left override
    "\u2067",  # right-to-left isolate
    "\u0301",  # combining acute accent
    "e\u0308\u0323",
    "🏛️",
    "👩‍👩‍👧",
    "\u2028",  # line separator
    "\u2029",  # paragraph separator
    "\x0c",
    "\x0b",
    "\x85",  # next line (C1)
    "\x1b[31m",  # an ANSI escape
    "\uff10",  # fullwidth digit zero
    "а",  # Cyrillic a, looks like a Latin a
    "ﬁ",
    "\U0001d400",
    "\ufffd",
    "\uffff",
    "%",
    "<=",
    ";",
    ":",
    "=",
    "'",
    "\u201c",
    " per year",
    "EUR ",
    "_",
    "-",
    "9",
    "2026-02-30",
    "# govrules: ignore[OWN001] -- x",
]
BYTE_INJECTIONS = [
    b"\xed\xa0\x80",  # a UTF-16 surrogate encoded as UTF-8: invalid
    b"\xff",
    b"\xfe",
    b"\xc3",  # a truncated two-byte sequence
    b"\xc0\xaf",  # an overlong encoding
    b"\xf4\x90\x80\x80",  # beyond U+10FFFF
    b"\x80",
    b"\xef\xbb\xbf",  # a byte-order mark in the middle
    b"\x00",
]


def _line_op(rng: random.Random, lines: list[str]) -> None:
    if not lines:
        lines.append(rng.choice(INJECTIONS))
        return
    i = rng.randrange(len(lines))
    op = rng.choice(["delete", "duplicate", "swap", "truncate", "move", "indent"])
    if op == "delete":
        del lines[i]
    elif op == "duplicate":
        lines.insert(i, lines[i])
    elif op == "swap":
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    elif op == "truncate":
        lines[i] = lines[i][: rng.randint(0, len(lines[i]))]
    elif op == "move":
        lines.insert(rng.randint(0, len(lines) - 1), lines.pop(i))
    else:
        lines[i] = rng.choice(["\t", "    ", "", " \t "]) + lines[i].lstrip()


def _char_op(rng: random.Random, text: str) -> str:
    at = rng.randint(0, len(text))
    op = rng.choice(["delete", "duplicate", "swap", "inject", "inject", "inject", "truncate"])
    if op == "delete" and text:
        end = min(len(text), at + rng.choice([1, 1, 2, 5, 20]))
        return text[:at] + text[end:]
    if op == "duplicate" and text:
        end = min(len(text), at + rng.choice([1, 3, 10, 40]))
        return text[:end] + text[at:end] + text[end:]
    if op == "swap" and len(text) > 1:
        at = min(at, len(text) - 2)
        return text[:at] + text[at + 1] + text[at] + text[at + 2 :]
    if op == "truncate":
        return text[:at]
    return text[:at] + rng.choice(INJECTIONS) + text[at:]


def mutate_text(rng: random.Random, text: str) -> str:
    """``text`` with one to six random edits of lines and characters."""
    for _ in range(rng.randint(1, 6)):
        if rng.random() < 0.45:
            lines = text.split("\n")
            _line_op(rng, lines)
            text = "\n".join(lines)
        else:
            text = _char_op(rng, text)
    return text


def encode(rng: random.Random, text: str) -> bytes:
    """``text`` as a file: UTF-8 with LF, CRLF, CR or mixed line endings, maybe a BOM."""
    roll = rng.random()
    if roll < 0.12:
        text = text.replace("\n", "\r\n")
    elif roll < 0.2:
        text = text.replace("\n", "\r")
    elif roll < 0.26:
        text = "".join(ch if ch != "\n" else rng.choice(["\n", "\r\n", "\r"]) for ch in text)
    data = text.encode("utf-8", "surrogatepass")
    if rng.random() < 0.08:
        data = b"\xef\xbb\xbf" + data
    return data


def mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    """Damage at the byte level: invalid UTF-8, other encodings, a BOM where it is not one."""
    roll = rng.random()
    if roll < 0.08:
        text = data.decode("utf-8", "replace")
        return text.encode(rng.choice(["utf-16", "utf-16-le", "utf-16-be", "utf-32"]))
    if roll < 0.12:
        return data.decode("utf-8", "replace").encode("latin-1", "replace")
    if roll < 0.16 and data:
        at = rng.randint(0, len(data))
        return data[:at]  # cut, maybe in the middle of a character
    for _ in range(rng.randint(1, 3)):
        at = rng.randint(0, len(data))
        data = data[:at] + rng.choice(BYTE_INJECTIONS) + data[at:]
    return data


# --- invariants ------------------------------------------------------------


class Hang(Exception):
    """A case ran past its time limit."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`Hang` after ``seconds`` (main thread only; elsewhere no limit)."""
    if threading.current_thread() is not threading.main_thread() or seconds <= 0:
        yield
        return

    def on_alarm(signum: int, frame: Any) -> None:
        raise Hang(f"no result after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def file_lines(data: bytes | str) -> list[str]:
    """The lines of a file as the loader counts them (at LF, CRLF and CR), BOM dropped."""
    text = data if isinstance(data, str) else data.decode("utf-8", "replace")
    if isinstance(data, bytes) and text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def position_problems(what: str, loc: Any, lines: Sequence[str]) -> list[str]:
    """Why ``loc`` is not a position inside a file of ``lines`` (empty when it is)."""
    out = []
    where = f"{what} at {loc.line}:{loc.column}"
    if not 1 <= loc.line <= len(lines):
        out.append(f"{where}: line outside 1..{len(lines)}")
    elif not 1 <= loc.column <= len(lines[loc.line - 1]) + 1:
        out.append(f"{where}: column outside 1..{len(lines[loc.line - 1]) + 1}")
    end_line = getattr(loc, "end_line", loc.line)
    end_column = getattr(loc, "end_column", loc.column)
    if (end_line, end_column) < (loc.line, loc.column):
        out.append(f"{where}: ends before it starts ({end_line}:{end_column})")
    return out


def invalid_utf8_position(data: bytes) -> tuple[int, int, int] | None:
    """Where a file stops being UTF-8: (byte offset, line, column), or None when it is UTF-8.

    Computed independently of the loader: lines break at LF, CRLF and CR, the
    byte offset counts from the start of the file (a byte-order mark included),
    and the column counts characters, each invalid byte sequence as one.
    """
    skip = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    try:
        data[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = skip + exc.start
    else:
        return None
    before = data[skip:offset].decode("utf-8", "replace")
    lines = before.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return offset, len(lines), len(lines[-1]) + 1


def gr401_problems(finding: Any, data: bytes) -> list[str]:
    """Why a GR401 finding does not name the first invalid byte exactly."""
    where = invalid_utf8_position(data)
    if where is None:
        return [f"GR401 for a file that is valid UTF-8: {finding.message}"]
    offset, line, column = where
    loc = finding.location
    expected = f"byte 0x{data[offset]:02X} at line {line}, byte offset {offset}"
    out = []
    if expected not in finding.message:
        out.append(f"GR401 names the wrong byte: {finding.message!r}, expected {expected!r}")
    if (loc.line, loc.column) != (line, column):
        out.append(f"GR401 at {loc.line}:{loc.column}, expected {line}:{column}")
    return out


def finding_key(finding: Any) -> tuple[str, str | None, bool]:
    """What a finding is, apart from where: code, subject, suppressed or not."""
    return (finding.code, finding.subject, finding.suppressed is not None)


KNOWN_BUGS: dict[str, Callable[[Case, str], bool]] = {}
"""Bugs reported and not yet fixed: id -> does this problem of this case come from it.

A problem matched here is counted apart and does not fail the bounded run;
each has a strict xfail test that reproduces it (see tests/hostile/), which
starts to fail when the bug is fixed, as a reminder to remove its entry.
"""


def known_bug(case: Case, problem: str) -> str | None:
    """The id of the known bug behind ``problem``, if any."""
    return next((bug for bug, matches in KNOWN_BUGS.items() if matches(case, problem)), None)


@dataclass
class Outcome:
    """What one case did: its problems (empty when every invariant held) and some counts."""

    problems: list[str] = field(default_factory=list)
    known: list[tuple[str, str]] = field(default_factory=list)
    """Problems that come from known bugs: (bug id, problem)."""
    findings: int = 0
    formatted: bool = False
    refused: bool = False
    cli: bool = False
    seconds: float = 0.0


def _write_model(case: Case, directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "model.gov"
    assert isinstance(case.data, bytes)
    path.write_bytes(case.data)
    for name, data in case.siblings.items():
        (directory / name).write_bytes(data)
    return path


def _file_data(case: Case, directory: Path) -> dict[str, bytes | str]:
    """Each file of the case by the name findings use for it."""
    files: dict[str, bytes | str] = {str(directory / name): d for name, d in case.siblings.items()}
    files[str(directory / "model.gov")] = case.data
    return files


def check_library(case: Case, workdir: Path, rng: random.Random, outcome: Outcome) -> None:
    """Load, lint, render, format and draw the case through the library."""
    if isinstance(case.data, str):
        name = "model.gov"
        model = loads(case.data, name)
        files: dict[str, bytes | str] = {name: case.data}
    else:
        directory = workdir / "lib"
        name = str(_write_model(case, directory))
        model = load([str(directory)])
        files = _file_data(case, directory)
    lines = {file: file_lines(data) for file, data in files.items()}
    report = govrules.lint(model)
    outcome.findings = len(report.findings)
    repeated = collections.Counter((f.code, f.location, f.message) for f in report.findings)
    for (code, loc, message), count in repeated.items():
        if count > 1:
            outcome.problems.append(
                f"duplicate finding {code} at {loc.line}:{loc.column} ({count} times): {message}"
            )
    for f in report.findings:
        if f.location.file in lines:
            outcome.problems += position_problems(f.code, f.location, lines[f.location.file])
        if f.code == "GR401" and isinstance(files.get(f.location.file), bytes):
            outcome.problems += gr401_problems(f, files[f.location.file])  # type: ignore[arg-type]
        for related in f.related:
            if related.location.file in lines:
                outcome.problems += position_problems(
                    f"{f.code} related", related.location, lines[related.location.file]
                )
    _check_renderings(report, model, rng, outcome)
    text = case.text
    if text is not None and format_text is not None:
        _check_format(text, name, outcome)
    if graph_module is not None:
        _check_graph(model, report, rng)


def _check_renderings(report: Any, model: Any, rng: random.Random, outcome: Outcome) -> None:
    for fmt in FORMATS:
        options = RenderOptions(
            color=rng.random() < 0.5, quiet=rng.random() < 0.5, tool_version="fuzz"
        )
        out = render(attrs.evolve(report, sources=model.sources), fmt, options)
        if fmt in ("json", "sarif"):
            try:
                json.loads(out)
            except ValueError as exc:
                outcome.problems.append(f"{fmt} output does not parse: {exc}")
        elif fmt == "junit":
            try:
                ET.fromstring(out.encode("utf-8"))  # noqa: S314 -- our own output
            except (ET.ParseError, UnicodeEncodeError) as exc:
                outcome.problems.append(f"junit output is not XML: {exc}")
        try:
            out.encode("utf-8")
        except UnicodeEncodeError as exc:
            outcome.problems.append(f"{fmt} output cannot be written as UTF-8: {exc}")


def _check_format(text: str, name: str, outcome: Outcome) -> None:
    report = govrules.lint(loads(text, name))  # the file alone, as the formatter sees it
    syntax = any(f.code in SYNTAX_CODES for f in report.findings)
    try:
        out = format_text(text, name)
    except FormatError:
        outcome.refused = True
        if not syntax:
            outcome.problems.append("fmt refused a text without syntax errors")
        return
    outcome.formatted = True
    if syntax:
        outcome.problems.append("fmt formatted a text with syntax errors")
        return
    if "\r" in out or out.startswith("\ufeff"):
        outcome.problems.append("fmt output has CR line endings or a byte-order mark")
    before = collections.Counter(finding_key(f) for f in report.findings)
    after_report = govrules.lint(loads(out, name))
    after = collections.Counter(finding_key(f) for f in after_report.findings)
    if before != after:
        lost = before - after
        gained = after - before
        outcome.problems.append(
            f"fmt changed the findings: lost {dict(lost)}, gained {dict(gained)}"
        )
    again = format_text(out, name)
    if again != out:
        outcome.problems.append("fmt is not idempotent: formatting its output changes it")


def _check_graph(model: Any, report: Any, rng: random.Random) -> None:
    g = graph_module.build_graph(model)
    graph_module.to_dot(g)
    graph_module.to_mermaid(g)
    marked = graph_module.build_graph(model, findings=report.findings)
    graph_module.to_dot(marked)
    graph_module.to_mermaid(marked)
    names = sorted(model.namespace)
    if names:
        focus = rng.choice(names)
        views = rng.sample(sorted(graph_module.RELATIONS), rng.randint(0, 3))
        with contextlib.suppress(GovrulesError):  # a focus not in the picture is an error
            focused = graph_module.build_graph(
                model, views=views, focus=focus, depth=rng.randint(0, 3)
            )
            graph_module.to_dot(focused)
            graph_module.to_mermaid(focused)


def invoke(args: Sequence[str]) -> Any:
    """Run ``govrules ARGS`` in this process with click's test runner."""
    from click.testing import CliRunner

    from govrules.cli import cli

    return CliRunner().invoke(cli, list(args), catch_exceptions=True)


def cli_problems(what: str, result: Any, allowed: Sequence[int]) -> list[str]:
    """Why a command's result breaks the rules: an exception, a traceback, a wrong exit code."""
    out = []
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        out.append(
            f"{what}: exception {type(result.exception).__name__}: {result.exception}\n"
            + "".join(traceback.format_exception(result.exception))
        )
    if result.exit_code not in allowed:
        out.append(f"{what}: exit {result.exit_code}: {result.output[-2000:]}")
    for marker in TRACEBACK_MARKERS:
        if marker in result.output:
            out.append(f"{what}: output has {marker!r}: {result.output[-2000:]}")
    return out


def _check_lint_json(case: Case, directory: Path, outcome: Outcome) -> None:
    problems = outcome.problems
    result = invoke(["lint", "--format", "json", "--no-cache", str(directory)])
    problems += cli_problems("lint --format json", result, (0, 1))
    try:
        document = json.loads(result.stdout)
    except ValueError as exc:
        problems.append(f"lint --format json: output does not parse: {exc}")
        return
    found = document["findings"]
    files = _file_data(case, directory)
    if document["summary"]["files"] != len(files):
        problems.append(f"lint --format json: summary counts {document['summary']['files']} files")
    if len(found) != outcome.findings:
        problems.append(
            f"lint --format json: {len(found)} findings, the library found {outcome.findings}"
        )
    for f in found:
        if f["file"] in files:
            loc = argparse.Namespace(
                line=f["line"],
                column=f["column"],
                end_line=f["end_line"],
                end_column=f["end_column"],
            )
            problems += position_problems(f"json {f['code']}", loc, file_lines(files[f["file"]]))
    failing = any(f["severity"] == "error" and f["suppressed"] is None for f in found)
    if result.exit_code != (1 if failing else 0):
        problems.append(f"lint --format json: exit {result.exit_code} with failing={failing}")
    active = sum(1 for f in found if f["suppressed"] is None)

    result = invoke(["lint", "--quiet", "--no-color", "--no-cache", str(directory)])
    problems += cli_problems("lint --quiet", result, (0, 1))
    listed = result.stdout.splitlines()
    heads = [line for line in listed if not line.startswith("    ")]
    if any(not HEADLINE.match(line) for line in heads) or len(heads) != active:
        problems.append(f"lint --quiet: {len(heads)} finding lines for {active} findings")


def check_cli(case: Case, workdir: Path, outcome: Outcome) -> None:
    """Run lint, fmt and graph on the case's files through the command line (CliRunner)."""
    outcome.cli = True
    directory = workdir / "cli"
    path = _write_model(case, directory)
    problems = outcome.problems
    names = sorted(p.name for p in directory.iterdir())
    _check_lint_json(case, directory, outcome)

    result = invoke(["fmt", "--check", str(path)])
    problems += cli_problems("fmt --check", result, (0, 1))
    if path.read_bytes() != case.data:
        problems.append("fmt --check changed the file")

    result = invoke(["fmt", str(path)])
    problems += cli_problems("fmt", result, (0, 1))
    if result.exit_code == 1 and path.read_bytes() != case.data:
        problems.append("fmt refused the file but changed it")
    if result.exit_code == 0:
        check = invoke(["fmt", "--check", str(path)])
        if check.exit_code != 0:
            problems.append(f"fmt output is not stable: fmt --check exits {check.exit_code}")
    after = sorted(p.name for p in directory.iterdir())
    if after != names:
        problems.append(f"fmt left files behind: {sorted(set(after) - set(names))}")
    path.write_bytes(case.data)  # type: ignore[arg-type]

    for fmt in ("dot", "mermaid"):
        result = invoke(["graph", "--format", fmt, str(directory)])
        # A file that cannot be read (GR4xx) is named and exits 1; anything else draws, exit 0.
        problems += cli_problems(f"graph --format {fmt}", result, (0, 1))
        if result.exit_code == 1 and " GR4" not in result.stderr:
            problems.append(f"graph --format {fmt} exits 1 without naming an unreadable file")


def run_case(case: Case, workdir: Path, *, cli: bool, timeout: float = CASE_TIMEOUT) -> Outcome:
    """Check every invariant on one case; never raises (a crash or hang is a problem)."""
    outcome = Outcome()
    rng = random.Random(case.index)
    start = time.perf_counter()
    try:
        with time_limit(timeout):
            check_library(case, workdir, rng, outcome)
            if cli and isinstance(case.data, bytes):
                check_cli(case, workdir, outcome)
    except Hang as exc:
        outcome.problems.append(f"hang: {exc}")
    except Exception as exc:
        outcome.problems.append(
            f"exception {type(exc).__name__}: {exc}\n" + "".join(traceback.format_exception(exc))
        )
    outcome.seconds = time.perf_counter() - start
    unknown = []
    for problem in outcome.problems:
        bug = known_bug(case, problem)
        if bug is None:
            unknown.append(problem)
        else:
            outcome.known.append((bug, problem))
    outcome.problems = unknown
    return outcome


def save_failure(case: Case, outcome: Outcome, seed: int, out: Path = OUT) -> Path:
    """Write the failing input and its problems under ``out``; returns the input's path."""
    out.mkdir(parents=True, exist_ok=True)
    stem = f"seed{seed}-case{case.index}-{case.label}"
    data = case.data if isinstance(case.data, bytes) else case.data.encode("utf-8", "surrogatepass")
    path = out / (stem + ".gov")
    path.write_bytes(data)
    problems = outcome.problems or [f"known bug {bug}: {p}" for bug, p in outcome.known]
    (out / (stem + ".txt")).write_text("\n".join(problems) + "\n", encoding="utf-8")
    return path


# --- the campaign ------------------------------------------------------------------


def _work(job: tuple[int, Sequence[int], int, float]) -> list[tuple[int, Outcome]]:
    seed, indices, cli_every, timeout = job
    results = []
    with tempfile.TemporaryDirectory(prefix="govrules-fuzz-") as tmp:
        for index in indices:
            case = make_case(seed, index)
            workdir = Path(tmp) / str(index)
            workdir.mkdir()
            cli = cli_every > 0 and index % cli_every == 0
            results.append((index, run_case(case, workdir, cli=cli, timeout=timeout)))
    return results


def campaign(
    seed: int,
    indices: Sequence[int],
    *,
    jobs: int,
    cli_every: int,
    timeout: float,
    report: Callable[[str], None] = print,
) -> int:
    """Run the cases, print progress, counts and failures; returns the number of failures.

    Cases that fail only through a known bug are counted per bug, and the first
    of each is saved, but they do not count as failures.
    """
    chunks = [list(indices[i : i + 200]) for i in range(0, len(indices), 200)]
    work = [(seed, chunk, cli_every, timeout) for chunk in chunks]
    counts: collections.Counter[str] = collections.Counter()
    known: collections.Counter[str] = collections.Counter()
    slowest: list[tuple[float, int]] = []
    failures = 0
    started = time.perf_counter()
    if jobs > 1:
        import multiprocessing

        pool = multiprocessing.get_context("fork").Pool(jobs)
        batches: Any = pool.imap_unordered(_work, work)
    else:
        pool = None
        batches = map(_work, work)
    try:
        for batch in batches:
            for index, outcome in batch:
                counts["cases"] += 1
                counts["through the CLI too"] += outcome.cli
                counts["formatted"] += outcome.formatted
                counts["fmt refused (syntax errors)"] += outcome.refused
                counts["findings"] += outcome.findings
                slowest.append((outcome.seconds, index))
                for bug in sorted({bug for bug, _p in outcome.known}):
                    known[bug] += 1
                    if known[bug] == 1:
                        saved = save_failure(make_case(seed, index), outcome, seed)
                        report(f"known bug {bug} in case {index}, input saved to {saved}")
                if outcome.problems:
                    failures += 1
                    case = make_case(seed, index)
                    saved = save_failure(case, outcome, seed)
                    report(f"FAIL case {index} ({case.label}), input saved to {saved}:")
                    for problem in outcome.problems:
                        report("  " + problem.replace("\n", "\n  "))
            elapsed = time.perf_counter() - started
            report(
                f"... {counts['cases']}/{len(indices)} cases, {failures} failing, {elapsed:.0f} s"
            )
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    elapsed = time.perf_counter() - started
    slowest.sort(reverse=True)
    report("")
    report(f"seed {seed}: {counts['cases']} cases in {elapsed:.1f} s with {jobs} job(s)")
    for key in ("through the CLI too", "formatted", "fmt refused (syntax errors)", "findings"):
        report(f"  {key}: {counts[key]}")
    for bug, count in sorted(known.items()):
        report(f"  cases hitting known bug {bug}: {count}")
    report(f"  failing cases (new problems): {failures}")
    report("  slowest cases: " + ", ".join(f"#{i} {s:.2f} s" for s, i in slowest[:5]))
    return failures


def main(argv: Sequence[str] | None = None) -> int:
    """The command line of the campaign; exits 1 when a case failed."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=50000, help="how many cases (default 50000)")
    parser.add_argument("--seed", type=int, default=None, help="campaign seed (default: random)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes")
    parser.add_argument(
        "--cli-every", type=int, default=10, help="run the CLI on every Nth case (0: never)"
    )
    parser.add_argument("--timeout", type=float, default=CASE_TIMEOUT, help="seconds per case")
    parser.add_argument("--only", type=int, default=None, help="replay one case of the seed")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1 << 31)
    indices = [args.only] if args.only is not None else list(range(args.cases))
    cli_every = 1 if args.only is not None else args.cli_every
    jobs = 1 if args.only is not None else args.jobs
    failures = campaign(seed, indices, jobs=jobs, cli_every=cli_every, timeout=args.timeout)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
