"""What every command shares: exit codes, error handling, colour, shared options.

Options used by several commands are declared once here (as pip-tools does), so
their help texts never drift apart.
"""

from __future__ import annotations

import datetime
import functools
import os
import sys
import traceback
from collections.abc import Callable
from typing import Any, NoReturn, TextIO, TypeVar

import click

from govrules.diagnostics import EXIT_OK, EXIT_USAGE, Report
from govrules.errors import GovrulesError
from govrules.messages import Message, as_message, msg

F = TypeVar("F", bound=Callable[..., Any])

ISSUES_URL = "https://github.com/govrules/govrules/issues"


def fail(message: Message | str) -> NoReturn:
    """Stop with a usage-level error: one line on stderr, exit 2."""
    say(msg("cli.error", problem=as_message(message)), err=True)
    sys.exit(EXIT_USAGE)


def say(message: Message, *, err: bool = False, nl: bool = True) -> None:
    """Print ``message`` in the language of the command line (:func:`cli_language`)."""
    click.echo(message.render(cli_language()), err=err, nl=nl)


def guarded(func: F) -> F:
    """Turn the library's own errors into exit 2, and an unexpected exception into a bug report.

    A bad input is a :class:`GovrulesError` with a precise message. Anything
    else is a bug in govrules: it is reported as an internal error (exit 2),
    with the traceback only under ``--debug`` or ``GOVRULES_DEBUG=1``.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except GovrulesError as exc:
            fail(exc.render(cli_language()))
        except BrokenPipeError:
            # The reader went away (`govrules rules | head`): stop quietly, as Unix tools do.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(EXIT_OK)
        except (click.exceptions.Exit, click.ClickException, SystemExit, KeyboardInterrupt):
            raise
        except Exception as exc:  # a bug: say so, never disguise it as a finding
            if _debug():
                traceback.print_exc()
            text = " ".join(str(exc).split())  # one line, whatever the exception says
            message = msg("cli.internal-error", kind=type(exc).__name__, text=text, url=ISSUES_URL)
            say(message, err=True)
            sys.exit(EXIT_USAGE)

    return wrapper  # type: ignore[return-value]


def code_list(value: str | None) -> list[str] | None:
    """``--select``/``--ignore``: comma-separated codes or prefixes (None when not given)."""
    if value is None:
        return None
    return [c.strip() for c in value.split(",") if c.strip()]


def print_notes(report: Report) -> None:
    """The run's notes on stderr in its language; warnings (ids ``note.*``) marked as govrules'."""
    for note in report.notes:
        shown = msg("cli.warning", note=note) if note.id.startswith("note.") else note
        click.echo(shown.render(report.lang), err=True)


def cli_language() -> str:
    """The language the command line speaks: ``--lang`` of this command, else ``GOVRULES_LANG``.

    The configuration's ``lang`` is not read here: an error may be that very
    configuration. An unknown value falls back to English (it is reported
    where it is read).
    """
    from govrules.cli.helptext import help_language

    return help_language(click.get_current_context(silent=True))


def _debug() -> bool:
    ctx = click.get_current_context(silent=True)
    while ctx is not None:
        if ctx.params.get("debug"):
            return True
        ctx = ctx.parent
    return os.environ.get("GOVRULES_DEBUG", "") not in ("", "0")


def use_color(no_color: bool, stream: TextIO | None = None) -> bool:
    """Colour only on a terminal, never with ``--no-color`` or ``NO_COLOR`` set."""
    if no_color or os.environ.get("NO_COLOR", "") != "":
        return False
    stream = stream or sys.stdout
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


# --- shared options -------------------------------------------------------

# Paths are checked by govrules itself (readable, a loop, a FIFO ...), with its own messages.
paths_argument = click.argument(
    "paths", nargs=-1, type=click.Path(path_type=str, readable=False), metavar="[PATHS]..."
)
no_color_option = click.option(
    "--no-color", is_flag=True, help="Never colour the output (also: NO_COLOR=1)."
)
debug_option = click.option(
    "--debug", is_flag=True, hidden=False, help="Show tracebacks of internal errors."
)
output_option = click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True, path_type=str),
    help="Write the report to FILE instead of standard output.",
)
select_option = click.option(
    "--select", metavar="CODES", help="Only these codes or prefixes (comma-separated)."
)
ignore_option = click.option(
    "--ignore", metavar="CODES", help="Skip these codes or prefixes (comma-separated)."
)
ruleset_option = click.option(
    "--ruleset",
    "rulesets",
    multiple=True,
    metavar="NAME_OR_PATH",
    help="A built-in ruleset or a .rules file (repeatable); default: every built-in ruleset.",
)
config_option = click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=str),
    help="Configuration file (default: govrules.toml or pyproject.toml found walking up).",
)
no_cache_option = click.option(
    "--no-cache", is_flag=True, help="Parse every file again, ignoring the cache."
)
"""The options ``lint`` and ``report`` share: one declaration, one help text."""

lang_option = click.option(
    "--lang",
    type=click.Choice(["en", "nl"]),
    default=None,
    is_eager=True,  # read before --help, so `lint --lang nl --help` is Dutch
    help="The language of messages: en or nl (also: GOVRULES_LANG, lang in the configuration).",
)


def _as_of(ctx: click.Context, param: click.Parameter, value: str | None) -> datetime.date | None:
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        from govrules.messages import msg

        raise click.UsageError(msg("cli.bad-as-of", value=value).render(cli_language())) from None


as_of_option = click.option(
    "--as-of",
    "as_of",
    metavar="YYYY-MM-DD",
    callback=_as_of,
    expose_value=True,
    help="The date rules are judged on (also: as-of in the configuration) [default: today].",
)
