"""The language features, one module each; :func:`register` wires them to a server."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from govrules.lsp.server import GovrulesServer


def register(server: GovrulesServer, guarded: Callable[[Any], Any]) -> None:
    """Register every feature on ``server``, each handler wrapped in ``guarded``."""
