"""``govrules report``: options in, :func:`govrules.report.make.make_report`, one HTML file out."""

from __future__ import annotations

import datetime
import gc
import sys
from pathlib import Path

import click

from govrules import __version__
from govrules.cli.common import (
    code_list,
    config_option,
    debug_option,
    guarded,
    ignore_option,
    lang_option,
    no_cache_option,
    paths_argument,
    print_notes,
    ruleset_option,
    select_option,
)
from govrules.diagnostics import EXIT_OK


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> datetime.date | None:
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date written YYYY-MM-DD") from None


@click.command("report")
@paths_argument
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=str),
    default="report.html",
    show_default=True,
    help="Write the HTML report to FILE ('-': standard output).",
)
@click.option(
    "--as-of",
    "as_of",
    metavar="DATE",
    callback=_date,
    help="Judge rules and suppression end dates on DATE (YYYY-MM-DD) instead of today.",
)
@lang_option
@select_option
@ignore_option
@ruleset_option
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=str),
    help="Findings recorded in FILE are listed as accepted exceptions.",
)
@config_option
@click.option("--no-drawings", is_flag=True, help="Leave the structure pictures out.")
@no_cache_option
@debug_option
@guarded
def report(
    paths: tuple[str, ...],
    output: str,
    as_of: datetime.date | None,
    lang: str | None,
    select: str | None,
    ignore: str | None,
    rulesets: tuple[str, ...],
    baseline: str | None,
    config_file: str | None,
    no_drawings: bool,
    no_cache: bool,
    debug: bool,
) -> None:
    """Write an HTML report of the models in PATHS (default: the current directory).

    One self-contained file for people who do not run govrules: a summary,
    every finding with its explanation, source and fix, accepted exceptions,
    and the structure drawn per question. Exit codes: 0 the report was
    written (whatever it found), 2 usage or input error.
    """
    from govrules.atomic import write_atomic
    from govrules.messages import msg
    from govrules.report.make import make_report
    from govrules.workspace import DiskCaches, Overrides

    gc.disable()  # a short-lived process: see govrules lint
    made = make_report(
        list(paths),
        as_of=as_of,
        lang=lang,
        cache=None if no_cache else DiskCaches(),
        overrides=Overrides(
            select=code_list(select), ignore=code_list(ignore), rulesets=list(rulesets) or None
        ),
        config_file=config_file,
        baseline=baseline,
        draw=not no_drawings,
        tool_version=__version__,
    )
    print_notes(made.report)
    data = made.html.encode("utf-8")
    if output == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        write_atomic(Path(output), data)
        count = len(made.report.active())
        click.echo(
            msg("report.written", path=output, count=count).render(made.report.lang), err=True
        )
    sys.exit(EXIT_OK)
