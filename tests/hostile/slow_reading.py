"""A reader that takes as long as a huge pathological file would, for files marked SLOW (importable by
spawned workers, unlike a function defined inside a test)."""

from __future__ import annotations

import os
import time

from app.core import scan

_REAL = scan.analyse_batch  # taken at import, before a test puts this module's reader in its place


def analyse_batch(sources, *args, **kwargs):
    for source in sources:
        with open(source.path, encoding="utf-8") as fh:
            if "SLOW" in fh.read():
                time.sleep(float(os.environ.get("WIRETRACE_TEST_SLOW", "0")))
    return _REAL(sources, *args, **kwargs)
