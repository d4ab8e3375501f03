"""The main window's layout: the lists on the left, the pair and family views on the right, the scan in the status bar.

Actions live in actions.py, exports in exports.py, the scan in scan_session.py, preferences in preferences.py.
"""

from __future__ import annotations

import gc
import html
import os
from pathlib import Path

from PySide6.QtCore import QRect, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStyle,
    QStyleOptionProgressBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.core import triage
from app.gui import settings as opts
from app.gui.family import FamilyView
from app.gui.lists.documents import DocumentsTable
from app.gui.lists.families import FamilyTree
from app.gui.lists.pairs import PairsTable, site
from app.gui.overview import OverviewMap
from app.gui.pair import PairView
from app.gui.style import qcolour
from app.gui.tasks import Debounce, Tasks
from app.gui.window import actions, dialogs
from app.gui.window.exports import Exports
from app.gui.window.live_desk import LiveDesk

#: How long the pairs list waits after the last selection change before it opens the pair: arrow keys held
#: down skim the list without aligning every pair they pass.
SELECTION_DEBOUNCE_MS = 60
#: Where a scan is, in the pair pane's words while it runs.
STAGES = {"read": "step 1 of 3, reading the articles: ", "index": "step 2 of 3, ",
          "align": "step 3 of 3, ", "done": ""}
#: Characters of each side's site and headline the pairs list shows at the default split (the site alone is often
#: 20), and the most of the window's width the lists take for them: the pair view keeps about 36 per line, a newspaper column.
LIST_TITLE_CHARS = 26
LIST_SHARE = 0.55


def plain_label(text: str = "") -> QLabel:
    """A label that never reads file names or article text as markup."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def progress_width(bar: QProgressBar, text: str) -> int:
    """The width `bar` needs to show `text` whole, with the room its style keeps around the label."""
    option = QStyleOptionProgressBar()
    option.rect = QRect(0, 0, 400, bar.height())
    option.state = QStyle.StateFlag.State_Horizontal
    option.minimum, option.maximum, option.progress = 0, 1, 0
    option.text, option.textVisible = text, True
    option.fontMetrics = bar.fontMetrics()
    label = bar.style().subElementRect(QStyle.SubElement.SE_ProgressBarLabel, option, bar)
    return bar.fontMetrics().horizontalAdvance(text) + option.rect.width() - label.width() + 12


class DropHint(QLabel):
    """Shown over the window while files are dragged onto it."""

    def __init__(self, parent):
        super().__init__("Drop folders or articles to scan them", parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        tint = qcolour("current")
        self.setStyleSheet(f"QLabel {{ background: rgba({tint.red()},{tint.green()},{tint.blue()},60); "
                           f"border: 3px dashed {tint.name()}; font-size: 22px; font-weight: bold; }}")
        self.hide()


class MainWindow(QMainWindow):
    scan_finished = Signal(object)
    scan_cancelled = Signal()
    pair_shown = Signal(int)  # pair index, once the pair view shows it
    live_changed = Signal(object)  # the events of a watched folder, once the window shows them

    def __init__(self):
        super().__init__()
        self.setAcceptDrops(True)
        self.result = None
        self.task = None
        self.paths: list[str] = []
        self.current_pair: int | None = None
        self.tasks = Tasks(self)
        self.exports = Exports(self)
        self.file_dialog = None  # the open dialog open now, if any
        self.desk = LiveDesk(self)

        self.filter = QLineEdit(placeholderText="Filter pairs and documents (any column)…")
        self.filter.setClearButtonEnabled(True)
        clear = QAction("Clear the Filter", self.filter)
        clear.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        clear.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # Esc elsewhere closes the find bar
        clear.triggered.connect(self.filter.clear)
        self.filter.addAction(clear)
        self.hide_identical = QCheckBox("Hide identical copies")
        self.hide_identical.setToolTip("Fold away pairs with no edit at all: they need no check")
        self.hide_identical.setChecked(opts.get(opts.HIDE_IDENTICAL))
        self.pairs = PairsTable()
        self.documents = DocumentsTable()
        self.families = FamilyTree()
        self.overview = OverviewMap()
        self.skipped = QListWidget()
        self.skipped.setToolTip("Files that were not read, and warnings about the scan")
        self.tabs = QTabWidget()
        self.tabs.addTab(self.pairs, "Pairs")
        self.tabs.addTab(self.documents, "Documents")
        self.tabs.addTab(self.families, "Families")
        self.tabs.addTab(self.overview, "Overview")
        self.tabs.addTab(self.skipped, "Skipped")
        self.documents.setToolTip("Activate a document (double-click or Enter) to compare its family against it")
        left = QWidget()
        lbox = QVBoxLayout(left)
        lbox.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.hide_identical)
        lbox.addLayout(top)
        lbox.addWidget(self.tabs)

        self.pair_view = PairView()
        self.family = FamilyView()
        self.views = QTabWidget()
        self.views.addTab(self.pair_view, "Pair")
        self.views.addTab(self.family, "Family")
        # the views' own minimum (long titles) must not make the window wider than a small screen
        self.views.setMinimumWidth(360)
        left.setMinimumWidth(200)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.views)
        self.splitter.setStretchFactor(1, 3)
        self.setCentralWidget(self.splitter)
        self.drop_hint = DropHint(self)

        self.progress = QProgressBar()
        self.progress.setMaximumWidth(260)
        self.progress.setFormat("%v / %m")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel_scan)
        self.status_text = plain_label("Ready")
        self.statusBar().addWidget(self.status_text, 1)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)
        self.pair_view.status_message.connect(lambda text: self.statusBar().showMessage(text, 15000))
        self._set_busy(False)

        self.open_selected = Debounce(SELECTION_DEBOUNCE_MS, self._open_selected, self)
        self.filter.textChanged.connect(self._filter)
        self.hide_identical.toggled.connect(self._hide_identical)
        self.pairs.selectionModel().currentRowChanged.connect(lambda *_: self.open_selected.poke())
        self.pairs.activated_row.connect(self.open_pair)
        self.pairs.shown_changed.connect(lambda shown, total: self._set_count(self.pairs, "Pairs", shown, total))
        self.documents.shown_changed.connect(
            lambda shown, total: self._set_count(self.documents, "Documents", shown, total))
        self.documents.activated_row.connect(self.show_family)
        self.families.open_document.connect(self.show_family)
        self.families.open_documents.connect(self._open_documents)
        self.overview.open_documents.connect(self._open_documents)
        self.overview.open_family.connect(self.show_family)
        self.family.open_pair.connect(self._open_documents)
        self.pair_shown.connect(self.desk.seen_pair)
        self.family.open_source.connect(self.open_against_source)
        self.actions = actions.build(self)
        self.pair_view.set_hide_flagged(self.actions.hide_flags.isChecked())
        self._fill_recent()
        self._enable_actions()
        self._update_title()
        self._restore()
        if opts.PROBLEMS:  # a hand-edited settings file with a bad value: said once, defaults used
            self.status_text.setText(opts.PROBLEMS[0] + (f" (and {len(opts.PROBLEMS) - 1} more)"
                                                         if len(opts.PROBLEMS) > 1 else ""))

    # ------------------------------------------------------------ state shown in the chrome

    def _enable_actions(self) -> None:
        """Exports only when there is something to export; rescan only when something was opened."""
        has_result = self.result is not None
        for act in self.actions.exports:
            act.setEnabled(has_result)
        for act in self.actions.pair_exports:
            act.setEnabled(has_result and self.pair_view.pair is not None)
        self.actions.rescan.setEnabled(bool(self.paths))
        self.actions.watch.setEnabled(self.watchable() is not None)
        for act in (self.actions.next_pair, self.actions.previous_pair):
            act.setEnabled(has_result and bool(self.result.pairs))

    def _update_title(self) -> None:
        """The window names the pair by site and headline, then the folder: 'site ↔ site: headline — folder —
        Wiretrace' (copies share the headline; the sites tell them apart)."""
        parts = []
        if self.result is not None and self.current_pair is not None:
            p = self.result.pairs[self.current_pair]
            a, b = self.result.articles[p.a], self.result.articles[p.b]
            headline = " ".join((a.title or b.title).split())[:80]
            sites = f"{site(a.id) or os.path.basename(a.id)} ↔ {site(b.id) or os.path.basename(b.id)}"
            parts.append(f"{sites}: {headline}" if headline else sites)
        if self.paths:
            parts.append(", ".join(os.path.basename(p.rstrip(os.sep)) or p for p in self.paths))
        parts.append("Wiretrace")
        self.setWindowTitle(" — ".join(parts))

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in opts.get(opts.RECENT):
            act = self.recent_menu.addAction(path)
            act.triggered.connect(lambda _=False, p=path: self.open_paths([p]))
        self.recent_menu.setEnabled(bool(opts.get(opts.RECENT)))

    def about(self) -> None:
        QMessageBox.about(self, "About Wiretrace",
                          f"<h3>Wiretrace {__version__}</h3><p>Reprint fidelity for news editors: which articles "
                          "are copies of one report, what changed between them sentence by sentence, and what "
                          "does not belong to the article.</p><p>Sentence models: NLTK Punkt (MIT). "
                          f"Settings: {html.escape(str(opts.settings_path()))}</p>")

    def show_preferences(self) -> None:
        from app.gui.window.preferences import PreferencesDialog

        dialog = PreferencesDialog(self)
        if dialog.exec():
            self.apply_preferences()

    def apply_preferences(self) -> None:
        """What changes at once when preferences change: the lists; a new threshold needs a rescan."""
        self._apply_list_filters()
        self._show_some_pair()
        if self.result is not None and self.result.settings.min_overlap != opts.get(opts.MIN_OVERLAP):
            self.status_text.setText("Preferences saved: press F5 to rescan with the new overlap threshold")

    # ------------------------------------------------------------ opening and scanning

    def _ask_open(self, title: str, folders: bool, then) -> None:
        self.file_dialog = dialogs.open_dialog(self, title, folders)
        if folders:
            self.file_dialog.fileSelected.connect(lambda folder: then([folder]))
        else:
            self.file_dialog.filesSelected.connect(then)
        self.file_dialog.open()

    def choose_folder(self) -> None:
        self._ask_open("Open a folder of articles", True, self.open_paths)

    def choose_files(self) -> None:
        self._ask_open("Open articles", False, self.open_paths)

    def rescan(self) -> None:
        """The same folders again; the analysis cache makes every unchanged file free."""
        if self.paths:
            self.open_paths(self.paths, watch=self.actions.watch.isChecked())

    def choose_watch_folder(self) -> None:
        self._ask_open("Watch a folder of articles", True, lambda folders: self.open_paths(folders, watch=True))

    def watchable(self) -> str | None:
        """The folder the window can watch: the one folder open, if that is what is open."""
        return self.paths[0] if len(self.paths) == 1 and os.path.isdir(self.paths[0]) else None

    def set_watching(self, on: bool) -> None:
        """The toolbar's Watch: follow the open folder from the scan shown (or from the scan under way)."""
        if not on:
            self.desk.stop()
            if self.result is not None:
                self.status_text.setText(self._summary(self.result) + " · not watching")
        elif self.watchable() is None:
            self.actions.watch.setChecked(False)
            self.status_text.setText("Open one folder to watch it (File ▸ Watch Folder…)")
        elif self.task is None and self.result is not None:
            self.desk.start(self.watchable(), self.result)
        # else: the scan under way starts the watch when it is done

    def open_paths(self, paths: list[str], watch: bool = False) -> None:
        """Open folders and files. Watching is for File ▸ Watch Folder and the toolbar's Watch, not a drop or
        Open: those often bring a finished batch or a few files, and a watch keeps a second index in memory."""
        from app.core.settings import Settings  # light: the engine itself runs in a child process

        if self.task is not None:
            self.cancel_scan()
            self._end_task()
        self.desk.stop()
        if [str(Path(p)) for p in paths] != self.paths:
            self.desk.forget()
            self.current_pair = None  # another folder's pair is not left on show while this one loads
            self.pair_view.show_placeholder(self._loading_text("read", 0, 0, "starting"))
        self.paths = [str(Path(p)) for p in paths]
        self.actions.watch.blockSignals(True)
        self.actions.watch.setChecked(watch and self.watchable() is not None)
        self.actions.watch.blockSignals(False)
        for p in self.paths:
            if os.path.isdir(p):
                opts.add_recent(os.path.abspath(p))
        self._fill_recent()
        settings = Settings(min_overlap=opts.get(opts.MIN_OVERLAP), use_cache=opts.get(opts.USE_CACHE))
        from app.gui.window.preferences import cache_file
        from app.gui.window.scan_session import ScanSession

        opts.put(opts.LAST_PATHS, self.paths)
        self.task = ScanSession(self.paths, settings, self, cache_path=cache_file())
        w = self.task
        w.progress.connect(self._on_progress)
        w.partial.connect(self._on_partial)
        w.finished.connect(self._on_finished)
        w.failed.connect(self._on_failed)
        w.cancelled.connect(self._on_cancelled)
        self._set_busy(True)
        self.status_text.setText("Scanning " + ", ".join(os.path.basename(p) or p for p in self.paths) + "…")
        self._update_title()
        self._enable_actions()
        self.task.start()

    def _loading_text(self, stage: str, done: int, total: int, message: str) -> str:
        names = ", ".join(os.path.basename(p.rstrip(os.sep)) or p for p in self.paths)
        step = STAGES.get(stage, "")
        count = f" ({done} / {total})" if total > 1 else ""
        return (f"Scanning {names}: {step}{message}{count}. The pair that most needs an editor opens here when "
                "the scan is done.")

    def _no_pair_text(self, result) -> str:
        """Why the lists show no pair, and what brings pairs back."""
        total = len(result.pairs)
        if not total:
            return (f"No two of the {len(result.articles)} articles overlap enough to be compared (File ▸ "
                    "Preferences sets the overlap threshold).")
        if self.filter.text():
            return (f"No pair matches the filter “{self.filter.text()}” ({total} pairs in all). Clear the filter to "
                    "see them: Esc in the filter box, or its ✕ button.")
        return (f"All {total} pairs are hidden by “Hide identical copies” or by the relations and languages chosen "
                "in File ▸ Preferences.")

    def _show_some_pair(self) -> None:
        """After the lists changed: the pane says so when they show no pair, and shows their first again when
        they show pairs after saying so."""
        if self.result is None or self.task is not None:
            return
        if not self.pairs.proxy.rowCount():
            self.current_pair = None
            self.pair_view.show_placeholder(self._no_pair_text(self.result))
            self._update_title()
            self._enable_actions()
        elif self.pair_view.pair is None:
            self.pairs.select_row(0)
            self.open_selected.flush()

    def cancel_scan(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.status_text.setText("Cancelling…")

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)

    def _on_progress(self, stage: str, done: int, total: int, message: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setMinimumWidth(progress_width(self.progress, f"{total} / {total}"))  # never "1620 / 188"
        self.status_text.setText(message)
        if self.pair_view.pair is None:  # the pane says what is under way, not "drop a folder"
            self.pair_view.show_placeholder(self._loading_text(stage, done, total, message))

    def _on_partial(self, partial) -> None:
        """The documents and skipped files as soon as they are read; the pairs follow when aligned."""
        self._show_documents(partial)

    def _show_documents(self, result) -> None:
        self.documents.set_result(result)
        self.skipped.clear()
        for s in result.skipped:
            self.skipped.addItem(f"{s.path}: {s.reason}")
        warnings = result.warnings
        for text in warnings:
            item = QListWidgetItem(f"⚠ {text}")
            item.setToolTip(text)
            self.skipped.addItem(item)
        self._set_count(self.skipped, "Skipped", len(result.skipped) + len(warnings))

    def _set_count(self, tab, name: str, shown: int, total: int | None = None) -> None:
        label = f"{name} ({shown})" if total is None or total == shown else f"{name} ({shown} of {total})"
        self.tabs.setTabText(self.tabs.indexOf(tab), label)

    def _end_task(self) -> None:
        if self.task is not None:
            # no wait: the child may still be closing its cache, which is its business, not the window's
            self.task.deleteLater()
            self.task = None
        self._set_busy(False)

    def _on_finished(self, result) -> None:
        self._end_task()
        # two turns of the event loop, so neither keeps the window from repainting for long
        self.result = result
        self.current_pair = None
        self._fill_tables(result)
        QTimer.singleShot(0, lambda: self._finish_showing(result))

    def _finish_showing(self, result) -> None:
        """The families and overview, then the first pair, each in its own turn of the event loop."""
        if self.result is not result:
            return
        self._show_groups(result)
        QTimer.singleShot(0, lambda: self._show_first(result))

    def _show_first(self, result) -> None:
        if self.result is result:
            self._open_first(result)
            # the views of the result live as long as it does: keep the collector from walking them again
            gc.freeze()
            if self.actions.watch.isChecked() and self.watchable() is not None:
                self.desk.start(self.watchable(), result)
            self.scan_finished.emit(result)

    def _on_failed(self, message: str) -> None:
        self._end_task()
        self.status_text.setText("Scan failed")
        box = QMessageBox(QMessageBox.Icon.Warning, "Scan failed", message, parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()

    def _on_cancelled(self) -> None:
        self._end_task()
        self.status_text.setText("Scan cancelled")
        self._enable_actions()
        self.scan_cancelled.emit()

    def _fill_tables(self, result) -> None:
        self.pairs.set_result(result)
        self._apply_list_filters()
        self._show_documents(result)

    def show_result(self, result, tables: bool = True) -> None:
        self.result = result
        if tables:
            self._fill_tables(result)
        self._show_groups(result)
        self._open_first(result)

    def _show_groups(self, result) -> None:
        self.overview.set_result(result)
        self.families.set_result(result)
        self._set_count(self.families, "Families", self.families.set_text_filter(self.filter.text()),
                        len(result.families))
        self.status_text.setText(self._summary(result))

    def _open_first(self, result) -> None:
        self._enable_actions()
        if self.pairs.proxy.rowCount():
            self.pairs.select_row(0)  # the table's first row is the pair that most needs an editor
            self.open_selected.flush()
        else:
            self.current_pair = None
            self.pair_view.show_placeholder(self._no_pair_text(result))
        self._update_title()

    def _summary(self, result) -> str:
        # an outlet's edits only: two versions' differences are the wire's update, never counted as high-risk
        risky = sum(1 for p in result.pairs if p.outlet_high_risk)
        text = (f"{len(result.articles)} articles · {len(result.families)} story families · {len(result.pairs)} "
                f"overlapping pairs · {risky} with an outlet's high-risk edits · {len(result.skipped)} skipped")
        warnings = result.warnings
        cache = [w for w in warnings if "cache" in w.lower()]
        if cache:  # one line, never a dialog per file
            text += f" · {cache[0]}"
        elif warnings:
            text += f" · {len(warnings)} warnings (see Skipped)"
        return text

    # ------------------------------------------------------------ the list drives the view

    def _open_selected(self) -> None:
        index = self.pairs.currentIndex()
        if index.isValid():
            self.open_pair(self.pairs.record_at(index.row()))

    def open_pair(self, index: int) -> None:
        if self.result is None or not 0 <= index < len(self.result.pairs):
            return
        if index != self.current_pair or self.pair_view.pair is None:
            self.actions.swap.setChecked(False)
            self.pair_view.set_pair(self.result, index)
            self.current_pair = index
        self.views.setCurrentWidget(self.pair_view)
        row = self.pairs.row_of(index)
        if row is not None and row != self.pairs.currentIndex().row():
            self.pairs.selectionModel().blockSignals(True)
            self.pairs.select_row(row)
            self.pairs.selectionModel().blockSignals(False)
            self.pairs.viewport().update()
        self._update_title()
        self._enable_actions()
        self.pair_shown.emit(index)

    def _open_documents(self, a: int, b: int) -> None:
        for n, p in enumerate(self.result.pairs):
            if {p.a, p.b} == {a, b}:
                self.open_pair(n)
                return
        # copies of one family joined through a third copy have no pair in the scan: align them off the GUI
        # thread (the family view may already have)
        pair = self.family.pair_for(a, b)
        if pair is not None:
            self._show_aligned(pair)
            return
        self._align(a, b)

    def _align(self, a: int, b: int) -> None:
        """Align two documents off the GUI thread and show them, placed in their family's lineage (the wire's
        update between two versions, a copy against its source)."""
        from app.core.families import set_roles
        from app.core.scan import compare_articles

        result = self.result

        def work():
            pair = compare_articles(result.articles, a, b)
            set_roles([pair], result.families)
            return pair

        self.status_text.setText("Aligning the two copies…")
        self.tasks.run("pair", work, lambda pair: self.result is result and self._show_aligned(pair))

    def open_against_source(self, copy: int) -> None:
        """A copy beside the copy or version it came from (its source on the left), as the lineage says."""
        family = self.result.family_of(copy) if self.result is not None else None
        link = family.source_of(copy) if family is not None else None
        if link is None or link.source is None:
            self.status_text.setText("The first version: it came from nothing in the folder")
            return
        for n, p in enumerate(self.result.pairs):
            if {p.a, p.b} == {link.source, copy}:
                self.open_pair(n)
                swapped = p.a != link.source  # the source on the left, as the tree reads
                self.actions.swap.setChecked(swapped)
                self.pair_view.set_swapped(swapped)
                return
        self._align(link.source, copy)

    def _show_aligned(self, pair) -> None:
        """A pair the scan did not list, in the pair view (the lists keep the scan's own pairs)."""
        alone = self.result.with_pair(pair)
        self.actions.swap.setChecked(False)
        self.pair_view.set_pair(alone, 0)
        self.current_pair = None
        self.views.setCurrentWidget(self.pair_view)
        self.status_text.setText(triage.figures(pair).summary())

    def step_pair(self, step: int) -> None:
        """Next/Previous Pair follow the pairs list as sorted and filtered."""
        rows = self.pairs.proxy.rowCount()
        if self.result is None or not rows:
            return
        row = self.pairs.row_of(self.current_pair) if self.current_pair is not None else None
        row = 0 if row is None else (row + step) % rows
        self.pairs.select_row(row)
        self.open_selected.flush()

    def show_family(self, doc: int) -> None:
        if self.result is not None:
            self.family.show_family(self.result, doc)
            self.views.setCurrentWidget(self.family)
            self.statusBar().clearMessage()  # the pair view's "change 3 of 17" says nothing about the family

    def _filter(self, text: str) -> None:
        for t in (self.pairs, self.documents):
            t.proxy.set_text(text)
        if self.result is not None:
            self._set_count(self.families, "Families", self.families.set_text_filter(text), len(self.result.families))
        self._show_some_pair()

    def _hide_identical(self, hide: bool) -> None:
        opts.put(opts.HIDE_IDENTICAL, hide)
        self._apply_list_filters()
        self._show_some_pair()

    def _apply_list_filters(self) -> None:
        """Identical copies folded or not, the relations and languages chosen in Preferences."""
        self.pairs.set_filters(self.hide_identical.isChecked(), set(opts.get(opts.RELATIONS)),
                               set(opts.get(opts.LANGUAGES)))

    def toggle_flags(self, checked: bool) -> None:
        opts.put(opts.HIDE_FLAGGED, checked)
        self.pair_view.set_hide_flagged(checked)

    # ------------------------------------------------------------ drag and drop

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
            self.drop_hint.setGeometry(self.rect())
            self.drop_hint.raise_()
            self.drop_hint.show()

    def dragLeaveEvent(self, _event) -> None:
        self.drop_hint.hide()

    def dropEvent(self, event) -> None:
        self.drop_hint.hide()
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.open_paths(paths)

    # ------------------------------------------------------------ layout persistence

    def _restore(self) -> None:
        geometry, splitter = opts.get(opts.GEOMETRY), opts.get(opts.SPLITTER)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        self.resize(opts.get(opts.SIZE))  # the size alone, for platforms that ignore saved geometry
        self.fit_screen()
        self._split_pending = splitter.isEmpty() or not self.splitter.restoreState(splitter)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._split_pending:  # at the size the window is shown at, which the platform may have changed
            self._split_pending = False
            self.splitter.setSizes(self.default_split(self.splitter.width() or self.width()))

    def default_split(self, width: int) -> list[int]:
        """The lists wide enough for every figure and LIST_TITLE_CHARS of each side's site and headline, never more
        than LIST_SHARE of the window; the pair view has the rest."""
        fits = self.pairs.widths.fits
        need = (sum(fits[2:]) + 2 * LIST_TITLE_CHARS * self.pairs.fontMetrics().averageCharWidth()
                + self.pairs.verticalScrollBar().sizeHint().width() + 2 * self.pairs.frameWidth() + 4)
        left = min(need, int(width * LIST_SHARE))
        return [left, width - left - self.splitter.handleWidth()]

    def fit_screen(self) -> None:
        """Never larger than the screen's available area (a smaller screen than last time, say)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        room = screen.availableGeometry()
        width, height = min(self.width(), room.width()), min(self.height(), room.height())
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        if not room.contains(self.frameGeometry()):
            self.move(max(room.left(), min(self.x(), room.right() - width)),
                      max(room.top(), min(self.y(), room.bottom() - height)))

    def save_layout(self) -> None:
        opts.put(opts.GEOMETRY, self.saveGeometry())
        opts.put(opts.SIZE, self.size())
        opts.put(opts.SPLITTER, self.splitter.saveState())
        for table in (self.pairs, self.documents, self.families, self.family, self.family.lineage):
            table.widths.flush()

    def closeEvent(self, event) -> None:
        self.desk.stop()
        if self.task is not None:
            self.task.cancel()
            self.task.wait(5000)
        self.save_layout()
        super().closeEvent(event)
