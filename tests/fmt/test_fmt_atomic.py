"""write_atomic: the whole new content or the untouched original, never a mix."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from govrules.atomic import WriteError, write_atomic


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def test_replaces_the_contents(tmp_path: Path) -> None:
    """The file holds exactly the new bytes afterwards."""
    path = tmp_path / "a.gov"
    path.write_bytes(b"old")
    write_atomic(path, b"new contents\r\n")
    assert path.read_bytes() == b"new contents\r\n"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("mode", [0o640, 0o600, 0o644, 0o755, 0o444])
def test_keeps_permission_bits(tmp_path: Path, mode: int) -> None:
    """The replaced file has the original's permission bits."""
    path = tmp_path / "a.gov"
    path.write_bytes(b"old")
    path.chmod(mode)
    write_atomic(path, b"new")
    assert stat.S_IMODE(path.stat().st_mode) == mode


def test_creates_a_missing_file(tmp_path: Path) -> None:
    """A file that does not exist yet is created (with the default permissions)."""
    path = tmp_path / "new.gov"
    write_atomic(path, b"x")
    assert path.read_bytes() == b"x"


def test_follows_a_symlink(tmp_path: Path) -> None:
    """Writing through a symbolic link updates its target and keeps the link."""
    target = tmp_path / "real.gov"
    target.write_bytes(b"old")
    link = tmp_path / "link.gov"
    link.symlink_to(target)
    write_atomic(link, b"new")
    assert link.is_symlink()
    assert target.read_bytes() == b"new"


def test_failed_replace_keeps_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When the rename fails the original is untouched, the temp file gone, WriteError raised."""
    path = tmp_path / "a.gov"
    path.write_bytes(b"original")

    def fail(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(WriteError, match=r"a\.gov: cannot write: No space left on device"):
        write_atomic(path, b"new")
    assert path.read_bytes() == b"original"
    assert leftovers(tmp_path) == []


def test_failed_write_keeps_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure half-way through writing the data leaves the original and no temp file."""
    path = tmp_path / "a.gov"
    path.write_bytes(b"original")
    real_write = os.write
    calls: list[int] = []

    def fail_fsync(fd: int) -> None:
        calls.append(fd)
        real_write(fd, b"garbage")
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", fail_fsync)
    with pytest.raises(WriteError):
        write_atomic(path, b"new")
    assert calls
    assert path.read_bytes() == b"original"
    assert leftovers(tmp_path) == []


def test_interrupt_is_reraised_after_cleanup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """KeyboardInterrupt propagates as itself, after the temp file is removed."""
    path = tmp_path / "a.gov"
    path.write_bytes(b"original")

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(path, b"new")
    assert path.read_bytes() == b"original"
    assert leftovers(tmp_path) == []


def test_temp_file_is_hidden_and_not_a_gov_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The temporary file's name starts with a dot and ends in .tmp, so discovery skips it."""
    seen: list[str] = []
    real_replace = os.replace

    def spy(src: str, dst: str) -> None:
        seen.append(os.path.basename(src))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    write_atomic(tmp_path / "a.gov", b"x")
    assert len(seen) == 1
    assert seen[0].startswith(".a.gov.") and seen[0].endswith(".tmp")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_read_only_directory_is_a_write_error(tmp_path: Path) -> None:
    """A directory where no temp file can be created gives WriteError and keeps the original."""
    path = tmp_path / "a.gov"
    path.write_bytes(b"original")
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(WriteError, match="cannot write"):
            write_atomic(path, b"new")
    finally:
        tmp_path.chmod(0o755)
    assert path.read_bytes() == b"original"
