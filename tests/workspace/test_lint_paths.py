"""``govrules.lint_paths``: the lint use case of the command line, once, in the library."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import govrules
from govrules.config import ConfigError
from govrules.diagnostics import Severity
from govrules.loader import LoadError
from govrules.workspace import MemoryCache, Overrides, UnknownLanguage, lint_paths

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "examples").glob("*/*") if p.is_dir())
TEST_MODELS = sorted(
    str(p.relative_to(ROOT)) for p in (ROOT / "tests" / "graph" / "models").glob("*") if p.is_dir()
)


def _cli_json(path: str) -> list[tuple[object, ...]]:
    done = subprocess.run(
        [sys.executable, "-m", "govrules", "lint", "--no-cache", "--format", "json", path],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    return [
        (f["code"], f["file"], f["line"], f["column"], f["message"])
        for f in json.loads(done.stdout)["findings"]
    ]


@pytest.mark.parametrize("path", EXAMPLES + TEST_MODELS)
def test_same_findings_as_the_cli(path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every shipped example and test model: the findings `govrules lint --format json` prints."""
    monkeypatch.chdir(ROOT)
    report = govrules.lint_paths([path])
    got = [
        (f.code, f.location.file, f.location.line, f.location.column, f.message)
        for f in report.findings
    ]
    assert got == _cli_json(path)


def test_exit_code_and_sources(monkeypatch: pytest.MonkeyPatch) -> None:
    """The report knows its own fail level and carries the text of every file it read."""
    monkeypatch.chdir(ROOT)
    report = lint_paths(["examples/01-work-organization/before"])
    assert report.exit_code() == 1
    assert set(report.sources) == set(report.files)
    lenient = lint_paths(
        ["examples/01-work-organization/before"], overrides=Overrides(select=["POL"])
    )
    assert {f.code for f in lenient.findings} == {"POL004"}


def test_overrides_fail_on(tmp_path: Path) -> None:
    """--fail-on as an override reaches the report's own exit code."""
    (tmp_path / "a.gov").write_text('organization g "G" {\n  kind municipality\n}\n')
    assert lint_paths([tmp_path]).fail_on is Severity.ERROR
    report = lint_paths([tmp_path], overrides=Overrides(fail_on="info"))
    assert report.fail_on is Severity.INFO


def test_memory_cache_serves_unchanged_files(tmp_path: Path) -> None:
    """A MemoryCache gives the same report and is consulted on the second run."""
    (tmp_path / "m.gov").write_text("product p {\n  ownr x\n}\n")
    cache = MemoryCache()
    first = lint_paths([tmp_path], cache=cache)
    calls: list[str] = []
    original = cache.get

    def spy(text: str, file: str) -> object:
        calls.append(file)
        return original(text, file)

    cache.get = spy  # type: ignore[method-assign]
    second = lint_paths([tmp_path], cache=cache)
    assert [f.code for f in first.findings] == [f.code for f in second.findings]
    assert calls == [str(tmp_path / "m.gov")]
    assert cache.get(tmp_path.joinpath("m.gov").read_text(), str(tmp_path / "m.gov")) is not None


def test_unknown_language() -> None:
    """A language messages cannot be rendered in is refused before anything is read."""
    with pytest.raises(UnknownLanguage, match=r"unknown language 'xx' \(choose from en, nl\)"):
        lint_paths(["does-not-matter"], lang="xx")


def test_missing_path() -> None:
    """A path that does not exist is a LoadError naming it."""
    with pytest.raises(LoadError, match=r"^nope\.gov: no such file or directory$"):
        lint_paths(["nope.gov"])


def test_baseline_of_random_bytes(tmp_path: Path) -> None:
    """A baseline that is not UTF-8 is a located error naming the byte, not a UnicodeDecodeError."""
    (tmp_path / "m.gov").write_text("product p {\n}\n")
    bad = tmp_path / "base.json"
    bad.write_bytes(b'{"a":\n  "\xff\xfe"}')
    with pytest.raises(ConfigError) as caught:
        lint_paths([tmp_path / "m.gov"], baseline=str(bad))
    assert str(caught.value) == f"{bad}:2:4: the baseline is not UTF-8 text (byte 0xff)"


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_baseline_dev_zero_is_refused(tmp_path: Path) -> None:
    """--baseline /dev/zero is refused at once instead of reading until memory runs out."""
    (tmp_path / "m.gov").write_text("product p {\n}\n")
    with pytest.raises(
        LoadError, match=r"^/dev/zero: cannot read the baseline: not a regular file$"
    ):
        lint_paths([tmp_path / "m.gov"], baseline="/dev/zero")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_baseline_fifo_does_not_hang(tmp_path: Path) -> None:
    """A FIFO named as the baseline is refused without waiting for a writer."""
    (tmp_path / "m.gov").write_text("product p {\n}\n")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(LoadError, match=r"cannot read the baseline: not a regular file$"):
        lint_paths([tmp_path / "m.gov"], baseline=str(fifo))


def test_baseline_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A baseline over the size bound is refused with its file named."""
    import govrules.workspace as ws

    monkeypatch.setattr(ws, "BASELINE_MAX_BYTES", 1024 * 1024)
    (tmp_path / "m.gov").write_text("product p {\n}\n")
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (1024 * 1024 + 1))
    with pytest.raises(ConfigError, match=r"big\.json: the baseline is larger than 1 MiB$"):
        lint_paths([tmp_path / "m.gov"], baseline=str(big))


def test_refused_cache_is_a_note_not_output(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """A linked .govrules_cache is refused once, as a report note; the library prints nothing."""
    from govrules.workspace import DiskCaches

    project = tmp_path / "project"
    project.mkdir()
    (project / "govrules.toml").write_text("")
    (project / "m.gov").write_text("product p {\n  ownr x\n}\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (project / ".govrules_cache").symlink_to(elsewhere)
    report = lint_paths([project], cache=DiskCaches())
    notes = [n for n in report.notes if "not using the cache" in n.english]
    assert len(notes) == 1
    assert notes[0].english.startswith("warning: not using the cache: ")
    assert list(elsewhere.iterdir()) == []
    assert capfd.readouterr().err == ""
    assert [f.code for f in report.findings] == [f.code for f in lint_paths([project]).findings]
