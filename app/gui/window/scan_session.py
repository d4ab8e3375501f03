"""The scan as the window sees it: the engine runs in a child process and streams small messages back,
read a few at a time between frames, so the window's event loop never waits on the engine."""

from __future__ import annotations

import gc
import multiprocessing
import pickle
import threading
import time

from PySide6.QtCore import QObject, QTimer, Signal

from app.core.streaming import run_child

POLL_MS = 10
BUDGET_S = 0.012  # reading time per turn of the event loop; one message is far smaller than this


def _warm_up() -> None:
    """Import what the stream unpickles into (records, alignment rows, the index's overlaps: numpy) on a
    thread while the child starts, instead of inside the first message's unpickling on the GUI thread."""

    def load() -> None:
        import app.core.records
        import app.core.scan  # noqa: F401

    threading.Thread(target=load, name="scan-session-warm-up", daemon=True).start()


class ScanSession(QObject):
    """One scan in one child process. Signals arrive on the GUI thread; drop the session when it is done."""

    progress = Signal(str, int, int, str)  # stage, done, total, message
    partial = Signal(object)  # a ScanResult with the documents, before the pairs
    finished = Signal(object)  # ScanResult
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, paths: list[str], settings, parent=None, cache_path=None):
        super().__init__(parent)
        # spawn, not fork: the window has threads (Qt's among them), and a forked copy of them is unsafe
        ctx = multiprocessing.get_context("spawn")
        self._conn, child_end = ctx.Pipe(duplex=False)
        self.process = ctx.Process(target=run_child, args=(list(paths), settings, child_end, cache_path), name="wiretrace-scan")
        self._child_end = child_end
        self._articles: list = []
        self._pairs: list = []
        self._cancelling = False
        self._over = False
        self._timer = QTimer(self, interval=POLL_MS)
        self._timer.timeout.connect(self._read)

    def start(self) -> None:
        self.process.start()
        _warm_up()
        self._child_end.close()  # the child holds its end; ours closed, its exit reads as end of file
        self._timer.start()

    def cancel(self) -> None:
        """Stop the scan now: the child and its workers are terminated; `cancelled` follows."""
        if self._over:
            return
        self._cancelling = True
        if self.process.is_alive():
            self.process.terminate()

    def wait(self, ms: int = 10000) -> bool:
        """Wait for the child to be gone (only where waiting is wanted: closing the window, tests)."""
        if self.process.pid is None:
            return True
        self.process.join(ms / 1000)
        return not self.process.is_alive()

    @property
    def running(self) -> bool:
        return not self._over

    # ------------------------------------------------------------ reading the stream

    def _read(self) -> None:
        deadline = time.perf_counter() + BUDGET_S
        while not self._over and time.perf_counter() < deadline:
            try:
                if not self._conn.poll():
                    break
                data = self._conn.recv_bytes()
            except (EOFError, OSError):
                self._ended()
                return
            self._handle(pickle.loads(data))
            # what was just read lives as long as the result: keep the collector from walking it again
            gc.freeze()

    def _handle(self, message: tuple) -> None:
        tag = message[0]
        if self._cancelling:
            return
        if tag == "progress":
            self.progress.emit(*message[1:])
        elif tag == "articles":
            for i, art in message[1]:
                if i >= len(self._articles):
                    self._articles.extend([None] * (i + 1 - len(self._articles)))
                self._articles[i] = art
        elif tag == "partial":
            from app.core.records import ScanResult

            self.partial.emit(ScanResult(message[1], list(self._articles), list(message[2])))
        elif tag == "pairs":
            self._pairs.extend(message[1])
        elif tag == "result":
            result = message[1]
            result.articles, result.pairs = self._articles, self._pairs
            self._finish()
            self.finished.emit(result)
        elif tag == "failed":
            self._finish()
            self.failed.emit(message[1])

    def _ended(self) -> None:
        """The child is gone without a result: cancelled, or it died."""
        if self._over:
            return
        self._finish()
        if self._cancelling:
            self.cancelled.emit()
            return
        self.process.join(1)
        self.failed.emit(f"The scan stopped unexpectedly (exit code {self.process.exitcode}).")

    def _finish(self) -> None:
        self._over = True
        self._timer.stop()
        self._conn.close()
