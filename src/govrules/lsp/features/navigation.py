"""Go to definition, find references, the outline of a file and the workspace's symbols."""

from __future__ import annotations

from collections.abc import Iterable

from lsprotocol import types

from govrules.lsp.diagnostics import uri_of
from govrules.lsp.index import Index, Occurrence, identifier_span
from govrules.lsp.state import Snapshot, absolute
from govrules.model.objects import Declaration, NestedDeclaration
from govrules.source import Span
from govrules.vocabulary import KINDS

SYMBOL_KINDS: dict[str, types.SymbolKind] = {
    "organization": types.SymbolKind.Class,
    "body": types.SymbolKind.Struct,
    "product": types.SymbolKind.Package,
    "financing": types.SymbolKind.Event,
    "mandate": types.SymbolKind.Key,
    "agreement": types.SymbolKind.Interface,
    "goal": types.SymbolKind.Constant,
    "contract": types.SymbolKind.Object,
    "policy": types.SymbolKind.Namespace,
    "assignment": types.SymbolKind.Method,
    "dialogue": types.SymbolKind.Event,
    "participant": types.SymbolKind.Property,
    "result": types.SymbolKind.Field,
    "risk": types.SymbolKind.EnumMember,
    "term": types.SymbolKind.String,
    "role": types.SymbolKind.Property,
}
"""The outline icon of each kind (LSP has no governance kinds; these read well)."""


def occurrence_at(
    snapshot: Snapshot, path: str, position: types.Position, encoding: str
) -> Occurrence | None:
    """The identifier under the cursor, if any."""
    index = snapshot.index()
    if index is None:
        return None
    line, column = snapshot.lines(path, encoding).point(position)
    return index.at(snapshot.name_of(path), line, column)


def location(snapshot: Snapshot, span: Span, encoding: str) -> types.Location:
    path = absolute(span.file)
    return types.Location(uri=uri_of(path), range=snapshot.lines(path, encoding).range(span))


def definition(
    snapshot: Snapshot, path: str, position: types.Position, encoding: str
) -> types.Location | None:
    """Where the identifier under the cursor is declared."""
    occurrence = occurrence_at(snapshot, path, position, encoding)
    index = snapshot.index()
    if occurrence is None or occurrence.target is None or index is None:
        return None
    target = index.definition(occurrence.target)
    span = target.span if target is not None else occurrence.target.span
    return location(snapshot, span, encoding)


def occurrences_of(index: Index, decl: Declaration, with_definition: bool) -> list[Occurrence]:
    """Every reference to a declaration (and its definition), in reading order."""
    found = list(index.references(decl))
    if with_definition:
        own = index.definition(decl)
        if own is not None:
            found.append(own)
    return sorted(found, key=lambda o: o.span.sort_key)


def references(
    snapshot: Snapshot, path: str, position: types.Position, encoding: str, with_definition: bool
) -> list[types.Location] | None:
    """Every place that names the declaration under the cursor."""
    occurrence = occurrence_at(snapshot, path, position, encoding)
    index = snapshot.index()
    if occurrence is None or occurrence.target is None or index is None:
        return None
    return [
        location(snapshot, o.span, encoding)
        for o in occurrences_of(index, occurrence.target, with_definition)
    ]


def _children(decl: Declaration) -> Iterable[Declaration]:
    for nested in KINDS[decl.KIND].nested.values():
        yield from getattr(decl, nested.field)


def _symbol(snapshot: Snapshot, decl: Declaration, encoding: str) -> types.DocumentSymbol:
    lines = snapshot.lines(absolute(decl.span.file), encoding)
    own = identifier_span(decl, snapshot.model.sources if snapshot.model else {})
    return types.DocumentSymbol(
        name=decl.id,
        detail=f"{decl.KIND}" + (f" {decl.label.value}" if decl.label is not None else ""),
        kind=SYMBOL_KINDS.get(decl.KIND, types.SymbolKind.Object),
        range=lines.range(decl.extent),
        selection_range=lines.range(own if own is not None else decl.span),
        children=[_symbol(snapshot, child, encoding) for child in _children(decl)] or None,
    )


def document_symbols(
    snapshot: Snapshot, path: str, encoding: str
) -> list[types.DocumentSymbol] | None:
    """The outline of a file: its declarations, each with its nested ones."""
    model = snapshot.model
    if model is None:
        return None
    name = snapshot.name_of(path)
    tops = [d for d in model if d.span.file == name]
    return [_symbol(snapshot, d, encoding) for d in sorted(tops, key=lambda d: d.span.sort_key)]


def _matches(query: str, decl: Declaration) -> bool:
    if not query:
        return True
    wanted = query.lower()
    label = decl.label.value.lower() if decl.label is not None else ""
    return wanted in decl.id.lower() or wanted in label


MAX_WORKSPACE_SYMBOLS = 500
"""At most this many answers to a workspace symbol query (a short query matches thousands)."""


def workspace_symbols(
    snapshots: Iterable[Snapshot], query: str, encoding: str
) -> list[types.WorkspaceSymbol]:
    """The declarations whose identifier or label contains ``query`` (any case)."""
    found: list[types.WorkspaceSymbol] = []
    for snapshot in snapshots:
        index = snapshot.index()
        if index is None:
            continue
        for decl in index.declarations:
            if not _matches(query, decl):
                continue
            container = decl.parent.name if isinstance(decl, NestedDeclaration) else None
            own = index.definition(decl)
            found.append(
                types.WorkspaceSymbol(
                    name=decl.id,
                    kind=SYMBOL_KINDS.get(decl.KIND, types.SymbolKind.Object),
                    location=location(snapshot, own.span if own else decl.span, encoding),
                    container_name=container,
                )
            )
            if len(found) >= MAX_WORKSPACE_SYMBOLS:
                return found
    return found
