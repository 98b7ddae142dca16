"""Golden files: each ``golden/NAME.gov`` formats to ``golden/NAME.expected.gov``, byte for byte."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fmt_support import (
    REPO,
    assert_formatting_keeps,
    example_files,
    format_file_bytes,
    golden_inputs,
)

from govrules.fmt import BOM, format_text

CASES = golden_inputs()
EXAMPLES = example_files()


def _id(path: Path) -> str:
    return path.stem


def _text(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig")


def test_golden_cases_exist() -> None:
    """The golden directory holds the cases this suite promises, each with its expected output."""
    names = {p.stem for p in CASES}
    assert {"basics", "lists", "values", "long_text", "comments", "suppressions"} <= names
    assert {"blank_lines", "crlf", "bom", "bom_crlf", "unicode", "no_final_newline"} <= names
    assert {"continued_lines", "only_comments", "empty"} <= names
    for path in CASES:
        assert path.with_name(path.stem + ".expected.gov").is_file(), path.name


@pytest.mark.parametrize("path", CASES, ids=_id)
def test_golden_output(path: Path) -> None:
    """The input formats to exactly the expected bytes (line endings and BOM kept)."""
    expected = path.with_name(path.stem + ".expected.gov").read_bytes()
    assert format_file_bytes(path.read_bytes(), path.name) == expected


@pytest.mark.parametrize("path", CASES, ids=_id)
def test_golden_expected_is_a_fixed_point(path: Path) -> None:
    """An expected file is already formatted: formatting it changes no byte."""
    expected = path.with_name(path.stem + ".expected.gov").read_bytes()
    assert format_file_bytes(expected, path.name) == expected


@pytest.mark.parametrize("path", CASES, ids=_id)
def test_golden_keeps_meaning_and_comments(path: Path) -> None:
    """Formatting a golden input keeps the model, diagnostics, comments and their anchors."""
    assert_formatting_keeps(_text(path))


def test_examples_are_found() -> None:
    """The example glob finds the example models (so the tests below are not vacuous)."""
    assert len(EXAMPLES) >= 10


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: str(p.relative_to(p.parents[2])))
def test_examples_keep_meaning_and_are_idempotent(path: Path) -> None:
    """Every example under examples/ formats idempotently, keeping meaning and comments."""
    assert_formatting_keeps(_text(path))


def test_crlf_golden_really_uses_crlf() -> None:
    """The CRLF golden files have CRLF on every line, before and after formatting."""
    for name in ("crlf.gov", "crlf.expected.gov", "bom_crlf.expected.gov"):
        data = (CASES[0].parent / name).read_bytes()
        assert data.count(b"\n") == data.count(b"\r\n") > 0, name


def test_bom_golden_keeps_the_bom() -> None:
    """The BOM golden files start with a byte-order mark, and only there."""
    for name in ("bom.expected.gov", "bom_crlf.expected.gov"):
        data = (CASES[0].parent / name).read_bytes()
        assert data.startswith(BOM.encode("utf-8")), name
        assert data.count(BOM.encode("utf-8")) == 1, name


def test_docs_before_and_after_example_is_true() -> None:
    """The before/after example in docs/formatting.md is what the formatter really does."""
    doc = (REPO / "docs" / "formatting.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```gov\n(.*?)```", doc, re.DOTALL)
    before, after = blocks[0], blocks[1]
    assert format_text(before) == after
    assert all(format_text(block) == block for block in blocks[1:])
