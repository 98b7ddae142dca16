"""What an HTML report shows, as plain data: built from a lint :class:`Report` and its model.

Everything the template needs is computed here (counts, excerpts, the
organizations a finding concerns, the accepted exceptions) and every text is
already rendered in the report's language, so the template only places
values and Jinja escapes them. Nothing here writes HTML.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence

import attrs

from govrules.diagnostics import Finding, Report, RuleInfo, Severity
from govrules.messages import msg
from govrules.model.model import Model
from govrules.report._common import file_count, scrub
from govrules.report.concerns import Concerns, organization_names
from govrules.report.exceptions import Acceptance, acceptances
from govrules.source import Comment

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
"""The worst first, as the text summary names them."""

CONTEXT_LINES = 2
"""Lines of source shown above and below the lines a finding marks."""
MAX_MARKED_LINES = 8
"""A finding spanning more lines shows only its first this many."""
MODEL_RULESET = "model"
"""The ruleset name shown for model diagnostics (syntax, vocabulary, references)."""


def anchor(index: int) -> str:
    """The HTML id of the ``index``-th (1-based) unsuppressed finding of a report."""
    return f"finding-{index}"


@attrs.frozen(slots=True)
class SourceLine:
    number: int
    text: str
    marked: bool


@attrs.frozen(slots=True)
class Fact:
    """A related location: the declaration that explains the finding, with its line."""

    location: str
    message: str
    line: str


@attrs.frozen(slots=True)
class Entry:
    """One finding as the report shows it."""

    anchor: str
    code: str
    severity: str
    title: str
    message: str
    location: str
    subject: str
    ruleset: str
    organizations: tuple[str, ...]
    excerpt: tuple[SourceLine, ...]
    facts: tuple[Fact, ...]
    fix: str
    source: str
    why: str


@attrs.frozen(slots=True)
class Accepted:
    """One accepted exception: a finding suppressed inline or by the baseline."""

    code: str
    severity: str
    message: str
    location: str
    reason: str
    baseline: bool
    until: datetime.date | None
    where: str
    expires_soon: bool


@attrs.frozen(slots=True)
class Row:
    """A line of a summary table: a name and the count per severity."""

    key: str
    name: str
    counts: tuple[int, ...]
    """Errors, warnings, infos."""

    @property
    def total(self) -> int:
        return sum(self.counts)


@attrs.frozen(slots=True)
class Picture:
    """One drawing of the structure: a question, and the SVG or why there is none."""

    view: str
    title: str
    svg: str | None
    note: str = ""


@attrs.frozen(slots=True)
class Page:
    lang: str
    generated: datetime.date
    as_of: datetime.date
    tool_version: str
    files: int
    totals: tuple[int, ...]
    by_ruleset: tuple[Row, ...]
    by_organization: tuple[Row, ...]
    entries: tuple[Entry, ...]
    accepted: tuple[Accepted, ...]
    pictures: tuple[Picture, ...]
    notes: tuple[str, ...]
    organization_names: Mapping[str, str]
    picture_legend: str = ""

    @property
    def total(self) -> int:
        return sum(self.totals)


EXPIRES_SOON = datetime.timedelta(days=90)
"""An acceptance ending within this many days of the report's date is flagged."""


def build_page(
    report: Report,
    models: Sequence[Model] = (),
    *,
    pictures: Sequence[Picture] = (),
    as_of: datetime.date | None = None,
    today: datetime.date | None = None,
    tool_version: str = "",
) -> Page:
    """The page for ``report``; ``models`` (those linted) give organizations and suppressions."""
    lang = report.lang
    today = today or datetime.date.today()
    as_of = as_of or today
    rules = {r.code: r for r in report.rules}
    concerns = [Concerns(m) for m in models]
    names: dict[str, str] = {}
    comments: dict[str, tuple[Comment, ...]] = {}
    for model in models:
        names.update(organization_names(model))
        comments.update(model.comments)
    split: dict[str, list[str]] = {}

    def lines_of(file: str) -> list[str]:
        found = split.get(file)
        if found is None:
            found = split[file] = report.sources.get(file, "").split("\n")
        return found

    active = report.active()
    entries = tuple(
        _entry(i, f, rules.get(f.code), _organizations(f, concerns), lines_of, lang)
        for i, f in enumerate(active, start=1)
    )
    accepted = tuple(_accepted(a, lang, as_of) for a in acceptances(report.findings, comments))
    return Page(
        lang=lang,
        generated=today,
        as_of=as_of,
        tool_version=tool_version,
        files=file_count(report),
        totals=tuple(report.count(s) for s in SEVERITIES),
        by_ruleset=_rows(active, lambda f: (f.ruleset or MODEL_RULESET,), {}),
        by_organization=_rows(active, lambda f: _organizations(f, concerns), names),
        entries=entries,
        accepted=accepted,
        pictures=tuple(pictures),
        notes=tuple(scrub(n.render(lang)) for n in report.notes),
        organization_names=names,
    )


def _organizations(finding: Finding, concerns: Sequence[Concerns]) -> tuple[str, ...]:
    found: set[str] = set()
    for c in concerns:
        found.update(c.organizations(finding))
    return tuple(sorted(found))


def _rows(
    findings: Sequence[Finding],
    keys: Callable[[Finding], Iterable[str]],
    names: Mapping[str, str],
) -> tuple[Row, ...]:
    counts: Counter[tuple[str, Severity]] = Counter()
    seen: dict[str, None] = {}
    for finding in findings:
        for key in keys(finding):
            counts[(key, finding.severity)] += 1
            seen[key] = None
    return tuple(
        Row(key, names.get(key, key), tuple(counts[(key, s)] for s in SEVERITIES))
        for key in sorted(seen)
    )


def _entry(
    index: int,
    finding: Finding,
    rule: RuleInfo | None,
    organizations: tuple[str, ...],
    lines_of: Callable[[str], list[str]],
    lang: str,
) -> Entry:
    loc = finding.location
    lines = lines_of(loc.file)
    texts = rule.text(lang) if rule is not None else None  # the rule's own words, in lang
    facts = tuple(
        Fact(
            location=scrub(str(r.location)),
            message=scrub(r.text.render(lang)),
            line=_line(lines_of(r.location.file), r.location.line),
        )
        for r in finding.related
    )
    return Entry(
        anchor=anchor(index),
        code=finding.code,
        severity=finding.severity.label,
        title=scrub(texts.title) if texts is not None else "",
        message=scrub(finding.text.render(lang)),
        location=scrub(str(loc)),
        subject=scrub(finding.subject or ""),
        ruleset=finding.ruleset or MODEL_RULESET,
        organizations=organizations,
        excerpt=excerpt(lines, loc.line, loc.end_line),
        facts=facts,
        fix=scrub(finding.fix_text.render(lang)) if finding.fix_text is not None else "",
        source=scrub((texts.source if texts is not None else "") or finding.source or ""),
        why=scrub(texts.why) if texts is not None else "",
    )


def _line(lines: list[str], number: int) -> str:
    if 1 <= number <= len(lines):
        return scrub(lines[number - 1].rstrip("\r").expandtabs(4))
    return ""


def excerpt(lines: Sequence[str], first: int, last: int) -> tuple[SourceLine, ...]:
    """The lines ``first`` to ``last`` (1-based) marked, with :data:`CONTEXT_LINES` around.

    A span longer than :data:`MAX_MARKED_LINES` shows only its first lines; a
    line number outside the file (a file that could not be read) shows nothing.
    """
    count = len(lines)
    if not 1 <= first <= count:
        return ()
    last = min(max(last, first), first + MAX_MARKED_LINES - 1, count)
    start, stop = max(1, first - CONTEXT_LINES), min(count, last + CONTEXT_LINES)
    return tuple(
        SourceLine(n, scrub(lines[n - 1].rstrip("\r").expandtabs(4)), first <= n <= last)
        for n in range(start, stop + 1)
    )


def _accepted(acceptance: Acceptance, lang: str, as_of: datetime.date) -> Accepted:
    finding = acceptance.finding
    reason = (
        msg("report.baseline-reason").render(lang) if acceptance.baseline else acceptance.reason
    )
    until = acceptance.until
    return Accepted(
        code=finding.code,
        severity=finding.severity.label,
        message=scrub(finding.text.render(lang)),
        location=scrub(str(finding.location)),
        reason=scrub(reason),
        baseline=acceptance.baseline,
        until=until,
        where=scrub(str(acceptance.where)) if acceptance.where is not None else "",
        expires_soon=until is not None and until - as_of <= EXPIRES_SOON,
    )
