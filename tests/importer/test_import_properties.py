"""Placing rows, whatever the dirt: every row is accounted for and the output parses."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import govrules
from govrules.importer import shipped_mapping
from govrules.importer.place import place
from govrules.importer.tables import Table
from govrules.importer.write import render_files

GR = shipped_mapping("gemeenschappelijke-regelingen")
COLUMNS = ("Deelnemer", "Regeling", "Postcode", "Plaats", "Provincie")

NAMES = st.sampled_from(
    [
        "Gemeente Vught",
        "gemeente vught",
        "  Gemeente  Vught ",
        "Gemeente 's-Hertogenbosch",
        "Provincie FryslÃ¢n",
        "Provincie Fryslân",
        "Waterschap Aa en Maas",
        "???",
        "#REF!",
        "",
        "Werkvoorziening (WVS)",
        "Werkvoorziening WVS",
        "1e Regeling",
    ]
)
CELL = st.one_of(NAMES, st.text(max_size=12))
ROW = st.lists(CELL, min_size=0, max_size=7).map(tuple)


@settings(max_examples=150, deadline=None)
@given(st.lists(ROW, max_size=25))
def test_every_row_is_accounted_for(rows: list[tuple[str, ...]]) -> None:
    """placed + merged + skipped + empty = rows; identifiers unique; no syntax error written."""
    table = Table("r.csv", COLUMNS, [(n, r) for n, r in enumerate(rows, start=2)])
    placed = place(table, GR)
    assert placed.placed + placed.merged + placed.skipped + placed.empty == len(rows)
    assert placed.placed >= 0
    ids = [d.id for d in placed.declarations]
    assert len(ids) == len(set(ids))
    skipped_rows = {p.row for p in placed.problems if p.skipped}
    assert len(skipped_rows) == placed.skipped
    for name, text in render_files(placed.declarations).items():
        model = govrules.loads(text, name=name)
        syntax = [f.code for f in model.diagnostics if f.code.startswith(("GR1", "GR0"))]
        assert syntax == [], (name, text)
    # One participant block per placed row (a row naming one again is counted as merged).
    assert placed.count("participant") == placed.placed
