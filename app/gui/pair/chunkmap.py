"""The overview strip beside the right pane: where the changes are in the whole pair; click to go there."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from app.gui.style import colour


class ChunkMap(QWidget):
    """The overview strip: where the changes are in the whole pair; click to go there."""

    def __init__(self, view):
        super().__init__(view)
        self.view = view
        self.setFixedWidth(16)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Overview: changed ≈, moved ↕, only in one copy ±, high-risk in red. Click to go there.")

    def paintEvent(self, _event) -> None:
        v = self.view
        p = QPainter(self)
        p.fillRect(self.rect(), self.palette().base())
        total = max(1.0, v.left.document().size().height())
        h = self.height()
        for k, slot in enumerate(v.slots):
            if slot.kind == "same":
                continue
            r = v.left.block_rect(k)
            y0, y1 = r.top() / total * h, max(r.bottom() / total * h, r.top() / total * h + 2)
            p.fillRect(QRectF(2, y0, self.width() - 4, y1 - y0), colour(slot.kind).darker(115))
            if slot.severity == "high":
                p.fillRect(QRectF(0, y0, 3, max(2, y1 - y0)), colour("risk"))
        bar = v.right.verticalScrollBar()
        span = bar.maximum() - bar.minimum() + bar.pageStep()
        if span > 0:
            top = bar.value() / span * h
            height = bar.pageStep() / span * h
            p.setPen(QPen(self.palette().text().color(), 1))
            p.setBrush(QColor(128, 128, 128, 50))
            p.drawRect(QRectF(0.5, top, self.width() - 1, max(4, height)))
        p.end()

    def mousePressEvent(self, event) -> None:
        bar = self.view.right.verticalScrollBar()
        span = bar.maximum() - bar.minimum() + bar.pageStep()
        bar.setValue(int(event.position().y() / max(1, self.height()) * span - bar.pageStep() / 2))
