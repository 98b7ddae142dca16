"""A crafted .govrules_cache/ can change no file outside it, no finding, and cost no time."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hostile_support import hang_guard, run_cli

import govrules.cache
from govrules.cache import DIRNAME, Cache


def _model(root: Path) -> Path:
    d = root / "m"
    d.mkdir()
    (d / "a_good.gov").write_text('organization acme "Acme"\n', encoding="utf-8")
    (d / "z_evil.gov").write_text("organization {{{ broken\n", encoding="utf-8")
    return d


def _entries(root: Path) -> list[Path]:
    return sorted((root / DIRNAME).glob("??/*.json"))


@pytest.mark.parametrize("name", ["last-pruned", ".gitignore", "CACHEDIR.TAG"])
def test_cache_files_linked_to_user_files_are_not_written(tmp_path: Path, name: str) -> None:
    """A link (live or dangling) in the cache's place of a file of its own is never followed."""
    victim = tmp_path / "precious.txt"
    victim.write_text("precious", encoding="utf-8")
    (tmp_path / DIRNAME).mkdir()
    (tmp_path / DIRNAME / name).symlink_to(victim)
    (tmp_path / DIRNAME / "dangling").symlink_to(tmp_path / "created-outside")
    model = _model(tmp_path)
    run_cli(["lint", str(model)])
    Cache(tmp_path).prune(force=True)
    assert victim.read_text(encoding="utf-8") == "precious"
    assert not (tmp_path / "created-outside").exists()


def test_entry_linked_to_another_valid_entry_is_a_miss(tmp_path: Path) -> None:
    """The MAC binds the key and the source hash: a good entry under the evil file's name fails."""
    model = _model(tmp_path)
    assert run_cli(["lint", str(model)]).exit_code == 1
    cache = Cache(tmp_path)
    good = cache.key((model / "a_good.gov").read_text(encoding="utf-8"))
    evil = cache.key((model / "z_evil.gov").read_text(encoding="utf-8"))
    good_path = tmp_path / DIRNAME / good[:2] / f"{good}.json"
    evil_path = tmp_path / DIRNAME / evil[:2] / f"{evil}.json"
    evil_path.unlink()
    evil_path.parent.mkdir(exist_ok=True)
    evil_path.write_bytes(good_path.read_bytes())  # a copy: the same bytes as a link would read
    result = run_cli(["lint", "--quiet", str(model)])
    assert "z_evil.gov:1:15: GR101" in result.stdout  # its syntax error is still found


@pytest.mark.parametrize("kind", ["fifo", "zero"])
def test_entry_that_is_a_fifo_or_device_costs_nothing(tmp_path: Path, kind: str) -> None:
    """A FIFO does not hang the run; a link to /dev/zero is not read."""
    model = _model(tmp_path)
    run_cli(["lint", str(model)])
    for entry in _entries(tmp_path):
        entry.unlink()
        if kind == "fifo":
            os.mkfifo(entry)
        else:
            entry.symlink_to("/dev/zero")
    with hang_guard(10):
        assert run_cli(["lint", str(model)]).exit_code == 1


@pytest.mark.parametrize("where", ["top", "sub"])
def test_cache_directory_linked_elsewhere_is_refused(tmp_path: Path, where: str) -> None:
    """Nothing is written through a linked cache directory; the run says so once."""
    outside = tmp_path / "outside"
    outside.mkdir()
    model = _model(tmp_path)
    if where == "top":
        (tmp_path / DIRNAME).symlink_to(outside, target_is_directory=True)
    else:
        cache = Cache(tmp_path)
        (tmp_path / DIRNAME).mkdir()
        for name in ("a_good.gov", "z_evil.gov"):
            key = cache.key((model / name).read_text(encoding="utf-8"))
            link = tmp_path / DIRNAME / key[:2]
            if not link.exists():
                link.symlink_to(outside, target_is_directory=True)
    os.chdir(tmp_path)
    result = run_cli(["lint", str(model)])
    assert result.exit_code == 1
    assert list(outside.iterdir()) == []
    assert result.stderr.count("not using the cache") == 1


def test_key_follows_the_vocabulary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another vocabulary digest is another key: no entry built before it is served."""
    model = _model(tmp_path)
    text = (model / "a_good.gov").read_text(encoding="utf-8")
    before = Cache(tmp_path).key(text)
    monkeypatch.setattr(govrules.cache, "vocabulary_digest", lambda: "changed")
    assert Cache(tmp_path).key(text) != before
