"""The overview strip beside the right pane: where the changes are in the whole pair; click to go there."""

from __future__ import annotations

from bisect import bisect_left

from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QToolTip, QWidget

from app.core.pair_model import Band, PairModel
from app.core.styling import Role
from app.gui.pair.formats import block_brush
from app.gui.pair.pane import Pane
from app.gui.style import qcolour


class ChunkMap(QWidget):
    """Paints every changed row once into a cached picture (Meld's ChunkMap); scrolling only moves the handle."""

    def __init__(self, left: Pane, right: Pane, parent=None):
        super().__init__(parent)
        self.left, self.right = left, right
        self.model: PairModel | None = None
        self.rects: list[tuple[float, float]] = []  # (top, bottom) of each slot, the same in both panes
        self.dark = False
        self._picture: QPixmap | None = None
        self.setFixedWidth(16)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName("Overview of changes")
        self.setAccessibleDescription("The whole pair in one strip: changed, moved and one-sided rows by colour, "
                                      "high-risk rows marked red at the left edge, flagged rows grey and hatched; "
                                      "the frame shows what is on screen.")
        self.setToolTip("Overview: changed ≈, moved ↕, only in one copy ±, flagged ⚑ grey, high-risk in red. "
                        "Click to go there.")

    def set_model(self, model: PairModel, dark: bool) -> None:
        self.model, self.dark, self.rects = model, dark, []
        self.invalidate()

    def set_rects(self, rects: list[tuple[float, float]]) -> None:
        self.rects = rects
        self.invalidate()

    def invalidate(self) -> None:
        self._picture = None
        self.update()

    def _bands(self) -> list[Band]:
        return self.model.bands if self.model is not None else []

    def _draw_rows(self) -> QPixmap:
        pm = QPixmap(self.size())
        pm.fill(self.palette().base().color())
        p = QPainter(pm)
        total = max(1.0, self.left.document().size().height())
        h = self.height()
        for band in self._bands():
            if not band.change or band.k_a >= len(self.rects):
                continue
            top, bottom = self.rects[band.k_a]
            y0 = top / total * h
            y1 = max(bottom / total * h, y0 + 2)
            if band.role is Role.FLAGGED:
                p.fillRect(QRectF(4, y0, self.width() - 8, y1 - y0), block_brush(Role.FLAGGED, self.dark))
            else:
                p.fillRect(QRectF(2, y0, self.width() - 4, y1 - y0), qcolour(band.role, self.dark).darker(115))
            if band.high:
                p.fillRect(QRectF(0, y0, 3, max(2, y1 - y0)), qcolour(Role.HIGH_RISK, self.dark))
        p.end()
        return pm

    def paintEvent(self, _event) -> None:
        if self._picture is None or self._picture.size() != self.size():
            self._picture = self._draw_rows()
        p = QPainter(self)
        p.drawPixmap(0, 0, self._picture)
        bar = self.right.verticalScrollBar()
        span = bar.maximum() - bar.minimum() + bar.pageStep()
        if span > 0:
            h = self.height()
            p.setPen(QPen(self.palette().text().color(), 1))
            p.setBrush(QColor(128, 128, 128, 50))
            p.drawRect(QRectF(0.5, bar.value() / span * h, self.width() - 1, max(4, bar.pageStep() / span * h)))
        p.end()

    def _band_at(self, y: float):
        total = max(1.0, self.left.document().size().height())
        at = y / max(1, self.height()) * total
        slot = bisect_left([r[1] for r in self.rects], at)  # the first row whose bottom is below the point
        return self.model.band_of(self.model.entry(slot)) if self.model and slot < len(self.rects) else None

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            band = self._band_at(event.pos().y())
            QToolTip.showText(event.globalPos(), band.tip if band else self.toolTip(), self)
            return True
        return super().event(event)

    def mousePressEvent(self, event) -> None:
        bar = self.right.verticalScrollBar()
        span = bar.maximum() - bar.minimum() + bar.pageStep()
        bar.setValue(int(event.position().y() / max(1, self.height()) * span - bar.pageStep() / 2))
