"""A bounded fuzzing run of the whole pipeline (library and CLI) with benchmarks/fuzz.py's harness.

The long campaign is ``python benchmarks/fuzz.py --cases 50000``; this runs a
few thousand of the same cases with a fixed seed, so a failure here is
reproducible with ``python benchmarks/fuzz.py --seed 7 --only INDEX``.
"""

from __future__ import annotations

import argparse
import collections
import random
from pathlib import Path

import pytest
from hostile_support import fuzz_module, has_module

from govrules.vocabulary import KINDS, TOP_LEVEL_KINDS

# Seconds to minutes: kept out of the quick loop (`-m "not slow"`).
pytestmark = pytest.mark.slow

fuzz = fuzz_module()

SEED = 7
LIBRARY_BATCHES = 8
LIBRARY_BATCH = 200
CLI_BATCHES = 2
CLI_BATCH = 60
CLI_OFFSET = 1_000_000
"""CLI cases use indices of their own, so they are not the library cases again."""


def run_cases(indices: range, tmp_path: Path, *, cli: bool) -> None:
    """Run the cases; on failure, save every failing input and show its problems."""
    failures = []
    for index in indices:
        case = fuzz.make_case(SEED, index)
        workdir = tmp_path / str(index)
        workdir.mkdir()
        outcome = fuzz.run_case(case, workdir, cli=cli)
        if outcome.problems:
            saved = fuzz.save_failure(case, outcome, SEED, tmp_path / "failures")
            failures.append(
                f"case {index} ({case.label}, saved to {saved}):\n  "
                + "\n  ".join(outcome.problems)
            )
    assert not failures, f"{len(failures)} failing cases\n" + "\n".join(failures[:5])


@pytest.mark.parametrize("batch", range(LIBRARY_BATCHES))
def test_library_invariants_hold(batch: int, tmp_path: Path) -> None:
    """Generated and mutated models: load, lint, render, fmt and graph keep every invariant."""
    start = batch * LIBRARY_BATCH
    run_cases(range(start, start + LIBRARY_BATCH), tmp_path, cli=False)


@pytest.mark.parametrize("batch", range(CLI_BATCHES))
def test_cli_invariants_hold(batch: int, tmp_path: Path) -> None:
    """Through the CLI too: exit 0 or 1, no traceback, JSON that parses and agrees, fmt safe."""
    start = CLI_OFFSET + batch * CLI_BATCH
    run_cases(range(start, start + CLI_BATCH), tmp_path, cli=True)


@pytest.mark.parametrize("example", fuzz.EXAMPLES, ids=lambda p: "/".join(p.parts[-3:]))
def test_unmutated_examples_keep_every_invariant(example: Path, tmp_path: Path) -> None:
    """The examples as they are pass every check of the harness, CLI included."""
    case = fuzz.Case(0, "example", example.read_bytes())
    outcome = fuzz.run_case(case, tmp_path, cli=True)
    assert outcome.problems == []
    assert outcome.known == []


def test_generation_covers_the_vocabulary() -> None:
    """Generated cases use every kind and every attribute of the vocabulary."""
    texts = [fuzz.generate(random.Random(i)) for i in range(400)]  # noqa: S311 -- not crypto
    words = collections.Counter(w for t in texts for w in t.split())
    assert [k for k in TOP_LEVEL_KINDS if not words[k]] == []
    nested = [k for k, spec in KINDS.items() if spec.is_nested]
    assert [k for k in nested if not words[k]] == []
    missing = [
        f"{kind}.{attr}"
        for kind, spec in KINDS.items()
        for attr in spec.attributes
        if not words[attr]
    ]
    assert missing == []


def test_mutations_cover_every_example() -> None:
    """The bounded run mutates every example file at least once."""
    labels = {fuzz.make_case(SEED, i).label for i in range(LIBRARY_BATCHES * LIBRARY_BATCH)}
    wanted = {"mutated-" + "-".join(p.parts[-3:-1]) + "-" + p.stem for p in fuzz.EXAMPLES}
    assert wanted <= {label.removesuffix("-surrogate") for label in labels}


def test_cases_include_each_kind_of_damage() -> None:
    """The bounded run holds undecodable files, CR and CRLF files, BOMs, NULs and surrogates."""
    cases = [fuzz.make_case(SEED, i) for i in range(LIBRARY_BATCHES * LIBRARY_BATCH)]
    data = [c.data for c in cases if isinstance(c.data, bytes)]
    assert sum(1 for c in cases if isinstance(c.data, str)) >= 20
    assert sum(1 for d in data if fuzz.invalid_utf8_position(d) is not None) >= 50
    assert sum(1 for d in data if b"\r\n" in d) >= 50
    assert sum(1 for d in data if b"\r" in d.replace(b"\r\n", b"")) >= 50
    assert sum(1 for d in data if d.startswith(b"\xef\xbb\xbf")) >= 20
    assert sum(1 for d in data if b"\x00" in d) >= 20
    assert sum(1 for c in cases if c.siblings) >= 100


def test_cases_are_reproducible() -> None:
    """The same seed and index always give the same case."""
    for index in (0, 1, 2, 3, 999):
        assert fuzz.make_case(SEED, index) == fuzz.make_case(SEED, index)


def test_position_check_rejects_positions_outside_the_file() -> None:
    """The harness's position check flags a line or column outside the file, or a reversed span."""
    lines = ["product p", ""]

    def loc(line: int, column: int, end_line: int, end_column: int) -> argparse.Namespace:
        return argparse.Namespace(
            line=line, column=column, end_line=end_line, end_column=end_column
        )

    assert fuzz.position_problems("X", loc(1, 1, 1, 8), lines) == []
    assert fuzz.position_problems("X", loc(1, 10, 1, 10), lines) == []
    assert fuzz.position_problems("X", loc(0, 1, 0, 1), lines) == ["X at 0:1: line outside 1..2"]
    assert fuzz.position_problems("X", loc(3, 1, 3, 1), lines) == ["X at 3:1: line outside 1..2"]
    assert fuzz.position_problems("X", loc(1, 11, 1, 12), lines) == [
        "X at 1:11: column outside 1..10"
    ]
    assert fuzz.position_problems("X", loc(2, 1, 1, 5), lines) == [
        "X at 2:1: ends before it starts (1:5)"
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"product p\n", None),
        (b"ab\xffcd", (2, 1, 3)),
        (b'product p\nproduct q "ab\xffcd"\n', (23, 2, 14)),
        (b'product p\r\nproduct q "ab\xffcd"\r\n', (24, 2, 14)),
        (b'product p\rproduct q "ab\xffcd"\r', (23, 2, 14)),
        (b'\xef\xbb\xbfproduct p\nproduct q "ab\xffcd"\n', (26, 2, 14)),
        (b"\xc3\xa9\xff", (2, 1, 2)),
    ],
)
def test_reference_position_of_invalid_utf8(data: bytes, expected: object) -> None:
    """The harness's own reckoning of where a file stops being UTF-8 (offset, line, column)."""
    assert fuzz.invalid_utf8_position(data) == expected


def test_time_limit_reports_a_hang() -> None:
    """The harness's per-case time limit turns a hang into a failure."""

    def spin() -> None:
        with fuzz.time_limit(0.05):
            while True:
                pass

    with pytest.raises(fuzz.Hang):
        spin()


def test_cli_check_flags_exit_2_and_tracebacks() -> None:
    """The harness's CLI check flags exit code 2, a traceback and an internal error."""
    result = argparse.Namespace(
        exception=None,
        exit_code=2,
        output="Traceback (most recent call last):\ngovrules: internal error: X",
    )
    problems = fuzz.cli_problems("lint", result, (0, 1))
    assert len(problems) == 3


def test_known_bugs_are_only_the_reported_ones() -> None:
    """Only the reported, still open bugs are excused by the harness (each has an xfail test)."""
    # Both bugs the campaign excused (GR401 positions after CR or a BOM, an unclosed block
    # reported once per recovery pass) are fixed; nothing is excused any more.
    assert set(fuzz.KNOWN_BUGS) == set()


@pytest.mark.skipif(not has_module("govrules.fmt"), reason="the formatter has not landed")
def test_format_check_is_active() -> None:
    """With the formatter present, the harness formats some cases and sees others refused."""
    formatted = refused = 0
    for index in range(60):
        case = fuzz.make_case(SEED, index)
        outcome = fuzz.Outcome()
        if case.text is not None:
            fuzz._check_format(case.text, "x.gov", outcome)
        formatted += outcome.formatted
        refused += outcome.refused
    assert formatted >= 10 and refused >= 10
