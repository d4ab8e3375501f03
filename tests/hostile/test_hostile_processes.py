"""Workers die with their parent, and a cancelled scan stops at once (issue 13: hangs, orphaned workers)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from zoo import STORY, write_story

import app.core.scan as engine
from app.core.settings import Settings
from tests.conftest import ROOT


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has ended
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_workers_die_with_their_parent(how, method):
    # the parent starts a pool whose workers are busy for a minute, prints their pids, then waits
    script = textwrap.dedent(f"""
        import sys, time
        from app.core.pools import executor
        if __name__ == "__main__":
            pool = executor(2, {method!r})
            futures = [pool.submit(time.sleep, 60) for _ in range(2)]
            while len(pool._processes) < 2 or not all(p.pid for p in pool._processes.values()):
                time.sleep(0.05)
            time.sleep(0.5)
            print(" ".join(str(p.pid) for p in pool._processes.values()), flush=True)
            time.sleep(60)
    """)
    parent = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        workers = [int(p) for p in parent.stdout.readline().split()]
        assert len(workers) == 2 and all(_alive(p) for p in workers)
        os.kill(parent.pid, how)
        parent.wait(5)
        deadline = time.monotonic() + 3
        while any(_alive(p) for p in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(_alive(p) for p in workers), "workers outlived their parent"
    finally:
        parent.kill()
        parent.wait()


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_closing_a_scan_mid_batch_returns_within_a_second(tmp_path, monkeypatch, method):
    docs = tmp_path / "docs"
    docs.mkdir()
    for n in range(6):
        write_story(docs, f"{n}.txt", STORY + f"\nFiled {n}.\n" + ("SLOW\n" if n else ""))
    # every file but the first takes a minute in its worker, as a huge pathological file would
    monkeypatch.setattr(engine, "PARALLEL_FROM", 1)
    monkeypatch.setattr(engine, "BATCH", 1)
    monkeypatch.setattr(engine, "_start_method", lambda: method)
    monkeypatch.setenv("WIRETRACE_TEST_SLOW", "60")
    monkeypatch.syspath_prepend(str(os.path.dirname(__file__)))
    import slow_reading

    monkeypatch.setattr(engine, "analyse_batch", slow_reading.analyse_batch)
    gen = engine.scan([str(docs)], Settings(workers=2, use_cache=False))
    seen = None
    while seen is None or seen.done < 1:
        seen = next(gen)
    started = time.monotonic()
    gen.close()
    assert time.monotonic() - started < 1.5
