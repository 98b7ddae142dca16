"""Inline suppressions: ``# govrules: ignore[OWN001,SUP002] until 2027-01-01 -- reason``.

A suppression sits on the declaration's line or the line above it, names the
codes it accepts, must give a reason after ``--`` and may end at a date
(``until``). Parsing (:func:`parse_suppressions`) and applying
(:func:`apply_suppressions`) are separate steps; both report problems as
findings (codes ``GR50x``), never as exceptions.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence

import attrs

from govrules.diagnostics import (
    MODEL_CODE_SEVERITY,
    Finding,
    Severity,
    is_model_code,
    sort_findings,
)
from govrules.messages import Message, msg
from govrules.source import Comment, Span
from govrules.suggest import did_you_mean

TEMPLATE = "# govrules: ignore[CODE,...] until YYYY-MM-DD -- reason"
"""How a suppression is written (``until`` is optional)."""

_MARKER = re.compile(r"#+\s*govrules\b(?P<after>.*)\Z", re.IGNORECASE | re.DOTALL)
_MISSING_COLON = re.compile(r"[\s_-]*ignore\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z_-]*")
_CODE = re.compile(r"[A-Za-z][A-Za-z0-9_.-]*")
_CODE_LIKE = re.compile(r"\b[A-Za-z]+[0-9]+\b")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_UNTIL = re.compile(r"until\b", re.IGNORECASE)
_TRAILING_UNTIL = re.compile(r"\buntil\s+[0-9]{4}-[0-9]{2}-[0-9]{2}\s*\Z")


@attrs.frozen
class Suppression:
    """One parsed ``# govrules: ignore[...]`` comment."""

    codes: tuple[str, ...]
    """The codes it accepts, in the order written, without duplicates."""
    until: datetime.date | None
    """The last day it applies, if it ends."""
    reason: str | None
    """Why the findings are accepted; a suppression without one suppresses nothing."""
    span: Span
    """Where the comment is."""
    line: int
    """The line the comment is on."""
    trailing: bool = False
    """True when the comment ends a line of code: then it covers that line only,
    as ruff's ``noqa`` does; a comment on a line of its own covers the next line."""

    def expired(self, today: datetime.date) -> bool:
        """Whether ``today`` is past the ``until`` date."""
        return self.until is not None and today > self.until


def _finding(code: str, message: Message, span: Span, fix: Message | None = None) -> Finding:
    # Severities and descriptions of GR50x live with the other model codes, in diagnostics.
    severity = MODEL_CODE_SEVERITY.get(code, Severity.ERROR)
    return Finding(code=code, severity=severity, message=message, location=span, fix=fix)


class _MalformedError(Exception):
    """Internal: what is wrong with a suppression comment (becomes a GR504 finding)."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.english)
        self.message = message


def _brief(text: str, limit: int = 30) -> str:
    text = text.strip()
    return repr(text if len(text) <= limit else text[: limit - 3] + "...")


def _parse_codes(tail: str) -> tuple[tuple[str, ...], str]:
    """The codes of ``[...]`` at the start of ``tail``, and the text after ``]``."""
    if not tail.startswith("["):
        codes = _CODE_LIKE.findall(tail.split("--", 1)[0])
        if codes:
            raise _MalformedError(msg("GR504.expected-bracket", codes=",".join(codes)))
        raise _MalformedError(msg("GR504.expected-bracket-example"))
    close = tail.find("]")
    if close < 0:
        raise _MalformedError(msg("GR504.missing-close"))
    inner = tail[1:close]
    items = [item.strip() for item in inner.split(",")]
    if not any(items):
        raise _MalformedError(msg("GR504.empty-list"))
    for item in items:
        if not item:
            raise _MalformedError(msg("GR504.empty-code"))
        if re.search(r"\s", item):
            written = ",".join(re.split(r"[\s,]+", inner.strip()))
            raise _MalformedError(msg("GR504.separate-codes", codes=written))
        if not _CODE.fullmatch(item):
            raise _MalformedError(msg("GR504.invalid-code", code=item))
    return tuple(dict.fromkeys(items)), tail[close + 1 :]


def _parse_until(rest: str) -> tuple[datetime.date | None, str]:
    """An ``until YYYY-MM-DD`` at the start of ``rest`` (if any), and the text after it."""
    if not _UNTIL.match(rest):
        return None, rest
    rest = rest[len("until") :].lstrip()
    token = rest.split(maxsplit=1)[0] if rest.strip() else ""
    if not token or token.startswith("--"):
        raise _MalformedError(msg("GR504.until-needs-date"))
    if not _DATE.fullmatch(token):
        raise _MalformedError(msg("GR504.until-bad-date", date=_brief(token)))
    try:
        until = datetime.date.fromisoformat(token)
    except ValueError as exc:
        raise _MalformedError(
            msg("GR504.until-no-such-date", date=token, problem=str(exc))
        ) from None
    return until, rest[len(token) :].lstrip()


def _parse_reason(rest: str, until: datetime.date | None) -> str | None:
    """The reason after ``--`` (``None`` when there is none)."""
    if not rest:
        return None
    if rest.startswith("--"):
        reason = rest.lstrip("-").strip()
        if until is None and _TRAILING_UNTIL.search(reason):
            raise _MalformedError(msg("GR504.until-after-reason"))
        return reason or None
    if rest[0] in "-\u2013\u2014":
        raise _MalformedError(msg("GR504.two-hyphens"))
    after = msg("GR504.after-date") if until is not None else msg("GR504.after-bracket")
    hint = None if until is not None else did_you_mean(rest.split()[0], ["until"])
    raise _MalformedError(
        msg("GR504.unexpected-text", text=_brief(rest), after=after, suggestion=hint)
    )


def _parse_directive(rest: str, comment: Comment) -> Suppression:
    """Parse what follows ``govrules:``; raises _MalformedError."""
    word = _WORD.match(rest)
    assert word is not None  # the pattern matches the empty string
    if word.group() != "ignore":
        if not word.group():
            raise _MalformedError(msg("GR504.expected-ignore"))
        hint = did_you_mean(word.group(), ["ignore"])
        raise _MalformedError(msg("GR504.unknown-directive", word=word.group(), suggestion=hint))
    codes, rest = _parse_codes(rest[word.end() :].lstrip())
    until, rest = _parse_until(rest.lstrip())
    reason = _parse_reason(rest, until)
    return Suppression(codes, until, reason, comment.span, comment.span.line)


def _parse_comment(comment: Comment) -> Suppression | Finding | None:
    marker = _MARKER.match(comment.text.strip())
    if marker is None:
        return None
    after = marker.group("after")
    try:
        if _MISSING_COLON.match(after):
            raise _MalformedError(msg("GR504.missing-colon"))
        if not after.lstrip().startswith(":"):
            return None  # prose that mentions govrules, not a directive
        return _parse_directive(after.lstrip()[1:].lstrip(), comment)
    except _MalformedError as exc:
        fix = msg("GR504.fix", template=TEMPLATE)
        return _finding("GR504", msg("GR504.malformed", problem=exc.message), comment.span, fix)


def parse_suppressions(comments: Iterable[Comment]) -> tuple[list[Suppression], list[Finding]]:
    """The suppressions among ``comments``, and findings for the faulty ones.

    Comments that do not start with ``# govrules:`` are not suppressions and
    are skipped. A malformed suppression is a ``GR504`` finding; one without a
    reason is a ``GR501`` finding and is left out of the suppressions, since it
    suppresses nothing. Never raises for any comment text.
    """
    suppressions: list[Suppression] = []
    findings: list[Finding] = []
    for comment in comments:
        parsed = _parse_comment(comment)
        if isinstance(parsed, Finding):
            findings.append(parsed)
        elif parsed is not None and parsed.reason is None:
            codes = ",".join(parsed.codes)
            until = msg("GR501.until", date=parsed.until.isoformat()) if parsed.until else ""
            message = msg("GR501.no-reason", codes=parsed.codes)
            fix = msg("GR501.fix", codes=codes, until=until)
            findings.append(_finding("GR501", message, parsed.span, fix))
        elif parsed is not None:
            suppressions.append(parsed)
    return suppressions, findings


def _expiry_note(suppression: Suppression) -> Message:
    until = suppression.until.isoformat() if suppression.until else "?"
    return msg("suppression.expired", until=until, reason=suppression.reason)


def apply_suppressions(
    findings: Sequence[Finding],
    suppressions: Sequence[Suppression],
    *,
    anchor_lines: Callable[[Finding], Collection[tuple[str, int]]],
    today: datetime.date,
    unsuppressible: Collection[str] = (),
    known_codes: Collection[str] | None = None,
    is_enabled: Callable[[str], bool] | None = None,
) -> list[Finding]:
    """Mark the findings the suppressions accept, and report the suppressions' own problems.

    A suppression on line L of file F applies to a finding with one of its
    codes when ``anchor_lines(finding)`` (the finding's own line and its
    declaration's header line, as (file, line) pairs) holds (F, L) or (F, L+1).
    Such a finding comes back with ``suppressed`` set to the reason, unless:

    - it is a model diagnostic (``GR...``): never suppressed;
    - its code is in ``unsuppressible`` (codes or prefixes): not suppressed,
      and the suppression gets a ``GR505`` finding;
    - the suppression has expired (``today`` past ``until``): the finding stays
      active and its message says that the acceptance expired.

    A code in a suppression that matched no finding is a ``GR502`` finding,
    except when ``is_enabled`` says the code was not checked in this run; a
    code not in ``known_codes`` (when given) is a ``GR503`` finding instead.
    Suppressions without a reason suppress nothing and are not reported here
    (:func:`parse_suppressions` reported them). Findings already marked
    suppressed are left as they are, so apply suppressions before a baseline.

    Returns every finding (suppressed ones marked) plus the new ones, sorted.
    """
    usable = [s for s in suppressions if s.reason is not None]
    by_line: defaultdict[tuple[str, int], list[int]] = defaultdict(list)
    for index, suppression in enumerate(usable):
        by_line[(suppression.span.file, suppression.line)].append(index)

    def forbidden(code: str) -> bool:
        return is_model_code(code) or any(code.startswith(entry) for entry in unsuppressible)

    used: set[tuple[int, str]] = set()
    result: list[Finding] = []
    for finding in findings:
        if finding.suppressed is not None or forbidden(finding.code):
            result.append(finding)
            continue
        matching = sorted(
            {
                index
                for file, line in anchor_lines(finding)
                for key in ((file, line), (file, line - 1))
                for index in by_line.get(key, ())
                if finding.code in usable[index].codes
                and (key[1] == line or not usable[index].trailing)
            }
        )
        used.update((index, finding.code) for index in matching)
        active = [index for index in matching if not usable[index].expired(today)]
        if active:
            result.append(attrs.evolve(finding, suppressed=usable[active[0]].reason))
        elif matching:
            latest = max((usable[index] for index in matching), key=lambda s: s.until or today)
            result.append(attrs.evolve(finding, message=finding.text + _expiry_note(latest)))
        else:
            result.append(finding)

    for index, suppression in enumerate(usable):
        for code in suppression.codes:
            was_used = (index, code) in used
            problem = _check_code(suppression, code, was_used, forbidden, known_codes, is_enabled)
            if problem is not None:
                result.append(problem)
    return sort_findings(result)


def _check_code(
    suppression: Suppression,
    code: str,
    was_used: bool,
    forbidden: Callable[[str], bool],
    known_codes: Collection[str] | None,
    is_enabled: Callable[[str], bool] | None,
) -> Finding | None:
    """The finding for one code of a suppression that did not (or may not) suppress."""
    span = suppression.span
    if is_model_code(code):
        message = msg("GR505.model-code", code=code)
        return _finding("GR505", message, span, msg("suppression.remove-code", code=code))
    if forbidden(code):
        message = msg("GR505.unsuppressible", code=code)
        return _finding("GR505", message, span, msg("suppression.remove-code", code=code))
    if was_used:
        return None
    if known_codes is not None and code not in known_codes:
        suggestion = did_you_mean(code, known_codes)
        return _finding("GR503", msg("GR503.unknown-code", code=code, suggestion=suggestion), span)
    if is_enabled is not None and not is_enabled(code):
        return None
    fix = (
        msg("suppression.remove")
        if len(suppression.codes) == 1
        else msg("suppression.remove-code", code=code)
    )
    return _finding("GR502", msg("GR502.unused", code=code), span, fix)
