"""Which engine and which files a scan sees: enough to know that a scan would repeat itself exactly.

A light module: the command line answers an unchanged folder from here without importing the engine.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import asdict
from pathlib import Path

from app import __version__
from app.core.records import Skipped, SourceFile
from app.core.settings import Settings


def _engine_revision() -> str:
    """A digest of the engine's source, so a changed engine never reuses stale cached analyses."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(Path(__file__).parent.rglob("*.py")):  # subpackages too (flags/)
        try:
            digest.update(path.read_bytes())
        except OSError:  # a frozen build has no sources: its version number stands for them
            break
    return digest.hexdigest()[:16]


ENGINE_REVISION = _engine_revision()


def scan_signature(found: tuple[list[SourceFile], list[Skipped]], settings: Settings) -> str:
    """A digest of what a scan would read (every file `collect_files` found, with its path, size and
    modification time), the settings and the engine: equal signatures give equal reports, so an unchanged
    folder needs no scan at all."""
    sources, skipped = found
    digest = hashlib.sha256(f"{ENGINE_REVISION}|{sorted(asdict(settings).items())}".encode())
    for s in sources:
        try:
            st = os.stat(s.path)
            digest.update(f"{s.id}\0{s.path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode(errors="surrogateescape"))
        except OSError as err:
            digest.update(f"{s.id}\0{err}\n".encode(errors="surrogateescape"))
    for k in skipped:
        digest.update(f"skipped\0{k.path}\0{k.reason}\n".encode(errors="surrogateescape"))
    return digest.hexdigest()
