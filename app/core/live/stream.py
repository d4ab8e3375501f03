"""Live events as JSON lines, one object a line, for a newsroom's own tools (`wiretrace watch --jsonl`)."""

from __future__ import annotations

import json
import re
from dataclasses import fields
from datetime import UTC, datetime

from app.core.documents import display_path

_WORD_START = re.compile(r"(?<!^)(?=[A-Z])")


def event_name(event) -> str:
    """`PairFound` -> `pair_found`; a `Skipped` is reported as `skipped`."""
    return _WORD_START.sub("_", type(event).__name__).lower()


def event_line(event, now: datetime | None = None) -> str:
    """One event as a line of JSON: its kind, the time (UTC), then its fields (names shown as a person reads
    them: bytes that are not UTF-8 as �)."""
    record = {"event": event_name(event), "time": (now or datetime.now(UTC)).isoformat(timespec="milliseconds")}
    for f in fields(event):
        value = getattr(event, f.name)
        record[f.name] = _plain(value)
    return json.dumps(record, ensure_ascii=False) + "\n"


def _plain(value):
    if isinstance(value, str):
        return display_path(value)
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value
