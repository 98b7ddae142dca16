"""Finding the grammar files and built-in rulesets, installed or in a source checkout."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path


@cache
def data_dir(name: str) -> Path:
    """The directory ``grammar`` or ``rulesets``.

    In a wheel they are installed inside the package (see pyproject's
    ``force-include``); in a source checkout or editable install they stand at
    the repository root, two levels above this package.
    """
    packaged = Path(str(resources.files("govrules"))) / name
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"govrules is installed without its {name!r} directory")
