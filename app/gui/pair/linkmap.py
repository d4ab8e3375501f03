"""The link gutter between the panes: a band per aligned row, straight for facing rows, crossing for moved ones."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QWidget

from app.gui.pair.pane import Pane
from app.gui.style import MARKS, colour


class LinkMap(QWidget):
    """The gutter: a band per aligned row, straight for facing rows, crossing for moved ones."""

    clicked = Signal(int)

    def __init__(self, view):
        super().__init__(view)
        self.view = view
        self.setFixedWidth(46)
        self.setMouseTracking(True)

    def _y(self, pane: Pane, rect: QRectF) -> tuple[float, float]:
        offset = pane.viewport().mapTo(self.view, QPoint(0, 0)).y() - self.mapTo(self.view, QPoint(0, 0)).y()
        top = rect.top() - pane.verticalScrollBar().value() + offset
        return top, top + rect.height()

    def paintEvent(self, _event) -> None:
        v = self.view
        if not v.slots:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w = self.width()
        font = QFont(self.font())
        font.setBold(True)
        p.setFont(font)
        for k, slot in enumerate(v.slots):
            if slot.kind == "moved" and slot.partner >= 0 and not slot.a:
                continue  # drawn once, from its A side
            la = self._y(v.left, v.left.block_rect(k))
            k_b = slot.partner if slot.kind == "moved" and slot.partner >= 0 else k
            rb = self._y(v.right, v.right.block_rect(k_b))
            if max(la[1], rb[1]) < 0 or min(la[0], rb[0]) > self.height():
                continue
            path = QPainterPath(QPointF(0, la[0]))
            path.cubicTo(QPointF(w / 2, la[0]), QPointF(w / 2, rb[0]), QPointF(w, rb[0]))
            path.lineTo(QPointF(w, rb[1]))
            path.cubicTo(QPointF(w / 2, rb[1]), QPointF(w / 2, la[1]), QPointF(0, la[1]))
            path.closeSubpath()
            fill = colour(slot.kind if slot.kind != "same" else "same")
            if slot.kind == "same":
                fill = fill.darker(108)
            p.fillPath(path, fill)
            high = slot.severity == "high"
            p.setPen(QPen(colour("risk") if high else fill.darker(130), 2 if high else 1))
            p.drawPath(path)
            mid = (la[0] + la[1] + rb[0] + rb[1]) / 4
            mark = MARKS[slot.kind] + ("!" if high else "")
            p.setPen(colour("risk") if high else self.palette().text().color())
            p.drawText(QRectF(0, mid - 9, w, 18), Qt.AlignmentFlag.AlignCenter, mark)
        p.end()

    def mousePressEvent(self, event) -> None:
        for k in range(len(self.view.slots)):
            top, bottom = self._y(self.view.left, self.view.left.block_rect(k))
            if top <= event.position().y() <= bottom:
                self.clicked.emit(k)
                return
