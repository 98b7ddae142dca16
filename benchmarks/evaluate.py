"""Time the evaluator alone: every built-in rule over one generated model, N times.

For before/after comparisons of a change to the engine (the evaluation budget
was measured with it): load the model once, then time ``evaluate`` ``--repeat``
times with the collector paused, as ``govrules lint`` runs it, and print the
median and the spread. Run it with each tree on ``PYTHONPATH``, interleaved,
on an otherwise quiet machine:

    PYTHONPATH=src python benchmarks/generate.py 100k /tmp/model --seed 1
    PYTHONPATH=src python benchmarks/evaluate.py /tmp/model --repeat 15
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from pathlib import Path

from govrules.engine.catalogue import builtin_rules
from govrules.engine.evaluate import evaluate
from govrules.loader import load


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", type=Path, help="a directory of .gov files")
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    files = sorted(str(p) for p in args.model.rglob("*.gov"))
    model = load(files, jobs=1)
    rules = list(builtin_rules())
    findings = len(evaluate(model, rules))  # warm: rule compilation, caches
    times = []
    for _ in range(args.repeat):
        gc.collect()
        gc.disable()
        start = time.perf_counter()
        evaluate(model, rules)
        times.append(time.perf_counter() - start)
        gc.enable()
    times.sort()
    print(
        f"{len(files)} files, {len(rules)} rules, {findings} findings; evaluate over "
        f"{args.repeat} runs: median {statistics.median(times):.4f} s, "
        f"min {times[0]:.4f} s, max {times[-1]:.4f} s"
    )


if __name__ == "__main__":
    main()
