"""Which files of a watched folder to read and when: ignore rules, waiting for a file to settle, the watcher.

A file is read once its size and modification time have held still for `QUIET` seconds, so one still being
written (a scraper's download, a copy in progress) is never read half-way; each later change makes it wait
again and is then read as a new version. Events come from the system (inotify, FSEvents, ReadDirectoryChanges
through watchfiles); where it gives none (network shares, some containers) watchfiles polls instead.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

#: Seconds a file's size and modification time must hold still before it is read.
QUIET = 0.3
#: How often, in milliseconds, the watcher looks at files waiting to settle when no event comes.
TICK_MS = 100
#: Names of files still being written or an editor's scratch copies: never articles.
TEMPORARY = (".part", "~", ".swp", ".tmp", ".crdownload")


def ignored(root: str, path: str) -> bool:
    """Hidden files (and anything in a hidden folder under `root`) and temporary names."""
    parts = os.path.relpath(path, root).split(os.sep)
    return any(p.startswith(".") and p != os.curdir for p in parts) or parts[-1].lower().endswith(TEMPORARY)


@dataclass
class Batch:
    """Files that settled (new or changed) and files that went, since the last batch."""

    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    seen_at: dict[str, float] = field(default_factory=dict)  # path -> when its last change was seen


def file_stat(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


class Settler:
    """Files seen changing wait here until they hold still; `due` hands out those that did and those gone."""

    def __init__(self, quiet: float, clock: Callable[[], float] = time.monotonic):
        self.quiet = quiet
        self.clock = clock
        self.waiting: dict[str, tuple[tuple[int, int] | None, float, float]] = {}  # path -> stat, since, seen

    def saw(self, path: str) -> None:
        now = self.clock()
        self.waiting[path] = (file_stat(path), now, now)

    def due(self) -> Batch:
        now = self.clock()
        batch = Batch()
        for path, (was, since, seen) in list(self.waiting.items()):
            st = file_stat(path)
            if st is None and not os.path.lexists(path):
                del self.waiting[path]
                batch.removed.append(path)
            elif st != was:
                self.waiting[path] = (st, now, now)  # still being written: wait again from now
            elif now - since >= self.quiet:
                del self.waiting[path]
                batch.changed.append(path)
                batch.seen_at[path] = seen
        return batch


class FolderWatcher:
    """Batches of settled and removed files under `root`, until `stop` is set.

    `poll=None` lets watchfiles choose (system events where there are any); `True` forces polling, the
    fallback taken by itself when the system refuses a watch (too many watched folders, say).
    """

    def __init__(self, root: str, quiet: float | None = None, poll: bool | None = None):
        self.root = os.path.realpath(root)
        self.settler = Settler(QUIET if quiet is None else quiet)
        self.poll = poll
        self.polling = bool(poll)

    def batches(self, stop: threading.Event) -> Iterator[Batch]:
        """The first batch, empty, comes as soon as the watch is in place: what changed before it (while the
        folder was being scanned) is for the caller to catch up on."""
        while not stop.is_set():
            try:
                yield from self._watch(stop)
                return
            except OSError:
                if self.polling:
                    raise
                self.polling = True  # no system events to be had here: look for changes instead

    def _watch(self, stop: threading.Event) -> Iterator[Batch]:
        import watchfiles

        removed: set[str] = set()
        started = False
        for raw in watchfiles.watch(self.root, watch_filter=lambda _change, path: not ignored(self.root, path),
                                    stop_event=stop, rust_timeout=TICK_MS, yield_on_timeout=True, step=50,
                                    debounce=TICK_MS * 2, force_polling=True if self.polling else self.poll,
                                    poll_delay_ms=TICK_MS * 2, raise_interrupt=True,
                                    ignore_permission_denied=True):
            # the kind of change matters less than what is there now: a file deleted and written again
            # (an atomic save) shows up as both
            for _change, path in raw:
                if os.path.lexists(path):
                    self.settler.saw(path)
                    removed.discard(path)
                else:
                    self.settler.waiting.pop(path, None)
                    removed.add(path)
            batch = self.settler.due()
            batch.removed += sorted(removed - set(batch.removed))
            removed.clear()
            if batch.changed or batch.removed or not started:
                started = True
                yield batch
