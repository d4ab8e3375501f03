"""The overview: documents, pairs and families as sortable, filterable tables; a heat map; the family grid."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QRectF, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from app.gui.style import MARKS, colour


class ColumnsModel(QAbstractTableModel):
    """A read-only table over a list of records, read lazily: a million cells cost nothing until shown.

    Each column is (header, value of a record, text of a value); sorting uses the value, not its text.
    """

    def __init__(self, columns: list[tuple[str, Callable, Callable]], parent=None):
        super().__init__(parent)
        self.columns = columns
        self.records: list = []

    def set_records(self, records: list) -> None:
        self.beginResetModel()
        self.records = records
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section][0]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        _, value, text = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text(value(self.records[index.row()]))
        if role == SORT_ROLE:
            return value(self.records[index.row()])
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


SORT_ROLE = Qt.ItemDataRole.UserRole + 1


class Table(QTableView):
    """A sortable, filterable table; `activated_row` gives the record's index."""

    activated_row = Signal(int)

    def __init__(self, columns, parent=None):
        super().__init__(parent)
        self.model_ = ColumnsModel(columns, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model_)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the engine's order until the user sorts
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        self.activated.connect(lambda idx: self.activated_row.emit(self.proxy.mapToSource(idx).row()))

    def set_records(self, records: list) -> None:
        self.model_.set_records(records)
        for c, width in enumerate((170, 170)):
            self.setColumnWidth(c, width)

    def source_row(self, index) -> int:
        return self.proxy.mapToSource(index).row()


def _pct(x: float) -> str:
    return f"{x:.0%}"


def pair_columns(result) -> list:
    arts = result.articles if result else []
    return [
        ("A", lambda p: arts[p.a].id, str), ("B", lambda p: arts[p.b].id, str),
        ("Overlap", lambda p: p.score, _pct), ("Verbatim", lambda p: p.fidelity.verbatim, _pct),
        ("Changed", lambda p: p.fidelity.changed, _pct), ("Dropped", lambda p: p.fidelity.dropped, _pct),
        ("Added", lambda p: p.fidelity.added, _pct), ("High-risk", lambda p: p.fidelity.high_risk, str),
    ]


def document_columns(result) -> list:
    arts = result.articles if result else []
    copies = [0] * len(arts)
    for p in result.pairs if result else []:
        copies[p.a] += 1
        copies[p.b] += 1
    words = {}

    def word_count(i: int) -> int:  # counted when first shown or sorted, then kept
        if i not in words:
            words[i] = arts[i].word_count()
        return words[i]

    return [("Document", lambda i: arts[i].id, str), ("Words", word_count, str),
            ("Flags", lambda i: len(arts[i].flags), str), ("Copies", lambda i: copies[i], str),
            ("Language", lambda i: arts[i].language, str), ("Encoding", lambda i: arts[i].encoding, str)]


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
            top = QTreeWidgetItem([f"{n}. {family.title[:80]}", str(len(family)), ""])
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
                rows = align_pair(art, result.articles[other])[0]
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
