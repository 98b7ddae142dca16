"""The pre-commit tests: registers their marker."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    """Register ``slow``: run by default, deselect with ``-m "not slow"`` for a quick loop."""
    config.addinivalue_line(
        "markers",
        "slow: builds a real environment (pre-commit installs govrules); run by default",
    )
