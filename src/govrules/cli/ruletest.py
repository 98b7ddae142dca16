"""``govrules test``: run ruleset fixtures and show a clear diff when they fail."""

from __future__ import annotations

import sys

import click

from govrules.cli.common import debug_option, guarded, no_color_option, say, use_color
from govrules.diagnostics import EXIT_FINDINGS, EXIT_OK
from govrules.messages import msg


@click.command("test")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str), metavar="[PATHS]...")
@click.option(
    "--ruleset",
    "rulesets",
    multiple=True,
    metavar="NAME_OR_PATH",
    help="Rulesets to test (repeatable); default: every built-in ruleset.",
)
@click.option("--verbose", "-v", is_flag=True, help="List passing fixtures too.")
@no_color_option
@debug_option
@guarded
def test(
    paths: tuple[str, ...], rulesets: tuple[str, ...], verbose: bool, no_color: bool, debug: bool
) -> None:
    """Run the fixtures in PATHS (default: the built-in rulesets' own tests).

    A fixture is a .gov file; '# checks: CODE, ...' names the codes it tests
    and '# expect: CODE' at the end of a line says a finding must be reported
    there. Exit 0 when every fixture passes, 1 when one fails.
    """
    from govrules.engine.catalogue import load_rules
    from govrules.resources import data_dir
    from govrules.ruletest import run_fixtures

    rules = load_rules(list(rulesets))
    targets = list(paths) or [str(data_dir("rulesets") / "tests")]
    results = run_fixtures(targets, rules)
    color = use_color(no_color)
    red, green, dim, reset = ("\x1b[31m", "\x1b[32m", "\x1b[2m", "\x1b[0m") if color else ("",) * 4
    failed = 0
    for r in results:
        if r.passed:
            if verbose:
                say(msg("ruletest.ok", green=green, reset=reset, file=r.file))
            continue
        failed += 1
        say(msg("ruletest.fail", red=red, reset=reset, file=r.file))
        for problem in r.problems:
            say(msg("ruletest.problem", problem=problem))
        for code, line in r.missing:
            say(msg("ruletest.missing", code=code, line=line))
        for f in r.unexpected:
            say(msg("ruletest.unexpected", code=f.code, line=f.location.line, problem=f.text))
        if r.checks:
            say(msg("ruletest.checks", dim=dim, reset=reset, codes=tuple(r.checks)))
    passed = len(results) - failed
    if not results:
        say(msg("ruletest.none"), err=True)
    say(msg("ruletest.summary", passed=passed, failed=failed))
    sys.exit(EXIT_FINDINGS if failed or not results else EXIT_OK)
