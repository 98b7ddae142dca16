"""Did-you-mean suggestions for unknown names: keys, codes, kinds, attributes.

One helper for every place that reports an unknown word, so all of them suggest
alike: the closest candidate by :mod:`difflib` similarity, compared without
regard to case.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable

from govrules.messages import Message, msg

CUTOFF = 0.6
"""The least similarity (0..1, difflib's ratio) a candidate needs to be suggested."""

MAX_LENGTH_DIFFERENCE = 3
"""Candidates whose length differs more than this are not considered (keeps big sets fast)."""


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to ``word`` (ignoring case), or ``None`` when none is close.

    Candidates whose length differs from ``word`` by more than
    :data:`MAX_LENGTH_DIFFERENCE` are skipped before any comparison, so a set of
    100,000 names is searched quickly. Among equally close candidates the
    first in alphabetical order (of the lowercased names) is chosen.
    """
    lowered = word.lower()
    pool: dict[str, str] = {}
    for candidate in candidates:
        if abs(len(candidate) - len(word)) <= MAX_LENGTH_DIFFERENCE:
            pool.setdefault(candidate.lower(), candidate)
    if not pool:
        return None
    if lowered in pool:
        return pool[lowered]
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(lowered)
    best: str | None = None
    best_score = CUTOFF
    for key in pool:
        matcher.set_seq1(key)
        # real_quick_ratio and quick_ratio are upper bounds of ratio: cheap rejections.
        if matcher.real_quick_ratio() < best_score or matcher.quick_ratio() < best_score:
            continue
        score = matcher.ratio()
        if score < best_score:
            continue
        if best is None or score > best_score or key < best:
            best, best_score = key, score
    return pool[best] if best is not None else None


def suggestion_suffix(word: str, candidates: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` for the closest candidate, or ``""`` when there is none.

    When either word holds a character outside ASCII, the suggestion names
    the characters that differ: ``'g\u0435meente'`` and ``'gemeente'`` look the
    same, and the reader must be told they are not.
    """
    match = did_you_mean(word, candidates)
    if match is None:
        return ""
    if match != word and not (match.isascii() and word.isascii()):
        shown = "; ".join(differences(match, word, "you wrote"))
        return f"; did you mean {match!r}? (it has {shown})"
    return f"; did you mean {match!r}?"


def describe(char: str) -> str:
    """``U+0435 CYRILLIC SMALL LETTER IE``."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'UNNAMED CHARACTER')}"


def differences(name: str, other: str, theirs: str = "the other has") -> list[str]:
    """The characters of ``name`` that ``other`` does not have where ``name`` has them."""
    if len(name) == len(other):
        pairs = [(a, b) for a, b in zip(name, other, strict=True) if a != b]
        return [f"{describe(a)} where {theirs} {describe(b)}" for a, b in pairs]
    return [describe(c) for c in dict.fromkeys(name) if c not in other] or ["other characters"]


def look_alike_note(match: str | None, word: str) -> Message | str:
    """`` (it has U+0435 ... where you wrote U+0065 ...)`` when ``match`` only looks like ``word``.

    Empty between ASCII words, or without a suggestion: only a suggestion
    that a reader cannot tell from what was written needs its characters named.
    """
    if match is None or match == word or (match.isascii() and word.isascii()):
        return ""
    return msg("suggest.look-alike", differences=character_differences(match, word, yours=True))


def character_differences(name: str, other: str, *, yours: bool = False) -> tuple[Message, ...]:
    """The characters of ``name`` that ``other`` lacks where ``name`` has them, as messages."""
    if len(name) == len(other):
        pairs = [(a, b) for a, b in zip(name, other, strict=True) if a != b]
        kind = "char.where-you-wrote" if yours else "char.where-the-other-has"
        return tuple(msg(kind, has=describe(a), other=describe(b)) for a, b in pairs)
    chars = [describe(c) for c in dict.fromkeys(name) if c not in other]
    return tuple(msg("char.only", char=c) for c in chars) or (msg("char.others"),)
