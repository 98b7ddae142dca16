"""Configuration that fails loudly: bad bytes, non-finite numbers and deep nesting are errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"


def _lint(cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "govrules", "lint", "--no-cache", "."],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(SRC)},
        check=False,
    )


def _model(tmp_path: Path) -> None:
    (tmp_path / "m.gov").write_text('organization g "G" {\n  kind municipality\n}\n')


def test_non_utf8_pyproject_is_an_error(tmp_path: Path) -> None:
    """A bad byte in pyproject.toml no longer drops [tool.govrules] silently: exit 2, byte named."""
    _model(tmp_path)
    (tmp_path / "pyproject.toml").write_bytes(
        b'[project]\nname = "caf\xe9"\n\n[tool.govrules]\nselect = ["OWN"]\n'
    )
    done = _lint(tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == (
        f"govrules: error: {tmp_path / 'pyproject.toml'}:2:12: "
        "the configuration is not UTF-8 text (byte 0xe9)"
    )


def test_non_utf8_pyproject_of_another_tool_is_ignored(tmp_path: Path) -> None:
    """A broken pyproject that has nothing to do with govrules does not stop a run."""
    _model(tmp_path)
    (tmp_path / "pyproject.toml").write_bytes(b'[project]\nname = "caf\xe9"\n')
    assert _lint(tmp_path).returncode == 0


def test_nan_parameter_is_refused(tmp_path: Path) -> None:
    """threshold = nan is a configuration error naming the key, not an internal error."""
    _model(tmp_path)
    (tmp_path / "govrules.toml").write_text("[params]\nCOL006.threshold = nan\n")
    done = _lint(tmp_path)
    assert done.returncode == 2
    assert "internal error" not in done.stderr
    assert "COL006.threshold" in done.stderr
    assert "takes a finite number, not nan" in done.stderr


def test_deep_toml_arrays(tmp_path: Path) -> None:
    """100,000 nested arrays give a one-line error naming the file, never a RecursionError."""
    _model(tmp_path)
    (tmp_path / "govrules.toml").write_text("select = " + "[" * 100_000 + "]" * 100_000 + "\n")
    done = _lint(tmp_path)
    assert done.returncode == 2
    # Located where the nesting passes the limit: column 10 + 100 of line 1.
    assert done.stderr.strip() == (
        f"govrules: error: {tmp_path / 'govrules.toml'}:1:110: invalid TOML: arrays and "
        "inline tables nest more than 100 levels deep here"
    )


def test_deep_toml_in_pyproject_is_located(tmp_path: Path) -> None:
    """Deep nesting in [tool.govrules] of a pyproject.toml names its line and column."""
    _model(tmp_path)
    text = '[project]\nname = "x"\n\n[tool.govrules]\nselect = ' + "[" * 50_000 + "]" * 50_000
    (tmp_path / "pyproject.toml").write_text(text + "\n")
    done = _lint(tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip().startswith(
        f"govrules: error: {tmp_path / 'pyproject.toml'}:5:110: invalid TOML: arrays"
    )


def test_nesting_scan_skips_texts_and_comments() -> None:
    """Brackets in texts and comments do not count; the first one too deep is named."""
    from govrules.config import deep_nesting

    text = "a = \"[[[[\"\nb = '''\n[[[['''\n# [[[[\nc = [ [ [1]]]\n"
    assert deep_nesting(text, 2) == (5, 9)
    assert deep_nesting(text, 3) is None


def test_evaluation_budget_must_be_a_positive_whole_number(tmp_path: Path) -> None:
    """evaluation-budget = true (or 0) is a one-line error naming the key."""
    _model(tmp_path)
    for value in ("true", "0", "1.5"):
        (tmp_path / "govrules.toml").write_text(f"evaluation-budget = {value}\n")
        done = _lint(tmp_path)
        assert done.returncode == 2
        assert "evaluation-budget: expected a whole number above 0" in done.stderr
