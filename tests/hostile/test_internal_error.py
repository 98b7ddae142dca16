"""An internal bug surfaces as a bug: exit 2, a line and where to report it, traceback on demand."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_support import TRACEBACK, has_module, run_cli

import govrules.linting
from govrules.cli.common import ISSUES_URL

REPORT_IT = (
    f"This is a bug in govrules; please report it at {ISSUES_URL} "
    "(run again with --debug for the traceback)."
)


def boom(*args: object, **kwargs: object) -> None:
    raise RuntimeError("boom")


@pytest.fixture
def model() -> str:
    """A model with a finding, so a disguised error would have something to print."""
    Path("m").mkdir()
    Path("m/a.gov").write_text("product p { owner nobody }\n", encoding="utf-8")
    return "m"


@pytest.fixture
def broken_lint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(govrules.linting, "lint", boom)


@pytest.mark.usefixtures("broken_lint")
def test_internal_error_is_exit_2_and_one_line(model: str) -> None:
    """An exception in lint: exit 2, the internal-error line, the report-it line, no traceback."""
    result = run_cli(["lint", "--no-cache", model])
    assert result.exit_code == 2
    assert result.stderr == f"govrules: internal error: RuntimeError: boom\n{REPORT_IT}\n"
    assert result.stdout == ""  # never disguised as findings
    assert TRACEBACK not in result.output


@pytest.mark.usefixtures("broken_lint")
@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "github"])
def test_internal_error_in_machine_formats_prints_no_report(model: str, fmt: str) -> None:
    """With a machine format, an internal error prints no (empty) report that a tool could trust."""
    result = run_cli(["lint", "--no-cache", "--format", fmt, model])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("govrules: internal error: RuntimeError: boom\n")


@pytest.mark.usefixtures("broken_lint")
def test_internal_error_with_exit_zero_still_exits_2(model: str) -> None:
    """--exit-zero does not hide an internal error."""
    result = run_cli(["lint", "--no-cache", "--exit-zero", model])
    assert result.exit_code == 2


@pytest.mark.usefixtures("broken_lint")
def test_debug_option_shows_the_traceback(model: str) -> None:
    """With --debug the traceback is printed, then the same two lines."""
    result = run_cli(["lint", "--no-cache", "--debug", model])
    assert result.exit_code == 2
    assert result.stderr.startswith(TRACEBACK)
    assert 'raise RuntimeError("boom")' in result.stderr
    assert result.stderr.endswith(f"govrules: internal error: RuntimeError: boom\n{REPORT_IT}\n")


@pytest.mark.usefixtures("broken_lint")
@pytest.mark.parametrize("value", ["1", "yes"])
def test_debug_environment_variable_shows_the_traceback(model: str, value: str) -> None:
    """GOVRULES_DEBUG set (and not 0) shows the traceback too."""
    result = run_cli(["lint", "--no-cache", model], env={"GOVRULES_DEBUG": value})
    assert result.exit_code == 2
    assert result.stderr.startswith(TRACEBACK)
    assert result.stderr.endswith(f"{REPORT_IT}\n")


@pytest.mark.usefixtures("broken_lint")
def test_debug_environment_variable_zero_hides_the_traceback(model: str) -> None:
    """GOVRULES_DEBUG=0 is the same as not set."""
    result = run_cli(["lint", "--no-cache", model], env={"GOVRULES_DEBUG": "0"})
    assert result.stderr == f"govrules: internal error: RuntimeError: boom\n{REPORT_IT}\n"


@pytest.mark.parametrize(
    ("error", "shown"),
    [
        (KeyError("p"), "KeyError: 'p'"),
        (RecursionError("maximum recursion depth exceeded"), "RecursionError: maximum recursion"),
        (AssertionError(), "AssertionError: "),
        (UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"), "UnicodeDecodeError: "),
    ],
    ids=["key", "recursion", "assertion", "unicode"],
)
def test_every_unexpected_exception_is_an_internal_error(
    model: str, monkeypatch: pytest.MonkeyPatch, error: Exception, shown: str
) -> None:
    """Any exception that is not govrules' own is an internal error (exit 2), never a finding."""

    def fail(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(govrules.linting, "lint", fail)
    result = run_cli(["lint", "--no-cache", model])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"govrules: internal error: {shown}")
    assert result.stderr.endswith(f"{REPORT_IT}\n")
    assert TRACEBACK not in result.output


def test_internal_error_while_loading(model: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """An exception deep in the loader (building a file) is reported the same way."""
    import govrules.loader

    monkeypatch.setattr(govrules.loader, "build_file", boom)
    result = run_cli(["lint", "--no-cache", model])
    assert result.exit_code == 2
    assert result.stderr == f"govrules: internal error: RuntimeError: boom\n{REPORT_IT}\n"


def test_internal_error_message_stays_one_line(model: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """An exception whose message has a newline still gives a one-line internal-error line."""

    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("first\nsecond")

    monkeypatch.setattr(govrules.linting, "lint", fail)
    result = run_cli(["lint", "--no-cache", model])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "govrules: internal error: RuntimeError: first second",
        REPORT_IT,
    ]


@pytest.mark.skipif(not has_module("govrules.fmt"), reason="the formatter has not landed")
def test_internal_error_in_fmt(model: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """fmt: an exception while formatting is an internal error and the file is not touched."""
    import govrules.cli.fmt

    before = Path("m/a.gov").read_bytes()
    monkeypatch.setattr(govrules.cli.fmt, "format_text", boom)
    result = run_cli(["fmt", model])
    assert result.exit_code == 2
    assert result.stderr == f"govrules: internal error: RuntimeError: boom\n{REPORT_IT}\n"
    assert Path("m/a.gov").read_bytes() == before


@pytest.mark.skipif(not has_module("govrules.graph"), reason="the graph command has not landed")
def test_internal_error_in_graph(model: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """graph: an exception while drawing is an internal error, and no half picture is printed."""
    import govrules.cli.graph

    monkeypatch.setattr(govrules.cli.graph, "build_graph", boom)
    result = run_cli(["graph", model])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.endswith(f"govrules: internal error: RuntimeError: boom\n{REPORT_IT}\n")
    assert TRACEBACK not in result.output


def test_internal_error_in_rules_listing(monkeypatch: pytest.MonkeyPatch) -> None:
    """rules: an exception while listing is an internal error too."""
    import govrules.engine.catalogue

    monkeypatch.setattr(govrules.engine.catalogue, "_builtin", boom)
    result = run_cli(["rules"])
    assert result.exit_code == 2
    assert result.stderr == f"govrules: internal error: RuntimeError: boom\n{REPORT_IT}\n"


def test_library_errors_are_usage_errors_not_internal(model: str) -> None:
    """govrules' own errors (a bad ruleset name) are exit 2 as a plain error, not a bug report."""
    result = run_cli(["lint", "--no-cache", "--ruleset", "no_such_ruleset", model])
    assert result.exit_code == 2
    assert result.stderr.startswith("govrules: error: unknown ruleset 'no_such_ruleset'")
    assert "internal error" not in result.stderr
