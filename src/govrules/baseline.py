"""Baselines: accepted findings recorded by identity, so only new ones fail a run.

A baseline file is JSON::

    {"version": 1, "tool": "govrules",
     "findings": [{"identity": "OWN001 product burgerzaken", "code": "OWN001", "count": 1}]}

Findings are keyed on :attr:`Finding.identity` (code and subject), never on a
line number, so editing a file that moves declarations keeps the baseline
valid. The file is data: it is read with :func:`json.loads` and checked field
by field, never evaluated.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Final

import attrs

from govrules.config import ConfigError
from govrules.diagnostics import Finding, is_model_code
from govrules.messages import Message, msg
from govrules.suggest import did_you_mean

VERSION: Final = 1
"""The baseline format this version of govrules writes and reads."""

BASELINE_REASON: Final = "baseline"
"""The ``suppressed`` value of a finding accepted by the baseline."""

_TOP_KEYS: Final = ("version", "tool", "findings")
_ENTRY_KEYS: Final = ("identity", "code", "count")


@attrs.frozen
class BaselineEntry:
    """One accepted identity and how many findings share it."""

    identity: str
    code: str
    count: int


@attrs.frozen
class Baseline:
    """The accepted findings of a baseline file, one entry per identity, sorted."""

    entries: tuple[BaselineEntry, ...] = ()
    file: str | None = None

    def counts(self) -> dict[str, int]:
        """Identity -> how many findings with it are accepted."""
        return {entry.identity: entry.count for entry in self.entries}


def _baselinable(finding: Finding) -> bool:
    """Rule findings that are active, or already accepted by a baseline.

    Model diagnostics are never accepted, and inline-suppressed findings are
    left out so that an expiring suppression cannot hide behind the baseline.
    """
    if is_model_code(finding.code):
        return False
    return finding.suppressed is None or finding.suppressed == BASELINE_REASON


def write_baseline(findings: Iterable[Finding]) -> str:
    """The baseline text (JSON, newline-terminated) accepting ``findings``.

    One entry per identity, sorted, with the number of findings sharing it.
    Model diagnostics and findings suppressed inline are not recorded.
    """
    counts: Counter[tuple[str, str]] = Counter(
        (f.identity, f.code) for f in findings if _baselinable(f)
    )
    document = {
        "version": VERSION,
        "tool": "govrules",
        "findings": [
            {"identity": identity, "code": code, "count": count}
            for (identity, code), count in sorted(counts.items())
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _shape_error(problem: Message, file: str, key: str | None = None) -> ConfigError:
    where = f"{key}: " if key else ""
    return ConfigError(msg("baseline.malformed", where=where, problem=problem), file=file, key=key)


def _check_keys(obj: Mapping[str, object], allowed: Sequence[str], file: str, key: str) -> None:
    for name in obj:
        if name not in allowed:
            hint = did_you_mean(name, allowed)
            problem = msg("baseline.unknown-key", key=name, suggestion=hint)
            raise _shape_error(problem, file, key or None)
    for name in allowed:
        if name not in obj:
            raise _shape_error(msg("baseline.missing-key", key=name), file, key or None)


def _read_entry(raw: object, file: str, key: str) -> BaselineEntry:
    if not isinstance(raw, dict):
        raise _shape_error(msg("baseline.expected-object", got=type(raw).__name__), file, key)
    _check_keys(raw, _ENTRY_KEYS, file, key)
    identity, code, count = raw["identity"], raw["code"], raw["count"]
    if not isinstance(identity, str) or not identity.strip():
        raise _shape_error(msg("baseline.expected-identity"), file, f"{key}.identity")
    if not isinstance(code, str) or identity.split(" ", 1)[0] != code:
        message = msg("baseline.expected-code", code=identity.split(" ", 1)[0])
        raise _shape_error(message, file, f"{key}.code")
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        message = msg("baseline.expected-count", got=repr(count))
        raise _shape_error(message, file, f"{key}.count")
    return BaselineEntry(identity, code, count)


def read_baseline(text: str, file: str) -> Baseline:
    """Parse a baseline file's text; ``file`` names it in errors.

    Raises :class:`~govrules.config.ConfigError` for text that is not JSON (with
    line and column) or not of the baseline's shape (naming the field).
    Entries with the same identity are added up.
    """
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        message = msg("baseline.not-json", problem=exc.msg)
        raise ConfigError(message, file=file, line=exc.lineno, column=exc.colno) from None
    except RecursionError:
        raise ConfigError(msg("baseline.too-deep"), file=file) from None
    if not isinstance(document, dict):
        got = type(document).__name__
        raise _shape_error(msg("baseline.expected-json-object", got=got), file)
    _check_keys(document, _TOP_KEYS, file, "")
    version = document["version"]
    if isinstance(version, bool) or version != VERSION:
        message = msg("baseline.version", got=repr(version), version=VERSION)
        raise _shape_error(message, file, "version")
    if document["tool"] != "govrules":
        message = msg("baseline.tool", got=repr(document["tool"]))
        raise _shape_error(message, file, "tool")
    raw_entries = document["findings"]
    if not isinstance(raw_entries, list):
        message = msg("baseline.expected-array", got=type(raw_entries).__name__)
        raise _shape_error(message, file, "findings")
    counts: Counter[tuple[str, str]] = Counter()
    for position, raw in enumerate(raw_entries):
        entry = _read_entry(raw, file, f"findings[{position}]")
        counts[(entry.identity, entry.code)] += entry.count
    entries = tuple(
        BaselineEntry(identity, code, count) for (identity, code), count in sorted(counts.items())
    )
    return Baseline(entries, file)


def apply_baseline(
    findings: Sequence[Finding], baseline: Baseline
) -> tuple[list[Finding], list[str]]:
    """Accept the findings the baseline records; report the entries that matched nothing.

    Findings whose identity is in the baseline, up to its count (in reading
    order), come back marked ``suppressed="baseline"``; the rest come back
    unchanged, in the order given. Model diagnostics and findings already
    suppressed are never matched. The second list holds the identities of
    entries that matched no finding at all (stale: the baseline can shrink).
    """
    remaining = baseline.counts()
    accepted: set[int] = set()
    order = sorted(range(len(findings)), key=lambda i: findings[i].sort_key)
    for index in order:
        finding = findings[index]
        if finding.suppressed is not None or is_model_code(finding.code):
            continue
        if remaining.get(finding.identity, 0) > 0:
            remaining[finding.identity] -= 1
            accepted.add(index)
    result = [
        attrs.evolve(f, suppressed=BASELINE_REASON) if i in accepted else f
        for i, f in enumerate(findings)
    ]
    stale = [e.identity for e in baseline.entries if remaining[e.identity] == e.count]
    return result, stale
