"""The overview map: a tile per document, in family blocks; wheel zooms about the cursor, drag pans,
hovering names the document, clicking a copy opens it against its family's reference."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QToolTip, QVBoxLayout, QWidget

from app.core.styling import Role
from app.gui.overview import layout as lay
from app.gui.style import qcolour
from app.gui.tasks import Tasks


def tone_colour(tone: int) -> QColor:
    return {lay.REFERENCE: qcolour("current"), lay.KEPT: qcolour(Role.SHARED).darker(125),
            lay.CHANGED: qcolour(Role.CHANGED).darker(125), lay.RISKY: qcolour(Role.HIGH_RISK),
            lay.LOOSE: qcolour(Role.MOVED).darker(110), lay.ALONE: qcolour(Role.FILLER)}[tone]


class MapCanvas(QWidget):
    """The painted map. `scale` is pixels per tile; `origin` is where tile (0, 0) is drawn."""

    open_documents = Signal(int, int)  # reference, copy
    open_family = Signal(int)  # reference
    MIN_SCALE, MAX_SCALE = 1.0, 80.0
    GAP = 0.12  # of a tile, between neighbours

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setMinimumSize(200, 200)
        self.setAccessibleName("Overview map")
        self.setAccessibleDescription("Every document as a tile, grouped by story family")
        self.setToolTip("Every document as a tile, grouped by story family. Wheel zooms, drag pans, "
                        "click a copy to open it against its reference.")
        self.blocks: list[lay.Block] = []
        self._tiles: dict[int, list[QRectF]] = {}
        self.articles: list = []
        self.scale = 8.0
        self.origin = QPointF(8, 8)
        self._press: QPointF | None = None
        self._dragged = False

    @classmethod
    def tile_rects(cls, blocks: list[lay.Block]) -> dict[int, list[QRectF]]:
        """Every tile once, in tile units, grouped by colour: a paint is then one scaled call per colour, not
        a Python loop over 10,000 tiles. Made with the layout, off the GUI thread."""
        rects: dict[int, list[QRectF]] = {tone: [] for tone in lay.TONE_NAMES}
        for b in blocks:
            for t in b.tiles:
                rects[t.tone].append(QRectF(b.x + t.x, b.y + t.y, 1 - cls.GAP, 1 - cls.GAP))
        return rects

    def set_blocks(self, blocks: list[lay.Block], articles, rects: dict[int, list[QRectF]] | None = None) -> None:
        self.blocks, self.articles = blocks, articles
        self._tiles = rects if rects is not None else self.tile_rects(blocks)
        self.fit()

    def extent(self) -> QRectF:
        r = QRectF()
        for b in self.blocks:
            r = r.united(QRectF(b.x, b.y - lay.LABEL, b.w, b.h + lay.LABEL))
        return r

    def fit(self) -> None:
        e = self.extent()
        if e.isEmpty():
            self.update()
            return
        self.scale = max(self.MIN_SCALE, min(self.MAX_SCALE, (self.width() - 16) / e.width(),
                                             (self.height() - 16) / e.height()))
        self.origin = QPointF(8 - e.left() * self.scale, 8 - e.top() * self.scale)
        self.update()

    def zoom(self, factor: float, about: QPointF | None = None) -> None:
        about = about if about is not None else QPointF(self.width() / 2, self.height() / 2)
        new = max(self.MIN_SCALE, min(self.MAX_SCALE, self.scale * factor))
        world = (about - self.origin) / self.scale
        self.scale = new
        self.origin = about - world * new
        self.update()

    # ------------------------------------------------------------ drawing

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), self.palette().base())
        if not self.blocks:
            p.setPen(self.palette().text().color())
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No documents yet")
            return
        s, o = self.scale, self.origin
        view = QRectF(self.rect())
        text_colour = self.palette().text().color()
        p.save()
        p.translate(o)
        p.scale(s, s)
        p.setPen(Qt.PenStyle.NoPen)
        for tone, rects in self._tiles.items():
            if rects:
                p.setBrush(tone_colour(tone))
                p.drawRects(rects)
        p.restore()
        labels = []
        if s * lay.LABEL >= 11:  # titles only where they can be read
            for b in self.blocks:
                if b.w * s >= 72:
                    box = QRectF(o.x() + b.x * s, o.y() + (b.y - lay.LABEL) * s, b.w * s, s * lay.LABEL)
                    if box.intersects(view):
                        labels.append((b, box))
        font = p.font()
        font.setPixelSize(max(9, min(14, int(s * lay.LABEL * 0.75))))
        p.setFont(font)
        p.setPen(text_colour)
        metrics = p.fontMetrics()
        for b, label in labels:
            title = f"{b.title}  ({len(b.tiles)})" if b.reference >= 0 else b.title
            p.drawText(label, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                       metrics.elidedText(title, Qt.TextElideMode.ElideRight, int(label.width())))
        p.setPen(QPen(self.palette().mid().color()))
        p.drawText(self.rect().adjusted(6, 0, -6, -4), int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
                   f"{s:.0f} px per document")
        p.end()

    # ------------------------------------------------------------ finding and labels

    def tile_at(self, pos: QPointF) -> tuple[lay.Block, lay.Tile] | None:
        wx = (pos.x() - self.origin.x()) / self.scale
        wy = (pos.y() - self.origin.y()) / self.scale
        for b in self.blocks:
            if b.x <= wx < b.x + b.w and b.y <= wy < b.y + b.h:
                k = int(wy - b.y) * b.w + int(wx - b.x)
                return (b, b.tiles[k]) if k < len(b.tiles) else None
        return None

    def label(self, block: lay.Block, tile: lay.Tile) -> str:
        art = self.articles[tile.doc]
        lines = [art.title or art.id, art.id, ""]
        if block.reference < 0:
            lines.append("Not reprinted: no other document of this scan shares its text")
        else:
            lines.append(f"Family: {block.title} ({len(block.tiles)} copies)")
            if tile.tone == lay.REFERENCE:
                lines.append("The reference copy: click to compare every copy against it")
            elif tile.verbatim >= 0:
                lines.append(f"{lay.TONE_NAMES[tile.tone]}: {tile.verbatim:.0%} verbatim against the reference, "
                             f"{tile.high_risk} high-risk edits against its source. Click to open the pair.")
            else:
                lines.append(lay.TONE_NAMES[tile.tone])
        return "\n".join(lines)

    def mouseMoveEvent(self, event) -> None:
        pos = event.position()
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            delta = pos - self._press
            if self._dragged or abs(delta.x()) + abs(delta.y()) > 4:
                self._dragged = True
                self.origin += delta
                self._press = pos
                self.update()
            return
        hit = self.tile_at(pos)
        text = self.label(*hit) if hit else ""
        self.setToolTip(text)
        if text:
            QToolTip.showText(event.globalPosition().toPoint(), text, self)
        else:
            QToolTip.hideText()

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position()
            self._dragged = False
            self.setCursor(Qt.CursorShape.ClosedHandCursor)

    def mouseReleaseEvent(self, event) -> None:
        self.unsetCursor()
        was_drag, self._press = self._dragged, None
        if was_drag or event.button() != Qt.MouseButton.LeftButton:
            return
        hit = self.tile_at(event.position())
        if hit is None or hit[0].reference < 0:
            return
        block, tile = hit
        if tile.doc == block.reference:
            self.open_family.emit(block.reference)
        else:
            self.open_documents.emit(block.reference, tile.doc)

    def wheelEvent(self, event) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom(1.25 ** steps, event.position())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() <= 0:
            self.fit()


class OverviewMap(QWidget):
    """The map with its controls: order (by size or by risk), fit, and a legend."""

    laid_out = Signal()  # the map shows the latest result

    def __init__(self, parent=None):
        super().__init__(parent)
        self.result = None
        self._aspect = 1.5
        self.tasks = Tasks(self)
        self.canvas = MapCanvas()
        self.open_documents = self.canvas.open_documents
        self.open_family = self.canvas.open_family
        self.order = QComboBox()
        self.order.addItem("Largest families first", "size")
        self.order.addItem("Riskiest families first", "risk")
        self.order.setToolTip("Order the family blocks by their number of copies or by their high-risk edits")
        self.order.currentIndexChanged.connect(lambda _: self._lay_out())
        fit = QPushButton("Fit")
        fit.setToolTip("Show the whole map")
        fit.clicked.connect(self.canvas.fit)
        self.count = QLabel()
        legend = " ".join(f'<span style="color:{tone_colour(t).name()}">■</span>&nbsp;{name}'
                          for t, name in lay.TONE_NAMES.items())
        self.legend = QLabel(legend)
        self.legend.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.order)
        top.addWidget(fit)
        top.addWidget(self.count, 1)
        box = QVBoxLayout(self)
        box.setContentsMargins(2, 2, 2, 2)
        box.addLayout(top)
        box.addWidget(self.legend)
        box.addWidget(self.canvas, 1)

    def set_result(self, result) -> None:
        self.result = result
        self._lay_out()

    def resizeEvent(self, event) -> None:
        """Shelves as wide as the map's shape: laid out again when that shape changes much."""
        super().resizeEvent(event)
        size = self.canvas.size()
        aspect = size.width() / max(1, size.height())
        if self.result is not None and size.height() > 50 and not 0.8 < aspect / self._aspect < 1.25:
            self._lay_out()

    def _lay_out(self) -> None:
        """Lay the map out on a worker thread (a pass over every pair and document); the newest layout wins."""
        if self.result is None:
            return
        size = self.canvas.size()
        aspect = size.width() / max(1, size.height()) if size.height() > 50 else 1.5
        self._aspect = aspect
        result, order = self.result, self.order.currentData()
        self.tasks.run("layout", lambda: self._compute(result, order, aspect), self._show)

    @staticmethod
    def _compute(result, order: str, aspect: float):
        blocks = lay.blocks(result, order, aspect)
        return result, blocks, MapCanvas.tile_rects(blocks)

    def _show(self, laid_out) -> None:
        result, blocks, rects = laid_out
        self.canvas.set_blocks(blocks, result.articles, rects)
        families = sum(b.reference >= 0 for b in blocks)
        alone = sum(len(b.tiles) for b in blocks if b.reference < 0)
        self.count.setText(f"{len(result.articles)} documents · {families} families · {alone} not reprinted")
        self.laid_out.emit()
