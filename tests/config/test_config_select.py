"""The Config value: select/ignore precedence, severities, merging, code validation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govrules.config import Config, ConfigError, validate_codes
from govrules.diagnostics import Severity, is_model_code

KNOWN = {
    "OWN001": (),
    "OWN002": (),
    "OWN003": (),
    "SUP001": (),
    "COL006": ("threshold",),
    "POL003": ("limit",),
}


@pytest.mark.parametrize(
    ("select", "ignore", "code", "selected"),
    [
        ((), (), "OWN001", True),
        (("OWN",), (), "OWN001", True),
        (("OWN",), (), "SUP001", False),
        (("OWN",), ("OWN002",), "OWN001", True),
        (("OWN",), ("OWN002",), "OWN002", False),
        (("OWN002",), ("OWN",), "OWN002", True),
        (("OWN002",), ("OWN",), "OWN001", False),
        ((), ("OWN",), "OWN001", False),
        ((), ("OWN",), "SUP001", True),
        (("OWN001",), ("OWN001",), "OWN001", False),
        (("OWN", "SUP001"), (), "SUP001", True),
        (("OWN", "SUP001"), (), "SUP002", False),
        (("O",), ("OW",), "OWN001", False),
        (("OWN0",), ("O",), "OWN001", True),
    ],
)
def test_select_and_ignore_longest_match_wins(
    select: tuple[str, ...], ignore: tuple[str, ...], code: str, selected: bool
) -> None:
    """The longest matching entry of select or ignore decides, ignore winning a tie."""
    assert Config(select=select, ignore=ignore).is_selected(code) is selected


def test_model_diagnostics_always_selected() -> None:
    """GR codes are checked whatever select and ignore say."""
    config = Config(select=["OWN"], ignore=["GR1"])
    assert config.is_selected("GR101")
    assert config.is_selected("GR302")


def test_is_model_code() -> None:
    """Model codes are GR followed by digits only."""
    assert is_model_code("GR101")
    assert not is_model_code("GRX001")
    assert not is_model_code("GR")
    assert not is_model_code("OWN001")


def test_severity_for_uses_longest_override() -> None:
    """A code's override beats its prefix's; without either the default stands."""
    config = Config(severity={"OWN": "info", "OWN002": "error"})
    assert config.severity_for("OWN002", Severity.WARNING) is Severity.ERROR
    assert config.severity_for("OWN003", Severity.WARNING) is Severity.INFO
    assert config.severity_for("SUP001", Severity.WARNING) is Severity.WARNING


def test_params_for() -> None:
    """A rule's parameters come back as configured, or empty."""
    config = Config(params={"COL006": {"threshold": 100}})
    assert config.params_for("COL006") == {"threshold": 100}
    assert config.params_for("POL003") == {}


def test_is_unsuppressible_by_prefix() -> None:
    """Unsuppressible entries are codes or prefixes."""
    config = Config(unsuppressible=["SUP", "OWN001"])
    assert config.is_unsuppressible("SUP003")
    assert config.is_unsuppressible("OWN001")
    assert not config.is_unsuppressible("OWN002")


def test_constructor_accepts_lists_and_names() -> None:
    """Lists become tuples and severities may be given by name."""
    config = Config(select=["OWN", "SUP001"], fail_on="warning", severity={"OWN002": "info"})
    assert config.select == ("OWN", "SUP001")
    assert config.fail_on is Severity.WARNING
    assert config.severity == {"OWN002": Severity.INFO}


def test_constructor_rejects_a_bare_string() -> None:
    """``Config(select="OWN")`` is a TypeError, not a selection of O, W and N."""
    with pytest.raises(TypeError, match="expected a list of strings, not the string 'OWN'"):
        Config(select="OWN")


def test_config_is_immutable_and_hashable() -> None:
    """A Config is a frozen value: equal configs hash alike, mappings cannot be changed."""
    one = Config(severity={"OWN002": "error"}, params={"COL006": {"threshold": 1}})
    two = Config(severity={"OWN002": "error"}, params={"COL006": {"threshold": 1}})
    assert one == two
    assert hash(one) == hash(two)
    with pytest.raises(TypeError):
        one.severity["OWN002"] = Severity.INFO  # type: ignore[index]
    with pytest.raises(TypeError):
        one.params["COL006"]["threshold"] = 2  # type: ignore[index]


def test_merge_overrides_given_options_only() -> None:
    """Given options replace the file's values; None leaves them."""
    base = Config(select=["OWN"], ignore=["POL003"], fail_on="warning", source="pyproject.toml")
    merged = base.merge(select=["SUP"], ignore=None, fail_on="error")
    assert merged.select == ("SUP",)
    assert merged.ignore == ("POL003",)
    assert merged.fail_on is Severity.ERROR
    assert merged.source == "pyproject.toml"
    assert merged.overridden == {"select", "fail_on"}


def test_merge_lays_mappings_over() -> None:
    """Severity and params overrides are laid over the file's, key by key."""
    base = Config(severity={"OWN002": "error"}, params={"COL006": {"threshold": 50}})
    merged = base.merge(severity={"SUP001": "info"}, params={"COL006": {"threshold": 10}})
    assert merged.severity == {"OWN002": Severity.ERROR, "SUP001": Severity.INFO}
    assert merged.params == {"COL006": {"threshold": 10}}


def test_merge_nothing_is_identity() -> None:
    """Merging no options gives the same configuration."""
    base = Config(select=["OWN"])
    assert base.merge() is base


@given(
    st.lists(st.sampled_from(["O", "OWN", "OWN0", "OWN001", "OWN002", "SUP", "SUP001"])),
    st.lists(st.sampled_from(["O", "OWN", "OWN0", "OWN001", "OWN002", "SUP", "SUP001"])),
)
def test_ignoring_a_code_exactly_always_drops_it(select: list[str], ignore: list[str]) -> None:
    """Whatever else is selected, an exact ignore of a code drops it."""
    config = Config(select=select, ignore=[*ignore, "OWN001"])
    assert not config.is_selected("OWN001")


# -- validation against the known codes --------------------------------------------------

BAD_CODES = [
    (Config(select=["OWM"]), "select: unknown code or prefix 'OWM'; did you mean 'OWN'?", "select"),
    (
        Config(select=["own001"]),
        "select: unknown code or prefix 'own001'; did you mean 'OWN001'?",
        "select",
    ),
    (Config(select=[""]), "select: unknown code or prefix ''", "select"),
    (Config(ignore=["XYZ"]), "ignore: unknown code or prefix 'XYZ'", "ignore"),
    (
        Config(ignore=["GR101"]),
        "ignore: GR101 is a model diagnostic code: model diagnostics cannot be ignored "
        "(fix the model instead)",
        "ignore",
    ),
    (
        Config(ignore=["GR"]),
        "ignore: GR is a model diagnostic code: model diagnostics cannot be ignored "
        "(fix the model instead)",
        "ignore",
    ),
    (
        Config(severity={"OWN009": "info"}),
        "[severity] unknown code or prefix 'OWN009'; did you mean 'OWN001'?",
        "severity.OWN009",
    ),
    (
        Config(severity={"GR101": "info"}),
        "[severity] GR101: model diagnostics are always errors; their severity cannot be changed",
        "severity.GR101",
    ),
    (
        Config(params={"COL060": {"threshold": 1}}),
        "[params] unknown rule code 'COL060'; did you mean 'COL006'?",
        "params.COL060",
    ),
    (
        Config(params={"COL": {"threshold": 1}}),
        "[params] 'COL' is a prefix: parameters are set per rule code",
        "params.COL",
    ),
    (
        Config(params={"GR101": {"x": 1}}),
        "[params] GR101 is a model diagnostic code and has no parameters",
        "params.GR101",
    ),
    (
        Config(params={"COL006": {"treshold": 1}}),
        "[params.COL006] unknown parameter 'treshold' for COL006; did you mean 'threshold'? "
        "(it takes threshold)",
        "params.COL006.treshold",
    ),
    (
        Config(params={"OWN001": {"limit": 1}}),
        "[params.OWN001] unknown parameter 'limit': OWN001 takes no parameters",
        "params.OWN001.limit",
    ),
    (
        Config(unsuppressible=["SUP009"]),
        "unsuppressible: unknown code or prefix 'SUP009'; did you mean 'SUP001'?",
        "unsuppressible",
    ),
]


@pytest.mark.parametrize(("config", "message", "key"), BAD_CODES)
def test_unknown_codes_are_errors(config: Config, message: str, key: str) -> None:
    """Each unknown code, prefix or parameter is a ConfigError with the key and a suggestion."""
    with pytest.raises(ConfigError) as info:
        validate_codes(config, KNOWN)
    assert (info.value.message, info.value.key, info.value.file) == (message, key, None)


def test_unknown_code_in_pyproject_names_file_and_table() -> None:
    """A config read from pyproject.toml reports the [tool.govrules] path and the file."""
    config = Config(severity={"OWN9": "info"}, source="proj/pyproject.toml")
    with pytest.raises(ConfigError) as info:
        validate_codes(config, KNOWN)
    assert str(info.value) == (
        "proj/pyproject.toml: [tool.govrules.severity] unknown code or prefix 'OWN9'; "
        "did you mean 'OWN'?"
    )
    assert info.value.key == "tool.govrules.severity.OWN9"


def test_unknown_code_in_govrules_toml() -> None:
    """A config read from govrules.toml reports the bare key and the file."""
    config = Config(select=["OWN9"], source="govrules.toml")
    with pytest.raises(ConfigError) as info:
        validate_codes(config, KNOWN)
    assert (
        str(info.value)
        == "govrules.toml: select: unknown code or prefix 'OWN9'; did you mean 'OWN'?"
    )


def test_unknown_code_from_command_line_names_the_option() -> None:
    """A code given on the command line is blamed on the option, not on the file."""
    config = Config(source="pyproject.toml").merge(ignore=["OWN009"])
    with pytest.raises(ConfigError) as info:
        validate_codes(config, KNOWN)
    assert str(info.value) == "--ignore: unknown code or prefix 'OWN009'; did you mean 'OWN001'?"
    assert (info.value.key, info.value.file) == ("--ignore", None)


def test_valid_codes_pass() -> None:
    """Known codes, prefixes and model codes where they are allowed raise nothing."""
    config = Config(
        select=["OWN", "SUP001", "GR1", "GR302"],
        ignore=["OWN002", "C"],
        severity={"OWN": "error", "POL003": "warning"},
        params={"COL006": {"threshold": 100}, "POL003": {"limit": 5}},
        unsuppressible=["SUP", "GR101"],
    )
    validate_codes(config, KNOWN)
