"""The live desk in the window: real files landing in a watched folder, shown in place without losing the
editor's place, marked new until seen, announced when they are copies of the story in view."""

import shutil

import pytest

from app.core.live import watcher
from app.core.records import Watching
from app.gui.lists.table import NEW_MARK
from app.gui.window.live_desk import pair_key
from tests.conftest import AP_A, AP_B, FIXTURES, SEEDS

REAL = sorted([*SEEDS.glob("*.txt"), *(FIXTURES / "relations" / "articles").glob("*.txt"),
               *(FIXTURES / "relations" / "chains").glob("*.txt")])


@pytest.fixture
def folder(tmp_path):
    desk = tmp_path / "desk"
    desk.mkdir()
    for f in REAL:
        shutil.copyfile(f, desk / f.name)
    return desk


def watched(qtbot, window, folder):
    with qtbot.waitSignal(window.scan_finished, timeout=120000):
        window.open_paths([str(folder)], watch=True)
    with qtbot.waitSignal(window.live_changed, timeout=30000) as started:
        pass
    assert isinstance(started.args[0][0], Watching)
    return window.result


def trimmed_reprint(src) -> bytes:
    """A reprint as sites make them: the same story with its last paragraphs cut."""
    paragraphs = src.read_text(encoding="utf-8").split("\n\n")
    return "\n\n".join(paragraphs[: max(4, len(paragraphs) - 3)]).encode()


def test_a_reprint_landing_half_written_is_shown_in_place_and_announced(qtbot, window, folder, monkeypatch):
    monkeypatch.setattr(watcher, "QUIET", 0.8)
    result = watched(qtbot, window, folder)
    assert window.actions.watch.isChecked()
    # the editor is on the AP pair, halfway down a scrolled list
    ap = next(n for n in range(len(result.pairs)) if set(pair_key(result, n)) == {AP_A.name, AP_B.name})
    window.open_pair(ap)
    bar = window.pairs.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum() // 2)
    scroll, chosen = bar.value(), pair_key(result, window.pairs.record_at(window.pairs.currentIndex().row()))
    shown_rows = window.pair_view.pair.rows

    data = trimmed_reprint(AP_A)
    # in pieces: never read half-way
    with qtbot.waitSignal(window.live_changed, timeout=30000) as landed, open(folder / "zz_reprint.txt", "wb") as fh:
        for k in range(0, len(data), len(data) // 3 + 1):
            fh.write(data[k : k + len(data) // 3 + 1])
            fh.flush()
            qtbot.wait(150)
    added = [e for e in landed.args[0] if type(e).__name__ == "ArticleAdded"]
    assert [(e.id, e.version) for e in added] == [("zz_reprint.txt", 1)]

    after = window.result
    assert after is not result and len(after.pairs) > len(result.pairs)
    # the editor's place is kept: the same pair open (not redrawn), the same row chosen, the same scroll
    assert pair_key(after, window.current_pair) == pair_key(result, ap)
    assert window.pair_view.pair.rows is shown_rows
    assert pair_key(after, window.pairs.record_at(window.pairs.currentIndex().row())) == chosen
    assert bar.value() == scroll
    # the new pairs are marked until seen, the family grew, the status bar says so
    new_rows = [r for r in range(window.pairs.proxy.rowCount())
                if window.pairs.proxy.index(r, 0).data().startswith(NEW_MARK)]
    assert len(new_rows) == 2  # the reprint against each of the two AP copies
    assert "1 new copy of '" in window.status_text.text() and "in the last 10 minutes" in window.status_text.text()
    family = after.family_of(window.result.pairs[window.current_pair].a)
    assert "zz_reprint.txt" in {after.articles[m].id for m in family.members}
    tops = [window.families.topLevelItem(k) for k in range(window.families.topLevelItemCount())]
    assert any(t.text(0).startswith(NEW_MARK) for t in tops)

    window.open_pair(window.pairs.record_at(new_rows[0]))  # seen: no longer new
    assert not window.pairs.proxy.index(new_rows[0], 0).data().startswith(NEW_MARK) or (
        window.pairs.record_at(new_rows[0]) != window.current_pair)
    assert pair_key(after, window.current_pair) not in window.desk.new_pairs


def test_a_removed_file_takes_its_pairs_away_and_the_overview_follows(qtbot, window, folder):
    result = watched(qtbot, window, folder)
    count = window.overview.count.text()
    gone = next(a.id for a in result.articles if a.id == AP_B.name)
    with qtbot.waitSignal(window.live_changed, timeout=30000) as blocker:
        (folder / gone).unlink()
    assert any(type(e).__name__ == "ArticleRemoved" for e in blocker.args[0])
    assert gone not in {a.id for a in window.result.articles}
    assert window.documents.model_.rowCount() == len(result.articles) - 1
    qtbot.waitUntil(lambda: window.overview.count.text() != count, timeout=10000)
    assert window.overview.count.text().startswith(f"{len(result.articles) - 1} documents")


def test_the_watch_toggle_stops_and_starts_watching_and_a_drop_is_not_watched(qtbot, window, folder, tmp_path):
    watched(qtbot, window, folder)
    window.actions.watch.trigger()  # off
    assert not window.desk.active
    shutil.copyfile(AP_A, folder / "zz_unwatched.txt")
    qtbot.wait(1500)
    assert "zz_unwatched.txt" not in {a.id for a in window.result.articles}
    with qtbot.waitSignal(window.live_changed, timeout=30000):
        window.actions.watch.trigger()  # on again: what landed meanwhile is caught up
    qtbot.waitUntil(lambda: "zz_unwatched.txt" in {a.id for a in window.result.articles}, timeout=30000)

    with qtbot.waitSignal(window.scan_finished, timeout=120000):
        window.open_paths([str(folder)])  # as a drop opens it
    assert not window.actions.watch.isChecked() and not window.desk.active


def test_a_new_result_with_more_pairs_replaces_the_old_under_the_pairs_filter(qtbot, tmp_path):
    """A rescan or a watched folder brings more pairs than the list had: the identical-copies filter must ask
    the new result about them (it asked the old one, and the window crashed)."""
    from app.core.scan import run, scan
    from app.core.settings import Settings
    from app.gui.lists.pairs import PairsTable

    table = PairsTable()
    qtbot.addWidget(table)
    shutil.copyfile(AP_A, tmp_path / AP_A.name)
    shutil.copyfile(AP_B, tmp_path / AP_B.name)
    one = run(scan([str(tmp_path)], Settings(use_cache=False)))
    table.set_result(one)
    table.set_filters(True, set(), set())
    shutil.copyfile(AP_A, tmp_path / "zz_copy.txt")
    three = run(scan([str(tmp_path)], Settings(use_cache=False)))
    table.set_result(three)
    assert table.model_.rowCount() == len(three.pairs) == 3
    assert table.proxy.rowCount() == 2  # the identical copy folded away


def _cells(model) -> list:
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def _tops(tree) -> list:
    from app.gui.lists.families import DOC_ROLE

    items = [tree.topLevelItem(k) for k in range(tree.topLevelItemCount())]
    return [([t.text(c).removeprefix(NEW_MARK) for c in range(4)], t.data(0, DOC_ROLE), t.data(1, DOC_ROLE),
             t.toolTip(3), tree.copies_of(t)) for t in items]


def test_lists_changed_row_by_row_show_what_lists_built_anew_show(qtbot, window, folder):
    """Each batch comes into the lists row by row (no reset: the editor's rows stay put); what they show then
    is what lists built from scratch for the same result show, after families merge and split and a file
    lands early in folder order (every document after it renumbered)."""
    from app.core import triage
    from app.gui.lists.documents import DocumentsTable
    from app.gui.lists.families import FamilyTree
    from app.gui.lists.pairs import PairsTable

    watched(qtbot, window, folder)
    resets = []
    for table in (window.pairs, window.documents):
        table.model_.modelReset.connect(lambda: resets.append(1))
    blaze = folder / "05674_theblaze.com.txt"
    arrivals = [("zz_roundup.txt", AP_A.read_text(encoding="utf-8") + "\n\n" + blaze.read_text(encoding="utf-8")),
                ("0000_early.txt", trimmed_reprint(blaze).decode()), ("zz_roundup.txt", None)]
    for name, text in arrivals:
        with qtbot.waitSignal(window.live_changed, timeout=30000):
            if text is None:
                (folder / name).unlink()
            else:
                (folder / name).write_text(text, encoding="utf-8")
        qtbot.waitUntil(lambda name=name, text=text: (name in {a.id for a in window.result.articles})
                        == (text is not None), timeout=30000)
        result = window.result
        fresh_pairs, fresh_docs, fresh_tree = PairsTable(), DocumentsTable(), FamilyTree()
        for widget in (fresh_pairs, fresh_docs, fresh_tree):
            qtbot.addWidget(widget)
        fresh_pairs.set_result(result)
        fresh_docs.set_result(result)
        fresh_tree.set_result(result)
        assert window.pairs.model_.records == triage.order(result)
        assert [row[1:] for row in _cells(window.pairs.model_)] == [row[1:] for row in _cells(fresh_pairs.model_)]
        assert window.documents.model_.records == list(range(len(result.articles)))
        assert [row[1:] for row in _cells(window.documents.model_)] == [row[1:] for row in _cells(fresh_docs.model_)]
        assert _tops(window.families) == _tops(fresh_tree)
    assert resets == []
