"""One side of the pair: a read-only text pane that frames the current row and explains marked text on hover."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QFrame, QTextEdit, QToolTip

from app.gui.pair.formats import TIP, plain_tip
from app.gui.style import qcolour

BASE_MARGIN = 4.0  # padding above and below every block; the shorter side of a row gets more below


class Pane(QTextEdit):
    """A read-only text pane that shows the tooltip of the text under the mouse (flag reasons, risks)."""

    def __init__(self, side: str, parent=None):
        super().__init__(parent)
        self.side = side
        self.current = -1  # the block framed as the current change
        self.setReadOnly(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff if side == "a"
                                        else Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setAccessibleName("Copy A" if side == "a" else "Copy B")

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            cursor = self.cursorForPosition(event.pos())
            tip = cursor.charFormat().stringProperty(TIP)
            if tip:
                QToolTip.showText(event.globalPos(), plain_tip(tip), self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.current < 0:
            return
        # A frame, not a tint: the row's own backgrounds and word markup stay visible inside it.
        r = self.block_rect(self.current).translated(0, -self.verticalScrollBar().value())
        p = QPainter(self.viewport())
        p.setPen(QPen(qcolour("current"), 2.5))
        # drawn in the blocks' padding, just outside the row, so it never crosses a line of text
        p.drawRoundedRect(QRectF(1.5, r.top() - 1, self.viewport().width() - 3, r.height() + 2), 3, 3)
        p.end()

    def set_current(self, block: int) -> None:
        self.current = block
        self.viewport().update()

    def block_rect(self, n: int) -> QRectF:
        doc = self.document()
        return doc.documentLayout().blockBoundingRect(doc.findBlockByNumber(n))
