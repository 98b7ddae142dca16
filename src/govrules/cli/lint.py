"""``govrules lint``: options in, :func:`govrules.workspace.lint_paths`, render, exit 0, 1 or 2."""

from __future__ import annotations

import datetime
import gc
import json
import sys
from pathlib import Path
from typing import NoReturn

import click

from govrules import __version__
from govrules.cli.common import (
    as_of_option,
    code_list,
    config_option,
    debug_option,
    guarded,
    ignore_option,
    lang_option,
    no_cache_option,
    no_color_option,
    output_option,
    paths_argument,
    print_notes,
    ruleset_option,
    select_option,
    use_color,
)
from govrules.diagnostics import EXIT_FINDINGS, EXIT_OK, Report
from govrules.report import FORMATS, OUTPUT_FORMATS


@click.command("lint")
@paths_argument
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Output format: "
    + "; ".join(f"{f.name}: {f.description}" for f in OUTPUT_FORMATS.values())
    + ".",
)
@output_option
@select_option
@ignore_option
@ruleset_option
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
@config_option
@lang_option
@as_of_option
@no_color_option
@click.option("--quiet", "-q", is_flag=True, help="Only the findings, no excerpts or summary.")
@no_cache_option
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
    lang: str | None,
    as_of: datetime.date | None,
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
    from govrules.report import RenderOptions, render
    from govrules.workspace import DiskCaches, Overrides, lint_paths

    # A short-lived process: the cycle collector would only walk the model again and again.
    gc.disable()
    report = lint_paths(
        list(paths),
        cache=None if no_cache else DiskCaches(),
        overrides=Overrides(
            select=code_list(select),
            ignore=code_list(ignore),
            rulesets=list(rulesets) or None,
            fail_on=fail_on,
        ),
        config_file=config_file,
        lang=lang,
        as_of=as_of,
        baseline=None if write_baseline is not None else baseline,
    )
    print_notes(report)

    if write_baseline is not None:
        _write_baseline(report, write_baseline)

    stream = sys.stdout
    text = render(
        report,
        fmt,
        RenderOptions(
            color=output is None and use_color(no_color, stream),
            quiet=quiet,
            root=str(Path.cwd()) if fmt == "sarif" else None,
            tool_version=__version__,
            lang=report.lang,
        ),
    )
    if output is not None:
        from govrules.atomic import write_atomic

        write_atomic(Path(output), text.encode("utf-8"))
    elif text.strip():
        click.echo(text, nl=not text.endswith("\n"))
    sys.exit(EXIT_OK if exit_zero else report.exit_code())


def _write_baseline(report: Report, path: str) -> NoReturn:
    """Record the report's findings in a baseline file and exit (1 if the model is broken)."""
    from govrules.atomic import write_atomic
    from govrules.baseline import write_baseline as baseline_text

    # Held-back findings are recorded too, so fixing the model does not make them new.
    text = baseline_text((*report.findings, *report.held_back))
    write_atomic(Path(path), text.encode("utf-8"))
    recorded = sum(entry.get("count", 1) for entry in json.loads(text)["findings"])
    broken = sum(1 for f in report.active() if f.code.startswith("GR"))
    click.echo(f"wrote {recorded} findings to {path}", err=True)
    if broken:
        # A baseline accepts rule findings, never a model that does not load.
        click.echo(
            f"{broken} model diagnostics (syntax, vocabulary, references) cannot be "
            "accepted in a baseline: fix them",
            err=True,
        )
    sys.exit(EXIT_FINDINGS if broken else EXIT_OK)
