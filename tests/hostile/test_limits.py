"""Limits with clear errors: file size, long lines, nesting, many findings, encodings, line ends."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hostile_support import assert_no_crash, hang_guard, has_module, run_cli

import govrules
import govrules.loader
from govrules.syntax.parser import MAX_SYNTAX_ERRORS_PER_FILE

# Seconds to minutes: kept out of the quick loop (`-m "not slow"`).
pytestmark = pytest.mark.slow


def positions(model: govrules.Model) -> list[tuple[str, int, int]]:
    return [(d.code, d.location.line, d.location.column) for d in model.diagnostics]


def model_dir(tmp_path: Path, data: bytes, name: str = "m.gov") -> Path:
    """``model/NAME`` holding ``data``, relative to the working directory (``tmp_path``)."""
    (tmp_path / "model").mkdir(exist_ok=True)
    (tmp_path / "model" / name).write_bytes(data)
    return Path("model")


# --- file size ----------------------------------------------------------------------


def test_file_over_the_size_limit_is_gr402(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file over MAX_FILE_BYTES is one GR402 error at 1:1, exit 1, and is not parsed."""
    monkeypatch.setattr(govrules.loader, "MAX_FILE_BYTES", 64)
    directory = model_dir(tmp_path, b"product p { owner nobody }\n" * 3)  # 81 bytes
    result = run_cli(["lint", "--no-cache", str(directory)])
    assert_no_crash(result)
    assert result.exit_code == 1
    head = result.stdout.splitlines()[0]
    assert head.startswith(f"{directory}/m.gov:1:1: GR402 error file is larger than ")
    assert "GR302" not in result.stdout  # not parsed: no finding from its content
    assert result.stdout.endswith("1 error in 1 file\n")


def test_file_at_the_size_limit_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file of exactly MAX_FILE_BYTES is parsed as usual."""
    data = b"product p { owner nobody }\n"
    monkeypatch.setattr(govrules.loader, "MAX_FILE_BYTES", len(data))
    model = govrules.load([str(model_dir(tmp_path, data))])
    assert positions(model) == [("GR302", 1, 19)]


def _stat_says(monkeypatch: pytest.MonkeyPatch, size: int) -> None:
    """os.fstat reports ``size`` bytes: the file grew between the stat and the read."""
    real = os.fstat

    def fstat(fd: int) -> os.stat_result:
        st = real(fd)
        return os.stat_result((st.st_mode, *st[1:6], size, *st[7:]))

    monkeypatch.setattr(govrules.loader.os, "fstat", fstat)


@pytest.mark.parametrize("said", [0, 1, 26, 27])
def test_a_file_that_grew_since_its_stat_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, said: int
) -> None:
    data = b"product p { owner nobody }\n" * 3
    path = model_dir(tmp_path, data) / "m.gov"
    _stat_says(monkeypatch, said)
    assert govrules.loader.read_source(str(path)).text == data.decode()


def test_a_file_that_grew_over_the_limit_since_its_stat_is_gr402(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(govrules.loader, "MAX_FILE_BYTES", 64)
    path = model_dir(tmp_path, b"product p { owner nobody }\n" * 3) / "m.gov"  # 81 bytes
    _stat_says(monkeypatch, 10)
    source = govrules.loader.read_source(str(path))
    assert source.text is None
    assert source.problem is not None and source.problem.code == "GR402"


def test_real_size_limit_message(tmp_path: Path) -> None:
    """The real limit (16 MiB) is named in the GR402 message; the file is not read further."""
    path = tmp_path / "huge.gov"
    with path.open("wb") as fh:
        fh.truncate(govrules.loader.MAX_FILE_BYTES + 1)  # sparse: cheap to make
    with hang_guard(30):
        model = govrules.load([str(path)])
    [finding] = model.diagnostics
    assert (finding.code, finding.location.line, finding.location.column) == ("GR402", 1, 1)
    assert finding.message == "file is larger than 16 MiB; split the model into files"


# --- long lines ------------------------------------------------------------------------

MEGABYTE = 1 << 20


def test_one_megabyte_line_loads_with_exact_columns(tmp_path: Path) -> None:
    """A 1 MB single line loads; a finding at its end has the exact column."""
    label = '"' + "a" * MEGABYTE + '"'
    text = f"product p {label} {{ owner nobody }}\n"
    with hang_guard(30):
        model = govrules.loads(text, "long.gov")
    column = len("product p ") + len(label) + len(" { owner ") + 1
    assert positions(model) == [("GR302", 1, column)]
    assert model.products["p"].label is not None
    assert len(model.products["p"].label.value) == MEGABYTE


def test_one_megabyte_line_of_garbage_is_one_error(tmp_path: Path) -> None:
    """A 1 MB line of characters with no place in the language is one GR103 at 1:1, exit 1."""
    directory = model_dir(tmp_path, b"?" * MEGABYTE)
    with hang_guard(30):
        result = run_cli(["lint", "--no-cache", "--quiet", str(directory)])
    assert_no_crash(result)
    assert result.exit_code == 1
    assert result.stdout == (
        f"{directory}/m.gov:1:1: GR103 error the character '?' has no place here\n"
    )


def test_excerpt_of_a_one_megabyte_line_is_cut(tmp_path: Path) -> None:
    """The text report's excerpt of a finding on a 1 MB line stays a few KB, not the line."""
    label = '"' + "a" * MEGABYTE + '"'
    directory = model_dir(tmp_path, f"product p {label} {{ owner nobody }}\n".encode())
    with hang_guard(30):
        result = run_cli(["lint", "--no-cache", str(directory)])
    assert result.exit_code == 1
    assert len(result.stdout) < 4096


# --- nesting -----------------------------------------------------------------------------

DEPTH = 10_000


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("a b", [("GR201", 1, 1)]),
        ("agreement a", [("GR208", 2, 1)]),
        ("organization o", [("GR208", 2, 1)]),
    ],
)
def test_ten_thousand_nested_blocks(head: str, expected: list[tuple[str, int, int]]) -> None:
    """10,000 nested blocks load without RecursionError: one error at the first misplaced level."""
    text = f"{head} {{\n" * DEPTH + "}\n" * DEPTH
    with hang_guard(60):
        model = govrules.loads(text, "deep.gov")
        report = govrules.lint(model)
    assert positions(model) == expected
    assert [f.code for f in report.findings if f.code.startswith("GR")] == [expected[0][0]]


def test_ten_thousand_nested_blocks_on_one_line() -> None:
    """The same on one line: `a b { a b { ... } }` is one GR201 at 1:1."""
    text = "a b { " * DEPTH + "} " * DEPTH + "\n"
    with hang_guard(60):
        model = govrules.loads(text, "deep.gov")
    assert positions(model) == [("GR201", 1, 1)]


def test_ten_thousand_unclosed_blocks_on_one_line() -> None:
    """10,000 blocks opened on one line and never closed: one GR101 at the innermost '{'."""
    text = "a b { " * DEPTH + "\n"
    with hang_guard(60):
        model = govrules.loads(text, "open.gov")
    assert positions(model) == [("GR101", 1, 6 * DEPTH - 1)]
    assert model.diagnostics[0].message == (
        "this block is never closed: add a '}' at its end (nor are the 9999 blocks around it)"
    )


def test_unclosed_blocks_on_many_lines_are_located() -> None:
    """2,000 blocks opened on lines of their own and never closed: only located GR101 errors."""
    depth = 2_000
    with hang_guard(60):
        model = govrules.loads("a b {\n" * depth, "open.gov")
    assert {(d.code, d.location.line, d.location.column) for d in model.diagnostics} == {
        ("GR101", depth, 5)
    }


def test_unclosed_blocks_are_reported_once() -> None:
    """200 unclosed blocks on lines of their own give one GR101, not fifty copies of it."""
    model = govrules.loads("product p {\n" * 200, "open.gov")
    assert positions(model) == [("GR101", 200, 11)]


def test_ten_thousand_nested_blocks_through_the_cli(tmp_path: Path) -> None:
    """Through lint, fmt and graph: deep nesting is a located error (exit 1), never a crash."""
    directory = model_dir(tmp_path, ("a b {\n" * DEPTH + "}\n" * DEPTH).encode())
    with hang_guard(120):
        lint = run_cli(["lint", "--no-cache", "--quiet", str(directory)])
        fmt = run_cli(["fmt", "--check", str(directory)])
        graph = run_cli(["graph", str(directory)])
    for result in (lint, fmt, graph):
        assert_no_crash(result)
    assert lint.exit_code == 1
    assert lint.stdout.startswith(f"{directory}/m.gov:1:1: GR201 error unknown kind 'a'")
    assert fmt.exit_code == 1  # the syntax is fine: it would be indented, not refused
    assert fmt.stderr.splitlines()[0] == f"would reformat {directory}/m.gov"
    assert graph.exit_code == 0


@pytest.mark.skipif(not has_module("govrules.fmt"), reason="the formatter has not landed")
def test_formatter_keeps_ten_thousand_nested_blocks() -> None:
    """The formatter handles 10,000 nested blocks without RecursionError and is idempotent."""
    text = "a b {\n" * DEPTH + "}\n" * DEPTH
    with hang_guard(60):
        out = govrules.format(text)
        assert govrules.format(out) == out
    assert out.count("{") == DEPTH


# --- many findings and syntax errors ---------------------------------------------------

MANY = 20_000


@pytest.fixture
def many_findings(tmp_path: Path) -> Path:
    """A model with 20,000 findings: one undefined owner per product."""
    lines = "".join(f"product p{i} {{ owner nobody }}\n" for i in range(MANY))
    return model_dir(tmp_path, lines.encode())


def test_twenty_thousand_findings_text(many_findings: Path) -> None:
    """Text output of 20,000 findings: each with its excerpt, and the summary line last."""
    with hang_guard(120):
        result = run_cli(["lint", "--no-cache", str(many_findings)])
    assert_no_crash(result)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[-1] == f"{MANY} errors in 1 file"
    assert len(lines) == 4 * MANY + 1  # headline, excerpt, caret, blank; then the summary
    assert lines[-5] == (
        f"{many_findings}/m.gov:{MANY}:24: GR302 error 'owner' refers to 'nobody', "
        "which is not declared anywhere in the model"
    )


def test_twenty_thousand_findings_quiet(many_findings: Path) -> None:
    """--quiet prints exactly one line per finding and no summary."""
    with hang_guard(60):
        result = run_cli(["lint", "--no-cache", "--quiet", str(many_findings)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == MANY
    assert lines[0].startswith(f"{many_findings}/m.gov:1:20: GR302 error ")
    assert all(": GR302 error 'owner' refers to 'nobody'" in line for line in lines)


def test_twenty_thousand_findings_json(many_findings: Path) -> None:
    """JSON output of 20,000 findings parses and its summary counts them."""
    with hang_guard(60):
        result = run_cli(["lint", "--no-cache", "--format", "json", str(many_findings)])
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["summary"] == {
        "files": 1,
        "errors": MANY,
        "warnings": 0,
        "infos": 0,
        "suppressed": 0,
    }
    assert len(document["findings"]) == MANY


def test_quiet_prints_nothing_for_a_clean_model(tmp_path: Path) -> None:
    """--quiet on a model without findings prints nothing at all."""
    directory = model_dir(tmp_path, b"product p\n")
    result = run_cli(["lint", "--no-cache", "--quiet", str(directory)])
    assert result.exit_code == 0
    assert result.stdout == ""


def broken_declarations(count: int) -> str:
    return "".join(f"product p{i} {{ owner ? }}\n" for i in range(count))


def test_syntax_errors_are_all_reported_below_the_limit() -> None:
    """Below the limit every broken declaration is one located error and the rest still loads."""
    text = broken_declarations(10) + "product last\n"
    model = govrules.loads(text, "broken.gov")
    assert positions(model) == [("GR103", i, 20) for i in range(1, 11)]
    assert list(model.products) == ["last"]


def test_syntax_errors_stop_at_the_limit() -> None:
    """Past the limit, one GR101 says so (at the next error) instead of more reports."""
    text = broken_declarations(MAX_SYNTAX_ERRORS_PER_FILE + 10) + "product last\n"
    with hang_guard(30):
        model = govrules.loads(text, "broken.gov")
    syntax = [d for d in model.diagnostics if d.code.startswith("GR1")]
    limit = MAX_SYNTAX_ERRORS_PER_FILE
    assert [(d.code, d.location.line) for d in syntax] == [
        *(("GR103", i) for i in range(1, limit + 1)),
        ("GR101", limit + 1),
    ]
    assert syntax[-1].message == (
        f"too many syntax errors: stopped reporting after {limit}; "
        f"10 more declarations with syntax errors from line {limit + 1} on were skipped"
    )


def test_syntax_error_limit_is_announced() -> None:
    """Reaching the syntax-error limit is said in a finding; the good declarations still load."""
    text = broken_declarations(MAX_SYNTAX_ERRORS_PER_FILE + 10) + "product last\n"
    model = govrules.loads(text, "broken.gov")
    assert any(str(MAX_SYNTAX_ERRORS_PER_FILE) in d.message for d in model.diagnostics)
    assert list(model.products) == ["last"]


# --- encodings ---------------------------------------------------------------------------

MODEL = "product p {\n  owner nobody\n}\n"


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["no-bom", "bom"])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_line_endings_and_bom_keep_positions(tmp_path: Path, bom: bytes, newline: str) -> None:
    """LF, CRLF and CR files, with or without a BOM: the same finding at 2:9-15, same excerpt."""
    data = bom + MODEL.replace("\n", newline).encode("utf-8")
    directory = model_dir(tmp_path, data)
    model = govrules.load([str(directory)])
    [finding] = model.diagnostics
    loc = finding.location
    assert (finding.code, loc.line, loc.column, loc.end_line, loc.end_column) == (
        "GR302",
        2,
        9,
        2,
        15,
    )
    result = run_cli(["lint", "--no-cache", str(directory)])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:3] == [
        f"{directory}/m.gov:2:9: GR302 error 'owner' refers to 'nobody', "
        "which is not declared anywhere in the model",
        "  2 |   owner nobody",
        "    |         ^^^^^^",
    ]


def test_mixed_line_endings_count_every_break(tmp_path: Path) -> None:
    """A file mixing LF, CRLF and CR counts each as one line break."""
    data = b"product a\rproduct b\r\nproduct c\nproduct d { owner nobody }\n"
    model = govrules.load([str(model_dir(tmp_path, data))])
    assert positions(model) == [("GR302", 4, 19)]


def test_leading_bom_takes_no_column(tmp_path: Path) -> None:
    """A leading BOM takes no column, in a text given to ``loads`` as in a file (as in editors)."""
    text = "\ufeffproduct p { owner nobody }\n"
    assert positions(govrules.loads(text, "bom.gov")) == [("GR302", 1, 19)]
    directory = model_dir(tmp_path, text.encode("utf-8"))
    assert positions(govrules.load([str(directory)])) == [("GR302", 1, 19)]


def test_bom_in_the_middle_is_a_located_gr103() -> None:
    """A byte-order mark in the middle of a file is a character with no place there."""
    model = govrules.loads("product p\nproduct \ufeffq\n", "bom.gov")
    assert positions(model) == [("GR103", 2, 9)]
    assert model.diagnostics[0].message == "the character U+FEFF has no place here"


def test_utf16_file_is_gr401(tmp_path: Path) -> None:
    """A UTF-16 file (with its BOM) is GR401 at 1:1 naming the byte and asking for UTF-8, exit 1."""
    directory = model_dir(tmp_path, MODEL.encode("utf-16"))
    result = run_cli(["lint", "--no-cache", "--quiet", str(directory)])
    assert_no_crash(result)
    assert result.exit_code == 1
    assert result.stdout == (
        f"{directory}/m.gov:1:1: GR401 error the file is not valid UTF-8: byte 0xFF at line 1, "
        "byte offset 0; it looks like UTF-16: save it as UTF-8\n"
    )


def test_utf16_without_bom_is_a_nul_byte_error() -> None:
    """UTF-16-LE without a BOM decodes as UTF-8 with NULs: GR103 at 1:2 says NUL byte."""
    text = "product p\n".encode("utf-16-le").decode("utf-8")
    model = govrules.loads(text, "u16.gov")
    assert positions(model) == [("GR103", 1, 2)]
    assert "(a NUL byte: is this a binary file?)" in model.diagnostics[0].message


def test_binary_file_is_gr401(tmp_path: Path) -> None:
    """A binary file named .gov (a PNG header) is GR401 at its first invalid byte."""
    directory = model_dir(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    [finding] = govrules.load([str(directory)]).diagnostics
    assert (finding.code, finding.location.line, finding.location.column) == ("GR401", 1, 1)
    assert "byte 0x89 at line 1, byte offset 0" in finding.message


@pytest.mark.parametrize(
    ("data", "byte", "line", "offset", "column"),
    [
        (b'product p\nproduct q "ab\xffcd"\n', 0xFF, 2, 23, 14),
        (b'product p\r\nproduct q "ab\xffcd"\r\n', 0xFF, 2, 24, 14),
        (b'product p\nproduct q "\xc3\xa9\xed\xa0\x80"\n', 0xED, 2, 23, 13),
        (b'product p\nproduct q "\xc3"\n', 0xC3, 2, 21, 12),
        (b"product p\n\xc0\xaf\n", 0xC0, 2, 10, 1),
    ],
    ids=["lf", "crlf", "surrogate", "truncated", "overlong"],
)
def test_invalid_utf8_is_reported_at_its_line_and_byte(
    tmp_path: Path, data: bytes, byte: int, line: int, offset: int, column: int
) -> None:
    """Invalid UTF-8 is GR401 naming the byte, its line and offset, located at line and column."""
    [finding] = govrules.load([str(model_dir(tmp_path, data))]).diagnostics
    loc = finding.location
    assert (finding.code, loc.line, loc.column) == ("GR401", line, column)
    assert finding.message == (
        f"the file is not valid UTF-8: byte 0x{byte:02X} at line {line}, byte offset {offset}; "
        "save it as UTF-8"
    )


def test_invalid_utf8_in_a_cr_file_is_at_its_line(tmp_path: Path) -> None:
    """In a file with CR line endings, invalid UTF-8 on line 2 is reported at line 2, column 14."""
    data = b'product p\rproduct q "ab\xffcd"\r'
    [finding] = govrules.load([str(model_dir(tmp_path, data))]).diagnostics
    assert (finding.location.line, finding.location.column) == (2, 14)
    assert "byte 0xFF at line 2, byte offset 23" in finding.message


def test_invalid_utf8_after_a_bom_is_at_its_byte(tmp_path: Path) -> None:
    """In a file with a BOM, invalid UTF-8 is reported at its own byte (0xFF, offset 26, 2:14)."""
    data = b'\xef\xbb\xbfproduct p\nproduct q "ab\xffcd"\n'
    [finding] = govrules.load([str(model_dir(tmp_path, data))]).diagnostics
    assert (finding.location.line, finding.location.column) == (2, 14)
    assert "byte 0xFF at line 2, byte offset 26" in finding.message


@pytest.mark.parametrize(
    ("char", "shown"),
    [
        ("\x00", "U+0000"),
        ("\u200b", "U+200B"),
        ("\u202e", "U+202E"),
        ("\u200f", "U+200F"),
        ("\x1b", "U+001B"),
    ],
    ids=["nul", "zero-width-space", "rtl-override", "rtl-mark", "escape"],
)
def test_invisible_characters_are_named_by_code_point(char: str, shown: str) -> None:
    """Invisible and control characters are GR103 at their position, named by code point."""
    model = govrules.loads(f"product p {{\n  owner {char}x\n}}\n", "odd.gov")
    assert positions(model) == [("GR103", 2, 9)]
    assert model.diagnostics[0].message.startswith(f"the character {shown} has no place here")


def test_text_output_scrubs_control_characters(tmp_path: Path) -> None:
    """An ANSI escape in a file reaches the terminal as U+FFFD, never as an escape."""
    directory = model_dir(tmp_path, b'product p "\x1b[31mred" { owner nobody }\n')
    result = run_cli(["lint", "--no-cache", str(directory)])
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout
    assert '  1 | product p "\ufffd[31mred" { owner nobody }' in result.stdout


@pytest.mark.skipif(not has_module("govrules.parallel"), reason="parallel parsing has not landed")
def test_parallel_parsing_of_hostile_files_matches_serial(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files big enough for worker processes give the same findings as loading them serially."""
    import govrules.parallel
    from govrules.loader import PARALLEL_MIN_BYTES

    calls = []
    real = govrules.parallel.parse_in_workers

    def spy(sources: list[object], jobs: int) -> object:
        calls.append(jobs)
        return real(sources, jobs)

    directory = Path("big")
    directory.mkdir()
    half = '"' + "x" * (PARALLEL_MIN_BYTES // 2) + '"'
    (directory / "a.gov").write_text(f"product a {half}\nproduct x {{ owner ? }}\n")
    (directory / "b.gov").write_text("b b {\n" * 2000 + "}\n" * 2000 + f"product b {half}\n")
    (directory / "c.gov").write_bytes(b"product c\n\xff\n")
    (directory / "d.gov").write_text("agreement d {\n" * 100 + "# " + "y" * 1000 + "\n")
    serial = govrules.load([str(directory)])
    monkeypatch.setattr(govrules.parallel, "parse_in_workers", spy)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    with hang_guard(120):
        result = run_cli(["lint", "--no-cache", "--format", "json", str(directory)])
    assert calls == [2]  # the worker processes did parse
    assert_no_crash(result)
    assert result.exit_code == 1
    found = [
        (f["file"], f["code"], f["line"], f["column"])
        for f in json.loads(result.stdout)["findings"]
        if f["code"].startswith("GR")
    ]
    expected = [
        (d.location.file, d.code, d.location.line, d.location.column) for d in serial.diagnostics
    ]
    assert sorted(found) == sorted(expected)
    assert {f[:2] for f in found} == {
        ("big/a.gov", "GR103"),
        ("big/b.gov", "GR201"),
        ("big/c.gov", "GR401"),
        ("big/d.gov", "GR101"),
    }
