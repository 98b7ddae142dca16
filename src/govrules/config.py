"""Configuration: ``[tool.govrules]`` in ``pyproject.toml`` or a ``govrules.toml``.

The configuration is found by walking up from the linted paths
(:func:`find_config`), read strictly (:func:`load_config`: every unknown key,
wrong type or bad value is a :class:`ConfigError` naming the key and the file)
and, once the rule engine knows its codes, checked against them
(:func:`validate_codes`). Command-line options override the file through
:meth:`Config.merge`.
"""

from __future__ import annotations

import datetime
import math
import os
import re
import tomllib
import types
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Final

import attrs

from govrules.diagnostics import MODEL_CODES, Severity, is_model_code
from govrules.errors import GovrulesError
from govrules.messages import LANGUAGE_CODES, Message, msg
from govrules.suggest import did_you_mean

ParamValue = int | float | str | bool
"""The value of a rule parameter, as TOML gives it."""

CONFIG_FILE: Final = "govrules.toml"
PYPROJECT_FILE: Final = "pyproject.toml"
TOOL_TABLE: Final = ("tool", "govrules")
"""Where the keys stand in ``pyproject.toml``; in ``govrules.toml`` they stand at the top."""

_MODEL_PREFIX = re.compile(r"GR[0-9]*")


class ConfigError(GovrulesError):
    """A configuration (or baseline) file that cannot be used: exit code 2.

    ``file`` and ``key`` say where the problem is (``key`` is a dotted path such
    as ``tool.govrules.severity.OWN002``, or a command-line option such as
    ``--select``); ``line`` and ``column`` are given for syntax errors. The
    string form is ``file:line:column: message`` (parts that are unknown are left out).
    """

    def __init__(
        self,
        message: Message | str,
        *,
        file: str | None = None,
        key: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.file = file
        self.key = key
        self.line = line
        self.column = column

    @property
    def message(self) -> str:
        """What is wrong, in English, without the place."""
        return self.text.english

    def render(self, lang: str = "en") -> str:
        text = self.text.render(lang)
        if self.file is None:
            return text
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {text}"


# -- the Config value ---------------------------------------------------------------


def _str_tuple(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        raise TypeError(f"expected a list of strings, not the string {value!r}")
    items = tuple(value)
    for item in items:
        if not isinstance(item, str):
            raise TypeError(f"expected a list of strings, got {item!r} in it")
    return items


def _severity(value: Severity | str) -> Severity:
    return value if isinstance(value, Severity) else Severity.parse(value)


def _severity_map(value: Mapping[str, Severity | str]) -> Mapping[str, Severity]:
    return types.MappingProxyType({code: _severity(s) for code, s in value.items()})


def _params_map(
    value: Mapping[str, Mapping[str, ParamValue]],
) -> Mapping[str, Mapping[str, ParamValue]]:
    return types.MappingProxyType(
        {code: types.MappingProxyType(dict(params)) for code, params in value.items()}
    )


def _longest_prefix(code: str, entries: Iterable[str]) -> int:
    """Length of the longest entry that ``code`` starts with, or -1 if none does."""
    return max((len(e) for e in entries if code.startswith(e)), default=-1)


@attrs.frozen
class Config:
    """What to check and how strictly: the keys of ``[tool.govrules]``, typed.

    Lists are accepted wherever tuples are stored, and severities may be given
    as their names, so ``Config(select=["OWN", "SUP001"], fail_on="warning")`` works.
    Entries of ``select``, ``ignore``, ``severity`` and ``unsuppressible`` are
    codes or prefixes of codes (``OWN``); ``params`` is keyed by exact codes.
    Configurations are hashable (the mappings take no part in the hash, only
    in equality).
    """

    rulesets: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    """Built-in ruleset names or paths to ruleset files; empty means every built-in ruleset."""
    select: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    """Codes or prefixes to check; empty means all."""
    ignore: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    """Codes or prefixes not to check (model diagnostics are always checked)."""
    fail_on: Severity = attrs.field(default=Severity.ERROR, converter=_severity)
    """The least severity that fails the run."""
    severity: Mapping[str, Severity] = attrs.field(
        factory=lambda: types.MappingProxyType({}), converter=_severity_map, hash=False
    )
    """Severity overrides by code or prefix."""
    params: Mapping[str, Mapping[str, ParamValue]] = attrs.field(
        factory=lambda: types.MappingProxyType({}), converter=_params_map, hash=False
    )
    """Rule parameters by code, e.g. ``{"COL006": {"threshold": 100}}``."""
    unsuppressible: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    """Codes or prefixes that inline suppressions may not silence."""
    include: tuple[str, ...] = attrs.field(default=("**/*.gov",), converter=_str_tuple)
    """Glob patterns of the files that make up the model, relative to the project root."""
    exclude: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    """Glob patterns of files to leave out."""
    lang: str | None = None
    """The language of messages (``en`` or ``nl``); ``None``: not set here."""
    as_of: datetime.date | None = None
    """The date rules are judged on (``as-of``); ``None``: today, unless the caller says."""
    evaluation_budget: int | None = None
    """Steps per declaration of the model each rule may take (``None``: the default, 100)."""
    source: str | None = None
    """The file this configuration was read from, if any."""
    overridden: frozenset[str] = attrs.field(default=frozenset(), eq=False)
    """Names of the fields set by :meth:`merge` (the command line), so errors can say so."""

    def is_selected(self, code: str) -> bool:
        """Whether ``code`` is checked: the longest matching entry of select or ignore wins.

        As in ruff, ``select=["OWN"], ignore=["OWN002"]`` drops OWN002 only, and
        ``select=["OWN002"], ignore=["OWN"]`` keeps OWN002; on a tie ignore wins.
        Model diagnostics are always selected.
        """
        if is_model_code(code):
            return True
        selected = _longest_prefix(code, self.select) if self.select else 0
        return selected >= 0 and selected > _longest_prefix(code, self.ignore)

    def severity_for(self, code: str, default: Severity) -> Severity:
        """The configured severity of ``code`` (longest matching entry), else ``default``."""
        if is_model_code(code):
            return default
        matching = [entry for entry in self.severity if code.startswith(entry)]
        return self.severity[max(matching, key=len)] if matching else default

    def params_for(self, code: str) -> Mapping[str, ParamValue]:
        """The configured parameters of the rule ``code`` (empty if none)."""
        return self.params.get(code, types.MappingProxyType({}))

    def is_unsuppressible(self, code: str) -> bool:
        """Whether the configuration forbids suppressing ``code`` (by code or prefix)."""
        return any(code.startswith(entry) for entry in self.unsuppressible)

    def merge(
        self,
        *,
        rulesets: Iterable[str] | None = None,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] | None = None,
        fail_on: Severity | str | None = None,
        severity: Mapping[str, Severity | str] | None = None,
        params: Mapping[str, Mapping[str, ParamValue]] | None = None,
        unsuppressible: Iterable[str] | None = None,
        include: Iterable[str] | None = None,
        exclude: Iterable[str] | None = None,
    ) -> Config:
        """This configuration with command-line options applied; ``None`` means not given.

        A given list replaces the file's list; a given mapping (``severity``,
        ``params``) is laid over the file's, key by key.
        """
        given = {
            name
            for name, value in (
                ("rulesets", rulesets),
                ("select", select),
                ("ignore", ignore),
                ("fail_on", fail_on),
                ("severity", severity),
                ("params", params),
                ("unsuppressible", unsuppressible),
                ("include", include),
                ("exclude", exclude),
            )
            if value is not None
        }
        if not given:
            return self
        merged_params = {code: dict(p) for code, p in self.params.items()}
        for code, p in (params or {}).items():
            merged_params.setdefault(code, {}).update(p)
        return Config(
            rulesets=self.rulesets if rulesets is None else rulesets,
            select=self.select if select is None else select,
            ignore=self.ignore if ignore is None else ignore,
            fail_on=self.fail_on if fail_on is None else fail_on,
            severity={**self.severity, **(severity or {})},
            params=merged_params,
            unsuppressible=self.unsuppressible if unsuppressible is None else unsuppressible,
            include=self.include if include is None else include,
            exclude=self.exclude if exclude is None else exclude,
            lang=self.lang,
            as_of=self.as_of,
            evaluation_budget=self.evaluation_budget,
            source=self.source,
            overridden=self.overridden.union(given),
        )


# -- finding the file ----------------------------------------------------------------


def _start_directory(paths: Sequence[Path]) -> Path:
    if not paths:
        return Path.cwd().resolve()
    dirs = []
    for path in paths:
        absolute = path.resolve()
        dirs.append(absolute if absolute.is_dir() or not absolute.exists() else absolute.parent)
    return Path(os.path.commonpath(dirs))


def _has_tool_table(pyproject: Path) -> bool:
    """Whether a ``pyproject.toml`` carries ``[tool.govrules]``.

    A file that does not parse counts only if its text mentions ``tool.govrules``
    (then :func:`load_config` reports the syntax error); a broken pyproject that
    has nothing to do with govrules must not stop a run.
    """
    try:
        data = pyproject.read_bytes()
    except OSError:
        return False
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        # Not UTF-8, but meant for govrules: load_config names the byte, never a silent default.
        return re.search(rb"tool\s*\.\s*govrules\b", data) is not None
    try:
        document = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):
        return re.search(r"tool\s*\.\s*govrules\b", text) is not None
    tool = document.get("tool")
    return isinstance(tool, dict) and "govrules" in tool


def find_config(paths: Sequence[Path]) -> Path | None:
    """The configuration file that governs ``paths``, or ``None``.

    Walks up from the common parent of the paths (the current directory when
    none are given) to the filesystem root; the first directory holding a
    ``govrules.toml``, or a ``pyproject.toml`` with a ``[tool.govrules]`` table,
    wins, ``govrules.toml`` first.
    """
    start = _start_directory(paths)
    for directory in (start, *start.parents):
        candidate = directory / CONFIG_FILE
        if candidate.is_file():
            return candidate
        candidate = directory / PYPROJECT_FILE
        if candidate.is_file() and _has_tool_table(candidate):
            return candidate
    return None


def project_root(config_path: Path) -> Path:
    """The directory of the configuration file: globs and ruleset paths are relative to it."""
    return config_path.resolve().parent


# -- reading the file ----------------------------------------------------------------

KEYS: Final = (
    "rulesets",
    "select",
    "ignore",
    "fail-on",
    "severity",
    "params",
    "unsuppressible",
    "include",
    "exclude",
    "lang",
    "as-of",
    "evaluation-budget",
)
"""The keys a configuration may hold."""

LANGUAGES: Final = LANGUAGE_CODES
"""The languages messages can be rendered in (``lang``, ``--lang``, ``GOVRULES_LANG``)."""

_LIST_KEYS: Final = ("rulesets", "select", "ignore", "unsuppressible", "include", "exclude")
_SEVERITY_NAMES: Final = tuple(s.label for s in Severity)
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_END = re.compile(r"\s*\(at end of document\)\s*$")


def _toml_type(value: object) -> str:
    """The TOML name of a parsed value's type, for messages."""
    if isinstance(value, bool):
        return "boolean"
    names: tuple[tuple[type, str], ...] = (
        (str, "string"),
        (int, "integer"),
        (float, "float"),
        (list, "array"),
        (dict, "table"),
        (datetime.datetime, "date-time"),
        (datetime.date, "date"),
        (datetime.time, "time"),
    )
    for kind, name in names:
        if isinstance(value, kind):
            return name
    return type(value).__name__


def _shown(value: object) -> Message:
    """A parsed value described for a message: ``string 'OWN'``, ``integer 3``, ``a table``."""
    kind = _toml_type(value)
    if isinstance(value, list | dict):
        return msg(f"config.value.{kind}")
    if isinstance(value, bool):
        return msg("config.value.boolean", value=str(value).lower())
    if isinstance(value, str):
        return msg("config.value.string", value=value)
    if kind in ("integer", "float", "date-time", "date", "time"):
        return msg(f"config.value.{kind}", value=str(value))
    return msg("config.value.other", kind=kind, value=str(value))


@attrs.frozen
class _Reader:
    """Reads one parsed document; knows the file and where the keys stand, for messages."""

    file: str
    table: tuple[str, ...]

    def header(self, *parts: str) -> str:
        """``[tool.govrules.severity] `` (with its space), or ``""`` at the top of govrules.toml."""
        names = (*self.table, *parts)
        return f"[{'.'.join(names)}] " if names else ""

    def error(self, message: Message, *parts: str) -> ConfigError:
        """A ConfigError for the key path ``parts`` below the table."""
        return ConfigError(message, file=self.file, key=".".join((*self.table, *parts)))

    def read(self, document: Mapping[str, object]) -> Config:
        for key in document:
            if key not in KEYS:
                where = self.header()
                if key == "tool" and not self.table:
                    message = msg(
                        "config.tool-in-govrules-toml", where=where, key=key, file=CONFIG_FILE
                    )
                else:
                    suggestion = did_you_mean(key, KEYS)
                    message = msg("config.unknown-key", where=where, key=key, suggestion=suggestion)
                raise self.error(message, key)
        lists = {key: self.string_list(document[key], key) for key in _LIST_KEYS if key in document}
        fail_on = document.get("fail-on")
        return Config(
            rulesets=lists.get("rulesets", ()),
            select=lists.get("select", ()),
            ignore=lists.get("ignore", ()),
            fail_on=Severity.ERROR if fail_on is None else self.severity(fail_on, (), "fail-on"),
            severity=self.severity_table(document.get("severity", {})),
            params=self.params_table(document.get("params", {})),
            unsuppressible=lists.get("unsuppressible", ()),
            include=lists.get("include", ("**/*.gov",)),
            exclude=lists.get("exclude", ()),
            lang=self.language(document["lang"]) if "lang" in document else None,
            as_of=self.date(document["as-of"], "as-of") if "as-of" in document else None,
            evaluation_budget=(
                self.budget(document["evaluation-budget"])
                if "evaluation-budget" in document
                else None
            ),
            source=self.file,
        )

    def date(self, value: object, key: str) -> datetime.date:
        """A TOML date (``as-of = 2026-12-31``) or the same date as a string."""
        where = f"{self.header()}{key}: "
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                raise self.error(msg("config.not-a-date", where=where, value=value), key) from None
        raise self.error(msg("config.expected-date", where=where, got=_shown(value)), key)

    def budget(self, value: object) -> int:
        """A positive whole number of steps per declaration."""
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
        where = f"{self.header()}evaluation-budget: "
        raise self.error(
            msg("config.expected-positive", where=where, got=_shown(value)), "evaluation-budget"
        )

    def language(self, value: object) -> str:
        where = f"{self.header()}lang: "
        if isinstance(value, str) and value in LANGUAGES:
            return value
        if isinstance(value, str):
            suggestion = did_you_mean(value.lower(), LANGUAGES)
            message = msg(
                "config.unknown-language",
                where=where,
                value=value,
                suggestion=suggestion,
                choices=LANGUAGES,
            )
        else:
            message = msg(
                "config.expected-choice", where=where, choices=LANGUAGES, got=_shown(value)
            )
        raise self.error(message, "lang")

    def string_list(self, value: object, key: str) -> tuple[str, ...]:
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return tuple(value)
        where = f"{self.header()}{key}: "
        message = msg("config.expected-strings", where=where, got=_shown(value))
        if isinstance(value, str):
            message = msg(
                "config.expected-strings-write",
                where=where,
                got=_shown(value),
                key=key,
                written=_toml_string(value),
            )
        elif isinstance(value, list):
            bad = next(item for item in value if not isinstance(item, str))
            message = msg("config.expected-strings-in-it", where=where, got=_shown(bad))
        raise self.error(message, key)

    def severity(self, value: object, table: tuple[str, ...], key: str) -> Severity:
        where = f"{self.header(*table)}{key}: "
        if not isinstance(value, str):
            message = msg(
                "config.expected-choice", where=where, choices=_SEVERITY_NAMES, got=_shown(value)
            )
            raise self.error(message, *table, key)
        try:
            return Severity.parse(value)
        except ValueError:
            message = msg(
                "config.unknown-severity",
                where=where,
                value=value,
                suggestion=did_you_mean(value, _SEVERITY_NAMES),
                choices=_SEVERITY_NAMES,
            )
            raise self.error(message, *table, key) from None

    def severity_table(self, value: object) -> dict[str, Severity]:
        if not isinstance(value, dict):
            where = f"{self.header()}severity: "
            raise self.error(
                msg("config.expected-severity-table", where=where, got=_shown(value)), "severity"
            )
        return {code: self.severity(s, ("severity",), code) for code, s in value.items()}

    def params_table(self, value: object) -> dict[str, dict[str, ParamValue]]:
        if not isinstance(value, dict):
            where = f"{self.header()}params: "
            raise self.error(
                msg("config.expected-params-table", where=where, got=_shown(value)), "params"
            )
        result: dict[str, dict[str, ParamValue]] = {}
        for code, params in value.items():
            if not isinstance(params, dict):
                where = f"{self.header('params')}{code}: "
                message = msg(
                    "config.expected-param-table", where=where, code=code, got=_shown(params)
                )
                raise self.error(message, "params", code)
            result[code] = {}
            for name, param in params.items():
                if not isinstance(param, str | int | float | bool):
                    where = f"{self.header('params', code)}{name}: "
                    message = msg("config.expected-param-value", where=where, got=_shown(param))
                    raise self.error(message, "params", code, name)
                result[code][name] = param
        return result


def _toml_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


TOML_MAX_NESTING = 100
"""Arrays and inline tables nested deeper than this are named where they pass it."""

_TOML_SCAN = re.compile(
    r'"""[\s\S]*?"""'  # multi-line basic text
    r"|'''[\s\S]*?'''"  # multi-line literal text
    r'|"(?:[^"\\\n]|\\.)*"'  # basic text
    r"|'[^'\n]*'"  # literal text
    r"|#[^\n]*|[\[\]{}\n]"
)


def deep_nesting(text: str, limit: int) -> tuple[int, int] | None:
    """Line and column of the first ``[`` or ``{`` nested deeper than ``limit``, if any.

    Texts and comments are skipped; one pass, no recursion (the text that made
    ``tomllib`` recurse too deep is exactly what this reads).
    """
    depth, line, line_start = 0, 1, 0
    for m in _TOML_SCAN.finditer(text):
        piece = m.group()
        if piece == "\n":
            line, line_start = line + 1, m.end()
        elif piece in "[{":
            depth += 1
            if depth > limit:
                return line, m.start() - line_start + 1
        elif piece in "]}":
            depth = max(depth - 1, 0)
        elif "\n" in piece:  # a multi-line text
            line += piece.count("\n")
            line_start = m.start() + piece.rfind("\n") + 1
    return None


def _parse_toml(text: str, file: str) -> dict[str, object]:
    try:
        return tomllib.loads(text)
    except RecursionError:
        # Only now is the text scanned: a normal configuration pays nothing for the place.
        at = deep_nesting(text, TOML_MAX_NESTING)
        line, column = at if at is not None else (None, None)
        problem = (
            msg("config.toml-too-deep-at", limit=TOML_MAX_NESTING)
            if at is not None
            else msg("config.toml-too-deep")
        )
        raise ConfigError(problem, file=file, line=line, column=column) from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        position = _TOML_POSITION.search(message)
        end = _TOML_END.search(message)
        line = column = None
        if position is not None:
            line, column = int(position.group(1)), int(position.group(2))
            message = message[: position.start()]
        elif end is not None:
            lines = text.split("\n")
            line, column = len(lines), len(lines[-1]) + 1
            problem = msg("config.toml-at-end", problem=message[: end.start()])
            raise ConfigError(
                msg("config.toml", problem=problem), file=file, line=line, column=column
            ) from None
        problem = msg("verbatim", text=message)
        raise ConfigError(
            msg("config.toml", problem=problem), file=file, line=line, column=column
        ) from None


def load_config(path: Path) -> Config:
    """Read a ``govrules.toml`` or the ``[tool.govrules]`` table of a ``pyproject.toml``.

    A ``pyproject.toml`` without the table gives the default configuration.
    Raises :class:`ConfigError` for an unreadable file, a TOML syntax error
    (with line and column), an unknown key, a value of the wrong type or an
    unknown severity, naming the key and the file.
    """
    file = str(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ConfigError(msg("config.unreadable", reason=reason), file=file) from None
    except UnicodeDecodeError as exc:
        data = exc.object
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        message = msg("config.not-utf8", byte=f"{data[exc.start]:02x}")
        raise ConfigError(message, file=file, line=line, column=column) from None
    document = _parse_toml(text, file)
    if path.name != PYPROJECT_FILE:
        return _Reader(file, ()).read(document)
    tool = document.get("tool", {})
    if not isinstance(tool, dict):
        message = msg("config.expected-table", where="tool: ", got=_shown(tool))
        raise ConfigError(message, file=file, key="tool")
    table = tool.get("govrules")
    if table is None:
        return Config(source=file)
    if not isinstance(table, dict):
        message = msg("config.expected-table", where="[tool] govrules: ", got=_shown(table))
        raise ConfigError(message, file=file, key="tool.govrules")
    return _Reader(file, TOOL_TABLE).read(table)


# -- checking codes against the rules ------------------------------------------------


def _option(field: str) -> str:
    return "--ruleset" if field == "rulesets" else "--" + field.replace("_", "-")


def _code_prefixes(codes: Iterable[str]) -> set[str]:
    """The letter prefixes of codes (``OWN`` of ``OWN001``), as suggestions for prefixes."""
    prefixes = set()
    for code in codes:
        letters = re.match(r"[A-Za-z]+", code)
        if letters is not None:
            prefixes.add(letters.group())
    return prefixes


@attrs.frozen
class _CodeChecker:
    config: Config
    known: Mapping[str, Collection[str]]
    candidates: tuple[str, ...]

    def where(self, field: str, *table: str) -> tuple[str, str | None, str]:
        """(message prefix, file, key path) for an entry of ``field``."""
        if field in self.config.overridden:
            return f"{_option(field)}: ", None, _option(field)
        key = field.replace("_", "-")
        source = self.config.source
        if source is not None and Path(source).name == PYPROJECT_FILE:
            reader_table: tuple[str, ...] = TOOL_TABLE
        else:
            reader_table = ()
        if table:
            header = f"[{'.'.join((*reader_table, key, *table[:-1]))}] "
            return header, source, ".".join((*reader_table, key, *table))
        header = f"[{'.'.join(reader_table)}] " if reader_table else ""
        return f"{header}{key}: ", source, ".".join((*reader_table, key))

    def fail(self, field: str, message: Message, *table: str) -> ConfigError:
        prefix, file, key = self.where(field, *table)
        return ConfigError(msg("config.at", where=prefix, problem=message), file=file, key=key)

    def known_prefix(self, entry: str) -> bool:
        return bool(entry) and any(code.startswith(entry) for code in self.known)

    def unknown(self, entry: str) -> Message:
        suggestion = did_you_mean(entry, self.candidates)
        return msg("config.unknown-code", entry=entry, suggestion=suggestion)

    def check_list(self, field: str, entries: Iterable[str]) -> None:
        for entry in entries:
            if _MODEL_PREFIX.fullmatch(entry) and any(c.startswith(entry) for c in MODEL_CODES):
                if field == "ignore":
                    raise self.fail(field, msg("config.ignore-model-code", entry=entry))
                continue
            if not self.known_prefix(entry):
                raise self.fail(field, self.unknown(entry))

    def check_severity(self) -> None:
        for entry in self.config.severity:
            if _MODEL_PREFIX.fullmatch(entry) and any(c.startswith(entry) for c in MODEL_CODES):
                raise self.fail("severity", msg("config.model-severity", entry=entry), entry)
            if not self.known_prefix(entry):
                raise self.fail("severity", self.unknown(entry), entry)

    def check_params(self) -> None:
        for code, params in self.config.params.items():
            if code not in self.known:
                if is_model_code(code) and code in MODEL_CODES:
                    message = msg("config.model-params", code=code)
                elif self.known_prefix(code):
                    message = msg("config.prefix-params", code=code)
                else:
                    suggestion = did_you_mean(code, self.known)
                    message = msg("config.unknown-rule", code=code, suggestion=suggestion)
                raise self.fail("params", message, code)
            names = self.known[code]
            for name, value in params.items():
                if name in names and isinstance(names, Mapping):
                    problem = _param_type_problem(value, names[name])
                    if problem:
                        message = msg("config.param-type", code=code, name=name, problem=problem)
                        raise self.fail("params", message, code, name)
                if name not in names:
                    if names:
                        message = msg(
                            "config.unknown-param",
                            name=name,
                            code=code,
                            suggestion=did_you_mean(name, names),
                            choices=tuple(sorted(names)),
                        )
                    else:
                        message = msg("config.no-params", name=name, code=code)
                    raise self.fail("params", message, code, name)


def _param_type_problem(value: object, default: object) -> Message | None:
    """Why ``value`` cannot replace a parameter whose default is ``default``, or None."""
    shown = repr(value)
    if isinstance(default, bool):
        return None if isinstance(value, bool) else msg("config.param-boolean", value=shown)
    if isinstance(default, str):
        return None if isinstance(value, str) else msg("config.param-text", value=shown)
    # A number (the rule language's numbers are decimals); bool is an int in Python: refuse it.
    if isinstance(value, bool) or not isinstance(value, int | float):
        return msg("config.param-number", value=shown)
    if isinstance(value, float) and not math.isfinite(value):
        return msg("config.param-finite", value=shown)
    return None


def validate_codes(config: Config, known: Mapping[str, Collection[str]]) -> None:
    """Check every code the configuration names against the rules that exist.

    ``known`` maps each rule code to the names of its parameters (a mapping of
    names to defaults also checks each value's type against its default). A code or
    prefix in ``select``, ``ignore``, ``severity`` or ``unsuppressible`` must be
    a known code or the start of one; ``params`` takes exact codes and the
    rule's own parameter names. Model diagnostic codes (``GR...``) may be
    selected (they always are) and listed as unsuppressible (they always are),
    but not ignored, given a severity or given parameters. Raises
    :class:`ConfigError` for the first problem, with a suggestion where one applies.
    """
    candidates = tuple(sorted(set(known) | _code_prefixes(known)))
    checker = _CodeChecker(config, known, candidates)
    checker.check_list("select", config.select)
    checker.check_list("ignore", config.ignore)
    checker.check_severity()
    checker.check_params()
    checker.check_list("unsuppressible", config.unsuppressible)
