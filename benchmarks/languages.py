"""What the second language costs: loading the same model written in English and in Dutch,
and start-up with English and Dutch help.

    PYTHONPATH=src python benchmarks/languages.py [--size 10k] [--repeat 5]

Prints best and median seconds. The Dutch model is the generated English one
rewritten with ``fmt --lang nl`` (same declarations, same findings).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _timed(fn: object, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--size", default="10k")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    import govrules
    from govrules.fmt import format_text

    with tempfile.TemporaryDirectory() as tmp:
        english, dutch = Path(tmp) / "en", Path(tmp) / "nl"
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), args.size, str(english), "--seed", "1"],
            check=True,
            capture_output=True,
        )
        for path in english.rglob("*.gov"):
            target = dutch / path.relative_to(english)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(format_text(path.read_text("utf-8"), lang="nl"), "utf-8")
        files = sum(1 for _ in english.rglob("*.gov"))
        print(f"model: {args.size} declarations in {files} files, best / median of {args.repeat}")
        for name, where in (("English", english), ("Dutch", dutch)):
            best, median = _timed(lambda w=where: govrules.load([str(w)], jobs=1), args.repeat)
            print(f"  load, {name:<7} words: {best:.3f} s / {median:.3f} s")
        for lang in ("en", "nl"):
            env = {**os.environ, "GOVRULES_LANG": lang}
            cmd = [sys.executable, "-m", "govrules", "lint", "--help"]

            def run(cmd: list[str] = cmd, env: dict[str, str] = env) -> None:
                subprocess.run(cmd, env=env, check=True, capture_output=True)

            best, median = _timed(run, args.repeat)
            print(f"  govrules lint --help, GOVRULES_LANG={lang}: {best:.3f} s / {median:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
