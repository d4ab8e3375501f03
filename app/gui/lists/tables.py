"""Documents, pairs and families as sortable, filterable tables, read lazily from the scan's records."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
)


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
