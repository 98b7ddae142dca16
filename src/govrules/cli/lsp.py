"""``govrules lsp``: run the language server over stdio (needs the ``lsp`` extra)."""

from __future__ import annotations

import sys

import click

from govrules.diagnostics import EXIT_USAGE


@click.command("lsp")
@click.option(
    "--stdio", is_flag=True, help="Talk over stdin and stdout (the default, and only way)."
)
def lsp(stdio: bool) -> None:
    """Run the language server for editors, over stdin and stdout (see docs/editors.md)."""
    try:
        from govrules.lsp.server import serve
    except ImportError as exc:
        click.echo(
            f"govrules: error: the language server needs the lsp extra ({exc.name} is missing): "
            "pip install 'govrules[lsp]'",
            err=True,
        )
        sys.exit(EXIT_USAGE)
    serve()
