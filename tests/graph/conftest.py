"""Shared fixtures for the graph tests: the small model and golden files."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from govrules import Model, load

HERE = Path(__file__).parent

UPDATE = os.environ.get("GOVRULES_UPDATE_GOLDEN", "") not in ("", "0")
"""Set GOVRULES_UPDATE_GOLDEN=1 to rewrite the golden files from the current output."""


def _check_golden(name: str, actual: str) -> None:
    path = HERE / "golden" / name
    if UPDATE:
        path.write_text(actual, encoding="utf-8", newline="\n")
    assert path.exists(), f"missing golden file {path}; run with GOVRULES_UPDATE_GOLDEN=1"
    assert actual == path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def golden() -> Callable[[str, str], None]:
    """``golden(name, text)`` compares ``text`` with ``golden/<name>`` (rewritten when updating)."""
    return _check_golden


@pytest.fixture(scope="session")
def small_path() -> Path:
    """The path of ``models/small.gov``."""
    return HERE / "models" / "small.gov"


@pytest.fixture(scope="session")
def small_model(small_path: Path) -> Model:
    """``models/small.gov``: every relation, non-ASCII and hyphenated ids, quotes in labels."""
    model = load([small_path])
    assert model.diagnostics == ()
    return model
