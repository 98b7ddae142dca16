"""Files and directories to one model: read, parse, build, resolve.

Loading never raises for a bad model: syntax, vocabulary and reference
problems become findings in ``model.diagnostics``. It raises :class:`LoadError`
only for what is not a model at all (a path that does not exist or cannot be
read).
"""

from __future__ import annotations

import gc
import os
import stat
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager

from govrules import parallel
from govrules.diagnostics import Finding, Severity
from govrules.entry import Entry, EntryStore, SourceFile, file_entry
from govrules.errors import GovrulesError
from govrules.lookalike import lookalike_findings
from govrules.messages import Message, as_message, msg
from govrules.model.build import build_file
from govrules.model.model import Model
from govrules.model.objects import Declaration
from govrules.model.resolve import resolve
from govrules.source import Span, whole_file
from govrules.syntax.parser import prepare_text

SUFFIX = ".gov"
MAX_FILE_BYTES = 16 * 1024 * 1024
"""Larger files are refused with GR402: a governance model split into files is far smaller."""


class LoadError(GovrulesError):
    """A path that cannot be loaded at all (missing, unreadable, not a file or directory)."""

    def __init__(self, path: str, reason: Message | str) -> None:
        super().__init__(msg("load.error", path=path, reason=as_message(reason)))
        self.path = path
        self.reason = as_message(reason)


def discover(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """Expand directories to every ``.gov`` file below them (sorted, hidden directories skipped).

    Named files are taken as they are, but must end in ``.gov``; a missing
    path, or one that is not a regular file or directory, is a :class:`LoadError`.
    """
    found: list[str] = []
    seen: set[str] = set()
    for raw in paths:
        path = os.fspath(raw)
        try:
            st = os.stat(path)
        except FileNotFoundError:
            raise LoadError(path, msg("load.missing")) from None
        except OSError as exc:
            raise LoadError(path, exc.strerror or msg("load.unreadable")) from None
        if stat.S_ISDIR(st.st_mode):
            files = _walk(path)
        elif stat.S_ISREG(st.st_mode):
            if not path.endswith(SUFFIX):
                raise LoadError(path, msg("load.not-gov"))
            files = [(path, os.path.realpath(path))]
        else:
            raise LoadError(path, msg("load.not-file"))
        for f, key in files:
            if key not in seen:
                seen.add(key)
                found.append(f)
    return found


def _walk(top: str) -> list[tuple[str, str]]:
    """The .gov files below ``top``, each with its real path (the key that finds it twice)."""
    out: list[tuple[str, str]] = []

    def fail(exc: OSError) -> None:
        raise LoadError(exc.filename or top, exc.strerror or msg("load.unreadable"))

    # followlinks=False: a symlink loop cannot make the walk run forever.
    for dirpath, dirnames, filenames in os.walk(top, onerror=fail):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        real_dir = None
        for name in sorted(filenames):
            if name.endswith(SUFFIX) and not name.startswith("."):
                full = os.path.join(dirpath, name)
                try:
                    mode = os.lstat(full).st_mode
                except OSError:
                    continue
                if stat.S_ISREG(mode):
                    # Not a link: its real path is its directory's and its name,
                    # which is much cheaper than os.path.realpath for each file.
                    if real_dir is None:
                        real_dir = os.path.realpath(dirpath)
                    out.append((full, os.path.join(real_dir, name)))
                elif stat.S_ISLNK(mode) and os.path.isfile(full):
                    out.append((full, os.path.realpath(full)))
    return out


def read_source(name: str) -> SourceFile:
    """Read and decode one file; undecodable or oversized files become findings."""
    try:
        with open(name, "rb") as fh:
            st = os.fstat(fh.fileno())
            if stat.S_ISREG(st.st_mode) and st.st_size < MAX_FILE_BYTES:
                # As much as the file holds, not a buffer of the largest size
                # allowed: that is a 16 MiB allocation per file (measured: 152
                # files read in 4.0 ms, 1.1 ms so).
                data = fh.read(st.st_size + 1)
                if len(data) > st.st_size:  # it grew since
                    data += fh.read(MAX_FILE_BYTES + 1 - len(data))
            else:
                data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise LoadError(name, exc.strerror or msg("load.unreadable")) from None
    if len(data) > MAX_FILE_BYTES:
        return SourceFile(
            name,
            None,
            Finding(
                "GR402",
                Severity.ERROR,
                msg("GR402.too-large", mib=MAX_FILE_BYTES // (1024 * 1024)),
                whole_file(name),
            ),
        )
    return decode(name, data)


_BOM = b"\xef\xbb\xbf"


def decode(name: str, data: bytes) -> SourceFile:
    """UTF-8, with or without a byte-order mark; invalid bytes are reported at their line."""
    body = data[len(_BOM) :] if data.startswith(_BOM) else data
    try:
        return SourceFile(name, body.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return SourceFile(name, None, _undecodable(name, data, len(data) - len(body) + exc.start))


def _undecodable(name: str, data: bytes, offset: int) -> Finding:
    """GR401 at the line and column of the first bad byte (LF, CRLF or CR line endings)."""
    before = data[:offset]
    line = before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
    line_start = max(before.rfind(b"\n"), before.rfind(b"\r")) + 1
    if line == 1 and before.startswith(_BOM):
        line_start = len(_BOM)  # the mark takes no column, as in the parser and in editors
    column = len(before[line_start:].decode("utf-8", "replace")) + 1
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    return Finding(
        "GR401",
        Severity.ERROR,
        msg(
            "GR401.utf16" if utf16 else "GR401.not-utf8",
            byte=f"{data[offset]:02X}",
            line=line,
            offset=offset,
        ),
        Span(name, line, column, line, column + 1),
    )


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while many long-lived objects are made.

    Loading allocates hundreds of thousands of objects and frees almost none;
    the collector would walk them again and again for nothing (measured: a
    third of the load time at 10k declarations, see docs/performance.md).
    Nested uses are fine: only the outermost one re-enables the collector.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            # Everything made meanwhile sits in the youngest generation, and the
            # first collection after this would walk all of it (measured: 35 ms
            # at 10k declarations). Freezing and unfreezing moves it to the
            # oldest generation instead, unwalked; cycles are still collected
            # there by the next full collection. Not when the program froze
            # objects of its own (unfreezing would hand them back to the collector).
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


PARALLEL_MIN_BYTES = 2 * 1024 * 1024
"""Below this much text to parse, worker processes cost more than they save (measured)."""


def entries_for(
    sources: Sequence[SourceFile], cache: EntryStore | None = None, jobs: int = 1
) -> list[Entry | None]:
    """Each readable file's entry, from the cache where it holds one, else parsed and built.

    With ``jobs`` > 1 and enough text to parse, files are parsed in worker
    processes (the workers hand back plain data, the same as the cache holds).
    """
    entries: list[Entry | None] = [None] * len(sources)
    todo: list[int] = []
    for i, s in enumerate(sources):
        if s.text is None:
            continue
        hit = cache.get(s.text, s.name) if cache is not None else None
        if hit is not None:
            entries[i] = hit
        else:
            todo.append(i)
    size = sum(len(sources[i].text or "") for i in todo)
    if jobs > 1 and len(todo) > 1 and size >= PARALLEL_MIN_BYTES:
        fresh = parallel.parse_in_workers([sources[i] for i in todo], jobs)
    else:
        fresh = [file_entry(sources[i], build_file) for i in todo]
    for i, entry in zip(todo, fresh, strict=True):
        entries[i] = entry
        if cache is not None:
            cache.put(sources[i].text or "", entry)
    return entries


def model_from(sources: Sequence[SourceFile], entries: Sequence[Entry | None]) -> Model:
    """Resolve the entries of all files into one model."""
    decls: list[Declaration] = []
    findings: list[Finding] = []
    damaged: set[str] = set()
    for entry in entries:
        if entry is not None:
            decls.extend(entry.declarations)
            findings.extend(entry.findings)
            damaged.update(entry.damaged)
    findings.extend(s.problem for s in sources if s.problem is not None)
    findings.extend(lookalike_findings(decls))
    readable = [(s, e) for s, e in zip(sources, entries, strict=True) if e is not None]
    return resolve(
        decls,
        files=[s.name for s in sources],
        sources={s.name: prepare_text(s.text or "") for s, _e in readable},
        comments={s.name: e.comments for s, e in readable},
        diagnostics=findings,
        damaged_names=frozenset(damaged),
    )


def load(
    paths: Iterable[str | os.PathLike[str]],
    *,
    cache: EntryStore | None = None,
    jobs: int = 1,
    texts: Mapping[str, str] | None = None,
) -> Model:
    """Load the model made of the given files and directories (a directory: every .gov below it).

    ``cache`` reuses files loaded before (see :mod:`govrules.cache`); ``jobs``
    allows parsing in that many processes when there is enough to parse.
    ``texts`` holds, by absolute path, the text to use for a file instead of
    what is on disk (an editor's unsaved buffer); the file itself must exist.
    """
    names = discover(paths)
    with collector_paused():
        sources = [_source(n, texts) for n in names]
        return model_from(sources, entries_for(sources, cache, jobs))


def _source(name: str, texts: Mapping[str, str] | None) -> SourceFile:
    if texts:
        text = texts.get(os.path.abspath(name))
        if text is not None:
            return SourceFile(name, text)
    return read_source(name)


def loads(text: str, name: str = "<text>") -> Model:
    """Load a model from one text, named ``name`` in findings."""
    sources = [SourceFile(name, text)]
    with collector_paused():
        return model_from(sources, entries_for(sources))
