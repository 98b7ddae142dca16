"""The version-2 rules agree with the reference checker on random public-law models."""

from __future__ import annotations

import pytest
from checker import check
from checker_v2 import AS_OF, V2_CODES
from hypothesis import HealthCheck, given, settings
from strategies_v2 import gov_models_v2
from test_reference import difference

from govrules.linting import lint
from govrules.loader import loads

pytestmark = pytest.mark.slow

CHANGED = frozenset({"OWN002", "OWN003", "SUP003", "COL004", "COL007"})
"""The version-1 rules version 2 narrows or widens."""


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(gov_models_v2())
def test_engine_agrees_with_reference_checker_on_version_2_models(text: str) -> None:
    """Same codes and subjects from the engine and from RULES.md's text, as of one date."""
    model = loads(text, "random.gov")
    assert not model.diagnostics, [d.message for d in model.diagnostics]
    problem = difference(model, text)
    assert problem is None, problem


def test_version_2_strategies_break_and_keep_every_new_rule() -> None:
    """The random version-2 models make each new rule fail somewhere and pass somewhere."""
    failed: set[str] = set()
    passed: set[str] = set()

    @settings(max_examples=400, deadline=None, derandomize=True, database=None)
    @given(gov_models_v2())
    def collect(text: str) -> None:
        model = loads(text, "random.gov")
        found = {code for code, _ in check(model)}
        failed.update(found)
        engine = {f.code for f in lint(model, today=AS_OF).findings}
        # A rule passes somewhere when a model has what it judges but no finding of it.
        passed.update(code for code in V2_CODES | CHANGED if code not in engine)

    collect()
    assert sorted((V2_CODES | CHANGED) - failed) == []
    assert sorted((V2_CODES | CHANGED) - passed) == []
