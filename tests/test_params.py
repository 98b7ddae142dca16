"""Rule parameters from configuration: checked against the rule's defaults, in the library too."""

from __future__ import annotations

import pytest

import govrules

MODEL = "organization o {\n  staff 100\n}\n"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (True, "[params.COL006] COL006.threshold takes a number, not True"),
        ("ten", "[params.COL006] COL006.threshold takes a number, not 'ten'"),
    ],
)
def test_wrong_parameter_type_is_a_config_error(value: object, message: str) -> None:
    """A yes/no or a text for a number parameter is an error, never a silently disabled rule."""
    model = govrules.loads(MODEL, "m.gov")
    config = govrules.Config(params={"COL006": {"threshold": value}})  # type: ignore[dict-item]
    with pytest.raises(govrules.ConfigError) as info:
        govrules.lint(model, config=config)
    assert str(info.value) == message


def test_parameter_takes_effect() -> None:
    """A number parameter changes the rule: 100 staff is below a threshold of 200."""
    model = govrules.loads(MODEL, "m.gov")
    default = [f.code for f in govrules.lint(model).findings]
    raised = govrules.lint(model, config=govrules.Config(params={"COL006": {"threshold": 200}}))
    assert default == ["COL006"]
    assert [f.code for f in raised.findings] == []


def test_library_rejects_unknown_codes() -> None:
    """govrules.lint checks the configuration's codes itself, as the CLI does."""
    model = govrules.loads(MODEL, "m.gov")
    with pytest.raises(govrules.ConfigError, match="unknown code or prefix 'OWNX'"):
        govrules.lint(model, config=govrules.Config(select=["OWNX"]))
