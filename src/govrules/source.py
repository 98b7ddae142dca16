"""Positions in source files: every model node, finding and error carries one."""

from __future__ import annotations

from typing import NamedTuple

import attrs


class Span(NamedTuple):
    """A region of a source file; lines and columns are 1-based, the end column is exclusive.

    A named tuple rather than an attrs class: a loaded model holds about ten
    per declaration, and a tuple is made in a quarter of the time. Change one
    with ``span._replace(line=...)``.
    """

    file: str
    line: int
    column: int
    end_line: int
    end_column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"

    def to(self, other: Span) -> Span:
        """The span from the start of this one to the end of ``other``."""
        return Span(self.file, self.line, self.column, other.end_line, other.end_column)

    @property
    def sort_key(self) -> tuple[str, int, int]:
        return (self.file, self.line, self.column)


def whole_file(file: str) -> Span:
    """The span used for problems that concern a whole file (it cannot be read, say)."""
    return Span(file, 1, 1, 1, 1)


@attrs.frozen(slots=True)
class Comment:
    """A ``#`` comment as written, kept for suppressions and the formatter.

    ``text`` starts at the ``#`` and runs to the end of the line (no newline).
    """

    span: Span
    text: str
