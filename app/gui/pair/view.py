"""The pair view: two panes aligned row by row (Meld's way), a link gutter between them, an overview strip.

Each alignment row becomes one block in each pane; where only one side has text, the other gets a hatched
filler block, and the shorter block of every pair is padded so rows face each other exactly. The panes then
share one geometry, so scrolling one scrolls the other to the same place inside the same row. A moved
sentence stands at its own place on each side and the gutter draws a crossing band between the two.
"""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QTextBlockFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QTextEdit, QVBoxLayout, QWidget

from app.core.pair_model import PairModel
from app.core.records import PairRole
from app.core.styling import Role
from app.gui import settings as opts
from app.gui.lists.pairs import side_text
from app.gui.pair.chunkmap import ChunkMap
from app.gui.pair.findbar import FindBar
from app.gui.pair.formats import ROLE, block_brush, char_format, plain_tip
from app.gui.pair.legend import Legend
from app.gui.pair.linkmap import LinkMap
from app.gui.pair.pane import BASE_MARGIN, Pane
from app.gui.style import is_dark, qcolour


def _block_heights(doc: QTextDocument, n: int) -> list[float]:
    """The height of each of the first `n` blocks' text at the document's width, measured on a copy: the pane's
    own layout is redone lazily as margins change, and a block measured mid-way reports its old wrapping."""
    copy = doc.clone()
    copy.setTextWidth(doc.textWidth())
    layout = copy.documentLayout()
    return [layout.blockBoundingRect(copy.findBlockByNumber(k)).height() for k in range(n)]


#: What the pane says before anything was opened; while a scan runs, or when the lists show no pair, it says that.
EMPTY = "Drop a folder of articles on the window, or use File ▸ Open Folder…"


class PairView(QWidget):
    """Two articles side by side, sentence-aligned, with their fidelity summary."""

    current_changed = Signal(int)
    status_message = Signal(str)  # what the window's status bar should say: where we are among the changes

    def __init__(self, parent=None):
        super().__init__(parent)
        self.result = None
        self.pair = None
        self.swapped = False
        self.hide_flagged = False
        self.model: PairModel | None = None  # the pair as every part of the view sees it
        self.current = -1
        self.dark = False
        self._syncing = False
        self._at_end: tuple[bool, bool] | None = None  # (forward, high only) of a press that found no further change
        self._hits: list[tuple[int, int, int, int]] = []  # (block, side, position, length) of find matches
        self._hit = -1
        self._needle = ""

        self.headline = QLabel(EMPTY)
        self.detail = QLabel()
        self.title_a, self.title_b = QLabel(), QLabel()
        for label in (self.headline, self.detail, self.title_a, self.title_b):
            label.setTextFormat(Qt.TextFormat.PlainText)  # file names and article text are never markup
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for label in (self.headline, self.detail):
            label.setWordWrap(True)
        for label in (self.title_a, self.title_b):  # a long headline is cut, never widens the view
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        for label in (self.headline, self.title_a, self.title_b):
            f = label.font()
            f.setBold(True)
            label.setFont(f)
        self.left, self.right = Pane("a", self), Pane("b", self)
        self.gutter = LinkMap(self.left, self.right, self)
        self.overview = ChunkMap(self.left, self.right, self)
        self.legend = Legend(self)
        self.find_bar = FindBar(self)
        self.find_bar.find.connect(self._find)
        self.find_bar.closed.connect(self._find_closed)

        self.include_minor = QAction("Stop at Flagged and &Typography-Only Rows", self, checkable=True)
        self.include_minor.setToolTip("Next/Previous Change also stop at flagged junk and at rows that differ "
                                      "only in quotes, dashes, spaces or case")
        self.include_minor.setChecked(opts.get(opts.NAV_MINOR))
        self.include_minor.toggled.connect(lambda on: opts.put(opts.NAV_MINOR, on))

        titles = QHBoxLayout()
        titles.addWidget(self.title_a, 1)
        titles.addSpacing(self.gutter.width())
        titles.addWidget(self.title_b, 1)
        titles.addSpacing(self.overview.width())
        panes = QHBoxLayout()
        panes.setSpacing(0)
        panes.addWidget(self.left, 1)
        panes.addWidget(self.gutter)
        panes.addWidget(self.right, 1)
        panes.addWidget(self.overview)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        box.addWidget(self.headline)
        box.addWidget(self.detail)
        box.addWidget(self.legend)
        box.addLayout(titles)
        box.addLayout(panes, 1)
        box.addWidget(self.find_bar)

        self.left.verticalScrollBar().valueChanged.connect(lambda v: self._sync(self.left, v))
        self.right.verticalScrollBar().valueChanged.connect(lambda v: self._sync(self.right, v))
        self.gutter.clicked.connect(self.go_to)
        self._relayout = QTimer(self, singleShot=True, interval=40)
        self._relayout.timeout.connect(self._equalize)

    # ------------------------------------------------------------ content

    def set_pair(self, result, pair_index: int) -> None:
        self.result = result
        self.pair = result.pairs[pair_index]
        self.swapped = False
        self._render()

    def show_placeholder(self, text: str) -> None:
        """No pair: the panes empty and `text` where the pair's summary goes (a scan under way, a filter that
        matches nothing)."""
        self.pair, self.model, self.current = None, None, -1
        for part in (self.gutter, self.overview):
            part.set_model(None, self.dark)
            part.set_rects([])
        for pane in (self.left, self.right):
            pane.setDocument(QTextDocument(self))
            pane.set_current(-1)
        for label in (self.detail, self.title_a, self.title_b):
            label.clear()
        self.headline.setText(text)

    def set_swapped(self, swapped: bool) -> None:
        if self.pair is not None and swapped != self.swapped:
            self.swapped = swapped
            self._rerender()

    def set_hide_flagged(self, hide: bool) -> None:
        self.hide_flagged = hide
        if self.pair is not None:
            self._rerender()

    def _rerender(self) -> None:
        """The same pair drawn again (sides swapped, flagged rows hidden or shown) at the same place: the row at the
        top stays at the top and the current change stays current, so the counter goes on from where it was."""
        top_row, offset = self._top_row()
        current_row = self.model.slots[self.current].row if self.current >= 0 else None
        self._render()
        k = self._slot_near(top_row)
        if k is not None:
            rect = self.left.block_rect(k)
            self.left.verticalScrollBar().setValue(int(rect.top() + min(offset, rect.height() - 1)))
        if current_row is not None:
            k = self._slot_near(current_row)
            if k is not None:
                k = self.model.entry(k)
                self._set_current(k)
                self.status_message.emit(self._where())

    def _top_row(self) -> tuple[int, float]:
        """The alignment row at the top of the panes, and how far into it they are scrolled."""
        slots = self.model.slots
        if not slots:
            return 0, 0.0
        y = self.left.verticalScrollBar().value()
        bottoms = [self.left.block_rect(k).bottom() for k in range(len(slots))]
        k = min(bisect_right(bottoms, y), len(slots) - 1)
        return slots[k].row, y - self.left.block_rect(k).top()

    def _slot_near(self, row: int) -> int | None:
        """The slot showing alignment row `row`, or (hidden now) the first one after it."""
        slots = self.model.slots
        if not slots:
            return None
        return next((k for k, s in enumerate(slots) if s.row == row),
                    min(range(len(slots)), key=lambda k: (slots[k].row < row, abs(slots[k].row - row))))

    def articles(self):
        return self.model.article_a, self.model.article_b

    def fidelity(self):
        """The pair's fidelity as seen from the left: swapping mirrors the engine's result, never recomputes it."""
        return self.model.fidelity

    def _render(self) -> None:
        self.model = PairModel(self.pair, self.result.articles[self.pair.a], self.result.articles[self.pair.b],
                               self.swapped, self.hide_flagged)
        art_a, art_b = self.articles()
        self.dark = is_dark()  # once per document: asking Qt per run costs more than drawing it
        for part in (self.gutter, self.overview):
            part.set_model(self.model, self.dark)
        role_a, role_b = self._lineage_roles()
        self.title_a.setText(f"A: {side_text(art_a)}{role_a}")  # site and headline; the file is in the tooltip
        self.title_b.setText(f"B: {side_text(art_b)}{role_b}")
        self.title_a.setToolTip(plain_tip(art_a.path))
        self.title_b.setToolTip(plain_tip(art_b.path))
        self.left.setDocument(self._document(art_a, "a"))
        self.right.setDocument(self._document(art_b, "b"))
        f = self.fidelity()
        self.headline.setText(self.model.summary)
        role = self.pair.role.description
        role = f"{role[0].upper()}{role[1:]}. " if self.pair.role is not PairRole.OTHER else ""
        self.detail.setText(f"{role}Overlap {self.pair.score:.0%}. {f.source_reason}.")
        self.legend.set_update(self.model.update)
        self._set_current(-1)
        self._at_end = None
        self._needle, self._hits, self._hit = "", [], -1
        self._equalize()
        self.left.verticalScrollBar().setValue(0)
        stops, high = self._stops(False), self._stops(True)
        self.status_message.emit(f"{self.model.count(len(stops), len(high))}: Alt+Down goes to the first"
                                 if stops else "No changes to step through in this pair")

    def _lineage_roles(self) -> tuple[str, str]:
        """What each side is in its family's lineage when one came from the other: the source, and a copy of it
        or the wire's update of it."""
        a, b = (self.pair.b, self.pair.a) if self.swapped else (self.pair.a, self.pair.b)
        family = self.result.family_of(a)
        if family is None:
            return "", ""

        def came_from(copy: int, source: int, name: str) -> str | None:
            link = family.source_of(copy)
            if link is None or link.source != source:
                return None
            return f" · {'the wire’s update of' if link.update else 'copied from'} {name}"

        if (words := came_from(b, a, "A")) is not None:
            return " · the source", words
        if (words := came_from(a, b, "B")) is not None:
            return words, " · the source"
        return "", ""

    def _document(self, article, side: str) -> QTextDocument:
        doc = QTextDocument(self)
        doc.setDefaultFont(self.font())
        doc.setDocumentMargin(6)
        cursor = QTextCursor(doc)
        text = article.text
        for k, slot in enumerate(self.model.slots):
            idx, role = (slot.a, slot.role_a) if side == "a" else (slot.b, slot.role_b)
            fmt = QTextBlockFormat()
            fmt.setTopMargin(BASE_MARGIN)
            fmt.setBottomMargin(BASE_MARGIN)
            fmt.setLeftMargin(6)
            fmt.setRightMargin(6)
            fmt.setBackground(block_brush(role, self.dark))
            fmt.setProperty(ROLE, str(role))
            if k == 0:
                cursor.setBlockFormat(fmt)
            else:
                cursor.insertBlock(fmt)
            if not idx:
                continue
            for run in self.model.runs(slot.row, side):
                cursor.insertText(text[run.start:run.end].replace("\n", " "), char_format(run, self.dark))
        return doc

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # dark or light: every colour comes from the palette
            self.legend.refresh()
            if self.pair is not None:
                current = self.current
                self._render()
                if current >= 0:
                    self.go_to(current)

    # ------------------------------------------------------------ geometry

    def _equalize(self) -> None:
        """Pad the shorter block of each slot so rows face each other exactly."""
        docs = (self.left.document(), self.right.document())
        for pane, doc in zip((self.left, self.right), docs, strict=True):
            doc.setTextWidth(pane.viewport().width())
        n = len(self.model.slots) if self.model else 0
        heights = [_block_heights(doc, n) for doc in docs]
        for k in range(n):
            diff = heights[0][k] - heights[1][k]
            for side, doc in enumerate(docs):
                block = doc.findBlockByNumber(k)
                pad = abs(diff) if (diff > 0) == (side == 1) and abs(diff) >= 0.5 else 0.0
                fmt = block.blockFormat()
                if fmt.bottomMargin() != BASE_MARGIN + pad:
                    fmt.setBottomMargin(BASE_MARGIN + pad)
                    QTextCursor(block).setBlockFormat(fmt)
        layout = docs[0].documentLayout()
        rects = [(r.top(), r.bottom()) for r in (layout.blockBoundingRect(docs[0].findBlockByNumber(k))
                                                 for k in range(n))]
        for part in (self.gutter, self.overview):
            part.set_rects(rects)  # the same in both panes: rows face each other

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._relayout.start()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._relayout.start()

    def _sync(self, source: Pane, value: int) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            other = self.right if source is self.left else self.left
            other.verticalScrollBar().setValue(value)
        finally:
            self._syncing = False
        self.gutter.update()
        self.overview.update()

    # ------------------------------------------------------------ change navigation

    def _stops(self, high_only: bool) -> list[int]:
        return self.model.stops(high_only, self.include_minor.isChecked())

    def _where(self) -> str:
        return self.model.where(self.current, self.include_minor.isChecked())

    def _set_current(self, k: int) -> int:
        """Frame slot `k` on the left and its row on the right (a moved row's B side stands elsewhere)."""
        self.current = k
        right = self.model.right_slot(k) if self.model and k >= 0 else k
        self.left.set_current(k)
        self.right.set_current(right)
        self.gutter.set_current(k)
        return right

    def go_to(self, k: int) -> None:
        if self.model is None or not 0 <= k < len(self.model.slots):
            return
        k = self.model.entry(k)  # a moved row is entered from its A side; its B side is framed at its own place
        right = self._set_current(k)
        for pane, block in ((self.left, k), (self.right, right)):
            pane.setTextCursor(QTextCursor(pane.document().findBlockByNumber(block)))
        top = self.right.block_rect(k).top()
        self.right.verticalScrollBar().setValue(int(top - self.right.viewport().height() / 3))
        self.current_changed.emit(k)
        self.status_message.emit(self._where())

    def next_change(self, forward: bool = True, high_only: bool = False) -> bool:
        """Go to the next (or previous) change. At the last one, say so and stay; the same press again wraps."""
        if self.model is None:  # no pair shown yet
            return False
        stops = self._stops(high_only)
        what = "high-risk change" if high_only else "change"
        if not stops:
            self.status_message.emit(f"No {what} to go to in this pair")
            return False
        ahead = self.model.next_stop(self.current, forward, high_only, self.include_minor.isChecked())
        if ahead is not None:
            self._at_end = None
            self.go_to(ahead)
            return True
        if self._at_end == (forward, high_only):
            self._at_end = None
            self.go_to(stops[0] if forward else stops[-1])
            self.status_message.emit(f"Wrapped to the {'first' if forward else 'last'} {what}: {self._where()}")
            return True
        self._at_end = (forward, high_only)
        keys = ("Alt+Shift+" if high_only else "Alt+") + ("Down" if forward else "Up")
        if high_only:
            keys += f" (or {'' if forward else 'Shift+'}F8)"
        self.status_message.emit(f"{'Last' if forward else 'First'} {what} ({self._where()}); "
                                 f"{keys} again wraps to the {'first' if forward else 'last'}")
        return False

    # ------------------------------------------------------------ find

    def show_find(self) -> None:
        self.find_bar.open()

    def find_next(self) -> None:
        if self.find_bar.isHidden() or not self.find_bar.edit.text():
            self.show_find()
        self.find_bar.step(True)

    def find_previous(self) -> None:
        if self.find_bar.isHidden() or not self.find_bar.edit.text():
            self.show_find()
        self.find_bar.step(False)

    def _matches(self, needle: str) -> list[tuple[int, int, int, int]]:
        hits = []
        for side, pane in enumerate((self.left, self.right)):
            doc = pane.document()
            cursor = doc.find(needle, 0)
            while not cursor.isNull():
                hits.append((cursor.blockNumber(), side, cursor.selectionStart(), len(needle)))
                cursor = doc.find(needle, cursor)
        return sorted(hits)  # reading order: row by row, left before right

    def _find(self, needle: str, forward: bool) -> None:
        if needle != self._needle:
            self._needle, self._hits, self._hit = needle, self._matches(needle) if needle else [], -1
            forward = True
        wrapped = False
        if self._hits:
            n = len(self._hits)
            if self._hit < 0:
                # from the current change or the top of the screen, like a reader expects
                here = self.current if self.current >= 0 else self.left.cursorForPosition(
                    self.left.viewport().rect().topLeft()).blockNumber()
                self._hit = next((i for i, h in enumerate(self._hits) if h[0] >= here), 0)
            else:
                step = 1 if forward else -1
                wrapped = not 0 <= self._hit + step < n
                self._hit = (self._hit + step) % n
            self._show_hit()
        self.find_bar.show_count(self._hit + 1 if self._hits else 0, len(self._hits), wrapped)

    def _show_hit(self) -> None:
        block, side, pos, length = self._hits[self._hit]
        all_hits = qcolour(Role.CHANGED)
        for s, pane in enumerate((self.left, self.right)):
            selections = []
            for i, (_, hs, hp, hl) in enumerate(self._hits):
                if hs != s:
                    continue
                sel = QTextEdit.ExtraSelection()
                sel.cursor = QTextCursor(pane.document())
                sel.cursor.setPosition(hp)
                sel.cursor.setPosition(hp + hl, QTextCursor.MoveMode.KeepAnchor)
                sel.format.setBackground(qcolour("current") if i == self._hit else all_hits)
                if i == self._hit:
                    sel.format.setForeground(Qt.GlobalColor.white)
                selections.append(sel)
            pane.setExtraSelections(selections)
        pane = (self.left, self.right)[side]
        cursor = QTextCursor(pane.document())
        cursor.setPosition(pos)
        cursor.setPosition(pos + length, QTextCursor.MoveMode.KeepAnchor)
        pane.setTextCursor(cursor)
        top = pane.block_rect(block).top()
        bar = self.right.verticalScrollBar()
        if not bar.value() <= top <= bar.value() + self.right.viewport().height() - 20:
            bar.setValue(int(top - self.right.viewport().height() / 3))

    def _find_closed(self) -> None:
        for pane in (self.left, self.right):
            pane.setExtraSelections([])
        self._needle, self._hits, self._hit = "", [], -1
        self.left.setFocus()
