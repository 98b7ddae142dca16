"""Completion, rename, formatting and code actions, through pytest-lsp."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types
from tests.lsp.conftest import Session
from tests.lsp.wire import file_uri

pytestmark = [pytest.mark.slow, pytest.mark.asyncio]

MODEL = """\
organization gem_a {
  kind municipality
}

organization gem_b "Gemeente B" {
  kind municipality
}

product p {
  owner gem_a
}
"""
OTHER = """\
financing f {
  from gem_b
  to gem_a
  for p
}
"""


def doc(uri: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=uri)


def pos(line: int, character: int) -> types.Position:
    return types.Position(line=line, character=character)


async def labels(lsp: Session, uri: str, line: int, character: int) -> list[str]:
    found = await lsp.client.text_document_completion_async(
        types.CompletionParams(text_document=doc(uri), position=pos(line, character))
    )
    items = found.items if isinstance(found, types.CompletionList) else found or []
    return [item.label for item in items]


async def test_completion_offers_what_fits_the_cursor(lsp: Session, tmp_path: Path) -> None:
    (tmp_path / "other.gov").write_text(OTHER, encoding="utf-8")
    await lsp.start(tmp_path)
    text = MODEL + "\nproduct q {\n  \n  owner \n}\norganization g {\n  kind \n  \n}\n"
    uri = lsp.open(tmp_path / "m.gov", text)
    (tmp_path / "m.gov").write_text(text, encoding="utf-8")
    kinds = await labels(lsp, uri, 12, 0)
    assert kinds[:3] == ["organization", "body", "product"]
    assert "participant" not in kinds
    assert await labels(lsp, uri, 13, 2) == ["owner", "description", "executed_by"]
    assert await labels(lsp, uri, 14, 8) == ["gem_a", "gem_b", "g"]
    symbols = await labels(lsp, uri, 17, 7)
    assert symbols[:2] == ["municipality", "province"]
    inside = await labels(lsp, uri, 18, 2)
    assert "legal_form" in inside and "participant" in inside
    assert await labels(lsp, uri, 0, 14) == []  # on an identifier being declared


async def test_rename_across_files(lsp: Session, tmp_path: Path) -> None:
    (tmp_path / "m.gov").write_text(MODEL, encoding="utf-8")
    (tmp_path / "other.gov").write_text(OTHER, encoding="utf-8")
    await lsp.start(tmp_path)
    uri = lsp.open(tmp_path / "m.gov")
    prepared = await lsp.client.text_document_prepare_rename_async(
        types.PrepareRenameParams(text_document=doc(uri), position=pos(9, 9))
    )
    assert prepared == types.Range(start=pos(9, 8), end=pos(9, 13))
    edit = await lsp.client.text_document_rename_async(
        types.RenameParams(text_document=doc(uri), position=pos(9, 9), new_name="gemeente_á")
    )
    assert edit is not None and edit.changes is not None
    got = {
        u: sorted((e.range.start.line, e.range.start.character, e.new_text) for e in edits)
        for u, edits in edit.changes.items()
    }
    assert got == {
        uri: [(0, 13, "gemeente_á"), (9, 8, "gemeente_á")],
        file_uri(tmp_path / "other.gov"): [(2, 5, "gemeente_á")],
    }
    with pytest.raises(Exception, match="already declared"):
        await lsp.client.text_document_rename_async(
            types.RenameParams(text_document=doc(uri), position=pos(9, 9), new_name="gem_b")
        )
    with pytest.raises(Exception, match="not an identifier"):
        await lsp.client.text_document_rename_async(
            types.RenameParams(text_document=doc(uri), position=pos(9, 9), new_name="1 2")
        )


async def test_formatting_is_fmt(lsp: Session, tmp_path: Path) -> None:
    messy = "product   p {\n      owner gem_a\n}\norganization gem_a {\nkind municipality\n}\n"
    (tmp_path / "m.gov").write_text(messy, encoding="utf-8")
    await lsp.start(tmp_path)
    uri = lsp.open(tmp_path / "m.gov")
    options = types.FormattingOptions(tab_size=2, insert_spaces=True)
    edits = await lsp.client.text_document_formatting_async(
        types.DocumentFormattingParams(text_document=doc(uri), options=options)
    )
    from govrules.fmt import format_text

    assert list(edits or ()) == [
        types.TextEdit(
            range=types.Range(start=pos(0, 0), end=pos(6, 0)), new_text=format_text(messy)
        )
    ]
    lsp.change(uri, 2, "product p {\n  owner \n")
    broken = await lsp.client.text_document_formatting_async(
        types.DocumentFormattingParams(text_document=doc(uri), options=options)
    )
    assert broken is None


async def actions_at(lsp: Session, uri: str, line: int) -> list[types.CodeAction]:
    found = await lsp.client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=doc(uri),
            range=types.Range(start=pos(line, 0), end=pos(line, 0)),
            context=types.CodeActionContext(diagnostics=[]),
        )
    )
    return [a for a in found or [] if isinstance(a, types.CodeAction)]


async def test_code_actions_apply_did_you_mean_and_suppress(lsp: Session, tmp_path: Path) -> None:
    text = "organization centrum {\n  kind joint_organisation\n  serves each_participant\n}\n"
    (tmp_path / "m.gov").write_text(text, encoding="utf-8")
    await lsp.start(tmp_path)
    uri = lsp.open(tmp_path / "m.gov")
    typo = await actions_at(lsp, uri, 1)
    assert [a.title for a in typo] == ["Replace 'joint_organisation' with 'joint_organization'"]
    assert typo[0].edit is not None and typo[0].edit.changes is not None
    assert list(typo[0].edit.changes[uri]) == [
        types.TextEdit(
            range=types.Range(start=pos(1, 7), end=pos(1, 25)), new_text="joint_organization"
        )
    ]
    assert typo[0].diagnostics is not None and typo[0].diagnostics[0].code == "GR204"
    lsp.change(uri, 2, text.replace("organisation", "organization"))
    suppress = await actions_at(lsp, uri, 0)
    titles = [a.title for a in suppress]
    assert "Suppress COL005 here (then give the reason)" in titles
    action = suppress[titles.index("Suppress COL005 here (then give the reason)")]
    assert action.edit is not None and action.edit.changes is not None
    assert list(action.edit.changes[uri]) == [
        types.TextEdit(
            range=types.Range(start=pos(0, 0), end=pos(0, 0)),
            new_text="# govrules: ignore[COL005] -- <why this is accepted>\n",
        )
    ]
    # Applied with a real reason, the finding goes away.
    fixed = "# govrules: ignore[COL005] -- menu agreed per year\n" + text.replace(
        "organisation", "organization"
    )
    lsp.change(uri, 3, fixed)
    diagnostics = await lsp.diagnostics(uri, version=3)
    assert "COL005" not in {d.code for d in diagnostics}
    assert "COL007" in {d.code for d in diagnostics}
