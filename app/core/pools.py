"""Worker processes for a scan: started so that they die with their parent, and stopped at once on cancel."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, ProcessPoolExecutor

_PR_SET_PDEATHSIG = 1
_PARENT_POLL = 0.5  # seconds between checks that the parent still lives, where the kernel cannot tell us


def _die_with(parent: int) -> None:
    """Worker initializer: end this process when the parent ends (SIGKILL included).

    Linux tells a child through PR_SET_PDEATHSIG; elsewhere, and in case the parent died before the call
    took effect, a daemon thread checks that the parent is still ours.
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)

    def watch() -> None:
        while True:
            threading.Event().wait(_PARENT_POLL)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def start_method() -> str:
    # fork is fast and safe from a single-threaded command line; a GUI (threads) must spawn
    return "fork" if sys.platform == "linux" and threading.active_count() == 1 else "spawn"


def _start(parent: int, then: Callable[[], None] | None) -> None:
    _die_with(parent)
    if then is not None:
        then()


def executor(workers: int, method: str, then: Callable[[], None] | None = None) -> Executor:
    """A pool whose workers die with this process; each runs `then` first (with fork, `then` and what it
    holds are inherited, never pickled)."""
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method),
                               initializer=_start, initargs=(os.getpid(), then))


def stop(pool: Executor | None) -> None:
    """Stop a pool now: queued work is dropped and running workers are killed, not waited for (a worker
    may be minutes into a huge file; Cancel must take effect at once)."""
    if pool is None:
        return
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in processes:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            proc.kill()
    for proc in processes:
        with contextlib.suppress(OSError, ValueError, AssertionError, AttributeError):
            proc.join(1.0)


def drain(futures: list) -> Iterable:
    """Results in submission order, each future let go once read: a finished future holds its result,
    and a list of them would keep every batch in memory twice until the scan ends."""
    for n in range(len(futures)):
        result = futures[n].result()
        futures[n] = None
        yield result


def batches(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
