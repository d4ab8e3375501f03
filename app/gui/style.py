"""The window's one colour lookup: a role (or `text`, `current`) of the engine's palette as a QColor, light or dark.

The palette itself lives in `app.core.styling` (shared with the HTML report and the PDF). Colour is never the
only sign: every kind also has a mark in the gutter and the overview, changed words are struck through
(removed) or underlined (added), and flagged text is italic with a ⚑ tooltip.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from app.core.styling import colour


def is_dark() -> bool:
    app = QGuiApplication.instance()
    return bool(app) and app.palette().color(QPalette.ColorRole.Window).lightness() < 128


def qcolour(role: str, dark: bool | None = None) -> QColor:
    """The colour of `role` in the dark or light palette (by default the one the system shows now)."""
    return QColor(colour(role, is_dark() if dark is None else dark))
