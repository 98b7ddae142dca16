"""Declarations written as ``.gov`` files: formatted by ``fmt``, never over a file by accident.

:func:`render_files` turns placed declarations into the text of each file,
in the canonical layout of :func:`govrules.fmt.format_text` (which also
parses what it is given, so a value this module wrote wrongly fails here
rather than in a user's lint). :func:`write_files` writes them below an
output directory: if any of the files exists already it refuses and writes
nothing unless ``force`` is given, and each file is replaced atomically
(:func:`govrules.atomic.write_atomic`), so an interrupted import leaves
whole files or none; the files are fsynced together at the end.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

import attrs

from govrules.atomic import WriteError, sync_paths, write_atomic
from govrules.errors import GovrulesError
from govrules.fmt import format_text
from govrules.importer.convert import quote
from govrules.importer.place import Decl
from govrules.messages import msg

FILES_SHOWN = 5
"""How many existing files a refusal names."""


class OutputExists(GovrulesError):
    """Files the import would write exist already, and ``--force`` was not given."""

    def __init__(self, directory: str, existing: list[str]) -> None:
        shown = tuple(existing[:FILES_SHOWN])
        more = len(existing) - len(shown)
        super().__init__(
            msg(
                "import.write.exists",
                directory=directory,
                count=len(existing),
                files=shown,
                more=msg("import.write.more", count=more) if more > 0 else "",
            )
        )
        self.directory = directory
        self.existing = existing


def _comment(text: str) -> str:
    return "# " + " ".join(text.split())


def _decl_lines(d: Decl, depth: int) -> Iterable[str]:
    indent = "  " * depth
    if d.comment:
        yield indent + _comment(d.comment)
    head = f"{indent}{d.kind} {d.id}"
    if d.label is not None:
        head += " " + quote(d.label)
    if not d.attributes and not d.children:
        yield head
        return
    yield head + " {"
    for name, value in d.attributes.items():
        yield f"{indent}  {name} {value}"
    for child in d.children:
        yield from _decl_lines(child, depth + 1)
    yield indent + "}"


def render(declarations: Iterable[Decl], name: str, header: str | None = None) -> str:
    """The formatted text of one file holding ``declarations``."""
    lines: list[str] = []
    if header:
        lines += [_comment(line) for line in header.splitlines()] + [""]
    for d in declarations:
        lines.extend(_decl_lines(d, 0))
        lines.append("")
    return format_text("\n".join(lines), name)


def render_files(declarations: Iterable[Decl], header: str | None = None) -> dict[str, str]:
    """Per relative file name, in the order first written to, the formatted text."""
    grouped: dict[str, list[Decl]] = {}
    for d in declarations:
        grouped.setdefault(d.file, []).append(d)
    return {name: render(decls, name, header) for name, decls in grouped.items()}


@attrs.frozen
class Written:
    """What :func:`write_files` did: the files written, and those it overwrote (with force)."""

    files: tuple[Path, ...]
    overwritten: tuple[Path, ...]


def _targets(directory: Path, files: Mapping[str, str]) -> dict[Path, bytes]:
    root = directory.resolve()
    out: dict[Path, bytes] = {}
    for name, text in files.items():
        path = directory / name
        # Names come from identifiers and the mapping's checked template; this is a last guard.
        if not os.path.realpath(path).startswith(str(root) + os.sep):
            raise GovrulesError(msg("import.write.outside", file=name, directory=str(directory)))
        out[path] = text.encode("utf-8")
    return out


def write_files(directory: Path, files: Mapping[str, str], *, force: bool = False) -> Written:
    """Write ``files`` (relative name -> text) below ``directory``, creating it as needed.

    Raises :class:`OutputExists`, writing nothing, when any of them exists
    and ``force`` is false; :class:`~govrules.atomic.WriteError` when one
    cannot be written.
    """
    if directory.exists() and not directory.is_dir():
        raise GovrulesError(msg("import.write.not-a-directory", directory=str(directory)))
    targets = _targets(directory, files)
    existing = [p for p in targets if os.path.lexists(p)]
    if existing and not force:
        names = sorted(str(p.relative_to(directory)) for p in existing)
        raise OutputExists(str(directory), names)
    made: set[Path] = set()
    for path, data in targets.items():
        if path.parent not in made:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise WriteError(str(path.parent), exc.strerror or str(exc)) from None
            made.add(path.parent)
        if path.is_dir():
            raise WriteError(str(path), "is a directory")
        # Synced together at the end instead of two fsyncs each: seconds, not minutes.
        write_atomic(path, data, sync=False)
    sync_paths(targets)
    return Written(tuple(targets), tuple(existing))
