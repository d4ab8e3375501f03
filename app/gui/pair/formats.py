"""How the engine's styled runs and block roles (app.core.styling) become Qt brushes and text formats.

The rules for what overlaps what live in the engine; this module only picks Qt's way of drawing each layer,
in the light or the dark palette.
"""

from __future__ import annotations

import html
from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QFont, QPainter, QPen, QPixmap, QTextCharFormat, QTextFormat

from app.core.styling import Role, Run
from app.gui.style import is_dark, qcolour

TIP = QTextFormat.Property.UserProperty + 1  # a run's tooltip, shown by the pane on hover
ROLE = QTextFormat.Property.UserProperty + 2  # a block's role (shared, changed, flagged, …): what it is drawn as


@cache
def _hatch(dark: bool) -> QPixmap:
    """The flagged background: neutral grey with a diagonal hatch, unlike any colour a real difference has."""
    tile = QPixmap(8, 8)
    tile.fill(qcolour(Role.FLAGGED, dark))
    p = QPainter(tile)
    line = qcolour(Role.FLAGGED, dark)
    line = line.lighter(115) if dark else line.darker(106)  # faint: the grey text on it keeps 4.5:1
    p.setPen(QPen(line, 1.5))
    p.drawLine(-1, 9, 9, -1)
    p.end()
    return tile


def block_brush(role: str, dark: bool | None = None) -> QBrush:
    dark = is_dark() if dark is None else dark
    if role == Role.FLAGGED:
        return QBrush(_hatch(dark))
    if role == Role.FILLER:  # faint: nothing is here, and it must not read as the flagged hatch
        line = qcolour(Role.FILLER, dark)
        line.setAlpha(110)
        return QBrush(line, Qt.BrushStyle.BDiagPattern)
    return QBrush(qcolour(role, dark))


def char_format(run: Run, dark: bool | None = None) -> QTextCharFormat:
    """Every layer of a run at once: the edit as background and strike/underline, the risk as a red wave,
    the flag as grey italics; so a changed word inside flagged text still reads as changed."""
    dark = is_dark() if dark is None else dark
    fmt = QTextCharFormat()
    if run.edit is Role.DELETED or run.edit is Role.INSERTED:
        fmt.setBackground(qcolour(run.edit, dark))
        fmt.setFontStrikeOut(run.edit is Role.DELETED)
        fmt.setFontUnderline(run.edit is Role.INSERTED)
    elif run.edit is Role.TYPOGRAPHY:
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        fmt.setUnderlineColor(qcolour(Role.TYPOGRAPHY, dark))
    if run.style:  # house style only: a quiet background and a dotted line, still struck when removed
        fmt.setBackground(qcolour(Role.STYLE, dark))
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        fmt.setUnderlineColor(qcolour(Role.TYPOGRAPHY, dark))
    if run.risk:
        fmt.setFontWeight(QFont.Weight.Bold)
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(qcolour(Role.HIGH_RISK, dark))
    if run.flag_kind:
        fmt.setForeground(qcolour(Role.FLAGGED_TEXT, dark))
        fmt.setFontItalic(True)
    if run.tip:
        fmt.setProperty(TIP, run.tip)
    return fmt


def plain_tip(text: str) -> str:
    """A tooltip that shows `text` as written: Qt renders a tooltip that merely looks like HTML as HTML."""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>" if text else ""
