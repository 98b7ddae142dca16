"""The accepted exceptions of a report: which suppression or baseline accepted a finding.

A suppressed finding carries only the reason it was accepted for
(``Finding.suppressed``); a reader of the report also wants to know until
when, and where that was written. The suppression comments are read again
from the model's comments (:func:`~govrules.suppress.parse_suppressions`, the
same parser the lint uses) and matched to the finding: same file, the code
listed, the same reason, the nearest comment at or above the finding.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

import attrs

from govrules.baseline import BASELINE_REASON
from govrules.diagnostics import Finding
from govrules.source import Comment, Span
from govrules.suppress import Suppression, parse_suppressions


@attrs.frozen(slots=True)
class Acceptance:
    """Why and how long a finding is accepted."""

    finding: Finding
    reason: str
    baseline: bool
    """Accepted by the baseline file rather than by a comment in the model."""
    until: datetime.date | None = None
    where: Span | None = None
    """The suppression comment, when it was found."""


class Acceptances:
    """Finds the suppression behind each suppressed finding (comments parsed once)."""

    def __init__(self, comments: Mapping[str, Sequence[Comment]]) -> None:
        by_file: dict[str, list[Suppression]] = defaultdict(list)
        for file, found in comments.items():
            suppressions, _problems = parse_suppressions(found)
            by_file[file].extend(suppressions)
        self._by_file = by_file

    def of(self, finding: Finding) -> Acceptance | None:
        """How ``finding`` was accepted; ``None`` when it is not suppressed."""
        reason = finding.suppressed
        if reason is None:
            return None
        if reason == BASELINE_REASON:
            return Acceptance(finding, reason, baseline=True)
        loc = finding.location
        candidates = [
            s
            for s in self._by_file.get(loc.file, ())
            if s.reason == reason and finding.code in s.codes and s.line <= loc.line
        ]
        if not candidates:
            # Anchored on the declaration's header, above the finding's own line: any match.
            candidates = [
                s
                for s in self._by_file.get(loc.file, ())
                if s.reason == reason and finding.code in s.codes
            ]
        if not candidates:
            return Acceptance(finding, reason, baseline=False)
        best = max(
            candidates,
            key=lambda s: (s.line <= loc.line, s.line if s.line <= loc.line else -s.line),
        )
        return Acceptance(finding, reason, baseline=False, until=best.until, where=best.span)


def acceptances(
    findings: Iterable[Finding], comments: Mapping[str, Sequence[Comment]]
) -> list[Acceptance]:
    """Every suppressed finding of ``findings`` with how it was accepted, in reading order."""
    finder = Acceptances(comments)
    return [a for f in findings if (a := finder.of(f)) is not None]
