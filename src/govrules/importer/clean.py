"""Dirty cells made clean: whitespace, invisible characters and mojibake.

Spreadsheets that pass through several hands collect the same dirt: leading
and trailing spaces, doubled spaces, non-breaking spaces from a web page,
zero-width characters, and *mojibake*, UTF-8 read as Windows-1252 and saved
again (``FryslÃ¢n`` for ``Fryslân``). :func:`clean_cell` removes the first
kinds silently and repairs the last one with ftfy, saying what it repaired,
so the person who imports can correct the source register too.

ftfy is used rather than a hand-written ``encode("cp1252").decode("utf-8")``
round trip because it tells real mojibake from text that merely contains
``Ã`` (a Portuguese name) by how unlikely the characters are, and undoes
double encodings (``ÃƒÂ¢``) and the "sloppy" Windows-1252 bytes Excel writes;
a naive round trip gets each of those wrong.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import attrs

from govrules.importer.convert import Cell

# Zero-width characters, soft hyphens, and control characters (a NUL from a broken export).
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\x00-\x08\x0e-\x1f\x7f]")
_SPACES = re.compile(r"\s+")


@attrs.frozen(slots=True)
class Cleaned:
    """A cleaned cell; ``repaired_from`` is its text before a mojibake repair, if there was one."""

    value: Cell
    repaired_from: str | None = None


@lru_cache(maxsize=65536)
def _clean_text(text: str) -> tuple[str, str | None]:
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text).strip()
    if text.isascii():
        return text, None
    repaired = _fix_mojibake(text)
    text_nfc = unicodedata.normalize("NFC", text)
    if repaired != text_nfc:
        return repaired, text
    return text_nfc, None


def _fix_mojibake(text: str) -> str:
    import ftfy

    fixed = ftfy.fix_encoding(text)
    return unicodedata.normalize("NFC", _SPACES.sub(" ", fixed).strip())


def clean_cell(value: Cell) -> Cleaned:
    """``value`` with whitespace trimmed and collapsed, invisible characters removed,
    Unicode composed (NFC) and mojibake repaired; an empty text becomes ``None``."""
    if not isinstance(value, str):
        return Cleaned(value)
    text, before = _clean_text(value)
    return Cleaned(text or None, before)


def name_key(text: str) -> str:
    """What two spellings of one name share (``Súdwest-fryslân`` ~ ``súdwest-Fryslân``)."""
    return text.casefold()
