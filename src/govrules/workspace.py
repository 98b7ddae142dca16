"""The lint use case, once: paths in, one :class:`~govrules.diagnostics.Report` out.

``govrules lint``, the report and the language server all lint the same way,
so the way lives here: find the projects the paths belong to and their
configuration, load each project's rules once and validate the configured
codes against them, load the model (through a cache, on several cores),
evaluate, merge the projects, apply suppressions and a baseline. The faces
only parse their options, call :func:`lint_paths`, render and exit.

Nothing here prints: what a face should tell the user besides the findings
(a file left out by ``exclude``, stale baseline entries) is in
:attr:`Report.notes <govrules.diagnostics.Report.notes>`.
"""

from __future__ import annotations

import datetime
import os
import stat
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import attrs

from govrules.config import LANGUAGES, Config, ConfigError, validate_codes
from govrules.diagnostics import Report, Severity, sort_findings
from govrules.errors import GovrulesError
from govrules.messages import Message, counted, msg

if TYPE_CHECKING:
    from govrules.engine.types import CompiledRule
    from govrules.entry import Entry, EntryStore
    from govrules.model.model import Model

LANG_ENVIRONMENT = "GOVRULES_LANG"
"""The environment variable that chooses the language when no ``lang`` argument does."""

BASELINE_MAX_BYTES = 64 * 1024 * 1024
"""A baseline larger than this is refused: it is a mistake (or ``/dev/zero``), not a baseline."""


class CacheProvider(Protocol):
    """Gives each project its store; the disk cache gives one per project directory."""

    def store_for(self, root: Path) -> EntryStore | None:
        """The store of the project at ``root`` (its configuration's directory, or the cwd)."""

    def finish(self) -> list[Message]:
        """Called once the lint is done (the disk cache prunes here); notes for the user."""


class DiskCaches:
    """The ``.govrules_cache/`` directory of each project, pruned at most once a day."""

    def __init__(self) -> None:
        from govrules.cache import Cache

        self._make = Cache
        self.caches: dict[Path, Cache] = {}

    def store_for(self, root: Path) -> EntryStore | None:
        """The disk cache below ``root``."""
        cache = self.caches.get(root)
        if cache is None:
            # The library prints nothing: a refused cache becomes a note of the report.
            cache = self.caches[root] = self._make(root, warn=None)
        return cache

    def finish(self) -> list[Message]:
        """Prune each cache used (entries no run used for a month go); say which were refused."""
        notes = []
        for cache in self.caches.values():
            cache.prune()
            if cache.refused is not None:
                notes.append(msg("note.no-cache", reason=cache.refused))
        return notes


class MemoryCache:
    """Entries kept in this process, by file name and content (for an editor's server)."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, str], Entry] = {}

    def get(self, text: str, file: str) -> Entry | None:
        """The entry stored for exactly this file and text."""
        return self._entries.get((file, text))

    def put(self, text: str, entry: Entry) -> None:
        """Keep ``entry`` for its file and this text (one per file: older texts are dropped)."""
        file = _entry_file(entry)
        if file is not None:
            for key in [k for k in self._entries if k[0] == file]:
                del self._entries[key]
            self._entries[(file, text)] = entry

    def store_for(self, root: Path) -> EntryStore | None:
        """One store for every project: keys carry the file name."""
        return self

    def finish(self) -> list[Message]:
        """Nothing to tidy up or tell."""
        return []


def _entry_file(entry: Entry) -> str | None:
    for decl in entry.declarations:
        return decl.span.file
    for finding in entry.findings:
        return finding.location.file
    return None


@attrs.frozen(slots=True)
class Overrides:
    """What a command line puts over each project's configuration (``None``: keep it)."""

    select: Sequence[str] | None = None
    ignore: Sequence[str] | None = None
    rulesets: Sequence[str] | None = None
    """Built-in names, or paths (relative to the working directory)."""
    fail_on: str | None = None


class UnknownLanguage(GovrulesError):
    """A language messages cannot be rendered in."""

    def __init__(self, lang: str, where: str = "") -> None:
        prefix = f"{where}: " if where else ""
        choices = ", ".join(LANGUAGES)
        super().__init__(f"{prefix}unknown language {lang!r} (choose from {choices})")


def check_language(lang: str | None) -> str:
    """``lang`` if messages can be rendered in it (default English)."""
    if lang is None:
        return "en"
    if lang not in LANGUAGES:
        raise UnknownLanguage(lang)
    return lang


def choose_language(lang: str | None, configs: Sequence[Config] = ()) -> str:
    """The language of a run: ``lang`` if given, else ``GOVRULES_LANG``, else configuration.

    The person running the tool outranks the project: an explicit argument
    (``--lang``) first, then the environment variable, then the first of
    ``configs`` that sets ``lang``; English when none does. An unknown
    language from the environment is an error as from the command line.
    """
    if lang is not None:
        return check_language(lang)
    env = os.environ.get(LANG_ENVIRONMENT, "").strip()
    if env:
        if env not in LANGUAGES:
            raise UnknownLanguage(env, LANG_ENVIRONMENT)
        return env
    for config in configs:
        if config.lang is not None:
            return config.lang
    return "en"


def lint_paths(
    paths: Sequence[str | os.PathLike[str]],
    config: Config | None = None,
    as_of: datetime.date | None = None,
    lang: str | None = None,
    cache: CacheProvider | None = None,
    *,
    overrides: Overrides | None = None,
    config_file: str | None = None,
    baseline: str | None = None,
    jobs: int | None = None,
    texts: Mapping[str, str] | None = None,
) -> Report:
    """Lint the models ``paths`` belong to, as ``govrules lint`` does.

    ``config`` applies to every path instead of the configuration found
    walking up from them (``config_file`` names one file to read instead);
    ``overrides`` go over either. ``as_of`` is the date rules and suppression
    expiries are judged on (default today). ``cache`` keeps loaded files
    between runs (:class:`DiskCaches`, :class:`MemoryCache`, or your own);
    ``jobs`` parses on that many processes when there is enough to parse
    (default: every core). ``lang`` is the language the report's messages
    are meant to be shown in (:func:`choose_language`; the report keeps it
    as ``Report.lang``; findings stay data and render in any language).
    ``baseline`` names a baseline file whose findings are accepted.
    ``texts`` gives, by absolute path, the text to lint for a file instead of
    what is on disk (the language server's open documents). Raises
    :class:`~govrules.errors.GovrulesError` subclasses for what cannot be
    linted at all: a missing path, a bad configuration or baseline.
    """
    return lint_workspace(
        paths,
        config,
        as_of,
        lang,
        cache,
        overrides=overrides,
        config_file=config_file,
        baseline=baseline,
        jobs=jobs,
        texts=texts,
    ).report


@attrs.frozen(slots=True)
class Linted:
    """A lint's report and the model of each project it loaded (for the language server)."""

    report: Report
    models: tuple[Model, ...]
    roots: tuple[Path | None, ...] = ()
    """The project directory of each model (its configuration's; None: none was found)."""


def lint_workspace(
    paths: Sequence[str | os.PathLike[str]],
    config: Config | None = None,
    as_of: datetime.date | None = None,
    lang: str | None = None,
    cache: CacheProvider | None = None,
    *,
    overrides: Overrides | None = None,
    config_file: str | None = None,
    baseline: str | None = None,
    jobs: int | None = None,
    texts: Mapping[str, str] | None = None,
) -> Linted:
    """:func:`lint_paths`, keeping the loaded models too (navigation needs them)."""
    from govrules.linting import known_rules, lint
    from govrules.loader import load
    from govrules.project import Project, group_by_project, model_files

    check_language(lang)
    names = [os.fspath(p) for p in paths] or ["."]
    jobs = jobs if jobs is not None else os.cpu_count() or 1
    groups = (
        [(Project(config, None), names)]
        if config is not None
        else group_by_project(names, config_file)
    )
    language = choose_language(lang, [project.config for project, _group in groups])
    reports: list[Report] = []
    models: list[Model] = []
    roots: list[Path | None] = []
    notes: list[Message] = []
    for project, group in groups:
        project_config = _overridden(project.config, overrides)
        rules = _rules_of(project_config, project.root)
        validate_codes(project_config, known_rules(rules))
        store = cache.store_for(project.root or Path.cwd()) if cache is not None else None
        files = model_files(group, project)
        notes.extend(_excluded(group, files))
        model = load(files, cache=store, jobs=jobs, texts=texts)
        models.append(model)
        roots.append(project.root)
        report = lint(model, project_config, rules=rules, today=as_of)
        levels = dict.fromkeys(model.files, project_config.fail_on)
        reports.append(attrs.evolve(report, fail_levels=levels))
    if cache is not None:
        notes.extend(cache.finish())
    report = merge_reports(reports)
    if baseline is not None:
        report, stale = _apply_baseline(report, baseline)
        notes.extend(stale)
    report = attrs.evolve(report, notes=(*report.notes, *notes), lang=language)
    return Linted(report, tuple(models), tuple(roots))


def _overridden(config: Config, overrides: Overrides | None) -> Config:
    if overrides is None:
        return config
    return config.merge(
        select=_list(overrides.select),
        ignore=_list(overrides.ignore),
        rulesets=[_cwd_path(r) for r in overrides.rulesets] if overrides.rulesets else None,
        fail_on=overrides.fail_on,
    )


def _list(codes: Sequence[str] | None) -> list[str] | None:
    return None if codes is None else list(codes)


def _rules_of(config: Config, root: Path | None) -> tuple[CompiledRule, ...]:
    """The configured rulesets; a bad entry from a configuration file names the file and key."""
    from govrules.engine.catalogue import load_rules
    from govrules.engine.rulelang import RuleFileError

    try:
        return load_rules(config.rulesets, root)
    except RuleFileError:
        raise
    except GovrulesError as exc:
        if "rulesets" in config.overridden or config.source is None:
            raise
        problem = msg("config.rulesets", problem=exc.text)
        raise ConfigError(problem, file=config.source, key="rulesets") from None


def _cwd_path(entry: str) -> str:
    """A ruleset path given on the command line is relative to where the command runs.

    (In a configuration file it is relative to that file; built-in names stay names.)
    """
    if entry.endswith(".rules") or "/" in entry or os.sep in entry:
        return os.path.abspath(entry)
    return entry


def _excluded(named: Sequence[str], files: Sequence[str]) -> list[Message]:
    """A note for each file named that the configuration's include/exclude leaves out."""
    kept = {os.path.realpath(f) for f in files}
    return [
        msg("note.excluded", path=path)
        for path in named
        if os.path.isfile(path) and os.path.realpath(path) not in kept
    ]


def merge_reports(reports: Sequence[Report]) -> Report:
    """One report of several projects' reports (findings sorted, each rule listed once)."""
    if len(reports) == 1:
        return reports[0]
    rules = {r.code: r for report in reports for r in report.rules}
    findings = sort_findings(f for report in reports for f in report.findings)
    files = tuple(dict.fromkeys(f for report in reports for f in report.files))
    sources = {name: text for report in reports for name, text in report.sources.items()}
    levels = {name: level for report in reports for name, level in report.fail_levels.items()}
    return Report(
        tuple(findings),
        files,
        tuple(rules.values()),
        sources=sources,
        fail_on=reports[-1].fail_on if reports else Severity.ERROR,
        fail_levels=levels,
        notes=tuple(n for report in reports for n in report.notes),
        held_back=tuple(sort_findings(f for report in reports for f in report.held_back)),
    )


def _apply_baseline(report: Report, path: str) -> tuple[Report, list[Message]]:
    """The report with the baseline's findings accepted, and a note on stale entries."""
    from govrules.baseline import apply_baseline, read_baseline

    text = read_baseline_file(path)
    # Held-back findings still match their entries: a broken model must not make
    # the baseline read as stale (and shrink it) while its findings are withheld.
    count = len(report.findings)
    both, stale = apply_baseline((*report.findings, *report.held_back), read_baseline(text, path))
    accepted = both[:count]
    notes = []
    if stale:
        shown = ", ".join(stale[:5]) + (", ..." if len(stale) > 5 else "")
        notes.append(counted("baseline.stale", len(stale), path=path, shown=shown))
    held = tuple(f for f in both[count:] if f.suppressed is None)
    return attrs.evolve(report, findings=tuple(accepted), held_back=held), notes


def read_baseline_file(path: str) -> str:
    """The text of a baseline file, read with a bound; ConfigError naming the file otherwise."""
    from govrules.loader import LoadError

    try:
        # Non-blocking open: a FIFO must not hang the run before it is refused.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise LoadError(path, msg("baseline.cannot-read", reason=exc.strerror)) from None
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            reason = msg("baseline.not-regular")
            raise LoadError(path, msg("baseline.cannot-read", reason=reason))
        try:
            data = fh.read(BASELINE_MAX_BYTES + 1)
        except OSError as exc:
            raise LoadError(path, msg("baseline.cannot-read", reason=exc.strerror)) from None
    if len(data) > BASELINE_MAX_BYTES:
        raise ConfigError(
            msg("baseline.too-large", mib=BASELINE_MAX_BYTES // (1024 * 1024)), file=path
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ConfigError(
            msg("baseline.not-utf8", byte=f"{data[exc.start]:02x}"),
            file=path,
            line=line,
            column=column,
        ) from None
