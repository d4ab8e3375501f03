"""Fixtures of the bad-input zoo (helpers in zoo.py)."""

from __future__ import annotations

import os
from contextlib import contextmanager

import pytest
from zoo import fingerprint

from app.core.cache import AnalysisCache
from app.core.scan import run, scan
from app.core.settings import Settings


@pytest.fixture
def unchanged():
    """`with unchanged(folder): ...` fails if anything inside the folder changed in between."""
    @contextmanager
    def check(root):
        before = fingerprint(root)
        yield
        assert fingerprint(root) == before, "the opened folder was changed"

    return check


@pytest.fixture
def scan_folder():
    def go(*paths, cache: AnalysisCache | None = None, **settings):
        return run(scan([os.fspath(p) for p in paths], Settings(**settings), cache))

    return go
