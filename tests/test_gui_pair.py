"""The pair view as an editor meets it: flagged junk looks like junk, the current change is framed and
stepped through with a status, find goes both ways, swapping mirrors, file names stay plain text."""

import shutil

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import QApplication

from app.core.scan import scan
from app.core.styling import Role
from app.gui.pair import PairView
from app.gui.pair.formats import ROLE
from app.gui.style import qcolour
from app.gui.window import MainWindow
from tests.conftest import AP_A, AP_B


def run(paths):
    steps = scan([str(p) for p in paths])
    try:
        while True:
            next(steps)
    except StopIteration as done:
        return done.value


@pytest.fixture
def edited(tmp_path):
    """The AP story and a copy with two high-risk edits (a number, a negation) besides its sidebar junk and its
    own rewritten headline (a headline is the article's, so its rewrite is a change like any other)."""
    shutil.copy(AP_A, tmp_path / "latestly.txt")
    text = AP_B.read_text(encoding="utf-8")
    text = text.replace("he can't share details", "he can share details")
    text = text.replace("Even if they bring a million Russians", "Even if they bring 2 million Russians")
    (tmp_path / "express.txt").write_text(text, encoding="utf-8")
    return tmp_path


def shown(qtbot, widget, width=1300, height=800):
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def view(qtbot, edited):
    v = shown(qtbot, PairView())
    result = run([edited])
    v.set_pair(result, 0)
    if v.articles()[0].id != "latestly.txt":
        v.set_swapped(True)  # the LatestLY copy on the left, the edited one on the right
    return v


def block(pane, k):
    return pane.document().findBlockByNumber(k)


def slot_with(view, side, needle):
    art = view.articles()[0 if side == "a" else 1]
    i = next(i for i, (s, e) in enumerate(art.sentences) if needle in art.text[s:e])
    return view.model.slot_of(side, i)


def contrast(x: QColor, y: QColor) -> float:
    def lum(c):
        ch = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in (c.redF(), c.greenF(), c.blueF())]
        return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2]
    hi, lo = sorted((lum(x), lum(y)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def hatch_base(brush: QBrush) -> QColor:
    return brush.textureImage().pixelColor(0, 0)


def test_flagged_junk_is_grey_and_hatched_with_a_flag_in_the_gutter(qtbot, view):
    k = slot_with(view, "b", "SCROLL FOR NEXT")
    fmt = block(view.right, k).blockFormat()
    assert fmt.property(ROLE) == Role.FLAGGED
    brush = fmt.background()
    assert brush.style() == Qt.BrushStyle.TexturePattern  # hatched, not a flat tint
    base = hatch_base(brush)
    assert base.red() == base.green() == base.blue()  # neutral grey
    assert base not in (qcolour(Role.ONLY_A), qcolour(Role.ONLY_B))
    band = next(b for b in view.model.bands if b.k_b == k)
    assert band.kind == "only_b" and band.role is Role.FLAGGED and band.mark == "⚑"
    assert "flagged" in band.tip

    # and what is painted on screen agrees: no rose or green pixel inside the junk row
    view.right.verticalScrollBar().setValue(int(view.right.block_rect(k).top()) - 20)
    qtbot.wait(50)
    r = view.right.block_rect(k).translated(0, -view.right.verticalScrollBar().value()).toRect()
    image = view.right.viewport().grab(r.adjusted(4, 2, -4, -2)).toImage()
    tinted = sum(1 for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)
                 if abs(image.pixelColor(x, y).green() - image.pixelColor(x, y).red()) > 20)
    assert tinted == 0

    # a real one-sided row keeps the only-in colour
    real = next(b for b in view.model.bands if b.kind == "changed" and not b.minor)
    assert block(view.left, real.k_a).blockFormat().property(ROLE) == Role.CHANGED

    view.set_hide_flagged(True)
    assert all(b.role is not Role.FLAGGED for b in view.model.bands)
    assert "SCROLL FOR NEXT" not in view.right.toPlainText()
    assert "can share details" in view.right.toPlainText()


@pytest.mark.parametrize("dark", [False, True])
def test_flagged_text_stays_readable_in_light_and_dark_palettes(qtbot, view, dark):
    app = QApplication.instance()
    old = app.palette()
    if dark:
        pal = QPalette(old)
        for role, c in ((QPalette.ColorRole.Window, "#202020"), (QPalette.ColorRole.Base, "#1b1b1b"),
                        (QPalette.ColorRole.Text, "#e8e8e8"), (QPalette.ColorRole.WindowText, "#e8e8e8")):
            pal.setColor(role, QColor(c))
        app.setPalette(pal)
    try:
        qtbot.waitUntil(lambda: view.left.document().findBlockByNumber(0).isValid())
        view._render()
        k = slot_with(view, "b", "SCROLL FOR NEXT")
        b = block(view.right, k)
        text = next(b.begin()).fragment().charFormat()
        assert text.fontItalic()
        background = hatch_base(b.blockFormat().background())
        assert (background.lightness() < 128) == dark
        assert contrast(text.foreground().color(), background) >= 4.5
    finally:
        app.setPalette(old)


@pytest.fixture
def window(qtbot, edited):
    w = shown(qtbot, MainWindow(), 1400, 900)
    with qtbot.waitSignal(w.scan_finished, timeout=60000):
        w.open_paths([str(edited)])
    return w


def test_next_change_skips_junk_frames_the_row_says_where_and_wraps(qtbot, window):
    view = window.pair_view
    status = window.statusBar().currentMessage
    # the number and the negation; the headline's "Crisis:" -> "President" before a name kept is style
    assert "4 changes, 2 high-risk" in status()
    stops = []
    while view.next_change():
        stops.append(view.current)
        assert view.model.bands[[b.k_a for b in view.model.bands].index(view.current)].role is not Role.FLAGGED
        assert status().startswith(f"change {len(stops)} of 4, high-risk ")
    assert len(stops) == 4 and stops == sorted(stops)
    assert status().startswith("Last change (change 4 of 4, high-risk 2 of 2)")
    assert "again wraps" in status()
    assert view.next_change()  # the second press wraps
    assert view.current == stops[0] and status().startswith("Wrapped to the first change: change 1 of 4")

    # the frame: both panes mark the current row, nothing is tinted over the word markup
    for pane in (view.left, view.right):
        assert pane.current == stops[0] and pane.extraSelections() == []
    r = view.right.block_rect(stops[0]).translated(0, -view.right.verticalScrollBar().value())
    image = view.right.viewport().grab().toImage()
    edge = [image.pixelColor(view.right.viewport().width() // 2, y) for y in range(int(r.top()) - 3, int(r.top()) + 3)]
    assert any(c.blue() > 180 and c.red() < 150 for c in edge)  # the current-row frame colour on its top edge

    assert view.next_change(forward=True, high_only=True)
    assert view.model.bands[[b.k_a for b in view.model.bands].index(view.current)].high
    assert "high-risk 1 of 2" in status()  # after the headline (style only), the first high-risk change

    view.include_minor.setChecked(True)  # the option: flagged and typography-only rows are stops too
    view.current = -1
    assert view.next_change()
    assert view.model.bands[0].minor and view.current == view.model.bands[0].k_a
    assert status().startswith("change 1 of ") and int(status().split(" of ")[1].split(",")[0]) > 10


def test_find_counts_matches_and_goes_back_and_forth(qtbot, window):
    view = window.pair_view
    bar = view.find_bar
    view.show_find()
    assert bar.isVisible()
    qtbot.keyClicks(bar.edit, "Zelenskyy")
    total = int(bar.count.text().split(" of ")[1])
    assert total >= 10 and bar.count.text() == f"1 of {total}"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.count.text() == f"2 of {total}"
    qtbot.keyClick(bar.edit, Qt.Key.Key_F3)
    assert bar.count.text() == f"3 of {total}"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(bar.edit, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text() == f"1 of {total}"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text() == f"{total} of {total} (wrapped)"
    selected = [p.textCursor().selectedText() for p in (view.left, view.right)]
    assert "Zelenskyy" in selected
    assert view.left.extraSelections() or view.right.extraSelections()  # every match is marked
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert view.left.extraSelections() == [] and view.right.extraSelections() == []

    view.show_find()
    bar.edit.clear()
    qtbot.keyClicks(bar.edit, "no such words anywhere")
    assert bar.count.text() == "no match"


def test_swapping_mirrors_the_pair_without_recomputing(qtbot, view, monkeypatch):
    def forbidden(*_args, **_kw):
        raise AssertionError("the view recomputed what the engine computed")

    import app.core.align
    import app.core.fidelity
    import app.core.scan

    for module, name in ((app.core.fidelity, "pair_fidelity"), (app.core.scan, "pair_fidelity"),
                         (app.core.scan, "align_pair"), (app.core.align, "align_sentences"),
                         (app.core.align, "align_prepared")):
        monkeypatch.setattr(module, name, forbidden)
    a, b = view.articles()
    only_a = sum(1 for r in view.model.rows if r.kind == "only_a")
    view.set_swapped(not view.swapped)
    assert view.articles() == (b, a)
    assert view.title_a.text().startswith(f"A: {b.id}")
    # the titles say which side came from which, and follow the swap
    assert "copied from B" in view.title_a.text() and view.title_b.text().endswith("· the source")
    assert sum(1 for r in view.model.rows if r.kind == "only_b") == only_a
    mirrored = view.pair.fidelity.mirrored() if view.swapped else view.pair.fidelity
    assert view.fidelity() == mirrored and view.headline.text() == mirrored.summary
    assert "can share details" in view.left.toPlainText()


def test_a_file_name_that_looks_like_html_is_shown_as_written(qtbot, tmp_path):
    name = "<font color=red size=7>OFFICIAL.txt"
    shutil.copy(AP_A, tmp_path / name)
    shutil.copy(AP_B, tmp_path / "express.txt")
    v = shown(qtbot, PairView(), 1300, 700)
    v.set_pair(run([tmp_path]), 0)
    title = v.title_a if name in v.title_a.text() else v.title_b
    assert f": {name} · " in title.text() and title.textFormat() == Qt.TextFormat.PlainText
    assert title.sizeHint().height() < 2.5 * title.fontMetrics().height()  # not a size-7 heading
    assert "&lt;font" in title.toolTip()
    for label in (v.headline, v.detail):
        assert label.textFormat() == Qt.TextFormat.PlainText


def test_painted_widgets_have_names_and_explain_what_is_under_the_mouse(qtbot, view):
    for widget in (view.gutter, view.overview):
        assert widget.accessibleName() and widget.accessibleDescription() and widget.toolTip()
    real = next(b for b in view.model.bands if b.high)
    view.go_to(real.k_a)
    qtbot.wait(50)
    top = view.left.block_rect(real.k_a).top() - view.left.verticalScrollBar().value()
    y = top + view.left.viewport().mapTo(view, QPoint(0, 0)).y() - view.gutter.mapTo(view, QPoint(0, 0)).y() + 4
    assert view.gutter.band_at(y) == real
    assert "high risk" in real.tip and real.mark.endswith("!")


def test_style_edits_are_drawn_quieter_than_real_changes_and_never_as_high_risk(qtbot, edited):
    from PySide6.QtGui import QFont, QTextCharFormat

    from app.core.styling import side_runs
    from app.gui.pair.formats import char_format

    result = run([edited])
    pair = result.pairs[0]
    b = result.articles[pair.b]
    runs = [r for row in pair.rows for r in side_runs(b.text, b.sentences, b.flags, row, "b") if r.edit]
    style = next(r for r in runs if r.style)  # the headline's "President" before a name both copies keep
    risky = next(r for r in runs if r.risk)  # "2 million" where the source has "a million"
    quiet, loud = char_format(style), char_format(risky)
    assert quiet.underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine  # a mark, not colour alone
    assert quiet.background().color() == qcolour(Role.STYLE)
    assert quiet.background().color() not in (qcolour(Role.INSERTED), qcolour(Role.DELETED))
    assert quiet.fontWeight() != QFont.Weight.Bold and loud.fontWeight() == QFont.Weight.Bold
    assert loud.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    assert "style only" in style.tip and "high risk" in risky.tip
