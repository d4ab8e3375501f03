"""How long the window's event loop stalls while it scans and while an editor browses the result.

A 5 ms timer records every gap between its ticks; a gap is time the window could not repaint or react.
Phases: scanning FOLDER in the real window, then opening pairs one after another, zooming the overview,
then scanning a generated family of COPIES copies of one real article and opening its family view.

    python benchmarks/gui_stall.py FOLDER [--copies 300] [--pairs 20]     (prints JSON)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[1]
STALL = 0.050


def base_article() -> str:
    """A real article of about 750 words: from the shared corpus when it is there, else the repository's seeds."""
    shared = ROOT.parent / "shared" / "corpora" / "census"
    files = sorted(shared.glob("*.txt")) if shared.is_dir() else sorted((ROOT / "seeds").glob("*.txt"))
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    return min(texts, key=lambda t: abs(len(t.split()) - 750))


def make_family(out: Path, base: str, copies: int, seed: int = 1) -> None:
    """`copies` reprints of `base` with the edits reprints show: trimmed paragraphs, a changed figure, a changed
    word (sometimes a negation), and each site's own closing line."""
    rng = random.Random(seed)
    paras = [p for p in base.split("\n") if p.strip()]
    out.mkdir(parents=True, exist_ok=True)
    for n in range(copies):
        ps = list(paras)
        for _ in range(rng.randint(0, 3)):
            if len(ps) > 4:
                del ps[rng.randrange(2, len(ps))]
        k = rng.randrange(1, len(ps))
        ps[k] = re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(1, 9)), ps[k], count=1)
        k = rng.randrange(1, len(ps))
        words = ps[k].split()
        if len(words) > 6:
            words[rng.randrange(len(words))] = rng.choice(["not", "never", "reportedly", "officials", "Tuesday"])
            ps[k] = " ".join(words)
        ps.append(f"Read more from Site {n} at site{n}.example.")
        (out / f"{n:03}_copy.txt").write_text("\n\n".join(ps) + "\n", encoding="utf-8")


class Probe:
    """Gaps of a 5 ms timer, filed under the phase that was running, each with the CPU time the GUI thread
    and the whole process spent in it. On a shared machine a gap can also be the scheduler running someone
    else: a gap in which the GUI thread itself was busy for most of it is the window's own doing ("busy"),
    one in which another thread of the window was busy instead is a wait for the interpreter lock."""

    def __init__(self):
        self.phases: dict[str, list[tuple[float, float, float]]] = {}
        self.phase = "start"
        self.last = time.perf_counter()
        self.last_cpu = time.thread_time()
        self.last_process = time.process_time()
        self.timer = QTimer(interval=5)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now, cpu, process = time.perf_counter(), time.thread_time(), time.process_time()
        self.phases.setdefault(self.phase, []).append((now - self.last, cpu - self.last_cpu, process - self.last_process))
        self.last, self.last_cpu, self.last_process = now, cpu, process

    def enter(self, phase: str) -> None:
        self._tick()
        self.phase = phase

    @staticmethod
    def _figures(gaps: list[tuple[float, float, float]]) -> dict:
        busy = [g for g, cpu, _ in gaps if cpu >= g / 2]
        # the GUI thread idle but the process busy: waiting for the interpreter lock held by a worker thread
        locked = [g for g, cpu, process in gaps if cpu < g / 2 and process - cpu >= g / 2]
        return {"longest_stall_ms": round(max(g for g, _, _ in gaps) * 1000, 1),
                "stalls_over_50ms": sum(g > STALL for g, _, _ in gaps),
                "longest_busy_stall_ms": round(max(busy, default=0) * 1000, 1),
                "busy_stalls_over_50ms": sum(g > STALL for g in busy),
                "longest_lock_wait_ms": round(max(locked, default=0) * 1000, 1)}

    def summary(self) -> dict:
        out = {name: self._figures(gaps) for name, gaps in self.phases.items() if name != "start"}
        out["all"] = self._figures([g for name, gaps in self.phases.items() if name != "start" for g in gaps])
        return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--copies", type=int, default=300, help="copies in the generated family (0: skip)")
    parser.add_argument("--pairs", type=int, default=20, help="pairs to open one after another")
    args = parser.parse_args()

    app = QApplication([])
    from app.gui.window import MainWindow

    window = MainWindow()
    window.resize(1500, 950)
    window.show()
    probe = Probe()
    figures: dict = {}
    steps: list = []  # (delay ms, action): run one after another, each after the previous one's delay
    tmp = tempfile.TemporaryDirectory(prefix="wiretrace-stall-")
    family_folder = Path(tmp.name) / "family"
    if args.copies:
        make_family(family_folder, base_article(), args.copies)

    def next_step() -> None:
        if not steps:
            app.quit()
            return
        delay, action = steps.pop(0)
        QTimer.singleShot(delay, action)

    def scan(folder: str, phase: str, key: str):
        def go() -> None:
            probe.enter(phase)
            t0 = time.perf_counter()

            def done(result) -> None:
                window.scan_finished.disconnect(done)
                figures[key] = {"seconds": round(time.perf_counter() - t0, 2), "articles": len(result.articles),
                                "pairs": len(result.pairs)}
                QTimer.singleShot(1500, next_step)  # the result settling in: tables, first pair, collector

            window.scan_finished.connect(done)
            window.open_paths([folder])
        return go

    def open_pairs() -> None:
        probe.enter("browse pairs")
        n = min(args.pairs, len(window.result.pairs))
        for k in range(n):
            QTimer.singleShot(150 * k, lambda k=k: window.open_pair(k))
        QTimer.singleShot(150 * n + 300, next_step)

    def overview() -> None:
        probe.enter("overview zoom and pan")
        window.tabs.setCurrentWidget(window.overview)
        canvas = window.overview.canvas
        for k in range(12):
            QTimer.singleShot(100 * k, lambda k=k: canvas.zoom(1.5 if k < 6 else 1 / 1.5))
        QTimer.singleShot(1500, next_step)

    def family_view() -> None:
        probe.enter("family view")
        result = window.result
        family = max(result.families, key=len)
        t0 = time.perf_counter()
        first = {}
        view = window.family

        def chunk(*_a) -> None:
            first.setdefault("first", time.perf_counter() - t0)

        def filled() -> None:
            view.filled.disconnect(filled)
            view.copies.rowsInserted.disconnect(chunk)
            figures["family_view"] = {"copies": len(family) - 1, "first_copies_s": round(first.get("first", 0), 3),
                                      "all_copies_s": round(time.perf_counter() - t0, 2)}
            browse_family()

        view.filled.connect(filled)
        view.copies.rowsInserted.connect(chunk)
        window.show_family(family.reference)

    def browse_family() -> None:
        probe.enter("family view browsing")
        view = window.family
        rows = view.sentences.rowCount()
        for k in range(min(rows, 30)):
            def select(k=k) -> None:
                view.text_view.setCurrentIndex(view.sentences.index(k))
                view.table.sortByColumn(5, view.table.horizontalHeader().sortIndicatorOrder())
                view.table.verticalScrollBar().setValue(k * 10)
            QTimer.singleShot(60 * k, select)
        QTimer.singleShot(60 * min(rows, 30) + 500, next_step)

    steps += [(0, scan(args.folder, "scan", "scan")), (0, open_pairs), (0, overview)]
    if args.copies:
        steps += [(0, scan(str(family_folder), "scan family", "family_scan")), (0, family_view)]
    probe.timer.start()
    QTimer.singleShot(300, next_step)  # the window shown and idle first
    app.exec()
    probe.timer.stop()
    window.close()
    window.deleteLater()
    app.processEvents()
    app.shutdown()
    tmp.cleanup()
    print(json.dumps({**figures, "stalls": probe.summary()}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
