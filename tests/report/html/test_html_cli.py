"""``govrules report`` as a user runs it: the file, the exit codes, the messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from html_support import Page

from govrules.cli import cli


def _run(*args: str) -> tuple[int, str, str]:
    done = CliRunner().invoke(cli, ["report", *args], catch_exceptions=False)
    return done.exit_code, done.stdout, done.stderr


def test_writes_the_file_and_says_so(small: Path) -> None:
    code, out, err = _run(".", "-o", "out.html", "--as-of", "2026-06-01", "--no-cache")
    assert (code, out) == (0, "")
    assert err == "wrote the report to out.html (2 findings)\n"
    page = Page((small / "out.html").read_text(encoding="utf-8"))
    assert len(page.all("article", class_="finding")) == 2


def test_findings_do_not_fail_the_command_and_dutch_is_spoken(small: Path) -> None:
    code, _out, err = _run(".", "--lang", "nl", "--no-cache")
    assert code == 0
    assert err == "rapport geschreven naar report.html (3 bevindingen)\n"
    assert (small / "report.html").exists()


def test_standard_output(small: Path) -> None:
    code, out, err = _run(".", "-o", "-", "--no-drawings", "--no-cache")
    assert (code, err) == (0, "")
    assert out.startswith("<!DOCTYPE html>") and "<svg" not in out


def test_a_bad_date_is_a_usage_error(small: Path) -> None:
    code, _out, err = _run(".", "--as-of", "31-12-2026")
    assert code == 2
    assert "Invalid value for '--as-of': '31-12-2026' is not a date written YYYY-MM-DD" in err
    assert not (small / "report.html").exists()


def test_a_missing_path_is_reported_without_a_traceback(small: Path) -> None:
    code, _out, err = _run("nowhere", "--no-cache")
    assert code == 2
    assert err.startswith("govrules: error: nowhere")
    assert "Traceback" not in err


def test_an_output_that_is_a_directory_is_refused(small: Path) -> None:
    (small / "out").mkdir()
    code, _out, err = _run(".", "-o", "out", "--no-cache")
    assert code == 2
    assert "Invalid value for '--output' / '-o': File 'out' is a directory." in err


def test_listed_in_the_help() -> None:
    done = CliRunner().invoke(cli, ["--help"])
    assert " report   Write an HTML report for readers (self-contained).\n" in done.output


def test_a_file_that_cannot_be_written_is_an_input_error(small: Path) -> None:
    code, _out, err = _run(".", "-o", "nodir/r.html", "--no-cache")
    assert code == 2
    assert err == "govrules: error: nodir/r.html: cannot write: No such file or directory\n"


def test_the_environment_chooses_dutch(small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVRULES_LANG", "nl")
    code, _out, err = _run(".", "--no-cache", "--no-drawings", "--as-of", "2026-06-01")
    assert (code, err) == (0, "rapport geschreven naar report.html (2 bevindingen)\n")
    assert '<html lang="nl">' in (small / "report.html").read_text(encoding="utf-8")
