"""Finding and reading configuration files: discovery, keys, types, values, syntax errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from govrules.config import (
    Config,
    ConfigError,
    find_config,
    load_config,
    project_root,
)
from govrules.diagnostics import Severity
from govrules.errors import GovrulesError

TOOL = "[tool.govrules]\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def load_error(path: Path) -> ConfigError:
    with pytest.raises(ConfigError) as info:
        load_config(path)
    return info.value


# -- discovery ------------------------------------------------------------------------


def test_finds_config_walking_up(tmp_path: Path) -> None:
    """A govrules.toml two directories above the linted file is found."""
    config = write(tmp_path / "a" / "govrules.toml", "")
    model = write(tmp_path / "a" / "b" / "c" / "model.gov", "")
    assert find_config([model]) == config


def test_finds_config_from_a_directory(tmp_path: Path) -> None:
    """A linted directory is searched from itself, not from its parent."""
    config = write(tmp_path / "a" / "govrules.toml", "")
    (tmp_path / "a" / "governance").mkdir()
    assert find_config([tmp_path / "a" / "governance"]) == config
    assert find_config([tmp_path / "a"]) == config


def test_pyproject_without_table_is_skipped(tmp_path: Path) -> None:
    """A pyproject.toml without [tool.govrules] does not stop the walk."""
    config = write(tmp_path / "pyproject.toml", TOOL + 'select = ["OWN"]\n')
    write(tmp_path / "sub" / "pyproject.toml", "[tool.black]\nline-length = 100\n")
    model = write(tmp_path / "sub" / "model.gov", "")
    assert find_config([model]) == config


def test_pyproject_with_table_is_found(tmp_path: Path) -> None:
    """A pyproject.toml with a [tool.govrules] table counts as configuration."""
    config = write(tmp_path / "pyproject.toml", TOOL + 'select = ["OWN"]\n')
    assert find_config([write(tmp_path / "m.gov", "")]) == config


def test_govrules_toml_before_pyproject_in_same_directory(tmp_path: Path) -> None:
    """In one directory govrules.toml wins over pyproject.toml."""
    write(tmp_path / "pyproject.toml", TOOL + 'select = ["OWN"]\n')
    config = write(tmp_path / "govrules.toml", 'select = ["SUP"]\n')
    assert find_config([write(tmp_path / "m.gov", "")]) == config


def test_nearer_pyproject_beats_farther_govrules_toml(tmp_path: Path) -> None:
    """The nearest directory with any configuration wins."""
    write(tmp_path / "govrules.toml", "")
    config = write(tmp_path / "sub" / "pyproject.toml", TOOL)
    assert find_config([write(tmp_path / "sub" / "m.gov", "")]) == config


def test_walks_up_from_the_common_parent(tmp_path: Path) -> None:
    """With several paths the search starts at their common parent."""
    write(tmp_path / "x" / "govrules.toml", "")
    config = write(tmp_path / "govrules.toml", "")
    one = write(tmp_path / "x" / "one.gov", "")
    two = write(tmp_path / "y" / "two.gov", "")
    assert find_config([one, two]) == config


def test_no_config_found(tmp_path: Path) -> None:
    """Without any configuration up to the root, the answer is None."""
    ancestors = [tmp_path, *tmp_path.parents]
    if any((d / "govrules.toml").exists() or (d / "pyproject.toml").exists() for d in ancestors):
        pytest.skip("a configuration file above the temporary directory")
    assert find_config([write(tmp_path / "m.gov", "")]) is None


def test_broken_pyproject_without_govrules_is_skipped(tmp_path: Path) -> None:
    """A pyproject.toml that does not parse and does not mention govrules is passed over."""
    config = write(tmp_path / "govrules.toml", "")
    write(tmp_path / "sub" / "pyproject.toml", "[tool.black\n")
    assert find_config([write(tmp_path / "sub" / "m.gov", "")]) == config


def test_broken_pyproject_mentioning_govrules_is_found(tmp_path: Path) -> None:
    """A pyproject.toml that does not parse but has [tool.govrules] is found, then fails to load."""
    config = write(tmp_path / "pyproject.toml", '[tool.govrules]\nselect = ["OWN"\n')
    assert find_config([write(tmp_path / "m.gov", "")]) == config
    error = load_error(config)
    assert (error.line, error.column) == (3, 1)
    assert error.message == "invalid TOML: Unclosed array at the end of the file"


def test_project_root_is_the_config_directory(tmp_path: Path) -> None:
    """The project root is the directory holding the configuration file."""
    assert project_root(write(tmp_path / "govrules.toml", "")) == tmp_path.resolve()


# -- reading good files ---------------------------------------------------------------


def test_reads_every_key_from_pyproject(tmp_path: Path) -> None:
    """The example of INTERFACES.md reads into a typed Config."""
    path = write(
        tmp_path / "pyproject.toml",
        """\
[project]
name = "x"

[tool.govrules]
rulesets = ["responsibility", "supervision", "rulesets/local.rules"]
select = ["OWN", "SUP", "COL"]
ignore = ["POL003"]
fail-on = "warning"
unsuppressible = ["OWN001"]
include = ["governance/**/*.gov"]
exclude = ["governance/old/*.gov"]

[tool.govrules.severity]
OWN002 = "error"

[tool.govrules.params]
COL006.threshold = 100
POL003 = { limit = 5, strict = true, label = "x", ratio = 0.5 }
""",
    )
    assert load_config(path) == Config(
        rulesets=["responsibility", "supervision", "rulesets/local.rules"],
        select=["OWN", "SUP", "COL"],
        ignore=["POL003"],
        fail_on=Severity.WARNING,
        severity={"OWN002": Severity.ERROR},
        params={
            "COL006": {"threshold": 100},
            "POL003": {"limit": 5, "strict": True, "label": "x", "ratio": 0.5},
        },
        unsuppressible=["OWN001"],
        include=["governance/**/*.gov"],
        exclude=["governance/old/*.gov"],
        source=str(path),
    )


def test_reads_govrules_toml_at_top_level(tmp_path: Path) -> None:
    """govrules.toml holds the same keys at the top level."""
    path = write(tmp_path / "govrules.toml", 'select = ["OWN"]\n[severity]\nOWN002 = "info"\n')
    config = load_config(path)
    assert config.select == ("OWN",)
    assert config.severity == {"OWN002": Severity.INFO}
    assert config.source == str(path)


def test_empty_file_gives_defaults(tmp_path: Path) -> None:
    """An empty govrules.toml is the default configuration."""
    path = write(tmp_path / "govrules.toml", "")
    assert load_config(path) == Config(source=str(path))
    assert load_config(path).include == ("**/*.gov",)
    assert load_config(path).fail_on is Severity.ERROR


def test_pyproject_without_table_gives_defaults(tmp_path: Path) -> None:
    """A pyproject.toml given explicitly but without [tool.govrules] is the default."""
    path = write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    assert load_config(path) == Config(source=str(path))


# -- bad files ------------------------------------------------------------------------

BAD_PYPROJECT = [
    (
        'selct = ["OWN"]',
        "[tool.govrules] unknown key 'selct'; did you mean 'select'?",
        "tool.govrules.selct",
    ),
    (
        'fail_on = "warning"',
        "[tool.govrules] unknown key 'fail_on'; did you mean 'fail-on'?",
        "tool.govrules.fail_on",
    ),
    ("colour = true", "[tool.govrules] unknown key 'colour'", "tool.govrules.colour"),
    (
        'select = "OWN"',
        "[tool.govrules] select: expected an array of strings, got string 'OWN' "
        '(write select = ["OWN"])',
        "tool.govrules.select",
    ),
    (
        'ignore = ["OWN", 3]',
        "[tool.govrules] ignore: expected an array of strings, got integer 3 in it",
        "tool.govrules.ignore",
    ),
    (
        "rulesets = {a = 1}",
        "[tool.govrules] rulesets: expected an array of strings, got a table",
        "tool.govrules.rulesets",
    ),
    (
        'fail-on = "erorr"',
        "[tool.govrules] fail-on: unknown severity 'erorr'; did you mean 'error'? "
        "(choose from info, warning, error)",
        "tool.govrules.fail-on",
    ),
    (
        "fail-on = 2",
        "[tool.govrules] fail-on: expected info, warning, error (a string), got integer 2",
        "tool.govrules.fail-on",
    ),
    (
        'severity = "error"',
        "[tool.govrules] severity: expected a table of CODE = severity, got string 'error'",
        "tool.govrules.severity",
    ),
    (
        '[tool.govrules.severity]\nOWN002 = "warn"',
        "[tool.govrules.severity] OWN002: unknown severity 'warn'; did you mean 'warning'? "
        "(choose from info, warning, error)",
        "tool.govrules.severity.OWN002",
    ),
    (
        '[tool.govrules.severity]\nOWN002 = "fatal"',
        "[tool.govrules.severity] OWN002: unknown severity 'fatal' "
        "(choose from info, warning, error)",
        "tool.govrules.severity.OWN002",
    ),
    (
        "[tool.govrules.severity]\nOWN002 = true",
        "[tool.govrules.severity] OWN002: expected info, warning, error (a string), "
        "got boolean true",
        "tool.govrules.severity.OWN002",
    ),
    (
        'params = ["COL006"]',
        "[tool.govrules] params: expected a table of rule codes, got an array",
        "tool.govrules.params",
    ),
    (
        "[tool.govrules.params]\nCOL006 = 100",
        "[tool.govrules.params] COL006: expected a table of parameters "
        "(as in COL006.threshold = 100), got integer 100",
        "tool.govrules.params.COL006",
    ),
    (
        "[tool.govrules.params]\nCOL006.threshold = [100]",
        "[tool.govrules.params.COL006] threshold: expected a number, string or boolean, "
        "got an array",
        "tool.govrules.params.COL006.threshold",
    ),
    (
        "[tool.govrules.params]\nCOL006.since = 2024-01-01",
        "[tool.govrules.params.COL006] since: expected a number, string or boolean, "
        "got date 2024-01-01",
        "tool.govrules.params.COL006.since",
    ),
]


@pytest.mark.parametrize(("body", "message", "key"), BAD_PYPROJECT)
def test_bad_pyproject_names_key_and_file(
    tmp_path: Path, body: str, message: str, key: str
) -> None:
    """Each bad key, type or value is a ConfigError naming the key path and the file."""
    path = write(tmp_path / "pyproject.toml", TOOL + body + "\n")
    error = load_error(path)
    assert error.message == message
    assert error.key == key
    assert error.file == str(path)
    assert str(error) == f"{path}: {message}"


BAD_GOVRULES_TOML = [
    ('selct = ["OWN"]', "unknown key 'selct'; did you mean 'select'?", "selct"),
    (
        '[tool.govrules]\nselect = ["OWN"]',
        "unknown key 'tool' (in govrules.toml the keys stand at the top level, "
        "without [tool.govrules])",
        "tool",
    ),
    (
        '[severity]\nOWN002 = "fatal"',
        "[severity] OWN002: unknown severity 'fatal' (choose from info, warning, error)",
        "severity.OWN002",
    ),
    (
        "exclude = 3",
        "exclude: expected an array of strings, got integer 3",
        "exclude",
    ),
]


@pytest.mark.parametrize(("body", "message", "key"), BAD_GOVRULES_TOML)
def test_bad_govrules_toml_names_key_and_file(
    tmp_path: Path, body: str, message: str, key: str
) -> None:
    """In govrules.toml the key path has no [tool.govrules] prefix."""
    path = write(tmp_path / "govrules.toml", body + "\n")
    error = load_error(path)
    assert (error.message, error.key, error.file) == (message, key, str(path))


def test_tool_govrules_not_a_table(tmp_path: Path) -> None:
    """``tool.govrules = 3`` is an error at the key tool.govrules."""
    path = write(tmp_path / "pyproject.toml", "[tool]\ngovrules = 3\n")
    error = load_error(path)
    assert error.message == "[tool] govrules: expected a table, got integer 3"
    assert error.key == "tool.govrules"


def test_toml_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    """A TOML syntax error names the file, line and column."""
    path = write(tmp_path / "govrules.toml", 'select = ["OWN"]\nfail-on = warning\n')
    error = load_error(path)
    assert (error.file, error.line, error.column, error.key) == (str(path), 2, 11, None)
    assert error.message == "invalid TOML: Invalid value"
    assert str(error) == f"{path}:2:11: invalid TOML: Invalid value"


def test_missing_file(tmp_path: Path) -> None:
    """A configuration file that cannot be read is a ConfigError naming it."""
    path = tmp_path / "govrules.toml"
    error = load_error(path)
    assert error.file == str(path)
    assert error.message == "cannot read the configuration: No such file or directory"


def test_not_utf8(tmp_path: Path) -> None:
    """A configuration that is not UTF-8 is a ConfigError, not a UnicodeDecodeError."""
    path = tmp_path / "govrules.toml"
    path.write_bytes(b'select = ["\xff"]\n')
    error = load_error(path)
    assert error.message == "the configuration is not UTF-8 text (byte 0xff)"
    assert (error.line, error.column) == (1, 12)


def test_config_error_is_a_govrules_error() -> None:
    """ConfigError derives from the library's root exception."""
    assert issubclass(ConfigError, GovrulesError)
    assert str(ConfigError("bad", key="select")) == "bad"
