"""The window, driven headless with pytest-qt: what an editor would see and do."""

import json
import re
import shutil

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from app.core.html_report import read_data
from app.core.styling import Role
from app.gui.family import marks
from app.gui.lists.pairs import side_text
from app.gui.style import qcolour
from app.gui.window import MainWindow
from tests.conftest import AP_A, AP_B, SEEDS


def drop(window, *paths):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)


def scanned(qtbot, window, *paths):
    with qtbot.waitSignal(window.scan_finished, timeout=60000) as blocker:
        drop(window, *paths)
    return blocker.args[0]


def block_of(pane, k):
    return pane.document().findBlockByNumber(k)


def sentence_index(article, needle, which=0):
    hits = [i for i, (s, e) in enumerate(article.sentences) if needle in article.text[s:e]]
    return hits[which]


def test_dropping_a_folder_scans_it_and_opens_the_ap_pair(qtbot, window):
    result = scanned(qtbot, window, SEEDS)
    assert len(result.articles) == 5
    assert window.pairs.model_.rowCount() == 1
    view = window.pair_view
    a, b = view.articles()  # each side by its headline (the seeds name no site), its file in the tooltip
    assert a.id == AP_A.name and AP_A.name in view.title_a.toolTip() and "Zelenskyy" in view.title_a.text()
    # LatestLY's copy is the source the other was taken from, and the titles say so
    assert view.title_a.text() == f"A: {side_text(a)} · the source"
    assert view.title_b.text() == f"B: {side_text(b)} · copied from A"
    a, b = view.articles()

    shared = view.model.slot_of("a", sentence_index(a, "Bennett visited Moscow for a meeting"))
    assert view.model.slots[shared].kind == "same"
    assert shared == view.model.slot_of("b", sentence_index(b, "Bennett visited Moscow for a meeting"))
    for pane in (view.left, view.right):
        assert block_of(pane, shared).blockFormat().background().color() == qcolour(Role.SHARED)

    dateline = view.model.slot_of("a", sentence_index(a, "Kyiv, March 12:"))
    assert view.model.slots[dateline].kind == "changed"
    assert "KYIV:" in block_of(view.right, dateline).text()
    assert block_of(view.left, dateline).blockFormat().background().color() == qcolour(Role.CHANGED)

    for headline in ("Death toll in Meghalaya coal mine", "SCROLL FOR NEXT"):
        k = view.model.slot_of("b", sentence_index(b, headline))
        fragment = next(block_of(view.right, k).begin()).fragment()
        assert fragment.charFormat().fontItalic()
        assert fragment.charFormat().foreground().color() == qcolour(Role.FLAGGED_TEXT)
        assert "Flagged as" in fragment.charFormat().stringProperty(0x100000 + 1)


def test_scrolling_one_pane_brings_the_other_to_the_aligned_row(qtbot, window):
    scanned(qtbot, window, SEEDS)
    view = window.pair_view
    window.resize(1200, 420)  # short panes, so that there is something to scroll
    qtbot.wait(150)
    k = view.model.slot_of("a", sentence_index(view.articles()[0], "Zelenskyy again deplored"))
    top = int(view.left.block_rect(k).top())
    view.left.verticalScrollBar().setValue(top)
    assert view.right.verticalScrollBar().value() == view.left.verticalScrollBar().value()
    assert view.right.cursorForPosition(QPoint(10, 4)).blockNumber() == k
    assert view.left.cursorForPosition(QPoint(10, 4)).blockNumber() == k


def test_hiding_flagged_text_and_swapping_sides(qtbot, window):
    scanned(qtbot, window, SEEDS)
    view = window.pair_view
    shown = len(view.model.slots)
    window.actions.hide_flags.trigger()
    assert len(view.model.slots) < shown
    texts = " ".join(block_of(view.right, k).text() for k in range(len(view.model.slots)))
    assert "SCROLL FOR NEXT" not in texts and "Bennett visited Moscow" in texts
    window.actions.swap.trigger()
    assert view.articles()[0].id == AP_B.name and AP_B.name in view.title_a.toolTip()
    assert view.title_a.text().endswith(" · copied from B")


def test_cancel_stops_a_running_scan(qtbot, window, tmp_path):
    text = AP_B.read_text(encoding="utf-8")
    for n in range(300):
        (tmp_path / f"{n:03}.txt").write_text(text.replace("Saturday", f"day {n}"), encoding="utf-8")
    with qtbot.waitSignal(window.scan_cancelled, timeout=60000):
        window.open_paths([str(tmp_path)])
        qtbot.waitUntil(lambda: window.progress.maximum() > 1, timeout=30000)
        window.cancel_scan()
    assert window.task is None
    assert window.result is None
    assert not window.cancel_button.isVisible()


def test_a_bad_file_is_listed_as_skipped(qtbot, window, tmp_path):
    for f in SEEDS.iterdir():
        shutil.copy(f, tmp_path / f.name)
    (tmp_path / "empty.txt").write_bytes(b"")
    result = scanned(qtbot, window, tmp_path)
    assert len(result.articles) == 5
    assert window.skipped.count() == 1
    assert window.skipped.item(0).text().endswith("empty.txt: empty file")
    assert window.tabs.tabText(window.tabs.indexOf(window.skipped)) == "Skipped (1)"


def test_families_list_the_ap_copies(qtbot, window):
    result = scanned(qtbot, window, SEEDS)
    tree = window.families
    assert tree.topLevelItemCount() == 1
    family = tree.topLevelItem(0)
    assert family.childCount() == 0  # listed when first expanded
    family.setExpanded(True)
    copies = [result.articles[d].id for d in tree.copies_of(family)]
    assert sorted(copies) == [AP_A.name, AP_B.name]
    assert copies[0] == result.articles[result.families[0].reference].id  # the reference first
    assert family.child(1).text(2).startswith("kept ")
    assert window.tabs.tabText(window.tabs.indexOf(tree)) == "Families (1)"
    with qtbot.waitSignal(window.pair_shown):
        tree.itemActivated.emit(family.child(1), 0)  # a copy opens beside the reference


def test_family_view_shows_which_copies_keep_each_sentence(qtbot, window):
    result = scanned(qtbot, window, SEEDS)
    ref = next(i for i, a in enumerate(result.articles) if a.id == AP_A.name)
    copy = next(i for i, a in enumerate(result.articles) if a.id == AP_B.name)
    with qtbot.waitSignal(window.family.filled, timeout=10000):
        window.show_family(ref)
    view = window.family
    assert window.views.currentWidget() is view
    assert view.copies.rowCount() == 1
    assert view.mark(copy, sentence_index(result.articles[ref], "Bennett visited Moscow")) == marks.KEPT
    assert view.mark(copy, sentence_index(result.articles[ref], "Kyiv, March 12:")) & 0x0F == marks.CHANGED
    with qtbot.waitSignal(view.open_pair) as blocker:
        view.table.clicked.emit(view.proxy.index(0, 0))
    assert blocker.args == [ref, copy]
    assert window.views.currentWidget() is window.pair_view


def test_reports_from_the_window(qtbot, window, tmp_path, sync_tasks):
    scanned(qtbot, window, SEEDS)
    window.exports.write(str(tmp_path / "scan.json"), "json")
    window.exports.write(str(tmp_path / "pair.html"), "html", pair_only=True)
    window.exports.save_pdf(str(tmp_path / "pair.pdf"))
    assert json.loads((tmp_path / "scan.json").read_text(encoding="utf-8"))["schema"] == "wiretrace.scan/3"
    docs = read_data((tmp_path / "pair.html").read_text(encoding="utf-8"))["docs"]
    assert any("Bennett visited Moscow" in d[2] for d in docs if d)
    assert (tmp_path / "pair.pdf").read_bytes().startswith(b"%PDF")


def test_settings_survive_a_restart(qtbot, window):
    scanned(qtbot, window, SEEDS)
    window.actions.hide_flags.trigger()
    window.splitter.setSizes([300, 1100])
    sizes = window.splitter.sizes()
    window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    again.show()
    assert again.actions.hide_flags.isChecked()
    assert again.splitter.sizes()[0] == sizes[0]  # the list keeps its width; the screen here is narrower
    room = again.screen().availableGeometry()
    assert again.width() <= room.width() and again.height() <= room.height()
    assert [a.text() for a in again.recent_menu.actions()] == [str(SEEDS)]


def test_overview_click_on_a_copy_opens_the_pair(qtbot, window):
    result = scanned(qtbot, window, SEEDS)
    window.tabs.setCurrentWidget(window.overview)
    canvas = window.overview.canvas
    qtbot.waitExposed(canvas)
    qtbot.waitUntil(lambda: bool(canvas.blocks))  # laid out on a worker thread
    canvas.fit()
    block = next(b for b in canvas.blocks if b.reference >= 0)
    copy = block.tiles[1]
    at = QPoint(int(canvas.origin.x() + (block.x + copy.x + 0.5) * canvas.scale),
                int(canvas.origin.y() + (block.y + copy.y + 0.5) * canvas.scale))
    with qtbot.waitSignal(canvas.open_documents) as blocker:
        qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=at)
    assert blocker.args == [block.reference, copy.doc]
    assert window.pair_view.pair is result.pairs[0]


def test_filtering_and_sorting_the_overview(qtbot, window):
    scanned(qtbot, window, SEEDS)
    docs = window.documents
    assert docs.proxy.rowCount() == 5
    window.filter.setText("001_")
    assert docs.proxy.rowCount() == 1 and window.pairs.proxy.rowCount() == 1
    window.filter.setText("no such article")
    assert docs.proxy.rowCount() == 0 and window.pairs.proxy.rowCount() == 0
    window.filter.clear()
    docs.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # most flags first
    flags = [int(docs.proxy.index(r, 2).data()) for r in range(docs.proxy.rowCount())]
    assert flags == sorted(flags, reverse=True) and flags[0] > 0


def test_every_mark_in_the_family_table_reads_at_4_5_to_1(qtbot, window):
    """The "Sentence" column names what each copy did, on that mark's colour: high-risk was black on red."""
    from app.gui.style import luminance

    result = scanned(qtbot, window, SEEDS)
    ref = next(i for i, a in enumerate(result.articles) if a.id == AP_A.name)
    with qtbot.waitSignal(window.family.filled, timeout=10000):
        window.show_family(ref)
    model = window.family.copies
    real = model.rows[0]
    kinds = [marks.CHANGED | marks.RISK, marks.CHANGED, marks.MOVED, marks.DROPPED, marks.FLAGGED]
    model.rows[0] = marks.CopyMarks(real.copy, bytes(kinds), real.figures)
    for k in range(len(kinds)):
        model.set_sentence(k)
        cell = model.index(0, 5)
        text, background = cell.data(Qt.ItemDataRole.ForegroundRole), cell.data(Qt.ItemDataRole.BackgroundRole)
        hi, lo = sorted((luminance(text), luminance(background)), reverse=True)
        assert (hi + 0.05) / (lo + 0.05) >= 4.5, (cell.data(), text.name(), background.name())
    model.set_sentence(0)
    assert model.index(0, 5).data() == "high-risk"


def test_the_html_export_of_a_pair_shows_only_that_pair(qtbot, window, tmp_path, sync_tasks):
    from tests.conftest import FIXTURES

    result = scanned(qtbot, window, FIXTURES / "relations" / "articles")
    assert len(result.articles) > 2 and len(result.pairs) > 1 and result.families
    shown = window.pair_view.pair
    window.exports.write(str(tmp_path / "pair.html"), "html", pair_only=True)
    page = (tmp_path / "pair.html").read_text(encoding="utf-8")
    a, b = result.articles[shown.a], result.articles[shown.b]
    assert "Wiretrace: one pair" in page and "articles read from" not in page  # not the scan's summary
    assert "Story families" not in page and "family " not in page.split("wt-data")[0]  # no links out of the file
    assert set(re.findall(r"href='#p(\d+)'", page)) == {"0"}
    data = read_data(page)
    assert [d[0] for d in data["docs"] if d] == sorted([a.id, b.id], key=[x.id for x in result.articles].index)
    assert "data-one=1" in page and "2 files read" in page  # and it opens on the pair itself
