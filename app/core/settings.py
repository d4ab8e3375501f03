"""Scan settings: a light module, so that the window can describe a scan without importing the engine."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

MAX_BYTES = 20 * 1024 * 1024
#: Report pairs where one article has at least this share of its text in the other ...
MIN_OVERLAP = 0.2
#: ... and at least this many shingles in common.
MIN_SHARED = 3
#: The analysis cache's file name, in the folder chosen in Preferences or `default_cache_folder()`.
CACHE_FILE = "analysis.sqlite3"


class FileDelivery(StrEnum):
    """How the workers of a Dask cluster get the files a scan reads."""

    SEND = "send"  # this machine reads each file and sends its bytes with the task: works with any cluster
    SHARED = "shared"  # every worker reads the same path itself, from a folder they all mount at that path


def default_cache_folder() -> Path:
    """The platform's cache folder for Wiretrace."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("wiretrace", appauthor=False))


@dataclass
class Settings:
    min_overlap: float = MIN_OVERLAP
    min_shared: int = MIN_SHARED
    max_bytes: int = MAX_BYTES  # larger files are skipped
    use_cache: bool = True
    workers: int = 0  # 0: one per core

    def __post_init__(self) -> None:
        """A setting out of range is refused with the reason, never carried into a scan that finds nothing."""

        def number(v) -> bool:
            return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)

        if not (number(self.min_overlap) and 0 <= self.min_overlap <= 1):
            raise ValueError(f"min_overlap must be a number between 0 and 1, not {self.min_overlap!r}")
        for name, low in (("min_shared", 1), ("max_bytes", 1), ("workers", 0)):
            value = getattr(self, name)
            if not (isinstance(value, int) and not isinstance(value, bool) and value >= low):
                raise ValueError(f"{name} must be a whole number of at least {low}, not {value!r}")
        if not isinstance(self.use_cache, bool):
            raise ValueError(f"use_cache must be true or false, not {self.use_cache!r}")
