"""Scan settings: a light module, so that the window can describe a scan without importing the engine."""

from __future__ import annotations

from dataclasses import dataclass

MAX_BYTES = 20 * 1024 * 1024


@dataclass
class Settings:
    min_overlap: float = 0.2  # report pairs where one article has at least this share of its text in the other
    min_shared: int = 3  # and at least this many shingles in common
    max_bytes: int = MAX_BYTES  # larger files are skipped
    use_cache: bool = True
    workers: int = 0  # 0: one per core
