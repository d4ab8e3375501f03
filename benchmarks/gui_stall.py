"""The longest stall of the GUI event loop while the window scans a folder (a 5 ms timer probe).

    python benchmarks/gui_stall.py FOLDER     (prints JSON)
"""

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication


def main() -> int:
    app = QApplication([])
    from app.gui.window import MainWindow

    window = MainWindow()
    window.show()
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    probe = QTimer(interval=5)
    probe.timeout.connect(tick)
    result = {}

    def finished(res) -> None:
        result["seconds"] = time.perf_counter() - t0
        result["articles"] = len(res.articles)
        result["pairs"] = len(res.pairs)
        probe.stop()
        QTimer.singleShot(0, app.quit)

    window.scan_finished.connect(finished)
    probe.start()
    t0 = time.perf_counter()
    last[0] = t0
    window.open_paths([sys.argv[1]])
    app.exec()
    window.close()
    window.deleteLater()
    app.processEvents()
    app.shutdown()
    result["longest_stall_ms"] = round(max(gaps) * 1000, 1)
    result["stalls_over_50ms"] = sum(g > 0.05 for g in gaps)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
