"""Text synchronisation: live diagnostics, quick edits, deleted and outside files, bad input."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from lsprotocol import types
from tests.hostile.hostile_support import fuzz_module
from tests.lsp.conftest import Session
from tests.lsp.wire import WireClient, file_uri

pytestmark = [pytest.mark.slow, pytest.mark.asyncio]

ORGS = "organization gem_a {\n  kind municipality\n}\n"
PRODUCTS = "product p {\n  owner gem_a\n}\n"


def write(tmp_path: Path) -> tuple[Path, Path]:
    orgs, products = tmp_path / "orgs.gov", tmp_path / "products.gov"
    orgs.write_text(ORGS, encoding="utf-8")
    products.write_text(PRODUCTS, encoding="utf-8")
    return orgs, products


async def test_a_typo_appears_after_did_change_and_breaks_other_files(
    lsp: Session, tmp_path: Path
) -> None:
    orgs, products = write(tmp_path)
    result = await lsp.start(tmp_path)
    assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf16
    uri = lsp.open(orgs)
    assert await lsp.diagnostics(uri, version=1) == []
    mark = lsp.mark()
    lsp.change(uri, 2, ORGS.replace("gem_a", "gem_b"))
    assert await lsp.diagnostics(uri, version=2) == []
    broken = await lsp.diagnostics(file_uri(products), after=mark)
    assert [(d.code, d.range.start.line, d.range.start.character) for d in broken] == [
        ("GR302", 1, 8)
    ]
    assert "did you mean 'gem_b'?" in broken[0].message
    assert [r.method for r in lsp.registrations] == ["workspace/didChangeWatchedFiles"]
    mark = lsp.mark()
    lsp.change(uri, 3, ORGS.replace("municipality", "municipalty"))
    typo = await lsp.diagnostics(uri, version=3)
    assert [(d.code, d.severity) for d in typo] == [("GR204", types.DiagnosticSeverity.Error)]
    assert typo[0].code_description is not None
    assert typo[0].code_description.href.endswith("rules.md#model-diagnostics")
    # The reference resolves again: the other file's diagnostics are withdrawn.
    assert await lsp.diagnostics(file_uri(products), after=mark) == []


async def test_two_quick_edits_never_publish_the_older_after_the_newer(
    lsp: Session, tmp_path: Path
) -> None:
    orgs, _products = write(tmp_path)
    await lsp.start(tmp_path)
    uri = lsp.open(orgs)
    await lsp.diagnostics(uri, version=1)
    lsp.change(uri, 2, ORGS.replace("municipality", "older_typo"))
    lsp.change(uri, 3, ORGS.replace("municipality", "newer_typo"))
    newest = await lsp.diagnostics(uri, version=3)
    assert ["newer_typo" in d.message for d in newest] == [True]
    await lsp.sync()
    versions = [p.version for p in lsp.published if p.uri == uri]
    assert versions[-1] == 3
    assert versions.index(3) == len(versions) - 1
    assert all(v in (1, 2) for v in versions[:-1])


async def test_a_deleted_file_leaves_the_model(lsp: Session, tmp_path: Path) -> None:
    orgs, products = write(tmp_path)
    orgs.write_text(ORGS.replace("municipality", "municipalty"), encoding="utf-8")
    await lsp.start(tmp_path)
    first = await lsp.diagnostics(file_uri(orgs))
    assert [d.code for d in first] == ["GR204"]
    orgs.unlink()
    mark = lsp.mark()
    lsp.client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=file_uri(orgs), type=types.FileChangeType.Deleted)]
        )
    )
    assert await lsp.diagnostics(file_uri(orgs), after=mark) == []
    gone = await lsp.diagnostics(file_uri(products), after=mark)
    assert [d.code for d in gone] == ["GR302"]


async def test_a_file_outside_the_workspace_is_linted_alone(lsp: Session, tmp_path: Path) -> None:
    workspace, outside = tmp_path / "ws", tmp_path / "elsewhere"
    workspace.mkdir()
    outside.mkdir()
    write(workspace)
    stray = outside / "stray.gov"
    stray.write_text(PRODUCTS, encoding="utf-8")
    await lsp.start(workspace)
    uri = lsp.open(stray)
    found = await lsp.diagnostics(uri, version=1)
    assert [d.code for d in found] == ["GR302"]  # gem_a is in the workspace, not its model
    mark = lsp.mark()
    lsp.client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert await lsp.diagnostics(uri, after=mark) == []


async def test_syntax_errors_are_diagnostics_and_features_still_answer(
    lsp: Session, tmp_path: Path
) -> None:
    orgs, _products = write(tmp_path)
    await lsp.start(tmp_path)
    text = 'organization gem_a {\n  kind municipality\n  mission "open\n}\nproduct p {\n'
    uri = lsp.open(orgs, text)
    found = await lsp.diagnostics(uri, version=1)
    assert [(d.code, d.range.start.line) for d in found][:1] == [("GR102", 2)]
    completion = await lsp.client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=4, character=0),
        )
    )
    assert completion is not None


def _edit(rng: random.Random, text: str) -> dict[str, object]:
    """A random incremental change, its positions sometimes far outside the text."""
    lines = text.split("\n")

    def position() -> dict[str, int]:
        line = rng.randrange(len(lines) + 3)
        return {"line": line, "character": rng.randrange(200)}

    start, end = sorted([position(), position()], key=lambda p: (p["line"], p["character"]))
    if rng.random() < 0.2:
        start, end = end, start  # reversed ranges happen too
    insert = text[rng.randrange(len(text) + 1) :][: rng.randrange(40)] if text else "x"
    return {"range": {"start": start, "end": end}, "text": insert}


@pytest.mark.asyncio(loop_scope="function")
async def test_hostile_text_synchronisation_never_kills_the_server(tmp_path: Path) -> None:
    fuzz = fuzz_module()
    write(tmp_path)
    rng = random.Random(16)  # noqa: S311 - seeded: the same edits every run
    client = WireClient(cwd=tmp_path)
    try:
        client.initialize(tmp_path)
        uri = client.open(tmp_path / "orgs.gov", ORGS)
        version = 1
        for index in range(60):
            case = fuzz.make_case(16, index)
            text = case.data if isinstance(case.data, str) else case.data.decode("utf-8", "replace")
            version += 1
            if index % 2:
                changes = [{"text": text}]
            else:
                changes = [_edit(rng, text) for _ in range(rng.randrange(1, 4))]
            client.notify(
                "textDocument/didChange",
                {"textDocument": {"uri": uri, "version": version}, "contentChanges": changes},
            )
            if index % 10 == 9:
                client.request(
                    "textDocument/hover",
                    {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 3}},
                )
        client.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": version + 1},
                "contentChanges": [{"text": ORGS.replace("municipality", "municipalty")}],
            },
        )
        final = client.wait_for("textDocument/publishDiagnostics", uri, version=version + 1)
        assert [d["code"] for d in final["diagnostics"]] == ["GR204"]
        crashed = [
            n
            for n in client.notifications
            if n["method"] == "window/logMessage" and "internal error" in n["params"]["message"]
        ]
        assert crashed == []
    finally:
        assert client.close() == 0
    assert "Traceback" not in "".join(client.stderr)
