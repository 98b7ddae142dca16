"""Identifiers made from names, and collisions between them resolved deterministically.

An identifier of the language is Unicode letters, digits, ``_`` and ``-``,
not starting with a digit. From a name: lowercase, diacritics kept,
hyphens inside a word kept (``gemeente_súdwest-fryslân``, as LANGUAGE.md
writes it),
every other run of spaces and punctuation one ``_``, none at either end
(``'s-Hertogenbosch`` -> ``s-hertogenbosch``). A name that would start with
a digit gets a leading ``_`` (``_1e_regeling``).

Two different names can make the same identifier (``Werkvoorziening
(WVS)`` and ``Werkvoorziening WVS``), and all top-level identifiers share one
namespace. :func:`assign` gives the first name (in the order the caller
fixes) the identifier and the others ``_2``, ``_3`` ..., and returns each
collision so the import can report it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import attrs

_NOT_WORD = re.compile(r"[^\w\-]+")
_LOOSE_HYPHEN = re.compile(r"(?<!\w)-+|-+(?!\w)|-{2,}")
_IDENTIFIER = re.compile(r"[^\W\d][\w\-]*")


def is_identifier(text: str) -> bool:
    """Whether ``text`` is a valid identifier of the language."""
    return _IDENTIFIER.fullmatch(text) is not None


@lru_cache(maxsize=65536)
def identifier_from(name: str, prefix: str = "") -> str | None:
    """The identifier made from ``name`` after ``prefix``; ``None`` without a letter or digit."""
    text = unicodedata.normalize("NFC", name).lower()
    # A hyphen is kept only inside a word (Súdwest-Fryslân), not beside a space (Noord- en).
    text = _LOOSE_HYPHEN.sub(" ", text.replace("_", " "))
    core = _NOT_WORD.sub("_", text).strip("_")
    if not core or not any(ch.isalnum() for ch in core):
        return None
    made = prefix + core
    if made[0].isdigit():
        made = "_" + made
    return made


@attrs.frozen(slots=True)
class Collision:
    """``name`` would have made ``wanted``, which ``holder`` already has; it became ``given``.

    ``index`` is the place of ``name`` among the names given to :func:`assign`.
    """

    index: int
    name: str
    wanted: str
    holder: str
    given: str


def assign(
    wanted: Iterable[tuple[str, str]], taken: dict[str, str]
) -> tuple[list[str], list[Collision]]:
    """Give each ``(name, identifier)`` an identifier not in ``taken``, in the order given.

    ``taken`` maps identifiers already given to the names that hold them; it
    is updated. Returns the identifiers, in order, and the collisions.
    """
    given: list[str] = []
    collisions: list[Collision] = []
    for index, (name, ident) in enumerate(wanted):
        if ident not in taken:
            taken[ident] = name
            given.append(ident)
            continue
        n = 2
        while f"{ident}_{n}" in taken:
            n += 1
        new = f"{ident}_{n}"
        collisions.append(Collision(index, name, ident, taken[ident], new))
        taken[new] = name
        given.append(new)
    return given, collisions
