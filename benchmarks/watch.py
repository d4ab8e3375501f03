"""How a watched folder keeps up in the window: from a file's last write to its pairs shown, the window's
longest stall while a burst lands, and the state it ends in against a cold scan of the same folder.

A generated folder of SIZE articles (`benchmarks/corpus.py`: reprints, site junk, stock phrases) is opened in
the real window with watching on; then files arrive, generated articles (a quarter of them reprints of
articles already there) and real ones from the shared corpora: SINGLES one at a time, then a BURST written
as fast as the disk takes them. Latency counts from the end of a file's last write to the window showing the
batch that holds it (its pairs are computed in the same batch), the settling wait for the file (0.3 s of no
change, so that nothing is read half-way) included. The live engine's CPU per batch is read on its thread.

    python benchmarks/watch.py [--size 10000] [--singles 20] [--burst 100] [--out DIR]    (prints JSON)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication

from benchmarks.gui_stall import Probe

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpora"


def real_articles() -> list[Path]:
    """Real scraped articles (copies of a few wire stories among them): the shared corpora, else the fixtures."""
    files = sorted(SHARED.glob("*/*.txt")) if SHARED.is_dir() else []
    return files or sorted((ROOT / "tests" / "fixtures" / "relations" / "articles").glob("*.txt"))


def prepare(out: Path, size: int, arrivals: int, seed: int) -> tuple[Path, list[Path]]:
    """The folder to open (SIZE generated articles) and the files that will arrive, in order."""
    from benchmarks.corpus import generate

    pool = out / f"pool-{size}-{arrivals}-{seed}"
    if not pool.is_dir():
        generate(pool, size + arrivals, seed=seed)
    files = sorted(pool.glob("*.txt"))
    folder = out / "desk"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for f in files[:size]:
        os.link(f, folder / f.name)
    generated, real = files[size:], real_articles()
    mixed = []  # one real article in every four arrivals
    while generated or real:
        for _ in range(3):
            if generated:
                mixed.append(generated.pop(0))
        if real:
            mixed.append(real.pop(0))
    return folder, mixed[:arrivals]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10000, help="articles in the folder when it is opened")
    parser.add_argument("--singles", type=int, default=20, help="files arriving one at a time")
    parser.add_argument("--burst", type=int, default=100, help="files arriving at once")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "out" / "watch"))
    parser.add_argument("--seed", type=int, default=7,
                        help="the generated corpus (7: the one the live desk was tuned on; report another)")
    parser.add_argument("--skip-cold", action="store_true", help="do not compare with a cold scan at the end")
    args = parser.parse_args()
    out = Path(args.out)
    os.environ.setdefault("XDG_CACHE_HOME", str(out / "cache"))  # the window's cache: the benchmark's own
    os.environ.setdefault("XDG_CONFIG_HOME", str(out / "config"))
    folder, arriving = prepare(out, args.size, args.singles + args.burst, args.seed)

    app = QApplication([])
    from app.core.live.engine import LiveScan
    from app.core.records import ArticleAdded
    from app.gui.window import MainWindow

    engine_cpu: list[float] = []
    apply = LiveScan.apply

    def timed_apply(self, changed=(), removed=()):
        t = time.thread_time()
        try:
            return apply(self, changed, removed)
        finally:
            engine_cpu.append(time.thread_time() - t)

    LiveScan.apply = timed_apply
    window = MainWindow()
    window.resize(1500, 950)
    window.show()
    own_work: list[float] = []  # the window's own time showing each batch (GUI thread CPU)
    refresh = window.desk.refresh

    def timed_refresh(view) -> None:
        t = time.thread_time()
        refresh(view)
        own_work.append(time.thread_time() - t)

    window.desk.refresh = timed_refresh
    shown: dict[str, float] = {}
    batches: list[int] = []

    def landed(events) -> None:
        now = time.perf_counter()
        added = [e.id for e in events if isinstance(e, ArticleAdded)]
        batches.append(len(added))
        for ident in added:
            shown.setdefault(ident, now)

    window.live_changed.connect(landed)
    probe = Probe()
    probe.timer.start()

    def wait(until, timeout: float) -> bool:
        end = time.perf_counter() + timeout
        while not until():
            if time.perf_counter() > end:
                return False
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
            time.sleep(0.001)
        return True

    figures: dict = {"size": args.size, "seed": args.seed, "load_before": os.getloadavg()}
    probe.enter("open and scan")
    t0 = time.perf_counter()
    window.open_paths([str(folder)], watch=True)
    assert wait(lambda: window.desk.active and batches, 3600), "the watch never started"
    figures["open_to_watching_s"] = round(time.perf_counter() - t0, 1)
    figures["pairs_at_start"] = len(window.result.pairs)

    def arrive(src: Path) -> tuple[str, float]:
        name = f"zz_{src.name}"
        with open(folder / name, "wb") as fh:
            fh.write(src.read_bytes())
        return name, time.perf_counter()

    probe.enter("idle")
    wait(lambda: False, 1.0)
    probe.enter("singles")
    singles, cpu_from = [], len(engine_cpu)
    for src in arriving[: args.singles]:
        name, written = arrive(src)
        wait(lambda name=name: name in shown, 60)
        singles.append(shown.get(name, float("inf")) - written)
        wait(lambda: False, 0.3)
    single_cpu = engine_cpu[cpu_from:]
    probe.enter("idle again")
    wait(lambda: False, 1.0)
    probe.enter("burst")
    written_at, own_from, cpu_from = {}, len(own_work), len(engine_cpu)
    for src in arriving[args.singles :]:
        name, at = arrive(src)
        written_at[name] = at
    first = min(written_at.values())
    wait(lambda: all(n in shown for n in written_at), 600)
    burst = [shown.get(n, float("inf")) - at for n, at in written_at.items()]
    probe.enter("after")
    wait(lambda: False, 1.0)
    probe.timer.stop()

    def ms(xs: list[float]) -> dict:
        return {"median_ms": round(statistics.median(xs) * 1000), "max_ms": round(max(xs) * 1000)} if xs else {}

    stalls = probe.summary()
    figures.update({
        "singles": {"files": len(singles), "write_to_shown": ms(singles), "engine_cpu_per_file": ms(single_cpu)},
        "burst": {"files": len(burst), "write_to_shown": ms(burst),
                  "last_write_to_all_shown_s": round(max(shown.get(n, float("inf")) for n in written_at)
                                                     - max(written_at.values()), 2),
                  "first_write_to_all_shown_s": round(max(shown.get(n, float("inf")) for n in written_at) - first, 2),
                  "batches": len(engine_cpu) - cpu_from, "engine_cpu_s": round(sum(engine_cpu[cpu_from:]), 2)},
        "window_own_work_per_batch": ms(own_work[own_from:]) | {"all_batches_max_ms": ms(own_work).get("max_ms")},
        "stalls": {k: stalls[k] for k in ("singles", "burst") if k in stalls},
        "pairs_at_end": len(window.result.pairs),
    })
    live = window.result
    window.desk.stop()
    window.close()
    if not args.skip_cold:
        from app.core.live.sameness import differences
        from app.core.scan import run, scan
        from app.core.settings import Settings

        t = time.perf_counter()
        cold = run(scan([str(folder)], Settings(use_cache=False)))
        figures["cold_scan_s"] = round(time.perf_counter() - t, 1)
        diff = differences(live, cold)
        figures["equal_to_cold_scan"] = not diff
        figures["differences"] = diff
        figures["cold"] = {"articles": len(cold.articles), "pairs": len(cold.pairs), "families": len(cold.families)}
    import resource

    figures["peak_rss_mb_window_process"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    figures["load_after"] = os.getloadavg()
    print(json.dumps(figures, indent=1))
    for f in folder.glob("zz_*"):
        f.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
