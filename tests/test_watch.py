"""Watching a folder: files read only once they hold still, temporary names ignored, and `wiretrace watch`
run as a user runs it, with real files landing, half-written and removed."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.core.live.watcher import Settler, ignored
from tests.conftest import AP_A, AP_B, ROOT


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_file_is_due_only_once_its_size_and_time_hold_still(tmp_path):
    clock = Clock()
    settler = Settler(quiet=0.3, clock=clock)
    path = tmp_path / "story.txt"
    path.write_bytes(AP_A.read_bytes()[:500])
    settler.saw(str(path))
    clock.now += 0.2
    with open(path, "ab") as fh:  # still being written
        fh.write(AP_A.read_bytes()[500:1000])
    assert settler.due().changed == []
    clock.now += 0.2  # 0.2 s since it last changed: not yet
    assert settler.due().changed == []
    clock.now += 0.15
    batch = settler.due()
    assert batch.changed == [str(path)] and settler.waiting == {}


def test_a_file_that_vanishes_while_settling_is_reported_gone(tmp_path):
    settler = Settler(quiet=0.3, clock=Clock())
    path = tmp_path / "story.txt"
    path.write_text("a short story", encoding="utf-8")
    settler.saw(str(path))
    path.unlink()
    assert settler.due().removed == [str(path)]


@pytest.mark.parametrize(("name", "skip"), [("story.txt", False), ("story.txt.part", True), ("story.txt~", True),
                                            (".story.txt.swp", True), ("story.tmp", True), (".hidden", True),
                                            (".drafts/story.txt", True), ("desk/story.TXT.PART", True)])
def test_temporary_and_hidden_names_are_ignored(tmp_path, name, skip):
    assert ignored(str(tmp_path), str(tmp_path / name)) is skip


def test_a_folder_inside_a_hidden_one_is_still_watched():
    assert not ignored("/home/editor/.local/desk", "/home/editor/.local/desk/story.txt")


# ---------------------------------------------------------------- the command, as a newsroom runs it

class Watch:
    """`wiretrace watch FOLDER --jsonl FILE` in its own process; `wait_for` reads the events it wrote."""

    def __init__(self, folder: Path, events: Path, *extra: str):
        self.events = events
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.proc = subprocess.Popen([sys.executable, "-m", "app", "watch", str(folder), "--jsonl", str(events),
                                      "--no-cache", *extra], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        self.wait_for(lambda e: e["event"] == "watching", timeout=120)

    def lines(self) -> list[dict]:
        if not self.events.exists():
            return []
        return [json.loads(line) for line in self.events.read_text(encoding="utf-8").splitlines()]

    def wait_for(self, wanted, timeout: float = 60) -> dict:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            found = [e for e in self.lines() if wanted(e)]
            if found:
                return found[-1]
            assert self.proc.poll() is None, self.proc.communicate()
            time.sleep(0.05)
        raise AssertionError(f"no such event in {self.lines()}")

    def stop(self, sig=signal.SIGINT) -> tuple[int, str]:
        self.proc.send_signal(sig)
        _, err = self.proc.communicate(timeout=60)
        return self.proc.returncode, err


@pytest.fixture
def desk(tmp_path):
    folder = tmp_path / "desk"
    folder.mkdir()
    return folder


def test_watch_reports_a_reprint_landing_half_written_and_a_file_removed(desk, tmp_path):
    (desk / AP_A.name).write_bytes(AP_A.read_bytes())
    watch = Watch(desk, tmp_path / "events.jsonl", "--quiet", "1.0")
    started = watch.lines()[0]
    assert started["articles"] == 1 and started["pairs"] == 0

    # the reprint arrives in pieces, a scraper's pace: never read until whole
    data = AP_B.read_bytes()
    with open(desk / AP_B.name, "wb") as fh:
        for k in range(0, len(data), len(data) // 4 + 1):
            fh.write(data[k : k + len(data) // 4 + 1])
            fh.flush()
            time.sleep(0.15)
    pair = watch.wait_for(lambda e: e["event"] == "pair_found")
    assert {pair["a"], pair["b"]} == {AP_A.name, AP_B.name} and pair["relation"] == "copy"
    added = [e for e in watch.lines() if e["event"] == "article_added"]
    assert [(e["id"], e["version"]) for e in added] == [(AP_B.name, 1)]  # once, whole
    family = watch.wait_for(lambda e: e["event"] == "family_changed")
    assert sorted(family["members"]) == sorted([AP_A.name, AP_B.name])

    # temporary names never make an event; a removed copy takes its pair and family with it
    (desk / "draft.txt.part").write_bytes(data)
    (desk / "draft.txt~").write_bytes(data)
    (desk / AP_A.name).unlink()
    watch.wait_for(lambda e: e["event"] == "pair_lost")
    gone = watch.wait_for(lambda e: e["event"] == "family_changed" and e["members"] == [])
    assert sorted(gone["left"]) == sorted([AP_A.name, AP_B.name])
    time.sleep(1.5)
    assert not any("draft" in json.dumps(e) for e in watch.lines())

    code, err = watch.stop()
    assert code in (0, 130) and "Traceback" not in err
    assert sorted(p.name for p in desk.iterdir()) == sorted(["draft.txt.part", "draft.txt~", AP_B.name])  # nothing new


def test_watch_reads_a_changed_file_as_a_new_version_and_lists_a_bad_one_once(desk, tmp_path):
    watch = Watch(desk, tmp_path / "events.jsonl", "--quiet", "0.3")
    story = desk / "story.txt"
    story.write_bytes(AP_A.read_bytes())
    watch.wait_for(lambda e: e["event"] == "article_added" and e["version"] == 1)
    with open(story, "ab") as fh:
        fh.write(b"\nAn editor's note added after the story first ran.\n")
    watch.wait_for(lambda e: e["event"] == "article_added" and e["version"] == 2)
    (desk / "broken.txt").write_bytes(b"\x00\x01\x02" * 4000)
    watch.wait_for(lambda e: e["event"] == "skipped")
    os.utime(story)  # touched, not changed: no event
    time.sleep(1.5)
    events = [e["event"] for e in watch.lines()]
    assert events.count("skipped") == 1 and events.count("article_added") == 2
    code, err = watch.stop(signal.SIGTERM)
    assert code == 0 and "Traceback" not in err


def test_watch_refuses_to_write_its_events_into_the_watched_folder(desk):
    done = subprocess.run([sys.executable, "-m", "app", "watch", str(desk), "--jsonl", str(desk / "events.jsonl")],
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True)
    assert done.returncode == 2 and "never writes" in done.stderr and list(desk.iterdir()) == []
