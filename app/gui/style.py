"""Colours and marks for what the panes show; light and dark variants follow the system palette.

Colour is never the only sign: every kind also has a mark drawn in the gutter and the overview, changed
words are struck through (removed) or underlined (added), and flagged text is italic with a ⚑ tooltip.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from app.core.records import RowKind

MARKS = {kind.value: kind.mark for kind in RowKind}  # defined once, in the engine's RowKind
NAMES = {kind.value: kind.label for kind in RowKind}

_LIGHT = {"same": "#f1f1f1", "changed": "#ffeeb8", "moved": "#dbe3ff", "only_a": "#ffd6d6", "only_b": "#d2f4d9",
          "filler": "#e2e2e2", "del": "#ff9f9f", "ins": "#8fe3a0", "risk": "#d00000", "flag": "#8a8a8a",
          "current": "#3d7eff"}
_DARK = {"same": "#2b2b2b", "changed": "#574a1c", "moved": "#2b3766", "only_a": "#5c2a2a", "only_b": "#24502d",
         "filler": "#3a3a3a", "del": "#a03c3c", "ins": "#2f8a45", "risk": "#ff5a5a", "flag": "#8f8f8f",
         "current": "#6f9dff"}


def is_dark() -> bool:
    app = QGuiApplication.instance()
    return bool(app) and app.palette().color(QPalette.ColorRole.Window).lightness() < 128


def colour(name: str) -> QColor:
    return QColor((_DARK if is_dark() else _LIGHT)[name])
