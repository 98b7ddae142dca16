"""Shared helpers of the import tests (imported by name, as hostile_support is)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from govrules.vocabulary import KINDS

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "examples" / "import"

V2 = "arrangement" in KINDS
# Assertions that lint imported arrangements, water boards or officials wait on version 2 of the
# language (LANGUAGE.md, "Public-law structure"); they run the moment its vocabulary lands.
needs_v2 = pytest.mark.skipif(not V2, reason="waits on the version-2 vocabulary (arrangement)")


def register_module() -> ModuleType:
    """``benchmarks/register.py``, the register generator, imported as a module."""
    name = "govrules_register_generator"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / "register.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
