"""``govrules cache``: look at or delete the cache of loaded files."""

from __future__ import annotations

from pathlib import Path

import click

from govrules.cli.common import debug_option, guarded, say
from govrules.messages import counted, msg


@click.group("cache")
def cache() -> None:
    """Manage the cache of loaded files (.govrules_cache/ in the project directory)."""


@cache.command("clean")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str), metavar="[PATHS]...")
@debug_option
@guarded
def clean(paths: tuple[str, ...], debug: bool) -> None:
    """Delete the cache of the project that PATHS belong to (default: the current directory)."""
    from govrules.cache import Cache
    from govrules.project import find_project

    project = find_project(list(paths) or ["."])
    target = Cache(project.root or Path.cwd())
    if target.clean():
        say(msg("cache.removed", path=str(target.dir)))
    else:
        say(msg("cache.none", path=str(target.dir)))


@cache.command("prune")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str), metavar="[PATHS]...")
@click.option(
    "--days",
    type=click.FloatRange(min=0),
    default=None,
    metavar="N",
    help="delete entries written more than N days ago (default: 30)",
)
@debug_option
@guarded
def prune(paths: tuple[str, ...], days: float | None, debug: bool) -> None:
    """Delete old entries from the cache of the project that PATHS belong to.

    A lint does this by itself, at most once a day, for entries older than 30
    days that it did not use; this command does it now. Entries still in use
    are simply made again by the next lint.
    """
    from govrules.cache import PRUNE_AFTER_DAYS, Cache
    from govrules.project import find_project

    project = find_project(list(paths) or ["."])
    target = Cache(project.root or Path.cwd())
    age = PRUNE_AFTER_DAYS if days is None else days
    removed = target.prune(older_than_days=age, force=True)
    say(counted("cache.pruned", removed, path=str(target.dir)))


@cache.command("dir")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str), metavar="[PATHS]...")
@debug_option
@guarded
def where(paths: tuple[str, ...], debug: bool) -> None:
    """Print where the cache of the project that PATHS belong to lives."""
    from govrules.cache import Cache
    from govrules.project import find_project

    project = find_project(list(paths) or ["."])
    click.echo(str(Cache(project.root or Path.cwd()).dir))
