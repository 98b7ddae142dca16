"""The cache of loaded files: same model when warm; a damaged or foreign cache is a miss."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import govrules
from govrules.cache import DIRNAME, FORMAT, Cache
from govrules.cli import cli

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "03-dbfmo-contract" / "before"


def facts(model: govrules.Model) -> list[tuple[object, ...]]:
    """A model as comparable data: every declaration, value and span, nested ones included."""
    out: list[tuple[object, ...]] = []
    for kind, decls in sorted(model.by_kind.items()):
        for d in decls:
            out.append(
                (
                    kind,
                    d.id,
                    repr(d.label),
                    d.span,
                    d.extent,
                    sorted(d.attribute_spans.items()),
                    repr(d),
                )
            )
    return out


def copy_model(tmp_path: Path) -> Path:
    target = tmp_path / "model"
    target.mkdir()
    for f in EXAMPLE.glob("*.gov"):
        (target / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    return target


def test_cached_model_equals_parsed_model(tmp_path: Path) -> None:
    """Loading through the cache (cold, then warm) gives exactly the model a plain load gives."""
    model_dir = copy_model(tmp_path)
    plain = govrules.load([model_dir])
    cache = Cache(tmp_path)
    cold = govrules.load([model_dir], cache=cache)
    assert (cache.hits, cache.misses) == (0, 2)
    warm_cache = Cache(tmp_path)
    warm = govrules.load([model_dir], cache=warm_cache)
    assert (warm_cache.hits, warm_cache.misses) == (2, 0)
    assert facts(plain) == facts(cold) == facts(warm)
    assert [f.code for f in govrules.lint(warm).findings] == [
        f.code for f in govrules.lint(plain).findings
    ]
    assert warm.diagnostics == plain.diagnostics


def test_only_changed_files_are_parsed_again(tmp_path: Path) -> None:
    """After touching one file, the others come from the cache."""
    model_dir = copy_model(tmp_path)
    govrules.load([model_dir], cache=Cache(tmp_path))
    first = sorted(model_dir.glob("*.gov"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n# touched\n", encoding="utf-8")
    cache = Cache(tmp_path)
    govrules.load([model_dir], cache=cache)
    assert (cache.hits, cache.misses) == (1, 1)


def test_cache_directory_is_git_ignored_and_tagged(tmp_path: Path) -> None:
    """The cache directory ignores itself for git and carries a CACHEDIR.TAG."""
    govrules.load([copy_model(tmp_path)], cache=Cache(tmp_path))
    assert (tmp_path / DIRNAME / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (tmp_path / DIRNAME / "CACHEDIR.TAG").is_file()


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],  # truncated
        lambda raw: raw.replace(b'"format": %d' % FORMAT, b'"format": 99'),  # another format
        lambda raw: raw.replace(b"rijksvastgoedbedrijf", b"somebody_else"),  # tampered payload
        lambda raw: b"\x80\x81 not json",
        lambda raw: b"",
    ],
)
def test_damaged_or_crafted_entries_are_misses(tmp_path: Path, damage: object) -> None:
    """A damaged, tampered or foreign entry is ignored, and the file is parsed again."""
    model_dir = copy_model(tmp_path)
    govrules.load([model_dir], cache=Cache(tmp_path))
    for entry in (tmp_path / DIRNAME).rglob("*.json"):
        entry.write_bytes(damage(entry.read_bytes()))  # type: ignore[operator]
    cache = Cache(tmp_path)
    model = govrules.load([model_dir], cache=cache)
    assert cache.hits == 0
    assert facts(model) == facts(govrules.load([model_dir]))


def test_entry_with_valid_mac_but_foreign_shape_is_a_miss(tmp_path: Path) -> None:
    """Even a correctly signed entry of the wrong shape is a miss, never a crash."""
    model_dir = copy_model(tmp_path)
    cache = Cache(tmp_path)
    text = sorted(model_dir.glob("*.gov"))[0].read_text(encoding="utf-8")
    payload = json.dumps(
        {"w": 2, "s": "", "d": [["__import__", 1, None]], "f": [], "c": [], "x": []}
    ).encode()
    key, source = cache.key(text), cache.source_digest(text)
    path = cache.dir / key[:2] / f"{key}.json"
    path.parent.mkdir(parents=True)
    mac = cache._mac(key, source, payload)
    header = {"format": FORMAT, "key": key, "source": source, "mac": mac}
    path.write_bytes(json.dumps(header).encode() + b"\n" + payload)
    assert cache.get(text, "x.gov") is None


def test_cache_clean_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`govrules cache clean` removes the cache it made, and says so."""
    model_dir = copy_model(tmp_path)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(cli, ["lint", str(model_dir)])
    assert result.exit_code == 1
    assert (tmp_path / DIRNAME).is_dir()
    result = runner.invoke(cli, ["cache", "clean"])
    assert result.exit_code == 0
    assert result.output == f"removed {tmp_path / DIRNAME}\n"
    assert not (tmp_path / DIRNAME).exists()


def test_no_cache_option_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`--no-cache` neither reads nor writes a cache."""
    model_dir = copy_model(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["lint", "--no-cache", str(model_dir)])
    assert result.exit_code == 1
    assert not (tmp_path / DIRNAME).exists()


def test_parallel_load_equals_serial(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Parsing in worker processes gives the same model as parsing in one."""
    import govrules.loader as loader

    monkeypatch.setattr(loader, "PARALLEL_MIN_BYTES", 0)
    model_dir = copy_model(tmp_path)
    assert facts(govrules.load([model_dir], jobs=2)) == facts(govrules.load([model_dir]))


# --- pruning --------------------------------------------------------------------

DAY = 86400.0


def entries(root: Path) -> set[str]:
    """The names of the cache's entry files."""
    return {p.name for p in (root / DIRNAME).glob("??/*.json")}


def age(path: Path, days: float) -> None:
    then = path.stat().st_mtime - days * DAY
    os.utime(path, (then, then))


def filled(tmp_path: Path) -> tuple[Path, Cache, list[Path]]:
    """A model loaded once through a cache: the model directory, the cache, its entries."""
    model_dir = copy_model(tmp_path)
    cache = Cache(tmp_path)
    govrules.load([model_dir], cache=cache)
    files = sorted((tmp_path / DIRNAME).glob("??/*.json"))
    assert len(files) == 2
    return model_dir, cache, files


def test_prune_deletes_old_entries_no_run_used(tmp_path: Path) -> None:
    """Old and unused: gone. Old but used by this run, or recent: kept."""
    model_dir, _cache, (a, b) = filled(tmp_path)
    stray = a.parent / ("f" * 64 + ".json")
    stray.write_text("{}", encoding="utf-8")
    for path in (a, b, stray):
        age(path, 31)
    fresh = b.parent / ("e" * 64 + ".json")
    fresh.write_text("{}", encoding="utf-8")
    cache = Cache(tmp_path)
    govrules.load([model_dir], cache=cache)  # reads a and b: they are in use
    assert cache.prune() == 1
    assert entries(tmp_path) == {a.name, b.name, fresh.name}


def test_prune_removes_dead_temporary_files_and_leaves_other_files(tmp_path: Path) -> None:
    """A .tmp an hour old was left by a dead run; a fresh one may be being written."""
    _model_dir, cache, (a, _b) = filled(tmp_path)
    dead, busy, other = a.parent / "tmpx1.tmp", a.parent / "tmpx2.tmp", a.parent / "notes.txt"
    for path in (dead, busy, other):
        path.write_text("x", encoding="utf-8")
    age(dead, 2 / 24)
    age(other, 400)
    assert cache.prune() == 1
    assert not dead.exists() and busy.exists() and other.exists()


def test_prune_runs_at_most_once_a_day_unless_forced(tmp_path: Path) -> None:
    """The second prune of the day does nothing; a forced one does."""
    _model_dir, _cache, (a, _b) = filled(tmp_path)
    cache = Cache(tmp_path)
    assert cache.prune() == 0
    age(a, 31)
    assert cache.prune() == 0
    assert cache.prune(now=time.time() + DAY + 1) == 1
    assert cache.prune(force=True, older_than_days=0) == 1
    assert entries(tmp_path) == set()


def test_prune_never_leaves_the_cache_directory(tmp_path: Path) -> None:
    """A crafted cache with a link to elsewhere: what the link points at is not touched."""
    filled(tmp_path)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    victim = outside / ("a" * 64 + ".json")
    victim.write_text("precious", encoding="utf-8")
    age(victim, 400)
    (tmp_path / DIRNAME / "zz").symlink_to(outside, target_is_directory=True)
    (tmp_path / DIRNAME / "00").mkdir(exist_ok=True)
    (tmp_path / DIRNAME / "00" / ("b" * 64 + ".json")).symlink_to(victim)
    assert Cache(tmp_path).prune(force=True, older_than_days=0) == 2  # the two real entries
    assert victim.read_text(encoding="utf-8") == "precious"
    assert (tmp_path / DIRNAME / "00" / ("b" * 64 + ".json")).is_symlink()


def test_prune_touches_nothing_govrules_did_not_make(tmp_path: Path) -> None:
    """Without the marker the directory is not a govrules cache: nothing is deleted."""
    folder = tmp_path / DIRNAME / "ab"
    folder.mkdir(parents=True)
    entry = folder / ("a" * 64 + ".json")
    entry.write_text("{}", encoding="utf-8")
    age(entry, 400)
    assert Cache(tmp_path).prune(force=True, older_than_days=0) == 0
    assert entry.exists()


def test_lint_prunes_and_the_prune_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`govrules lint` prunes old unused entries; `govrules cache prune --days` does it now."""
    model_dir, _cache, (a, b) = filled(tmp_path)
    old = a.parent / ("c" * 64 + ".json")
    old.write_text("{}", encoding="utf-8")
    age(old, 31)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(cli, ["lint", str(model_dir)]).exit_code == 1
    assert entries(tmp_path) == {a.name, b.name}
    result = runner.invoke(cli, ["cache", "prune", "--days", "0"])
    assert result.exit_code == 0
    assert result.output == f"removed 2 old files from {tmp_path / DIRNAME}\n"
    assert entries(tmp_path) == set()
    result = runner.invoke(cli, ["cache", "prune", "--days", "-1"])
    assert result.exit_code == 2
    assert "Invalid value for '--days': -1.0 is not in the range x>=0." in result.output
