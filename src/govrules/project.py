"""Which files make up the model being linted, and which configuration applies.

References cross files, so a model is never just the files someone names:
when pre-commit passes only the changed files, the whole model they belong
to is loaded (the project of the configuration file, or else their
directories), so a reference broken by another file is still caught.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

import attrs

from govrules.config import Config, find_config, load_config, project_root
from govrules.loader import SUFFIX, LoadError, discover
from govrules.messages import msg


@attrs.frozen(slots=True)
class Project:
    """The configuration that applies and where it was found."""

    config: Config
    root: Path | None
    """The directory of the configuration file, when one was found."""


def find_project(paths: Sequence[str], config_file: str | None = None) -> Project:
    """The configuration named, or the one found walking up from ``paths``; else defaults."""
    if config_file is not None:
        path = Path(config_file)
        if not path.is_file():
            raise LoadError(config_file, msg("load.no-config"))
        return Project(load_config(path), project_root(path))
    found = find_config([Path(p) for p in paths])
    if found is None:
        return Project(Config(), None)
    return Project(load_config(found), project_root(found))


def group_by_project(
    paths: Sequence[str], config_file: str | None = None
) -> list[tuple[Project, list[str]]]:
    """The paths grouped by the project (configuration file) each belongs to, in order.

    With ``config_file`` every path belongs to that one project. Paths with no
    configuration above them form one group with default settings.
    """
    if config_file is not None:
        return [(find_project(paths, config_file), list(paths))]
    groups: dict[Path | None, list[str]] = {}
    for p in paths:
        _check_path(p)
        groups.setdefault(find_config([Path(p)]), []).append(p)
    out = []
    for found, members in groups.items():
        if found is None:
            out.append((Project(Config(), None), members))
        else:
            out.append((Project(load_config(found), project_root(found)), members))
    return out


def model_files(paths: Sequence[str], project: Project) -> list[str]:
    """The .gov files of the model that ``paths`` belong to, filtered by include/exclude.

    Directories are taken as given. A named file stands for its whole model:
    the project root when a configuration was found, else the file's directory.
    """
    for p in paths:
        _check_path(p)
    expanded: list[str] = []
    for p in paths:
        if os.path.isfile(p) and p.endswith(SUFFIX):
            if project.root is not None and _inside(Path(p), project.root):
                expanded.append(str(project.root))
            else:
                expanded.append(os.path.dirname(p) or ".")
        else:
            expanded.append(p)
    files = discover(dict.fromkeys(expanded))
    return [_shown(f) for f in files if _included(f, project)]


def _shown(path: str) -> str:
    """Paths below the working directory are shown relative to it, as the user would type them."""
    if not os.path.isabs(path):
        return os.path.normpath(path)  # "./money.gov" is shown as the user typed it: money.gov
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def _check_path(path: str) -> None:
    """A path that cannot be used says why: missing, a symlink loop, no permission ..."""
    try:
        os.stat(path)
    except FileNotFoundError:
        raise LoadError(path, msg("load.missing")) from None
    except OSError as exc:
        raise LoadError(path, exc.strerror or msg("load.unreadable")) from None


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def _included(file: str, project: Project) -> bool:
    config = project.config
    base = project.root or Path.cwd()
    try:
        rel = PurePosixPath(Path(file).resolve().relative_to(base.resolve()).as_posix())
    except ValueError:
        rel = PurePosixPath(Path(file).as_posix())
    text = str(rel)
    if any(_match(text, pattern) for pattern in config.exclude):
        return False
    return any(_match(text, pattern) for pattern in config.include)


def _match(path: str, pattern: str) -> bool:
    # "**/" also matches no directory at all, as in .gitignore and ruff.
    if fnmatch.fnmatchcase(path, pattern):
        return True
    if pattern.startswith("**/") and fnmatch.fnmatchcase(path, pattern[3:]):
        return True
    return pattern.endswith("/**") and path.startswith(pattern[:-3] + "/")
