"""``govrules.report.render``: dispatch to each format, lazily, and refuse unknown ones."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from govrules.diagnostics import Report
from govrules.report import FORMATS, OUTPUT_FORMATS, RenderOptions, render
from govrules.report.github import render_github
from govrules.report.json_format import render_json
from govrules.report.junit import render_junit
from govrules.report.sarif import render_sarif
from govrules.report.text import render_text

SRC = Path(__file__).resolve().parents[2] / "src"


def _render(report: Report, fmt: str, sources: dict[str, str], quiet: bool = False) -> str:
    options = RenderOptions(color=False, quiet=quiet, root="/repo", tool_version="9.9.9")
    return render(attrs.evolve(report, sources=sources), fmt, options)


def test_formats_listed() -> None:
    """The five formats INTERFACES.md names, in its order."""
    assert FORMATS == ("text", "json", "sarif", "junit", "github")


def test_cli_choice_reads_the_table() -> None:
    """`govrules lint --format` offers exactly the formats of the table, each described."""
    from govrules.cli.lint import lint

    option = next(p for p in lint.params if p.name == "fmt")
    assert tuple(option.type.choices) == FORMATS  # type: ignore[attr-defined]
    assert all(OUTPUT_FORMATS[name].description for name in FORMATS)


def test_each_format_dispatches(sample_report: Report, sample_sources: dict[str, str]) -> None:
    """render gives the same text as calling each format's function directly."""
    assert _render(sample_report, "text", sample_sources) == render_text(
        sample_report, sample_sources, color=False
    )
    assert _render(sample_report, "json", {}) == render_json(sample_report)
    assert _render(sample_report, "sarif", {}) == render_sarif(
        sample_report, root="/repo", tool_version="9.9.9"
    )
    assert _render(sample_report, "junit", {}) == render_junit(sample_report)
    assert _render(sample_report, "github", {}) == render_github(sample_report)


def test_quiet_passed_to_text(sample_report: Report) -> None:
    """quiet reaches the text format."""
    assert _render(sample_report, "text", {}, quiet=True) == render_text(
        sample_report, {}, color=False, quiet=True
    )


def test_unknown_format_names_choices(sample_report: Report) -> None:
    """An unknown format is a ValueError that lists the formats there are."""
    with pytest.raises(ValueError, match=r"unknown output format 'xml' \(choose from text, json"):
        _render(sample_report, "xml", {})


@pytest.mark.parametrize("fmt", FORMATS)
def test_only_the_chosen_format_is_imported(fmt: str) -> None:
    """Rendering one format imports that format's module and no other (start-up time)."""
    script = (
        "import sys\n"
        "from govrules.diagnostics import Report\n"
        "from govrules.report import render\n"
        f"render(Report(()), {fmt!r})\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('govrules.report.'))))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    module = {"json": "json_format"}.get(fmt, fmt)
    assert done.stdout.split() == sorted(["govrules.report._common", f"govrules.report.{module}"])
