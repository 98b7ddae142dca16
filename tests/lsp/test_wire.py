"""The server as an editor sees it, through a client that does not use pygls.

For every file of the examples the server publishes exactly the findings of
``govrules lint --format json`` (unsuppressed ones), with positions converted
to LSP's 0-based lines and UTF-16 columns.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.lsp.wire import WireClient, file_uri

ROOT = Path(__file__).resolve().parents[2]
MODELS = sorted(p for p in (ROOT / "examples").glob("*/*") if p.is_dir())
PUBLISH = "textDocument/publishDiagnostics"

pytestmark = pytest.mark.slow


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def lsp_position(lines: list[str], line: int, column: int) -> dict[str, int]:
    """A 1-based (line, code-point column) as LSP's 0-based line and UTF-16 character."""
    return {"line": line - 1, "character": utf16(lines[line - 1][: column - 1])}


def lint_json(model: Path) -> list[dict[str, object]]:
    done = subprocess.run(
        [sys.executable, "-m", "govrules", "lint", "--no-cache", "--format", "json", str(model)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    findings: list[dict[str, object]] = json.loads(done.stdout)["findings"]
    return [f for f in findings if f["suppressed"] is None]


def expected(model: Path, file: Path) -> list[tuple[object, ...]]:
    lines = file.read_text(encoding="utf-8").split("\n")
    out = []
    for f in lint_json(model):
        if (ROOT / str(f["file"])).resolve() != file.resolve():
            continue
        start = lsp_position(lines, int(str(f["line"])), int(str(f["column"])))
        end = lsp_position(lines, int(str(f["end_line"])), int(str(f["end_column"])))
        out.append((f["code"], f["message"], start, end))
    return out


def published(diagnostics: list[dict[str, object]]) -> list[tuple[object, ...]]:
    return [
        (d["code"], d["message"], d["range"]["start"], d["range"]["end"])  # type: ignore[index]
        for d in diagnostics
    ]


@pytest.mark.parametrize("model", MODELS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_example_file_gets_the_findings_of_lint_json(model: Path) -> None:
    client = WireClient(cwd=ROOT)
    try:
        client.initialize(model)
        files = sorted(model.glob("*.gov"))
        assert files
        for file in files:
            uri = client.open(file)
            params = client.wait_for(PUBLISH, uri, version=1)
            assert published(params["diagnostics"]) == expected(model, file), file
            assert all(d["source"] == "govrules" for d in params["diagnostics"])
    finally:
        assert client.close() == 0


NON_ASCII = """\
organization gemeente_súdwest_fryslân "Gemeente Súdwest-Fryslân" {
  kind municipality
}

organization 𝔘trecht_𝔔 {
  kind municipality
}

product bijstand {
  owner 𝔘trecht_𝔔, gemeente_súdwest_fryslân, ŋoord
}
"""


def test_columns_are_utf16_for_identifiers_beyond_the_basic_plane(tmp_path: Path) -> None:
    (tmp_path / "model.gov").write_text(NON_ASCII, encoding="utf-8")
    client = WireClient(cwd=tmp_path)
    try:
        client.initialize(tmp_path)
        uri = client.open(tmp_path / "model.gov")
        params = client.wait_for(PUBLISH, uri, version=1)
    finally:
        assert client.close() == 0
    gr302 = [d for d in params["diagnostics"] if d["code"] == "GR302"]
    assert len(gr302) == 1
    line = NON_ASCII.split("\n")[9]
    column = line.index("ŋoord")  # code points before it
    # The two fraktur letters are two UTF-16 units each: two more than the code points.
    assert gr302[0]["range"] == {
        "start": {"line": 9, "character": column + 2},
        "end": {"line": 9, "character": column + 2 + len("ŋoord")},
    }
    assert params["uri"] == file_uri(tmp_path / "model.gov")


def test_bad_framing_does_not_kill_the_server(tmp_path: Path) -> None:
    (tmp_path / "a.gov").write_text("organization a {\n  kind municipality\n}\n", encoding="utf-8")
    client = WireClient(cwd=tmp_path)
    try:
        client.initialize(tmp_path)
        client.send_raw(b"Content-Length: 5\r\n\r\n{oops")
        client.send({"method": "textDocument/didOpen", "params": {"textDocument": 7}})
        client.send({"id": 99, "method": "textDocument/hover", "params": {"nonsense": True}})
        uri = client.open(tmp_path / "a.gov", "organization a {\n  kind municipalty\n}\n")
        params = client.wait_for(PUBLISH, uri, version=1)
        assert [d["code"] for d in params["diagnostics"]] == ["GR204"]
    finally:
        assert client.close() == 0
