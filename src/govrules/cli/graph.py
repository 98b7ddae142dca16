"""``govrules graph``: draw who pays, owns, supervises and mandates whom.

The picture is built by :mod:`govrules.graph`; this module reads the options,
loads the model, runs Graphviz for ``--format svg`` and writes the result.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Sequence

import click

from govrules.cli.common import (
    debug_option,
    fail,
    guarded,
    lang_option,
    output_option,
    paths_argument,
)
from govrules.diagnostics import EXIT_FINDINGS, Finding
from govrules.graph import RELATIONS, build_graph, check_views, to_dot, to_mermaid
from govrules.loader import load
from govrules.model.model import Model
from govrules.workspace import choose_language

FORMATS = ("dot", "mermaid", "svg")

NO_DOT = (
    "Graphviz's dot is not installed; install it (apt-get install graphviz, "
    "brew install graphviz) or use --format dot"
)

DOT_TIMEOUT = 120
"""Seconds Graphviz may take to lay out a picture before the command gives up."""


@click.command("graph")
@paths_argument
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="dot",
    show_default=True,
    help="dot: Graphviz source; mermaid: a Mermaid flowchart for Markdown; svg: drawn by dot.",
)
@click.option(
    "--view",
    "views",
    multiple=True,
    metavar="RELATIONS",
    help=(
        "Relations to draw, repeatable or comma-separated (default: all): "
        + ", ".join(RELATIONS)
        + "."
    ),
)
@click.option("--focus", metavar="ID", help="Draw only the neighbourhood of this identifier.")
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    default=None,
    metavar="N",
    help="With --focus: how many hops from it to draw (default 1).",
)
@click.option(
    "--findings",
    "with_findings",
    is_flag=True,
    help="Lint the model and mark what carries errors (red) and warnings (orange).",
)
@click.option(
    "--all-bodies",
    is_flag=True,
    help="Also draw bodies with no relation and no finding (left out by default).",
)
@lang_option
@output_option
@debug_option
@guarded
def graph(
    paths: tuple[str, ...],
    output_format: str,
    views: tuple[str, ...],
    focus: str | None,
    depth: int | None,
    with_findings: bool,
    all_bodies: bool,
    lang: str | None,
    output: str | None,
    debug: bool,
) -> None:
    """Draw the governance structure of the models in PATHS (default: the current directory).

    Organizations and bodies are drawn grouped per organization, with
    financing, ownership, supervision, mandates, dialogues, agreements,
    assignments, contracts and policies between them.
    """
    selected = check_views(split_views(views))
    if depth is not None and focus is None:
        fail("--depth needs --focus ID")
    targets = list(paths) or ["."]
    model = load(targets)
    if model.diagnostics:
        count = len(model.diagnostics)
        click.echo(
            f"govrules: {count} diagnostic{'s' if count != 1 else ''} while loading "
            "(run govrules lint for details); drawing what loaded",
            err=True,
        )
    findings = _lint(model, targets) if with_findings else None
    picture = build_graph(
        model,
        views=selected,
        focus=focus,
        depth=1 if depth is None else depth,
        findings=findings,
        all_bodies=all_bodies,
    )
    language = choose_language(lang)
    if output_format == "mermaid":
        text = to_mermaid(picture)
    elif output_format == "svg":
        text = render_svg(to_dot(picture, lang=language))
    else:
        text = to_dot(picture, lang=language)
    _write(text, output)
    # A file that could not be read at all (GR4xx) is missing from the picture: say which, exit 1.
    unread = [d for d in model.diagnostics if d.code.startswith("GR4")]
    for finding in unread:
        click.echo(
            f"{finding.location}: {finding.code} {finding.severity.label} {finding.message}",
            err=True,
        )
    if unread:
        sys.exit(EXIT_FINDINGS)


def split_views(values: Sequence[str]) -> list[str]:
    """``("financing,ownership", "mandates")`` -> ``["financing", "ownership", "mandates"]``."""
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _lint(model: Model, paths: Sequence[str]) -> tuple[Finding, ...]:
    """What ``govrules lint`` reports on the same paths, under the project's configuration."""
    # Imported here: the rule engine is only paid for when findings are drawn.
    from govrules.linting import lint
    from govrules.project import find_project

    project = find_project(paths)
    return lint(model, project.config, base=project.root).findings


def render_svg(dot_source: str) -> str:
    """Run Graphviz's ``dot -Tsvg``; its warnings go to stderr, a failure exits 2."""
    executable = shutil.which("dot")
    if executable is None:
        fail(NO_DOT)
    try:
        done = subprocess.run(  # noqa: S603 -- a fixed argument list, no shell
            [executable, "-Tsvg"],
            input=dot_source.encode("utf-8"),
            capture_output=True,
            timeout=DOT_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        fail(f"Graphviz's dot took more than {DOT_TIMEOUT} s; try --focus ID or fewer --view")
    except OSError as exc:
        fail(f"cannot run Graphviz's dot ({executable}): {exc.strerror or exc}")
    messages = done.stderr.decode("utf-8", "replace").strip()
    if done.returncode != 0:
        fail(f"Graphviz's dot failed (exit {done.returncode}): {messages or 'no message'}")
    if messages:
        click.echo(messages, err=True)
    return done.stdout.decode("utf-8")


def _write(text: str, output: str | None) -> None:
    data = text.encode("utf-8")
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        with open(output, "wb") as fh:
            fh.write(data)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")
