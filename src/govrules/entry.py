"""What one file contributes to a model, and that contribution as plain data.

This module sits below the loader, the cache and the worker processes: each
of them makes, stores or moves entries, and none of them needs the others to
do so (so there is no import cycle between ``loader`` and ``parallel``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

import attrs

from govrules.diagnostics import Finding, Severity
from govrules.model.build import build_file
from govrules.model.codec import (
    CodecError,
    decode_comment,
    decode_declarations,
    decode_finding,
    encode_comment,
    encode_declaration,
    encode_finding,
    pack_spans,
    unpack_spans,
)
from govrules.model.objects import Declaration
from govrules.source import Comment
from govrules.syntax.bidi import BIDI_CONTROLS, bidi_findings
from govrules.syntax.parser import parse
from govrules.syntax.tree import ParsedFile

_Built = tuple[list[Declaration], list[Finding], set[str]]
"""What :func:`govrules.model.build.build_file` returns for one file."""


@attrs.frozen(slots=True)
class SourceFile:
    """One file's text, or the finding that says why it has none."""

    name: str
    text: str | None
    problem: Finding | None = None


@attrs.frozen(slots=True)
class Entry:
    """What one file contributes to a model, as it was built from its text."""

    declarations: tuple[Declaration, ...]
    findings: tuple[Finding, ...]
    comments: tuple[Comment, ...]
    damaged: frozenset[str]


def file_entry(source: SourceFile, build: Callable[[ParsedFile], _Built] = build_file) -> Entry:
    """Parse and build one readable file: what it contributes to a model.

    ``build`` is the builder; the loader passes its own name for it, which is
    where tests put a failing one to see an internal error reported.
    """
    assert source.text is not None
    parsed = parse(source.text, source.name)
    decls, findings, damaged = build(parsed)
    syntax = [Finding(p.code, Severity.ERROR, p.message, p.span) for p in parsed.problems]
    if BIDI_CONTROLS.search(parsed.text) is not None:
        taken = {(f.location.line, f.location.column) for f in syntax}
        syntax.extend(bidi_findings(parsed.text, source.name, taken))
    return Entry(
        tuple(decls), (*syntax, *findings), parsed.comments, parsed.damaged_names | damaged
    )


def encode_entry(entry: Entry) -> dict[str, Any]:
    """An entry as plain JSON-able data; CodecError if it could not be decoded to the same entry."""
    numbers: list[int] = []
    decls = [encode_declaration(d, numbers) for d in entry.declarations]
    width, spans = pack_spans(numbers)
    return {
        "w": width,
        "s": spans,
        "d": decls,
        "f": [encode_finding(f) for f in entry.findings],
        "c": [encode_comment(c) for c in entry.comments],
        "x": sorted(entry.damaged),
    }


def decode_entry(data: Any, file: str) -> Entry:
    """The entry ``data`` holds, its spans in ``file``; CodecError for any shape not expected."""
    if type(data) is not dict:
        raise CodecError("bad entry")
    try:
        findings, comments, damaged = data["f"], data["c"], data["x"]
        if not (type(findings) is list and type(comments) is list and type(damaged) is list):
            raise CodecError("bad entry")
        if not all(type(x) is str for x in damaged):
            raise CodecError("bad damaged names")
        return Entry(
            declarations=decode_declarations(data["d"], unpack_spans(data["w"], data["s"], file)),
            findings=tuple([decode_finding(f, file) for f in findings]),
            comments=tuple([decode_comment(c, file) for c in comments]),
            damaged=frozenset(damaged),
        )
    except (KeyError, TypeError) as exc:
        raise CodecError(str(exc)) from None


class EntryStore(Protocol):
    """Where what a file contributed to a model is kept between loads, by content.

    The disk cache (:class:`govrules.cache.Cache`) is one; an editor's server
    keeps one in memory (:class:`govrules.workspace.MemoryCache`).
    """

    def get(self, text: str, file: str) -> Entry | None:
        """The entry of a file with this text, or None."""

    def put(self, text: str, entry: Entry) -> None:
        """Keep the entry of a file with this text."""
