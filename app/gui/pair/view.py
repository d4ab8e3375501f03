"""The pair view: two panes aligned row by row (Meld's way), a link gutter between them, an overview strip.

Each alignment row becomes one block in each pane; where only one side has text, the other gets a hatched
filler block, and the shorter block of every pair is padded so rows face each other exactly. The panes then
share one geometry, so scrolling one scrolls the other to the same place inside the same row. A moved
sentence stands at its own place on each side and the gutter draws a crossing band between the two.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTextEdit, QVBoxLayout, QWidget

from app.gui.pair.chunkmap import ChunkMap
from app.gui.pair.legend import legend
from app.gui.pair.linkmap import LinkMap
from app.gui.pair.pane import BASE_MARGIN, TIP, Pane
from app.gui.pair.slots import Slot, build_slots
from app.gui.style import colour


class PairView(QWidget):
    """Two articles side by side, sentence-aligned, with their fidelity summary."""

    current_changed = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.result = None
        self.pair = None
        self.swapped = False
        self.hide_flagged = False
        self.rows = []
        self.slots: list[Slot] = []
        self.current = -1
        self._syncing = False

        self.summary = QLabel("Drop a folder of articles on the window, or use File ▸ Open Folder…")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title_a, self.title_b = QLabel(), QLabel()
        for t in (self.title_a, self.title_b):
            t.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            f = t.font()
            f.setBold(True)
            t.setFont(f)
        self.left, self.right = Pane("a", self), Pane("b", self)
        self.gutter = LinkMap(self)
        self.overview = ChunkMap(self)
        self.find_bar = QLineEdit(placeholderText="Find in both copies (Enter: next)")
        self.find_bar.setClearButtonEnabled(True)
        self.find_bar.returnPressed.connect(self.find_next)
        self.find_bar.hide()

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
        box.addWidget(self.summary)
        box.addWidget(legend())
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

    def set_swapped(self, swapped: bool) -> None:
        if self.pair is not None and swapped != self.swapped:
            self.swapped = swapped
            self._render()

    def set_hide_flagged(self, hide: bool) -> None:
        self.hide_flagged = hide
        if self.pair is not None:
            self._render()

    def articles(self):
        a, b = self.result.articles[self.pair.a], self.result.articles[self.pair.b]
        return (b, a) if self.swapped else (a, b)

    def _render(self) -> None:
        art_a, art_b = self.articles()
        self.rows = [r.mirrored() for r in self.pair.rows] if self.swapped else self.pair.rows
        flag_a, flag_b = art_a.flagged_sentences(), art_b.flagged_sentences()
        hide = None
        if self.hide_flagged:
            hide = {n for n, r in enumerate(self.rows)
                    if all(i in flag_a for i in r.a) and all(j in flag_b for j in r.b)}
        self.slots = build_slots(self.rows, hide)
        self.title_a.setText(f"A: {art_a.id}")
        self.title_b.setText(f"B: {art_b.id}")
        self.title_a.setToolTip(art_a.path)
        self.title_b.setToolTip(art_b.path)
        self.left.setDocument(self._document(art_a, "a"))
        self.right.setDocument(self._document(art_b, "b"))
        f = self._fidelity()
        self.summary.setText(f"<b>{f.summary}</b> Overlap {self.pair.score:.0%}. {f.source_reason}.")
        self.current = -1
        self._equalize()
        self.left.verticalScrollBar().setValue(0)

    def _fidelity(self):
        return self.pair.fidelity.mirrored() if self.swapped else self.pair.fidelity

    def _document(self, article, side: str) -> QTextDocument:
        doc = QTextDocument(self)
        doc.setDefaultFont(self.font())
        doc.setDocumentMargin(6)
        cursor = QTextCursor(doc)
        text = article.text
        for k, slot in enumerate(self.slots):
            idx = slot.a if side == "a" else slot.b
            fmt = QTextBlockFormat()
            fmt.setTopMargin(BASE_MARGIN)
            fmt.setBottomMargin(BASE_MARGIN)
            fmt.setLeftMargin(6)
            fmt.setRightMargin(6)
            if idx:
                fmt.setBackground(colour(slot.kind))
            else:
                fmt.setBackground(QBrush(colour("filler"), Qt.BrushStyle.BDiagPattern))
            if k == 0:
                cursor.setBlockFormat(fmt)
            else:
                cursor.insertBlock(fmt)
            if not idx:
                continue
            row = self.rows[slot.row]
            start, end = article.sentences[idx[0]][0], article.sentences[idx[-1]][1]
            for s, e, char_format in self._runs(article, row, side, start, end):
                cursor.insertText(text[s:e].replace("\n", " "), char_format)
        return doc

    def _runs(self, article, row, side: str, start: int, end: int):
        """Runs of text with their formats: changed words, risks, typography, flagged text."""
        n = end - start
        style = [0] * n  # 1 changed, 2 high risk, 4 flagged, 8 typography
        tips = [""] * n

        def paint(s: int, e: int, bit: int, tip: str) -> None:
            for k in range(max(s, start) - start, min(e, end) - start):
                style[k] |= bit
                if tip and not tips[k]:
                    tips[k] = tip

        for e in row.edits:
            span = e.a if side == "a" else e.b
            if span is None or e.op == "equal":
                continue
            if e.op == "typography":
                paint(*span, 8, "typography only: quotes, dashes, spaces or case")
            else:
                label = "removed in B" if side == "a" else "added in B"
                paint(*span, 1 | (2 if e.risk else 0),
                      f"high risk ({e.risk} changed): {label}" if e.risk else label)
        for f in article.flags:
            paint(f.start, f.end, 4, f"⚑ Flagged as {f.kind}: {f.reason}")
        k = 0
        while k < n:
            j = k
            while j < n and style[j] == style[k] and tips[j] == tips[k]:
                j += 1
            yield start + k, start + j, self._format(style[k], tips[k], side)
            k = j

    def _format(self, bits: int, tip: str, side: str) -> QTextCharFormat:
        fmt = QTextCharFormat()
        if bits & 1:
            fmt.setBackground(colour("del" if side == "a" else "ins"))
            if side == "a":
                fmt.setFontStrikeOut(True)
            else:
                fmt.setFontUnderline(True)
        if bits & 2:
            fmt.setFontWeight(QFont.Weight.Bold)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(colour("risk"))
        if bits & 8:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        if bits & 4:
            fmt.setForeground(colour("flag"))
            fmt.setFontItalic(True)
        if tip:
            fmt.setProperty(TIP, tip)
        return fmt

    # ------------------------------------------------------------ geometry

    def _equalize(self) -> None:
        """Pad the shorter block of each slot so rows face each other exactly."""
        docs = (self.left.document(), self.right.document())
        for pane, doc in zip((self.left, self.right), docs, strict=True):
            doc.setTextWidth(pane.viewport().width())
        for k in range(len(self.slots)):
            blocks = [doc.findBlockByNumber(k) for doc in docs]
            heights = []
            for doc, block in zip(docs, blocks, strict=True):
                fmt = block.blockFormat()
                if fmt.bottomMargin() != BASE_MARGIN:
                    fmt.setBottomMargin(BASE_MARGIN)
                    QTextCursor(block).setBlockFormat(fmt)
                heights.append(doc.documentLayout().blockBoundingRect(block).height())
            diff = heights[0] - heights[1]
            if abs(diff) >= 0.5:
                block = blocks[1] if diff > 0 else blocks[0]
                fmt = block.blockFormat()
                fmt.setBottomMargin(BASE_MARGIN + abs(diff))
                QTextCursor(block).setBlockFormat(fmt)
        self.gutter.update()
        self.overview.update()

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

    # ------------------------------------------------------------ navigation

    def slot_of(self, side: str, sentence: int) -> int:
        return next(k for k, s in enumerate(self.slots) if sentence in (s.a if side == "a" else s.b))

    def go_to(self, k: int) -> None:
        if not 0 <= k < len(self.slots):
            return
        self.current = k
        for pane in (self.left, self.right):
            block = pane.document().findBlockByNumber(k)
            cursor = QTextCursor(block)
            pane.setTextCursor(cursor)
            sel = QTextEdit.ExtraSelection()
            sel.cursor = cursor
            c = colour("current")
            c.setAlpha(60)
            sel.format.setBackground(c)
            sel.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            pane.setExtraSelections([sel])
        top = self.right.block_rect(k).top()
        self.right.verticalScrollBar().setValue(int(top - self.right.viewport().height() / 3))
        self.current_changed.emit(k)

    def next_change(self, forward: bool = True, high_only: bool = False) -> bool:
        order = range(self.current + 1, len(self.slots)) if forward else range(self.current - 1, -1, -1)
        for k in order:
            s = self.slots[k]
            if s.kind != "same" and (not high_only or s.severity == "high") and (s.a or s.partner < 0):
                self.go_to(k)
                return True
        return False

    def show_find(self) -> None:
        self.find_bar.show()
        self.find_bar.setFocus()
        self.find_bar.selectAll()

    def find_next(self) -> None:
        needle = self.find_bar.text()
        if not needle:
            return
        found = False
        for pane in (self.left, self.right):
            if not pane.find(needle):
                pane.moveCursor(QTextCursor.MoveOperation.Start)
                found |= pane.find(needle)
            else:
                found = True
        self.find_bar.setStyleSheet("" if found else "background: #ffd6d6")
