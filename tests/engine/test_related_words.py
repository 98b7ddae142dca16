"""A finding's related places are named in the reader's words: ``financiering bijdrage``."""

from __future__ import annotations

import govrules
from govrules.engine.compile import compile_all
from govrules.engine.rulelang import parse_rules

RULE = """\
ruleset local "Local rules"
rule LOC001 results-named {
  severity info
  title "Results are reported"
  why "To see them."
  each agreement a
  where exists(a.results)
  expect empty(a.results)
  related a.results, a.between
  message "agreement {a} has results"
}
"""

MODEL = """\
organization gemeente { kind municipality }
agreement afspraken {
  between gemeente
  result tevredenheid { indicator "Klanttevredenheid" }
}
"""


def related(lang: str) -> list[tuple[int, str]]:
    ruleset = parse_rules(RULE, "local.rules", "local")
    rules = compile_all([(r, "local.rules") for r in ruleset.rules])
    (finding,) = govrules.lint(govrules.loads(MODEL, "m.gov"), rules=rules).findings
    return [(r.location.line, r.text.render(lang)) for r in finding.related]


def test_related_places_read_in_english_as_their_subjects() -> None:
    assert related("en") == [(4, "result afspraken.tevredenheid"), (1, "organization gemeente")]


def test_related_places_read_in_dutch_with_the_dutch_kind() -> None:
    """Only the kind is translated: identifiers are the user's, a nested one keeps its parent."""
    assert related("nl") == [(4, "resultaat afspraken.tevredenheid"), (1, "organisatie gemeente")]
