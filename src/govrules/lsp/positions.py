"""Positions between govrules and LSP: 1-based code-point columns to 0-based code units.

govrules counts lines from 1 and columns from 1 in code points (a Python
string index plus one), in the text as the parser saw it (LF newlines, no
byte-order mark). LSP counts both from 0, and columns in the code units of
the negotiated position encoding: UTF-16 unless the client offered another,
so a letter outside the Basic Multilingual Plane is two columns there and
one here. :class:`LineIndex` converts between the two for one text.
"""

from __future__ import annotations

from collections.abc import Sequence

from lsprotocol import types

from govrules.source import Span
from govrules.syntax.parser import prepare_text

UTF16 = "utf-16"
UTF8 = "utf-8"
UTF32 = "utf-32"
ENCODINGS = (UTF16, UTF8, UTF32)


def _units(text: str, encoding: str) -> int:
    """How many code units ``text`` is in ``encoding``."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF16:
        return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)
    return len(text.encode("utf-8", "surrogatepass"))


def _index_of(line: str, units: int, encoding: str) -> int:
    """The code-point index in ``line`` at ``units`` code units (clamped to the line)."""
    if units <= 0:
        return 0
    if encoding == UTF32 or line.isascii():
        return min(units, len(line))
    count = 0
    for i, ch in enumerate(line):
        if count >= units:
            return i
        if encoding == UTF16:
            count += 2 if ord(ch) > 0xFFFF else 1
        else:
            count += len(ch.encode("utf-8", "surrogatepass"))
    return len(line)


class LineIndex:
    """The lines of one text, for converting positions in it (made once per text)."""

    __slots__ = ("encoding", "lines")

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.lines: Sequence[str] = prepare_text(text).split("\n")
        self.encoding = encoding if encoding in ENCODINGS else UTF16

    def _line(self, number: int) -> str:
        return self.lines[number] if 0 <= number < len(self.lines) else ""

    def position(self, line: int, column: int) -> types.Position:
        """The LSP position of govrules' ``line`` and ``column`` (both 1-based)."""
        text = self._line(line - 1)
        return types.Position(
            line=max(line - 1, 0), character=_units(text[: max(column - 1, 0)], self.encoding)
        )

    def range(self, span: Span) -> types.Range:
        """The LSP range of a span."""
        return types.Range(
            start=self.position(span.line, span.column),
            end=self.position(span.end_line, span.end_column),
        )

    def point(self, position: types.Position) -> tuple[int, int]:
        """govrules' (line, column), both 1-based, of an LSP position (clamped to the text)."""
        line = min(max(position.line, 0), len(self.lines) - 1)
        if position.line >= len(self.lines):
            return line + 1, len(self.lines[line]) + 1
        return line + 1, _index_of(self.lines[line], position.character, self.encoding) + 1

    def offset(self, position: types.Position) -> int:
        """The code-point offset in the prepared text of an LSP position."""
        line, column = self.point(position)
        return sum(len(t) + 1 for t in self.lines[: line - 1]) + column - 1

    def end(self) -> types.Position:
        """The position just after the last character of the text."""
        last = len(self.lines) - 1
        return types.Position(line=last, character=_units(self.lines[last], self.encoding))


def contains(span: Span, line: int, column: int) -> bool:
    """True when govrules' (line, column) is inside ``span`` or at its end (a cursor after it)."""
    if (line, column) < (span.line, span.column):
        return False
    return (line, column) <= (span.end_line, span.end_column)
