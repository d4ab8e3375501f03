"""The link gutter between the panes: a band per aligned row, straight for facing rows, crossing for moved ones."""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from app.core.pair_model import Band, PairModel
from app.core.styling import Role
from app.gui.pair.formats import block_brush
from app.gui.pair.pane import Pane
from app.gui.style import qcolour


class LinkMap(QWidget):
    """The gutter: paints the pair model's bands that are on screen (Meld's LinkMap); a click goes to that row."""

    clicked = Signal(int)

    def __init__(self, left: Pane, right: Pane, parent=None):
        super().__init__(parent)
        self.left, self.right = left, right
        self.model: PairModel | None = None
        self.rects: list[tuple[float, float]] = []  # (top, bottom) of each slot, the same in both panes
        self.current = -1
        self.dark = False
        self.setFixedWidth(46)
        self.setMouseTracking(True)
        self.setAccessibleName("Link gutter")
        self.setAccessibleDescription("Links each row of copy A to its row in copy B: = shared, ≈ changed, "
                                      "↕ moved, − only in A, + only in B, ⚑ flagged, ! high risk.")
        self.setToolTip("Links between the copies' rows. Click a band to go to that row.")

    def set_model(self, model: PairModel, dark: bool) -> None:
        self.model, self.dark, self.rects, self.current = model, dark, [], -1
        self.update()

    def set_rects(self, rects: list[tuple[float, float]]) -> None:
        self.rects = rects
        self.update()

    def set_current(self, slot: int) -> None:
        self.current = slot
        self.update()

    def _shift(self, pane: Pane) -> float:
        """From a pane's document coordinates to the gutter's."""
        offset = pane.viewport().mapToGlobal(QPoint(0, 0)).y() - self.mapToGlobal(QPoint(0, 0)).y()
        return offset - pane.verticalScrollBar().value()

    def _visible(self) -> list[Band]:
        """The bands with a side on screen: slots found by bisecting the rows' tops, bands by the model."""
        if self.model is None or not self.rects:
            return []
        top = -self._shift(self.left)
        tops = [r[0] for r in self.rects]
        first = max(0, bisect_right(tops, top) - 1)
        last = bisect_right(tops, top + self.height())
        return self.model.bands_between(first, last)

    def _path(self, band, shift_a: float, shift_b: float) -> tuple[QPainterPath, float] | None:
        w = self.width()
        if band.k_b >= len(self.rects):
            return None
        la = tuple(y + shift_a for y in self.rects[band.k_a])  # cached: a scroll repaints without the layout
        rb = tuple(y + shift_b for y in self.rects[band.k_b])
        if max(la[1], rb[1]) < 0 or min(la[0], rb[0]) > self.height():
            return None
        path = QPainterPath(QPointF(0, la[0]))
        path.cubicTo(QPointF(w / 2, la[0]), QPointF(w / 2, rb[0]), QPointF(w, rb[0]))
        path.lineTo(QPointF(w, rb[1]))
        path.cubicTo(QPointF(w / 2, rb[1]), QPointF(w / 2, la[1]), QPointF(0, la[1]))
        path.closeSubpath()
        return path, (la[0] + la[1] + rb[0] + rb[1]) / 4

    def paintEvent(self, _event) -> None:
        bands = self._visible()
        if not bands:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        font.setBold(True)
        p.setFont(font)
        text = self.palette().text().color()
        current = None
        shifts = self._shift(self.left), self._shift(self.right)
        for band in bands:
            drawn = self._path(band, *shifts)
            if drawn is None:
                continue
            path, mid = drawn
            p.fillPath(path, block_brush(band.role, self.dark))
            edge = qcolour(band.role)
            p.setPen(QPen(qcolour(Role.HIGH_RISK) if band.high else edge.darker(130), 2 if band.high else 1))
            p.drawPath(path)
            p.setPen(qcolour(Role.HIGH_RISK) if band.high else text)
            p.drawText(QRectF(0, mid - 9, self.width(), 18), Qt.AlignmentFlag.AlignCenter, band.mark)
            if band.k_a == self.current:
                current = path
        if current is not None:
            p.setPen(QPen(qcolour("current"), 2.5))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(current)
        p.end()

    def band_at(self, y: float):
        shifts = self._shift(self.left), self._shift(self.right)
        for band in self._visible():
            drawn = self._path(band, *shifts)
            if drawn is not None and drawn[0].contains(QPointF(self.width() / 2, y)):
                return band
        return None

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            band = self.band_at(event.pos().y())
            QToolTip.showText(event.globalPos(), band.tip if band else self.toolTip(), self)
            return True
        return super().event(event)

    def mousePressEvent(self, event) -> None:
        band = self.band_at(event.position().y())
        if band is not None:
            self.clicked.emit(band.k_a)
