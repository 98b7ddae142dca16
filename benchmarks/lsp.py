"""The language server's latency: from ``didChange`` to the published diagnostics.

    PYTHONPATH=src python benchmarks/lsp.py [--size 10k] [--rounds 3] [--cold-runs 3]

Generates the national model (``generate.py``, seeded) of ``--size``
declarations into ``benchmarks/out/``, then, side by side in one run:

* a cold ``govrules lint --no-cache --format json`` of the model, as a
  subprocess (start-up, parse, resolve, evaluate, render), median of
  ``--cold-runs``;
* ``govrules lsp`` over stdio with the model's directory as its workspace
  folder: the time from starting it to the first diagnostics of the
  workspace, then, on one municipality's file, edits of different kinds sent
  as an editor sends them (incremental ``didChange``): a typo in a reference,
  renaming an organization that other files refer to, adding an attribute,
  and a whitespace-only edit, each undone again, ``--rounds`` times. Each
  edit is timed from writing the ``didChange`` to reading the publication of
  the edited file with the new version, which the server sends after every
  other file's publication of the same lint: so the figure is the time until
  every diagnostic that edit changed is out.

The client is the one of the tests that does not use pygls
(``tests/lsp/wire.py``). The machine is shared and noisy: compare the
figures of one run, side by side, not absolute seconds across runs.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
for entry in (str(ROOT / "src"), str(ROOT)):
    if entry not in sys.path:
        sys.path.insert(0, entry)

from generate import generate, iter_sizes, write  # noqa: E402
from tests.lsp.wire import WireClient, file_uri  # noqa: E402

PUBLISH = "textDocument/publishDiagnostics"


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def cold_lint(model: Path) -> tuple[float, int]:
    """One cold lint of the model as a subprocess: seconds and the number of findings."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "govrules", "lint", "--no-cache", "--format", "json", str(model)],
        capture_output=True,
        text=True,
        env=env(),
        check=False,
    )
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr)
    return elapsed, len(json.loads(done.stdout)["findings"])


def edits(text: str) -> list[tuple[str, str]]:
    """(kind, new text) pairs: each edit, then its undoing."""
    header = re.search(r"^organization (\w+)", text, re.M)
    owner = re.search(r"^  owner (\w+)", text, re.M)
    assert header is not None, "the file declares no organization"
    assert owner is not None, "the file gives no owner"
    name = header.group(1)
    typo = text[: owner.end()] + "x" + text[owner.end() :]
    renamed = text[: header.end()] + "_nieuw" + text[header.end() :]
    line_end = text.index("\n", header.end())
    added = text[: line_end + 1] + "  staff 12\n" + text[line_end + 1 :]
    spaced = text[: line_end + 1] + "\n" + text[line_end + 1 :]
    assert name in text
    return [
        ("typo in a reference", typo),
        ("typo undone", text),
        (f"rename {name}", renamed),
        ("rename undone", text),
        ("add an attribute", added),
        ("attribute removed", text),
        ("whitespace only", spaced),
        ("whitespace undone", text),
    ]


def change(before: str, after: str) -> dict[str, Any]:
    """The one incremental content change that turns ``before`` into ``after``."""
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end_b, end_a = len(before), len(after)
    while end_b > start and end_a > start and before[end_b - 1] == after[end_a - 1]:
        end_b -= 1
        end_a -= 1

    def position(offset: int) -> dict[str, int]:
        line = before.count("\n", 0, offset)
        column = offset - (before.rfind("\n", 0, offset) + 1)
        prefix = before[offset - column : offset]
        return {"line": line, "character": len(prefix.encode("utf-16-le")) // 2}

    return {
        "range": {"start": position(start), "end": position(end_b)},
        "text": after[start:end_a],
    }


def measure(model: Path, file: Path, rounds: int) -> dict[str, Any]:
    client = WireClient(cwd=model, env=env())
    try:
        start = time.perf_counter()
        client.initialize(model)
        client.wait_for(PUBLISH, timeout=300)
        first = time.perf_counter() - start
        text = file.read_text(encoding="utf-8")
        uri = client.open(file, text, version=1)
        client.wait_for(PUBLISH, uri, version=1, timeout=300)
        version = 1
        samples: list[tuple[str, float, int]] = []
        current = text
        for _ in range(rounds):
            for kind, new in edits(text):
                version += 1
                seen = len(client.notifications)
                began = time.perf_counter()
                client.notify(
                    "textDocument/didChange",
                    {
                        "textDocument": {"uri": uri, "version": version},
                        "contentChanges": [change(current, new)],
                    },
                )
                params = client.wait_for(PUBLISH, uri, version=version, timeout=300)
                elapsed = time.perf_counter() - began
                files = {
                    n["params"]["uri"]
                    for n in client.notifications[seen:]
                    if n["method"] == PUBLISH
                }
                samples.append((kind, elapsed, len(files)))
                current = new
                assert (kind != "typo in a reference") or any(
                    d["code"] == "GR302" for d in params["diagnostics"]
                ), "the typo's diagnostic did not appear"
    finally:
        code = client.close()
    return {"first_diagnostics_s": first, "samples": samples, "exit_code": code}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", default="10k")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--cold-runs", type=int, default=3)
    ap.add_argument("--json", type=Path, default=OUT / "lsp.json")
    args = ap.parse_args(argv)
    n = iter_sizes([args.size])[0]
    model_dir = OUT / f"lsp-{args.size}"
    generated = generate(n, args.seed)
    write(generated, model_dir, args.seed, 0.03, n)
    files = sorted(model_dir.rglob("gemeente_*.gov"), key=lambda p: p.stat().st_size)
    file = files[len(files) // 2]
    print(f"model: {generated.size} declarations in {len(generated.files)} files; edited: {file}")

    cold = [cold_lint(model_dir) for _ in range(args.cold_runs)]
    cold_median = statistics.median(t for t, _ in cold)
    print(
        f"cold govrules lint --no-cache: median {cold_median * 1000:.0f} ms "
        f"of {[round(t * 1000) for t, _ in cold]} ({cold[0][1]} findings)"
    )

    result = measure(model_dir, file, args.rounds)
    samples = result["samples"]
    times = [t for _k, t, _f in samples]
    median = statistics.median(times)
    print(f"server start to first diagnostics: {result['first_diagnostics_s'] * 1000:.0f} ms")
    by_kind: dict[str, list[float]] = {}
    for kind, t, _f in samples:
        by_kind.setdefault(kind, []).append(t)
    for kind, ts in by_kind.items():
        published = max(f for k, _t, f in samples if k == kind)
        print(
            f"  {kind:<34} median {statistics.median(ts) * 1000:6.1f} ms  "
            f"(files published: up to {published})"
        )
    print(
        f"didChange to diagnostics: median {median * 1000:.1f} ms over {len(times)} edits, "
        f"max {max(times) * 1000:.1f} ms; cold lint / edit = {cold_median / median:.1f}x"
    )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(
        json.dumps(
            {
                "size": generated.size,
                "files": len(generated.files),
                "edited_file": str(file.relative_to(model_dir)),
                "cold_lint_s": [t for t, _ in cold],
                "cold_lint_median_s": cold_median,
                "first_diagnostics_s": result["first_diagnostics_s"],
                "edits": [{"kind": k, "seconds": t, "files": f} for k, t, f in samples],
                "edit_median_s": median,
                "server_exit_code": result["exit_code"],
                "edited_uri": file_uri(file),
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
