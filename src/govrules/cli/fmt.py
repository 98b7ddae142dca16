"""``govrules fmt``: rewrite .gov files in the canonical layout, or check that they are.

Status lines (``reformatted``, ``would reformat``, errors, the summary) go to
standard error, so that ``govrules fmt --diff > change.patch`` captures only
the diff, as black does.

Exit codes: 0 when every file is (or now is) formatted; 1 when ``--check`` or
``--diff`` finds a file to change, or a file has syntax errors or cannot be
decoded (such a file is reported and left untouched); 2 for a path that does
not exist or cannot be read or written.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Iterable
from pathlib import Path

import click

from govrules.atomic import WriteError, write_atomic
from govrules.cli.common import (
    debug_option,
    guarded,
    no_color_option,
    paths_argument,
    say,
    use_color,
)
from govrules.diagnostics import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Finding, Report
from govrules.fmt import BOM, FormatError, encode_like, format_text, newline_of
from govrules.loader import LoadError, discover, read_source
from govrules.messages import Message, counted, msg
from govrules.report.text import render_text
from govrules.syntax.parser import normalize_newlines

_RED, _GREEN, _CYAN, _RESET = "\x1b[31m", "\x1b[32m", "\x1b[36m", "\x1b[0m"


@click.command("fmt")
@paths_argument
@click.option(
    "--check",
    is_flag=True,
    help="Write nothing; list the files that would be reformatted and exit 1 if there are any.",
)
@click.option(
    "--diff",
    "show_diff",
    is_flag=True,
    help="Write nothing; print a unified diff of the changes and exit 1 if there are any.",
)
@click.option(
    "--lang",
    type=click.Choice(["en", "nl"]),
    default=None,
    is_eager=True,
    help="Rewrite keywords, attribute names and symbols into en or nl (identifiers, labels, "
    "texts and comments stay as written); default: keep each file's words.",
)
@no_color_option
@debug_option
@guarded
def fmt(
    paths: tuple[str, ...],
    check: bool,
    show_diff: bool,
    lang: str | None,
    no_color: bool,
    debug: bool,
) -> None:
    """Format .gov files in the canonical layout (default PATHS: the current directory).

    Only whitespace and line breaks change: every value is kept as written and
    every comment stays in its place. A file with syntax errors is reported and
    left untouched. Files are replaced atomically, keeping their permissions,
    line endings and byte-order mark.
    """
    names = discover(paths or (".",))
    if not names:
        say(msg("cli.no-gov-files"), err=True)
        sys.exit(EXIT_OK)
    err_color = use_color(no_color, sys.stderr)
    out_color = use_color(no_color, sys.stdout)
    changed = unchanged = broken = unwritable = 0
    for name in names:
        source = read_source(name)
        if source.text is None:
            assert source.problem is not None
            _report([source.problem], err_color)
            broken += 1
            continue
        try:
            formatted = format_text(source.text, name, lang)
        except FormatError as exc:
            _report(exc.findings, err_color)
            broken += 1
            continue
        bom = _has_bom(name)
        original = (BOM if bom else "") + source.text
        new = encode_like(formatted, newline_of(source.text), bom)
        if new == original.encode("utf-8"):
            unchanged += 1
            continue
        if show_diff:
            _print_diff(name, normalize_newlines(source.text), formatted, out_color)
        if check or show_diff:
            say(msg("fmt.would-reformat", name=name), err=True)
            changed += 1
            continue
        try:
            write_atomic(Path(name), new)
        except WriteError as exc:
            say(msg("cli.error", problem=exc.text), err=True)
            unwritable += 1
            continue
        say(msg("fmt.reformatted", name=name), err=True)
        changed += 1
    say(_summary(changed, unchanged, broken + unwritable, dry=check or show_diff), err=True)
    if unwritable:
        sys.exit(EXIT_USAGE)
    if broken or (changed and (check or show_diff)):
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_OK)


def _has_bom(name: str) -> bool:
    # read_source decodes with utf-8-sig, which drops the mark; the writer must put it back.
    mark = BOM.encode("utf-8")
    try:
        with open(name, "rb") as fh:
            return fh.read(len(mark)) == mark
    except OSError as exc:
        raise LoadError(name, exc.strerror or msg("load.unreadable")) from None


def _report(findings: list[Finding], color: bool) -> None:
    """One ``file:line:col: CODE error message`` line per problem, as ``govrules lint`` prints."""
    text = render_text(Report(tuple(findings)), {}, color=color, quiet=True)
    click.echo(text, err=True, nl=False)


def _print_diff(name: str, before: str, after: str, color: bool) -> None:
    if before == after:
        # Mixed line endings made consistent: nothing a unified diff of lines can show.
        say(msg("fmt.line-endings", name=name), err=True)
        return
    lines = difflib.unified_diff(_lines(before), _lines(after), name, name)
    for line in _mark_missing_newlines(lines):
        click.echo(_colored(line) if color else line, nl=False)


def _lines(text: str) -> list[str]:
    # Lines end at "\n" only, as the parser counts them (str.splitlines also splits at U+2028).
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    return [*lines, parts[-1]] if parts[-1] else lines


def _mark_missing_newlines(lines: Iterable[str]) -> Iterable[str]:
    for line in lines:
        if line.endswith("\n"):
            yield line
        else:
            yield line + "\n"
            yield "\\ No newline at end of file\n"


def _colored(line: str) -> str:
    if line.startswith(("+++", "---")):
        return line
    for prefix, code in (("+", _GREEN), ("-", _RED), ("@@", _CYAN)):
        if line.startswith(prefix):
            return f"{code}{line.removesuffix(chr(10))}{_RESET}\n"
    return line


def _summary(changed: int, unchanged: int, failed: int, *, dry: bool) -> Message:
    counts = (
        (changed, "would-reformat" if dry else "reformatted"),
        (unchanged, "already" if dry else "unchanged"),
        (failed, "failed"),
    )
    parts = [counted(f"fmt.count.{what}", n) for n, what in counts if n]
    return msg("list", items=tuple(parts))
