"""Findings, severities and the codes of model diagnostics.

Findings are data: a bad model yields findings, never an exception. Both model
diagnostics (syntax, vocabulary, references: ``GR...``) and rule findings use
the one :class:`Finding` type, so every output format treats them alike.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping

import attrs

from govrules.messages import Message, as_message, as_optional_message
from govrules.source import Span


class Severity(enum.IntEnum):
    """How serious a finding is; higher is worse, so severities compare naturally."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        """``"error"`` -> ``Severity.ERROR``; raises ``ValueError`` naming the choices."""
        try:
            return cls[text.strip().upper()]
        except KeyError:
            choices = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {text!r} (choose from {choices})") from None


@attrs.frozen(slots=True)
class Related:
    """Another place that explains a finding (the financing that makes a product financed)."""

    location: Span
    text: Message = attrs.field(converter=as_message, alias="message")
    """What it says, as data (an id and arguments); :attr:`message` is its English text."""

    @property
    def message(self) -> str:
        return self.text.english


@attrs.frozen(slots=True)
class Finding:
    """One problem found in a model: a model diagnostic or a rule finding.

    The message and the fix are :class:`~govrules.messages.Message` values
    (built with ``message=`` and ``fix=``; plain strings are taken as
    written): :attr:`message` and :attr:`fix` give their English text, and a
    face renders :attr:`text` and :attr:`fix_text` in the user's language.
    """

    code: str
    severity: Severity
    text: Message = attrs.field(converter=as_message, alias="message")
    location: Span
    subject: str | None = None
    related: tuple[Related, ...] = ()
    ruleset: str | None = None
    suppressed: str | None = None
    fix_text: Message | None = attrs.field(default=None, converter=as_optional_message, alias="fix")
    source: str | None = None

    @property
    def message(self) -> str:
        """The message in English (the language identities and ordering are keyed on)."""
        return self.text.english

    @property
    def fix(self) -> str | None:
        """How to fix it, in English, if the finding says."""
        return None if self.fix_text is None else self.fix_text.english

    @property
    def identity(self) -> str:
        """What a baseline and SARIF fingerprints key on: code and subject, never a line."""
        return f"{self.code} {self.subject}" if self.subject else f"{self.code} {self.message}"

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.file, loc.line, loc.column, self.code, self.message)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Findings in reading order: file, line, column, then code."""
    return sorted(findings, key=lambda f: f.sort_key)


# Model diagnostics: one code per kind of problem, documented for `govrules explain`.
# GR1xx syntax, GR2xx vocabulary and value types, GR3xx references, GR4xx files.
_MODEL_CODE = re.compile(r"GR[0-9]+")


def is_model_code(code: str) -> bool:
    """True for a model diagnostic code (``GR`` and digits): never ignored, never suppressed."""
    return _MODEL_CODE.fullmatch(code) is not None


MODEL_CODES: dict[str, str] = {
    "GR101": "syntax error: the text does not have the shape of a declaration",
    "GR102": "a text (string) is not closed",
    "GR103": "a character that has no place in a .gov file",
    "GR104": "a bidirectional control character in a text or comment (Trojan Source)",
    "GR201": "unknown kind of declaration",
    "GR202": "unknown attribute for this kind",
    "GR203": "value of the wrong type for the attribute",
    "GR204": "unknown symbol (enumerated word) for the attribute",
    "GR205": "invalid value (a date that does not exist, a malformed number)",
    "GR206": "an attribute that takes one value was given several, or was given twice",
    "GR207": "malformed declaration header (missing or invalid identifier or label)",
    "GR208": "a nested declaration where it does not belong",
    "GR301": "duplicate identifier",
    "GR302": "reference to something that is not defined",
    "GR303": "reference to a declaration of the wrong kind",
    "GR304": "an identifier that looks like another one (Unicode confusables, UTS #39)",
    "GR401": "file cannot be read or decoded",
    "GR402": "file exceeds a size limit",
    "GR501": "suppression without a reason (it suppresses nothing)",
    "GR502": "unused suppression: it suppresses no finding",
    "GR503": "suppression of an unknown code",
    "GR504": "malformed suppression comment",
    "GR505": "suppression of a code that may not be suppressed "
    "(a model diagnostic, or unsuppressible by the configuration)",
}
MODEL_CODE_SEVERITY: dict[str, Severity] = {
    "GR104": Severity.WARNING,
    "GR502": Severity.WARNING,
    "GR503": Severity.WARNING,
    "GR505": Severity.WARNING,
}
"""Model diagnostics are errors, except these notes about suppressions."""


@attrs.frozen(slots=True)
class RuleInfo:
    """What outputs and `govrules rules` need to know of a rule (or a model diagnostic code)."""

    code: str
    slug: str
    severity: Severity
    ruleset: str
    title: str
    why: str = ""
    fix: str = ""
    source: str = ""
    translations: tuple[tuple[str, RuleText], ...] = ()
    """The rule's texts in other languages, as its author wrote them."""

    def text(self, lang: str = "en") -> RuleText:
        """Title, why, fix and source in ``lang``; what the author did not translate, in English."""
        other = dict(self.translations).get(lang)
        return RuleText(
            (other and other.title) or self.title,
            (other and other.why) or self.why,
            (other and other.fix) or self.fix,
            (other and other.source) or self.source,
        )


@attrs.frozen(slots=True)
class RuleText:
    """A rule's texts for people, in one language."""

    title: str
    why: str = ""
    fix: str = ""
    source: str = ""


def model_code_infos() -> list[RuleInfo]:
    """The model diagnostics described as rules, so SARIF can list them in its driver."""
    return [
        RuleInfo(
            code,
            "model-" + code.lower(),
            MODEL_CODE_SEVERITY.get(code, Severity.ERROR),
            "model",
            text,
        )
        for code, text in MODEL_CODES.items()
    ]


def _as_messages(values: Iterable[Message | str]) -> tuple[Message, ...]:
    return tuple(as_message(v) for v in values)


@attrs.frozen(slots=True)
class Report:
    """The outcome of linting: every finding, sorted, and the files that were read.

    The exit code is a property of the report (as in black): the core never exits.
    """

    findings: tuple[Finding, ...]
    files: tuple[str, ...] = ()
    rules: tuple[RuleInfo, ...] = ()
    sources: Mapping[str, str] = attrs.field(factory=dict, eq=False, hash=False)
    """The text of each file read, for excerpts (file name to text)."""
    fail_on: Severity = Severity.ERROR
    """The severity at and above which a finding fails the run."""
    fail_levels: Mapping[str, Severity] = attrs.field(factory=dict, eq=False, hash=False)
    """Another ``fail_on`` for some files (those of a project with its own ``fail-on``)."""
    notes: tuple[Message, ...] = attrs.field(default=(), converter=_as_messages)
    """What a face should tell besides the findings (a file left out, stale baseline entries)."""
    lang: str = "en"
    """The run's language (``--lang``, ``GOVRULES_LANG``, ``lang`` in a configuration)."""
    held_back: tuple[Finding, ...] = attrs.field(default=(), eq=False, hash=False)
    """Rule findings about declarations a model diagnostic damaged (RULES.md, follow-on
    findings): not reported until the model errors are fixed, only counted."""

    def active(self) -> list[Finding]:
        """Findings that are not suppressed."""
        return [f for f in self.findings if f.suppressed is None]

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.active() if f.severity is severity)

    @property
    def suppressed_count(self) -> int:
        return sum(1 for f in self.findings if f.suppressed is not None)

    def failed(
        self, fail_on: Severity | None = None, per_file: Mapping[str, Severity] | None = None
    ) -> bool:
        """True when an unsuppressed finding is at or above ``fail_on``.

        ``per_file`` gives another threshold for some files (those of a project
        with its own ``fail-on``, when several projects are linted together).
        Both default to the report's own :attr:`fail_on` and :attr:`fail_levels`.
        """
        threshold = self.fail_on if fail_on is None else fail_on
        levels = self.fail_levels if per_file is None else per_file
        return any(f.severity >= levels.get(f.location.file, threshold) for f in self.active())

    def exit_code(
        self, fail_on: Severity | None = None, per_file: Mapping[str, Severity] | None = None
    ) -> int:
        """0 when nothing is at or above ``fail_on``, else 1 (ESLint's convention)."""
        return EXIT_FINDINGS if self.failed(fail_on, per_file) else EXIT_OK


EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
