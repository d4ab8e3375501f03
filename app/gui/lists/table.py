"""A read-only, sortable, filterable table over a list of records, read lazily; copies its selection as text."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: What marks a row that arrived while the folder was watched, until the editor has seen it (not colour alone).
NEW_MARK = "● "


def _bold():
    from PySide6.QtGui import QFont

    font = QFont()
    font.setBold(True)
    return font


class ColumnsModel(QAbstractTableModel):
    """A read-only table over a list of records, read lazily: a million cells cost nothing until shown.

    Each column is (header, value of a record, text of a value); sorting uses the value, not its text.
    """

    def __init__(self, columns: list[tuple[str, Callable, Callable]], parent=None):
        super().__init__(parent)
        self.columns = columns
        self.records: list = []
        self.tooltip: Callable[[object, int], str | None] = lambda _record, _column: None
        self.header_tips: list[str] = []
        self.is_new: Callable[[object], bool] = lambda _record: False  # marked "●", in bold, until seen

    def set_records(self, records: list) -> None:
        self.beginResetModel()
        self.records = records
        self.endResetModel()

    def change_records(self, changes, columns: list | None = None) -> None:
        """Go over to `changes.records` row by row (a `RowChanges`): the rows that go are taken out, the rows
        kept take their new records (and `columns`, read from the new result) without a signal, and the new
        rows come in at their place. The proxy filters and sorts only those; selection and scroll stay."""
        for row in changes.gone:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.records[row]
            self.endRemoveRows()
        come = set(changes.come)
        self.records = [r for n, r in enumerate(changes.records) if n not in come]
        if columns is not None:
            self.columns = columns
        for row in changes.come:
            self.beginInsertRows(QModelIndex(), row, row)
            self.records.insert(row, changes.records[row])
            self.endInsertRows()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section][0]
        if role == Qt.ItemDataRole.ToolTipRole and section < len(self.header_tips):
            return self.header_tips[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        _, value, text = self.columns[index.column()]
        record = self.records[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (NEW_MARK if index.column() == 0 and self.is_new(record) else "") + text(value(record))
        if role == Qt.ItemDataRole.FontRole and self.is_new(record):
            return _bold()
        if role == SORT_ROLE:
            return value(record)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(record, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value(record), int | float):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class RecordFilter(QSortFilterProxyModel):
    """The filter text matches any column; a predicate can also hide records (identical copies, say)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.hidden: Callable[[object], bool] | None = None
        self.extra_text: Callable[[object], str] = lambda _record: ""  # matched too, though not shown (file names)
        self.needle = ""
        self.setSortRole(SORT_ROLE)
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_hidden(self, predicate: Callable[[object], bool] | None) -> None:
        self.beginFilterChange()  # Qt 6.10's way; invalidateRowsFilter() is deprecated
        self.hidden = predicate
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_text(self, text: str) -> None:
        self.needle = text.casefold()
        self.setFilterFixedString(text)

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        record = self.sourceModel().records[source_row]
        if self.hidden is not None and self.hidden(record):
            return False
        return super().filterAcceptsRow(source_row, source_parent) or (
            bool(self.needle) and self.needle in self.extra_text(record).casefold())


class Table(QTableView):
    """A sortable, filterable table; `activated_row` gives the record's index, `shown_changed` the rows shown."""

    activated_row = Signal(int)
    shown_changed = Signal(int, int)  # rows shown (after the filter), rows in all

    def __init__(self, columns, parent=None):
        super().__init__(parent)
        self.model_ = ColumnsModel(columns, self)
        self.proxy = RecordFilter(self)
        self.proxy.setSourceModel(self.model_)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the records' own order until the user sorts
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        self.activated.connect(lambda idx: self.activated_row.emit(self.record_at(idx.row())))
        for sig in (self.proxy.modelReset, self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.layoutChanged):
            sig.connect(self._count)

    def _count(self, *_args) -> None:
        self.shown_changed.emit(self.proxy.rowCount(), self.model_.rowCount())

    def set_records(self, records: list) -> None:
        self.model_.set_records(records)

    def source_row(self, index) -> int:
        return self.proxy.mapToSource(index).row()

    def row_of(self, record) -> int | None:
        """Where a record is in the table as sorted and filtered (None if filtered out or not there)."""
        try:
            source = self.model_.records.index(record)
        except ValueError:
            return None
        row = self.proxy.mapFromSource(self.model_.index(source, 0)).row()
        return row if row >= 0 else None

    def record_at(self, row: int):
        return self.model_.records[self.proxy.mapToSource(self.proxy.index(row, 0)).row()]

    def copy_text(self) -> str:
        """The selected rows (or the current one) as tab-separated text with a header line."""
        rows = sorted({i.row() for i in self.selectionModel().selectedIndexes()}) or (
            [self.currentIndex().row()] if self.currentIndex().isValid() else [])
        cols = range(self.proxy.columnCount())
        lines = ["\t".join(str(self.proxy.headerData(c, Qt.Orientation.Horizontal)).replace("\n", " ") for c in cols)]
        lines += ["\t".join(str(self.proxy.index(r, c).data()) for c in cols) for r in rows]
        return "\n".join(lines)

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            QGuiApplication.clipboard().setText(self.copy_text())
            return
        super().keyPressEvent(event)
