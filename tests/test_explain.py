"""``govrules explain``: every GR code explained with a real example; fixes made concrete."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from govrules.cli import cli
from govrules.diagnostics import MODEL_CODES
from govrules.explain import MODEL_HELP, example_findings


def _explain(code: str) -> str:
    result = CliRunner().invoke(cli, ["explain", code], env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    return result.output


def test_every_model_code_has_help() -> None:
    """Each GR code has an explanation and a fix, and nothing else is described."""
    assert set(MODEL_HELP) == set(MODEL_CODES)
    assert all(h.why and h.fix for h in MODEL_HELP.values())


@pytest.mark.parametrize("code", [c for c, h in MODEL_HELP.items() if h.example])
def test_each_example_gives_its_code(code: str) -> None:
    """The example shown for a code gives that code when linted (it is not made up)."""
    assert example_findings(code), f"the example of {code} does not give {code}"


def test_explain_gr101_explains_with_the_message_it_gives() -> None:
    """explain GR101: meaning, why, the example and the located message, the fix."""
    out = _explain("GR101").splitlines()
    assert out[0] == "GR101: syntax error: the text does not have the shape of a declaration"
    assert "Why" in out and "Example" in out and "Fix" in out
    assert "  gives 1:42: GR101 this block is never closed: add a '}' at its end" in out


def test_explain_rule_fix_is_filled_in_from_the_failing_example() -> None:
    """MAN002's fix reads as its example's finding says it, with no raw <m.via.to> slots."""
    out = _explain("MAN002")
    fix = out.split("Fix (for the failing example)\n", 1)[1].split("\n\n", 1)[0]
    assert fix.replace("\n", " ") == (
        "let college grant ondermandaat, and set submandate yes on inkoop if passing it on "
        "is intended"
    )
    assert not re.search(r"<m[.\w]*>", out)


def test_explain_model_code_in_lower_case() -> None:
    """The code is found whatever its case; a code without an example still explains."""
    out = _explain("gr401")
    assert out.startswith("GR401: file cannot be read or decoded\n")
    assert "Example" not in out and "Save the file as UTF-8." in out
