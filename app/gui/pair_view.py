"""The pair view: two panes aligned row by row (Meld's way), a link gutter between them, an overview strip.

Each alignment row becomes one block in each pane; where only one side has text, the other gets a hatched
filler block, and the shorter block of every pair is padded so rows face each other exactly. The panes then
share one geometry, so scrolling one scrolls the other to the same place inside the same row. A moved
sentence stands at its own place on each side and the gutter draws a crossing band between the two.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPainter,
    QPainterPath,
    QPen,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTextEdit,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from app.gui.style import MARKS, NAMES, colour

BASE_MARGIN = 4.0
_TIP = QTextFormat.Property.UserProperty + 1


@dataclass
class Slot:
    """One block in each pane: a row's A side, B side, or both."""

    row: int
    kind: str
    a: list[int]  # sentences shown on the left (empty: filler)
    b: list[int]
    severity: str = "low"
    partner: int = -1  # for a moved row: the slot holding its other side


def build_slots(rows, hide: set[int] | None = None) -> list[Slot]:
    """Slots in display order. A moved row shows its A side at A's place and its B side at B's place."""
    slots: list[Slot] = []
    pending_b: list[tuple[int, int]] = []  # (b index, row) of moved rows, placed by B's order
    for n, row in enumerate(rows):
        if hide and n in hide:
            continue
        if row.kind == "moved":
            slots.append(Slot(n, "moved", row.a, [], row.severity))
            pending_b.append((row.b[0], n))
        else:
            slots.append(Slot(n, row.kind, row.a, row.b, row.severity))
    for b_index, n in sorted(pending_b):
        at = next((k for k, s in enumerate(slots) if s.b and s.kind != "moved" and s.b[0] > b_index), len(slots))
        slots.insert(at, Slot(n, "moved", [], rows[n].b, rows[n].severity))
    where = {}
    for k, s in enumerate(slots):
        if s.kind == "moved":
            if s.row in where:
                slots[where[s.row]].partner, s.partner = k, where[s.row]
            else:
                where[s.row] = k
    return slots


class Pane(QTextEdit):
    """A read-only text pane that shows the tooltip of the text under the mouse (flag reasons, risks)."""

    def __init__(self, side: str, parent=None):
        super().__init__(parent)
        self.side = side
        self.setReadOnly(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff if side == "a"
                                        else Qt.ScrollBarPolicy.ScrollBarAsNeeded)

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            cursor = self.cursorForPosition(event.pos())
            tip = cursor.charFormat().stringProperty(_TIP)
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def block_rect(self, n: int) -> QRectF:
        doc = self.document()
        return doc.documentLayout().blockBoundingRect(doc.findBlockByNumber(n))


class LinkMap(QWidget):
    """The gutter: a band per aligned row, straight for facing rows, crossing for moved ones."""

    clicked = Signal(int)

    def __init__(self, view: PairView):
        super().__init__(view)
        self.view = view
        self.setFixedWidth(46)
        self.setMouseTracking(True)

    def _y(self, pane: Pane, rect: QRectF) -> tuple[float, float]:
        offset = pane.viewport().mapTo(self.view, QPoint(0, 0)).y() - self.mapTo(self.view, QPoint(0, 0)).y()
        top = rect.top() - pane.verticalScrollBar().value() + offset
        return top, top + rect.height()

    def paintEvent(self, _event) -> None:
        v = self.view
        if not v.slots:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w = self.width()
        font = QFont(self.font())
        font.setBold(True)
        p.setFont(font)
        for k, slot in enumerate(v.slots):
            if slot.kind == "moved" and slot.partner >= 0 and not slot.a:
                continue  # drawn once, from its A side
            la = self._y(v.left, v.left.block_rect(k))
            k_b = slot.partner if slot.kind == "moved" and slot.partner >= 0 else k
            rb = self._y(v.right, v.right.block_rect(k_b))
            if max(la[1], rb[1]) < 0 or min(la[0], rb[0]) > self.height():
                continue
            path = QPainterPath(QPointF(0, la[0]))
            path.cubicTo(QPointF(w / 2, la[0]), QPointF(w / 2, rb[0]), QPointF(w, rb[0]))
            path.lineTo(QPointF(w, rb[1]))
            path.cubicTo(QPointF(w / 2, rb[1]), QPointF(w / 2, la[1]), QPointF(0, la[1]))
            path.closeSubpath()
            fill = colour(slot.kind if slot.kind != "same" else "same")
            if slot.kind == "same":
                fill = fill.darker(108)
            p.fillPath(path, fill)
            high = slot.severity == "high"
            p.setPen(QPen(colour("risk") if high else fill.darker(130), 2 if high else 1))
            p.drawPath(path)
            mid = (la[0] + la[1] + rb[0] + rb[1]) / 4
            mark = MARKS[slot.kind] + ("!" if high else "")
            p.setPen(colour("risk") if high else self.palette().text().color())
            p.drawText(QRectF(0, mid - 9, w, 18), Qt.AlignmentFlag.AlignCenter, mark)
        p.end()

    def mousePressEvent(self, event) -> None:
        for k in range(len(self.view.slots)):
            top, bottom = self._y(self.view.left, self.view.left.block_rect(k))
            if top <= event.position().y() <= bottom:
                self.clicked.emit(k)
                return


class ChunkMap(QWidget):
    """The overview strip: where the changes are in the whole pair; click to go there."""

    def __init__(self, view: PairView):
        super().__init__(view)
        self.view = view
        self.setFixedWidth(16)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Overview: changed ≈, moved ↕, only in one copy ±, high-risk in red. Click to go there.")

    def paintEvent(self, _event) -> None:
        v = self.view
        p = QPainter(self)
        p.fillRect(self.rect(), self.palette().base())
        total = max(1.0, v.left.document().size().height())
        h = self.height()
        for k, slot in enumerate(v.slots):
            if slot.kind == "same":
                continue
            r = v.left.block_rect(k)
            y0, y1 = r.top() / total * h, max(r.bottom() / total * h, r.top() / total * h + 2)
            p.fillRect(QRectF(2, y0, self.width() - 4, y1 - y0), colour(slot.kind).darker(115))
            if slot.severity == "high":
                p.fillRect(QRectF(0, y0, 3, max(2, y1 - y0)), colour("risk"))
        bar = v.right.verticalScrollBar()
        span = bar.maximum() - bar.minimum() + bar.pageStep()
        if span > 0:
            top = bar.value() / span * h
            height = bar.pageStep() / span * h
            p.setPen(QPen(self.palette().text().color(), 1))
            p.setBrush(QColor(128, 128, 128, 50))
            p.drawRect(QRectF(0.5, top, self.width() - 1, max(4, height)))
        p.end()

    def mousePressEvent(self, event) -> None:
        bar = self.view.right.verticalScrollBar()
        span = bar.maximum() - bar.minimum() + bar.pageStep()
        bar.setValue(int(event.position().y() / max(1, self.height()) * span - bar.pageStep() / 2))


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
        box.addWidget(_legend())
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
            fmt.setProperty(_TIP, tip)
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


def _legend() -> QWidget:
    w = QWidget()
    box = QHBoxLayout(w)
    box.setContentsMargins(0, 0, 0, 0)
    for kind in ("same", "changed", "moved", "only_a", "only_b"):
        b = QToolButton(text=f"{MARKS[kind]} {NAMES[kind]}")
        b.setEnabled(False)
        b.setAutoRaise(True)
        b.setStyleSheet(f"QToolButton {{ background: {colour(kind).name()}; color: palette(text); "
                        "border-radius: 3px; padding: 1px 6px; }")
        box.addWidget(b)
    flag = QLabel("<i style='color:gray'>⚑ flagged: not part of the article</i> · "
                  "<s>removed</s> / <u>added</u> words · <b style='color:#d00'>! high risk</b>")
    box.addWidget(flag)
    box.addStretch(1)
    return w
