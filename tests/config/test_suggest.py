"""Did-you-mean suggestions shared by the configuration, suppressions and the parser."""

from __future__ import annotations

import time

from hypothesis import given
from hypothesis import strategies as st

from govrules.suggest import did_you_mean, suggestion_suffix


def test_suggests_the_closest_candidate() -> None:
    """A misspelt key gets the closest candidate."""
    assert did_you_mean("selct", ["select", "ignore", "exclude"]) == "select"


def test_compares_without_case() -> None:
    """Case does not count, and the candidate comes back as written."""
    assert did_you_mean("own001", ["OWN001", "SUP001"]) == "OWN001"


def test_none_when_nothing_is_close() -> None:
    """A word unlike every candidate gets no suggestion."""
    assert did_you_mean("zzzz", ["select", "ignore"]) is None


def test_none_without_candidates() -> None:
    """No candidates, no suggestion."""
    assert did_you_mean("select", []) is None


def test_skips_candidates_of_very_different_length() -> None:
    """A candidate more than three characters longer or shorter is never suggested."""
    assert did_you_mean("own", ["ownership"]) is None
    assert did_you_mean("owne", ["ownership"]) is None
    assert did_you_mean("ownersh", ["ownership"]) == "ownership"


def test_underscore_for_hyphen() -> None:
    """``fail_on`` suggests ``fail-on``."""
    assert did_you_mean("fail_on", ["fail-on", "select"]) == "fail-on"


def test_fast_with_many_candidates() -> None:
    """A hundred thousand candidates are searched well within a second."""
    candidates = [f"product_{i:06d}" for i in range(100_000)]
    start = time.perf_counter()
    assert did_you_mean("product_04211", candidates) is not None
    assert time.perf_counter() - start < 2.0


def test_suffix_formats_the_suggestion() -> None:
    """The suffix reads ``; did you mean 'x'?``."""
    assert suggestion_suffix("ignor", ["ignore"]) == "; did you mean 'ignore'?"


def test_suffix_empty_without_suggestion() -> None:
    """Without a close candidate the suffix is empty."""
    assert suggestion_suffix("zzzz", ["ignore"]) == ""


@given(st.text(), st.lists(st.text(), max_size=20))
def test_suggestion_is_a_candidate(word: str, candidates: list[str]) -> None:
    """Whatever the input, a suggestion is one of the candidates, never anything else."""
    match = did_you_mean(word, candidates)
    assert match is None or match in candidates
