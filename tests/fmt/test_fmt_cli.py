"""``govrules fmt`` through click's test runner: exit codes, messages, what is written."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from govrules.cli import cli

UGLY = "product p {owner a}\n"
PRETTY = "product p {\n  owner a\n}\n"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["fmt", *args])


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A directory with one unformatted and one formatted file, as the working directory."""
    (tmp_path / "ugly.gov").write_text(UGLY, encoding="utf-8")
    (tmp_path / "pretty.gov").write_text(PRETTY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def no_temp_files(directory: Path) -> bool:
    return not [p for p in directory.iterdir() if p.name.endswith(".tmp")]


def test_formats_changed_files_and_reports_them(tree: Path) -> None:
    """Without options fmt rewrites what changed, says so, and exits 0."""
    result = run()
    assert result.exit_code == 0
    assert (tree / "ugly.gov").read_text(encoding="utf-8") == PRETTY
    assert result.stderr == ("reformatted ./ugly.gov\n1 file reformatted, 1 file left unchanged\n")
    assert result.stdout == ""


def test_second_run_changes_nothing(tree: Path) -> None:
    """After one run every file is formatted: the second run leaves all unchanged."""
    run()
    result = run()
    assert result.exit_code == 0
    assert result.stderr == "2 files left unchanged\n"


def test_check_lists_files_and_exits_1(tree: Path) -> None:
    """--check writes nothing, lists what it would reformat and exits 1."""
    result = run("--check")
    assert result.exit_code == 1
    assert (tree / "ugly.gov").read_text(encoding="utf-8") == UGLY
    assert result.stderr == (
        "would reformat ./ugly.gov\n1 file would be reformatted, 1 file already formatted\n"
    )


def test_check_on_formatted_tree_exits_0(tree: Path) -> None:
    """--check on files that are all formatted exits 0."""
    result = run("--check", "pretty.gov")
    assert result.exit_code == 0
    assert result.stderr == "1 file already formatted\n"


def test_diff_prints_unified_diff_and_exits_1(tree: Path) -> None:
    """--diff prints a unified diff on stdout, writes nothing and exits 1."""
    result = run("--diff", "--no-color", "ugly.gov")
    assert result.exit_code == 1
    assert result.stdout == (
        "--- ugly.gov\n+++ ugly.gov\n@@ -1 +1,3 @@\n"
        "-product p {owner a}\n+product p {\n+  owner a\n+}\n"
    )
    assert (tree / "ugly.gov").read_text(encoding="utf-8") == UGLY


def test_diff_marks_a_missing_final_newline(tree: Path) -> None:
    """A file without a final newline shows the '\\ No newline at end of file' marker."""
    (tree / "last.gov").write_text("product p", encoding="utf-8")
    result = run("--diff", "last.gov")
    assert result.stdout == (
        "--- last.gov\n+++ last.gov\n@@ -1 +1 @@\n"
        "-product p\n\\ No newline at end of file\n+product p\n"
    )


def test_diff_on_formatted_file_exits_0(tree: Path) -> None:
    """--diff with nothing to change prints nothing and exits 0."""
    result = run("--diff", "pretty.gov")
    assert (result.exit_code, result.stdout) == (0, "")


def test_syntax_error_file_is_reported_and_untouched(tree: Path) -> None:
    """A file with syntax errors is listed with file:line:col, left byte for byte, exit 1."""
    bad = tree / "bad.gov"
    data = b"product p {{\n  owner a\n"
    bad.write_bytes(data)
    result = run("--no-color")
    assert result.exit_code == 1
    assert bad.read_bytes() == data
    first = result.stderr.splitlines()[0]
    assert first.startswith("./bad.gov:1:12: GR101 error ")
    assert "reformatted ./ugly.gov" in result.stderr
    assert result.stderr.endswith(
        "1 file reformatted, 1 file left unchanged, 1 file not formatted (see the errors above)\n"
    )


def test_undecodable_file_is_reported_and_untouched(tree: Path) -> None:
    """A file that is not UTF-8 is reported as GR401 like the loader does, untouched, exit 1."""
    bad = tree / "latin1.gov"
    data = 'product caf\u00e9 "Caf\u00e9"\n'.encode("latin-1")
    bad.write_bytes(data)
    result = run("--no-color", "latin1.gov")
    assert result.exit_code == 1
    assert bad.read_bytes() == data
    assert result.stderr.startswith("latin1.gov:1:12: GR401 error the file is not valid UTF-8")


def test_missing_path_exits_2(tree: Path) -> None:
    """A path that does not exist is a usage error: exit 2 with one line."""
    result = run("nothere.gov")
    assert result.exit_code == 2
    assert result.stderr == "govrules: error: nothere.gov: no such file or directory\n"


def test_directory_without_gov_files(tmp_path: Path) -> None:
    """A directory with no .gov file is nothing to do: exit 0 and a note."""
    result = run(str(tmp_path))
    assert result.exit_code == 0
    assert result.stderr == "govrules: no .gov files found\n"


def test_permissions_are_kept(tree: Path) -> None:
    """A file with mode 640 still has mode 640 after it is reformatted."""
    path = tree / "ugly.gov"
    path.chmod(0o640)
    assert run("ugly.gov").exit_code == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert path.read_text(encoding="utf-8") == PRETTY


def test_crlf_file_keeps_crlf(tree: Path) -> None:
    """A CRLF file is written back with CRLF line endings."""
    path = tree / "crlf.gov"
    path.write_bytes(b"product p {owner a}\r\nproduct q\r\n")
    assert run("crlf.gov").exit_code == 0
    assert path.read_bytes() == b"product p {\r\n  owner a\r\n}\r\n\r\nproduct q\r\n"


def test_bom_is_kept(tree: Path) -> None:
    """A file that starts with a byte-order mark keeps it."""
    path = tree / "bom.gov"
    path.write_bytes(b"\xef\xbb\xbfproduct p {owner a}\n")
    assert run("bom.gov").exit_code == 0
    assert path.read_bytes() == b"\xef\xbb\xbf" + PRETTY.encode()


def test_formatted_crlf_bom_file_is_unchanged(tree: Path) -> None:
    """A formatted file with CRLF and a BOM counts as unchanged and is not rewritten."""
    path = tree / "done.gov"
    data = b"\xef\xbb\xbf" + PRETTY.replace("\n", "\r\n").encode()
    path.write_bytes(data)
    before = path.stat().st_mtime_ns
    result = run("--check", "done.gov")
    assert result.exit_code == 0
    assert run("done.gov").stderr == "1 file left unchanged\n"
    assert path.read_bytes() == data
    assert path.stat().st_mtime_ns == before


def test_mixed_line_endings_are_made_consistent(tree: Path) -> None:
    """Mixed line endings follow the first line's convention; --diff says only that changes."""
    path = tree / "mixed.gov"
    path.write_bytes(PRETTY.replace("\n", "\r\n", 1).encode())
    result = run("--diff", "mixed.gov")
    assert result.exit_code == 1
    assert "mixed.gov: only the line endings would change" in result.stderr
    assert run("mixed.gov").exit_code == 0
    assert path.read_bytes() == PRETTY.replace("\n", "\r\n").encode()


def test_failed_rename_leaves_original_and_no_temp_file(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the final rename fails, the original bytes stay, no temp file is left, exit 2."""

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    result = run("ugly.gov")
    assert result.exit_code == 2
    assert (tree / "ugly.gov").read_bytes() == UGLY.encode()
    assert no_temp_files(tree)
    assert result.stderr == (
        "govrules: error: ugly.gov: cannot write: No space left on device\n"
        "1 file not formatted (see the errors above)\n"
    )


def test_failure_in_the_middle_of_the_write_leaves_original(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure while the new text is being flushed to disk leaves the original intact."""

    def broken_fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    result = run("ugly.gov")
    assert result.exit_code == 2
    assert (tree / "ugly.gov").read_bytes() == UGLY.encode()
    assert no_temp_files(tree)


def test_interrupt_during_write_leaves_original(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C in the middle of the write leaves the original and no temp file."""

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    result = run("ugly.gov")
    assert result.exit_code != 0
    assert (tree / "ugly.gov").read_bytes() == UGLY.encode()
    assert no_temp_files(tree)


def test_formatter_bug_is_an_internal_error_and_writes_nothing(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the formatter's self-check fails, exit 2 as an internal error and touch no file."""
    import govrules.fmt

    monkeypatch.setattr(govrules.fmt._Printer, "render", lambda self: "")
    result = run("ugly.gov")
    assert result.exit_code == 2
    assert "internal error" in result.stderr
    assert (tree / "ugly.gov").read_bytes() == UGLY.encode()


def test_hidden_directories_are_skipped(tree: Path) -> None:
    """Files under hidden directories (.git, .venv) are not formatted."""
    hidden = tree / ".hidden"
    hidden.mkdir()
    (hidden / "x.gov").write_text(UGLY, encoding="utf-8")
    assert run().exit_code == 0
    assert (hidden / "x.gov").read_text(encoding="utf-8") == UGLY


def test_help_names_the_options() -> None:
    """fmt --help documents --check, --diff, --no-color and --debug."""
    result = CliRunner().invoke(cli, ["fmt", "--help"])
    assert result.exit_code == 0
    for option in ("--check", "--diff", "--no-color", "--debug"):
        assert option in result.output
