"""A folder followed: the watcher's batches applied to the live engine, handed out as lists of events."""

from __future__ import annotations

import threading
from collections.abc import Iterator

from app.core.live.engine import LiveScan
from app.core.live.watcher import FolderWatcher
from app.core.records import Watching

#: Files of one batch applied together: a burst of a hundred shows its first copies after a fifth of the work.
CHUNK = 20


def follow(live: LiveScan, watcher: FolderWatcher, stop: threading.Event) -> Iterator[list]:
    """Each batch's events until `stop` is set. The first list opens with `Watching` as soon as the watch is
    in place, followed by what changed while the folder was being scanned (caught up by size and time)."""
    for n, batch in enumerate(watcher.batches(stop)):
        if n == 0:
            r = live.result
            yield [Watching(live.root, len(r.articles), len(r.pairs), len(r.families), watcher.polling),
                   *live.apply(*live.catch_up())]
            continue
        for start in range(0, max(len(batch.changed), 1), CHUNK):
            events = live.apply(batch.changed[start : start + CHUNK], batch.removed if start == 0 else ())
            if events:
                yield events
