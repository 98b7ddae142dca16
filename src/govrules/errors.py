"""The library's root exception.

Findings are data, failures are exceptions: a bad model yields findings, and
an exception derived from :class:`GovrulesError` means govrules could not run
at all (a bad configuration, a path that does not exist).
"""

from __future__ import annotations


class GovrulesError(Exception):
    """Root of every exception govrules raises on purpose; anything else is a bug."""
