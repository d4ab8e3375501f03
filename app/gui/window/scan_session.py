"""The scan as the window sees it: the engine runs on a worker thread; progress and results come back as queued signals."""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread, Signal, Slot


class ScanWorker(QObject):
    progress = Signal(str, int, int, str)  # stage, done, total, message
    partial = Signal(object)  # a ScanResult with what is known so far (the documents, before the pairs)
    finished = Signal(object)  # ScanResult
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, paths: list[str], settings, cache_path=None):
        super().__init__()
        self.paths = paths
        self.settings = settings
        self.cache_path = cache_path  # None: the platform's cache folder
        self._cancel = False

    def cancel(self) -> None:
        self._cancel = True

    @Slot()
    def run(self) -> None:
        from app.core.scan import scan

        cache = None
        try:
            if self.settings.use_cache:
                from app.core.cache import AnalysisCache

                try:
                    cache = AnalysisCache(self.cache_path)
                except Exception:  # no cache is slower, never fatal
                    cache = None
            gen = scan(self.paths, self.settings, cache)
            while True:
                if self._cancel:  # each yield is a place to stop
                    gen.close()
                    self.cancelled.emit()
                    return
                try:
                    p = next(gen)
                except StopIteration as stop:
                    self.finished.emit(stop.value)
                    return
                self.progress.emit(p.stage, p.done, p.total, p.message)
                if p.partial is not None:
                    self.partial.emit(p.partial)
        except Exception as err:
            self.failed.emit(f"{type(err).__name__}: {err}")
        finally:
            if cache is not None:
                cache.close()


class ScanTask(QObject):
    """Owns one worker and its thread; drop it when done."""

    def __init__(self, paths: list[str], settings, parent=None, cache_path=None):
        super().__init__(parent)
        self.thread = QThread(self)  # owned by the task, so Qt tears both down together
        self.worker = ScanWorker(paths, settings, cache_path)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        for sig in (self.worker.finished, self.worker.failed, self.worker.cancelled):
            sig.connect(self.thread.quit)
        self.thread.finished.connect(self.worker.deleteLater)

    def start(self) -> None:
        self.thread.start()

    def cancel(self) -> None:
        self.worker.cancel()

    def wait(self, ms: int = 10000) -> bool:
        return self.thread.wait(ms)
