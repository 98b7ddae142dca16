"""Follow-on findings: rule findings that only repeat a model diagnostic in other words.

A rule reads the facts the model holds; where a model diagnostic says the
facts of a declaration are wrong or missing (a syntax error cut it short, an
attribute is unknown, a reference does not resolve), a rule finding about it
would blame the governance for a typo (``ownr gemeente`` is not a product
without owners). RULES.md ("Follow-on findings and precise messages"): such a
finding is held back until the model errors are fixed, and counted.

A declaration is *damaged* when a model diagnostic of the syntax, vocabulary
or reference families (``GR1xx``-``GR3xx``) lies inside its text (its block
included: a problem in a nested declaration damages the one around it too),
when one names it as its subject, or when one of its references is left
unbound (its target was lost to a syntax error elsewhere, which the resolver
does not report twice). A rule finding is held back when the declaration it is
about, or a declaration among its related locations, is damaged.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Sequence

from govrules.diagnostics import Finding, Severity
from govrules.model.model import Model
from govrules.model.objects import Declaration
from govrules.model.values import Ref
from govrules.source import Span
from govrules.vocabulary import KINDS

_FAMILIES = ("GR1", "GR2", "GR3")
"""Diagnostics that say a declaration's facts are not what was meant (not files, suppressions)."""

_REF_FIELDS: dict[str, tuple[str, ...]] = {
    name: tuple(
        [a.field for a in spec.attributes.values() if a.is_reference]
        + ([spec.identifier_ref.field] if spec.identifier_ref is not None else [])
    )
    for name, spec in KINDS.items()
}


def damaging(diagnostics: Iterable[Finding]) -> list[Finding]:
    """The diagnostics that make the facts of a declaration untrustworthy."""
    return [d for d in diagnostics if d.code.startswith(_FAMILIES) and d.severity is Severity.ERROR]


def damaged_spans(model: Model) -> frozenset[Span]:
    """The header spans of every damaged declaration (empty, and free, for a clean model)."""
    problems = damaging(model.diagnostics)
    if not problems:
        return frozenset()
    where: defaultdict[str, list[tuple[int, int]]] = defaultdict(list)
    subjects: set[str] = set()
    for problem in problems:
        loc = problem.location
        where[loc.file].append((loc.line, loc.column))
        if problem.subject:
            subjects.add(problem.subject)
    for points in where.values():
        points.sort()
    return frozenset(
        decl.span
        for decls in model.by_kind.values()
        for decl in decls
        if decl.subject in subjects or _holds(decl, where.get(decl.extent.file)) or _unbound(decl)
    )


def _holds(decl: Declaration, points: list[tuple[int, int]] | None) -> bool:
    """True when a diagnostic's position lies within the declaration's text."""
    if not points:
        return False
    extent = decl.extent
    at = bisect.bisect_left(points, (extent.line, extent.column))
    return at < len(points) and points[at] < (extent.end_line, extent.end_column)


def _unbound(decl: Declaration) -> bool:
    """True when one of the declaration's references names nothing it could be bound to."""
    for field in _REF_FIELDS[decl.KIND]:
        value = getattr(decl, field)
        for ref in value if type(value) is tuple else (value,):
            if isinstance(ref, Ref) and ref.target is None:
                return True
    return False


def hold_back(
    results: Sequence[tuple[Finding, Declaration]], damaged: frozenset[Span]
) -> tuple[list[tuple[Finding, Declaration]], list[tuple[Finding, Declaration]]]:
    """Split rule results into those reported and those held back as follow-on findings."""
    if not damaged:
        return list(results), []
    kept: list[tuple[Finding, Declaration]] = []
    held: list[tuple[Finding, Declaration]] = []
    for finding, decl in results:
        if (
            decl.span in damaged
            or decl.top.span in damaged
            or any(r.location in damaged for r in finding.related)
        ):
            held.append((finding, decl))
        else:
            kept.append((finding, decl))
    return kept, held
