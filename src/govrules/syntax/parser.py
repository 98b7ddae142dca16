"""Parse ``.gov`` text into a syntax tree with lark (LALR), collecting every syntax error.

The lark parser is built once per process. Statements are built by a
transformer that lark runs while it parses, so no intermediate parse tree is
kept. Comments never reach the grammar: the lexer hands them to us through a
callback, for the formatter and the suppression reader.

A syntax error does not stop the file: the attribute line that holds it is
skipped (or, when that would unbalance a block, the whole declaration), its
lines blanked so every position stays true, and the file is parsed again, so
one run reports every problem, several in one block included.
"""

from __future__ import annotations

import itertools
import re
import threading
from functools import cache
from typing import Any

from lark import Lark, Token, Transformer
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from govrules.source import Comment, Span
from govrules.syntax import tables
from govrules.syntax.tree import Block, Item, ParsedFile, Stmt, SyntaxProblem

MAX_SYNTAX_ERRORS_PER_FILE = 50

_state = threading.local()


class _ToStatements(Transformer[Token, Any]):
    """Builds :class:`Stmt` values while lark parses (passed to ``Lark(transformer=...)``)."""

    def start(self, children: list[Any]) -> tuple[Stmt, ...]:
        return tuple(children)

    def stmt(self, children: list[Any]) -> Stmt:
        head, items, block = children
        return Stmt(head, items if items is not None else (), block)

    def items(self, children: list[Item]) -> tuple[Item, ...]:
        return tuple(children)

    def item(self, children: list[Token]) -> Item:
        return tuple(children)

    def block(self, children: list[Any]) -> Block:
        return Block(children[0], tuple(children[1:-1]), children[-1])


def _collect_comments(tok: Token) -> Token:
    # Newline tokens swallow comment-only lines and end-of-line comments; pull them out.
    text = tok.value
    if "#" in text:
        line: int = tok.line  # type: ignore[assignment]
        column: int = tok.column  # type: ignore[assignment]
        for i, segment in enumerate(text.split("\n")):
            at = segment.find("#")
            if at >= 0:
                col = (column if i == 0 else 1) + at
                _add_comment(line + i, col, segment[at:])
    return tok


def _collect_comment(tok: Token) -> Token:
    _add_comment(tok.line, tok.column, tok.value)  # type: ignore[arg-type]
    return tok


def _add_comment(line: int, column: int, text: str) -> None:
    file: str = _state.file
    span = Span(file, line, column, line, column + len(text))
    _state.comments.append(Comment(span, text))


@cache
def lark_parser() -> Lark:
    """The one LALR parser of this process (building it costs tens of milliseconds)."""
    return tables.build(
        "govrules",
        **tables.GOVRULES_OPTIONS,
        transformer=_ToStatements(),
        lexer_callbacks={"_NL": _collect_comments, "COMMENT": _collect_comment},
    )


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF, so line numbers are right whatever the file's convention."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def prepare_text(text: str) -> str:
    """The text as the parser sees it: LF newlines, no byte-order mark.

    The mark is invisible in an editor, so it takes no column: the first
    character of the file is at column 1 either way.
    """
    text = normalize_newlines(text)
    return text[1:] if text.startswith("\ufeff") else text


def parse(text: str, file: str = "<text>") -> ParsedFile:
    """Parse one file's text. Never raises for bad text: problems are in the result."""
    text = prepare_text(text)
    parser = lark_parser()
    problems: list[SyntaxProblem] = []
    damaged: set[str] = set()
    work = text
    while True:
        _state.file = file
        _state.comments = []
        try:
            stmts: tuple[Stmt, ...] = parser.parse(work)  # type: ignore[assignment]
            break
        except UnexpectedInput as exc:
            problem = _describe(exc, work, file)
            if len(problems) >= MAX_SYNTAX_ERRORS_PER_FILE:
                # Enough reported: read the rest declaration by declaration, silently.
                return _past_the_limit(parser, work, file, problem, problems, damaged, text)
            problems.append(problem)
            blanked = _skip_declaration(work, exc, damaged)
            if blanked == work:
                stmts = ()
                break
            work = blanked
    comments = tuple(_state.comments)
    _state.comments = []
    return ParsedFile(file, text, stmts, comments, tuple(problems), frozenset(damaged))


def _past_the_limit(
    parser: Lark,
    work: str,
    file: str,
    problem: SyntaxProblem,
    problems: list[SyntaxProblem],
    damaged: set[str],
    text: str,
) -> ParsedFile:
    """After the error limit: parse each remaining top-level declaration on its own.

    Each part is parsed once (linear, unlike blank-and-retry), its positions
    shifted to where it stands; broken parts are skipped and counted.
    """
    lines = work.split("\n")
    first = problem.span.line
    while first > 1 and not _DECL_START.match(lines[first - 1]):
        first -= 1
    starts = [i for i in range(first, len(lines) + 1) if _DECL_START.match(lines[i - 1])]
    if not starts or starts[0] != first:
        starts.insert(0, first)
    head = "\n".join(lines[: first - 1])
    _state.file, _state.comments = file, []
    stmts: list[Stmt] = []
    try:
        parsed_head: tuple[Stmt, ...] = parser.parse(head)  # type: ignore[assignment]
        stmts.extend(parsed_head)
    except UnexpectedInput:
        pass  # the part before the limit was blanked where broken; this is a safeguard
    comments = list(_state.comments)
    skipped = 0
    bounds = [*starts, len(lines) + 1]
    for begin, end in itertools.pairwise(bounds):
        part = "\n".join(lines[begin - 1 : end - 1])
        _state.comments = []
        try:
            parsed: tuple[Stmt, ...] = parser.parse(part)  # type: ignore[assignment]
        except UnexpectedInput:
            skipped += 1
            match = _DECL_HEAD.match(lines[begin - 1])
            if match:
                damaged.add(match.group(2))
            continue
        shift = begin - 1
        stmts.extend(_shifted(stmt, shift) for stmt in parsed)
        comments.extend(
            Comment(
                c.span._replace(line=c.span.line + shift, end_line=c.span.end_line + shift),
                c.text,
            )
            for c in _state.comments
        )
    _state.comments = []
    problems.append(
        SyntaxProblem(
            "GR101",
            f"too many syntax errors: stopped reporting after {MAX_SYNTAX_ERRORS_PER_FILE}; "
            f"{skipped} more {'declaration' if skipped == 1 else 'declarations'} with syntax "
            f"errors from line {first} on were skipped",
            problem.span,
        )
    )
    return ParsedFile(
        file, text, tuple(stmts), tuple(comments), tuple(problems), frozenset(damaged)
    )


def _shifted(stmt: Stmt, lines: int) -> Stmt:
    """A statement parsed on its own, moved down by ``lines``."""
    if lines == 0:
        return stmt
    items = tuple(tuple(_moved(t, lines) for t in item) for item in stmt.items)
    block = None
    if stmt.block is not None:
        block = Block(
            _moved(stmt.block.open, lines),
            tuple(_shifted(s, lines) for s in stmt.block.stmts),
            _moved(stmt.block.close, lines),
        )
    return Stmt(_moved(stmt.head, lines), items, block)


def _moved(tok: Token, lines: int) -> Token:
    return Token(
        tok.type,
        tok.value,
        tok.start_pos,
        (tok.line or 1) + lines,
        tok.column,
        (tok.end_line or 1) + lines,
        tok.end_column,
        tok.end_pos,
    )


# --- error messages --------------------------------------------------------

_WORDS = {
    "NAME": "a name",
    "STRING": "a text in double quotes",
    "LONG_STRING": 'a long text in """triple quotes"""',
    "NUMBER": "a number",
    "DATE": "a date",
    "OP": "a comparison such as <=",
    "PERCENT": "'%'",
    "LBRACE": "'{'",
    "RBRACE": "'}'",
    "COMMA": "','",
    "_NL": "the end of the line",
    "$END": "the end of the file",
}


def _words(terminals: set[str]) -> str:
    names = sorted({_WORDS.get(t, t.lower()) for t in terminals})
    if len(names) > 1:
        return ", ".join(names[:-1]) + " or " + names[-1]
    return names[0] if names else "something else"


def _found(tok: Token) -> str:
    if tok.type == "$END":
        return "the end of the file"
    if tok.type == "_NL":
        return "the end of the line"
    return (
        f"{_WORDS.get(tok.type, 'text')} {tok.value!r}"
        if tok.type in ("NAME", "NUMBER", "DATE", "STRING")
        else f"{tok.value!r}"
    )


def _describe(exc: UnexpectedInput, text: str, file: str) -> SyntaxProblem:
    if isinstance(exc, UnexpectedCharacters):
        line, col, pos = exc.line, exc.column, exc.pos_in_stream or 0
        char = text[pos] if pos < len(text) else ""
        span = Span(file, line, col, line, col + 1)
        if char == '"':
            # An unclosed """ is lexed as "" followed by a stray ": look back for the other two.
            opening = pos if text.startswith('"""', pos) else pos - 2
            if opening >= 0 and text.startswith('"""', opening):
                start = col - (pos - opening)
                return SyntaxProblem(
                    "GR102",
                    'this long text is never closed: end it with """',
                    Span(file, line, start, line, start + 3),
                )
            return SyntaxProblem(
                "GR102",
                'this text is not closed on its line: end it with " '
                '(use """triple quotes""" for text over several lines)',
                span,
            )
        hint = _date_hint(text, pos) if char == "-" else ""
        hint = hint or _CHAR_HINTS.get(char, "")
        shown = repr(char) if char.isprintable() else f"U+{ord(char):04X}" if char else "?"
        return SyntaxProblem("GR103", f"the character {shown} has no place here{hint}", span)
    if isinstance(exc, UnexpectedToken):
        tok = exc.token
        expected = set(exc.expected) if exc.expected else set()
        if tok.type == "$END":
            return _unclosed_block(text, file)
        line, col = int(tok.line or 1), int(tok.column or 1)
        end = tok.end_column if tok.end_line == line else col + 1
        span = Span(file, line, col, line, end or col + 1)
        before = text[: tok.start_pos].rstrip() if tok.start_pos is not None else ""
        if before.endswith(","):
            return SyntaxProblem(
                "GR101",
                f"a value must follow the ',' before {_found(tok)}: "
                "remove the trailing ',' or add the next value",
                span,
            )
        if tok.type == "RBRACE":
            return SyntaxProblem(
                "GR101", "this '}' closes no block: remove it or add the '{' it belongs to", span
            )
        if tok.type == "LBRACE":
            return SyntaxProblem(
                "GR101",
                "a block must follow a declaration on the same line, as in: product p {",
                span,
            )
        if tok.type == "COMMA":
            return SyntaxProblem("GR101", "a ',' must stand between two values", span)
        if tok.type == "_NL":
            return SyntaxProblem("GR101", "this line ends where a value was expected", span)
        return SyntaxProblem(
            "GR101", f"expected {_words(expected)} here, but found {_found(tok)}", span
        )
    if isinstance(exc, UnexpectedEOF):
        return _unclosed_block(text, file)
    raise exc  # pragma: no cover - lark raises only the three above


_CHAR_HINTS = {
    ".": " (numbers use '_' to group digits, as in 14_500_000, and '.' only for decimals)",
    ";": " (put each attribute on a line of its own)",
    ":": " (write the attribute name and its value separated by a space: kind municipality)",
    "=": " (write the attribute name and its value separated by a space; "
    "comparisons are ==, <=, >=)",
    "'": " (texts use double quotes)",
    "\u201c": ' (texts use straight double quotes ")',
    "\u201d": ' (texts use straight double quotes ")',
    "\x00": " (a NUL byte: is this a binary file?)",
}


_DAY_FIRST = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})")


def _date_hint(text: str, pos: int) -> str:
    """For ``31-12-2026``: the same date as the language writes it."""
    start = pos
    while start > 0 and (text[start - 1].isdigit() or text[start - 1] == "-"):
        start -= 1
    end = pos
    while end < len(text) and (text[end].isdigit() or text[end] == "-"):
        end += 1
    match = _DAY_FIRST.fullmatch(text, start, end)
    if match is None:
        return ""
    day, month, year = match.groups()
    return f" (write dates as {year}-{int(month):02d}-{int(day):02d}: year-month-day)"


def _unclosed_block(text: str, file: str) -> SyntaxProblem:
    """An unexpected end of file: point at the '{' that was never closed."""
    opened = _open_braces(text)
    if opened:
        line, col = opened[-1]
        more = len(opened) - 1
        inside = (
            f" (nor {'is' if more == 1 else 'are'} the {more} "
            f"{'block' if more == 1 else 'blocks'} around it)"
            if more
            else ""
        )
        return SyntaxProblem(
            "GR101",
            f"this block is never closed: add a '}}' at its end{inside}",
            Span(file, line, col, line, col + 1),
        )
    lines = text.split("\n")
    last = len(lines)
    return SyntaxProblem(
        "GR101", "the file ends in the middle of a declaration", Span(file, last, 1, last, 1)
    )


_SCAN = re.compile(r'"""[\s\S]*?"""|"(?:[^"\\\n]|\\.)*"|#[^\n]*|[{}\n]')


def _open_braces(text: str) -> list[tuple[int, int]]:
    """Positions of the braces left open at the end of the text (strings and comments skipped)."""
    stack: list[tuple[int, int]] = []
    line, line_start = 1, 0
    for m in _SCAN.finditer(text):
        tok = m.group()
        if tok == "\n":
            line, line_start = line + 1, m.end()
        elif tok == "{":
            stack.append((line, m.start() - line_start + 1))
        elif tok == "}" and stack:
            stack.pop()
        elif tok.startswith('"""'):
            line_start = m.start() - tok.rfind("\n") if "\n" in tok else line_start
            newlines = tok.count("\n")
            if newlines:
                line += newlines
                line_start = m.start() + tok.rfind("\n") + 1
    return stack


_DECL_START = re.compile(r"[^\W\d][\w\-]*")
_DECL_HEAD = re.compile(r"([^\W\d][\w\-]*)[\t ]+([^\W\d][\w\-]*)")


def _skip_rest(text: str, line: int, damaged: set[str]) -> str:
    """Blank everything from the top-level declaration holding ``line`` to the end."""
    lines = text.split("\n")
    start = min(max(line, 1), len(lines))
    while start > 1 and not _DECL_START.match(lines[start - 1]):
        start -= 1
    for i in range(start - 1, len(lines)):
        head = _DECL_HEAD.match(lines[i])
        if head:
            damaged.add(head.group(2))
        lines[i] = ""
    return "\n".join(lines)


def _statement_lines(lines: list[str], err: int) -> tuple[int, int] | None:
    """The first and last line of the attribute holding line ``err``, if blanking it is safe.

    Safe means: the attribute stands inside a block (not a declaration at
    column 1), and its lines (it runs on after a trailing ',') hold no brace and
    no long text, so blanking them leaves every block as it was.
    """
    line = lines[err - 1]
    if not line.strip() or _DECL_START.match(line):
        return None
    start = err
    while start > 1 and lines[start - 2].rstrip().endswith(","):
        start -= 1
    stop = err
    while stop < len(lines) and lines[stop - 1].rstrip().endswith(","):
        stop += 1
    chunk = "\n".join(lines[start - 1 : stop])
    if "{" in chunk or "}" in chunk or '"""' in chunk or _DECL_START.match(lines[start - 1]):
        return None
    if not _open_braces("\n".join(lines[: start - 1])):
        return None
    return start, stop


def _skip_declaration(text: str, exc: UnexpectedInput, damaged: set[str]) -> str:
    """Blank the top-level declaration holding the error (lines kept, so positions stay true).

    A top-level declaration starts at column 1; the one holding the error runs
    from the last such line at or before the error to the next one after it.
    """
    lines = text.split("\n")
    if isinstance(exc, UnexpectedToken) and exc.token.type == "$END":
        opened = _open_braces(text)
        if len(opened) > 1:
            # Several blocks run to the end of the file: one report, and skip them all.
            return _skip_rest(text, opened[0][0], damaged)
        err = opened[0][0] if opened else len(lines)
    else:
        err = exc.line if exc.line and exc.line > 0 else len(lines)
    err = min(max(err, 1), len(lines))
    statement = _statement_lines(lines, err)
    if statement is not None:
        # Only this attribute goes: the rest of its block is read, and its problems reported.
        for i in range(statement[0] - 1, statement[1]):
            lines[i] = ""
        return "\n".join(lines)
    start = err
    while start > 1 and not _DECL_START.match(lines[start - 1]):
        start -= 1
    stop = err + 1
    while stop <= len(lines) and not _DECL_START.match(lines[stop - 1]):
        stop += 1
    head = _DECL_HEAD.match(lines[start - 1])
    if head:
        damaged.add(head.group(2))
    for i in range(start - 1, stop - 1):
        lines[i] = ""
    return "\n".join(lines)
