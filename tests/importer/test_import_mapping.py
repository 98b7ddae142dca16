"""The mapping reader is strict: every mistake names the file, the key and its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from govrules.importer import SHIPPED, find_mapping, shipped_mapping
from govrules.importer.mapping import MappingError, load_mapping, loads_mapping

GOOD = """\
[[declare]]
kind = "organization"
name = "Deelnemer"
file = "organisaties.gov"

[declare.attributes]
kind = { starts = { "Gemeente" = "municipality" } }

[[declare]]
kind = "arrangement"
name = "Regeling"
prefix = "gr_"

[[declare]]
kind = "participant"
in = "Regeling"
name = "Deelnemer"
"""


def _error(text: str) -> MappingError:
    with pytest.raises(MappingError) as caught:
        loads_mapping(text, "m.toml")
    return caught.value


def test_a_good_mapping_reads() -> None:
    """Kinds, names, prefixes, files and the start-of-name translation are read as written."""
    mapping = loads_mapping(GOOD, "m.toml")
    org, arrangement, participant = mapping.declares
    assert (org.kind, org.per, org.names, org.file) == (
        "organization",
        "value",
        ("Deelnemer",),
        "organisaties.gov",
    )
    assert org.attributes[0].starts == (("gemeente", "municipality"),)
    assert (arrangement.prefix, arrangement.file) == ("gr_", "{id}.gov")
    assert (participant.per, participant.parent) == ("row", "Regeling")
    assert mapping.columns() == ("Deelnemer", "Regeling")


@pytest.mark.parametrize(
    ("change", "rendered"),
    [
        (
            ('kind = "arrangement"', 'kind = "arangement"'),
            "m.toml:10:1: declare[2].kind: unknown kind 'arangement'; did you mean 'arrangement'?",
        ),
        (
            ('prefix = "gr_"', 'prefx = "gr_"'),
            "m.toml:12:1: declare[2].prefx: unknown key 'prefx'; did you mean 'prefix'? "
            "(the keys here are kind, per, name, in, prefix, file, comment, attributes)",
        ),
        (
            ('"municipality" }', '"municipalty" }'),
            "m.toml:7:1: declare[1].attributes.kind.starts.Gemeente: 'municipalty' is not a word "
            "kind takes; did you mean 'municipality'?",
        ),
        (
            ('file = "organisaties.gov"', 'file = "../elders.gov"'),
            "m.toml:4:1: declare[1].file: '../elders.gov' is not a file name below the output "
            "directory ending in .gov (the only field is {id})",
        ),
        (
            ('in = "Regeling"', 'in = "Naam"'),
            "m.toml:16:1: declare[3].in: no [[declare]] makes an organization or an arrangement "
            "from column 'Naam', for participant to go in",
        ),
        (
            ("kind = { starts", 'staff = "Personeel"\nknd = { starts'),
            "m.toml:8:1: declare[1].attributes.knd: organization has no attribute 'knd'; "
            "did you mean 'kind'?",
        ),
    ],
)
def test_mistakes_are_located(change: tuple[str, str], rendered: str) -> None:
    """File, line and key path, then what is wrong and what was meant."""
    error = _error(GOOD.replace(*change))
    assert error.render("en").startswith(rendered), error.render("en")


def test_a_reference_needs_a_column_some_declare_makes() -> None:
    """A mandate's `from` must name a column whose values become bodies or organizations."""
    text = (
        '[[declare]]\nkind = "mandate"\nper = "row"\nname = "Wat"\n'
        '[declare.attributes]\nfrom = "Gever"\n'
    )
    assert _error(text).render() == (
        "m.toml:6:1: declare[1].attributes.from: no [[declare]] makes an organization or a body "
        "from column 'Gever', to refer to"
    )


def test_toml_syntax_errors_have_line_and_column() -> None:
    """A broken file is reported where tomllib found the problem."""
    error = _error('[[declare]]\nkind = "organization\n')
    assert (error.line, error.column) == (2, 21)
    assert error.render().startswith("m.toml:2:21: invalid TOML")


def test_dutch_rendering() -> None:
    """Mapping errors come in Dutch too."""
    error = _error(GOOD.replace('kind = "arrangement"', 'kind = "arangement"'))
    assert error.render("nl") == (
        "m.toml:10:1: declare[2].kind: onbekende soort 'arangement'; bedoelt u 'arrangement'?"
    )


def test_shipped_mappings_read_and_are_found_by_name(tmp_path: Path) -> None:
    """The shipped mappings load, by name when no file of that name exists."""
    for name in SHIPPED:
        assert find_mapping(name).declares == shipped_mapping(name).declares
    gr = shipped_mapping("gemeenschappelijke-regelingen")
    assert gr.columns() == ("Deelnemer", "Regeling", "Postcode", "Plaats", "Provincie")
    with pytest.raises(MappingError, match="no such mapping file"):
        find_mapping(str(tmp_path / "missing.toml"))


def test_a_mapping_file_that_is_not_utf8(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 are named with their line."""
    path = tmp_path / "m.toml"
    path.write_bytes(b'[[declare]]\nkind = "organisatie \xe9"\n')
    with pytest.raises(MappingError) as caught:
        load_mapping(path)
    assert caught.value.render() == f"{path}:2: the mapping is not UTF-8 text (byte 0xe9)"


def test_split_is_for_words_not_references() -> None:
    """Several words in a cell may be split; several references may not (yet)."""
    base = GOOD.replace(
        'kind = { starts = { "Gemeente" = "municipality" } }',
        'kind = { starts = { "Gemeente" = "municipality" } }\n'
        'established_by = { column = "Deelnemer", split = ";" }',
    )
    assert _error(base).render() == (
        "m.toml:8:1: declare[1].attributes.established_by.split: established_by is a reference: "
        "one cell names one declaration ('split' is for words and texts)"
    )
