"""Human-readable output: ``file:line:col: CODE severity message``, an excerpt, a summary.

Shaped like compiler and ruff output, so editors and terminals that link
``file:line:col`` work, and ``grep`` finds one finding per line.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import TYPE_CHECKING

from govrules.diagnostics import Finding, Report, Severity
from govrules.messages import Message, counted, msg
from govrules.report._common import file_count, scrub

if TYPE_CHECKING:
    from govrules.report import RenderOptions

_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_SEVERITY_COLOURS = {
    Severity.ERROR: "\x1b[31m",
    Severity.WARNING: "\x1b[33m",
    Severity.INFO: "\x1b[34m",
}

# The summary names the worst first, as ruff and ESLint do.
_BY_RANK = (Severity.ERROR, Severity.WARNING, Severity.INFO)

# Tabs are shown as spaces up to the next multiple of this, so the caret line,
# which is made of spaces, lines up whatever the terminal's own tab width is.
_TAB_STOP = 4

# Continuation lines of a multi-line message or fix are indented, so the first
# line keeps the one-finding-per-line shape and the rest reads as belonging to it.
_CONTINUATION = "\n    "


def render_text(
    report: Report,
    sources: Mapping[str, str],
    *,
    color: bool,
    quiet: bool = False,
    max_findings: int | None = None,
    lang: str = "en",
) -> str:
    """The report as text for a terminal or a log.

    ``sources`` maps a file name to its text, for the excerpt under each finding
    (a file missing from it gets no excerpt). Suppressed findings are not listed
    but are counted in the summary. ``quiet`` keeps only the finding lines;
    ``max_findings`` lists at most that many and says how many more there are.
    ANSI colour codes appear only when ``color`` is true.
    """
    active = report.active()
    listed = active if max_findings is None else active[: max(max_findings, 0)]
    lines: list[str] = []
    split: dict[str, list[str]] = {}  # each file split into lines once, not once per finding
    for finding in listed:
        lines.append(_headline(finding, color, lang))
        if not quiet:
            file = finding.location.file
            if file not in split and file in sources:
                # Lines are counted at "\n" only, as the parser counts them; str.splitlines
                # would also split at form feeds and U+2028 and number lines differently.
                split[file] = sources[file].split("\n")
            lines.extend(_details(finding, split.get(file), color, lang))
            lines.append("")
    hidden = len(active) - len(listed)
    if hidden:
        lines.append(counted("text.more", hidden).render(lang))
        if not quiet:
            lines.append("")
    if not quiet:
        lines.append(_summary(report).render(lang))
        if report.held_back:
            lines.append(_held_back(len(report.held_back), lang))
    return "".join(line + "\n" for line in lines)


def _headline(finding: Finding, color: bool, lang: str) -> str:
    code, label = finding.code, finding.severity.label
    if color:
        code = f"{_BOLD}{code}{_RESET}"
        label = f"{_SEVERITY_COLOURS[finding.severity]}{label}{_RESET}"
    return f"{_clean(str(finding.location))}: {code} {label} {_clean(finding.text.render(lang))}"


def _details(finding: Finding, source: list[str] | None, color: bool, lang: str) -> list[str]:
    lines = _excerpt(finding, source, color) if source is not None else []
    if finding.fix_text is not None and finding.fix:
        fix = _clean(finding.fix_text.render(lang))
        lines.append(msg("text.help", fix=fix).render(lang))
    lines.extend(
        msg(
            "text.note",
            where=_clean(str(related.location)),
            text=_clean(related.text.render(lang)),
        ).render(lang)
        for related in finding.related
    )
    return lines


EXCERPT_WIDTH = 120
"""At most this many characters of a source line are shown under a finding."""


def _excerpt(finding: Finding, all_lines: list[str], color: bool) -> list[str]:
    """The finding's first line with a caret line under its span on that line."""
    loc = finding.location
    if not 1 <= loc.line <= len(all_lines):
        return []
    line = all_lines[loc.line - 1].removesuffix("\r")
    start = min(max(loc.column - 1, 0), len(line))
    # A span running onto later lines is underlined to the end of its first line.
    end = loc.end_column - 1 if loc.end_line == loc.line else len(line)
    end = min(max(end, start), len(line))
    if len(line) > EXCERPT_WIDTH:
        # A very long line (a generated file, a huge text): show a window around the span.
        first = max(0, min(start - EXCERPT_WIDTH // 4, len(line) - EXCERPT_WIDTH))
        last = first + EXCERPT_WIDTH
        line = (
            ("…" if first else "")
            + line[first:last]
            + ("…" if last < len(all_lines[loc.line - 1]) else "")
        )
        shift = first - (1 if first else 0)
        start, end = start - shift, min(end - shift, len(line))
    shown, offsets = _display(line)
    width = max(offsets[end] - offsets[start], 1)
    carets = "^" * width
    if color:
        carets = f"{_SEVERITY_COLOURS[finding.severity]}{carets}{_RESET}"
    number = str(loc.line)
    gutter = " " * len(number)
    return [
        f"  {number} | {shown}".rstrip(),
        f"  {gutter} | {' ' * offsets[start]}{carets}",
    ]


def _display(line: str) -> tuple[str, list[int]]:
    """``line`` as it is shown, and the display column where each character starts.

    The list has one entry more than ``line`` has characters: where the line ends.
    Tabs become spaces, wide (East Asian) characters take two columns, combining
    marks and format characters none, and control characters are shown as U+FFFD.
    """
    shown: list[str] = []
    offsets: list[int] = []
    column = 0
    for char in line:
        offsets.append(column)
        if char == "\t":
            step = _TAB_STOP - column % _TAB_STOP
            shown.append(" " * step)
            column += step
            continue
        char = scrub(char)
        shown.append(char)
        column += _width(char)
    offsets.append(column)
    return "".join(shown), offsets


def _width(char: str) -> int:
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _clean(text: str) -> str:
    """A message or fix safe to print: one logical line, continuations indented."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return scrub(text).replace("\n", _CONTINUATION)


def _summary(report: Report) -> Message:
    """``1 error, 2 warnings in 3 files (1 suppressed)``, or that nothing was found."""
    counts = [(report.count(severity), severity.label) for severity in _BY_RANK]
    problems = tuple(counted(f"text.{label}", count) for count, label in counts if count)
    files = counted("text.files", file_count(report))
    suppressed = report.suppressed_count
    tail = msg("text.suppressed", count=suppressed) if suppressed else ""
    if problems:
        return msg("text.problems", problems=problems, files=files, tail=tail)
    return msg("text.clean", files=files, tail=tail)


def _held_back(count: int, lang: str) -> str:
    """The line that counts follow-on findings (RULES.md: held back, not dropped in silence)."""
    if count == 1:
        return msg("report.held-back-one").render(lang)
    return msg("report.held-back", count=count).render(lang)


def render(report: Report, options: RenderOptions) -> str:
    """The format's entry in :data:`govrules.report.FORMATS`."""
    return render_text(
        report, report.sources, color=options.color, quiet=options.quiet, lang=options.lang
    )
