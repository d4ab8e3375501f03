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


def luminance(c: QColor) -> float:
    """Relative luminance (WCAG 2)."""
    ch = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in (c.redF(), c.greenF(), c.blueF())]
    return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2]


def text_on(background: QColor) -> QColor:
    """Black or white, whichever reads better on `background` (black on the high-risk red is 3.5:1, white 6:1)."""
    return QColor("#000000") if luminance(background) > 0.179 else QColor("#ffffff")
