"""Every hostile test runs in an empty working directory of its own: no cache lands in the repo."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GOVRULES_DEBUG", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
