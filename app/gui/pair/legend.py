"""The legend above the panes: what each background, mark and text style means, in the engine's words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from app.core.styling import LABELS, LEGEND, MARKS, Role, legend
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
        box.addStretch(1)
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
