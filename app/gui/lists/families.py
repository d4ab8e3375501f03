"""The story families: each family with its copies; activating a copy compares its family against it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem


class FamilyTree(QTreeWidget):
    """Story families: each family with its copies, the best overlap of each copy within the family."""

    open_document = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setHeaderLabels(["Family / copy", "Copies", "Best overlap"])
        self.setRootIsDecorated(True)
        self.setSortingEnabled(True)
        self.itemActivated.connect(self._activated)
        self.setToolTip("Activate a copy to compare every copy of its family against it")

    def set_result(self, result) -> None:
        self.clear()
        best: dict[int, float] = {}
        for p in result.pairs:
            best[p.a] = max(best.get(p.a, 0), p.score)
            best[p.b] = max(best.get(p.b, 0), p.score)
        for n, family in enumerate(result.families, 1):
            head = result.articles[family[0]]
            top = QTreeWidgetItem([f"{n}. {head.title[:80] or head.id}", str(len(family)), ""])
            top.setData(1, Qt.ItemDataRole.UserRole, len(family))
            for i in family:
                child = QTreeWidgetItem([result.articles[i].id, "", f"{best.get(i, 0):.0%}"])
                child.setData(0, Qt.ItemDataRole.UserRole, i)
                top.addChild(child)
            self.addTopLevelItem(top)
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.resizeColumnToContents(0)

    def _activated(self, item, _column) -> None:
        doc = item.data(0, Qt.ItemDataRole.UserRole)
        if doc is not None:
            self.open_document.emit(doc)


