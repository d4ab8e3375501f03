"""The main window around the views: triage order, the list driving the view, preferences, exports, tasks."""


import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.gui import settings as opts
from app.gui.lists.pairs import is_identical
from app.gui.tasks import Tasks
from app.gui.window.preferences import PreferencesDialog
from tests.conftest import AP_A, SEEDS


def scanned(qtbot, window, *paths):
    with qtbot.waitSignal(window.scan_finished, timeout=60000) as blocker:
        window.open_paths([str(p) for p in paths])
    return blocker.args[0]


#: Edits an editor must not miss (a negation, a number, a name, a quotation), each in its own sentence.
RISKY = [("that he would be ready", "that he would not be ready"),
         ("Putin has ignored numerous previous offers", "Putin has ignored 14 previous offers"),
         ("spoke repeatedly with Zelenskyy", "spoke repeatedly with Erdogan"),
         ("only if they kill us all.", "only if they kill every one of us.")]


def edited(text: str, count: int) -> str:
    for old, new in RISKY[:count]:
        assert old in text
        text = text.replace(old, new, 1)
    return text


@pytest.fixture
def desk(tmp_path):
    """Copies of one wire story as a desk receives them: one identical, three with 1, 2 and 4 risky edits,
    plus the unrelated seed stories."""
    text = AP_A.read_text(encoding="utf-8")
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "wire.txt").write_text(text, encoding="utf-8")
    (folder / "identical.txt").write_text(text, encoding="utf-8")
    for n in (1, 2, 4):
        (folder / f"edited{n}.txt").write_text(edited(text, n), encoding="utf-8")
    for f in sorted(SEEDS.iterdir())[2:]:
        (folder / f.name).write_bytes(f.read_bytes())
    return folder


def shown_pair(window):
    return window.result.pairs[window.current_pair]


def test_opens_on_the_copy_with_most_high_risk_edits_against_its_source_never_an_identical_copy(qtbot, window, desk):
    result = scanned(qtbot, window, desk)
    assert len(result.pairs) >= 6
    assert any(is_identical(p) for p in result.pairs)
    first = shown_pair(window)
    assert not is_identical(first)
    # the copies were edited one after another (edited4 carries edited2's edits): each is checked against the
    # copy it came from, so what it shows is what that outlet changed
    assert first.role == "source"
    assert first.outlet_high_risk == max(p.outlet_high_risk for p in result.pairs if p.role == "source") > 0
    assert window.pairs.currentIndex().row() == 0  # and the list shows it as its first row
    names = {result.articles[first.a].id, result.articles[first.b].id}
    assert "edited4.txt" in " ".join(names)
    assert " ↔ " in window.windowTitle() and "desk" in window.windowTitle()


def test_identical_copies_fold_away_and_tab_counts_follow_the_filter(qtbot, window, desk):
    result = scanned(qtbot, window, desk)
    total = len(result.pairs)
    tab = lambda: window.tabs.tabText(window.tabs.indexOf(window.pairs))  # noqa: E731
    assert tab() == f"Pairs ({total})"
    window.hide_identical.setChecked(True)
    identical = sum(is_identical(p) for p in result.pairs)
    assert window.pairs.proxy.rowCount() == total - identical
    assert tab() == f"Pairs ({total - identical} of {total})"
    window.hide_identical.setChecked(False)
    window.filter.setText("edited4")  # the file name matches though the list shows titles
    assert 0 < window.pairs.proxy.rowCount() < total
    assert tab() == f"Pairs ({window.pairs.proxy.rowCount()} of {total})"
    docs = window.tabs.tabText(window.tabs.indexOf(window.documents))
    assert docs == f"Documents (1 of {len(result.articles)})"
    window.filter.setText("no such words anywhere")
    assert window.tabs.tabText(window.tabs.indexOf(window.families)) == f"Families (0 of {len(result.families)})"
    assert tab() == f"Pairs (0 of {total})"


def test_arrow_keys_in_the_list_change_the_pair_shown(qtbot, window, desk):
    scanned(qtbot, window, desk)
    before = window.current_pair
    window.pairs.setFocus()
    with qtbot.waitSignal(window.pair_shown, timeout=3000) as blocker:
        qtbot.keyClick(window.pairs, Qt.Key.Key_Down)
    assert blocker.args[0] != before
    assert window.current_pair == window.pairs.record_at(1)
    assert window.pair_view.pair is window.result.pairs[window.current_pair]
    with qtbot.waitSignal(window.pair_shown, timeout=3000):
        qtbot.keyClick(window.pairs, Qt.Key.Key_PageDown)
    assert window.current_pair == window.pairs.record_at(window.pairs.currentIndex().row())


def test_next_pair_follows_the_table_as_sorted_and_filtered(qtbot, window, desk):
    result = scanned(qtbot, window, desk)
    window.pairs.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # by overlap, smallest first
    window.pairs.select_row(0)
    window.open_selected.flush()
    seen = [window.current_pair]
    for _ in range(window.pairs.proxy.rowCount() - 1):
        window.actions.next_pair.trigger()
        seen.append(window.current_pair)
    assert [window.pairs.record_at(r) for r in range(window.pairs.proxy.rowCount())] == seen
    scores = [result.pairs[i].score for i in seen]
    assert scores == sorted(scores)
    window.filter.setText("edited")
    window.actions.next_pair.trigger()
    window.actions.next_pair.trigger()
    shown = {result.articles[i].id for i in (shown_pair(window).a, shown_pair(window).b)}
    assert any("edited" in name for name in shown)
    window.actions.previous_pair.trigger()
    assert window.pairs.record_at(window.pairs.currentIndex().row()) == window.current_pair


def test_preferences_round_trip(qtbot):
    dialog = PreferencesDialog()
    qtbot.addWidget(dialog)
    dialog.threshold.setValue(35)
    dialog.relations["quotes"].setChecked(False)
    dialog.languages.setText("en, de")
    dialog.reopen.setChecked(True)
    dialog.accept()
    again = PreferencesDialog()
    qtbot.addWidget(again)
    assert again.threshold.value() == 35
    assert not again.relations["quotes"].isChecked() and again.relations["copy"].isChecked()
    assert again.languages.text() == "en, de"
    assert again.reopen.isChecked()
    assert opts.get(opts.MIN_OVERLAP) == pytest.approx(0.35)
    again.languages.setText("english!")  # not a code: OK is refused and says why
    assert not again.buttons.button(again.buttons.StandardButton.Ok).isEnabled()
    assert "two- or three-letter" in again.problem.text()
    again.reject()
    assert opts.get(opts.LANGUAGES) == ["en", "de"]


def test_exports_are_disabled_until_there_is_a_result(qtbot, window, tmp_path, sync_tasks):
    for act in window.actions.exports + window.actions.pair_exports:
        assert not act.isEnabled()
    assert not window.actions.rescan.isEnabled()
    scanned(qtbot, window, SEEDS)
    for act in window.actions.exports + window.actions.pair_exports:
        assert act.isEnabled()
    assert window.actions.rescan.isEnabled()
    window.exports.write(str(tmp_path / "scan.csv"), "csv")
    assert (tmp_path / "scan.csv").read_text(encoding="utf-8").count("\n") >= 2
    assert window.status_text.text() == f"Saved {tmp_path / 'scan.csv'}"


def test_a_failed_export_says_why_in_the_status_bar(qtbot, window, tmp_path, sync_tasks):
    scanned(qtbot, window, SEEDS)
    window.exports.write(str(tmp_path / "missing" / "scan.html"), "html")
    assert window.status_text.text().startswith("Could not save:")
    assert "No such file" in window.status_text.text()


def test_tasks_hand_back_errors_and_drop_stale_results(qtbot, held_tasks):
    tasks = Tasks()
    got, errors = [], []
    tasks.run("pair", lambda: "first", got.append, errors.append)
    tasks.run("pair", lambda: "second", got.append, errors.append)  # the user moved on
    tasks.run("export", lambda: 1 / 0, got.append, errors.append)
    assert got == [] and errors == []  # nothing ran yet
    for job in list(held_tasks):
        job()
    assert got == ["second"]  # "first" landed after a newer request: dropped
    assert len(errors) == 1 and isinstance(errors[0], ZeroDivisionError)
    tasks.run("pair", lambda: "third", got.append)
    tasks.drop("pair")
    held_tasks[-1]()
    assert got == ["second"] and not tasks.busy("pair")


def test_tasks_run_off_the_gui_thread_and_land_on_it(qtbot):
    import threading

    tasks = Tasks()
    where = {}

    def work():
        where["work"] = threading.current_thread()
        return 42

    with qtbot.waitSignal(tasks._landed, timeout=5000):
        tasks.run("t", work, lambda v: where.update(done=threading.current_thread(), value=v))
    qtbot.waitUntil(lambda: "done" in where, timeout=2000)
    assert where["work"] is not threading.main_thread()
    assert where["done"] is threading.main_thread() and where["value"] == 42


def test_generator_jobs_hand_over_each_step_and_a_stale_one_stops_at_its_next_yield(qtbot, held_tasks):
    tasks = Tasks()
    steps, done, ran = [], [], []

    def counting(name: str, n: int):
        try:
            for i in range(n):
                ran.append((name, i))
                yield f"{name}{i}"
            return f"{name} done"
        finally:
            ran.append((name, "closed"))

    tasks.run_steps("family", lambda: counting("old", 50), steps.append, done.append)
    tasks.run_steps("family", lambda: counting("new", 3), steps.append, done.append)  # the user moved on
    for job in list(held_tasks):
        job()
    # the stale job computed one step, handed nothing over and was closed there; the newer one ran through
    assert ran[:2] == [("old", 0), ("old", "closed")]
    assert steps == ["new0", "new1", "new2"] and done == ["new done"]

    def failing():
        yield "before"
        raise ValueError("unreadable")

    errors = []
    tasks.run_steps("family", failing, steps.append, done.append, errors.append)
    held_tasks[-1]()
    assert steps[-1] == "before" and isinstance(errors[0], ValueError) and not tasks.busy("family")


def test_ctrl_c_copies_the_selected_pair_as_text(qtbot, window, desk):
    scanned(qtbot, window, desk)
    window.pairs.setFocus()
    qtbot.keyClick(window.pairs, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QApplication.clipboard().text().splitlines()
    assert lines[0].split("\t")[:4] == ["A", "B", "Relation", "Overlap"]
    assert lines[1].split("\t") == [window.pairs.proxy.index(0, c).data() for c in range(9)]


def test_skipped_tab_lists_skips_and_warnings(qtbot, window, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for f in SEEDS.iterdir():
        (folder / f.name).write_bytes(f.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    result = scanned(qtbot, window, folder)
    result.warnings.append("the analysis cache could not be read: set aside")
    window.show_result(result)
    texts = [window.skipped.item(k).text() for k in range(window.skipped.count())]
    assert any(t.endswith("empty.txt: empty file") for t in texts)
    assert "⚠ the analysis cache could not be read: set aside" in texts
    assert "the analysis cache could not be read" in window.status_text.text()
    assert window.status_text.textFormat() == Qt.TextFormat.PlainText


def test_families_list_the_largest_first_and_copies_ranked_against_the_reference(qtbot, window, desk):
    result = scanned(qtbot, window, desk)
    tree = window.families
    top = tree.topLevelItem(0)
    family = tree.family_at(top)
    assert len(family) == max(len(f) for f in result.families) >= 5
    assert top.text(1) == str(len(family))
    top.setExpanded(True)
    listed = tree.copies_of(top)
    assert listed == [family.reference] + [doc for doc, _ in family.member_fidelity]
    assert "reference" in top.child(0).text(2)
    tree.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # by size, smallest first
    sizes = [int(tree.topLevelItem(k).text(1)) for k in range(tree.topLevelItemCount())]
    assert sizes == sorted(sizes)


def test_rescan_reads_only_what_changed(qtbot, window, desk):
    first = scanned(qtbot, window, desk)
    edited = desk / "edited1.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA line added after the first scan.\n",
                      encoding="utf-8")
    messages = []
    with qtbot.waitSignal(window.scan_finished, timeout=60000) as blocker:
        window.actions.rescan.trigger()  # F5
        window.task.progress.connect(lambda stage, done, total, message: messages.append(message))
    again = blocker.args[0]
    assert f"{len(first.articles) - 1} unchanged files from the cache" in messages
    assert "A line added after the first scan." in next(a.text for a in again.articles if a.id == "edited1.txt")
    assert window.actions.rescan.shortcut().toString() == "F5"


def test_reopen_last_folders_at_start_is_an_option(qtbot, window, desk):
    from app.gui.application import reopen_paths

    scanned(qtbot, window, desk)
    assert reopen_paths() == []  # off by default
    opts.put(opts.REOPEN, True)
    assert reopen_paths() == [str(desk)]


def test_relations_and_languages_chosen_in_preferences_filter_the_pairs(qtbot, window, desk):
    result = scanned(qtbot, window, desk)
    total = len(result.pairs)
    opts.put(opts.LANGUAGES, ["de"])  # every copy here is English
    window.apply_preferences()
    assert window.pairs.proxy.rowCount() == 0
    opts.put(opts.LANGUAGES, ["en"])
    opts.put(opts.RELATIONS, ["partial", "quotes"])  # the copies are all of the relation "copy"
    window.apply_preferences()
    copies = sum(str(p.relation) == "copy" for p in result.pairs)
    assert copies and window.pairs.proxy.rowCount() == total - copies
    opts.put(opts.RELATIONS, ["copy", "partial", "quotes"])
    window.apply_preferences()
    assert window.pairs.proxy.rowCount() == total
