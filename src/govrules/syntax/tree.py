"""The syntax tree: generic statements, before the vocabulary gives them meaning.

Every line of a ``.gov`` file is one :class:`Stmt`: a head word, comma-separated
items (each a run of atoms), and an optional block of nested statements. Atoms
are lark tokens, which carry their type, text and position.
"""

from __future__ import annotations

from typing import NamedTuple

from lark import Token

from govrules.messages import Message
from govrules.source import Comment, Span

Item = tuple[Token, ...]


class Block(NamedTuple):
    """``{ ... }``: the braces and the statements between them."""

    open: Token
    stmts: tuple[Stmt, ...]
    close: Token


class Stmt(NamedTuple):
    """``HEAD item, item ... { block }``."""

    head: Token
    items: tuple[Item, ...]
    block: Block | None


class SyntaxProblem(NamedTuple):
    """A syntax error, located, in words a reader of the file can act on."""

    code: str
    message: Message
    span: Span


class ParsedFile(NamedTuple):
    """One file's statements, comments and syntax problems."""

    name: str
    text: str
    stmts: tuple[Stmt, ...]
    comments: tuple[Comment, ...]
    problems: tuple[SyntaxProblem, ...]
    damaged_names: frozenset[str]
    """Identifiers of declarations skipped because of a syntax error (to avoid cascades)."""


def token_span(file: str, tok: Token) -> Span:
    """The span of one token."""
    return Span(file, tok.line, tok.column, tok.end_line, tok.end_column)  # type: ignore[arg-type]


def item_span(file: str, item: Item) -> Span:
    """The span of an item, from its first atom to its last."""
    first, last = item[0], item[-1]
    return Span(file, first.line, first.column, last.end_line, last.end_column)  # type: ignore[arg-type]


def stmt_span(file: str, stmt: Stmt) -> Span:
    """The span of a statement's line: head and items, not its block."""
    head = stmt.head
    last = stmt.items[-1][-1] if stmt.items else head
    return Span(file, head.line, head.column, last.end_line, last.end_column)  # type: ignore[arg-type]


def extent_span(file: str, stmt: Stmt) -> Span:
    """The span of a whole statement, its block included."""
    if stmt.block is None:
        return stmt_span(file, stmt)
    head, close = stmt.head, stmt.block.close
    return Span(file, head.line, head.column, close.end_line, close.end_column)  # type: ignore[arg-type]
