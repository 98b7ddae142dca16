"""The cache's files, reached without following a single link.

A cloned repository can carry a crafted ``.govrules_cache/``: links to a
user's files, dangling links, FIFOs, links to devices. Every operation here
works relative to directory descriptors opened with ``O_NOFOLLOW``, so a
name is looked up in the real directory and never through a link (no window
between a check and the use either); files are opened with ``O_NOFOLLOW``
and ``O_NONBLOCK``, checked to be regular files and read only up to a
bound; new files are created with ``O_EXCL`` (a link where a new file goes
makes the creation fail, it is never followed) and renamed into place, so
no existing file, inside or outside the cache, is ever written to.

A directory where one is expected that is a link, or not a directory, is
:class:`Refused`: the caller stops using the cache for the run.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
import weakref
from collections.abc import Iterator
from pathlib import Path

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_DIR_FLAGS = os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC
_READ_FLAGS = os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC
_NEW_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC
# os.replace takes the same dir_fd arguments as os.rename, but is not listed.
SUPPORTED = (
    bool(_NOFOLLOW and _DIRECTORY)
    and {os.open, os.stat, os.rename, os.unlink, os.mkdir} <= os.supports_dir_fd
)
"""Whether this system can open files relative to a directory without following links."""


class Refused(Exception):
    """The cache directory cannot be trusted (a link, not a directory, not govrules')."""


def _close_all(fds: dict[str | None, int]) -> None:
    for fd in fds.values():
        with contextlib.suppress(OSError):
            os.close(fd)
    fds.clear()


class CacheDir:
    """One cache directory and its two-letter subdirectories, held open by descriptor.

    The key ``None`` of the descriptor table is the cache directory itself.
    """

    def __init__(self, path: Path, marker: str) -> None:
        self.path = path
        self.marker = marker
        self._fds: dict[str | None, int] = {}
        self._prepared = False
        weakref.finalize(self, _close_all, self._fds)

    def close(self) -> None:
        """Close every directory descriptor (they are opened again when needed)."""
        _close_all(self._fds)

    def _refuse(self, path: Path) -> Refused:
        try:
            mode = os.lstat(path).st_mode
        except OSError:
            mode = 0
        what = "a symbolic link" if stat.S_ISLNK(mode) else "not a directory"
        return Refused(f"{path} is {what}")

    def _open_dir(self, name: str | None, *, create: bool) -> int | None:
        """The descriptor of the cache directory (``None``) or of a subdirectory; None if absent."""
        fd = self._fds.get(name)
        if fd is not None:
            return fd
        if not SUPPORTED:
            raise Refused("this system cannot open files without following links")
        if name is None:
            parent, path = None, self.path
            if create:
                with contextlib.suppress(FileExistsError):
                    os.mkdir(path)  # a dangling link here is EEXIST: mkdir never follows it
        else:
            parent = self._open_dir(None, create=create)
            if parent is None:
                return None
            path = self.path / name
            if create:
                with contextlib.suppress(FileExistsError):
                    os.mkdir(name, dir_fd=parent)
        try:
            if name is None:
                fd = os.open(path, _DIR_FLAGS)
            else:
                fd = os.open(name, _DIR_FLAGS, dir_fd=parent)
        except FileNotFoundError:
            return None
        except OSError as exc:
            if exc.errno in (errno.ELOOP, errno.ENOTDIR, errno.EMLINK):
                raise self._refuse(path) from None
            raise
        self._fds[name] = fd
        return fd

    def read(self, sub: str, name: str, limit: int) -> bytes | None:
        """The bytes of a regular file of at most ``limit`` bytes; None for anything else."""
        dir_fd = self._open_dir(sub, create=False)
        if dir_fd is None:
            return None
        try:
            fd = os.open(name, _READ_FLAGS, dir_fd=dir_fd)
        except OSError:
            return None  # absent, a link (ELOOP), unreadable: a miss
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
                return None
            chunks = []
            left = limit + 1  # one more than allowed: a file that grew since fstat is caught
            while left > 0:
                chunk = os.read(fd, min(left, 1 << 20))
                if not chunk:
                    break
                chunks.append(chunk)
                left -= len(chunk)
        finally:
            os.close(fd)
        data = b"".join(chunks)
        return None if len(data) > limit else data

    def _create(self, dir_fd: int, data: bytes, mtime: float | None = None) -> str:
        """A new temporary file in that directory holding ``data``; its name."""
        for _attempt in range(16):
            temp = f"{secrets.token_hex(8)}.tmp"
            try:
                fd = os.open(temp, _NEW_FLAGS, 0o600, dir_fd=dir_fd)
                break
            except FileExistsError:
                continue
        else:
            raise FileExistsError(errno.EEXIST, "no free temporary name")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                if mtime is not None:
                    os.utime(fh.fileno(), (mtime, mtime))
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp, dir_fd=dir_fd)
            raise
        return temp

    def _install(self, dir_fd: int, name: str, data: bytes, mtime: float | None = None) -> None:
        """Put ``data`` at ``name`` all at once: a link there is replaced, never followed."""
        temp = self._create(dir_fd, data, mtime)
        try:
            os.replace(temp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp, dir_fd=dir_fd)
            raise

    def write(self, sub: str, name: str, data: bytes) -> None:
        """Write a file in a subdirectory (made if needed), atomically."""
        dir_fd = self._open_dir(sub, create=True)
        assert dir_fd is not None
        self._install(dir_fd, name, data)

    def prepare(self, files: dict[str, bytes]) -> None:
        """Make the cache directory and the files that mark it, once; refuse one not govrules'.

        A marking file that exists is left as it is, but must be a regular file.
        """
        if self._prepared:
            return
        dir_fd = self._open_dir(None, create=True)
        assert dir_fd is not None
        for name, data in files.items():
            try:
                mode = os.stat(name, dir_fd=dir_fd, follow_symlinks=False).st_mode
            except FileNotFoundError:
                self._install(dir_fd, name, data)
                continue
            if not stat.S_ISREG(mode):
                raise Refused(f"{self.path / name} is not a regular file")
        self._prepared = True

    def is_ours(self) -> bool:
        """Whether the directory exists and holds the marker as a regular file."""
        return self.mtime(None, self.marker) is not None

    def mtime(self, sub: str | None, name: str) -> float | None:
        """The time of a regular file (never of what a link points at), or None."""
        dir_fd = self._open_dir(sub, create=False)
        if dir_fd is None:
            return None
        try:
            st = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
        except OSError:
            return None
        return st.st_mtime if stat.S_ISREG(st.st_mode) else None

    def stamp(self, name: str, when: float) -> None:
        """Make ``name`` an empty regular file with time ``when`` (replacing whatever was there)."""
        dir_fd = self._open_dir(None, create=False)
        if dir_fd is not None:
            self._install(dir_fd, name, b"", when)

    def subdirs(self) -> list[str]:
        """The names of the real two-letter subdirectories (links are not directories here)."""
        dir_fd = self._open_dir(None, create=False)
        if dir_fd is None:
            return []
        with os.scandir(dir_fd) as it:
            return [d.name for d in it if len(d.name) == 2 and d.is_dir(follow_symlinks=False)]

    def files(self, sub: str) -> Iterator[tuple[str, float]]:
        """The regular files of a subdirectory, each with its time."""
        dir_fd = self._open_dir(sub, create=False)
        if dir_fd is None:
            return
        with os.scandir(dir_fd) as it:
            items = list(it)
        for item in items:
            if not item.is_file(follow_symlinks=False):
                continue
            try:
                yield item.name, item.stat(follow_symlinks=False).st_mtime
            except OSError:
                continue

    def unlink(self, sub: str, name: str) -> bool:
        """Delete a name in a subdirectory (a link itself, never its target); whether it went."""
        dir_fd = self._open_dir(sub, create=False)
        if dir_fd is None:
            return False
        try:
            os.unlink(name, dir_fd=dir_fd)
        except OSError:
            return False
        return True

    def rmdir_if_empty(self, sub: str) -> None:
        """Remove a subdirectory when nothing is left in it."""
        fd = self._fds.pop(sub, None)
        if fd is not None:
            os.close(fd)
        dir_fd = self._open_dir(None, create=False)
        if dir_fd is not None:
            with contextlib.suppress(OSError):
                os.rmdir(sub, dir_fd=dir_fd)
