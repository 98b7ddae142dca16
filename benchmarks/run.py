"""The govrules benchmark: each phase at 1k, 10k and 100k declarations, beside its peers.

    PYTHONPATH=src python benchmarks/run.py [--quick] [--sizes 1k,10k,100k] [--repeat 3]
                                            [--json FILE] [--shacl-100k] [--profile 10k]

For each size it generates a model (``generate.py``, seeded) into a temporary
directory under ``benchmarks/out/`` and, in this one process, times the phases
of ``govrules.load`` (read, parse, build, resolve: read off the loader's own
stage functions while ``load`` runs, so whatever ``load`` does around them,
such as pausing the garbage collector, is measured too), then ``lint`` with
every built-in rule (evaluate) and the JSON report. Each figure is the median
of ``--repeat`` runs (one at 100k). Beside them, in the same run:

* a bare lark LALR parse of the same texts with the same grammar file,
  ``propagate_positions=True`` and no transformer: the reference for loading;
* a hand-written check of OWN001 and SUP001 with plain dicts and sets (the
  floor) against the evaluator running only those two rules;
* pySHACL validating the same facts, translated to Turtle files, against
  SHACL shapes for OWN001 and SUP001, end to end from files (parse + validate);
* peak resident memory of a full lint in a fresh process per size
  (``ru_maxrss``), and the start-up cost of ``govrules lint`` on one small file
  against ``python -c "import lark, attrs, click"``.

The table goes to stdout, every figure to ``--json`` (default
``benchmarks/out/results.json``). The machine is shared and noisy: compare the
ratios measured side by side in one run, not absolute seconds across runs.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import datetime
import functools
import gc
import inspect
import io
import itertools
import json
import os
import platform
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
if str(ROOT / "src") not in sys.path:
    # Run from a checkout without installing: the source tree comes first.
    sys.path.insert(0, str(ROOT / "src"))

import generate  # noqa: E402
import lark  # noqa: E402
import peers  # noqa: E402
from lark import Lark  # noqa: E402

import govrules  # noqa: E402
from govrules import loader  # noqa: E402
from govrules.engine.catalogue import builtin_rules  # noqa: E402
from govrules.engine.evaluate import evaluate  # noqa: E402
from govrules.linting import lint  # noqa: E402
from govrules.report import RenderOptions, render  # noqa: E402
from govrules.resources import data_dir  # noqa: E402

STAGES = ("read", "parse", "build", "resolve")
TWO_RULES = ("OWN001", "SUP001")
SMALL_EXAMPLE = "examples/01-work-organization/before/money.gov"

# --- timing helpers -----------------------------------------------------------


def median(values: Sequence[float]) -> float:
    """The median (the statistic every figure here reports)."""
    return statistics.median(values)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector, as ``lint`` does around evaluation (for the rule peers)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class StageClock:
    """Times the loader's stage functions while ``govrules.load`` runs.

    The wrappers replace the names in :mod:`govrules.loader` that ``load``
    calls (the batch functions and the per-file ones, whichever the loader
    of the day uses), so ``load`` itself runs unchanged. Only the outermost
    wrapped call is timed, so ``parse_sources`` calling ``parse`` counts once.
    A stage that ``load`` no longer calls by these names reads 0, and its
    time shows up as "other".
    """

    NAMES = (
        ("discover", "read"),
        ("read_source", "read"),
        ("parse_sources", "parse"),
        ("parse", "parse"),
        ("build_all", "build"),
        ("build_file", "build"),
        ("resolve", "resolve"),
    )

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.cpu: dict[str, float] = defaultdict(float)
        self.calls: Counter[str] = Counter()
        self._saved: dict[str, Any] = {}
        self._depth = 0

    def _wrap(self, name: str, stage: str) -> None:
        original = getattr(loader, name)
        self._saved[name] = original

        @functools.wraps(original)
        def timed(*args: Any, **kwargs: Any) -> Any:
            if self._depth:
                return original(*args, **kwargs)
            self._depth += 1
            t0, c0 = time.perf_counter(), time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds[stage] += time.perf_counter() - t0
                self.cpu[stage] += time.process_time() - c0
                self.calls[name] += 1
                self._depth -= 1

        setattr(loader, name, timed)

    @contextmanager
    def installed(self) -> Iterator[None]:
        """The wrappers in place for the duration of the block."""
        for name, stage in self.NAMES:
            if callable(getattr(loader, name, None)):
                self._wrap(name, stage)
        try:
            yield
        finally:
            for name, original in self._saved.items():
                setattr(loader, name, original)
            self._saved.clear()


def lint_once(model_dir: Path) -> dict[str, Any]:
    """One cold lint of the model in ``model_dir``: seconds per phase and the outcome."""
    clock = StageClock()
    t0, c0 = time.perf_counter(), time.process_time()
    with clock.installed():
        model = govrules.load([str(model_dir)])
    t1, c1 = time.perf_counter(), time.process_time()
    report = lint(model, rules=builtin_rules())
    t2, c2 = time.perf_counter(), time.process_time()
    text = render(report, "json", RenderOptions(tool_version=govrules.__version__))
    t3, c3 = time.perf_counter(), time.process_time()
    seconds = {s: clock.seconds.get(s, 0.0) for s in STAGES}
    seconds["load_total"] = t1 - t0
    seconds["other"] = max(0.0, (t1 - t0) - sum(seconds[s] for s in STAGES))
    seconds["evaluate"] = t2 - t1
    seconds["report"] = t3 - t2
    # CPU seconds of this process beside wall-clock ones: on a shared machine,
    # time spent waiting for a core inflates the wall clock but not these.
    cpu = {s: clock.cpu.get(s, 0.0) for s in STAGES}
    cpu["load_total"] = c1 - c0
    cpu["other"] = max(0.0, (c1 - c0) - sum(cpu[s] for s in STAGES))
    cpu["evaluate"] = c2 - c1
    cpu["report"] = c3 - c2
    return {
        "seconds": seconds,
        "cpu": cpu,
        "declarations": len(model),
        "diagnostics": len(model.diagnostics),
        "first_diagnostics": [
            f"{f.location.file}:{f.location.line}: {f.code} {f.message}"
            for f in model.diagnostics[:5]
        ],
        "findings": Counter(f.code for f in report.findings),
        "report_bytes": len(text.encode("utf-8")),
        "files": len(model.files),
    }


@functools.cache
def bare_parser() -> Lark:
    """lark with the same grammar file, positions on, no transformer, no callbacks."""
    grammar = (data_dir("grammar") / "govrules.lark").read_text(encoding="utf-8")
    return Lark(grammar, parser="lalr", propagate_positions=True)


def bare_parse(texts: Sequence[str], collector: bool) -> tuple[float, float]:
    """Wall and CPU seconds for a bare lark parse of every text (building lark's trees)."""
    parser = bare_parser()
    with contextlib.nullcontext() if collector else collector_paused():
        t0, c0 = time.perf_counter(), time.process_time()
        trees = [parser.parse(t) for t in texts]
        elapsed = time.perf_counter() - t0, time.process_time() - c0
    del trees
    return elapsed


def model_texts(model_dir: Path) -> list[str]:
    """The texts govrules reads, in its order, for the bare parse."""
    out = []
    for name in loader.discover([str(model_dir)]):
        src = loader.read_source(name)
        if src.text is not None:
            out.append(src.text)
    return out


# --- one size -------------------------------------------------------------------


def measure_size(n: int, args: argparse.Namespace, workdir: Path, shacl_ok: bool) -> dict[str, Any]:
    """Everything measured at one size."""
    model_dir = workdir / f"model-{n}"
    t0 = time.perf_counter()
    gen = generate.generate(n, args.seed, args.fault_rate)
    generate.write(gen, model_dir, args.seed, args.fault_rate, n)
    gen_s = time.perf_counter() - t0
    manifest = json.loads((model_dir / "MANIFEST.json").read_text(encoding="utf-8"))
    texts = model_texts(model_dir)
    result: dict[str, Any] = {
        "n": manifest["declarations"],
        "nested": manifest["nested_declarations"],
        "files": manifest["files"],
        "lines": sum(t.count("\n") for t in texts),
        "bytes": sum(len(t.encode("utf-8")) for t in texts),
        "generate_s": gen_s,
        "expected_findings": manifest["expected_findings"],
        # How busy the shared machine was: wall-clock figures need this context.
        "load_average_before": os.getloadavg(),
    }
    repeat = args.repeat if n < 100_000 else args.repeat_large
    log(f"[{n}] generated {result['files']} files, {result['lines']} lines; {repeat} repeat(s)")

    runs: list[dict[str, Any]] = []
    bare_on: list[float] = []
    bare_off: list[float] = []
    bare_on_cpu: list[float] = []
    bare_off_cpu: list[float] = []
    for i in range(repeat):
        # Alternate govrules and the reference so drift on a shared machine hits both.
        gc.collect()
        run = lint_once(model_dir)
        runs.append(run)
        gc.collect()
        wall, cpu = bare_parse(texts, collector=True)
        bare_on.append(wall)
        bare_on_cpu.append(cpu)
        gc.collect()
        wall, cpu = bare_parse(texts, collector=False)
        bare_off.append(wall)
        bare_off_cpu.append(cpu)
        s = run["seconds"]
        log(
            f"[{n}] run {i + 1}: load {s['load_total']:.2f}s, evaluate {s['evaluate']:.2f}s, "
            f"bare parse {bare_on[-1]:.2f}s"
        )
    phases = {
        key: {
            "median": median([r["seconds"][key] for r in runs]),
            "min": min(r["seconds"][key] for r in runs),
            "runs": [r["seconds"][key] for r in runs],
            "cpu_median": median([r["cpu"][key] for r in runs]),
            "cpu_runs": [r["cpu"][key] for r in runs],
        }
        for key in (*STAGES, "other", "load_total", "evaluate", "report")
    }
    last = runs[-1]
    pbr = [r["seconds"]["parse"] + r["seconds"]["build"] + r["seconds"]["resolve"] for r in runs]
    e2e = [
        r["seconds"]["load_total"] + r["seconds"]["evaluate"] + r["seconds"]["report"] for r in runs
    ]
    pbr_cpu = [r["cpu"]["parse"] + r["cpu"]["build"] + r["cpu"]["resolve"] for r in runs]
    result.update(
        phases=phases,
        load_s=median(pbr),
        load_runs=pbr,
        load_cpu_s=median(pbr_cpu),
        bare_parse_cpu_s=median(bare_on_cpu),
        bare_parse_gc_off_cpu_s=median(bare_off_cpu),
        end_to_end_s=median(e2e),
        bare_parse_s=median(bare_on),
        bare_parse_runs=bare_on,
        bare_parse_gc_off_s=median(bare_off),
        diagnostics=last["diagnostics"],
        first_diagnostics=last["first_diagnostics"],
        findings=dict(sorted(last["findings"].items())),
        report_bytes=last["report_bytes"],
    )
    result["declarations_per_s"] = {
        "load": result["n"] / result["load_s"],
        "end_to_end": result["n"] / result["end_to_end_s"],
    }
    result["ratios"] = {
        "load_over_bare_parse": result["load_s"] / result["bare_parse_s"],
        "load_over_bare_parse_gc_off": result["load_s"] / result["bare_parse_gc_off_s"],
        "load_over_bare_parse_cpu": result["load_cpu_s"] / result["bare_parse_cpu_s"],
        "load_over_bare_parse_gc_off_cpu": result["load_cpu_s"] / result["bare_parse_gc_off_cpu_s"],
        "load_with_read_over_bare_parse": phases["load_total"]["median"] / result["bare_parse_s"],
        "evaluate_over_load": phases["evaluate"]["median"] / result["load_s"],
        "evaluate_over_load_with_read": phases["evaluate"]["median"]
        / phases["load_total"]["median"],
    }
    expected = Counter(result["expected_findings"])
    found = Counter(result["findings"])
    result["planted_faults_found"] = {
        code: {"expected": expected[code], "found": found[code]}
        for code in sorted(set(expected) | set(found))
        if expected[code] != found[code]
    }

    model = govrules.load([str(model_dir)])
    # Sub-millisecond timings at 1k need more alternating runs for a steady median.
    rule_runs = 25 if n <= 1_000 else max(repeat, 5) if n < 100_000 else 3
    result["rules"] = compare_rules(model, rule_runs)
    if shacl_ok and (n < 100_000 or args.shacl_100k):
        result["shacl"] = compare_shacl(model, model_dir, workdir / f"ttl-{n}", repeat, result)
    del model
    gc.collect()
    if not args.no_memory:
        result["memory"] = memory_probe(model_dir, args.tracemalloc)
    # Parallel loading and the cache exist only in newer checkouts: measured when present.
    options = load_options()
    if "jobs" in options:
        result["parallel"] = compare_parallel(model_dir, repeat, result)
    if "cache" in options:
        result["cache"] = compare_cache(model_dir, workdir / f"cache-{n}", max(repeat, 3), result)
    result["load_average_after"] = os.getloadavg()
    if not args.keep:
        shutil.rmtree(model_dir, ignore_errors=True)
    return result


def compare_rules(model: govrules.Model, repeat: int) -> dict[str, Any]:
    """The floor against the evaluator on OWN001 and SUP001, alternating, collector paused."""
    two = [r for r in builtin_rules() if r.code in TWO_RULES]
    floor_s: list[float] = []
    inverse_s: list[float] = []
    engine_s: list[float] = []
    floor: set[tuple[str, str]] = set()
    inverse: set[tuple[str, str]] = set()
    engine: set[tuple[str, str]] = set()
    with collector_paused():
        for _ in range(repeat):
            t0 = time.perf_counter()
            floor = peers.floor_check(model)
            t1 = time.perf_counter()
            inverse = peers.floor_check_inverse(model)
            t2 = time.perf_counter()
            engine = {(f.code, f.subject or "") for f, _d in evaluate(model, two)}
            t3 = time.perf_counter()
            floor_s.append(t1 - t0)
            inverse_s.append(t2 - t1)
            engine_s.append(t3 - t2)
    out: dict[str, Any] = {
        "floor_s": median(floor_s),
        "floor_inverse_s": median(inverse_s),
        "evaluator_s": median(engine_s),
        "repeat": repeat,
        "violations": {
            code: {
                "floor": sum(1 for c, _s in floor if c == code),
                "floor_inverse": sum(1 for c, _s in inverse if c == code),
                "evaluator": sum(1 for c, _s in engine if c == code),
            }
            for code in TWO_RULES
        },
        "same_subjects": floor == inverse == engine,
    }
    out["evaluator_over_floor"] = out["evaluator_s"] / out["floor_s"]
    out["evaluator_over_floor_inverse"] = out["evaluator_s"] / out["floor_inverse_s"]
    return out


def compare_shacl(
    model: govrules.Model, model_dir: Path, ttl_dir: Path, repeat: int, result: dict[str, Any]
) -> dict[str, Any]:
    """pySHACL end to end from Turtle files, against govrules end to end from .gov files."""
    files, triples = peers.write_turtle(model, model_dir, ttl_dir)
    shapes = ttl_dir / "shapes.ttl"
    shapes.write_text(peers.SHAPES, encoding="utf-8")
    runs = []
    for i in range(repeat):
        gc.collect()
        runs.append(peers.run_shacl(files, shapes))
        log(f"[{result['n']}] pySHACL run {i + 1}: {runs[-1]['total_s']:.2f}s")
    shutil.rmtree(ttl_dir, ignore_errors=True)
    total = median([r["total_s"] for r in runs])
    two = result["rules"]["evaluator_s"]
    read = result["phases"]["read"]["median"]
    govrules_two = read + result["load_s"] + two
    out = {
        "ttl_files": len(files),
        "triples_written": triples,
        "triples_parsed": runs[-1]["triples"],
        "parse_s": median([r["parse_s"] for r in runs]),
        "validate_s": median([r["validate_s"] for r in runs]),
        "total_s": total,
        "violations": runs[-1]["violations"],
        "govrules_end_to_end_over_shacl": result["end_to_end_s"] / total,
        "govrules_two_rules_over_shacl": govrules_two / total,
        "govrules_two_rules_s": govrules_two,
    }
    return out


def load_options() -> set[str]:
    """The keyword options of ``govrules.load`` this checkout has (``jobs``, ``cache``)."""
    return set(inspect.signature(govrules.load).parameters) - {"paths"}


def lint_end_to_end(model_dir: Path, **load_kwargs: Any) -> tuple[float, govrules.Model]:
    """Seconds for load + lint + JSON report, with the given options to ``load``."""
    t0 = time.perf_counter()
    model = govrules.load([str(model_dir)], **load_kwargs)
    report = lint(model, rules=builtin_rules())
    render(report, "json")
    return time.perf_counter() - t0, model


def compare_parallel(model_dir: Path, repeat: int, result: dict[str, Any]) -> dict[str, Any]:
    """Loading on every core (``load(jobs=...)``) against one core, end to end."""
    jobs = os.cpu_count() or 1
    runs = []
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        govrules.load([str(model_dir)], jobs=jobs)
        runs.append(time.perf_counter() - t0)
    load_jobs = median(runs)
    return {
        "jobs": jobs,
        "load_with_read_s": load_jobs,
        "over_one_job": load_jobs / result["phases"]["load_total"]["median"],
    }


def compare_cache(
    model_dir: Path, cache_root: Path, repeat: int, result: dict[str, Any]
) -> dict[str, Any]:
    """A cold lint that fills the cache, then warm ones, each after one more file was changed.

    Each warm run changes a different municipality's file the way an author
    would (a line added), so each finds exactly one file the cache does not
    hold; the median of the runs is compared with the cold lint's median.
    """
    from govrules.cache import Cache  # only in checkouts that have the cache

    gc.collect()
    fill_s, model = lint_end_to_end(model_dir, cache=Cache(cache_root))
    del model
    victims = sorted(model_dir.rglob("gemeente_*.gov"))[:repeat]
    warm: list[float] = []
    hits = misses = 0
    for victim in victims:
        with victim.open("a", encoding="utf-8") as fh:
            fh.write("\n# reviewed by the secretary\n")
        gc.collect()
        cache = Cache(cache_root)
        warm_s, _model = lint_end_to_end(model_dir, cache=cache)
        del _model
        warm.append(warm_s)
        hits, misses = cache.hits, cache.misses
    shutil.rmtree(cache_root, ignore_errors=True)
    warm_s = median(warm)
    return {
        "cold_filling_cache_s": fill_s,
        "warm_after_one_change_s": warm_s,
        "warm_runs": warm,
        "hits": hits,
        "misses": misses,
        "warm_over_cold": warm_s / result["end_to_end_s"],
        "cold_filling_over_cold": fill_s / result["end_to_end_s"],
    }


def memory_probe(model_dir: Path, with_tracemalloc: bool) -> dict[str, Any]:
    """Peak resident memory of one full lint in a fresh process (and, if asked, the heap peak)."""
    out: dict[str, Any] = {}
    cmd = [sys.executable, str(Path(__file__).resolve()), "--probe", str(model_dir)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True, env=child_env())
    out.update(json.loads(done.stdout))
    if with_tracemalloc:
        done = subprocess.run(
            [*cmd, "--tracemalloc"], capture_output=True, text=True, check=True, env=child_env()
        )
        out.update(json.loads(done.stdout))
    return out


def probe(model_dir: str, with_tracemalloc: bool) -> None:
    """In a fresh process: load, lint and render once; print the memory figures as JSON."""
    builtin_rules()  # compiled before the baseline: a per-process constant, not per model

    def maxrss_mib() -> float:
        # Linux: VmHWM, the peak of this process image. ru_maxrss would be
        # wrong here: it survives exec, so a child started by a big parent
        # reports the parent's peak.
        try:
            with open("/proc/self/status", encoding="ascii") as fh:
                for line in fh:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            pass
        scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, else KiB
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 2**20

    if with_tracemalloc:
        import tracemalloc

        tracemalloc.start()
    before = maxrss_mib()
    model = govrules.load([model_dir])
    report = lint(model, rules=builtin_rules())
    render(report, "json")
    if with_tracemalloc:
        import tracemalloc

        _cur, peak = tracemalloc.get_traced_memory()
        print(json.dumps({"tracemalloc_peak_mib": peak / 2**20}))
        return
    print(json.dumps({"rss_after_imports_mib": before, "rss_peak_mib": maxrss_mib()}))


def child_env() -> dict[str, str]:
    """The environment for child processes: this checkout's sources first, bytecode allowed.

    An installed govrules has its bytecode compiled when pip installs it, as
    lark, attrs and click have theirs. ``PYTHONDONTWRITEBYTECODE`` (set on
    some machines, this project's build machine among them) would make every
    start-up compile govrules from source and measure that instead (about
    40 ms more on a 2-core VM), so it is dropped for the children; the first,
    untimed run writes the ``.pyc`` files.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(ROOT / "src"), env.get("PYTHONPATH", "")) if p
    )
    return env


# --- start-up ---------------------------------------------------------------------


def startup(runs: int) -> dict[str, Any]:
    """``govrules lint`` on one small file against importing its dependencies, fresh processes."""
    base = [sys.executable, "-c", "import lark, attrs, click"]
    lint_cmd = [sys.executable, "-m", "govrules", "lint", SMALL_EXAMPLE]
    env = child_env()

    def once(cmd: list[str]) -> tuple[float, int]:
        t0 = time.perf_counter()
        rc = subprocess.run(
            cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        ).returncode
        return time.perf_counter() - t0, rc

    once(base)  # warm the page cache and the .pyc files once, for both
    once(lint_cmd)
    a: list[float] = []
    b: list[float] = []
    codes = set()
    for _ in range(runs):
        a.append(once(base)[0])
        t, rc = once(lint_cmd)
        b.append(t)
        codes.add(rc)
    return {
        "imports_s": median(a),
        "lint_s": median(b),
        "ratio": median(b) / median(a),
        "runs": runs,
        "lint_exit_codes": sorted(codes),
        "commands": [" ".join(base), "python -m govrules lint " + SMALL_EXAMPLE],
    }


# --- profile ----------------------------------------------------------------------


def profile_load(n: int, args: argparse.Namespace, workdir: Path) -> str:
    """cProfile over one ``govrules.load`` of ``n`` declarations: top 15, cumulative and own."""
    model_dir = workdir / f"profile-{n}"
    generate.write(
        generate.generate(n, args.seed, args.fault_rate), model_dir, args.seed, args.fault_rate, n
    )
    prof = cProfile.Profile()
    prof.enable()
    govrules.load([str(model_dir)])
    prof.disable()
    prof.dump_stats(str(workdir / f"load-{n}.prof"))
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf).strip_dirs()
    buf.write(f"\n=== load of {n} declarations: top 15 by cumulative time ===\n")
    stats.sort_stats("cumulative").print_stats(15)
    buf.write(f"\n=== load of {n} declarations: top 15 by own time ===\n")
    stats.sort_stats("tottime").print_stats(15)
    shutil.rmtree(model_dir, ignore_errors=True)
    return buf.getvalue()


# --- output -----------------------------------------------------------------------


def log(msg: str) -> None:
    """Progress on stderr, so stdout carries only the table."""
    print(msg, file=sys.stderr, flush=True)


def label(n: int) -> str:
    """``10000`` -> ``10k``."""
    return f"{n // 1000}k" if n % 1000 == 0 else str(n)


def growth(sizes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Time ratios between consecutive sizes, beside the ratio of declarations."""
    out = []
    for a, b in itertools.pairwise(sizes):
        entry: dict[str, Any] = {"from": a["n"], "to": b["n"], "declarations": b["n"] / a["n"]}
        entry["load"] = b["load_s"] / a["load_s"]
        entry["load_with_read"] = (
            b["phases"]["load_total"]["median"] / a["phases"]["load_total"]["median"]
        )
        entry["evaluate"] = b["phases"]["evaluate"]["median"] / a["phases"]["evaluate"]["median"]
        entry["end_to_end"] = b["end_to_end_s"] / a["end_to_end_s"]
        entry["bare_parse"] = b["bare_parse_s"] / a["bare_parse_s"]
        entry["bare_parse_gc_off"] = b["bare_parse_gc_off_s"] / a["bare_parse_gc_off_s"]
        entry["cpu"] = {
            "load": b["load_cpu_s"] / a["load_cpu_s"],
            "end_to_end": _cpu_end_to_end(b) / _cpu_end_to_end(a),
            "evaluate": b["phases"]["evaluate"]["cpu_median"]
            / a["phases"]["evaluate"]["cpu_median"],
            "bare_parse": b["bare_parse_cpu_s"] / a["bare_parse_cpu_s"],
            "bare_parse_gc_off": b["bare_parse_gc_off_cpu_s"] / a["bare_parse_gc_off_cpu_s"],
        }
        out.append(entry)
    return out


def _cpu_end_to_end(size: dict[str, Any]) -> float:
    """CPU seconds of a whole cold lint: load (with read), evaluate and report."""
    return float(sum(size["phases"][k]["cpu_median"] for k in ("load_total", "evaluate", "report")))


def table(doc: dict[str, Any]) -> str:
    """The human table."""
    sizes = doc["sizes"]
    cols = [label(s["n"]) for s in sizes]
    w = 16  # wide enough for "1198/1198/1198"
    lines: list[str] = []

    def row(name: str, values: Sequence[str]) -> None:
        lines.append(f"{name:<44}" + "".join(f"{v:>{w}}" for v in values))

    def sec(v: float) -> str:
        return f"{v:.3f}" if v < 10 else f"{v:.2f}"

    def each(fn: Callable[[dict[str, Any]], str]) -> list[str]:
        out = []
        for s in sizes:
            try:
                out.append(fn(s))
            except (KeyError, TypeError, ZeroDivisionError):
                out.append("-")
        return out

    m = doc["machine"]
    lines.append(
        f"govrules benchmark, {doc['date']}: {m['platform']}, {m['cpu_count']} CPUs, "
        f"Python {m['python']}, lark {m['lark']}, govrules {m['govrules']}"
    )
    lines.append(f"command: {doc['command']}")
    lines.append(
        f"model: seed {doc['seed']}, fault rate {doc['fault_rate']}; "
        "seconds are medians of the repeats"
    )
    lines.append("")
    row("declarations (top-level)", cols)
    row("  nested declarations", each(lambda s: str(s["nested"])))
    row("  files / lines", each(lambda s: f"{s['files']}/{s['lines'] // 1000}k"))
    row("  repeats", each(lambda s: str(len(s["load_runs"]))))
    row("read (discover + read_source) s", each(lambda s: sec(s["phases"]["read"]["median"])))
    row("parse s", each(lambda s: sec(s["phases"]["parse"]["median"])))
    row("build s", each(lambda s: sec(s["phases"]["build"]["median"])))
    row("resolve s", each(lambda s: sec(s["phases"]["resolve"]["median"])))
    row("  other, inside load s", each(lambda s: sec(s["phases"]["other"]["median"])))
    row("load = parse + build + resolve s", each(lambda s: sec(s["load_s"])))
    row(
        "evaluate (lint, all built-in rules) s",
        each(lambda s: sec(s["phases"]["evaluate"]["median"])),
    )
    row("report (json) s", each(lambda s: sec(s["phases"]["report"]["median"])))
    row("end to end s", each(lambda s: sec(s["end_to_end_s"])))
    row("declarations/s, load", each(lambda s: f"{s['declarations_per_s']['load']:,.0f}"))
    row(
        "declarations/s, end to end",
        each(lambda s: f"{s['declarations_per_s']['end_to_end']:,.0f}"),
    )
    row(
        "peak RSS MiB, fresh process (after imports)",
        each(
            lambda s: (
                f"{s['memory']['rss_peak_mib']:.0f} ({s['memory']['rss_after_imports_mib']:.0f})"
            )
        ),
    )
    if any("tracemalloc_peak_mib" in s.get("memory", {}) for s in sizes):
        row(
            "peak Python heap MiB (tracemalloc)",
            each(lambda s: f"{s['memory']['tracemalloc_peak_mib']:.0f}"),
        )
    row(
        "load average before / after (2 cores)",
        each(lambda s: f"{s['load_average_before'][0]:.1f}/{s['load_average_after'][0]:.1f}"),
    )
    row("model diagnostics", each(lambda s: str(s["diagnostics"])))
    row(
        "planted faults found exactly",
        each(lambda s: "yes" if not s["planted_faults_found"] else "NO"),
    )
    if any("parallel" in s for s in sizes):
        row(
            "load incl. read, on every core s",
            each(lambda s: sec(s["parallel"]["load_with_read_s"])),
        )
        row("  / on one core", each(lambda s: f"{s['parallel']['over_one_job']:.2f}"))
    if any("cache" in s for s in sizes):
        row(
            "cold lint filling the cache s", each(lambda s: sec(s["cache"]["cold_filling_cache_s"]))
        )
        row(
            "warm re-lint, one file changed s",
            each(lambda s: sec(s["cache"]["warm_after_one_change_s"])),
        )
        row(
            "warm / cold without cache  (target <= 0.15)",
            each(lambda s: f"{s['cache']['warm_over_cold']:.3f}"),
        )
    lines.append("")
    lines.append("reference: bare lark LALR parse, same grammar, positions, no transformer")
    row("bare parse s (collector on, as lark ships)", each(lambda s: sec(s["bare_parse_s"])))
    row("bare parse s (collector off)", each(lambda s: sec(s["bare_parse_gc_off_s"])))
    row(
        "load / bare parse            (target <= 1.5)",
        each(lambda s: f"{s['ratios']['load_over_bare_parse']:.2f}"),
    )
    row(
        "load / bare parse, collector off",
        each(lambda s: f"{s['ratios']['load_over_bare_parse_gc_off']:.2f}"),
    )
    row(
        "load / bare parse, CPU seconds",
        each(lambda s: f"{s['ratios']['load_over_bare_parse_cpu']:.2f}"),
    )
    row(
        "load / bare parse, collector off, CPU seconds",
        each(lambda s: f"{s['ratios']['load_over_bare_parse_gc_off_cpu']:.2f}"),
    )
    row(
        "load incl. read / bare parse",
        each(lambda s: f"{s['ratios']['load_with_read_over_bare_parse']:.2f}"),
    )
    row(
        "evaluate / load              (target < 0.2)",
        each(lambda s: f"{s['ratios']['evaluate_over_load']:.3f}"),
    )
    lines.append("")
    lines.append("OWN001 + SUP001: hand-written floor vs the evaluator (collector paused)")
    row("floor, own dicts/sets s", each(lambda s: f"{s['rules']['floor_s']:.4f}"))
    row("floor, model's inverse indexes s", each(lambda s: f"{s['rules']['floor_inverse_s']:.4f}"))
    row("evaluator, 2 rules s", each(lambda s: f"{s['rules']['evaluator_s']:.4f}"))
    row(
        "evaluator / floor            (aim <= 3)",
        each(lambda s: f"{s['rules']['evaluator_over_floor']:.2f}"),
    )
    row(
        "evaluator / floor on inverses",
        each(lambda s: f"{s['rules']['evaluator_over_floor_inverse']:.2f}"),
    )
    row("violations OWN001 floor/evaluator/planted", each(lambda s: _viol(s, "OWN001")))
    row("violations SUP001 floor/evaluator/planted", each(lambda s: _viol(s, "SUP001")))
    lines.append("")
    lines.append("pySHACL: the same facts as Turtle files, shapes for OWN001 and SUP001")
    if doc.get("shacl_versions"):
        v = doc["shacl_versions"]
        lines.append(
            f"  (pySHACL {v['pyshacl']}, rdflib {v['rdflib']}; "
            "end to end from files: parse Turtle + validate)"
        )
        row("triples", each(lambda s: f"{s['shacl']['triples_parsed']:,}"))
        row("parse Turtle s", each(lambda s: sec(s["shacl"]["parse_s"])))
        row("validate s", each(lambda s: sec(s["shacl"]["validate_s"])))
        row("pySHACL total s", each(lambda s: sec(s["shacl"]["total_s"])))
        row(
            "govrules e2e, all rules / pySHACL",
            each(lambda s: f"{s['shacl']['govrules_end_to_end_over_shacl']:.3f}"),
        )
        row(
            "govrules load + 2 rules / pySHACL",
            each(lambda s: f"{s['shacl']['govrules_two_rules_over_shacl']:.3f}"),
        )
        row(
            "OWN001 violations pySHACL / govrules",
            each(
                lambda s: (
                    f"{s['shacl']['violations'].get('OWN001', 0)}/{s['findings'].get('OWN001', 0)}"
                )
            ),
        )
        row(
            "SUP001 violations pySHACL / govrules",
            each(
                lambda s: (
                    f"{s['shacl']['violations'].get('SUP001', 0)}/{s['findings'].get('SUP001', 0)}"
                )
            ),
        )
    else:
        lines.append(f"  skipped: {doc.get('shacl_skipped', 'not installed')}")
    if doc["growth"]:
        lines.append("")
        lines.append("growth between sizes, wall clock and CPU (target: <= 1.1x the declarations)")
        for g in doc["growth"]:
            lines.append(
                f"  {label(g['from'])} -> {label(g['to'])} ({g['declarations']:.0f}x declarations)"
                f"{'wall':>15}{'CPU':>11}"
            )
            c = g["cpu"]
            for name, wall, cpu in (
                ("load (parse + build + resolve)", g["load"], c["load"]),
                ("evaluate", g["evaluate"], c["evaluate"]),
                ("end to end", g["end_to_end"], c["end_to_end"]),
                ("bare parse, collector on", g["bare_parse"], c["bare_parse"]),
                ("bare parse, collector off", g["bare_parse_gc_off"], c["bare_parse_gc_off"]),
            ):
                cpu_text = f"{cpu:.2f}x" if cpu is not None else "-"
                lines.append(f"    {name:<34}{wall:>10.2f}x{cpu_text:>11}")
    if doc.get("startup"):
        s = doc["startup"]
        lines.append("")
        lines.append(f"start-up, fresh processes, median of {s['runs']}:")
        lines.append(f"  {s['commands'][0]}: {s['imports_s'] * 1000:.0f} ms")
        lines.append(
            f"  {s['commands'][1]}: {s['lint_s'] * 1000:.0f} ms "
            f"(exit {'/'.join(map(str, s['lint_exit_codes']))})"
        )
        lines.append(f"  ratio {s['ratio']:.2f} (target <= 2.5)")
    return "\n".join(lines)


def _viol(s: dict[str, Any], code: str) -> str:
    v = s["rules"]["violations"][code]
    return f"{v['floor']}/{v['evaluator']}/{s['expected_findings'].get(code, 0)}"


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    dirty = bool(
        subprocess.run(
            ["git", "status", "--porcelain", "--", "src", "grammar", "rulesets"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    return {
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "lark": lark.__version__,
        "govrules": govrules.__version__,
        "git_commit": commit + (" (with uncommitted changes in src/)" if dirty else ""),
        "load_average": os.getloadavg(),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """The command line."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1k,10k,100k", help="comma-separated, e.g. 1k,10k")
    ap.add_argument("--quick", action="store_true", help="1k and 10k only")
    ap.add_argument("--repeat", type=int, default=3, help="runs per size below 100k")
    ap.add_argument("--repeat-large", type=int, default=1, help="runs per size from 100k up")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--fault-rate", type=float, default=0.03)
    ap.add_argument("--json", type=Path, default=OUT / "results.json", help="where the figures go")
    ap.add_argument("--shacl-100k", action="store_true", help="run pySHACL at 100k too (slow)")
    ap.add_argument("--no-shacl", action="store_true")
    ap.add_argument("--no-memory", action="store_true", help="skip the fresh-process memory probe")
    ap.add_argument("--tracemalloc", action="store_true", help="also the Python heap peak (slow)")
    ap.add_argument("--no-startup", action="store_true")
    ap.add_argument("--startup-runs", type=int, default=10)
    ap.add_argument(
        "--profile", metavar="N", help="cProfile one load of N declarations and print it"
    )
    ap.add_argument("--keep", action="store_true", help="keep the generated models")
    ap.add_argument(
        "--workdir",
        type=Path,
        default=OUT,
        help="where the temporary models go (default: %(default)s)",
    )
    ap.add_argument("--probe", metavar="DIR", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.probe:
        probe(args.probe, args.tracemalloc)
        return 0

    sizes = generate.iter_sizes(["1k", "10k"] if args.quick else args.sizes.split(","))
    args.workdir.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="run-", dir=args.workdir))
    shacl_versions = None if args.no_shacl else peers.shacl_versions()
    doc: dict[str, Any] = {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "command": "PYTHONPATH=src python benchmarks/run.py "
        + " ".join(sys.argv[1:] if argv is None else argv),
        "seed": args.seed,
        "fault_rate": args.fault_rate,
        "machine": machine(),
        "shacl_versions": shacl_versions,
    }
    if shacl_versions is None:
        doc["shacl_skipped"] = (
            "--no-shacl"
            if args.no_shacl
            else "pySHACL is not installed (pip install pyshacl; it is not a govrules dependency)"
        )
        log(f"pySHACL peer skipped: {doc['shacl_skipped']}")
    try:
        builtin_rules()  # compiled once per process, before any timing
        bare_parser()
        results = [measure_size(n, args, workdir, shacl_versions is not None) for n in sizes]
        doc["sizes"] = results
        doc["growth"] = growth(results)
        if not args.no_startup:
            log("start-up ...")
            doc["startup"] = startup(args.startup_runs)
        if args.profile:
            doc["profile"] = profile_load(generate.iter_sizes([args.profile])[0], args, workdir)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    text = table(doc)
    print(text)
    if doc.get("profile"):
        print(doc["profile"])
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(doc, indent=2, default=str) + "\n", encoding="utf-8")
    log(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
