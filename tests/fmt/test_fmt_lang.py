"""fmt --lang: keywords, attributes and symbols in one language, meaning, comments and text kept."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from fmt_strategies import gov_texts
from fmt_support import comment_texts, diagnostic_codes, example_files, facts, suppressions
from hypothesis import HealthCheck, given, settings

import govrules
from govrules.fmt import format_text
from govrules.loader import loads
from govrules.syntax.parser import normalize_newlines, parse
from govrules.syntax.translate import translate

REPO = Path(__file__).resolve().parents[2]
FIXTURES = sorted((REPO / "rulesets" / "tests").glob("*.gov"))


def word_for_word(text: str, lang: str) -> str:
    """``text`` with its words translated in place: every line and comment where it was."""
    parsed = parse(text, "x.gov")
    assert not parsed.problems
    lines = normalize_newlines(text).split("\n")
    edits: list[tuple[int, int, int, str]] = []

    def collect(before: object, after: object) -> None:
        for old, new in zip(_tokens(before), _tokens(after), strict=True):
            if old.value != new.value:
                edits.append((old.line - 1, old.column - 1, old.end_column - 1, new.value))

    collect(parsed.stmts, translate(parsed, lang).stmts)
    for line, start, end, word in sorted(edits, reverse=True):
        lines[line] = lines[line][:start] + word + lines[line][end:]
    return "\n".join(lines)


def _tokens(stmts: object) -> list:  # type: ignore[type-arg]
    out = []
    for stmt in stmts:  # type: ignore[attr-defined]
        out.append(stmt.head)
        out.extend(t for item in stmt.items for t in item)
        if stmt.block is not None:
            out.extend(_tokens(stmt.block.stmts))
    return out


def _findings(text: str, rules: object = None) -> list[tuple[str, str | None, int]]:
    report = govrules.lint(loads(text, "x.gov"))
    return [(f.code, f.subject, f.location.line) for f in report.findings]


MODELS = [p for p in [*example_files(), *FIXTURES] if "import" not in p.parts]


@pytest.mark.parametrize("path", MODELS, ids=lambda p: str(p.relative_to(REPO)))
def test_a_model_written_in_dutch_gives_the_same_findings(path: Path) -> None:
    """Every example and rule fixture, word for word in Dutch: same model, same findings, lines."""
    text = path.read_text(encoding="utf-8")
    dutch = word_for_word(text, "nl")
    assert dutch != text or "organization" not in text
    assert facts(loads(dutch, "x.gov")) == facts(loads(text, "x.gov"))
    assert _findings(dutch) == _findings(text)
    assert comment_texts(dutch) == comment_texts(normalize_newlines(text))


@pytest.mark.parametrize("path", MODELS, ids=lambda p: str(p.relative_to(REPO)))
def test_fmt_lang_nl_then_en_gives_the_file_back(path: Path) -> None:
    """Round trip: the English formatted file again (the examples are written in English)."""
    text = path.read_text(encoding="utf-8")
    dutch = format_text(text, lang="nl")
    assert format_text(dutch) == dutch
    assert format_text(dutch, lang="en") == format_text(text)
    assert facts(loads(dutch, "x.gov")) == facts(loads(text, "x.gov"))


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(gov_texts())
def test_generated_models_mean_the_same_in_both_languages(text: str) -> None:
    dutch = format_text(text, lang="nl")
    english = format_text(dutch, lang="en")
    before = loads(text, "x.gov")
    for other in (dutch, english):
        after = loads(other, "x.gov")
        assert facts(after) == facts(before)
        assert diagnostic_codes(after) == diagnostic_codes(before)
        assert comment_texts(other) == comment_texts(normalize_newlines(text))
        assert suppressions(other) == suppressions(normalize_newlines(text))


def test_identifiers_labels_texts_and_comments_stay_byte_for_byte() -> None:
    text = (
        "# kind municipality stays in a comment\n"
        'organization gemeente "organization kind" {\n'
        "  kind municipality  # owner\n"
        '  mission """kind yes per year"""\n'
        "}\n"
        "product owner {\n"
        "  owner gemeente\n"
        "}\n"
        "financing yes {\n"
        "  from gemeente\n"
        "  for owner\n"
        "  amount EUR 1_000 per year\n"
        "}\n"
        "contract c {\n"
        "  duration 1 year\n"
        "}\n"
        "agreement a {\n"
        "  between gemeente\n"
        "  result r {\n"
        "    target <= 5 days\n"
        "  }\n"
        "}\n"
    )
    assert format_text(text, lang="nl") == (
        "# kind municipality stays in a comment\n"
        'organisatie gemeente "organization kind" {\n'
        "  soort gemeente  # owner\n"
        '  missie """kind yes per year"""\n'
        "}\n"
        "\n"
        "product owner {\n"
        "  eigenaar gemeente\n"
        "}\n"
        "\n"
        "financiering yes {\n"
        "  van gemeente\n"
        "  voor owner\n"
        "  bedrag EUR 1_000 per jaar\n"
        "}\n"
        "\n"
        "contract c {\n"
        "  looptijd 1 jaar\n"
        "}\n"
        "\n"
        "afspraak a {\n"
        "  tussen gemeente\n"
        "  resultaat r {\n"
        "    norm <= 5 dagen\n"
        "  }\n"
        "}\n"
    )


def test_the_word_a_user_chose_is_kept_when_it_is_already_dutch() -> None:
    """executive has two Dutch words: dagelijks_bestuur stays, it is not made 'college'."""
    text = "organization r { kind joint_organization }\nbody db { of r\n kind dagelijks_bestuur }\n"
    out = format_text(text, lang="nl")
    assert "soort dagelijks_bestuur" in out
    assert "kind executive" in format_text(out, lang="en")


def test_unknown_words_are_left_for_the_linter() -> None:
    text = "product p {\n  ownr x\n}\n"
    assert format_text(text, lang="nl") == "product p {\n  ownr x\n}\n"


def test_fmt_lang_on_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "m.gov"
    path.write_text("organization g {\n  kind municipality\n}\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "govrules", "fmt", "--lang", "nl", str(path)],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    assert path.read_text(encoding="utf-8") == "organisatie g {\n  soort gemeente\n}\n"
    assert done.stderr.endswith("1 bestand opgemaakt\n")
