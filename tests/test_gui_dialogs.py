"""The open and save dialogs: where they start, the names they suggest, the export folder kept across runs."""

import datetime
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from tests.conftest import FIXTURES, SEEDS
from tests.test_gui import scanned

ARTICLES = FIXTURES / "relations" / "articles"


@pytest.fixture(autouse=True)
def qt_dialogs(monkeypatch, tmp_path):
    """Qt's own dialog (a native one cannot be inspected), and a home of the test's own with a Documents folder."""
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)
    home = tmp_path / "user"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    return home


def shown(dialog: QFileDialog) -> tuple[str, str]:
    """The folder a dialog shows and the name in its file name box, as the user sees them."""
    return dialog.directory().absolutePath(), dialog.selectedFiles()[0].rsplit("/", 1)[-1]


def new_window(qtbot):
    """A second run of the application: a new window reading the same settings file."""
    from app.gui.window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    return w


def test_the_first_export_starts_in_documents_named_after_the_folder_and_the_day(qtbot, window, qt_dialogs):
    scanned(qtbot, window, ARTICLES)
    window.actions.exports[0].trigger()  # Export Scan as HTML
    dialog = window.exports.dialog
    assert dialog.isVisible() and dialog.isModal()
    folder, name = shown(dialog)
    assert folder == str(qt_dialogs / "Documents") and folder != os.getcwd()
    assert name == f"articles {datetime.date.today().isoformat()}.html"
    dialog.reject()


def test_a_pairs_export_is_named_by_its_sites_and_headline(qtbot, window):
    result = scanned(qtbot, window, ARTICLES)
    pair = window.pair_view.pair
    a, b = result.articles[pair.a], result.articles[pair.b]
    for act, ext in zip(window.actions.pair_exports[:2], ("html", "pdf"), strict=True):  # not Print
        act.trigger()
        _, name = shown(window.exports.dialog)
        window.exports.dialog.reject()
        assert name.endswith(f".{ext}") and "report" not in name and "pair." not in name
        headline = " ".join((a.title or b.title).split())
        assert headline[:40] in name, (name, headline)
        from app.gui.lists.pairs import site

        assert site(a.id) in name and site(b.id) in name


def test_the_export_folder_is_remembered_across_runs(qtbot, window, tmp_path, sync_tasks):
    scanned(qtbot, window, SEEDS)
    out = tmp_path / "exports"
    out.mkdir()
    window.actions.pair_exports[1].trigger()  # Save Pair as PDF
    dialog = window.exports.dialog
    suggested = shown(dialog)[1]
    dialog.selectFile(str(out / suggested))
    dialog.accept()  # as the user pressing Save
    assert (out / suggested).read_bytes().startswith(b"%PDF")
    window.close()

    again = new_window(qtbot)
    scanned(qtbot, again, SEEDS)
    again.actions.exports[1].trigger()  # Export Scan as CSV, in the next run
    assert shown(again.exports.dialog)[0] == str(out)
    again.exports.dialog.reject()


def test_open_starts_beside_the_last_opened_folder_and_selects_it(qtbot, window, qt_dialogs):
    window.actions.open_folder.trigger()
    first = window.file_dialog
    assert shown(first)[0] == str(qt_dialogs / "Documents")  # never the working folder
    first.reject()
    scanned(qtbot, window, ARTICLES)
    window.close()

    again = new_window(qtbot)
    again.actions.open_folder.trigger()
    folder, name = shown(again.file_dialog)
    assert (folder, name) == (str(ARTICLES.parent), ARTICLES.name)
    again.file_dialog.reject()
    again.choose_files()  # Open Files: inside it
    assert again.file_dialog.directory().absolutePath() == str(ARTICLES)
    again.file_dialog.reject()


def test_a_suggested_name_is_safe_on_every_system():
    from app.gui.window.dialogs import NAME_MAX, file_name

    name = file_name('AP: "Who?" <live>/updates | 5*5\tnow ' + "word " * 40, "html")
    assert not set('\\/:*?"<>|\t') & set(name) and name.endswith(".html")
    assert len(name) <= NAME_MAX + len(".html") and not name[:-5].endswith(" ")
    assert file_name("...", "csv") == "wiretrace.csv"
    assert Path(file_name("a / b", "pdf")).name == file_name("a / b", "pdf")
