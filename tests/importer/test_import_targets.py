"""What an import may write agrees with the vocabulary (the pending v2 table included)."""

from __future__ import annotations

from import_support import needs_v2

from govrules.importer import targets
from govrules.vocabulary import KINDS


@needs_v2
def test_the_pending_version_2_table_matches_the_vocabulary() -> None:
    """Once version 2 lands, every attribute the importer declared ahead is the vocabulary's own."""
    for (kind, name), pending in targets._PENDING_V2.items():
        spec = KINDS[kind].attributes[name]
        assert (spec.type, spec.many) == (pending.type, pending.many), (kind, name)
        assert set(pending.targets) <= set(spec.targets), (kind, name)
    assert "participant" in KINDS["arrangement"].nested


def test_symbols_come_from_the_vocabulary_and_the_dutch_table() -> None:
    """organization.kind allows water_board (DUTCH.md lists it) whether or not v2 has landed."""
    kind = targets.attribute("organization", "kind")
    assert kind is not None and {"municipality", "water_board"} <= set(kind.symbols)
    body = targets.attribute("body", "kind")
    assert body is not None and {"executive", "mayor", "official"} <= set(body.symbols)
    assert targets.attribute("organization", "colour") is None
    assert targets.identifier_targets("participant") == ("organization",)
    assert "arrangement" in targets.nested_parents()["participant"]
