"""Hostile paths through the CLI: missing, unreadable, loops, FIFOs, devices, many files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_support import ROOT, assert_no_crash, hang_guard, run_cli

COMMANDS = [["lint", "--no-cache"], ["fmt", "--check"], ["graph"]]
COMMAND_IDS = ["lint", "fmt", "graph"]
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
needs_non_root = pytest.mark.skipif(AS_ROOT, reason="root reads files whatever their mode")


def write(path: Path, text: str = "product p\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", COMMANDS, ids=COMMAND_IDS)
@pytest.mark.parametrize("name", ["missing.gov", "missing_dir"])
def test_missing_path_exits_2(command: list[str], name: str) -> None:
    """A path that does not exist: exit 2 and one line naming it."""
    result = run_cli([*command, name])
    assert_no_crash(result)
    assert result.exit_code == 2
    assert result.stderr == f"govrules: error: {name}: no such file or directory\n"
    assert result.stdout == ""


@pytest.mark.parametrize("command", COMMANDS, ids=COMMAND_IDS)
def test_non_gov_file_named_explicitly_exits_2(command: list[str]) -> None:
    """A file that is not a .gov file, named explicitly: exit 2 with a message saying so."""
    write(Path("notes.txt"), "product p\n")
    result = run_cli([*command, "notes.txt"])
    assert_no_crash(result)
    assert result.exit_code == 2
    assert result.stderr == (
        "govrules: error: notes.txt: not a .gov file (name .gov files or directories)\n"
    )


def test_empty_directory_lints_zero_files() -> None:
    """An empty directory: exit 0 and a summary of zero files."""
    Path("empty").mkdir()
    result = run_cli(["lint", "--no-cache", "empty"])
    assert_no_crash(result)
    assert result.exit_code == 0
    assert result.stdout == "No problems found in 0 files.\n"


def test_empty_directory_fmt_and_graph() -> None:
    """fmt says no .gov files were found (exit 0); graph draws an empty picture (exit 0)."""
    Path("empty").mkdir()
    fmt = run_cli(["fmt", "empty"])
    assert (fmt.exit_code, fmt.stderr) == (0, "govrules: no .gov files found\n")
    graph = run_cli(["graph", "empty"])
    assert graph.exit_code == 0
    assert graph.stdout.startswith("digraph governance {")


def test_directory_without_gov_files_is_like_an_empty_one() -> None:
    """A directory of other files (and hidden .gov files) is a model of zero files."""
    write(Path("d/readme.md"), "# x\n")
    write(Path("d/.hidden.gov"), "product ? {\n")
    write(Path("d/.git/x.gov"), "product ? {\n")
    result = run_cli(["lint", "--no-cache", "d"])
    assert (result.exit_code, result.stdout) == (0, "No problems found in 0 files.\n")


@pytest.mark.parametrize("command", COMMANDS, ids=COMMAND_IDS)
def test_fifo_named_explicitly_exits_2_without_blocking(command: list[str]) -> None:
    """A FIFO named explicitly is refused (exit 2, not a regular file) without opening it."""
    os.mkfifo("pipe.gov")
    with hang_guard(10):
        result = run_cli([*command, "pipe.gov"])
    assert_no_crash(result)
    assert result.exit_code == 2
    assert result.stderr == "govrules: error: pipe.gov: not a regular file or directory\n"


@pytest.mark.parametrize("command", COMMANDS, ids=COMMAND_IDS)
def test_fifo_inside_a_directory_is_skipped(command: list[str]) -> None:
    """A FIFO inside a linted directory is skipped without blocking; the other files are read."""
    write(Path("d/a.gov"))
    os.mkfifo("d/pipe.gov")
    with hang_guard(10):
        result = run_cli([*command, "d"])
    assert_no_crash(result)
    assert result.exit_code == 0


def test_fifo_inside_a_directory_is_not_counted() -> None:
    """The skipped FIFO is not counted as a file in the summary."""
    write(Path("d/a.gov"))
    os.mkfifo("d/pipe.gov")
    with hang_guard(10):
        result = run_cli(["lint", "--no-cache", "d"])
    assert result.stdout == "No problems found in 1 file.\n"


@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero"])
def test_device_named_explicitly_exits_2(device: str) -> None:
    """A character device is refused like a FIFO (exit 2), and /dev/zero is never read."""
    if not os.path.exists(device):
        pytest.skip(f"{device} does not exist here")
    with hang_guard(10):
        result = run_cli(["lint", "--no-cache", device])
    assert_no_crash(result)
    assert result.exit_code == 2
    assert result.stderr == f"govrules: error: {device}: not a regular file or directory\n"


def test_symlink_loops_inside_a_directory_do_not_hang() -> None:
    """Symlink loops inside a linted directory are not followed: the run ends, the file is read."""
    write(Path("d/a.gov"), "product p { owner nobody }\n")
    os.symlink("..", "d/up")  # a directory loop
    os.symlink("self", "d/self")  # a link to itself
    os.symlink("self.gov", "d/self.gov")  # a .gov link to itself
    os.symlink("b.gov", "d/c.gov")
    os.symlink("c.gov", "d/b.gov")  # two .gov links to each other
    for command in COMMANDS:
        with hang_guard(10):
            result = run_cli([*command, "d"])
        assert_no_crash(result)
    with hang_guard(10):
        result = run_cli(["lint", "--no-cache", "--quiet", "d"])
    assert result.exit_code == 1
    assert result.stdout == (
        "d/a.gov:1:19: GR302 error 'owner' refers to 'nobody', "
        "which is not declared anywhere in the model\n"
    )


def test_symlinked_file_is_read_once() -> None:
    """A .gov symlink to a file in the same model is read once, not twice (no GR301)."""
    write(Path("d/a.gov"), "product p\n")
    os.symlink("a.gov", "d/b.gov")
    result = run_cli(["lint", "--no-cache", "d"])
    assert (result.exit_code, result.stdout) == (0, "No problems found in 1 file.\n")


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(COMMANDS[0], id="lint"),
        pytest.param(COMMANDS[1], id="fmt"),
        pytest.param(COMMANDS[2], id="graph"),
    ],
)
def test_symlink_loop_named_explicitly_exits_2(command: list[str]) -> None:
    """A .gov symlink to itself named explicitly: exit 2, one line saying it is a loop."""
    os.symlink("loop.gov", "loop.gov")
    with hang_guard(10):
        result = run_cli([*command, "loop.gov"])
    assert_no_crash(result)
    assert result.exit_code == 2
    assert result.stderr == "govrules: error: loop.gov: Too many levels of symbolic links\n"


def test_symlink_loop_named_explicitly_is_a_usage_error_for_lint() -> None:
    """lint on a .gov symlink to itself exits 2 with one line and no traceback."""
    os.symlink("loop.gov", "loop.gov")
    with hang_guard(10):
        result = run_cli(["lint", "--no-cache", "loop.gov"])
    assert_no_crash(result)
    assert result.exit_code == 2
    assert result.stderr.startswith("govrules: error: loop.gov: ")
    assert len(result.stderr.splitlines()) == 1


def test_dangling_symlink_inside_a_directory_is_skipped() -> None:
    """A .gov symlink to nothing inside a directory is skipped."""
    write(Path("d/a.gov"))
    os.symlink("nowhere.gov", "d/dangling.gov")
    result = run_cli(["lint", "--no-cache", "d"])
    assert (result.exit_code, result.stdout) == (0, "No problems found in 1 file.\n")


@pytest.mark.slow
def test_ten_thousand_files() -> None:
    """A directory of 10,000 small files completes, and the summary counts them all."""
    directory = Path("many")
    directory.mkdir()
    for i in range(10_000):
        (directory / f"f{i:05d}.gov").write_text(f"product p{i}\n", encoding="utf-8")
    (directory / "f10000.gov").write_text("product p0\n", encoding="utf-8")  # one duplicate
    with hang_guard(180):
        result = run_cli(["lint", "--quiet", "many"])  # the cache too, as users run it
    assert_no_crash(result)
    assert result.exit_code == 1
    assert result.stdout == (
        "many/f10000.gov:1:1: GR301 error 'p0' is already declared as product p0 on line 1 in "
        "many/f00000.gov; top-level identifiers share one namespace across all files\n"
    )
    with hang_guard(180):
        result = run_cli(["lint", "--format", "json", "many"])  # now from the cache
    assert json.loads(result.stdout)["summary"]["files"] == 10_001


@needs_non_root
def test_unreadable_file_named_explicitly_exits_2() -> None:
    """An unreadable file named explicitly: exit 2 with a message that it cannot be read."""
    path = write(Path("secret.gov"))
    path.chmod(0)
    result = run_cli(["lint", "--no-cache", "secret.gov"])
    assert_no_crash(result)
    assert result.exit_code == 2
    assert "secret.gov" in result.stderr
    assert "not readable" in result.stderr or "Permission denied" in result.stderr


@needs_non_root
def test_unreadable_file_inside_a_directory_exits_2() -> None:
    """An unreadable file inside a linted directory: exit 2 naming it, no traceback."""
    write(Path("d/a.gov"))
    write(Path("d/secret.gov")).chmod(0)
    result = run_cli(["lint", "--no-cache", "d"])
    assert_no_crash(result)
    assert result.exit_code == 2
    assert result.stderr == "govrules: error: d/secret.gov: Permission denied\n"


@needs_non_root
def test_unreadable_directory_exits_2() -> None:
    """An unreadable directory inside a linted directory: exit 2 naming it."""
    write(Path("top/a.gov"))
    write(Path("top/locked/b.gov"))
    Path("top/locked").chmod(0)
    try:
        result = run_cli(["lint", "--no-cache", "top"])
    finally:
        Path("top/locked").chmod(0o755)
    assert_no_crash(result)
    assert result.exit_code == 2
    assert result.stderr == "govrules: error: top/locked: Permission denied\n"


@needs_non_root
def test_unreadable_directory_named_explicitly_exits_2() -> None:
    """An unreadable directory named explicitly: exit 2 with a message that it cannot be read."""
    write(Path("locked/b.gov"))
    Path("locked").chmod(0)
    try:
        result = run_cli(["lint", "--no-cache", "locked"])
    finally:
        Path("locked").chmod(0o755)
    assert_no_crash(result)
    assert result.exit_code == 2
    assert "locked" in result.stderr


def test_hostile_file_names_stay_one_line_per_finding(tmp_path: Path) -> None:
    """File names with a newline, an escape or a non-UTF-8 byte: every output stays well formed."""
    directory = os.fsencode(tmp_path / "names")
    os.mkdir(directory)
    for i, name in enumerate((b"new\nline.gov", b"esc\x1b[31m.gov", b"bad\xff.gov")):
        with open(os.path.join(directory, name), "wb") as fh:
            fh.write(b"product p%d { owner nobody }\n" % i)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "1"}
    outputs = {}
    for fmt in ("text", "json", "sarif", "github"):
        with hang_guard(60):
            done = subprocess.run(
                [sys.executable, "-m", "govrules", "lint", "--no-cache", "--format", fmt, "names"],
                capture_output=True,
                env=env,
                cwd=tmp_path,
                check=False,
            )
        assert done.returncode == 1, done.stderr
        assert b"Traceback" not in done.stderr
        outputs[fmt] = done.stdout.decode("utf-8")
    assert "\x1b" not in outputs["text"]
    heads = [line for line in outputs["text"].splitlines() if ": GR302 error " in line]
    assert len(heads) == 3
    assert len(json.loads(outputs["json"])["findings"]) == 3
    assert len(json.loads(outputs["sarif"])["runs"][0]["results"]) == 3
    assert len(outputs["github"].splitlines()) == 3


def _discover_by_realpath(paths: list[str]) -> list[str]:
    """What discover gives, written the plain way: every file walked, keyed by its realpath."""
    found: list[str] = []
    seen: set[str] = set()
    for path in paths:
        if os.path.isdir(path):
            files = []
            for dirpath, dirnames, filenames in os.walk(path):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for name in sorted(filenames):
                    full = os.path.join(dirpath, name)
                    if name.endswith(".gov") and not name.startswith(".") and os.path.isfile(full):
                        files.append(full)
        else:
            files = [path]
        for f in files:
            if os.path.realpath(f) not in seen:
                seen.add(os.path.realpath(f))
                found.append(f)
    return found


@pytest.mark.parametrize(
    "paths",
    [
        ["d"],
        ["d", "link_to_d"],
        ["link_to_d", "d"],
        ["link_to_d/sub", "d"],
        ["d/sub/x.gov", "d", "other"],
        ["other", "d"],
        ["d", "d/../d", "./d/sub"],
    ],
)
def test_discover_finds_each_file_once_by_its_real_path(paths: list[str]) -> None:
    """Files named twice, through linked directories or by file links, are found once."""
    from govrules.loader import discover

    write(Path("d/a.gov"))
    write(Path("d/sub/x.gov"))
    write(Path("d/sub/deeper/y.gov"))
    write(Path("other/z.gov"))
    os.symlink("a.gov", "d/b.gov")  # a file link in the same directory
    os.symlink("../d/sub/x.gov", "other/x_link.gov")  # a file link to another directory
    os.symlink("../other", "d/other_dir")  # a directory link: not walked into
    os.symlink("d", "link_to_d")
    os.symlink("nowhere.gov", "d/dangling.gov")
    assert discover(paths) == _discover_by_realpath(paths)
