"""Properties over generated models and arbitrary text: idempotent, meaning and comments kept."""

from __future__ import annotations

import pytest
from fmt_strategies import gov_texts
from fmt_support import assert_formatting_keeps, example_files
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from govrules.fmt import FormatError, format_text

_EXAMPLE_LINES = sorted(
    {line for path in example_files() for line in path.read_text("utf-8").split("\n")}
)

# Pieces the .gov lexer cares about, so random text often parses or fails interestingly.
_GOV_PIECES = st.sampled_from(
    [
        *'abcdeprsuto_-{}{}",,# \t\n\n\n\r0123456789.%<=>!',
        *("EUR", '"""', "\ufeff", "é", "\x00", "2026-01-01"),
        *("product ", "owner ", "organization ", "# govrules: ignore[X1] -- r"),
    ]
)
_GOV_TEXT = st.lists(_GOV_PIECES, max_size=60).map("".join)


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(gov_texts())
def test_generated_models_keep_meaning_comments_and_are_idempotent(text: str) -> None:
    """Any generated valid model formats idempotently, with the same model and comments."""
    assert_formatting_keeps(text)


@settings(max_examples=300, deadline=None)
@given(_GOV_TEXT | st.text(max_size=40))
@example("product p {\n")
@example('product p "\n')
@example("}\n")
@example("\x00")
@example("\ufeff\ufeff")
def test_arbitrary_text_only_ever_raises_format_error(text: str) -> None:
    """On any text format_text either raises FormatError or keeps every promise."""
    try:
        format_text(text)
    except FormatError as exc:
        findings = exc.findings
    else:
        assert_formatting_keeps(text)
        return
    assert findings
    assert all(f.code.startswith("GR1") for f in findings)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_EXAMPLE_LINES), max_size=25))
def test_shuffled_example_lines_only_ever_raise_format_error(lines: list[str]) -> None:
    """Lines of the examples in random order either fail with FormatError or keep every promise."""
    text = "\n".join(lines)
    try:
        format_text(text)
    except FormatError:
        return
    assert_formatting_keeps(text)
