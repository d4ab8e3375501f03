"""The family grid: one reference document against every copy of its family, sentence by sentence."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from app.gui.style import MARKS, colour


class FamilyGrid(QTableWidget):
    """One reference document against every copy of its family: which copies keep, change or drop each sentence."""

    open_pair = Signal(int, int)  # reference document, copy document

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.cellClicked.connect(self._clicked)
        self.reference = -1
        self.copies: list[int] = []

    def set_reference(self, result, ref: int) -> None:
        from app.core.scan import align_pair

        self.reference = ref
        family = next((f for f in result.families if ref in f), [ref])
        self.copies = [d for d in family if d != ref]
        art = result.articles[ref]
        status: list[list[tuple[str, str]]] = [[("", "")] * len(self.copies) for _ in art.sentences]
        by_pair = {(p.a, p.b): p for p in result.pairs}
        for c, other in enumerate(self.copies):
            if (ref, other) in by_pair:
                rows = by_pair[(ref, other)].rows
            elif (other, ref) in by_pair:
                rows = [r.mirrored() for r in by_pair[(other, ref)].rows]
            else:
                rows, _ = align_pair(art, result.articles[other])
            for r in rows:
                kind = {"only_a": "dropped"}.get(r.kind, r.kind)
                mark = {"same": MARKS["same"], "changed": MARKS["changed"], "moved": MARKS["moved"],
                        "dropped": MARKS["only_a"]}.get(kind)
                if mark:
                    for i in r.a:
                        status[i][c] = (mark + ("!" if r.severity == "high" else ""), kind)
        self.clear()
        self.setColumnCount(1 + len(self.copies))
        self.setRowCount(len(art.sentences))
        self.setHorizontalHeaderLabels(["Reference: " + art.id] + [result.articles[d].id for d in self.copies])
        flagged = art.flagged_sentences()
        for i, (s, e) in enumerate(art.sentences):
            item = QTableWidgetItem(art.text[s:e].replace("\n", " "))
            if i in flagged:
                item.setForeground(colour("flag"))
                item.setToolTip("flagged: not part of the article")
            self.setItem(i, 0, item)
            for c, (mark, kind) in enumerate(status[i]):
                cell = QTableWidgetItem(mark)
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if kind:
                    key = {"dropped": "only_a"}.get(kind, kind)
                    cell.setBackground(colour(key))
                    cell.setToolTip(f"{result.articles[self.copies[c]].id}: {kind} (click to open the pair)")
                self.setItem(i, c + 1, cell)
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(len(self.copies)):
            self.horizontalHeader().setSectionResizeMode(c + 1, QHeaderView.ResizeMode.ResizeToContents)
        self.resizeRowsToContents()

    def _clicked(self, _row: int, column: int) -> None:
        if column > 0:
            self.open_pair.emit(self.reference, self.copies[column - 1])
