"""``govrules lint``: load the model, check it, report, exit 0, 1 or 2."""

from __future__ import annotations

import gc
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from govrules import __version__
from govrules.cli.common import (
    debug_option,
    fail,
    guarded,
    no_color_option,
    output_option,
    paths_argument,
    use_color,
)
from govrules.config import Config, ConfigError
from govrules.diagnostics import EXIT_FINDINGS, EXIT_OK, Report, Severity, sort_findings
from govrules.errors import GovrulesError

if TYPE_CHECKING:
    from govrules.engine.compile import CompiledRule


def _codes(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [c.strip() for c in value.split(",") if c.strip()]


@click.command("lint")
@paths_argument
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "sarif", "junit", "github"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@output_option
@click.option("--select", metavar="CODES", help="Only these codes or prefixes (comma-separated).")
@click.option("--ignore", metavar="CODES", help="Skip these codes or prefixes (comma-separated).")
@click.option(
    "--ruleset",
    "rulesets",
    multiple=True,
    metavar="NAME_OR_PATH",
    help="A built-in ruleset or a .rules file (repeatable); default: every built-in ruleset.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help="Exit 1 when a finding is at or above this severity [default: error].",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=str),
    help="Accept the findings recorded in FILE; only new ones fail.",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False, path_type=str),
    help="Record the current findings in FILE and exit 0.",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=str),
    help="Configuration file (default: govrules.toml or pyproject.toml found walking up).",
)
@no_color_option
@click.option("--quiet", "-q", is_flag=True, help="Only the findings, no excerpts or summary.")
@click.option("--no-cache", is_flag=True, help="Parse every file again, ignoring the cache.")
@debug_option
@guarded
def lint(
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    select: str | None,
    ignore: str | None,
    rulesets: tuple[str, ...],
    fail_on: str | None,
    exit_zero: bool,
    baseline: str | None,
    write_baseline: str | None,
    config_file: str | None,
    no_color: bool,
    quiet: bool,
    no_cache: bool,
    debug: bool,
) -> None:
    """Check the governance model in PATHS (default: the current directory).

    A named .gov file stands for the whole model it belongs to, so a
    reference broken elsewhere is still found. Exit codes: 0 nothing at or
    above --fail-on, 1 findings at or above it, 2 usage or input error.
    """
    from govrules.cache import Cache
    from govrules.config import validate_codes
    from govrules.linting import known_rules
    from govrules.linting import lint as run_lint
    from govrules.loader import load
    from govrules.project import group_by_project, model_files
    from govrules.report import render

    # A short-lived process: the cycle collector would only walk the model again and again.
    gc.disable()
    reports: list[Report] = []
    sources: dict[str, str] = {}
    fail_levels: dict[str, Severity] = {}
    fail_default = Severity.ERROR
    # Files of different projects (each with its own configuration) are different models.
    for project, group in group_by_project(list(paths) or ["."], config_file):
        config = project.config.merge(
            select=_codes(select),
            ignore=_codes(ignore),
            rulesets=[_cwd_path(r) for r in rulesets] or None,
            fail_on=fail_on,
        )
        rules = _rules_of(config, project.root)
        validate_codes(config, known_rules(rules))
        cache = None if no_cache else Cache(project.root or Path.cwd())
        files = model_files(group, project)
        _warn_excluded(group, files)
        model = load(files, cache=cache, jobs=os.cpu_count() or 1)
        reports.append(run_lint(model, config, rules=rules))
        if cache is not None:
            cache.prune()  # at most once a day: entries no run has used for a month
        sources.update(model.sources)
        fail_levels.update(dict.fromkeys(model.files, config.fail_on))
        fail_default = config.fail_on
    report = merge_reports(reports)

    if write_baseline is not None:
        from govrules.atomic import write_atomic
        from govrules.baseline import write_baseline as baseline_text

        text = baseline_text(report.findings)
        write_atomic(Path(write_baseline), text.encode("utf-8"))
        recorded = sum(entry.get("count", 1) for entry in json.loads(text)["findings"])
        broken = sum(1 for f in report.active() if f.code.startswith("GR"))
        click.echo(f"wrote {recorded} findings to {write_baseline}", err=True)
        if broken:
            # A baseline accepts rule findings, never a model that does not load.
            click.echo(
                f"{broken} model diagnostics (syntax, vocabulary, references) cannot be "
                "accepted in a baseline: fix them",
                err=True,
            )
        sys.exit(EXIT_FINDINGS if broken else EXIT_OK)

    if baseline is not None:
        from govrules.baseline import apply_baseline, read_baseline

        try:
            text = Path(baseline).read_text(encoding="utf-8")
        except OSError as exc:
            fail(f"{baseline}: cannot read the baseline: {exc.strerror}")
        accepted, stale = apply_baseline(report.findings, read_baseline(text, baseline))
        report = Report(tuple(accepted), report.files, report.rules)
        if stale:
            entries = "entry no longer matches" if len(stale) == 1 else "entries no longer match"
            click.echo(
                f"{baseline}: {len(stale)} baseline {entries} a finding "
                f"({', '.join(stale[:5])}{', ...' if len(stale) > 5 else ''}); "
                "shrink the file with --write-baseline",
                err=True,
            )

    stream = sys.stdout
    text = render(
        report,
        fmt,
        sources=sources,
        color=output is None and use_color(no_color, stream),
        root=str(Path.cwd()) if fmt == "sarif" else None,
        tool_version=__version__,
        quiet=quiet,
    )
    if output is not None:
        from govrules.atomic import write_atomic

        write_atomic(Path(output), text.encode("utf-8"))
    elif text.strip():
        click.echo(text, nl=not text.endswith("\n"))
    sys.exit(EXIT_OK if exit_zero else report.exit_code(fail_default, fail_levels))


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
        raise ConfigError(f"rulesets: {exc}", file=config.source, key="rulesets") from None


def _warn_excluded(named: list[str], files: list[str]) -> None:
    """Say so when a file named on the command line is left out by include/exclude."""
    kept = {os.path.realpath(f) for f in files}
    for path in named:
        if os.path.isfile(path) and os.path.realpath(path) not in kept:
            click.echo(
                f"govrules: warning: {path} is left out by the configuration's include/exclude",
                err=True,
            )


def _cwd_path(entry: str) -> str:
    """A ruleset path given on the command line is relative to where the command runs.

    (In a configuration file it is relative to that file; built-in names stay names.)
    """
    if entry.endswith(".rules") or "/" in entry or os.sep in entry:
        return os.path.abspath(entry)
    return entry


def merge_reports(reports: list[Report]) -> Report:
    """One report of several projects' reports (findings sorted, each rule listed once)."""
    if len(reports) == 1:
        return reports[0]
    rules = {r.code: r for report in reports for r in report.rules}
    findings = sort_findings(f for report in reports for f in report.findings)
    files = tuple(dict.fromkeys(f for report in reports for f in report.files))
    return Report(tuple(findings), files, tuple(rules.values()))
