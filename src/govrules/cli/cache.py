"""``govrules cache``: look at or delete the cache of loaded files."""

from __future__ import annotations

from pathlib import Path

import click

from govrules.cli.common import debug_option, guarded


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
        click.echo(f"removed {target.dir}")
    else:
        click.echo(f"no govrules cache at {target.dir}")


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
