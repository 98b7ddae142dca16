"""--help in the user's language: every text translated, English untouched, click's words too."""

from __future__ import annotations

from babel.messages.pofile import read_po
from click.testing import CliRunner

from govrules.cli import cli
from govrules.messages.po import help_entries, help_po_path


def _help(*args: str, lang: str | None = None) -> str:
    env = {"GOVRULES_LANG": lang or ""}
    result = CliRunner().invoke(cli, [*args, "--help"], env=env, prog_name="govrules")
    assert result.exit_code == 0, result.output
    return result.output


def test_every_help_text_has_a_current_dutch_translation() -> None:
    """A new option or an edited docstring fails here until the .po has its Dutch."""
    with help_po_path("nl").open("rb") as fh:
        catalog = read_po(fh)
    by_context = {m.context: m for m in catalog if m.context}
    missing = [
        where
        for where, english in help_entries().items()
        if where not in by_context
        or by_context[where].id != english
        or not by_context[where].string
        or "fuzzy" in by_context[where].flags
    ]
    assert missing == [], "run python -m govrules.messages.po and translate: " + ", ".join(missing)


def test_english_help_is_what_the_commands_declare() -> None:
    out = _help("lint")
    assert out.startswith(
        "Usage: govrules lint [OPTIONS] [PATHS]...\n\n  Check the governance model"
    )
    assert "\nOptions:\n" in out
    assert "[default: text]" in out


def test_dutch_help_translates_texts_headings_and_extras() -> None:
    out = _help("lint", "--lang", "nl")
    assert out.startswith(
        "Gebruik: govrules lint [OPTIONS] [PATHS]...\n\n  Toets het governancemodel"
    )
    assert "\nOpties:\n" in out and "\nOptions:" not in out
    assert "[standaard: text]" in out and "default:" not in out
    assert "Toon deze hulp en stop." in out


def test_the_environment_chooses_the_language_of_every_command() -> None:
    for command in ((), ("lint",), ("rules",), ("explain",), ("fmt",), ("graph",), ("cache",)):
        out = _help(*command, lang="nl")
        assert "Gebruik:" in out and "Show this message" not in out, command
    root = _help(lang="nl")
    assert "\nCommando's:\n" in root
    assert "  lint     Toets modellen aan de regelsets.\n" in root


def test_a_short_help_cut_to_the_terminal_is_cut_in_dutch_too() -> None:
    out = _help("cache", lang="nl")
    (clean,) = [line for line in out.splitlines() if line.startswith("  clean")]
    assert clean.startswith("  clean  Verwijder de cache") and clean.endswith("...")
    assert len(clean) <= 80  # click's help is at most 80 columns wide
