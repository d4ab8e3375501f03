"""The legend above the panes: what each background, mark and text style means, in the engine's words."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLabel, QLayout, QWidget

from app.core.styling import LABELS, LEGEND, MARKS, Role, legend
from app.gui.style import is_dark, qcolour


class RowsLayout(QLayout):
    """Widgets at their own width, left to right, starting a new row where the next would not fit: a chip is never
    squeezed to "⚑ flagged: i"."""

    def __init__(self, parent=None, spacing: int = 4):
        super().__init__(parent)
        self.items = []
        self.setContentsMargins(0, 0, 0, 0)
        self.setSpacing(spacing)

    def addItem(self, item) -> None:
        self.items.append(item)

    def count(self) -> int:
        return len(self.items)

    def itemAt(self, index: int):
        return self.items[index] if 0 <= index < len(self.items) else None

    def takeAt(self, index: int):
        return self.items.pop(index) if 0 <= index < len(self.items) else None

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self.items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _place(self, rect: QRect, move: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        for item in self.items:
            if item.isEmpty():  # a hidden chip takes no room
                continue
            hint = item.sizeHint()
            if x > rect.x() and x + hint.width() > rect.right() + 1:
                x, y, line = rect.x(), y + line + self.spacing(), 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self.spacing()
            line = max(line, hint.height())
        return y + line - rect.y()


class Legend(QWidget):
    """One chip per role, coloured as the panes colour it; rebuilt when the palette turns dark or light."""

    def __init__(self, parent=None):
        super().__init__(parent)
        box = RowsLayout(self)
        self.chips: dict[Role, QLabel] = {}
        for role in LEGEND:
            # the label's first words on the chip, so the legend fits above the panes; the whole label on hover
            short = LABELS[role].split(":")[0].split(" (")[0]
            chip = QLabel(f"{MARKS[role]} {short}" if role in MARKS else short)
            chip.setTextFormat(Qt.TextFormat.PlainText)
            chip.setToolTip(LABELS[role])
            f = chip.font()
            f.setStrikeOut(role is Role.DELETED)
            f.setUnderline(role is Role.INSERTED)
            f.setItalic(role is Role.FLAGGED)
            f.setBold(role in (Role.HIGH_RISK, Role.UPDATE))
            chip.setFont(f)
            self.chips[role] = chip
            box.addWidget(chip)
        self.set_update(False)
        self.refresh()

    def set_update(self, update: bool) -> None:
        """A pair of two versions has the wire's update where a copy has high-risk edits: one chip or the other."""
        shown = legend(update)
        for role, chip in self.chips.items():
            chip.setVisible(role in shown)

    def refresh(self) -> None:
        dark = is_dark()
        for role, chip in self.chips.items():
            if role is Role.HIGH_RISK:
                css = f"color: {qcolour(role, dark).name()};"
            else:
                text = qcolour(Role.FLAGGED_TEXT if role is Role.FLAGGED else "text", dark).name()
                css = f"background: {qcolour(role, dark).name()}; color: {text};"
            chip.setStyleSheet(f"QLabel {{ {css} border-radius: 3px; padding: 1px 6px; }}")
