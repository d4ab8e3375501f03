"""Starting the window: shown first, heavy imports after, `--smoke` for start-up checks."""

from __future__ import annotations

import sys
import time

T0 = time.perf_counter()


def _warm_up_engine() -> None:
    """Import the engine (what the window unpickles scan results into and aligns pairs with) on a background
    thread once the window is up. The sentence model is not loaded here: scans run in a child process, and
    unpickling the model here would hold the interpreter lock, and the window, for a while."""
    import threading

    def load() -> None:
        from app.core.scan import scan  # noqa: F401

    threading.Thread(target=load, name="warm-up", daemon=True).start()


def reopen_paths() -> list[str]:
    """The folders opened last, when Preferences ask to reopen them and they still exist."""
    import os

    from app.gui import settings as opts

    if not opts.get(opts.REOPEN):
        return []
    return [p for p in opts.get(opts.LAST_PATHS) if os.path.exists(p)]


def run_gui(paths: list[str], smoke: bool = False) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from app import resources_path

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Wiretrace")
    app.setOrganizationName("Wiretrace")
    app.setDesktopFileName("wiretrace")
    app.setWindowIcon(QIcon(str(resources_path("icons", "wiretrace.png"))))

    from app.gui.window import MainWindow

    window = MainWindow()
    window.show()
    first_window = time.perf_counter() - T0
    _warm_up_engine()
    if not paths and not smoke:
        paths = reopen_paths()
    if paths:
        QTimer.singleShot(0, lambda: window.open_paths(paths))
    if smoke:
        status = {"code": 1}

        def done(result) -> None:
            model = window.pair_view.model
            rows = len(model.slots) if model is not None else 0
            ok = bool(result.articles) and (not result.pairs or rows)
            print(f"smoke: first window {first_window:.2f}s, {len(result.articles)} articles, "
                  f"{len(result.pairs)} pairs, pair view rows {rows}", flush=True)
            status["code"] = 0 if ok else 1
            QTimer.singleShot(200, app.quit)

        window.scan_finished.connect(done)
        QTimer.singleShot(120_000, app.quit)  # never hang a build
        app.exec()
        _tear_down(app, window)
        return status["code"]
    code = app.exec()
    _tear_down(app, window)
    return code


def _tear_down(app, window) -> None:
    """Destroy the window and Qt itself before Python finalises: Qt objects collected during interpreter
    shutdown (a scan thread, its worker) can crash the process on its way out."""
    window.close()
    window.deleteLater()
    app.processEvents()
    app.shutdown()
