"""govrules positions (1-based, code points) to LSP positions (0-based, code units) and back."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from lsprotocol import types

from govrules.lsp.positions import UTF8, UTF16, UTF32, LineIndex, contains
from govrules.source import Span

TEXT = "organization 𝔘trecht {\r\n  kind municipality # ŋ\r\n}\n"


def test_utf16_counts_two_units_beyond_the_basic_plane() -> None:
    index = LineIndex(TEXT)
    assert index.position(1, 14) == types.Position(line=0, character=13)
    assert index.position(1, 15) == types.Position(line=0, character=15)
    assert index.point(types.Position(line=0, character=15)) == (1, 15)


def test_other_encodings() -> None:
    assert LineIndex(TEXT, UTF32).position(1, 15).character == 14
    assert LineIndex(TEXT, UTF8).position(1, 15).character == 17
    assert LineIndex(TEXT, UTF8).position(2, 23).character == 22
    assert LineIndex(TEXT, UTF8).position(2, 24).character == 24
    assert LineIndex(TEXT, "utf-7").encoding == UTF16


def test_crlf_lines_and_clamping() -> None:
    index = LineIndex(TEXT)
    assert index.lines[1] == "  kind municipality # ŋ"
    assert index.point(types.Position(line=99, character=0)) == (4, 1)
    assert index.point(types.Position(line=0, character=999)) == (1, len(index.lines[0]) + 1)
    assert index.range(Span("f", 2, 3, 2, 7)) == types.Range(
        start=types.Position(line=1, character=2), end=types.Position(line=1, character=6)
    )
    assert index.end() == types.Position(line=3, character=0)
    assert index.offset(types.Position(line=1, character=2)) == len(index.lines[0]) + 1 + 2


def test_contains_includes_the_end() -> None:
    span = Span("f", 2, 3, 2, 7)
    assert contains(span, 2, 3) and contains(span, 2, 7)
    assert not contains(span, 2, 2) and not contains(span, 2, 8) and not contains(span, 1, 5)


@given(st.lists(st.text(st.characters(exclude_characters="\r\n\ufeff"), max_size=12), min_size=1))
def test_round_trip_every_column(lines: list[str]) -> None:
    for encoding in (UTF16, UTF8, UTF32):
        index = LineIndex("\n".join(lines), encoding)
        for number, line in enumerate(lines, start=1):
            for column in range(1, len(line) + 2):
                assert index.point(index.position(number, column)) == (number, column)
