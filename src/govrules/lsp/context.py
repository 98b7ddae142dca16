"""What the cursor is on, read from the text alone (it may not parse while being typed).

Strings and comments are masked out first (same length, newlines kept);
then the braces before the cursor tell which declarations it is inside, and
the statement it is on tells whether it is on the head word (a kind or an
attribute) or on a value (a symbol, an identifier).
"""

from __future__ import annotations

import re

import attrs

from govrules.syntax.parser import prepare_text
from govrules.vocabulary import KINDS

_MASK = re.compile(r'"""[\s\S]*?(?:"""|\Z)|"(?:[^"\\\n]|\\.)*"?|#[^\n]*')
_WORD = re.compile(r"[^\W\d][\w\-]*")
_WORD_CHARS = re.compile(r"[\w\-]")


def mask(text: str) -> str:
    """``text`` with the insides of strings and comments blanked (lengths and newlines kept)."""

    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    return _MASK.sub(blank, text)


@attrs.frozen(slots=True)
class Context:
    """The cursor's place in the text."""

    kinds: tuple[str, ...]
    """The head words of the blocks the cursor is in, outermost first."""
    head: str | None
    """The head word of the statement the cursor is on (None on an empty statement)."""
    in_head: bool
    """True when the cursor is on the head word, or where it would be."""
    word: str
    """The word the cursor is on or just after ('' when none)."""
    start: int
    """The 1-based column where :attr:`word` starts (the cursor's, when there is none)."""
    end: int
    """The 1-based column just after :attr:`word`."""
    values_before: int
    """How many words and values the statement has between its head and the cursor."""

    @property
    def kind(self) -> str | None:
        """The innermost enclosing kind, when it is one of the vocabulary."""
        for word in reversed(self.kinds):
            return word if word in KINDS else None
        return None

    @property
    def attribute(self) -> str | None:
        """The attribute whose value the cursor is on (inside a known kind)."""
        kind = self.kind
        if self.in_head or kind is None or self.head is None:
            return None
        return self.head if self.head in KINDS[kind].attributes else None


def _statement_start(lines: list[str], number: int) -> int:
    """The index of the line the statement on line ``number`` (0-based) begins on."""
    start = number
    while start > 0:
        before = lines[start - 1].rstrip()
        if not before.endswith(","):
            break
        start -= 1
    return start


def cursor_context(text: str, line: int, column: int) -> Context:
    """The context of the cursor at govrules' (line, column), both 1-based."""
    lines = mask(prepare_text(text)).split("\n")
    number = min(max(line - 1, 0), len(lines) - 1)
    column = min(max(column, 1), len(lines[number]) + 1)
    first = _statement_start(lines, number)
    stack: list[str] = []
    head: str | None = None
    for i in range(first):
        if i == 0 or not lines[i - 1].rstrip().endswith(","):
            found = _WORD.search(lines[i])
            head = found.group(0) if found else None
        for ch in lines[i]:
            if ch == "{":
                stack.append(head or "")
            elif ch == "}" and stack:
                stack.pop()
    # The statement the cursor is on: from its first line up to the cursor.
    current = "\n".join([*lines[first:number], lines[number][: column - 1]])
    cut = max(current.rfind("{"), current.rfind("}"))
    if cut >= 0:  # a block opened or closed earlier on the line: the statement starts after it
        for ch in current[: cut + 1]:
            if ch == "{":
                found = _WORD.search(current)
                stack.append(found.group(0) if found else "")
            elif ch == "}" and stack:
                stack.pop()
        current = current[cut + 1 :]
    words = current.split()
    line_text = lines[number]
    start = column
    while start > 1 and _WORD_CHARS.match(line_text[start - 2]):
        start -= 1
    end = column
    while end <= len(line_text) and _WORD_CHARS.match(line_text[end - 1]):
        end += 1
    word = line_text[start - 1 : end - 1]
    if not _WORD.fullmatch(word):
        word = ""
    typing_head = len(words) == 0 or (len(words) == 1 and not current[-1:].isspace())
    if typing_head:
        return Context(tuple(stack), word or None, True, word, start, end, 0)
    head_word = words[0].rstrip(",")
    before = len(words) - 1 - (0 if current[-1:].isspace() else 1)
    return Context(tuple(stack), head_word, False, word, start, end, before)
