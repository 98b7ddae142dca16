"""The wiring: LSP messages to the workspace state and the features, results back.

Every handler is guarded: whatever goes wrong inside one is logged to the
client (``window/logMessage``) and answered with nothing, so the server
never dies on what a client sends. Linting after an edit is scheduled, not
done in the handler: edits that arrive together are linted once, with the
newest texts, and each publication carries the document version it was
made from, so an older result is never published after a newer one.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from govrules import __version__
from govrules.config import LANGUAGES
from govrules.lsp.diagnostics import default_docs_url, to_diagnostic, uri_of
from govrules.lsp.positions import UTF16
from govrules.lsp.state import Snapshot, WorkspaceState, absolute, folder_paths

log = logging.getLogger("govrules.lsp")

F = TypeVar("F", bound=Callable[..., Any])

WATCHED = ("**/*.gov", "**/govrules.toml", "**/pyproject.toml", "**/*.rules")
"""What the server asks the client to watch on disk (a file deleted, a configuration edited)."""


class GovrulesServer(LanguageServer):
    """The language server, with the workspace state it keeps between messages."""

    def __init__(self) -> None:
        super().__init__("govrules", __version__)
        self.state = WorkspaceState()
        self.docs_url: str | None = default_docs_url()
        self.dirty: dict[str, None] = {}
        self.flush_handle: asyncio.Handle | None = None
        self.published: dict[str, list[types.Diagnostic]] = {}
        """What was last published for each file."""
        self.edited: set[str] = set()
        """Documents opened or changed since their diagnostics were last published."""

    # --- helpers for the features ----------------------------------------------------

    @property
    def encoding(self) -> str:
        try:
            encoding = self.workspace.position_encoding
        except RuntimeError:  # not initialized yet
            return UTF16
        return str(encoding) if encoding is not None else UTF16

    @property
    def lang(self) -> str:
        for snapshot in self.state.snapshots.values():
            return snapshot.linted.report.lang
        return self.state.lang or "en"

    def snapshot(self, uri: str) -> tuple[Snapshot, str] | None:
        """The fresh snapshot a document belongs to, and the document's path."""
        path = _path(uri)
        if path is None:
            return None
        self.flush()
        snapshot = self.state.snapshot_for(path)
        if snapshot is None:
            snapshot = self.state.lint(self.state.target_of(path))
            if snapshot is not None:
                self.publish(snapshot)
        return None if snapshot is None else (snapshot, path)

    # --- linting and publishing ------------------------------------------------------

    def schedule(self, target: str) -> None:
        """Lint ``target`` soon: once for all the edits that arrive before it runs."""
        self.dirty[target] = None
        if self.flush_handle is None:
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                self.flush()
                return
            self.flush_handle = loop.call_soon(self.flush)

    def flush(self) -> None:
        """Lint every target edited since the last lint, and publish what changed."""
        if self.flush_handle is not None:
            self.flush_handle.cancel()
            self.flush_handle = None
        while self.dirty:
            target = next(iter(self.dirty))
            del self.dirty[target]
            snapshot = self.state.lint(target)
            error = self.state.errors.get(target)
            if error is not None:
                self.window_show_message(
                    types.ShowMessageParams(
                        type=types.MessageType.Error,
                        message=f"govrules: {error.render(self.lang)}",
                    )
                )
            if snapshot is not None:
                self.publish(snapshot)
            else:
                self.clear(target)

    def publish(self, snapshot: Snapshot) -> None:
        """Publish the diagnostics of every file whose diagnostics changed."""
        lang = snapshot.linted.report.lang
        encoding = self.encoding
        files = list(self.state.published_files(snapshot))
        fresh: dict[str, list[types.Diagnostic]] = {}
        for path in files:
            fresh[path] = [
                to_diagnostic(f, snapshot, encoding, lang, self.docs_url)
                for f in snapshot.findings.get(path, ())
            ]
        in_target = snapshot.target if snapshot.target in self.state.folders else None
        if in_target is not None:
            for path in list(self.published):
                if path not in fresh and self.state.target_of(path) == in_target:
                    fresh[path] = []
        # The edited documents last: once theirs is out, the whole lint is published.
        order = sorted(fresh, key=lambda p: p in self.edited)
        for path in order:
            diagnostics = fresh[path]
            before = self.published.get(path)
            edited = path in self.edited
            if not edited and (before == diagnostics or (before is None and not diagnostics)):
                continue
            self.edited.discard(path)
            self.published[path] = diagnostics
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(
                    uri=uri_of(path),
                    diagnostics=diagnostics,
                    version=snapshot.versions.get(path),
                )
            )

    def clear(self, target: str) -> None:
        """Publish no diagnostics for the files of a target that is gone."""
        for path in list(self.published):
            if self.state.target_of(path) == target:
                del self.published[path]
                self.text_document_publish_diagnostics(
                    types.PublishDiagnosticsParams(uri=uri_of(path), diagnostics=[])
                )


def _path(uri: str) -> str | None:
    if not uri.startswith("file:"):
        return None
    path = to_fs_path(uri)
    return None if path is None else absolute(path)


def guarded(f: F) -> F:
    """Run a handler; anything it raises is logged to the client and answered with nothing."""

    @functools.wraps(f)
    def run(ls: GovrulesServer, *args: Any) -> Any:
        try:
            return f(ls, *args)
        except Exception:
            text = traceback.format_exc()
            log.error("internal error in %s:\n%s", f.__name__, text)
            # A broken pipe while telling the client must not kill the server either.
            with contextlib.suppress(Exception):
                ls.window_log_message(
                    types.LogMessageParams(
                        type=types.MessageType.Error,
                        message=f"govrules: internal error in {f.__name__}:\n{text}",
                    )
                )
            return None

    return run  # type: ignore[return-value]


def make_server() -> GovrulesServer:
    """A server with every feature registered (one per process, or per test)."""
    server = GovrulesServer()

    @server.feature(types.INITIALIZE)
    @guarded
    def initialize(ls: GovrulesServer, params: types.InitializeParams) -> None:
        options = params.initialization_options
        lang = None
        docs = ls.docs_url
        if isinstance(options, dict):
            wanted = options.get("lang")
            if isinstance(wanted, str) and wanted in LANGUAGES:
                lang = wanted
            url = options.get("docsUrl")
            if isinstance(url, str) and url:
                docs = url
        ls.docs_url = docs
        uris: list[str | None] = [f.uri for f in params.workspace_folders or ()]
        if not uris:
            uris = [params.root_uri or (uri_of(params.root_path) if params.root_path else None)]
        ls.state = WorkspaceState(folder_paths(uris), lang)

    @server.feature(types.INITIALIZED)
    @guarded
    def initialized(ls: GovrulesServer, params: types.InitializedParams) -> None:
        watch = ls.client_capabilities.workspace
        if (
            watch is not None
            and watch.did_change_watched_files is not None
            and watch.did_change_watched_files.dynamic_registration
        ):
            ls.client_register_capability(
                types.RegistrationParams(
                    registrations=[
                        types.Registration(
                            id="govrules-watch",
                            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                            register_options=types.DidChangeWatchedFilesRegistrationOptions(
                                watchers=[types.FileSystemWatcher(glob_pattern=g) for g in WATCHED]
                            ),
                        )
                    ]
                )
            )
        for folder in ls.state.folders:
            ls.schedule(folder)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    @guarded
    def did_open(ls: GovrulesServer, params: types.DidOpenTextDocumentParams) -> None:
        _edited(ls, params.text_document.uri, params.text_document.version)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    @guarded
    def did_change(ls: GovrulesServer, params: types.DidChangeTextDocumentParams) -> None:
        _edited(ls, params.text_document.uri, params.text_document.version)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    @guarded
    def did_save(ls: GovrulesServer, params: types.DidSaveTextDocumentParams) -> None:
        path = _path(params.text_document.uri)
        if path is not None:
            ls.schedule(ls.state.target_of(path))

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    @guarded
    def did_close(ls: GovrulesServer, params: types.DidCloseTextDocumentParams) -> None:
        path = _path(params.text_document.uri)
        if path is None:
            return
        inside = ls.state.target_of(path) != path
        target = ls.state.close(path)
        if inside:
            ls.schedule(target)
        elif path in ls.published:
            del ls.published[path]
            ls.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri_of(path), diagnostics=[])
            )

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    @guarded
    def watched(ls: GovrulesServer, params: types.DidChangeWatchedFilesParams) -> None:
        for change in params.changes:
            path = _path(change.uri)
            if path is None:
                continue
            if path in ls.state.documents and change.type == types.FileChangeType.Deleted:
                ls.state.close(path)
            # A configuration or ruleset may change every folder's findings.
            targets = [ls.state.target_of(path)] if path.endswith(".gov") else ls.state.targets()
            for target in targets:
                ls.schedule(target)

    from govrules.lsp import features

    features.register(server, guarded)
    return server


def _edited(ls: GovrulesServer, uri: str, version: int | None) -> None:
    path = _path(uri)
    if path is None:
        return
    document = ls.workspace.get_text_document(uri)
    ls.edited.add(path)
    ls.schedule(ls.state.open(path, document.source, version))


def serve() -> None:
    """Serve over stdin and stdout until the client says exit."""
    make_server().start_io()
