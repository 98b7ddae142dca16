"""SARIF 2.1.0 output, in the subset GitHub code scanning reads.

One run; the driver lists every rule of the report; each result points at its
artifact by a URI relative to ``%SRCROOT%`` (the repository root, as GitHub
resolves it) and carries a fingerprint of the finding's identity, code and
subject, so that an alert survives edits that move it to another line.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from govrules.diagnostics import Finding, Report, RuleInfo, RuleText, Severity
from govrules.messages import msg
from govrules.report._common import dump_json

if TYPE_CHECKING:
    from govrules.report import RenderOptions
from govrules.source import Span

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
TOOL_NAME = "govrules"
INFORMATION_URI = "https://pypi.org/project/govrules/"
FINGERPRINT_KEY = "govrules/v1"
SRCROOT = "%SRCROOT%"

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}

_DRIVE = re.compile(r"[A-Za-z]:/")
# An embedded link in a SARIF message, "[text](target)"; brackets in a message
# that would read as one are escaped (SARIF 2.1.0, 3.11.6).
_LINK_LIKE = re.compile(r"\[[^\]]*\]\(")


def render_sarif(
    report: Report, *, root: str | None = None, tool_version: str, lang: str = "en"
) -> str:
    """The report as a SARIF 2.1.0 log.

    ``root`` is the directory artifact URIs are made relative to (the repository
    root); files outside it, or every file when it is None, keep their path,
    relative ones against ``%SRCROOT%``, absolute ones as ``file://`` URIs.
    Suppressed findings are included with an ``inSource`` suppression.
    """
    rules, rule_index = _rules(report.rules, lang)
    artifacts = _Artifacts(root)
    for file in report.files:
        artifacts.location(file)
    results = [_result(finding, rule_index, artifacts, lang) for finding in report.findings]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": TOOL_NAME,
                "informationUri": INFORMATION_URI,
                "version": tool_version,
                "rules": rules,
            }
        },
    }
    if root is not None:
        # Lets a viewer that is not GitHub resolve the relative URIs on this machine.
        run["originalUriBaseIds"] = {SRCROOT: {"uri": _directory_uri(root)}}
    run["artifacts"] = artifacts.entries
    run["results"] = results
    # Span columns count characters (code points), not SARIF's default UTF-16 units.
    run["columnKind"] = "unicodeCodePoints"
    log = {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}
    return dump_json(log)


def _rules(
    infos: tuple[RuleInfo, ...], lang: str = "en"
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """The driver's rules, described in ``lang``, and each code's index (the first wins)."""
    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for info in infos:
        if info.code in index:
            continue
        index[info.code] = len(rules)
        text = info.text(lang)
        rules.append(
            {
                "id": info.code,
                "name": info.slug,
                "shortDescription": {"text": text.title},
                "fullDescription": {"text": text.why or text.title},
                "help": {"text": _help_text(text, lang)},
                "defaultConfiguration": {"level": _LEVELS[info.severity]},
                "properties": {"tags": [info.ruleset] if info.ruleset else []},
            }
        )
    return rules, index


def _help_text(text: RuleText, lang: str) -> str:
    fix = msg("sarif.fix", fix=text.fix).render(lang) if text.fix else ""
    return "\n\n".join(part for part in (text.why, fix) if part) or text.title


def _result(
    finding: Finding, rule_index: dict[str, int], artifacts: _Artifacts, lang: str
) -> dict[str, Any]:
    result: dict[str, Any] = {"ruleId": finding.code}
    if finding.code in rule_index:
        result["ruleIndex"] = rule_index[finding.code]
    result["level"] = _LEVELS[finding.severity]
    result["message"] = {"text": _message_text(finding.text.render(lang))}
    result["locations"] = [{"physicalLocation": _physical(finding.location, artifacts)}]
    if finding.related:
        result["relatedLocations"] = [
            {
                "id": number,
                "physicalLocation": _physical(related.location, artifacts),
                "message": {"text": _message_text(related.text.render(lang))},
            }
            for number, related in enumerate(finding.related, start=1)
        ]
    result["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint(finding)}
    if finding.suppressed is not None:
        result["suppressions"] = [{"kind": "inSource", "justification": finding.suppressed}]
    return result


def fingerprint(finding: Finding) -> str:
    """SHA-256 (hex) of the finding's identity, the key a baseline uses too.

    A model diagnostic names no subject, so its identity is only code and
    message: two unclosed texts in one file would share it. Its file and
    position go into the fingerprint as well.
    """
    key = finding.identity
    if not finding.subject:
        loc = finding.location
        key += f"\0{loc.file}:{loc.line}:{loc.column}"
    # surrogatepass: an identity quoting an undecodable file name still hashes.
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def _message_text(text: str) -> str:
    if not _LINK_LIKE.search(text):
        return text
    return re.sub(r"([\\\[\]])", r"\\\1", text)


def _physical(span: Span, artifacts: _Artifacts) -> dict[str, Any]:
    # SARIF regions must not run backwards or start before line/column 1; a span
    # that does (a bug elsewhere) is narrowed rather than making the log invalid.
    line = max(span.line, 1)
    column = max(span.column, 1)
    end_line = max(span.end_line, line)
    end_column = max(span.end_column, 1)
    if end_line == line:
        end_column = max(end_column, column)
    return {
        "artifactLocation": artifacts.location(span.file),
        "region": {
            "startLine": line,
            "startColumn": column,
            "endLine": end_line,
            "endColumn": end_column,
        },
    }


class _Artifacts:
    """The run's artifact list, filled as files are met, and locations that index it."""

    def __init__(self, root: str | None) -> None:
        self._root = root
        # Keyed on the URI, so "a.gov" and "./a.gov" are one artifact.
        self._index: dict[tuple[str, str | None], int] = {}
        self.entries: list[dict[str, Any]] = []

    def location(self, file: str) -> dict[str, Any]:
        """An ``artifactLocation`` for ``file``, adding it to the list the first time."""
        location = artifact_location(file, self._root)
        key = (location["uri"], location.get("uriBaseId"))
        if key not in self._index:
            self._index[key] = len(self.entries)
            self.entries.append({"location": dict(location)})
        return {**location, "index": self._index[key]}


def artifact_location(file: str, root: str | None) -> dict[str, str]:
    """``{"uri": ..., "uriBaseId": "%SRCROOT%"}`` for a file; just ``uri`` when it is absolute.

    Paths use forward slashes whatever the platform wrote; a path under ``root`` is
    made relative to it. Decided on the strings alone, without the file system or
    the working directory, so ``root`` and the file names should be alike: both
    absolute or both relative (to the same directory).
    """
    path = _normal(file)
    if root is not None:
        base = _normal(root)
        if _is_absolute(path) == _is_absolute(base):
            inside = _relative_to(path, base)
            if inside is not None:
                return {"uri": _quote(inside), "uriBaseId": SRCROOT}
    if _is_absolute(path):
        return {"uri": _file_uri(path)}
    return {"uri": _quote(path), "uriBaseId": SRCROOT}


def _normal(path: str) -> str:
    normal = posixpath.normpath(path.replace("\\", "/"))
    # normpath keeps a leading "//" (POSIX leaves its meaning open); one is enough here.
    return "/" + normal.lstrip("/") if normal.startswith("//") else normal


def _is_absolute(path: str) -> bool:
    return path.startswith("/") or bool(_DRIVE.match(path))


def _relative_to(path: str, base: str) -> str | None:
    if base == ".":
        return None if path == ".." or path.startswith("../") else path
    prefix = base.rstrip("/") + "/"
    return path[len(prefix) :] if path.startswith(prefix) else None


def _file_uri(path: str) -> str:
    # A drive path "C:/x" becomes "file:///C:/x"; a POSIX one "/x" becomes "file:///x".
    return "file://" + ("" if path.startswith("/") else "/") + _quote(path, safe="/:")


def _directory_uri(root: str) -> str:
    path = _normal(root)
    uri = _file_uri(path) if _is_absolute(path) else _quote(path)
    # SARIF requires a base URI to end with a slash, or it would name a file.
    return uri if uri.endswith("/") else uri + "/"


def _quote(path: str, safe: str = "/") -> str:
    # Percent-encode what a URI may not hold (spaces, "%", "#", non-ASCII);
    # surrogateescape restores the bytes of a file name that was not UTF-8.
    try:
        return quote(path, safe=safe, errors="surrogateescape")
    except UnicodeEncodeError:
        return quote(path, safe=safe, errors="replace")


def render(report: Report, options: RenderOptions) -> str:
    """The format's entry in :data:`govrules.report.FORMATS`."""
    return render_sarif(
        report, root=options.root, tool_version=options.tool_version, lang=options.lang
    )
