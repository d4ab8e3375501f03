"""The family view: the lineage tree above; below, the reference text with a tally per sentence and every copy as
a row with one narrow mark per reference sentence, filled on a worker thread a chunk of copies at a time."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core import triage
from app.core.styling import Role
from app.gui import settings as opts
from app.gui.family import marks as mk
from app.gui.family.lineage import LineageTree
from app.gui.lists.columns import ColumnWidths, header_width
from app.gui.lists.pairs import side_text
from app.gui.style import is_dark, qcolour, text_on
from app.gui.tasks import Tasks

CHUNK = 12  # copies per update: small enough that inserting them never holds the window up
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
MARKS_ROLE = Qt.ItemDataRole.UserRole + 2


_COLOURS: dict[tuple[bool, int], QColor] = {}


def mark_colour(mark: int) -> QColor:
    """Stronger tones than the pair view's backgrounds: a mark may be two pixels wide. Kept per palette:
    a strip paints thousands of marks."""
    key = (is_dark(), mark)
    if key not in _COLOURS:
        _COLOURS[key] = qcolour(Role.HIGH_RISK) if mark & mk.RISK else {
            mk.KEPT: qcolour(Role.SHARED).darker(125), mk.CHANGED: qcolour(Role.CHANGED).darker(125),
            mk.MOVED: qcolour(Role.MOVED).darker(125), mk.DROPPED: qcolour(Role.ONLY_A).darker(135),
            mk.FLAGGED: qcolour(Role.FILLER)}.get(mark & 0x0F, QColor(0, 0, 0, 0))
    return _COLOURS[key]


def compare_copies(result, ref: int, copies: list[int]) -> Iterator[list[mk.CopyMarks]]:
    """Each copy against the reference, CHUNK copies at a time (a generator job: a newer family stops it)."""
    by_pair = mk.pair_index(result.pairs)
    batch = []
    for copy in copies:
        batch.append(mk.copy_marks(result, by_pair, ref, copy))
        if len(batch) >= CHUNK:
            yield batch
            batch = []
    if batch:
        yield batch


class SentenceModel(QAbstractListModel):
    """The reference's sentences, each with how many copies kept, changed or dropped it so far."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.texts: list[str] = []
        self.flagged: set[int] = set()
        self.tally: list[list[int]] = []  # per sentence: [kept, changed, dropped, high-risk]

    def reset(self, art) -> None:
        self.beginResetModel()
        self.texts = [art.text[s:e].replace("\n", " ").strip() for s, e in art.sentences]
        self.flagged = set(art.flagged_sentences())
        self.tally = [[0, 0, 0, 0] for _ in self.texts]
        self.endResetModel()

    def add(self, copies: list[mk.CopyMarks]) -> None:
        for c in copies:
            for i, m in enumerate(c.marks[: len(self.tally)]):
                kind = m & 0x0F
                t = self.tally[i]
                if kind in (mk.KEPT, mk.MOVED):
                    t[0] += 1
                elif kind == mk.CHANGED:
                    t[1] += 1
                    t[3] += bool(m & mk.RISK)
                elif kind == mk.DROPPED:
                    t[2] += 1
        if self.texts:
            self.dataChanged.emit(self.index(0), self.index(len(self.texts) - 1))

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.texts)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        i = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.texts[i]
        if role == Qt.ItemDataRole.ToolTipRole:
            if i in self.flagged:
                return "Flagged in the reference: not part of the article"
            kept, changed, dropped, risk = self.tally[i]
            return (f"Sentence {i + 1}: kept by {kept}, changed by {changed} ({risk} high-risk), "
                    f"dropped by {dropped} copies. Select it to see which.")
        return None


class SentenceDelegate(QStyledItemDelegate):
    """A sentence, wrapped at the pane's width, after a bar that shows what the copies did with it."""

    BAR = 54

    def __init__(self, view: QListView):
        super().__init__(view)
        self.view = view

    def _text_rect(self, rect: QRect) -> QRect:
        return rect.adjusted(self.BAR + 10, 3, -6, -3)

    def sizeHint(self, option, index) -> QSize:
        width = max(120, self.view.viewport().width())
        text_rect = self._text_rect(QRect(0, 0, width, 10_000))
        flags = int(Qt.TextFlag.TextWordWrap)
        h = option.fontMetrics.boundingRect(text_rect, flags, index.data()).height()
        return QSize(width, h + 8)

    def paint(self, p: QPainter, option, index) -> None:
        model: SentenceModel = index.model()
        i = index.row()
        p.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            p.fillRect(option.rect, option.palette.highlight())
        bar = QRect(option.rect.left() + 4, option.rect.top() + 4, self.BAR, 10)
        kept, changed, dropped, risk = model.tally[i]
        total = kept + changed + dropped
        if i in model.flagged:
            p.fillRect(bar, qcolour(Role.FILLER))
            p.fillRect(bar, Qt.BrushStyle.BDiagPattern)
        elif total:
            x = bar.left()
            for count, mark in ((kept, mk.KEPT), (changed - risk, mk.CHANGED), (risk, mk.CHANGED | mk.RISK),
                                (dropped, mk.DROPPED)):
                w = round(self.BAR * count / total)
                if w:
                    p.fillRect(QRect(x, bar.top(), w, bar.height()), mark_colour(mark))
                    x += w
        p.setPen(option.palette.mid().color())
        p.drawRect(bar)
        role = option.palette.ColorRole.HighlightedText if selected else option.palette.ColorRole.Text
        pen = option.palette.color(role)
        if i in model.flagged:
            pen = qcolour(Role.FLAGGED_TEXT)
            f = p.font()
            f.setItalic(True)
            p.setFont(f)
        p.setPen(pen)
        p.drawText(self._text_rect(option.rect), int(Qt.TextFlag.TextWordWrap), index.data())
        p.restore()


class CopiesModel(QAbstractTableModel):
    """One row per copy, in arrival order; the proxy sorts."""

    FIGURES = (triage.KEPT, triage.CHANGED, triage.DROPPED, triage.HIGH_RISK)  # as every list shows them
    HEADERS = ("Copy", *(c.header("ref.", "copy", "\n") for c in FIGURES), "Sentence", "Every sentence")
    HEADER_TIPS = ("The copy's site and headline (hover: its file and figures)",
                   *(c.tooltip("the reference", "the copy") for c in FIGURES),
                   "What each copy did with the reference sentence selected on the left",
                   "One mark per reference sentence: grey kept, amber changed, red high-risk, rose dropped")
    STRIP = 6

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[mk.CopyMarks] = []
        self.names: list[str] = []
        self.tips: list[str] = []
        self.articles: list = []
        self.sentence = -1  # the reference sentence selected, whose mark the "Sentence" column shows

    def reset(self, articles) -> None:
        self.beginResetModel()
        self.rows, self.names, self.tips, self.articles = [], [], [], articles
        self.endResetModel()

    def add(self, copies: list[mk.CopyMarks]) -> None:
        start = len(self.rows)
        self.beginInsertRows(QModelIndex(), start, start + len(copies) - 1)
        for c in copies:
            art = self.articles[c.copy]
            self.rows.append(c)
            self.names.append(side_text(art))  # the site first: copies of one story share its headline
            self.tips.append(f"{art.title}\n{art.id}\n{c.figures.summary('the reference', 'the copy')}\n"
                             "Click to open it beside the reference (the lineage above opens it beside its source).")
        self.endInsertRows()

    def set_sentence(self, k: int) -> None:
        self.sentence = k
        if self.rows:
            self.dataChanged.emit(self.index(0, 5), self.index(len(self.rows) - 1, 6))

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return self.HEADER_TIPS[section]
        return None

    def _mark(self, c: mk.CopyMarks) -> int:
        return c.marks[self.sentence] if 0 <= self.sentence < len(c.marks) else mk.UNKNOWN

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        c = self.rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            if col == 0:
                return self.names[index.row()]
            if col == 5:
                m = self._mark(c)
                text = "high-risk" if m & mk.RISK else mk.NAMES[m & 0x0F] if self.sentence >= 0 else ""
                return (m if role == SORT_ROLE else text)
            if col == 6:
                return c.figures.kept if role == SORT_ROLE else None
            f = c.figures
            value = (f.kept, f.changed, f.dropped, f.high_risk)[col - 1]
            return value if role == SORT_ROLE else triage.pct(value) if col < 4 else f.cells()[4]
        if role == MARKS_ROLE:
            return c.marks
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tips[index.row()]
        if role == Qt.ItemDataRole.BackgroundRole and col == 5 and self.sentence >= 0:
            m = self._mark(self.rows[index.row()])
            return mark_colour(m) if m & 0x0F not in (mk.UNKNOWN, mk.KEPT) else None
        if role == Qt.ItemDataRole.ForegroundRole and col == 5 and self.sentence >= 0:
            m = self._mark(self.rows[index.row()])
            return text_on(mark_colour(m)) if m & 0x0F not in (mk.UNKNOWN, mk.KEPT) else None
        if role == Qt.ItemDataRole.TextAlignmentRole and 0 < col < 5:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class StripDelegate(QStyledItemDelegate):
    """Every reference sentence as a narrow mark, left to right; the selected sentence is framed."""

    def __init__(self, model: CopiesModel, parent=None):
        super().__init__(parent)
        self.model = model

    def paint(self, p: QPainter, option, index) -> None:
        marks: bytes = index.data(MARKS_ROLE) or b""
        if not marks:
            return
        p.save()
        r = option.rect.adjusted(2, 3, -2, -3)
        step = r.width() / len(marks)
        for i, m in enumerate(marks):
            x0, x1 = r.left() + int(i * step), r.left() + int((i + 1) * step)
            p.fillRect(QRect(x0, r.top(), max(1, x1 - x0 - (1 if step >= 4 else 0)), r.height()), mark_colour(m))
        k = self.model.sentence
        if 0 <= k < len(marks):
            p.setPen(QPen(qcolour("current"), 2))
            p.drawRect(QRect(r.left() + int(k * step) - 1, r.top() - 2, max(3, int(step) + 2), r.height() + 4))
        p.restore()

    def sizeHint(self, option, index) -> QSize:
        n = len(index.data(MARKS_ROLE) or b"")
        return QSize(max(120, min(4 * n, 480)), option.fontMetrics.height() + 6)


class FamilyView(QWidget):
    """One reference against every copy of its family. `show_family` returns at once; copies arrive in chunks."""

    open_pair = Signal(int, int)  # reference document, copy document
    open_source = Signal(int)  # a copy, to show beside the copy or version it came from
    filled = Signal()  # every copy is in

    def __init__(self, parent=None):
        super().__init__(parent)
        self.reference = -1
        self.expected = 0
        self.tasks = Tasks(self)

        self.header = QLabel("Activate a document or a family to compare every copy against one reference.")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.sentences = SentenceModel(self)
        self.text_view = QListView()
        self.text_view.setModel(self.sentences)
        self.text_view.setItemDelegate(SentenceDelegate(self.text_view))
        self.text_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.text_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.text_view.setAccessibleName("Reference text")
        self.text_view.setToolTip("The reference, sentence by sentence; the bar shows how many copies kept (grey), "
                                  "changed (amber, red if high-risk) or dropped (rose) each sentence")
        self.text_view.selectionModel().currentChanged.connect(lambda cur, _: self.copies.set_sentence(cur.row()))

        self.copies = CopiesModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.copies)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a file name's end tells copies apart
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setItemDelegateForColumn(6, StripDelegate(self.copies, self.table))
        # widths are set once from the header texts (fitting them to the contents would read all 300 rows on
        # every update); the copy's name and the strip share the rest
        head = self.table.horizontalHeader()
        self.widths = ColumnWidths(self.table, head, opts.COPIES_COLUMNS, flexible=(0, 6))
        cell = self.fontMetrics().horizontalAdvance
        self.widths.set_fits([max(header_width(head, text), cell(sample) + 14)
                              for text, sample in zip(CopiesModel.HEADERS, ("", "100%", "100%", "100%", "00",
                                                                            "high-risk", ""), strict=True)])
        self.table.setAccessibleName("Copies of the family")
        self.table.clicked.connect(self._open)
        self.table.activated.connect(self._open)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.text_view)
        split.addWidget(self.table)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        self.table.setMinimumWidth(380)
        self.lineage = LineageTree()
        self.lineage.open_source.connect(self.open_source)
        # the lineage first: where each copy came from is what an editor reads before any sentence
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(self.lineage)
        self.split.addWidget(split)
        self.split.setStretchFactor(0, 1)
        self.split.setStretchFactor(1, 1)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        box.addWidget(self.header)
        box.addWidget(self.split, 1)

    # ------------------------------------------------------------ filling

    def show_family(self, result, ref: int, family: list[int] | None = None) -> None:
        """Compare `ref` against every other member of its family (or of `family`)."""
        self.tasks.drop("family")  # a previous family still filling stops at its next chunk
        self.reference = ref
        record = result.family_of(ref)
        members = family if family is not None else list(record.members) if record is not None else [ref]
        copies = [d for d in members if d != ref]
        self.expected = len(copies)
        art = result.articles[ref]
        title = (record.title if record is not None else "") or art.title or art.id
        versions = len(record.versions) if record is not None else 0
        self._title = (f"{' '.join(title.split())} · reference {side_text(art).split(' · ')[0]} · {len(copies)} copies"
                       + (f" · {versions} versions" if versions > 1 else ""))
        self.lineage.show_family(result, record)
        self.sentences.reset(art)
        self.copies.reset(result.articles)
        self.copies.set_sentence(-1)
        self._show_count()
        self.tasks.run_steps("family", lambda: compare_copies(result, ref, copies), self._on_chunk, self._on_done)

    def _on_chunk(self, copies: list[mk.CopyMarks]) -> None:
        self.copies.add(copies)
        self.sentences.add(copies)
        self._show_count()

    def _on_done(self, _) -> None:
        self._show_count()
        self.filled.emit()

    def _show_count(self) -> None:
        n = len(self.copies.rows)
        more = f" · compared {n} of {self.expected}…" if n < self.expected else ""
        self.header.setText(self._title + more)

    def stop(self) -> None:
        self.tasks.drop("family")

    # ------------------------------------------------------------ reading

    def mark(self, copy: int, sentence: int) -> int:
        """The mark `copy` has for the reference's `sentence` (UNKNOWN until it arrives)."""
        row = next((c for c in self.copies.rows if c.copy == copy), None)
        return row.marks[sentence] if row else mk.UNKNOWN

    def pair_for(self, ref: int, copy: int):
        """The pair this view aligned for reference and copy (None when the scan has it, or not yet)."""
        if ref != self.reference:
            return None
        return next((c.pair for c in self.copies.rows if c.copy == copy), None)

    def _open(self, index) -> None:
        row = self.proxy.mapToSource(index).row()
        self.open_pair.emit(self.reference, self.copies.rows[row].copy)
