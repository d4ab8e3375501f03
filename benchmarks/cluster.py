"""A scan through a Dask scheduler with two local workers against the plain scan, on the same generated corpus.

    python benchmarks/cluster.py [--sizes 1000,10000] [--runs 3] [--port 38786]

Starts `dask scheduler --host 127.0.0.1` and two `dask worker` processes (one thread each: this machine has
two cores), warms the workers with one scan that is not counted, then alternates, `--runs` times per size:
the plain `wiretrace scan` (its own two worker processes) and `wiretrace scan --scheduler` with the files
sent (`--files send`) and read by the workers (`--files shared`), all cold (an empty cache), each writing the
JSON report. Prints per size and mode the median wall time, the median CPU of every process involved (the
command and its children, orphans included; for the cluster also the scheduler and the workers), whether
every report is byte-identical to the plain one, the workers' resident memory after the scans, and the load
average before and after.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import ROOT, corpus_for, timed_run  # noqa: E402

MODES = ("plain", "send", "shared")


def tree_cpu(pids: list[int]) -> float:
    """User + system seconds of these processes and their living descendants."""
    total = 0.0
    for pid in pids:
        try:
            root = psutil.Process(pid)
            for proc in [root, *root.children(recursive=True)]:
                times = proc.cpu_times()
                total += times.user + times.system
        except psutil.NoSuchProcess:
            pass
    return total


def tree_rss(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            root = psutil.Process(pid)
            total += sum(p.memory_info().rss for p in [root, *root.children(recursive=True)])
        except psutil.NoSuchProcess:
            pass
    return total


def wait_for(port: int, seconds: float = 60) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise SystemExit(f"no scheduler on 127.0.0.1:{port}")


def start_cluster(port: int, env: dict, logs: Path) -> list[subprocess.Popen]:
    """`dask scheduler` and two `dask worker` processes, as the README starts them; started in `logs`."""
    dask = str(Path(sys.executable).with_name("dask"))
    procs = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, cwd=logs)]
    wait_for(port)
    for n in range(2):
        procs.append(subprocess.Popen(
            [dask, "worker", f"tcp://127.0.0.1:{port}", "--nthreads", "1", "--no-dashboard", "--name", f"w{n}"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, cwd=logs))
    return procs


def become_subreaper() -> None:
    """Orphans of a scan (workers it killed and did not wait for) come to this process, so that reaping
    them counts their CPU in RUSAGE_CHILDREN rather than losing it with init (Linux only)."""
    import ctypes

    ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER


def reap_orphans(keep: list[int]) -> None:
    for child in psutil.Process().children():
        if child.pid not in keep:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(child.pid, 0)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def scan_once(folder: Path, mode: str, address: str, cluster_pids: list[int], env: dict, report: Path) -> dict:
    cmd = [sys.executable, "-m", "app", "scan", str(folder), "--no-cache", "--json", str(report)]
    if mode != "plain":
        cmd += ["--scheduler", address, "--files", mode]
    before = children_cpu(), tree_cpu(cluster_pids[:1]), tree_cpu(cluster_pids[1:])
    seconds, _, _ = timed_run(cmd, env)
    reap_orphans(cluster_pids)
    command = children_cpu() - before[0]
    scheduler, workers = tree_cpu(cluster_pids[:1]) - before[1], tree_cpu(cluster_pids[1:]) - before[2]
    if mode == "plain":  # the cluster idles meanwhile: its heartbeats are no part of the plain scan
        scheduler = workers = 0.0
    data = report.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    doc = json.loads(data)  # an identical report is worth something only if it found something
    found = {"articles": len(doc["documents"]), "pairs": len(doc["pairs"]), "skipped": len(doc["skipped"])}
    return {"wall": seconds, "cpu": command + scheduler + workers, "command": command, "scheduler": scheduler,
            "workers": workers, "digest": digest, "found": found}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--port", type=int, default=38786)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="wiretrace-cluster-bench-"))
    env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache"),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    address = f"tcp://127.0.0.1:{args.port}"
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    become_subreaper()
    procs = start_cluster(args.port, env, work)
    pids = [p.pid for p in procs]
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            folder, _ = corpus_for(size)
            scan_once(folder, "send", address, pids, env, work / "warm.json")  # workers import the engine once
            results: dict[str, list[dict]] = {m: [] for m in MODES}
            for run in range(args.runs):
                for mode in MODES if run % 2 == 0 else MODES[::-1]:  # alternate, so load drifts hit all alike
                    results[mode].append(scan_once(folder, mode, address, pids, env, work / f"{mode}.json"))
                    print(f"  {size} {mode:<6} run {run + 1}: {results[mode][-1]['wall']:.1f} s wall, "
                          f"{results[mode][-1]['cpu']:.1f} s CPU, load {os.getloadavg()[0]:.2f}, "
                          f"{results[mode][-1]['found']}", flush=True)
            plain = {r["digest"] for r in results["plain"]}
            print(f"{size} articles ({args.runs} runs each; medians):")
            for mode in MODES:
                rs = results[mode]
                wall = statistics.median(r["wall"] for r in rs)
                cpu = statistics.median(r["cpu"] for r in rs)
                base_wall = statistics.median(r["wall"] for r in results["plain"])
                base_cpu = statistics.median(r["cpu"] for r in results["plain"])
                same = all(r["digest"] in plain for r in rs) and len(plain) == 1
                part = {k: statistics.median(r[k] for r in rs) for k in ("command", "scheduler", "workers")}
                print(f"  {mode:<6} wall {wall:6.1f} s ({wall / base_wall:.2f}x)  CPU {cpu:6.1f} s "
                      f"({cpu / base_cpu:.2f}x: command {part['command']:.1f}, scheduler {part['scheduler']:.1f}, "
                      f"workers {part['workers']:.1f})  report identical to plain: {same}")
            print(f"  workers' and scheduler's resident memory now: {tree_rss(pids) / 1e6:.0f} MB")
    finally:
        for p in procs[::-1]:
            p.terminate()
        for p in procs:
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
        shutil.rmtree(work, ignore_errors=True)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
