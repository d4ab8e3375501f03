"""The window at its default size, as an editor meets it: what the pair pane says when it has no pair, list columns
that show the copies' names and can be dragged (and are remembered), nothing clipped, Swap Sides and Hide Flagged
Text keeping the place, and a high-risk shortcut besides Alt+Shift."""

import shutil
from statistics import median

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QStyleOptionProgressBar

from app.core.pair_model import PairModel
from app.core.styling import Role
from app.gui import settings as opts
from app.gui.window import MainWindow
from tests.conftest import AP_A, AP_B, FIXTURES, SEEDS


@pytest.fixture
def desk(tmp_path):
    """Real coverage from the repository: the seeds, the relation fixtures' articles (Spotify and census copies),
    and the AP story with a copy carrying two high-risk edits besides its sidebar junk."""
    folder = tmp_path / "desk"
    folder.mkdir()
    for f in [*SEEDS.iterdir(), *(FIXTURES / "relations" / "articles").iterdir()]:
        shutil.copy(f, folder / f.name)
    text = AP_B.read_text(encoding="utf-8")
    text = text.replace("he can't share details", "he can share details")
    text = text.replace("Even if they bring a million Russians", "Even if they bring 2 million Russians")
    (folder / "express-edited.txt").write_text(text, encoding="utf-8")
    return folder


def default_window(qtbot):
    """The window as a first start opens it: the default size, no saved layout."""
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(opts.SIZE.default)  # the offscreen screen is smaller than a desktop's: the size a desktop gets
    w.show()
    qtbot.waitExposed(w)
    return w


def scanned(qtbot, window, folder):
    with qtbot.waitSignal(window.scan_finished, timeout=60000):
        window.open_paths([str(folder)])
    qtbot.wait(100)  # the pair view lays its rows out after a short pause
    return window.result


def open_pair_of(window, a_name, b_name):
    result = window.result
    n = next(n for n, p in enumerate(result.pairs)
             if {result.articles[p.a].id, result.articles[p.b].id} == {a_name, b_name})
    window.open_pair(n)
    if window.pair_view.articles()[0].id != a_name:
        window.actions.swap.trigger()
    return n


# ------------------------------------------------------------ 1. the placeholder


def test_the_pair_pane_says_a_scan_is_loading_and_when_the_filter_matches_nothing(qtbot, desk):
    window = default_window(qtbot)
    assert window.pair_view.headline.text().startswith("Drop a folder")  # nothing opened yet: that is the hint
    said = []
    with qtbot.waitSignal(window.scan_finished, timeout=60000):
        window.open_paths([str(desk)])
        window.task.progress.connect(lambda *_: said.append(window.pair_view.headline.text()))
    reading = [t for t in said if "reading the articles" in t]
    assert reading and all(t.startswith("Scanning desk: ") for t in said)
    assert any(f"/ {len(list(desk.iterdir()))})" in t for t in reading)  # with how far it is
    assert not any("Drop a folder" in t for t in said)
    assert window.pair_view.pair is not None  # and the first pair once done

    qtbot.keyClicks(window.filter, "no outlet is called this")
    text = window.pair_view.headline.text()
    assert window.pairs.proxy.rowCount() == 0 and window.pair_view.pair is None
    assert "No pair matches the filter “no outlet is called this”" in text
    assert f"({len(window.result.pairs)} pairs in all)" in text and "Esc in the filter box" in text
    assert window.pair_view.left.document().isEmpty()
    assert not window.actions.pair_exports[0].isEnabled()  # nothing to export

    window.filter.setFocus()
    qtbot.keyClick(window.filter, Qt.Key.Key_Escape)  # as the pane says
    assert window.filter.text() == "" and window.pairs.proxy.rowCount() == len(window.result.pairs)
    assert window.pair_view.pair is not None and window.current_pair == window.pairs.record_at(0)


def test_a_folder_with_no_overlapping_articles_says_so(qtbot, tmp_path):
    for f in sorted(SEEDS.iterdir())[2:]:  # three unrelated stories
        shutil.copy(f, tmp_path / f.name)
    window = default_window(qtbot)
    scanned(qtbot, window, tmp_path)
    assert window.pair_view.headline.text().startswith("No two of the 3 articles overlap enough")


# ------------------------------------------------------------ 2. columns


def shown_chars(table, column: int, rows: int = 30) -> float:
    """How many characters of a column's text the list shows, median over the first rows (elided as drawn)."""
    fm, width = table.fontMetrics(), table.horizontalHeader().sectionSize(column)
    counts = []
    for r in range(min(rows, table.proxy.rowCount())):
        text = table.proxy.index(r, column).data()
        counts.append(len(fm.elidedText(text, Qt.TextElideMode.ElideRight, width - 8).rstrip("…")))
    return median(counts)


def chars_per_line(pane) -> float:
    """Characters per full line of the pane's wrapped text (the last line of a sentence left out)."""
    lengths = []
    block = pane.document().begin()
    while block.isValid():
        layout = block.layout()
        lengths += [layout.lineAt(i).textLength() for i in range(layout.lineCount() - 1)]
        block = block.next()
    return sum(lengths) / len(lengths)


def test_at_the_default_size_the_lists_name_both_copies_and_the_panes_stay_readable(qtbot, desk):
    window = default_window(qtbot)
    scanned(qtbot, window, desk)
    # each side's site and the start of its headline (the first release showed 5 characters: "sandi…")
    assert shown_chars(window.pairs, 0) >= 16 and shown_chars(window.pairs, 1) >= 16
    for pane in (window.pair_view.left, window.pair_view.right):
        assert chars_per_line(pane) >= 30  # a newspaper column's measure, no narrower
    head = window.pairs.horizontalHeader()
    right = head.sectionViewportPosition(head.count() - 1) + head.sectionSize(head.count() - 1)
    assert right <= window.pairs.viewport().width()  # every figure in view, no sideways scrolling


def drag_section(qtbot, header: QHeaderView, column: int, by: int) -> None:
    """Drag the right edge of a header section, as the mouse does."""
    edge = header.sectionViewportPosition(column) + header.sectionSize(column) - 1
    y = header.height() // 2
    qtbot.mousePress(header.viewport(), Qt.MouseButton.LeftButton, pos=QRect(edge, y, 1, 1).topLeft())
    for step in range(1, 11):
        qtbot.mouseMove(header.viewport(), QRect(edge + by * step // 10, y, 1, 1).topLeft())
    qtbot.mouseRelease(header.viewport(), Qt.MouseButton.LeftButton, pos=QRect(edge + by, y, 1, 1).topLeft())


def test_list_columns_are_dragged_wider_and_remembered_at_the_next_start(qtbot, desk):
    window = default_window(qtbot)
    scanned(qtbot, window, desk)
    families = window.families
    for header in (window.pairs.horizontalHeader(), window.documents.horizontalHeader(), families.header()):
        assert all(header.sectionResizeMode(c) == QHeaderView.ResizeMode.Interactive for c in range(header.count()))

    head = window.pairs.horizontalHeader()
    before = [head.sectionSize(c) for c in range(head.count())]
    drag_section(qtbot, head, 0, 60)
    after = [head.sectionSize(c) for c in range(head.count())]
    assert after[0] >= before[0] + 50  # A wider
    assert after[1] < before[1] and after[2:] == before[2:]  # B gives the room; every figure keeps its width

    window.tabs.setCurrentWidget(families)
    qtbot.wait(50)
    title = families.header().sectionSize(0)
    assert title >= 12 * families.fontMetrics().averageCharWidth()  # never "1. T…"
    drag_section(qtbot, families.header(), 0, 80)
    widened = families.header().sectionSize(0)
    assert widened >= title + 70

    window.close()  # the widths are saved with the layout
    again = default_window(qtbot)
    scanned(qtbot, again, desk)
    assert again.pairs.horizontalHeader().sectionSize(0) == after[0]
    assert again.families.header().sectionSize(0) == widened


# ------------------------------------------------------------ 3. nothing clipped


def header_clipped(header: QHeaderView) -> list[str]:
    """The sections whose text (every line) does not fit the label room the style leaves beside a sort arrow."""
    fm, clipped = header.fontMetrics(), []
    for c in range(header.count()):
        if header.isSectionHidden(c):
            continue
        text = str(header.model().headerData(c, Qt.Orientation.Horizontal))
        option = QStyleOptionHeader()
        option.rect = QRect(0, 0, header.sectionSize(c), header.height())
        option.state = QStyle.StateFlag.State_Horizontal
        option.orientation = Qt.Orientation.Horizontal
        option.fontMetrics, option.text = fm, text
        option.sortIndicator = QStyleOptionHeader.SortIndicator.SortDown
        room = header.style().subElementRect(QStyle.SubElement.SE_HeaderLabel, option, header).width()
        if max(fm.horizontalAdvance(line) for line in text.split("\n")) > room:
            clipped.append(text)
    return clipped


def test_nothing_is_clipped_at_the_default_size_legend_progress_and_headers(qtbot, desk):
    window = default_window(qtbot)
    scanned(qtbot, window, desk)
    view = window.pair_view

    legend = view.legend
    chips = [c for c in legend.chips.values() if c.isVisible()]
    assert len(chips) >= 9
    for chip in chips:
        assert chip.width() >= chip.sizeHint().width(), chip.text()  # "⚑ flagged", not "⚑ flagged: i"
        assert chip.geometry().right() <= legend.width() and chip.geometry().bottom() <= legend.height()
        assert chip.fontMetrics().horizontalAdvance(chip.text()) <= chip.contentsRect().width()
    boxes = [c.geometry() for c in chips]
    assert not any(a.intersects(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    assert legend.geometry().bottom() < view.title_a.geometry().top()  # the legend's second row pushes the panes

    # the scan's progress, with the figures of a 612-article day (1,886 pairs to align)
    window._set_busy(True)
    window._on_progress("align", 1620, 1886, "aligned 1620 of 1886 pairs")
    qtbot.wait(50)
    bar = window.progress
    option = QStyleOptionProgressBar()
    option.rect, option.state = bar.rect(), QStyle.StateFlag.State_Horizontal
    option.minimum, option.maximum, option.progress = bar.minimum(), bar.maximum(), bar.value()
    option.text, option.textVisible, option.fontMetrics = bar.text(), True, bar.fontMetrics()
    room = bar.style().subElementRect(QStyle.SubElement.SE_ProgressBarLabel, option, bar).width()
    assert bar.text() == "1620 / 1886" and bar.fontMetrics().horizontalAdvance(bar.text()) <= room
    window._set_busy(False)

    # the lists' and the family view's headers, each line of each header whole
    window.show_family(window.result.pairs[window.current_pair].a)
    qtbot.waitUntil(lambda: window.family.copies.rowCount() > 0, timeout=20000)
    for header in (window.pairs.horizontalHeader(), window.documents.horizontalHeader(), window.families.header(),
                   window.family.table.horizontalHeader(), window.family.lineage.header()):
        assert header_clipped(header) == []


# ------------------------------------------------------------ 4. the place kept


def top_text(pane) -> str:
    """The text of the block at the top edge of a pane."""
    y = pane.verticalScrollBar().value() + 2
    block = pane.document().begin()
    while block.isValid() and pane.block_rect(block.blockNumber()).bottom() < y:
        block = block.next()
    return block.text()


def test_swap_sides_and_hide_flagged_text_keep_the_row_at_the_top_and_the_change_counter(qtbot, desk):
    window = default_window(qtbot)
    result = scanned(qtbot, window, desk)
    # the longest pair that still has flagged junk to hide (two CNET stories: 45 rows, 37 without the junk)
    n = max((n for n in range(len(result.pairs)) if len(PairModel.of(result, n, hide_flagged=True).slots)
             < len(PairModel.of(result, n).slots)), key=lambda n: len(PairModel.of(result, n, hide_flagged=True).slots))
    window.open_pair(n)
    qtbot.wait(100)
    view, status = window.pair_view, window.statusBar().currentMessage
    view.next_change()
    view.next_change()
    assert status().startswith("change 2 of ")
    counter = status().split(",")[0]
    bar = view.left.verticalScrollBar()
    # the reader scrolled on, past the current change, to a row of the article (not flagged junk, which Hide
    # Flagged Text takes away)
    k = next(k for k, s in enumerate(view.model.slots) if k > max(view.current, len(view.model.slots) // 3)
             and Role.FLAGGED not in (s.role_a, s.role_b) and s.a and s.b)
    bar.setValue(int(view.left.block_rect(k).top()) + 3)
    left, right = top_text(view.left), top_text(view.right)
    assert 0 < bar.value() < bar.maximum() and left and right

    window.actions.swap.trigger()
    assert view.swapped and bar.value() > 0
    assert (top_text(view.left), top_text(view.right)) == (right, left)  # the same row, sides swapped
    assert status().startswith(counter)  # "change 2 of 4", not back to the first

    window.actions.hide_flags.trigger()  # the sidebar junk goes; the row the reader was on stays on top
    assert view.hide_flagged and bar.value() > 0
    assert (top_text(view.left), top_text(view.right)) == (right, left)
    assert status().startswith(counter)

    window.actions.swap.trigger()
    window.actions.hide_flags.trigger()
    assert (top_text(view.left), top_text(view.right)) == (left, right) and status().startswith(counter)


# ------------------------------------------------------------ 5. a second high-risk shortcut


def test_f8_steps_through_high_risk_changes_and_the_menu_shows_both_keys(qtbot, desk):
    window = default_window(qtbot)
    scanned(qtbot, window, desk)
    open_pair_of(window, AP_A.name, "express-edited.txt")
    view, status = window.pair_view, window.statusBar().currentMessage
    view.left.setFocus()  # where an editor's keyboard is: in the text

    high = view.model.stops(high_only=True)
    assert len(high) == 2
    qtbot.keyClick(view.left, Qt.Key.Key_F8)
    assert view.current == high[0] and "high-risk 1 of 2" in status()
    qtbot.keyClick(view.left, Qt.Key.Key_F8)
    assert view.current == high[1] and "high-risk 2 of 2" in status()
    qtbot.keyClick(view.left, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert view.current == high[0]
    qtbot.keyClick(view.left, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    assert view.current == high[1]  # the first shortcut still works where the desktop lets it through

    for act, keys in ((window.actions.next_high, ("Alt+Shift+Down", "F8")),
                      (window.actions.previous_high, ("Alt+Shift+Up", "Shift+F8"))):
        shown = act.text().split("\t")[1]  # what the Go menu shows right of the entry
        assert all(k in shown for k in keys) and len(act.shortcuts()) == 2
    taken = [k.toString() for a in window.findChildren(QAction) if a.isEnabled() for k in a.shortcuts()]
    assert taken.count("F8") == 1 and taken.count("Shift+F8") == 1  # no other action answers to them
