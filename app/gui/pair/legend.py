"""The legend above the panes: what each background, mark and text style means, in the engine's words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from app.core.styling import LABELS, LEGEND, MARKS, Role
from app.gui.style import is_dark, qcolour


class Legend(QWidget):
    """One chip per role, coloured as the panes colour it; rebuilt when the palette turns dark or light."""

    def __init__(self, parent=None):
        super().__init__(parent)
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(4)
        self.chips: dict[Role, QLabel] = {}
        for role in LEGEND:
            chip = QLabel(f"{MARKS[role]} {LABELS[role]}" if role in MARKS else LABELS[role])
            chip.setTextFormat(Qt.TextFormat.PlainText)
            f = chip.font()
            f.setStrikeOut(role is Role.DELETED)
            f.setUnderline(role is Role.INSERTED)
            f.setItalic(role is Role.FLAGGED)
            f.setBold(role is Role.HIGH_RISK)
            chip.setFont(f)
            self.chips[role] = chip
            box.addWidget(chip)
        box.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        dark = is_dark()
        for role, chip in self.chips.items():
            if role is Role.HIGH_RISK:
                css = f"color: {qcolour(role, dark).name()};"
            else:
                text = qcolour(Role.FLAGGED_TEXT if role is Role.FLAGGED else "text", dark).name()
                css = f"background: {qcolour(role, dark).name()}; color: {text};"
            chip.setStyleSheet(f"QLabel {{ {css} border-radius: 3px; padding: 1px 6px; }}")
