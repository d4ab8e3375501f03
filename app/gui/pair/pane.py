"""One side of the pair: a read-only text pane whose text tells, on hover, why it is marked."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QTextFormat
from PySide6.QtWidgets import QFrame, QTextEdit, QToolTip

BASE_MARGIN = 4.0  # padding above and below every block; the shorter side of a row gets more below
TIP = QTextFormat.Property.UserProperty + 1  # the char-format property that holds a run's tooltip


class Pane(QTextEdit):
    """A read-only text pane that shows the tooltip of the text under the mouse (flag reasons, risks)."""

    def __init__(self, side: str, parent=None):
        super().__init__(parent)
        self.side = side
        self.setReadOnly(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff if side == "a"
                                        else Qt.ScrollBarPolicy.ScrollBarAsNeeded)

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            cursor = self.cursorForPosition(event.pos())
            tip = cursor.charFormat().stringProperty(TIP)
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def block_rect(self, n: int) -> QRectF:
        doc = self.document()
        return doc.documentLayout().blockBoundingRect(doc.findBlockByNumber(n))
