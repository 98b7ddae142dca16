"""Definition, references, the outline, workspace symbols and hover, through pytest-lsp."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types
from tests.lsp.conftest import Session
from tests.lsp.wire import file_uri

pytestmark = [pytest.mark.slow, pytest.mark.asyncio]

ORGS = """\
organization 𝔘trecht_ŋ "Gemeente" {
  kind municipality
}

organization wo {
  kind work_organization
  established_by 𝔘trecht_ŋ
  participant 𝔘trecht_ŋ {
    motive "shared services"
  }
}
"""
PRODUCTS = """\
product bijstand {
  owner 𝔘trecht_ŋ
}

contract c {
  kind dbfmo
  client wo
  role bouwer {
    party wo
    counterpart klant
  }
  role klant {
    party 𝔘trecht_ŋ
    counterpart bouwer
  }
}
"""


def model(tmp_path: Path) -> tuple[Path, Path]:
    orgs, products = tmp_path / "orgs.gov", tmp_path / "products.gov"
    orgs.write_text(ORGS, encoding="utf-8")
    products.write_text(PRODUCTS, encoding="utf-8")
    return orgs, products


def pos(line: int, character: int) -> types.Position:
    return types.Position(line=line, character=character)


def rng(line: int, start: int, end: int) -> types.Range:
    return types.Range(start=pos(line, start), end=pos(line, end))


# The fraktur letter is two UTF-16 units: the name is 9 code points and 10 units.
NAME_UNITS = 10


async def test_definition_across_files_in_utf16(lsp: Session, tmp_path: Path) -> None:
    orgs, products = model(tmp_path)
    await lsp.start(tmp_path)
    uri = lsp.open(products)
    found = await lsp.client.text_document_definition_async(
        types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=pos(1, 10)
        )
    )
    assert found == types.Location(uri=file_uri(orgs), range=rng(0, 13, 13 + NAME_UNITS))
    # A nested identifier: counterpart klant goes to the role klant of the same contract.
    found = await lsp.client.text_document_definition_async(
        types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=pos(9, 18)
        )
    )
    assert found == types.Location(uri=uri, range=rng(11, 7, 12))
    # Nothing to go to on a keyword.
    found = await lsp.client.text_document_definition_async(
        types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=pos(0, 2)
        )
    )
    assert found is None


async def test_references_of_an_organization(lsp: Session, tmp_path: Path) -> None:
    orgs, products = model(tmp_path)
    await lsp.start(tmp_path)
    uri = lsp.open(orgs)
    found = await lsp.client.text_document_references_async(
        types.ReferenceParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=pos(0, 15),
            context=types.ReferenceContext(include_declaration=True),
        )
    )
    assert found is not None
    got = sorted((loc.uri, loc.range.start.line, loc.range.start.character) for loc in found)
    assert got == sorted(
        [
            (file_uri(orgs), 0, 13),
            (file_uri(orgs), 6, 17),
            (file_uri(orgs), 7, 14),
            (file_uri(products), 1, 8),
            (file_uri(products), 12, 10),
        ]
    )
    assert all(loc.range.end.character - loc.range.start.character == NAME_UNITS for loc in found)


async def test_outline_and_workspace_symbols(lsp: Session, tmp_path: Path) -> None:
    _orgs, products = model(tmp_path)
    await lsp.start(tmp_path)
    uri = lsp.open(products)
    symbols = await lsp.client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert symbols is not None
    shape = [
        (s.name, s.kind, s.range.start.line, s.range.end.line, [c.name for c in s.children or []])
        for s in symbols
        if isinstance(s, types.DocumentSymbol)
    ]
    assert shape == [
        ("bijstand", types.SymbolKind.Package, 0, 2, []),
        ("c", types.SymbolKind.Object, 4, 15, ["bouwer", "klant"]),
    ]
    found = await lsp.client.workspace_symbol_async(types.WorkspaceSymbolParams(query="KLA"))
    assert found is not None
    assert [(s.name, s.container_name) for s in found] == [("klant", "c")]
    everything = await lsp.client.workspace_symbol_async(types.WorkspaceSymbolParams(query=""))
    assert everything is not None
    assert {s.name for s in everything} == {"𝔘trecht_ŋ", "wo", "bijstand", "c", "bouwer", "klant"}


async def hover_at(lsp: Session, uri: str, line: int, character: int) -> str | None:
    found = await lsp.client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=pos(line, character)
        )
    )
    if found is None:
        return None
    assert isinstance(found.contents, types.MarkupContent)
    return found.contents.value


async def test_hover_on_words_of_the_vocabulary(lsp: Session, tmp_path: Path) -> None:
    _orgs, products = model(tmp_path)
    await lsp.start(tmp_path)
    uri = lsp.open(products)
    kind = await hover_at(lsp, uri, 0, 3)
    assert kind is not None
    assert kind.startswith("**product** (kind)\n\nSomething an organization delivers")
    attribute = await hover_at(lsp, uri, 1, 3)
    assert attribute is not None
    assert attribute.startswith("**product.owner** (attribute)\n\nwho owns it")
    assert "Takes a list of: an organization." in attribute
    assert "`organization.owns`" in attribute
    symbol = await hover_at(lsp, uri, 5, 8)
    assert symbol is not None
    assert symbol.startswith("**dbfmo** (a value of contract.kind)")
    nested = await hover_at(lsp, uri, 7, 3)
    assert nested is not None
    assert nested.startswith("**role** (kind)")
    ident = await hover_at(lsp, uri, 1, 9)
    assert ident == (
        '**organization 𝔘trecht_ŋ** "Gemeente"\n\n'
        "A legal or administrative entity: municipality, work organization, partnership ...\n\n"
        "Declared at orgs.gov:1."
    )
    assert await hover_at(lsp, uri, 3, 0) is None


async def test_hover_on_a_finding_explains_it(lsp: Session, tmp_path: Path) -> None:
    (tmp_path / "m.gov").write_text("product p {\n  owner nobody\n}\n", encoding="utf-8")
    await lsp.start(tmp_path)
    uri = lsp.open(tmp_path / "m.gov")
    text = await hover_at(lsp, uri, 1, 10)
    assert text is not None
    assert text.startswith(
        "**GR302** 'owner' refers to 'nobody', which is not declared anywhere in the model"
    )
    assert "GR302: reference to something that is not defined." in text
