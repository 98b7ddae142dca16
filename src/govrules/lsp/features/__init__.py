"""The language features, one module each; :func:`register` wires them to a server.

Each handler asks the server for the fresh snapshot of the document (linting
first when an edit is still pending), so an answer never describes an older
text than the one the client holds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from lsprotocol import types

from govrules.lsp.features import actions, editing, hover, navigation

if TYPE_CHECKING:
    from govrules.lsp.server import GovrulesServer


def register(server: GovrulesServer, guarded: Callable[[Any], Any]) -> None:
    """Register every feature on ``server``, each handler wrapped in ``guarded``."""

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    @guarded
    def definition(ls: GovrulesServer, params: types.DefinitionParams) -> types.Location | None:
        found = ls.snapshot(params.text_document.uri)
        if found is None:
            return None
        snapshot, path = found
        return navigation.definition(snapshot, path, params.position, ls.encoding)

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    @guarded
    def references(
        ls: GovrulesServer, params: types.ReferenceParams
    ) -> list[types.Location] | None:
        found = ls.snapshot(params.text_document.uri)
        if found is None:
            return None
        snapshot, path = found
        return navigation.references(
            snapshot, path, params.position, ls.encoding, params.context.include_declaration
        )

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    @guarded
    def document_symbols(
        ls: GovrulesServer, params: types.DocumentSymbolParams
    ) -> list[types.DocumentSymbol] | None:
        found = ls.snapshot(params.text_document.uri)
        if found is None:
            return None
        snapshot, path = found
        return navigation.document_symbols(snapshot, path, ls.encoding)

    @server.feature(types.WORKSPACE_SYMBOL)
    @guarded
    def workspace_symbols(
        ls: GovrulesServer, params: types.WorkspaceSymbolParams
    ) -> list[types.WorkspaceSymbol]:
        ls.flush()
        return navigation.workspace_symbols(ls.state.all_snapshots(), params.query, ls.encoding)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    @guarded
    def on_hover(ls: GovrulesServer, params: types.HoverParams) -> types.Hover | None:
        found = ls.snapshot(params.text_document.uri)
        if found is None:
            return None
        snapshot, path = found
        text = snapshot.texts.get(path)
        if text is None:
            return None
        return hover.hover(snapshot, path, text, params.position, ls.encoding)

    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[" "])
    )
    @guarded
    def completion(
        ls: GovrulesServer, params: types.CompletionParams
    ) -> list[types.CompletionItem] | None:
        found = ls.snapshot(params.text_document.uri)
        if found is None:
            return None
        snapshot, path = found
        text = snapshot.texts.get(path)
        if text is None:
            return None
        return editing.completion(snapshot, path, text, params.position, ls.encoding)

    @server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
    @guarded
    def prepare_rename(ls: GovrulesServer, params: types.PrepareRenameParams) -> types.Range | None:
        found = ls.snapshot(params.text_document.uri)
        if found is None:
            return None
        snapshot, path = found
        return editing.prepare_rename(snapshot, path, params.position, ls.encoding)

    # Not guarded: a refused name is answered as an error the editor shows.
    @server.feature(types.TEXT_DOCUMENT_RENAME)
    def rename(ls: GovrulesServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
        found = ls.snapshot(params.text_document.uri)
        if found is None:
            return None
        snapshot, path = found
        return editing.rename(snapshot, path, params.position, params.new_name, ls.encoding)

    @server.feature(types.TEXT_DOCUMENT_FORMATTING)
    @guarded
    def formatting(
        ls: GovrulesServer, params: types.DocumentFormattingParams
    ) -> list[types.TextEdit] | None:
        found = ls.snapshot(params.text_document.uri)
        if found is None:
            return None
        snapshot, path = found
        text = ls.state.text_of(path)
        if text is None:
            return None
        return editing.formatting(snapshot, path, text, ls.encoding)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    @guarded
    def code_action(
        ls: GovrulesServer, params: types.CodeActionParams
    ) -> list[types.CodeAction] | None:
        found = ls.snapshot(params.text_document.uri)
        if found is None:
            return None
        snapshot, path = found
        return actions.code_actions(snapshot, path, params.range, ls.encoding, ls.docs_url)
