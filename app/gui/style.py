"""Colours and marks for what the panes show; light and dark variants follow the system palette.

Colour is never the only sign: every kind also has a mark drawn in the gutter and the overview, changed
words are struck through (removed) or underlined (added), and flagged text is italic with a ⚑ tooltip.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from app.core.records import RowKind
from app.core.styling import PALETTES

MARKS = {kind.value: kind.mark for kind in RowKind}  # defined once, in the engine's RowKind
NAMES = {kind.value: kind.label for kind in RowKind}

#: The window's older colour names, mapped onto the one palette in app.core.styling (shared with the reports).
_ROLE_OF = {"same": "shared", "del": "deleted", "ins": "inserted", "risk": "high_risk", "flag": "flagged_text"}


def is_dark() -> bool:
    app = QGuiApplication.instance()
    return bool(app) and app.palette().color(QPalette.ColorRole.Window).lightness() < 128


def colour(name: str) -> QColor:
    return QColor(PALETTES["dark" if is_dark() else "light"][_ROLE_OF.get(name, name)])
