"""A pair as a PDF to print or send: both copies side by side, row by row, with Qt's own printing.

Body text is 10.5 pt on A4 landscape, laid out for the PDF's own resolution (laying out for the screen and
printing at 1200 dpi is what made text 1-2 pt small). Every page has both titles in its header and
"page n of m" in its footer; the first page has the summary and the legend; the last lists the pair's own
flags. Colours, marks and words come from `app.core.styling`, as in the window and the HTML report.

`write_pair_pdf` uses no widget: it may run on a worker thread (Qt paints to a QPdfWriter from any thread),
once a QGuiApplication exists. From the command line it makes one (offscreen).
"""

from __future__ import annotations

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QBrush,
    QFont,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
    QTextLength,
    QTextTable,
    QTextTableFormat,
)

from app.core import triage
from app.core.pair_model import PairModel
from app.core.styling import LABELS, MARKS, Role, legend
from app.gui.style import qcolour

BODY_PT = 10.5
SMALL_PT = 8.5
_MARGIN_MM = 12.0


def write_pair_pdf(model: PairModel, path: str) -> None:
    """Write the pair of `model` to a PDF file at `path` (raises OSError if it cannot be written)."""
    if QGuiApplication.instance() is None:
        QGuiApplication([])
    a, b = model.article_a, model.article_b
    writer = QPdfWriter(path)
    writer.setTitle(f"Wiretrace: {a.title or a.id} / {b.title or b.id}")
    writer.setCreator("Wiretrace")
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageOrientation(QPageLayout.Orientation.Landscape)
    writer.setPageMargins(QMarginsF(_MARGIN_MM, _MARGIN_MM, _MARGIN_MM, _MARGIN_MM), QPageLayout.Unit.Millimeter)
    paint_pair(model, writer)


def paint_pair(model: PairModel, device: QPagedPaintDevice) -> None:
    """Paint the pair on a paged device (a QPdfWriter, or a QPrinter set up by the print dialog)."""
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("cannot write the PDF or start printing")
    try:
        _paint(painter, device, model)
    finally:
        painter.end()


def _font(writer_font: QFont, size: float, bold: bool = False) -> QFont:
    font = QFont(writer_font)
    font.setPointSizeF(size)
    font.setBold(bold)
    return font


def _paint(painter: QPainter, writer: QPagedPaintDevice, model: PairModel) -> None:
    a, b = model.article_a, model.article_b
    page = writer.pageLayout().paintRectPixels(writer.resolution())
    width, height = page.width(), page.height()
    px_per_pt = writer.resolution() / 72.0
    header_h, footer_h = 22 * px_per_pt, 16 * px_per_pt
    body = QRectF(0, header_h, width, height - header_h - footer_h)

    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)  # lay out in the PDF's own units: points stay points
    base = _font(QFont(), BODY_PT)
    base.setStyleHint(QFont.StyleHint.SansSerif)
    doc.setDefaultFont(base)
    doc.setDocumentMargin(0)
    doc.setPageSize(QSizeF(body.width(), body.height()))
    _build_paged(doc, model, base)

    layout = doc.documentLayout()
    pages = doc.pageCount()
    title_a, title_b = f"A: {a.title or a.id}", f"B: {b.title or b.id}"
    for n in range(pages):
        if n:
            writer.newPage()
        painter.setPen(qcolour("text", dark=False))
        painter.setFont(_font(base, SMALL_PT, bold=True))
        half = width / 2 - 6 * px_per_pt
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        metrics = painter.fontMetrics()
        painter.drawText(QRectF(0, 0, half, header_h * 0.8), flags,
                         metrics.elidedText(title_a, Qt.TextElideMode.ElideRight, int(half)))
        painter.drawText(QRectF(width / 2 + 6 * px_per_pt, 0, half, header_h * 0.8), flags,
                         metrics.elidedText(title_b, Qt.TextElideMode.ElideRight, int(half)))
        painter.drawLine(0, int(header_h * 0.85), int(width), int(header_h * 0.85))
        painter.setFont(_font(base, SMALL_PT))
        painter.drawText(QRectF(0, height - footer_h * 0.8, width, footer_h * 0.8),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"page {n + 1} of {pages}")
        painter.drawText(QRectF(0, height - footer_h * 0.8, width, footer_h * 0.8),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         f"Wiretrace · {a.id} / {b.id}")
        painter.save()
        painter.translate(body.left(), body.top() - n * body.height())
        clip = QRectF(0, n * body.height(), body.width(), body.height())
        painter.setClipRect(clip)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.clip = clip
        layout.draw(painter, context)
        painter.restore()


def _run_format(run, side: str, base: QTextCharFormat) -> QTextCharFormat:
    fmt = QTextCharFormat(base)
    if run.edit in (Role.DELETED, Role.INSERTED):
        fmt.setBackground(qcolour(run.edit, dark=False))
        fmt.setFontStrikeOut(run.edit is Role.DELETED)
        fmt.setFontUnderline(run.edit is Role.INSERTED)
    elif run.edit is Role.TYPOGRAPHY:
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    if run.style:
        fmt.setBackground(qcolour(Role.STYLE, dark=False))
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    if run.risk:
        fmt.setFontWeight(QFont.Weight.Bold)
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(qcolour(Role.HIGH_RISK, dark=False))
    if run.flag_kind:
        fmt.setForeground(qcolour(Role.FLAGGED_TEXT, dark=False))
        fmt.setFontItalic(True)
    return fmt


def _background(role: Role) -> QBrush:
    if role in (Role.FLAGGED, Role.FILLER):
        return QBrush(qcolour(role, dark=False), Qt.BrushStyle.BDiagPattern)
    return QBrush(qcolour(role, dark=False))


def _row_span(doc: QTextDocument, table: QTextTable, k: int) -> tuple[float, float]:
    """Where the text of row `k` of `table` starts and ends in the laid-out document."""
    layout = doc.documentLayout()
    cells = [table.cellAt(k, c) for c in range(table.columns())]
    return (min(layout.blockBoundingRect(c.firstCursorPosition().block()).top() for c in cells),
            max(layout.blockBoundingRect(c.lastCursorPosition().block()).bottom() for c in cells))


def _build_paged(doc: QTextDocument, model: PairModel, base: QFont) -> None:
    """Build the document so that no row crosses a page's foot: such a row starts a new page.

    Qt breaks a row's text between two pages, and each page is drawn as a clipped slice of the document: the
    paragraphs of a broken row are painted on both pages, so their lines outside the clip still go into the
    PDF, where text search, copying and screen readers find them twice (and a line across the break shows on
    both). Built again with a page break before the first row that crosses one, until none does; a row taller
    than a page must still break.
    """
    page = doc.pageSize().height()
    breaks: set[int] = set()
    while True:
        doc.clear()
        places = _build(doc, model, base, breaks)
        # every row that crosses a page's foot once the rows before it have moved: the first exactly, those after
        # it estimated (the next build checks them)
        shift, found = 0.0, []
        for r, (table, k) in enumerate(places):
            top, bottom = (y + shift for y in _row_span(doc, table, k))
            first = int(top // page)
            if r not in breaks and first != int((bottom - 0.01) // page) and bottom - top < page * 0.9:
                found.append(r)
                shift += (first + 1) * page + table.format().cellPadding() - top
        if not found:
            return
        breaks.update(found)


def _build(doc: QTextDocument, model: PairModel, base: QFont, breaks: set[int]) -> list[tuple[QTextTable, int]]:
    """The pair as one document: summary, legend, the rows (a new table on a new page before each row in
    `breaks`), the pair's flags. Returns where each row went: its table and its row in that table."""
    pair, a, b = model.pair, model.article_a, model.article_b
    cursor = QTextCursor(doc)
    plain = QTextCharFormat()
    plain.setFont(base)
    bold = QTextCharFormat(plain)
    bold.setFontWeight(QFont.Weight.Bold)
    small = QTextCharFormat(plain)
    small.setFontPointSize(SMALL_PT)
    f = model.fidelity
    cursor.insertText(f"{pair.relation.label.capitalize()}. ", bold)
    cursor.insertText(f"{triage.figures(pair, f).summary()} {f.source_reason}. "
                      f"Overlap {pair.score:.0%}.", plain)
    cursor.insertBlock()
    cursor.insertText(f"A: {a.id}    B: {b.id}", small)

    chips = QTextTableFormat()
    chips.setBorder(0)
    chips.setCellPadding(2)
    chips.setCellSpacing(4)
    shown = legend(model.update)
    table = cursor.insertTable(1, len(shown), chips)
    for k, role in enumerate(shown):
        cell = table.cellAt(0, k)
        fmt = cell.format()
        if role in (Role.SHARED, Role.CHANGED, Role.MOVED, Role.ONLY_A, Role.ONLY_B, Role.FLAGGED, Role.UPDATE):
            fmt.setBackground(_background(role))
            cell.setFormat(fmt)
        text_fmt = QTextCharFormat(small)
        if role is Role.DELETED:
            text_fmt.setFontStrikeOut(True)
            text_fmt.setBackground(qcolour(role, dark=False))
        elif role is Role.INSERTED:
            text_fmt.setFontUnderline(True)
            text_fmt.setBackground(qcolour(role, dark=False))
        elif role is Role.HIGH_RISK:
            text_fmt.setForeground(qcolour(role, dark=False))
            text_fmt.setFontWeight(QFont.Weight.Bold)
        elif role is Role.UPDATE:
            text_fmt.setFontWeight(QFont.Weight.Bold)
        elif role is Role.STYLE:
            text_fmt.setBackground(qcolour(role, dark=False))
            text_fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        cell.firstCursorPosition().insertText(f"{MARKS.get(role, '')} {LABELS[role]}".strip(), text_fmt)
    cursor.movePosition(QTextCursor.MoveOperation.End)

    frame = QTextTableFormat()
    frame.setBorder(0)
    frame.setCellSpacing(0)
    frame.setCellPadding(3)
    frame.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    frame.setColumnWidthConstraints([QTextLength(QTextLength.Type.PercentageLength, 47),
                                     QTextLength(QTextLength.Type.PercentageLength, 6),
                                     QTextLength(QTextLength.Type.PercentageLength, 47)])
    frame.setHeaderRowCount(0)
    frame.setPageBreakPolicy(QTextFrameFormat.PageBreakFlag.PageBreak_Auto)
    rows = model.rows
    centred = QTextBlockFormat()
    centred.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    places: list[tuple[QTextTable, int]] = []
    starts = sorted({0, *breaks})
    for start, end in zip(starts, [*starts[1:], len(rows)], strict=True):
        fmt = QTextTableFormat(frame)
        if start:
            fmt.setPageBreakPolicy(QTextFrameFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        table = cursor.insertTable(end - start, 3, fmt)
        for r in range(start, end):
            places.append((table, r - start))
            _fill_row(model, r, table, r - start, plain, bold, centred)
        cursor.movePosition(QTextCursor.MoveOperation.End)

    own = [("A", a, fl) for fl in a.flags] + [("B", b, fl) for fl in b.flags]
    cursor.insertBlock()
    cursor.insertText(f"{MARKS[Role.FLAGGED]} Flagged in this pair: not part of the article" if own
                      else "Nothing flagged in this pair", bold)
    flagged = QTextCharFormat(plain)
    flagged.setForeground(qcolour(Role.FLAGGED_TEXT, dark=False))
    flagged.setFontItalic(True)
    for side, art, fl in own:
        snippet = " ".join(art.text[fl.start:fl.end].split())
        snippet = snippet if len(snippet) <= 160 else snippet[:157] + "…"
        cursor.insertBlock()
        cursor.insertText(f"{side} · {fl.kind}: {fl.reason}. ", plain)
        cursor.insertText(snippet, flagged)
    return places


def _fill_row(model: PairModel, r: int, table: QTextTable, k: int, plain: QTextCharFormat, bold: QTextCharFormat,
              centred: QTextBlockFormat) -> None:
    a, b, row = model.article_a, model.article_b, model.rows[r]
    *roles, mark = model.row_look(r)
    for col, (art, side, role) in ((0, (a, "a", roles[0])), (2, (b, "b", roles[1]))):
        cell = table.cellAt(k, col)
        fmt = cell.format()
        fmt.setBackground(_background(role))
        cell.setFormat(fmt)
        at = cell.firstCursorPosition()
        for run in model.runs(r, side):
            at.insertText(art.text[run.start:run.end], _run_format(run, side, plain))
    mark_fmt = QTextCharFormat(bold)
    if row.severity == "high" and not model.update:
        mark_fmt.setForeground(qcolour(Role.HIGH_RISK, dark=False))
    at = table.cellAt(k, 1).firstCursorPosition()
    at.setBlockFormat(centred)
    at.insertText(mark, mark_fmt)
