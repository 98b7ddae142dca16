"""The HTML report of the national benchmark model: how long it takes to write, how large it is.

    PYTHONPATH=src python benchmarks/report.py [--size 10k] [--repeat 3] [--json FILE]

Generates the seeded model (``generate.py``, seed 1) into ``benchmarks/out/``,
then times ``govrules report DIR -o FILE`` end to end in a fresh process, as a
user runs it: with ``--no-cache`` (every file parsed) and with a warm cache
(the second run of the day). Each figure is the median of ``--repeat`` runs,
in wall-clock seconds and in CPU seconds (user and system, the parsing
processes included), with the load average of the machine beside them: the
machine is shared, and the CPU time is what a quiet machine would take.
Beside it, ``govrules lint --format json --no-cache`` on the same model, so
what the report itself adds can be read off. Then it opens the report in
headless Chromium (Playwright on Debian's ``chromium``, when both are
installed) and reports how long the page took to load, how many findings it
shows and any console error. No timing here is
ever asserted: the tests check behaviour, this script measures.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    return env


def _govrules(*args: str, cwd: Path) -> tuple[float, float]:
    """Wall-clock seconds and CPU seconds (user + system, children included) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "govrules", *args],
        cwd=cwd,
        env=_env(),
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _browser(path: Path) -> dict[str, Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"skipped": "Playwright is not installed"}
    executable = shutil.which("chromium")
    if executable is None:
        return {"skipped": "chromium is not installed"}
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable)
        page = browser.new_page()
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        start = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        loaded = time.perf_counter() - start
        findings = page.locator("article.finding").count()
        start = time.perf_counter()
        page.locator("input[name=severity][value=error]").uncheck()
        filtered = time.perf_counter() - start
        shown = page.locator("#shown").inner_text()
        browser.close()
    return {
        "load_s": round(loaded, 3),
        "findings": findings,
        "filter_s": round(filtered, 3),
        "after_filter": shown,
        "console_errors": problems,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="10k")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, default=OUT / "report.json")
    options = parser.parse_args(argv)
    OUT.mkdir(exist_ok=True)
    model = OUT / f"report-model-{options.size}"
    if model.exists():
        shutil.rmtree(model)
    subprocess.run(
        [sys.executable, str(HERE / "generate.py"), options.size, str(model), "--seed", "1"],
        env=_env(),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    html = OUT / f"report-{options.size}.html"
    args = ("report", str(model), "-o", str(html))
    _govrules(*args, cwd=OUT)  # untimed: writes bytecode and fills the cache
    cold = [_govrules(*args, "--no-cache", cwd=OUT) for _ in range(options.repeat)]
    warm = [_govrules(*args, cwd=OUT) for _ in range(options.repeat)]
    # The lint alone, on the same model in the same minutes: what the report adds is the rest.
    lint = ("lint", "--format", "json", "--exit-zero", "--no-cache", str(model))
    linted = [_govrules(*lint, cwd=OUT) for _ in range(options.repeat)]
    files = sum(1 for _ in model.rglob("*.gov"))
    result = {
        "size": options.size,
        "declarations": SIZES[options.size],
        "files": files,
        "report_bytes": html.stat().st_size,
        "no_cache_s": round(statistics.median(w for w, _c in cold), 3),
        "no_cache_cpu_s": round(statistics.median(c for _w, c in cold), 3),
        "warm_cache_s": round(statistics.median(w for w, _c in warm), 3),
        "warm_cache_cpu_s": round(statistics.median(c for _w, c in warm), 3),
        "lint_no_cache_s": round(statistics.median(w for w, _c in linted), 3),
        "lint_no_cache_cpu_s": round(statistics.median(c for _w, c in linted), 3),
        "load_average": round(os.getloadavg()[0], 2),
        "runs": options.repeat,
        "browser": _browser(html),
        "cpus": os.cpu_count(),
    }
    options.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
