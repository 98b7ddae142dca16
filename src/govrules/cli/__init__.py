"""The ``govrules`` command: click wiring only; every command lives in its own module.

Subcommands are imported when they are invoked, so ``govrules fmt`` never pays
for the rule engine and ``--help`` stays instant.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from typing import Any

import click

from govrules import __version__
from govrules.cli.helptext import HelpContext, use_help_context

# command name -> (module, attribute, short help); the help is here so listing
# the commands does not import them.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "lint": ("govrules.cli.lint", "lint", "Check models against the rulesets."),
    "rules": ("govrules.cli.rules", "rules", "List every rule."),
    "explain": ("govrules.cli.rules", "explain", "Explain a rule or diagnostic code."),
    "test": ("govrules.cli.ruletest", "test", "Run ruleset tests."),
    "fmt": ("govrules.cli.fmt", "fmt", "Format .gov files in the canonical layout."),
    "graph": ("govrules.cli.graph", "graph", "Draw the governance structure (dot, mermaid, svg)."),
    "cache": ("govrules.cli.cache", "cache", "Manage the cache of loaded files."),
    "report": (
        "govrules.cli.report",
        "report",
        "Write an HTML report for readers (self-contained).",
    ),
    "lsp": ("govrules.cli.lsp", "lsp", "Run the language server for editors (stdio)."),
    "import": ("govrules.cli.importing", "import_command", "Turn a register into .gov files."),
}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use; its help speaks the user's language."""

    context_class = HelpContext

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name, (mod, _a, _h) in COMMANDS.items() if _available(mod)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None or not _available(entry[0]):
            return None
        module = importlib.import_module(entry[0])
        command: click.Command = getattr(module, entry[1])
        return use_help_context(command)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(n, COMMANDS[n][2]) for n in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def _available(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="govrules")
def cli() -> None:
    """govrules: governance as code for public-sector collaborations.

    Write down who owns, pays, decides and supervises in .gov files; govrules
    checks it against rulesets and explains every finding.
    """


def main(argv: list[str] | None = None) -> Any:
    """Console-script entry point."""
    return cli.main(args=argv, prog_name="govrules")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
