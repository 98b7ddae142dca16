"""The shipped examples: each before-model gives exactly its findings, each after-model none."""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path

import pytest

import govrules

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
EXPECTED = json.loads((EXAMPLES / "EXPECTED.json").read_text(encoding="utf-8"))
# examples/import/ holds registers for `govrules import`, not a before/after case.
CASES = sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir() and p.name != "import")
AS_OF = datetime.date(2026, 6, 1)
"""The date the examples are judged on (examples/README.md says so)."""


def findings(case: str, phase: str) -> list[tuple[str, str, int, str | None]]:
    model = govrules.load([EXAMPLES / case / phase])
    assert model.diagnostics == (), model.diagnostics
    report = govrules.lint(model, today=AS_OF)
    base = EXAMPLES / case
    return sorted(
        (
            f.code,
            Path(os.path.relpath(f.location.file, base)).as_posix(),
            f.location.line,
            f.subject,
        )
        for f in report.findings
    )


def test_every_case_is_present() -> None:
    """The five cases of DOMAIN.md, the mandates example and the two public-law cases ship."""
    assert len(CASES) == 8
    assert set(EXPECTED) <= set(CASES)


@pytest.mark.parametrize("case", CASES)
def test_before_model_gives_exactly_the_described_findings(case: str) -> None:
    """Codes, files, lines and subjects of the before-model's findings equal EXPECTED.json."""
    want = sorted((e["code"], e["file"], e["line"], e["subject"]) for e in EXPECTED.get(case, []))
    assert want, f"{case} describes no findings"
    assert findings(case, "before") == want


@pytest.mark.parametrize("case", CASES)
def test_after_model_is_clean(case: str) -> None:
    """The model after the advice has no diagnostic and no finding."""
    assert findings(case, "after") == []


@pytest.mark.parametrize("case", CASES)
def test_case_has_a_readme(case: str) -> None:
    """Every case explains what it teaches."""
    assert (EXAMPLES / case / "README.md").is_file()
