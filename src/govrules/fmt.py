"""The canonical layout of ``.gov`` files: same tokens, same comments, one way to write them.

The formatter works on the syntax tree, not on the typed model: it re-emits
every atom's text exactly as written (numbers, strings and identifiers are
never re-rendered), and only chooses the whitespace between atoms. That is
what keeps the meaning: the builder sees the same statements with the same
atoms. Every comment is re-emitted too, in its place:

- a full-line comment stays above the statement it precedes, re-indented to
  that statement's level, directly above it if it was directly above it;
- an end-of-line comment stays at the end of its line; when the line is split,
  it goes with the first statement that starts on it (a suppression written
  on a declaration's line stays on that declaration's line) or, on a line
  where none starts, with the line's last token;
- a list with a comment inside it stays one item per line, so the comment
  keeps its item;
- comments before a ``}`` stay inside the block; comments at the end stay at
  the end.

Before it returns, :func:`format_text` parses its own output and checks that
the statements, atoms and comments are the ones it was given, so a bug in the
formatter surfaces as an error instead of as lost text. The rules are written
down for users in ``docs/formatting.md``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from lark import Token

from govrules.diagnostics import Finding, Severity
from govrules.errors import GovrulesError
from govrules.messages import counted
from govrules.source import Comment
from govrules.syntax.parser import parse
from govrules.syntax.translate import translate
from govrules.syntax.tree import ParsedFile, Stmt

MAX_WIDTH = 88
"""A list whose line would be wider than this is wrapped, one item per line."""
INDENT = "  "
"""One level of indentation."""
BOM = "\ufeff"
"""The byte-order mark, as a character."""

# Trailing whitespace that is removed from comments and from the lines of long
# texts. Only ASCII whitespace: the builder strips the lines of a long text
# (so this never changes a value), and other characters are left to the author.
_TRAILING = " \t\f\v"

# The suppression reader (govrules.suppress) looks at comments like these. An
# end-of-line suppression also covers the line below it, so the blank line
# between such a line and the next statement is kept as written.
_SUPPRESSION = re.compile(r"#+\s*govrules\b", re.IGNORECASE)

_Pos = tuple[int, int]
_END: _Pos = (1 << 62, 0)


class FormatError(GovrulesError):
    """The text cannot be formatted because it has syntax errors (listed in :attr:`findings`)."""

    def __init__(self, name: str, findings: list[Finding]) -> None:
        first = findings[0]
        where = str(first.location)
        super().__init__(
            counted(
                "fmt.not-formatted",
                len(findings),
                name=name,
                where=where,
                code=first.code,
                problem=first.text,
            )
        )
        self.name = name
        self.findings = findings


def format_text(text: str, name: str = "<text>", lang: str | None = None) -> str:
    """``text`` in the canonical layout, with LF line endings and no byte-order mark.

    With ``lang`` (``"en"`` or ``"nl"``), keywords, attribute names and symbols
    are rewritten into that language (:mod:`govrules.syntax.translate`);
    without it every word stays in the language the file wrote it in.

    ``name`` names the file in the findings of a :class:`FormatError`, which is
    raised when the text has syntax errors (a file that does not parse is never
    reformatted). CRLF and CR line endings and a leading byte-order mark are
    accepted; :func:`encode_like` puts them back for writing.
    """
    # The parser reads a leading byte-order mark as a blank, as the loader does.
    parsed = parse(text, name)
    if parsed.problems:
        raise FormatError(
            name,
            [Finding(p.code, Severity.ERROR, p.message, p.span) for p in parsed.problems],
        )
    if lang is not None:
        parsed = translate(parsed, lang)
    result = _Printer(parsed).render()
    _verify(parsed, result, name)
    return result


def newline_of(text: str) -> str:
    """The line ending a text uses: that of its first line break (LF when it has none)."""
    at = text.find("\n")
    cr = text.find("\r")
    if cr < 0 or (0 <= at < cr):
        return "\n"
    return "\r\n" if text.startswith("\r\n", cr) else "\r"


def encode_like(formatted: str, newline: str, bom: bool) -> bytes:
    """Formatted (LF) text as the bytes of a file that uses ``newline`` and maybe a BOM."""
    if newline != "\n":
        formatted = formatted.replace("\n", newline)
    data = formatted.encode("utf-8")
    return BOM.encode("utf-8") + data if bom else data


# --- layout -------------------------------------------------------------------


def _pos(tok: Token) -> _Pos:
    return (int(tok.line or 0), int(tok.column or 0))


def _cpos(comment: Comment) -> _Pos:
    return (comment.span.line, comment.span.column)


def _end_line(tok: Token) -> int:
    return int(tok.end_line or 0)


def _atom_text(tok: Token) -> str:
    """An atom as written; a long text loses only the trailing blanks of its lines."""
    if tok.type != "LONG_STRING" or "\n" not in tok.value:
        return str(tok.value)
    return "\n".join(line.rstrip(_TRAILING) for line in tok.value.split("\n"))


def _measure(text: str) -> int:
    """A header's width: its first and last lines (a long text's inner lines are fixed)."""
    widths = [len(line) for line in text.split("\n")]
    return max(widths[0], widths[-1])


def _tokens(stmts: tuple[Stmt, ...]) -> Iterator[tuple[Token, bool]]:
    """Every token in document order, and whether it is a statement's head.

    Iterative, with a stack of iterators: nesting may be thousands deep.
    """
    stack: list[Iterator[Stmt | Token]] = [iter(stmts)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
        elif isinstance(node, Token):
            yield node, False
        else:
            yield node.head, True
            for item in node.items:
                for tok in item:
                    yield tok, False
            if node.block is not None:
                yield node.block.open, False
                stack.append(iter((*node.block.stmts, node.block.close)))


@dataclass
class _Line:
    """One output line (a long text may make it several physical lines) and its comment."""

    text: str
    comment: str | None = None
    suppression: bool = False


# What was printed last in a block: its "{", a statement, or a comment line.
_Prev = Literal["open", "stmt", "comment"]
_OPEN: _Prev = "open"
_STMT: _Prev = "stmt"
_COMMENT: _Prev = "comment"


@dataclass
class _Frame:
    """A block being printed: its statements, how deep, what closes it, what came last."""

    stmts: tuple[Stmt, ...]
    level: int
    close: Token | None
    index: int = 0
    prev: _Prev = _OPEN


class _Printer:
    """Prints one parsed file in the canonical layout."""

    def __init__(self, parsed: ParsedFile) -> None:
        self.stmts = parsed.stmts
        self.comments = sorted(parsed.comments, key=_cpos)
        self.comment_pos = [_cpos(c) for c in self.comments]
        self.next_comment = 0
        self.placed: set[int] = set()
        self.out: list[_Line | None] = []  # None is a blank line

        ends: dict[int, _Pos] = {}  # source line -> where the first thing ending there starts
        occupied: set[int] = set()  # source lines holding part of a token or a comment
        first_head: dict[int, Token] = {}  # source line -> the first statement head on it
        last_token: dict[int, Token] = {}  # source line -> the last token ending on it

        def note(start: _Pos, end_line: int) -> None:
            if end_line not in ends or start < ends[end_line]:
                ends[end_line] = start
            occupied.update(range(start[0], end_line + 1))

        for tok, is_head in _tokens(parsed.stmts):
            note(_pos(tok), _end_line(tok))
            last_token[_end_line(tok)] = tok
            if is_head:
                first_head.setdefault(_end_line(tok), tok)
        for c in self.comments:
            note(_cpos(c), c.span.line)
        self.first_on_line = ends
        self.occupied = occupied
        # A comment on a line where a token ends is an end-of-line comment. When
        # its line is split, it goes with the first statement that starts on the
        # line (a suppression there covers that statement), or, on a line where
        # no statement starts (a list continued, a "}"), with the line's last
        # token: that keeps the statement on the next line right below it.
        self.anchor: dict[int, int] = {}  # id of the token a comment follows -> comment index
        for index, c in enumerate(self.comments):
            line = c.span.line
            anchor = first_head.get(line) or last_token.get(line)
            if anchor is not None:
                self.anchor[id(anchor)] = index

    # --- the walk ---------------------------------------------------------

    def render(self) -> str:
        """The formatted text; blocks are walked with an explicit stack, not recursion."""
        stack = [_Frame(self.stmts, 0, None)]
        while stack:
            frame = stack[-1]
            if frame.index < len(frame.stmts):
                stmt = frame.stmts[frame.index]
                frame.index += 1
                self.comments_before(_pos(stmt.head), frame)
                self.gap(self.blank_before(_pos(stmt.head)), frame, statement=True)
                body = self.header(stmt, frame.level)
                frame.prev = _STMT
                if body:
                    assert stmt.block is not None
                    stack.append(_Frame(stmt.block.stmts, frame.level + 1, stmt.block.close))
                continue
            close = frame.close
            self.comments_before(_pos(close) if close is not None else _END, frame)
            if close is not None:
                self.emit(INDENT * (frame.level - 1) + "}", [close])
            stack.pop()
        lines = [self.show(line) for line in self.out]
        return "\n".join(lines) + "\n" if lines else ""

    def show(self, line: _Line | None) -> str:
        """One output line as text, its comment two spaces after it."""
        if line is None:
            return ""
        return line.text if line.comment is None else f"{line.text}  {line.comment}"

    # --- blank lines ------------------------------------------------------

    def blank_before(self, pos: _Pos) -> bool:
        """Whether the source has a blank line right above the thing at ``pos``."""
        line = pos[0]
        return self.first_on_line.get(line) == pos and line > 1 and (line - 1) not in self.occupied

    def gap(self, blank_in_source: bool, frame: _Frame, *, statement: bool) -> None:
        """Put a blank line before the next element when the layout asks for one."""
        if not self.out:
            return  # never at the start of the file
        if frame.prev == _OPEN:
            want = False  # never right after "{"
        elif frame.level == 0 and frame.prev == _STMT:
            want = True  # one blank line after each top-level declaration
        else:
            want = blank_in_source  # inside blocks and between comments: as written, at most one
        last = self.out[-1]
        if statement and last is not None and last.suppression:
            # An end-of-line suppression also applies to the line below it:
            # neither add nor remove the blank line that separates them.
            want = blank_in_source
        if want and last is not None:
            self.out.append(None)

    # --- comments ---------------------------------------------------------

    def comments_before(self, pos: _Pos, frame: _Frame) -> None:
        """Print the full-line comments that stand before ``pos``, at the frame's level."""
        indent = INDENT * frame.level
        while self.next_comment < len(self.comments) and self.comment_pos[self.next_comment] < pos:
            index = self.next_comment
            self.next_comment += 1
            if index in self.placed:
                continue
            self.placed.add(index)
            comment = self.comments[index]
            self.gap(self.blank_before(_cpos(comment)), frame, statement=False)
            self.out.append(_Line(indent + comment.text.rstrip(_TRAILING)))
            frame.prev = _COMMENT

    def list_comments(self, pos: _Pos, level: int) -> None:
        """Full-line comments between two items of a wrapped list (no blank lines in a list)."""
        indent = INDENT * level
        while self.next_comment < len(self.comments) and self.comment_pos[self.next_comment] < pos:
            index = self.next_comment
            self.next_comment += 1
            if index not in self.placed:
                self.placed.add(index)
                self.out.append(_Line(indent + self.comments[index].text.rstrip(_TRAILING)))

    def has_comment_between(self, start: _Pos, end: _Pos) -> bool:
        """Whether a comment not yet printed lies between two positions.

        A comment already printed (at the end of an earlier line, say the
        header of a single-line block) does not count: the second run sees it
        before this statement, and the first run must decide as the second does.
        """
        at = bisect.bisect_right(self.comment_pos, start)
        while at < len(self.comment_pos) and self.comment_pos[at] < end:
            if at not in self.placed:
                return True
            at += 1
        return False

    def anchored(self, tok: Token) -> bool:
        """Whether an end-of-line comment not yet printed goes with this token."""
        index = self.anchor.get(id(tok))
        return index is not None and index not in self.placed

    def emit(self, text: str, tokens: list[Token]) -> None:
        """Add a line; it takes the end-of-line comment of the first source line it shows."""
        line = _Line(text)
        for tok in tokens:
            index = self.anchor.get(id(tok))
            if index is not None and index not in self.placed and line.comment is None:
                self.placed.add(index)
                comment = self.comments[index].text.rstrip(_TRAILING)
                line.comment = comment
                line.suppression = _SUPPRESSION.match(comment.strip()) is not None
        self.out.append(line)

    # --- statements -------------------------------------------------------

    def header(self, stmt: Stmt, level: int) -> bool:
        """Print a statement's line(s): head, items, and ``{``. True when a block body follows."""
        indent = INDENT * level
        block = stmt.block
        body = block is not None and (
            bool(block.stmts) or self.has_comment_between(_pos(block.open), _pos(block.close))
        )
        tail = "" if block is None else " {" if body else " {}"
        brace_tokens: list[Token] = []
        if block is not None:
            brace_tokens = [block.open] if body else [block.open, block.close]
        items = stmt.items
        texts = [" ".join(_atom_text(t) for t in item) for item in items]
        values = " " + ", ".join(texts) if texts else ""
        one_line = f"{indent}{stmt.head.value}{values}{tail}"
        atoms = [t for item in items for t in item]
        wrap = len(items) > 1 and (
            _measure(one_line) > MAX_WIDTH
            or self.has_comment_between(_pos(stmt.head), _pos(items[-1][-1]))
            # A comment at the end of a continuation line: joining would bring
            # it onto the statement's line (and a suppression onto the statement).
            or any(self.anchored(t) for t in (*atoms, *brace_tokens))
        )
        if not wrap:
            self.emit(one_line, [stmt.head, *atoms, *brace_tokens])
            return body
        # One item per line after each comma, one level deeper than the statement.
        self.emit(f"{indent}{stmt.head.value} {texts[0]},", [stmt.head, *items[0]])
        inner = INDENT * (level + 1)
        last = len(items) - 1
        for k in range(1, len(items)):
            self.list_comments(_pos(items[k][0]), level + 1)
            if k < last:
                self.emit(f"{inner}{texts[k]},", list(items[k]))
            else:
                self.emit(f"{inner}{texts[k]}{tail}", [*items[k], *brace_tokens])
        return body


# --- the self-check -------------------------------------------------------------


def _shape(parsed: ParsedFile) -> list[tuple[str, ...]]:
    """The file as a flat list of statements, items and braces (positions left out)."""
    shape: list[tuple[str, ...]] = []
    stack: list[Iterator[Stmt]] = [iter(parsed.stmts)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            shape.append(("}",))
            continue
        shape.append(("stmt", node.head.type, node.head.value))
        shape.extend(("item", *(f"{t.type}:{_atom_text(t)}" for t in item)) for item in node.items)
        if node.block is not None:
            shape.append(("{",))
            stack.append(iter(node.block.stmts))
    return shape


def _comment_texts(parsed: ParsedFile) -> list[str]:
    return [c.text.rstrip(_TRAILING) for c in sorted(parsed.comments, key=_cpos)]


def _verify(before: ParsedFile, result: str, name: str) -> None:
    """Parse the output again: the same statements, atoms and comments, or it is a bug."""
    after = parse(result, name)
    if after.problems:
        problem = after.problems[0]
        raise AssertionError(
            f"govrules fmt produced text it cannot parse ({problem.span}: {problem.message}); "
            "this is a bug, the file was left unchanged"
        )
    if _shape(after) != _shape(before):
        raise AssertionError(
            "govrules fmt would have changed the statements of the file; "
            "this is a bug, the file was left unchanged"
        )
    if _comment_texts(after) != _comment_texts(before):
        raise AssertionError(
            "govrules fmt would have lost or moved a comment; "
            "this is a bug, the file was left unchanged"
        )
