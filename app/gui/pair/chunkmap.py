"""The overview strip beside the right pane: where the changes are in the whole pair; click to go there."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QToolTip, QWidget

from app.core.styling import Role
from app.gui.pair.formats import block_brush, qcolour


class ChunkMap(QWidget):
    """Paints every changed row once into a cached picture (Meld's ChunkMap); scrolling only moves the handle."""

    def __init__(self, view):
        super().__init__(view)
        self.view = view
        self._picture: QPixmap | None = None
        self.setFixedWidth(16)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName("Overview of changes")
        self.setAccessibleDescription("The whole pair in one strip: changed, moved and one-sided rows by colour, "
                                      "high-risk rows marked red at the left edge, flagged rows grey and hatched; "
                                      "the frame shows what is on screen.")
        self.setToolTip("Overview: changed ≈, moved ↕, only in one copy ±, flagged ⚑ grey, high-risk in red. "
                        "Click to go there.")

    def invalidate(self) -> None:
        self._picture = None
        self.update()

    def _draw_rows(self) -> QPixmap:
        v = self.view
        pm = QPixmap(self.size())
        pm.fill(self.palette().base().color())
        p = QPainter(pm)
        total = max(1.0, v.left.document().size().height())
        h = self.height()
        for band in v.bands:
            if not band.change or band.k_a >= len(v.rects):
                continue
            top, bottom = v.rects[band.k_a]
            y0 = top / total * h
            y1 = max(bottom / total * h, y0 + 2)
            if band.role is Role.FLAGGED:
                p.fillRect(QRectF(4, y0, self.width() - 8, y1 - y0), block_brush(Role.FLAGGED))
            else:
                p.fillRect(QRectF(2, y0, self.width() - 4, y1 - y0), qcolour(band.role).darker(115))
            if band.high:
                p.fillRect(QRectF(0, y0, 3, max(2, y1 - y0)), qcolour(Role.HIGH_RISK))
        p.end()
        return pm

    def paintEvent(self, _event) -> None:
        if self._picture is None or self._picture.size() != self.size():
            self._picture = self._draw_rows()
        p = QPainter(self)
        p.drawPixmap(0, 0, self._picture)
        bar = self.view.right.verticalScrollBar()
        span = bar.maximum() - bar.minimum() + bar.pageStep()
        if span > 0:
            h = self.height()
            p.setPen(QPen(self.palette().text().color(), 1))
            p.setBrush(QColor(128, 128, 128, 50))
            p.drawRect(QRectF(0.5, bar.value() / span * h, self.width() - 1, max(4, bar.pageStep() / span * h)))
        p.end()

    def _band_at(self, y: float):
        v = self.view
        total = max(1.0, v.left.document().size().height())
        at = y / max(1, self.height()) * total
        return next((b for b in v.bands if b.k_a < len(v.rects) and v.rects[b.k_a][1] >= at), None)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            band = self._band_at(event.pos().y())
            QToolTip.showText(event.globalPos(), band.tip if band else self.toolTip(), self)
            return True
        return super().event(event)

    def mousePressEvent(self, event) -> None:
        bar = self.view.right.verticalScrollBar()
        span = bar.maximum() - bar.minimum() + bar.pageStep()
        bar.setValue(int(event.position().y() / max(1, self.height()) * span - bar.pageStep() / 2))
