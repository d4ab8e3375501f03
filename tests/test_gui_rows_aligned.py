"""Both halves of every row of the pair view start at one height, on real pairs, long ones, after scrolling."""

import pytest

from app.core.scan import Settings, run, scan
from app.gui.pair import PairView
from tests.conftest import FIXTURES, SEEDS


@pytest.fixture(scope="module")
def real_pairs():
    """Every pair of the real articles kept for the relations tests, the seeds and two long npr.org transcripts:
    copies, partial borrowings and quote-only pairs, short and long, in the order they meet one view."""
    folders = (FIXTURES / "relations" / "articles", SEEDS, FIXTURES / "rows")
    results = [run(scan([str(f)], Settings(use_cache=False))) for f in folders]
    return [(r, n) for r in results for n in range(len(r.pairs))]


def settled(qtbot, view: PairView) -> None:
    qtbot.wait(60)
    qtbot.waitUntil(lambda: not view._relayout.isActive(), timeout=5000)


def out_of_line(view: PairView) -> list[tuple[int, float, float]]:
    """Rows whose left and right halves do not share a top edge, as the panes show them (scroll included)."""
    bad = []
    for k in range(len(view.model.slots)):
        top_a = view.left.block_rect(k).top() - view.left.verticalScrollBar().value()
        top_b = view.right.block_rect(k).top() - view.right.verticalScrollBar().value()
        if abs(top_a - top_b) > 0.5:
            bad.append((k, top_a, top_b))
    return bad


def test_both_halves_of_every_row_share_a_top_edge(qtbot, real_pairs):
    view = PairView()
    qtbot.addWidget(view)
    view.resize(1300, 800)
    view.show()
    qtbot.waitExposed(view)
    long_pairs = 0
    for result, n in real_pairs:  # one view, pair after pair, as an editor steps through them
        view.set_pair(result, n)
        settled(qtbot, view)
        assert view.left.document().blockCount() == view.right.document().blockCount() == len(view.model.slots)
        assert out_of_line(view) == [], (result.articles[result.pairs[n].a].id, result.articles[result.pairs[n].b].id)
        bar = view.right.verticalScrollBar()
        if bar.maximum() > view.right.viewport().height():
            long_pairs += 1
            for width in (1000, 1300):  # the window resized (or the splitter dragged): every row rewraps
                view.resize(width, 800)
                settled(qtbot, view)
                assert out_of_line(view) == [], width
        for value in (bar.maximum() // 2, bar.maximum()):
            bar.setValue(value)
            qtbot.wait(10)
            assert view.left.verticalScrollBar().value() == value
            assert out_of_line(view) == []
    assert long_pairs >= 1  # a long pair was among them (the transcripts: about 300 rows), not only a screenful
