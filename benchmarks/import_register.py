"""Time ``govrules import`` on a generated national register, phase by phase.

    PYTHONPATH=src python benchmarks/import_register.py [--rows 100000] [--seed 1] [--xlsx]

Generates the register with ``benchmarks/register.py`` (not timed), then
times, in this process: reading the table, placing the rows, rendering and
formatting the files (``fmt`` parses each file twice: its input and, to
verify, its output) and writing them below a fresh temporary directory;
then the whole command in a fresh process (``python -m govrules import``),
which is what a user waits for. Prints one line per phase and the counts,
which must equal the generator's manifest.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import register

from govrules.importer import shipped_mapping
from govrules.importer.place import place
from govrules.importer.tables import read_table
from govrules.importer.write import render_files, write_files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--xlsx", action="store_true")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="govrules-import-"))
    try:
        fmt = "xlsx" if args.xlsx else "csv"
        source = work / f"register.{fmt}"
        rows, manifest = register.for_rows(args.rows, args.seed)
        (register.write_xlsx if args.xlsx else register.write_csv)(source, rows)
        mapping = shipped_mapping("gemeenschappelijke-regelingen")
        times: list[tuple[str, float]] = []
        start = time.perf_counter()
        table = read_table(source, fmt, mapping.source)
        times.append(("read", time.perf_counter() - start))
        start = time.perf_counter()
        placed = place(table, mapping)
        times.append(("place", time.perf_counter() - start))
        start = time.perf_counter()
        files = render_files(placed.declarations, "benchmark")
        times.append(("render + fmt", time.perf_counter() - start))
        start = time.perf_counter()
        write_files(work / "out", files)
        times.append(("write", time.perf_counter() - start))
        start = time.perf_counter()
        run = subprocess.run(
            [sys.executable, "-m", "govrules", "import", fmt, str(source), "--map",
             "gemeenschappelijke-regelingen", "-o", str(work / "cli"), "--quiet"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        wall = time.perf_counter() - start
        print(f"{manifest.rows} rows, {fmt}: {len(files)} files")
        for name, seconds in times:
            print(f"  {name:<14} {seconds:7.2f} s")
        print(f"  {'in-process':<14} {sum(s for _n, s in times):7.2f} s")
        print(f"  {'command':<14} {wall:7.2f} s  (exit {run.returncode})")
        counts = (
            placed.count("arrangement"),
            placed.count("organization"),
            placed.count("participant"),
            placed.skipped,
            placed.merged,
            placed.empty,
        )
        expected = (
            manifest.arrangements,
            manifest.organizations,
            manifest.participants,
            manifest.skipped,
            manifest.merged,
            manifest.empty,
        )
        print(f"  arrangements, organizations, participants, skipped, merged, empty: {counts}")
        if counts != expected:
            print(f"  MISMATCH with the manifest: {expected}")
            return 1
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
