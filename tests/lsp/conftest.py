"""A pytest-lsp client driving the real server (``python -m govrules lsp``) over stdio."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest_asyncio
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from tests.lsp.wire import file_uri

SHUTDOWN_TIMEOUT = 30
"""Seconds the server has to shut down and exit."""


class Session:
    """A client with the helpers the tests share."""

    def __init__(self, client: LanguageClient) -> None:
        self.client = client
        self.published: list[types.PublishDiagnosticsParams] = []
        self.started = False
        self.registrations: list[types.Registration] = []

    async def start(
        self, root: Path | None, options: dict[str, Any] | None = None
    ) -> types.InitializeResult:
        self.started = True
        return await self.client.initialize_session(
            types.InitializeParams(
                capabilities=client_capabilities("visual-studio-code"),
                root_uri=file_uri(root) if root is not None else None,
                initialization_options=options or {},
            )
        )

    def open(self, path: Path, text: str | None = None, version: int = 1) -> str:
        uri = file_uri(path)
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=uri,
                    language_id="govrules",
                    version=version,
                    text=path.read_text(encoding="utf-8") if text is None else text,
                )
            )
        )
        return uri

    def change(self, uri: str, version: int, text: str) -> None:
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )

    def mark(self) -> int:
        """A point in the publications: :meth:`diagnostics` with ``after`` looks beyond it."""
        return len(self.published)

    async def diagnostics(
        self, uri: str, version: int | None = None, after: int = 0
    ) -> list[types.Diagnostic]:
        """The first publication for ``uri`` (of ``version``) after the mark ``after``."""
        seen = after
        while True:
            for params in self.published[seen:]:
                if params.uri == uri and (version is None or params.version == version):
                    return list(params.diagnostics)
            seen = max(seen, len(self.published))
            await self.client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)

    async def sync(self) -> None:
        """Wait until the server has handled all sent so far (requests are answered after)."""
        await self.client.workspace_symbol_async(types.WorkspaceSymbolParams(query="\0none"))


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[sys.executable, "-m", "govrules", "lsp"]),
)
async def lsp_raw(lsp_client: LanguageClient) -> AsyncIterator[None]:
    """The client connected to a fresh server (pytest-lsp yields the client itself)."""
    yield


@pytest_asyncio.fixture
async def lsp(lsp_raw: LanguageClient) -> AsyncIterator[Session]:
    """A session on the client, recording every publication; shuts the server down after."""
    session = Session(lsp_raw)
    features = lsp_raw.protocol.fm.features
    original = features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS]

    def record(params: types.PublishDiagnosticsParams) -> None:
        session.published.append(params)
        original(params)

    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = record

    @lsp_raw.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        session.registrations.extend(params.registrations)

    yield session
    if not session.started:
        await session.start(None)
    # A server that does not answer must fail the test, not hang it.
    await asyncio.wait_for(lsp_raw.shutdown_session(), SHUTDOWN_TIMEOUT)
