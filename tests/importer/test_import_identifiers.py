"""Identifiers made from names: valid, lowercase, diacritics kept, collisions deterministic."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govrules
from govrules.importer.identifiers import Collision, assign, identifier_from, is_identifier


@pytest.mark.parametrize(
    ("name", "identifier"),
    [
        ("'s-Hertogenbosch", "s-hertogenbosch"),
        ("Súdwest-Fryslân", "súdwest-fryslân"),
        ("Gemeente Súdwest-Fryslân", "gemeente_súdwest-fryslân"),
        ("Noord- en Oost-Gelderland", "noord_en_oost-gelderland"),
        ("GGD Zaanstreek/Waterland", "ggd_zaanstreek_waterland"),
        ("Werkvoorziening (WVS)", "werkvoorziening_wvs"),
        ("Bergen (NH)", "bergen_nh"),
        ("Regio - Twente", "regio_twente"),
        ("1e Regeling", "_1e_regeling"),
        ("Nuenen, Gerwen en Nederwetten", "nuenen_gerwen_en_nederwetten"),
    ],
)
def test_identifier_from_a_name(name: str, identifier: str) -> None:
    """Spaces and punctuation become one underscore; hyphens inside words stay."""
    assert identifier_from(name) == identifier


def test_a_name_without_letters_makes_no_identifier() -> None:
    """Punctuation alone cannot name anything."""
    assert identifier_from("???") is None
    assert identifier_from(" - ") is None


def test_prefix_goes_before_the_name() -> None:
    """The mapping's prefix is put in front as written."""
    assert identifier_from("Veiligheidsregio Fryslân", "gr_") == "gr_veiligheidsregio_fryslân"


@given(st.text(min_size=1, max_size=40))
def test_every_identifier_made_is_valid(name: str) -> None:
    """Whatever the name, the identifier made (if any) is one the language accepts."""
    made = identifier_from(name)
    if made is not None:
        assert is_identifier(made), made


@pytest.mark.parametrize("name", ["'s-Hertogenbosch", "Súdwest-Fryslân", "Aa en Hunze", "Ö & Ü"])
def test_identifiers_load_without_diagnostics(name: str) -> None:
    """A declaration under the identifier made loads with no model diagnostic."""
    ident = identifier_from(name)
    assert ident is not None
    model = govrules.loads(f'organization {ident} "x"\n', name="a.gov")
    assert [f.code for f in govrules.lint(model).findings if f.code.startswith("GR")] == []
    assert ident in model.organizations


def test_collisions_are_resolved_in_order_and_reported() -> None:
    """The first name keeps the identifier; the next ones get _2, _3, skipping taken ones."""
    taken = {"wvs_3": "earlier"}
    ids, collisions = assign(
        [("WVS", "wvs"), ("(WVS)", "wvs"), ("W.V.S.", "wvs"), ("X", "x")], taken
    )
    assert ids == ["wvs", "wvs_2", "wvs_4", "x"]
    assert collisions == [
        Collision(1, "(WVS)", "wvs", "WVS", "wvs_2"),
        Collision(2, "W.V.S.", "wvs", "WVS", "wvs_4"),
    ]
