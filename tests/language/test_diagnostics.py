"""Every model diagnostic code: exact code, line, column and the words of its message."""

from __future__ import annotations

from pathlib import Path

import pytest

import govrules
from govrules.diagnostics import MODEL_CODES, Finding


def diags(text: str) -> list[tuple[str, int, int, str]]:
    model = govrules.loads(text, "m.gov")
    return [(d.code, d.location.line, d.location.column, d.message) for d in model.diagnostics]


def only(text: str) -> tuple[str, int, int, str]:
    (d,) = diags(text)
    return d


def test_gr101_unclosed_block_points_at_the_brace() -> None:
    """GR101: a block never closed is reported at its '{'."""
    code, line, col, msg = only("product p {\n  owner x\n")
    assert (code, line, col) == ("GR101", 1, 11)
    assert "never closed" in msg


def test_gr101_stray_closing_brace() -> None:
    """GR101: a '}' that closes nothing."""
    code, line, col, msg = only("product p\n}\n")
    assert (code, line, col) == ("GR101", 2, 1)
    assert "closes no block" in msg


def test_gr101_trailing_comma() -> None:
    """GR101: a list that ends in a comma before the block closes."""
    code, line, col, msg = only("organization o\nproduct p {\n  owner o,\n}\n")
    assert (code, line, col) == ("GR101", 4, 1)
    assert "a value must follow the ','" in msg


def test_gr101_never_shows_lark_token_names() -> None:
    """Syntax messages speak of what was expected, not of lark's terminal names."""
    for text in ("product p {\n", "product p }\n", "a b {{\n}\n", "x , y\n", 'a "b\n'):
        for _code, _l, _c, msg in diags(text):
            assert "Token(" not in msg and "RBRACE" not in msg and "_NL" not in msg, msg


def test_gr102_unclosed_text() -> None:
    """GR102: a text not closed on its line."""
    code, line, col, msg = only('product p "Pas\n')
    assert (code, line, col) == ("GR102", 1, 11)
    assert 'end it with "' in msg


def test_gr103_stray_character_with_hint() -> None:
    """GR103: a character with no place, with a hint for the usual mistake."""
    code, line, col, msg = only("organization o {\n  kind: municipality\n}\n")
    assert (code, line, col) == ("GR103", 2, 7)
    assert "separated by a space" in msg


def test_syntax_errors_are_all_reported() -> None:
    """Every broken declaration is reported, not just the first, and the rest still loads."""
    model = govrules.loads("product a {\n  owner x,\n}\norganization ok\nproduct c;\n", "m.gov")
    assert [(d.code, d.location.line) for d in model.diagnostics] == [("GR101", 3), ("GR103", 5)]
    assert "ok" in model.organizations


def test_gr201_unknown_kind_with_suggestion() -> None:
    """GR201: an unknown kind, with did-you-mean."""
    code, line, col, msg = only("organisation o\n")
    assert (code, line, col) == ("GR201", 1, 1)
    assert "did you mean 'organization'?" in msg


def test_gr202_unknown_attribute_with_suggestion() -> None:
    """GR202: an unknown attribute, with did-you-mean and the attributes allowed."""
    code, line, col, msg = only("product p {\n  ownr x\n}\n")
    assert (code, line, col) == ("GR202", 2, 3)
    assert "did you mean 'owner'?" in msg and "(attributes: owner, description, executed_by)" in msg


def test_gr203_wrong_value_type() -> None:
    """GR203: a value of the wrong type says what was expected and what was written."""
    code, line, col, msg = only("organization o {\n  staff many\n}\n")
    assert (code, line, col) == ("GR203", 2, 9)
    assert "'staff' expects a whole number" in msg and "'many' is a word" in msg


def test_gr204_unknown_symbol_with_suggestion() -> None:
    """GR204: an unknown enumerated word, with did-you-mean."""
    code, line, col, msg = only("body b {\n  kind supervisory_bord\n}\n")
    assert (code, line, col) == ("GR204", 2, 8)
    assert "did you mean 'supervisory_board'?" in msg


def test_gr205_date_that_does_not_exist() -> None:
    """GR205: an impossible date."""
    code, line, col, msg = only("agreement a {\n  valid_until 2026-02-30\n}\n")
    assert (code, line, col) == ("GR205", 2, 15)
    assert "not a date that exists" in msg


def test_gr206_one_value_given_twice() -> None:
    """GR206: a single-valued attribute given a list, or given twice."""
    code, line, col, msg = only("organization a\norganization b\nbody x {\n  of a, b\n}\n")
    assert (code, line, col) == ("GR206", 4, 9)
    assert msg == "'of' takes one value, but 2 were given"
    model = govrules.loads("organization o {\n  staff 1\n  staff 2\n}\n", "m.gov")
    (d,) = model.diagnostics
    assert (d.code, d.location.line) == ("GR206", 3)
    assert d.related[0].location.line == 2


def test_gr207_missing_identifier() -> None:
    """GR207: a declaration without identifier."""
    code, line, col, msg = only('product "Paspoort"\n')
    assert (code, line, col) == ("GR207", 1, 9)
    assert msg.startswith("a product needs an identifier")


def test_gr208_nested_kind_at_top_level() -> None:
    """GR208: a nested kind on its own, and a top-level kind inside a block."""
    code, line, col, msg = only("risk r\n")
    assert (code, line, col) == ("GR208", 1, 1)
    assert "inside a contract" in msg
    code, line, col, msg = only("contract c {\n  product p\n}\n")
    assert (code, line, col) == ("GR208", 2, 3)


def test_gr301_duplicate_names_both_places(tmp_path: Path) -> None:
    """GR301: a duplicate identifier names both places, across files too."""
    (tmp_path / "a.gov").write_text("organization noord\n", encoding="utf-8")
    (tmp_path / "b.gov").write_text("\nproduct noord\n", encoding="utf-8")
    model = govrules.load([tmp_path])
    (d,) = model.diagnostics
    assert (d.code, Path(d.location.file).name, d.location.line) == ("GR301", "b.gov", 2)
    assert "already declared as organization noord on line 1 in" in d.message
    assert Path(d.related[0].location.file).name == "a.gov"


def test_gr302_undefined_reference_with_suggestion() -> None:
    """GR302: an undefined reference, located at the reference, with did-you-mean."""
    code, line, col, msg = only(
        "organization werkorganisatie\nproduct p {\n  owner werkorganisatei\n}\n"
    )
    assert (code, line, col) == ("GR302", 3, 9)
    assert "did you mean 'werkorganisatie'?" in msg


def test_gr303_reference_to_wrong_kind() -> None:
    """GR303: a reference to a declaration of the wrong kind."""
    code, line, col, msg = only("organization a\nproduct p2\nfinancing f {\n  from a\n  to p2\n}\n")
    assert (code, line, col) == ("GR303", 5, 6)
    assert msg == "'to' expects an organization; 'p2' is a product"


def test_gr302_counterpart_looks_among_sibling_roles() -> None:
    """A counterpart names a role of the same contract, not of another."""
    text = "contract a {\n  role x { counterpart y }\n}\ncontract b {\n  role y\n}\n"
    code, line, col, msg = only(text)
    assert (code, line, col) == ("GR302", 2, 24)
    assert "among the roles of a" in msg


def test_gr401_invalid_utf8_at_its_line(tmp_path: Path) -> None:
    """GR401: invalid UTF-8 is reported at its line, not as a crash."""
    path = tmp_path / "bad.gov"
    path.write_bytes(b"product a\nproduct b \xff\n")
    model = govrules.load([path])
    (d,) = model.diagnostics
    assert (d.code, d.location.line, d.location.column) == ("GR401", 2, 11)
    assert "0xFF" in d.message


def test_gr402_oversized_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """GR402: a file over the size limit is refused with a finding."""
    import govrules.loader as loader

    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 10)
    path = tmp_path / "big.gov"
    path.write_text("product aaaaaaaaaaaaaaa\n", encoding="utf-8")
    (d,) = govrules.load([path]).diagnostics
    assert d.code == "GR402"


def test_no_cascade_from_a_broken_declaration() -> None:
    """References to a declaration skipped for a syntax error are not reported again."""
    text = "organization o {\n  kind municipality;\n}\nproduct p {\n  owner o\n}\n"
    assert [c for c, *_ in diags(text)] == ["GR103"]


def test_missing_path_raises_load_error(tmp_path: Path) -> None:
    """A path that does not exist is the library's own exception."""
    with pytest.raises(govrules.LoadError, match="no such file or directory"):
        govrules.load([tmp_path / "nope"])


def test_every_code_is_documented() -> None:
    """Every code a test here produces is described in MODEL_CODES."""
    for code in (
        "GR101",
        "GR102",
        "GR103",
        "GR201",
        "GR202",
        "GR203",
        "GR204",
        "GR205",
        "GR206",
        "GR207",
        "GR208",
        "GR301",
        "GR302",
        "GR303",
        "GR401",
        "GR402",
    ):
        assert code in MODEL_CODES


def test_findings_are_sorted() -> None:
    """Diagnostics come sorted by file, line and column."""
    model = govrules.loads("product a {\n  ownr x\n  description 5\n}\norganisation z\n", "m.gov")
    keys = [(d.location.line, d.location.column) for d in model.diagnostics]
    assert keys == sorted(keys) and len(keys) == 3
    assert all(isinstance(d, Finding) for d in model.diagnostics)


def test_gr102_unclosed_long_text_points_at_its_opening() -> None:
    """GR102: a triple-quoted text never closed is reported at its opening quotes."""
    code, line, col, msg = only('product p {\n  description """never\n  closed\n}\n')
    assert (code, line, col) == ("GR102", 2, 15)
    assert msg == 'this long text is never closed: end it with """'


def test_all_problems_at_once_inside_a_block() -> None:
    """A bad date in one attribute no longer hides a bad date two lines below it."""
    text = (
        'organization o "O"\nagreement a "A" {\n  valid_from 31-12-2026\n'
        "  between o\n  valid_until 2026-13-01\n}\n"
    )
    assert [(c, line, col) for c, line, col, _m in diags(text)] == [
        ("GR103", 3, 16),
        ("GR205", 5, 15),
    ]


def test_two_syntax_errors_in_one_block() -> None:
    """Two broken attribute lines of one block are both reported."""
    text = 'product p "P" {\n  owner a; b\n  description "x\n}\n'
    assert [(c, line, col) for c, line, col, _m in diags(text)] == [
        ("GR103", 2, 10),
        ("GR102", 3, 15),
    ]


def test_a_broken_line_with_a_brace_still_skips_the_declaration() -> None:
    """A broken line that opens a nested block skips its declaration (no cascade)."""
    text = 'agreement a "A" {\n  result r "R" ; {\n    indicator "i"\n  }\n}\nproduct p\n'
    assert [c for c, *_ in diags(text)] == ["GR103"]


def test_day_first_date_hints_the_iso_form() -> None:
    """'31-12-2026' says 'write dates as 2026-12-31', not only that '-' has no place."""
    text = 'organization o "O"\nagreement a "A" {\n  valid_from 31-12-2026\n  between o\n}\n'
    ((code, line, col, message),) = diags(text)
    assert (code, line, col) == ("GR103", 3, 16)
    assert message == (
        "the character '-' has no place here (write dates as 2026-12-31: year-month-day)"
    )


def test_two_attributes_on_one_line_say_one_per_line() -> None:
    """'kind municipality staff 5' says 'one attribute per line', not 'separate with ,'."""
    text = 'organization o "O" {\n  kind municipality staff 5\n}\n'
    ((code, line, col, message),) = diags(text)
    assert (code, line, col) == ("GR203", 2, 8)
    assert message.endswith("'municipality staff 5' is several words: put one attribute per line")


def test_a_list_without_commas_still_says_separate_with_commas() -> None:
    """Two plain names are a list without its ',' (the old hint, where it is right)."""
    text = 'organization a\norganization b\norganization o "O" {\n  established_by a b\n}\n'
    ((code, _line, _col, message),) = diags(text)
    assert code == "GR203"
    assert message.endswith("'a b' is several words (separate list values with ',')")
