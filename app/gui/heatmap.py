"""The heat map of documents against documents, ordered by story family (to be replaced by the overview map)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget


class HeatMap(QWidget):
    """Documents × documents, ordered by story family so that families sit together. Click a cell."""

    pair_clicked = Signal(int)  # pair index
    LIMIT = 400

    def __init__(self, parent=None):
        super().__init__(parent)
        self.order: list[int] = []
        self.cells: dict[tuple[int, int], tuple[float, int]] = {}
        self.names: list[str] = []
        self.setMouseTracking(True)
        self.setMinimumSize(200, 200)

    def set_result(self, result) -> None:
        seen, order = set(), []
        for fam in result.families:
            for i in fam:
                if i not in seen:
                    seen.add(i)
                    order.append(i)
        self.order = order[: self.LIMIT]
        pos = {d: k for k, d in enumerate(self.order)}
        self.cells = {}
        for n, p in enumerate(result.pairs):
            if p.a in pos and p.b in pos:
                self.cells[(pos[p.a], pos[p.b])] = (p.score, n)
                self.cells[(pos[p.b], pos[p.a])] = (p.score, n)
        self.names = [result.articles[i].id for i in self.order]
        self.update()

    def _cell(self) -> float:
        return min(self.width(), self.height()) / max(1, len(self.order))

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), self.palette().base())
        if not self.order:
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No overlapping articles yet")
            return
        c = self._cell()
        for k in range(len(self.order)):
            p.fillRect(QRectF(k * c, k * c, c, c), self.palette().mid())
        for (i, j), (score, _) in self.cells.items():
            strength = int(60 + 195 * score)
            p.fillRect(QRectF(j * c, i * c, c, c), QColor(200 - strength // 2, 60, strength, 60 + int(195 * score)))
        p.end()

    def _at(self, pos):
        c = self._cell()
        i, j = int(pos.y() // c), int(pos.x() // c)
        return self.cells.get((i, j)), i, j

    def mouseMoveEvent(self, event) -> None:
        cell, i, j = self._at(event.position())
        if cell and i < len(self.names) and j < len(self.names):
            self.setToolTip(f"{self.names[i]} ~ {self.names[j]}: overlap {cell[0]:.0%} (click to open)")
        else:
            self.setToolTip("")

    def mousePressEvent(self, event) -> None:
        cell, _, _ = self._at(event.position())
        if cell:
            self.pair_clicked.emit(cell[1])


