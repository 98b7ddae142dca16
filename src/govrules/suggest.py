"""Did-you-mean suggestions for unknown names: keys, codes, kinds, attributes.

One helper for every place that reports an unknown word, so all of them suggest
alike: the closest candidate by :mod:`difflib` similarity, compared without
regard to case.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

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
    """``"; did you mean 'x'?"`` for the closest candidate, or ``""`` when there is none."""
    match = did_you_mean(word, candidates)
    return f"; did you mean {match!r}?" if match is not None else ""
