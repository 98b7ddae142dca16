"""Replace a file's contents all at once, or not at all.

A formatter that dies halfway through a write (a full disk, Ctrl-C, a power
cut) must not leave half a governance model behind. :func:`write_atomic`
writes a temporary file next to the original, forces it to disk, gives it the
original's permission bits, and renames it over the original: readers see the
old file or the new one, never a mix.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from govrules.errors import GovrulesError
from govrules.messages import msg

_ATTEMPTS = 16


class WriteError(GovrulesError):
    """A file could not be written (the original, if any, is left as it was)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(msg("write.error", path=path, reason=reason))
        self.path = path
        self.reason = reason


def write_atomic(path: Path, data: bytes, *, sync: bool = True) -> None:
    """Replace the contents of ``path`` with ``data`` atomically, keeping its permission bits.

    The temporary file is created in the same directory (a rename is only
    atomic within one file system), flushed and fsynced, given the original's
    permission bits and renamed over it with :func:`os.replace`. A symbolic link
    is followed, so the link stays a link and its target gets the new contents.
    On any failure, an interruption included, the temporary file is removed and
    the original is untouched; operating-system errors are raised as
    :class:`WriteError`, anything else is re-raised as it is.

    ``sync=False`` leaves out the two fsyncs (the file's and its directory's):
    readers still see the old file or the new one, never a mix, but a power
    cut may lose the write. A caller writing many files (``govrules import``)
    writes them so and calls :func:`sync_paths` once at the end.
    """
    target = Path(os.path.realpath(path))
    try:
        mode: int | None = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise WriteError(str(path), exc.strerror or str(exc)) from None
    try:
        fd, temp = _create_temp(target, 0o600 if mode is not None else 0o666)
    except OSError as exc:
        raise WriteError(str(path), exc.strerror or str(exc)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if sync:
                os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException as exc:
        # BaseException: an interruption (KeyboardInterrupt) must not leave the temp file behind.
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise WriteError(str(path), exc.strerror or str(exc)) from exc
        raise
    if sync:
        _sync_directory(target.parent)


SYNC_THREADS = 16
"""How many fsyncs :func:`sync_paths` has in flight at once."""


def sync_paths(paths: Iterable[Path]) -> None:
    """Make files written with ``write_atomic(..., sync=False)`` durable, and their directories.

    The fsyncs run in threads: the file system commits concurrent fsyncs
    together, so 3,000 files take about 0.4 s where one after the other they
    took 15 s on an ext4 disk, and unlike ``os.sync`` nobody else's writes are
    waited for. Raises :class:`WriteError` for a file that cannot be synced.
    """
    files = [Path(os.path.realpath(p)) for p in paths]
    directories = sorted({f.parent for f in files}) if os.name == "posix" else []
    with ThreadPoolExecutor(SYNC_THREADS) as pool:
        for failure in pool.map(_fsync, files):
            if failure is not None:
                raise failure
        for directory in directories:
            _sync_directory(directory)


def _fsync(path: Path) -> WriteError | None:
    try:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        return WriteError(str(path), exc.strerror or str(exc))
    return None


def _create_temp(target: Path, mode: int) -> tuple[int, str]:
    """Open a new, hidden temporary file beside ``target`` (never one that exists already)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for attempt in range(_ATTEMPTS):
        # The leading dot and the .tmp suffix keep directory walks from taking it for a model.
        temp = str(target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp"))
        try:
            return os.open(temp, flags, mode), temp
        except FileExistsError:
            if attempt == _ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable; best effort, and not possible on every system."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
