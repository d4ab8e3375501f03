"""The find bar under the panes: type to search both copies; Enter/F3 next, Shift+Enter/Shift+F3 previous, Esc closes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from app.core.styling import Role
from app.gui.style import qcolour


class FindBar(QWidget):
    """Asks the view to find; shows where it is ("2 of 9"). The view owns the matches (Meld's FindBar)."""

    find = Signal(str, bool)  # text, forward
    closed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.edit = QLineEdit(placeholderText="Find in both copies")
        self.edit.setClearButtonEnabled(True)
        self.edit.setAccessibleName("Find text")
        self.edit.installEventFilter(self)
        self.edit.textEdited.connect(lambda text: self.find.emit(text, True))
        self.count = QLabel()
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.count.setMinimumWidth(90)
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 2, 0, 0)
        close = QToolButton(text="✕", toolTip="Close (Esc)", autoRaise=True)
        close.clicked.connect(self.close_bar)
        box.addWidget(close)
        box.addWidget(QLabel("Find:"))
        box.addWidget(self.edit, 1)
        for text, tip, forward in (("▲", "Previous match (Shift+F3, Shift+Enter)", False),
                                   ("▼", "Next match (F3, Enter)", True)):
            b = QToolButton(text=text, toolTip=tip, autoRaise=True)
            b.setAccessibleName(tip.split(" (")[0])
            b.clicked.connect(lambda _=False, f=forward: self.step(f))
            box.addWidget(b)
        box.addWidget(self.count)
        self.hide()

    def open(self) -> None:
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def step(self, forward: bool = True) -> None:
        if self.edit.text():
            self.find.emit(self.edit.text(), forward)

    def show_count(self, at: int, total: int, wrapped: bool = False) -> None:
        """`at` counts from 1; 0 with no matches."""
        if not self.edit.text():
            self.count.setText("")
        elif total == 0:
            self.count.setText("no match")
        else:
            self.count.setText(f"{at} of {total}" + (" (wrapped)" if wrapped else ""))
        none = self.edit.text() and not total  # rose, as text only in one copy: what you typed is in neither
        self.edit.setStyleSheet(f"background: {qcolour(Role.ONLY_A).name()}; color: {qcolour('text').name()}"
                                if none else "")

    def eventFilter(self, obj, event) -> bool:
        if obj is self.edit and event.type() == QEvent.Type.KeyPress:
            key, shift = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            if key == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F3):
                self.step(not shift)
                return True
        return super().eventFilter(obj, event)
