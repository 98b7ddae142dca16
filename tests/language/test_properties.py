"""Properties: loading never raises for any text, and every diagnostic points inside the file."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govrules

EXAMPLE_TEXTS = [
    p.read_text(encoding="utf-8")
    for p in sorted(Path(__file__).resolve().parents[2].glob("examples/*/*/*.gov"))
]

ALPHABET = st.sampled_from(list('abcxyz_-019 \t\n{}",#<=>%.:;\'\\"\r\x00éß\u200b'))
WORDS = st.sampled_from(
    [
        "organization",
        "product",
        "body",
        "owner",
        "kind",
        "municipality",
        "{",
        "}",
        ",",
        "\n",
        '"x"',
        '"""y"""',
        "EUR",
        "12_0",
        "2026-01-01",
        "<=",
        "%",
        "per",
        "year",
        "#c",
        "yes",
    ]
)


def assert_located(model: govrules.Model, text: str) -> None:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for d in model.diagnostics:
        loc = d.location
        assert 1 <= loc.line <= len(lines), (d, len(lines))
        assert loc.column >= 1, d
        assert d.code.startswith("GR"), d


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(ALPHABET, max_size=200))
def test_arbitrary_text_never_raises(text: str) -> None:
    """Any text loads without an exception; problems are located diagnostics."""
    model = govrules.loads(text, "fuzz.gov")
    assert_located(model, text)
    text = text.replace("x", '"""')  # triple quotes opening and closing anywhere
    model = govrules.loads(text, "fuzz.gov")
    assert_located(model, text)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORDS, max_size=60).map(" ".join))
def test_token_soup_never_raises(text: str) -> None:
    """Sequences of real tokens in random order load without an exception."""
    model = govrules.loads(text, "soup.gov")
    assert_located(model, text)


@st.composite
def mutated_example(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(EXAMPLE_TEXTS))
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, max(len(lines) - 1, 0)))
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "truncate", "inject"]))
        if op == "delete" and lines:
            del lines[i]
        elif op == "duplicate" and lines:
            lines.insert(i, lines[i])
        elif op == "swap" and len(lines) > 1:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "truncate" and lines:
            cut = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:cut]
        elif lines:
            junk = draw(st.sampled_from(["{", "}", '"', '"""', "\x00", ",", "é", "# x", ";"]))
            pos = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:pos] + junk + lines[i][pos:]
    return "\n".join(lines)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_example())
def test_mutated_examples_never_raise(text: str) -> None:
    """Examples with deleted, duplicated, swapped, truncated or corrupted lines still load."""
    model = govrules.loads(text, "mutated.gov")
    assert_located(model, text)
    govrules.lint(model)  # the rules cope with whatever partial model loaded


def test_examples_exist() -> None:
    """The mutation property has examples to mutate."""
    assert len(EXAMPLE_TEXTS) >= 20
