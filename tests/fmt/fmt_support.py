"""What the formatter tests compare: meaning, comments and where each comment sits.

``facts`` turns a loaded model into plain nested tuples without spans, so two
models compare equal exactly when they say the same thing. ``anchors`` says
what each comment is attached to, independently of line numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lark import Token

from govrules.fmt import BOM, encode_like, format_text, newline_of
from govrules.loader import loads
from govrules.model.model import Model
from govrules.model.objects import Declaration
from govrules.model.values import Ref
from govrules.suppress import parse_suppressions
from govrules.syntax.parser import normalize_newlines, parse
from govrules.syntax.tree import Stmt
from govrules.vocabulary import KINDS, TOP_LEVEL_KINDS

REPO = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).parent / "golden"
BOM_BYTES = BOM.encode("utf-8")
SUPPRESSION = re.compile(r"#+\s*govrules\b", re.IGNORECASE)
"""A comment the suppression reader looks at (as govrules.suppress matches them)."""


def golden_inputs() -> list[Path]:
    """Every golden input file (``*.gov`` that is not ``*.expected.gov``)."""
    return sorted(p for p in GOLDEN.glob("*.gov") if not p.name.endswith(".expected.gov"))


def example_files() -> list[Path]:
    """Every ``.gov`` file under ``examples/`` (globbed, so new examples are covered)."""
    return sorted((REPO / "examples").rglob("*.gov"))


def format_file_bytes(data: bytes, name: str = "<bytes>") -> bytes:
    """What ``govrules fmt`` writes for a file with these bytes (BOM and line endings kept)."""
    text = data.decode("utf-8-sig")
    return encode_like(format_text(text, name), newline_of(text), data.startswith(BOM_BYTES))


def value_facts(value: Any) -> Any:
    """A value without its span: references by name and what they resolved to."""
    if value is None:
        return None
    if isinstance(value, tuple):
        return tuple(value_facts(v) for v in value)
    if isinstance(value, Ref):
        target = (value.target.KIND, value.target.id) if value.target is not None else None
        return ("ref", value.name, target)
    return (type(value).__name__, value.value, str(value))


def declaration_facts(decl: Declaration) -> tuple[Any, ...]:
    """A declaration as plain tuples: kind, id, label, every attribute, nested declarations."""
    spec = KINDS[decl.KIND]
    attributes = tuple(
        (name, value_facts(getattr(decl, attr.field))) for name, attr in spec.attributes.items()
    )
    identifier = (
        value_facts(getattr(decl, spec.identifier_ref.field)) if spec.identifier_ref else None
    )
    nested = tuple(
        (kind, tuple(declaration_facts(d) for d in getattr(decl, n.field)))
        for kind, n in spec.nested.items()
    )
    label = decl.label.value if decl.label is not None else None
    return (decl.KIND, decl.id, label, identifier, attributes, nested)


def facts(model: Model) -> tuple[Any, ...]:
    """The whole model as plain nested tuples, spans left out."""
    return tuple(
        (kind, tuple(declaration_facts(d) for d in getattr(model, KINDS[kind].plural).values()))
        for kind in TOP_LEVEL_KINDS
    )


def diagnostic_codes(model: Model) -> list[str]:
    """The codes of the model diagnostics, sorted (their lines may move)."""
    return sorted(f.code for f in model.diagnostics)


def suppressions(text: str) -> list[tuple[Any, ...]]:
    """The suppressions written in the text: codes, end date, reason; and malformed ones' codes."""
    parsed = parse(text)
    found, problems = parse_suppressions(parsed.comments)
    return [(s.codes, s.until, s.reason) for s in found] + [(p.code,) for p in problems]


def comment_texts(text: str) -> list[str]:
    """Every comment, in order, without trailing blanks (the formatter removes those)."""
    parsed = parse(text)
    ordered = sorted(parsed.comments, key=lambda c: (c.span.line, c.span.column))
    return [c.text.rstrip(" \t\f\v") for c in ordered]


def _tokens(stmts: tuple[Stmt, ...]) -> Iterator[tuple[Token, bool]]:
    """Every token in document order, and whether it is the head of a statement."""
    for stmt in stmts:
        yield stmt.head, True
        for item in stmt.items:
            for tok in item:
                yield tok, False
        if stmt.block is not None:
            yield stmt.block.open, False
            yield from _tokens(stmt.block.stmts)
            yield stmt.block.close, False


def anchors(text: str) -> list[tuple[Any, ...]]:
    """What each comment is attached to, by token order rather than by line.

    An end-of-line comment: the first statement head on its line or, on a line
    where no statement starts, the line's last token (the rule of
    ``docs/formatting.md``). A full-line comment: the token it precedes, and
    whether it stands directly above that token when the token starts a
    statement (a suppression written above a declaration must stay directly
    above it).
    """
    parsed = parse(normalize_newlines(text).removeprefix(BOM))
    tokens = list(_tokens(parsed.stmts))
    starts = [(int(t.line or 0), int(t.column or 0)) for t, _ in tokens]
    out: list[tuple[Any, ...]] = []
    for comment in sorted(parsed.comments, key=lambda c: (c.span.line, c.span.column)):
        line = comment.span.line
        on_line = [i for i, (t, _) in enumerate(tokens) if t.end_line == line]
        if on_line:
            heads = [i for i in on_line if tokens[i][1]]
            out.append(("end-of-line", heads[0] if heads else on_line[-1]))
            continue
        after = next(
            (i for i, s in enumerate(starts) if s > (line, comment.span.column)), len(tokens)
        )
        is_head = after < len(tokens) and tokens[after][1]
        directly = is_head and starts[after][0] == line + 1
        out.append(("above", after, directly))
    return out


def suppression_coverage(text: str) -> list[frozenset[int] | None]:
    """Per comment, the statements a suppression there covers.

    At the end of a line of code it covers that line's statements; on a line of
    its own, those of the next line.

    ``None`` for comments that are not suppressions, and for those next to a
    line the formatter has to split (one with several statements, or with a
    statement and the ``}`` of a block above it): after the split a
    suppression covers only the first of them, as docs/formatting.md says.
    """
    source = normalize_newlines(text).removeprefix(BOM)
    parsed = parse(source)
    source_lines = source.split("\n")
    heads: dict[int, list[int]] = {}
    split: set[int] = set()
    for index, (tok, is_head) in enumerate(_tokens(parsed.stmts)):
        line = int(tok.line or 0)
        if is_head:
            heads.setdefault(line, []).append(index)
            if len(heads[line]) > 1:
                split.add(line)
        elif tok.type == "RBRACE" and line in heads and heads[line][0] < index:
            split.add(line)
    out: list[frozenset[int] | None] = []
    for comment in sorted(parsed.comments, key=lambda c: (c.span.line, c.span.column)):
        line = comment.span.line
        if not SUPPRESSION.match(comment.text.strip()) or {line, line + 1} & split:
            out.append(None)
        elif source_lines[line - 1][: comment.span.column - 1].strip():
            out.append(frozenset(heads.get(line, [])))  # at the end of a line: that line only
        else:
            out.append(frozenset(heads.get(line + 1, [])))  # on its own line: the next one
    return out


def assert_formatting_keeps(text: str) -> str:
    """Format ``text`` and check everything the formatter promises; return the result."""
    once = format_text(text)
    assert format_text(once) == once, "not idempotent"
    before, after = loads(text), loads(once)
    assert facts(after) == facts(before), "meaning changed"
    assert diagnostic_codes(after) == diagnostic_codes(before), "diagnostics changed"
    assert comment_texts(once) == comment_texts(normalize_newlines(text)), "comments changed"
    assert anchors(once) == anchors(text), "a comment moved away from what it annotates"
    assert suppressions(once) == suppressions(normalize_newlines(text)), "suppressions changed"
    covered = zip(suppression_coverage(text), suppression_coverage(once), strict=True)
    assert all(b is None or b == a for b, a in covered), "a suppression covers other statements"
    lines = once.split("\n")
    assert once == "" or (once.endswith("\n") and not once.endswith("\n\n")), "final newline"
    assert all(line == line.rstrip(" \t") for line in lines), "trailing whitespace"
    return once
