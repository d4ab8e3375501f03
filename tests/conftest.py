"""Shared fixtures. Qt runs headless, and settings and caches go to a temporary home for every test."""

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
AP_A = SEEDS / "000_c60b7f276d80589e.txt"  # LatestLY's copy of the AP story
AP_B = SEEDS / "001_ca7edc91ef1df364.txt"  # The New Indian Express's copy, with sidebar junk


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    return home


@pytest.fixture
def seeds() -> Path:
    return SEEDS


@pytest.fixture
def sync_tasks(monkeypatch):
    """Background tasks run at once on the calling thread, so a test sees their result on return."""
    from app.gui import tasks

    monkeypatch.setattr(tasks, "RUNNER", lambda job: job())


@pytest.fixture
def held_tasks(monkeypatch):
    """Background tasks wait in a list until the test runs them (`jobs.pop(0)()`), in any order."""
    from app.gui import tasks

    jobs: list = []
    monkeypatch.setattr(tasks, "RUNNER", jobs.append)
    return jobs


@pytest.fixture
def window(qtbot):
    """The main window, shown at a desktop size (GUI tests only: Qt is imported here, not at the top)."""
    from app.gui.window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    return w
