"""The cache of loaded files: same model when warm; a damaged or foreign cache is a miss."""

from __future__ import annotations

import json
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
    path = cache.dir / cache.key(text)[:2] / f"{cache.key(text)}.json"
    path.parent.mkdir(parents=True)
    path.write_bytes(
        json.dumps({"format": FORMAT, "mac": cache._mac(payload)}).encode() + b"\n" + payload
    )
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
