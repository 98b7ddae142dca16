"""Helpers shared by the hostile-input tests: running the CLI, a hang guard, the fuzz harness."""

from __future__ import annotations

import contextlib
import importlib.util
import signal
import sys
import threading
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from click.testing import CliRunner, Result

from govrules.cli import cli

ROOT = Path(__file__).resolve().parents[2]
TRACEBACK = "Traceback (most recent call last)"


def run_cli(args: Sequence[str], env: Mapping[str, str] | None = None) -> Result:
    """``govrules ARGS`` in this process; stdout and stderr are kept apart."""
    return CliRunner().invoke(cli, list(args), env=dict(env or {}), catch_exceptions=True)


def assert_no_crash(result: Result) -> None:
    """The command ended by exiting, not by an exception, and printed no traceback."""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"exception escaped: {result.exception!r}") from result.exception
    assert TRACEBACK not in result.output
    assert "internal error" not in result.output


@contextlib.contextmanager
def hang_guard(seconds: float = 10.0) -> Iterator[None]:
    """Fail instead of hanging: a generous time limit, never an assertion on speed."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_alarm(signum: int, frame: Any) -> None:
        pytest.fail(f"no result after {seconds:g} s: treated as a hang")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def fuzz_module() -> ModuleType:
    """``benchmarks/fuzz.py``, the fuzz harness, imported as a module."""
    name = "govrules_fuzz_harness"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / "fuzz.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def has_module(name: str) -> bool:
    """Whether a part of govrules that other developers are finishing has landed."""
    return importlib.util.find_spec(name) is not None
