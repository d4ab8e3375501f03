"""The family view, the overview map and the scan session at the sizes editors meet: 300 copies of one
report, a thousand documents, a scan cancelled half way."""

import multiprocessing
import sys
import time

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent

from app.core.scan import run, scan
from app.core.settings import Settings
from app.gui.family import marks
from app.gui.window.scan_session import ScanSession
from tests.conftest import AP_B, ROOT

DROPPED = "Putin has ignored numerous previous offers of talks from Zelenskyy."
CHANGED = next(p for p in AP_B.read_text(encoding="utf-8").split("\n") if p.startswith("Zelenskyy said Saturday"))


def reprints(folder, copies: int) -> dict[str, str]:
    """`copies` reprints of a real wire story: a paragraph dropped from some, a figure changed in others.
    Returns what was done to each file."""
    paras = [p for p in AP_B.read_text(encoding="utf-8").split("\n") if p.strip()]
    done = {}
    for n in range(copies):
        ps = list(paras)
        name = f"{n:03}.txt"
        if n % 3 == 1:
            del ps[ps.index(DROPPED)]
            done[name] = "dropped"
        elif n % 3 == 2:
            ps[ps.index(CHANGED)] = CHANGED.replace("Saturday", "Friday")
            done[name] = "changed"
        ps.append(f"Read more at site {n}.")
        (folder / name).write_text("\n\n".join(ps) + "\n", encoding="utf-8")
    return done


def test_a_300_copy_family_fills_in_chunks_and_a_click_opens_the_pair(qtbot, window, tmp_path):
    done = reprints(tmp_path, 300)
    result = run(scan([str(tmp_path)], Settings(use_cache=False)))
    window.result = result
    family = max(result.families, key=len)
    assert len(family) == 300
    view = window.family
    counts = []
    view.copies.rowsInserted.connect(lambda *_: counts.append(view.copies.rowCount()))
    with qtbot.waitSignal(view.filled, timeout=60000):
        window.show_family(family.reference)
        assert view.copies.rowCount() < 299  # show_family returned before the copies were compared
    assert len(counts) > 5 and counts[0] < 50 and counts[-1] == 299  # arrived a chunk at a time
    assert "299 copies" in view.header.text()

    ref = result.articles[family.reference]
    assert done.get(ref.id) is None  # the untouched copies are the most central ones
    dropped = next(i for i, (s, e) in enumerate(ref.sentences) if ref.text[s:e].strip() == DROPPED)
    changed = next(i for i, (s, e) in enumerate(ref.sentences) if "said Saturday" in ref.text[s:e])
    for c in view.copies.rows:
        edit = done.get(result.articles[c.copy].id)
        assert c.marks[dropped] == (marks.DROPPED if edit == "dropped" else marks.KEPT)
        assert c.marks[changed] & 0x0F == (marks.CHANGED if edit == "changed" else marks.KEPT)
    assert view.sentences.tally[dropped][2] == 100 and view.sentences.tally[changed][1] == 100

    # a click opens the copy against the reference
    source = view.proxy.mapToSource(view.proxy.index(7, 0)).row()
    copy = view.copies.rows[source].copy
    view.table.clicked.emit(view.proxy.index(7, 0))
    qtbot.waitUntil(lambda: window.views.currentWidget() is window.pair_view)
    assert {window.pair_view.pair.a, window.pair_view.pair.b} == {family.reference, copy}


def test_a_copy_the_scan_did_not_align_with_the_reference_still_opens(qtbot, window, tmp_path):
    reprints(tmp_path, 12)
    result = run(scan([str(tmp_path)], Settings(use_cache=False)))
    family = max(result.families, key=len)
    copy = next(d for d in family.members if d != family.reference)
    # as for copies joined only through a third copy: no pair of their own in the scan
    result.pairs = [p for p in result.pairs if {p.a, p.b} != {family.reference, copy}]
    window.result = result
    with qtbot.waitSignal(window.family.filled, timeout=30000):
        window.show_family(family.reference)
    row = next(r for r in range(window.family.proxy.rowCount())
               if window.family.copies.rows[window.family.proxy.mapToSource(window.family.proxy.index(r, 0)).row()]
               .copy == copy)
    window.family.table.clicked.emit(window.family.proxy.index(row, 0))
    qtbot.waitUntil(lambda: window.views.currentWidget() is window.pair_view)
    pair = window.pair_view.pair
    assert (pair.a, pair.b) == (family.reference, copy) and pair.rows and pair.fidelity.verbatim > 0.8
    assert len(window.result.pairs) == len(result.pairs)  # the scan's own list is left as it was


@pytest.fixture(scope="module")
def thousand(tmp_path_factory):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus import generate

    folder = tmp_path_factory.mktemp("corpus") / "articles"
    generate(folder, 1000, seed=3)
    return folder


@pytest.mark.qt_log_ignore("does not support raise")  # the tooltip, on the headless platform
def test_the_overview_shows_every_one_of_1000_documents_with_labels_and_zoom(qtbot, window, thousand):
    with qtbot.waitSignal(window.scan_finished, timeout=180000) as blocker:
        window.open_paths([str(thousand)])
    result = blocker.args[0]
    assert len(result.articles) == 1000
    window.tabs.setCurrentWidget(window.overview)
    canvas = window.overview.canvas
    qtbot.waitUntil(lambda: bool(canvas.blocks))
    docs = [t.doc for b in canvas.blocks for t in b.tiles]
    assert sorted(docs) == list(range(1000))  # every document, each once: nothing dropped past a limit
    assert "1000 documents" in window.overview.count.text()

    block = next(b for b in canvas.blocks if b.reference >= 0)
    tile = block.tiles[-1]
    at = QPointF(canvas.origin.x() + (block.x + tile.x + 0.5) * canvas.scale,
                 canvas.origin.y() + (block.y + tile.y + 0.5) * canvas.scale)
    qtbot.mouseMove(canvas, at.toPoint())
    art = result.articles[tile.doc]
    qtbot.waitUntil(lambda: art.id in canvas.toolTip())
    assert (art.title or art.id) in canvas.toolTip()

    before = canvas.scale
    wheel = QWheelEvent(at, canvas.mapToGlobal(at), QPoint(0, 0), QPoint(0, 240), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    canvas.wheelEvent(wheel)
    assert canvas.scale > before * 1.5
    hit = canvas.tile_at(at)  # zoomed about the cursor: the same document is still under it
    assert hit is not None and hit[1].doc == tile.doc
    assert canvas.accessibleName() == "Overview map"


def test_the_scan_session_delivers_documents_then_pairs(qtbot, tmp_path):
    reprints(tmp_path, 6)
    session = ScanSession([str(tmp_path)], Settings(use_cache=False))
    seen = []
    session.partial.connect(lambda r: seen.append(("partial", len(r.articles), len(r.pairs))))
    with qtbot.waitSignal(session.finished, timeout=60000) as blocker:
        session.start()
    result = blocker.args[0]
    assert seen == [("partial", 6, 0)]
    assert len(result.articles) == 6 and result.pairs and result.families
    assert {a.id for a in result.articles} == {f"{n:03}.txt" for n in range(6)}
    assert session.wait(5000)


def test_the_scan_session_cancels_within_a_second(qtbot, tmp_path):
    reprints(tmp_path, 400)
    session = ScanSession([str(tmp_path)], Settings(use_cache=False, workers=2))
    stages = []
    session.progress.connect(lambda stage, *_: stages.append(stage))
    session.start()
    qtbot.waitUntil(lambda: "read" in stages, timeout=60000)
    with qtbot.waitSignal(session.cancelled, timeout=5000):
        t0 = time.perf_counter()
        session.cancel()
    assert time.perf_counter() - t0 < 1.0
    assert session.wait(2000)
    qtbot.waitUntil(lambda: not multiprocessing.active_children(), timeout=3000)  # its workers went too
