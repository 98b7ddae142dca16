"""Rows placed as declarations: the sample registers, exactly, and what the rows' dirt becomes."""

from __future__ import annotations

from pathlib import Path

import pytest
from import_support import SAMPLES, needs_v2

import govrules
from govrules.importer import import_table, loads_mapping, shipped_mapping, write_files
from govrules.importer.mapping import MappingError

GR = shipped_mapping("gemeenschappelijke-regelingen")


def _problems(result: object) -> list[tuple[int | None, bool, str]]:
    return [(p.row, p.skipped, p.message.english) for p in result.problems]  # type: ignore[attr-defined]


def test_the_sample_register_is_placed_and_every_problem_reported() -> None:
    """Casing, mojibake, a repeated row, a missing arrangement, punctuation, #REF!: each said."""
    result = import_table(SAMPLES / "register.csv", "csv", GR)
    assert _problems(result) == [
        (
            4,
            False,
            "'Gemeente Súdwest-fryslân' taken as 'Gemeente Súdwest-Fryslân', the same "
            "organization written differently (rows 4)",
        ),
        (
            5,
            False,
            "'Provincie FryslÃ¢n' read as 'Provincie Fryslân' (mojibake: UTF-8 that was read as "
            "Windows-1252; rows 5); correct the register too",
        ),
        (8, False, "the row repeats row 7; merged with it"),
        (10, True, "no value in column 'Regeling', which every participant needs"),
        (
            13,
            True,
            "column 'Deelnemer': no identifier can be made from '???': it has no letter or digit",
        ),
        (14, True, "column 'Regeling': the cell holds the spreadsheet error #REF!"),
    ]
    placed = result.placed
    assert (placed.rows, placed.placed, placed.merged, placed.skipped, placed.empty) == (
        13,
        8,
        1,
        3,
        1,
    )
    assert (placed.count("arrangement"), placed.count("organization")) == (4, 6)
    assert placed.count("participant") == 8


def test_the_sample_register_files() -> None:
    """One file per arrangement, organizations in one file, the name kept as the label."""
    files = import_table(SAMPLES / "register.csv", "csv", GR).files
    assert sorted(files) == [
        "organisaties.gov",
        "regelingen/gr_gemeenschappelijke_regeling_sociaal_domein_fryslân.gov",
        "regelingen/gr_ggd_hart_voor_brabant.gov",
        "regelingen/gr_regionaal_historisch_centrum.gov",
        "regelingen/gr_veiligheidsregio_fryslân.gov",
    ]
    assert files["regelingen/gr_veiligheidsregio_fryslân.gov"] == (
        "# Imported by govrules from register.csv with the mapping "
        "'register van gemeenschappelijke regelingen'\n"
        "\n"
        "# Vestiging: 8934 AD Leeuwarden, provincie Fryslân\n"
        'arrangement gr_veiligheidsregio_fryslân "Veiligheidsregio Fryslân" {\n'
        '  basis "Wet gemeenschappelijke regelingen"\n'
        "  participant gemeente_súdwest-fryslân\n"
        "  participant provincie_fryslân\n"
        "}\n"
    )
    organizations = files["organisaties.gov"]
    assert 'organization gemeente_s-hertogenbosch "Gemeente \'s-Hertogenbosch" {\n' in organizations
    assert (
        'organization waterschap_aa_en_maas "Waterschap Aa en Maas" {\n  kind water_board\n}'
        in (organizations)
    )


def test_xlsx_gives_the_same_model_as_csv() -> None:
    """The workbook sample holds the CSV sample's rows: the same files and problems."""
    csv = import_table(SAMPLES / "register.csv", "csv", GR)
    xlsx = import_table(SAMPLES / "register.xlsx", "xlsx", GR)
    strip = lambda t: t.split("\n", 1)[1]  # noqa: E731 - the header names the source file
    assert {k: strip(v) for k, v in xlsx.files.items()} == {
        k: strip(v) for k, v in csv.files.items()
    }
    assert _problems(xlsx) == _problems(csv)


def test_the_mandate_register() -> None:
    """Bodies per distinct grantor or holder, a mandate per row, Dutch dates and ja/nee read."""
    result = import_table(
        SAMPLES / "mandaatregister.csv", "csv", shipped_mapping("mandaatregister")
    )
    assert _problems(result) == [
        (
            5,
            False,
            "column 'Ingangsdatum': '31-02-2024' is not a date that exists; the value is left out",
        ),
        (
            5,
            False,
            "another mandate named 'Toekennen bijstand': its identifier is "
            "mandaat_toekennen_bijstand_2",
        ),
        (6, True, "no value in column 'Mandaatnemer', which every mandate needs"),
        (
            7,
            False,
            "column 'Ondermandaat': 'misschien' is not yes or no (ja/nee, yes/no, j/n, 1/0); "
            "the value is left out",
        ),
        (
            7,
            False,
            "'burgemeester' taken as 'Burgemeester', the same body written differently (rows 7)",
        ),
        (
            7,
            False,
            "another mandate named 'Verstrekken van paspoorten': its identifier is "
            "mandaat_verstrekken_van_paspoorten_2",
        ),
    ]
    mandates = result.files["mandaten.gov"]
    assert (
        "# Mandaatregister nr. 1\n"
        'mandate mandaat_verlenen_omgevingsvergunning "Verlenen omgevingsvergunning" {\n'
        "  from college_van_burgemeester_en_wethouders\n"
        "  to teamleider_vergunningen\n"
        '  scope "Verlenen omgevingsvergunning"\n'
        '  basis "Omgevingswet art. 5.1; Awb art. 10:3"\n'
        "  submandate yes\n"
        "  valid_from 2024-01-01\n"
        '  instructions "Niet bij bezwaar van omwonenden"\n'
        "}\n"
    ) in mandates
    bodies = result.files["organen.gov"]
    assert 'body teamleider_burgerzaken "Teamleider Burgerzaken" {\n  kind official\n}' in bodies
    assert 'body burgemeester "Burgemeester" {\n  kind mayor\n}' in bodies


# A mapping of version 1 only: participants nested in the joint organization itself.
V1 = """\
[[declare]]
kind = "organization"
name = "Deelnemer"
file = "deelnemers.gov"
[declare.attributes]
kind = { starts = { "Gemeente" = "municipality", "Provincie" = "province" } }

[[declare]]
kind = "organization"
name = "Regeling"
prefix = "gr_"
[declare.attributes]
kind = { value = "joint_organization" }
legal_form = { column = "Vorm", values = { "OL" = "openbaar_lichaam", \
"BVO" = "bedrijfsvoeringsorganisatie" } }
staff = "Personeel"

[[declare]]
kind = "participant"
in = "Regeling"
name = "Deelnemer"
[declare.attributes]
since = "Sinds"
motive = "Motief"
"""

ROWS = """\
Deelnemer;Regeling;Vorm;Personeel;Sinds;Motief
Gemeente Vught;Werkorganisatie Meierij;BVO;1.200;01-01-2015;Schaal
Gemeente Boxtel;Werkorganisatie Meierij;bvo;1200;1-1-2016;Kwaliteit
Gemeente Boxtel;Werkorganisatie Meierij;OL;1200;1-1-2017;Kwaliteit
Provincie Noord-Brabant;Werkorganisatie Meierij;BVO;veel;;
Gemeente Vught;GR Afval;OL;;2020-02-30;Kosten
"""


def test_a_version_1_import_lints_without_model_diagnostics(tmp_path: Path) -> None:
    """Conflicting cells keep the first value and say so; the written model loads clean."""
    source = tmp_path / "r.csv"
    source.write_text(ROWS, encoding="utf-8")
    result = import_table(source, "csv", loads_mapping(V1, "v1.toml"))
    assert _problems(result) == [
        (
            4,
            False,
            "organization gr_werkorganisatie_meierij: legal_form openbaar_lichaam contradicts "
            "bedrijfsvoeringsorganisatie from row 2; kept the first",
        ),
        (
            4,
            False,
            "participant gemeente_boxtel in gr_werkorganisatie_meierij is named again "
            "(first in row 3); merged",
        ),
        (
            4,
            False,
            "participant gemeente_boxtel: since 2017-01-01 contradicts 2016-01-01 from row 3; "
            "kept the first",
        ),
        (
            5,
            False,
            "column 'Personeel': 'veel' is not a whole number of zero or more; "
            "the value is left out",
        ),
        (6, False, "column 'Sinds': '2020-02-30' is not a date that exists; the value is left out"),
    ]
    out = tmp_path / "out"
    write_files(out, result.files)
    model = govrules.load([str(out)])
    assert [f for f in govrules.lint(model).findings if f.code.startswith("GR")] == []
    meierij = model.organizations["gr_werkorganisatie_meierij"]
    assert [p.id for p in meierij.participants] == [
        "gemeente_vught",
        "gemeente_boxtel",
        "provincie_noord-brabant",
    ]
    assert meierij.staff is not None and meierij.staff.value == 1200


def test_a_column_the_table_lacks_is_a_mapping_error(tmp_path: Path) -> None:
    """The mapping's key is named, with the header's nearest column."""
    source = tmp_path / "r.csv"
    source.write_text("Deelnemers;Regeling\nA;B\n", encoding="utf-8")
    with pytest.raises(MappingError) as caught:
        import_table(source, "csv", GR)
    assert caught.value.render() == (
        f"gemeenschappelijke-regelingen.toml:13:1: declare[1].name: {source} has no column "
        "'Deelnemer'; did you mean 'Deelnemers'?"
    )


@needs_v2
def test_the_samples_lint_without_model_diagnostics(tmp_path: Path) -> None:
    """Arrangements, participants, water boards, mayors and officials: all version-2 words."""
    for sample, mapping in (
        ("register.csv", GR),
        ("mandaatregister.csv", shipped_mapping("mandaatregister")),
    ):
        out = tmp_path / sample
        write_files(out, import_table(SAMPLES / sample, "csv", mapping).files)
        model = govrules.load([str(out)])
        assert [f for f in govrules.lint(model).findings if f.code.startswith("GR")] == []
