"""Completion, rename and formatting.

Completion reads the cursor's context from the text (it rarely parses while
being typed): at the head of a statement it offers the kinds (top level) or
the attributes and nested kinds of the enclosing kind; after an attribute,
the words it allows (symbols, yes/no) or the declared identifiers of the
kinds it refers to. Rename changes an identifier's definition and every
reference to it across the workspace. Formatting is ``govrules fmt``'s.
"""

from __future__ import annotations

import re

from lsprotocol import types

from govrules.fmt import FormatError, format_text
from govrules.lsp import vocab
from govrules.lsp.context import cursor_context
from govrules.lsp.diagnostics import uri_of
from govrules.lsp.features.navigation import occurrence_at, occurrences_of
from govrules.lsp.positions import LineIndex
from govrules.lsp.state import Snapshot, absolute
from govrules.model.objects import NestedDeclaration
from govrules.model.values import ValueType
from govrules.vocabulary import KINDS

_IDENTIFIER = re.compile(r"[^\W\d][\w\-]*")


def _item(
    label: str, kind: types.CompletionItemKind, detail: str, doc: str
) -> types.CompletionItem:
    return types.CompletionItem(
        label=label,
        kind=kind,
        detail=detail,
        documentation=types.MarkupContent(kind=types.MarkupKind.Markdown, value=doc)
        if doc
        else None,
    )


def completion(
    snapshot: Snapshot, path: str, text: str, position: types.Position, encoding: str
) -> list[types.CompletionItem]:
    """What may be written at the cursor."""
    lang = snapshot.linted.report.lang
    lines = snapshot.lines(path, encoding)
    line, column = lines.point(position)
    context = cursor_context(text, line, column)
    inner = context.kind
    if context.in_head:
        if not context.kinds:
            return [
                _item(k, types.CompletionItemKind.Class, "kind", vocab.kind_doc(k, lang))
                for k in vocab.top_level_kinds()
            ]
        if inner is None:
            return []
        attributes, nested = vocab.words_inside(inner)
        return [
            *(
                _item(
                    a.name,
                    types.CompletionItemKind.Property,
                    f"{inner}.{a.name}: {vocab.value_description(a)}",
                    vocab.attribute_doc(inner, a, lang),
                )
                for a in attributes
            ),
            *(
                _item(
                    k, types.CompletionItemKind.Class, f"kind in {inner}", vocab.kind_doc(k, lang)
                )
                for k in nested
            ),
        ]
    attribute = context.attribute
    if inner is None or attribute is None:
        return []
    attr = KINDS[inner].attributes[attribute]
    if attr.symbols:
        return [
            _item(s, types.CompletionItemKind.EnumMember, f"{inner}.{attribute}", attr.doc)
            for s in attr.symbols
        ]
    if attr.type is ValueType.BOOLEAN:
        return [
            _item(w, types.CompletionItemKind.Keyword, f"{inner}.{attribute}", attr.doc)
            for w in vocab.BOOLEAN_WORDS
        ]
    if not attr.targets or attr.scope == "siblings":
        return []
    model = snapshot.model
    if model is None:
        return []
    items = []
    for target in attr.targets:
        for decl in model.all(target):
            if isinstance(decl, NestedDeclaration):
                continue
            label = decl.label.value if decl.label is not None else ""
            items.append(
                _item(
                    decl.id, types.CompletionItemKind.Reference, f"{decl.KIND} {label}".strip(), ""
                )
            )
    return items


def rename(
    snapshot: Snapshot, path: str, position: types.Position, new_name: str, encoding: str
) -> types.WorkspaceEdit | None:
    """The edit that renames the identifier under the cursor everywhere it is written.

    A name that is not an identifier is refused (a ``ValueError`` the server
    answers as an error); so is a top-level name that another declaration has.
    """
    occurrence = occurrence_at(snapshot, path, position, encoding)
    index = snapshot.index()
    if occurrence is None or occurrence.target is None or index is None:
        return None
    if not _IDENTIFIER.fullmatch(new_name):
        raise ValueError(f"{new_name!r} is not an identifier")
    target = occurrence.target
    model = snapshot.model
    if (
        model is not None
        and not isinstance(target, NestedDeclaration)
        and new_name != target.id
        and model.get(new_name) is not None
    ):
        raise ValueError(f"{new_name!r} is already declared")
    changes: dict[str, list[types.TextEdit]] = {}
    for o in occurrences_of(index, target, with_definition=True):
        file = absolute(o.span.file)
        changes.setdefault(uri_of(file), []).append(
            types.TextEdit(range=snapshot.lines(file, encoding).range(o.span), new_text=new_name)
        )
    return types.WorkspaceEdit(changes=changes)


def prepare_rename(
    snapshot: Snapshot, path: str, position: types.Position, encoding: str
) -> types.Range | None:
    """The range of the identifier under the cursor, when it can be renamed."""
    occurrence = occurrence_at(snapshot, path, position, encoding)
    if occurrence is None or occurrence.target is None:
        return None
    return snapshot.lines(path, encoding).range(occurrence.span)


def formatting(
    snapshot: Snapshot, path: str, text: str, encoding: str
) -> list[types.TextEdit] | None:
    """One edit replacing the whole text with its canonical layout; none when it does not parse."""
    try:
        formatted = format_text(text, snapshot.name_of(path))
    except FormatError:
        return None
    if formatted == text:
        return []
    end = LineIndex(text, encoding).end()
    whole = types.Range(start=types.Position(line=0, character=0), end=end)
    return [types.TextEdit(range=whole, new_text=formatted)]
