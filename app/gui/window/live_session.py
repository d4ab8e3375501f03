"""A watched folder as the window sees it: the live engine and the watcher on one worker thread, each batch of
events handed to the GUI thread with the state it led to."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal


class LiveSession(QObject):
    """Watches `root` from the state of a finished scan of it. Signals arrive on the GUI thread (queued)."""

    changed = Signal(object, object)  # the events of one batch (the first opens with Watching), the LiveView
    failed = Signal(str)

    def __init__(self, root: str, result, cache_path=None, parent=None, poll: bool | None = None):
        super().__init__(parent)
        self.root = root
        self.result = result
        self.cache_path = cache_path
        self.poll = poll
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="live-desk", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, wait_s: float = 5.0) -> None:
        """Stop watching; the watcher notices within a tick (0.1 s) and the thread ends after its batch."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(wait_s)

    def _run(self) -> None:
        from app.core.live.desk import follow
        from app.core.live.engine import LiveScan
        from app.core.live.view import Views
        from app.core.live.watcher import FolderWatcher

        cache = None
        try:
            if self.result.settings.use_cache:
                from app.core.cache import AnalysisCache

                try:
                    cache = AnalysisCache(self.cache_path)
                except Exception:  # no cache is slower, never fatal
                    cache = None
            live = LiveScan(self.root, self.result.settings, cache)
            live.adopt(self.result)
            views = Views(self.result)  # the lists' rows worked out here: the window only puts them in
            for events in follow(live, FolderWatcher(self.root, poll=self.poll), self._stop):
                if not self._stop.is_set():
                    self.changed.emit(events, views.view(live.result))
        except Exception as err:  # the window says what went wrong; watching stops
            if not self._stop.is_set():
                self.failed.emit(f"{type(err).__name__}: {err}")
        finally:
            if cache is not None:
                cache.close()
