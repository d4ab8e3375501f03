"""The one helper for work that must not run on the GUI thread: exports, PDF, printing preparation, views.

`Tasks.run(topic, work, on_done, on_error)` runs `work()` on Qt's thread pool; its result (or the exception it
raised) comes back on the GUI thread through a queued signal. Each topic keeps only its newest request: when the
user has moved on (a newer run of the same topic, or `drop(topic)`), the older result is dropped unseen.

`Tasks.run_steps(topic, work, on_step, on_done, on_error)` runs a generator job (superqt's GeneratorWorker,
Picard's run_task): each value it yields is handed to `on_step` on the GUI thread, and each `yield` is where a
stale job stops: once the user has moved on, the generator is closed there instead of resumed.

Tests swap the pool for a runner they control (`RUNNER`): run each job at once, or hold jobs to release later.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Generator
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

log = logging.getLogger(__name__)


def pool_runner(job: Callable[[], None]) -> None:
    """Run a job on Qt's global thread pool."""
    QThreadPool.globalInstance().start(_Job(job))


#: How jobs are started; tests replace it (see tests/conftest.py `sync_tasks`).
RUNNER: Callable[[Callable[[], None]], None] = pool_runner


class _Job(QRunnable):
    def __init__(self, job: Callable[[], None]):
        super().__init__()
        self.job = job

    def run(self) -> None:
        self.job()


class Tasks(QObject):
    """Runs callables off the GUI thread and hands back their result or error on it; drops stale results."""

    # token, succeeded, result or exception: emitted from the worker, received on the GUI thread (queued)
    _landed = Signal(int, bool, object)
    _step = Signal(int, object)  # token, a value a generator job yielded

    def __init__(self, parent=None):
        super().__init__(parent)
        self._tokens = itertools.count(1)
        self._current: dict[str, int] = {}  # topic -> token of its newest request
        self._callbacks: dict[int, tuple[str, Callable, Callable | None]] = {}
        self._steps: dict[int, Callable[[Any], None]] = {}  # token -> where a generator job's values go
        self._landed.connect(self._deliver)
        self._step.connect(self._deliver_step)

    def run(self, topic: str, work: Callable[[], Any], on_done: Callable[[Any], None],
            on_error: Callable[[BaseException], None] | None = None) -> int:
        """Start `work` for `topic`; any earlier request of that topic still under way becomes stale."""
        return self._start(topic, lambda _token: work(), on_done, on_error)

    def _start(self, topic: str, work: Callable[[int], Any], on_done: Callable[[Any], None],
               on_error: Callable[[BaseException], None] | None, on_step: Callable[[Any], None] | None = None) -> int:
        token = next(self._tokens)
        self._current[topic] = token
        self._callbacks[token] = (topic, on_done, on_error)
        if on_step is not None:
            self._steps[token] = on_step
        landed = self._landed

        def job() -> None:
            try:
                value = work(token)
            except Exception as err:  # handed to the GUI thread, which says what went wrong
                landed.emit(token, False, err)
            else:
                landed.emit(token, True, value)

        RUNNER(job)
        return token

    def run_steps(self, topic: str, work: Callable[[], Generator[Any, None, Any]], on_step: Callable[[Any], None],
                  on_done: Callable[[Any], None] | None = None,
                  on_error: Callable[[BaseException], None] | None = None) -> int:
        """Start the generator job `work()` for `topic`: every value it yields goes to `on_step`, its return value
        to `on_done`. When a newer request of `topic` (or `drop`) makes it stale, it stops at its next `yield`."""
        step, current = self._step, self._current

        def steps(token: int) -> Any:
            gen = work()
            try:
                while True:
                    value = next(gen)
                    if current.get(topic) != token:  # stale (a dict read is atomic, safe from this thread)
                        return None
                    step.emit(token, value)
            except StopIteration as stop:
                return stop.value
            finally:
                gen.close()  # a stale job's generator ends here: its `finally` clauses run, nothing more

        return self._start(topic, steps, on_done or (lambda _: None), on_error, on_step)

    def drop(self, topic: str) -> None:
        """The user moved on: whatever `topic` has under way will be dropped when it lands."""
        self._current.pop(topic, None)

    def busy(self, topic: str) -> bool:
        return topic in self._current

    @Slot(int, object)
    def _deliver_step(self, token: int, value: object) -> None:
        topic, _, _ = self._callbacks.get(token, (None, None, None))
        if topic is not None and self._current.get(topic) == token:
            self._steps[token](value)

    @Slot(int, bool, object)
    def _deliver(self, token: int, ok: bool, value: object) -> None:
        self._steps.pop(token, None)
        topic, on_done, on_error = self._callbacks.pop(token, (None, None, None))
        if topic is None or self._current.get(topic) != token:
            return  # stale: a newer request of this topic, or the user moved on
        del self._current[topic]
        if ok:
            on_done(value)
        elif on_error is not None:
            on_error(value)
        else:
            log.error("background task %s failed: %s", topic, value)


class Debounce(QObject):
    """Calls `slot` once, `ms` after the last `poke`: a burst of selection changes recomputes once."""

    def __init__(self, ms: int, slot: Callable[[], None], parent=None):
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(ms)
        self.timer.timeout.connect(slot)

    def poke(self) -> None:
        self.timer.start()  # restarts: only the last poke of a burst fires

    def flush(self) -> None:
        """Fire now if a call is pending (a test, or a command that needs the result at once)."""
        if self.timer.isActive():
            self.timer.stop()
            self.timer.timeout.emit()
