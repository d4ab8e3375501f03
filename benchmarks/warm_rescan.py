"""The warm rescan at scale: what reading the analysis cache back, with its checks, costs a user.

    python benchmarks/warm_rescan.py [--size 10000] [--runs 5] [--root CHECKOUT ...]

On a generated corpus (benchmarks/corpus.py, kept in benchmarks/out/) each checkout given (default: this
one) fills its own cache with one cold `wiretrace scan --json`, then the runs alternate between checkouts so
that they share the machine's load. Two warm rescans are timed, each in a fresh process: "unchanged", the
command again (the stored report is checked and served), and "rows", a scan that reads every article and
pair back from the cache (what the window's rescan does). Each gives the median wall time, the median CPU
time of the process and how many cached rows failed their checks (0 unless the cache is damaged); the load
average is printed with them, as the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

#: Run in a child: a scan of FOLDER that reads every row back from the cache; prints its figures as JSON.
ROWS = """
import json, sys, time
from app.core.cache import AnalysisCache
from app.core.scan import run, scan
from app.core.settings import Settings
t0, c0 = time.perf_counter(), time.process_time()
cache = AnalysisCache()
result = run(scan([sys.argv[1]], Settings(), cache))
cache.close()
print(json.dumps({"seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0,
                  "pairs": len(result.pairs), "damaged": getattr(cache, "damaged", 0),
                  "warnings": [w for w in result.warnings if "cache" in w]}))
"""


def timed(cmd: list[str], env: dict, cwd: Path) -> tuple[float, float, str]:
    """Wall and CPU seconds (user + system, the child and its workers) of a command, and its stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr[-2000:]}")
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, proc.stdout


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--root", action="append", type=Path, help="a checkout to time (repeat to compare)")
    args = ap.parse_args()
    roots = [r.resolve() for r in args.root or [HERE.parent]]
    folder = HERE / "out" / f"corpus-{args.size}"
    if not folder.is_dir():
        corpus.generate(folder, args.size)
    setups = []
    for root in roots:
        home = Path(tempfile.mkdtemp(prefix="wiretrace-warm-"))
        env = {**os.environ, "XDG_CACHE_HOME": str(home), "PYTHONPATH": str(root)}
        cmd = [sys.executable, "-m", "app", "scan", str(folder), "--json", str(home / "report.json")]
        wall, cpu, _ = timed(cmd, env, root)
        print(f"{root}: cold scan {wall:.1f} s wall, {cpu:.1f} s CPU", flush=True)
        setups.append((root, env, cmd, {"unchanged": [], "rows": []}))
    loads = [os.getloadavg()[0]]
    for _ in range(args.runs):
        for root, env, cmd, got in setups:
            wall, cpu, _ = timed(cmd, env, root)
            got["unchanged"].append((wall, cpu, 0))
            wall, cpu, out = timed([sys.executable, "-c", ROWS, str(folder)], env, root)
            figures = json.loads(out.splitlines()[-1])
            got["rows"].append((wall, cpu, figures["damaged"]))
            if figures["warnings"]:
                print(f"{root}: {figures['warnings']}")
            loads.append(os.getloadavg()[0])
    print(f"{args.size} articles, {args.runs} runs each, alternated; load average (1 min) "
          f"{min(loads):.1f}-{max(loads):.1f}")
    for root, _, _, got in setups:
        for label, runs in got.items():
            walls, cpus, damaged = zip(*runs, strict=True)
            print(f"{root}: warm {label:<9} median {statistics.median(walls):.2f} s wall "
                  f"({min(walls):.2f}-{max(walls):.2f}), {statistics.median(cpus):.2f} s CPU; "
                  f"damaged rows {max(damaged)}")


if __name__ == "__main__":
    main()
