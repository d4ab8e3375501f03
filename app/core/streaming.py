"""A scan run in a child process and streamed to its parent over a pipe, in small pickled messages.

The window runs the engine this way so that no scan work, no unpickling of worker results and no closing of
a large cache ever holds the window's interpreter lock: the parent only unpickles messages small enough to
read between two frames. Messages (tuples, tag first):
  ("progress", stage, done, total, message)
  ("articles", [(index, Article), …])   the documents as read, then again any an engine stage changed
  ("partial", settings, skipped)         every document is in: the window may list them
  ("pairs", [PairResult, …])             in the engine's order
  ("result", ScanResult)                 the rest of the result, with `articles` and `pairs` left empty
  ("failed", message)
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import os
import pickle
import signal

from app.core.records import Derived

ARTICLES_PER_MESSAGE = 50
PAIRS_PER_MESSAGE = 25  # a pair carries its aligned rows and word edits: heavier than an article


def _lean(article):
    """The article without its derived data (prepared alignment sides, memoised sets): the parent rebuilds
    what it needs, and the pipe carries only what was read and decided."""
    lean = copy.copy(article)
    lean.derived = Derived()
    return lean


def _stop(_signum, _frame) -> None:
    """Cancelled: take the engine's own workers down too, at once, and leave without cleaning up."""
    import multiprocessing

    for child in multiprocessing.active_children():
        child.terminate()
    os._exit(1)


def run_child(paths: list[str], settings, conn, cache_path=None) -> None:
    """Entry point of the child process: scan `paths`, sending everything over `conn`; the analysis cache
    at `cache_path` (None: the platform's cache folder) when the settings use one."""
    signal.signal(signal.SIGTERM, _stop)

    def send(message) -> None:
        conn.send_bytes(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))

    cache = None
    try:
        from app.core.scan import scan

        if settings.use_cache:
            from app.core.cache import AnalysisCache

            try:
                cache = AnalysisCache(cache_path)
            except Exception:  # no cache is slower, never fatal
                cache = None
        sent: dict[int, bytes] = {}  # digest of each article as sent, to resend only what a later stage changed
        gen = scan(paths, settings, cache)
        while True:
            try:
                progress = next(gen)
            except StopIteration as stop:
                result = stop.value
                break
            send(("progress", progress.stage, progress.done, progress.total, progress.message))
            if progress.partial is not None and not sent:
                _send_articles(send, progress.partial.articles, sent)
                send(("partial", progress.partial.settings, progress.partial.skipped))
        _send_articles(send, result.articles, sent)
        for start in range(0, len(result.pairs), PAIRS_PER_MESSAGE):
            send(("pairs", result.pairs[start : start + PAIRS_PER_MESSAGE]))
        rest = copy.copy(result)
        rest.articles, rest.pairs = [], []
        send(("result", rest))
    except Exception as err:  # the parent shows it; the child has nothing else to do
        with contextlib.suppress(OSError):
            send(("failed", f"{type(err).__name__}: {err}"))
    finally:
        conn.close()
        if cache is not None:
            cache.close()  # here, after the result went out: closing a big cache takes a while


def _send_articles(send, articles: list, sent: dict[int, bytes]) -> None:
    batch = []
    for i, art in enumerate(articles):
        lean = _lean(art)
        digest = hashlib.blake2b(pickle.dumps(lean, protocol=pickle.HIGHEST_PROTOCOL), digest_size=16).digest()
        if sent.get(i) == digest:
            continue
        sent[i] = digest
        batch.append((i, lean))
        if len(batch) >= ARTICLES_PER_MESSAGE:
            send(("articles", batch))
            batch = []
    if batch:
        send(("articles", batch))
