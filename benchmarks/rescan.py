"""F5 in the window on an unchanged folder: seconds from Rescan to the finished result, cold scan, rescans, CPU time."""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def folder(work: Path, corpora: Path | None, generated: int) -> Path:
    """Real coverage (the shared corpora, if given) and generated articles, in one folder."""
    from benchmarks import corpus

    out = work / "desk"
    out.mkdir()
    if corpora is not None:
        for f in sorted(corpora.rglob("*.txt")):
            shutil.copy(f, out / f"{f.parent.name}_{f.name}")
    corpus.generate(out / "generated", generated)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, help="folder of real articles (e.g. the shared corpora)")
    parser.add_argument("--generated", type=int, default=560)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="wiretrace-rescan-"))
    os.environ["XDG_CACHE_HOME"] = str(work / "cache")  # a cache of its own: the first scan is cold
    os.environ["XDG_CONFIG_HOME"] = str(work / "config")
    try:
        desk = folder(work, args.corpora, args.generated)
        from PySide6.QtWidgets import QApplication

        from app.gui.window import MainWindow

        app = QApplication.instance() or QApplication([])
        window = MainWindow()
        window.resize(1400, 900)
        window.show()
        done: list = []
        window.scan_finished.connect(done.append)
        aligned: list[str] = []

        def timed(start) -> tuple[float, float]:
            done.clear()
            wall, cpu = time.perf_counter(), time.process_time()
            start()
            if window.task is not None:
                window.task.progress.connect(lambda stage, d, t, m: stage == "align" and aligned.append(m))
            while not done:
                app.processEvents()
                time.sleep(0.002)
            return time.perf_counter() - wall, time.process_time() - cpu

        cold = timed(lambda: window.open_paths([str(desk)]))
        result = done[0]
        rescans = []
        for _ in range(args.repeat):
            aligned.clear()
            rescans.append(timed(window.actions.rescan.trigger))
        print(f"load average {os.getloadavg()[0]:.1f}; {len(result.articles)} articles, {len(result.pairs)} pairs")
        print(f"cold open: {cold[0]:.2f} s wall, {cold[1]:.2f} s CPU in the window's process")
        print(f"F5 on the unchanged folder, median of {args.repeat}: {statistics.median(w for w, _ in rescans):.2f} s "
              f"wall, {statistics.median(c for _, c in rescans):.2f} s CPU in the window's process")
        print(f"the last rescan's align stage: {aligned[0] if aligned else '(no message)'}")
        window.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
