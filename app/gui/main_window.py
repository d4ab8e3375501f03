"""The main window: drop articles anywhere, watch the scan, browse families and pairs, read any two copies."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.gui import settings as opts
from app.gui.family import FamilyView
from app.gui.lists.tables import FamilyTree, Table, document_columns, pair_columns
from app.gui.overview import OverviewMap
from app.gui.pair import PairView


class DropHint(QLabel):
    """Shown over the window while files are dragged onto it."""

    def __init__(self, parent):
        super().__init__("Drop folders or articles to scan them", parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet("QLabel { background: rgba(61,126,255,60); border: 3px dashed #3d7eff; "
                           "font-size: 22px; font-weight: bold; }")
        self.hide()


class MainWindow(QMainWindow):
    scan_finished = Signal(object)
    scan_cancelled = Signal()

    def __init__(self):
        super().__init__()
        self.setWindowTitle("Wiretrace")
        self.setAcceptDrops(True)
        self.result = None
        self.task = None
        self.paths: list[str] = []

        self.filter = QLineEdit(placeholderText="Filter documents and pairs…")
        self.filter.setClearButtonEnabled(True)
        self.pairs = Table(pair_columns(None))
        self.documents = Table(document_columns(None))
        self.families = FamilyTree()
        self.overview = OverviewMap()
        self.skipped = QListWidget()
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
        lbox.addWidget(self.filter)
        lbox.addWidget(self.tabs)

        self.pair_view = PairView()
        self.family = FamilyView()
        self.views = QTabWidget()
        self.views.addTab(self.pair_view, "Pair")
        self.views.addTab(self.family, "Family")
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
        self.status_text = QLabel("Ready")
        self.statusBar().addWidget(self.status_text, 1)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)
        self._set_busy(False)

        self.filter.textChanged.connect(self._filter)
        self.pairs.activated_row.connect(self.open_pair)
        self.pairs.clicked.connect(lambda idx: self.open_pair(self.pairs.source_row(idx)))
        self.documents.activated_row.connect(self.show_family)
        self.families.open_document.connect(self.show_family)
        self.overview.open_documents.connect(self._open_documents)
        self.overview.open_family.connect(self.show_family)
        self.family.open_pair.connect(self._open_documents)
        self._build_menus()
        self._restore()

    # ------------------------------------------------------------ menus

    def _action(self, menu, text, slot, shortcut=None, checkable=False) -> QAction:
        act = QAction(text, self, checkable=checkable)
        if shortcut:
            act.setShortcut(QKeySequence(shortcut))
        act.triggered.connect(slot)
        menu.addAction(act)
        return act

    def _build_menus(self) -> None:
        bar = self.menuBar()
        m = bar.addMenu("&File")
        self._action(m, "Open &Folder…", self.choose_folder, QKeySequence.StandardKey.Open)
        self._action(m, "Open Fi&les…", self.choose_files, "Ctrl+Shift+O")
        self.recent_menu = m.addMenu("Open &Recent")
        m.addSeparator()
        self._action(m, "Export Scan as &HTML…", lambda: self.export("html"))
        self._action(m, "Export Scan as &CSV…", lambda: self.export("csv"))
        self._action(m, "Export Scan as &JSON…", lambda: self.export("json"))
        self._action(m, "Export Pair as HTML…", lambda: self.export("html", pair_only=True))
        self._action(m, "Save Pair as &PDF…", self.save_pdf)
        self._action(m, "&Print Pair…", self.print_pair, QKeySequence.StandardKey.Print)
        m.addSeparator()
        self._action(m, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        v = bar.addMenu("&View")
        self.hide_flags = self._action(v, "&Hide Flagged Text", self._toggle_flags, "Ctrl+H", checkable=True)
        self.hide_flags.setChecked(opts.get(opts.HIDE_FLAGGED))
        self.pair_view.set_hide_flagged(self.hide_flags.isChecked())
        self.swap = self._action(v, "&Swap Sides", lambda c: self.pair_view.set_swapped(c), "Ctrl+Shift+S",
                                 checkable=True)
        self._action(v, "&Find…", self.pair_view.show_find, QKeySequence.StandardKey.Find)
        self._action(v, "Find &Next", self.pair_view.find_next, QKeySequence.StandardKey.FindNext)
        g = bar.addMenu("&Go")
        self._action(g, "&Next Change", lambda: self.pair_view.next_change(True), "Alt+Down")
        self._action(g, "&Previous Change", lambda: self.pair_view.next_change(False), "Alt+Up")
        self._action(g, "Next &High-Risk Change", lambda: self.pair_view.next_change(True, True), "Alt+Shift+Down")
        self._action(g, "Previous High-Risk Change", lambda: self.pair_view.next_change(False, True),
                     "Alt+Shift+Up")
        self._action(g, "Next &Pair", lambda: self._step_pair(1), "Ctrl+PgDown")
        self._action(g, "Previous Pair", lambda: self._step_pair(-1), "Ctrl+PgUp")
        h = bar.addMenu("&Help")
        self._action(h, "&About Wiretrace", self.about)
        self._fill_recent()

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
                          f"Settings: {opts.settings_path()}</p>")

    # ------------------------------------------------------------ opening and scanning

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Open a folder of articles")
        if folder:
            self.open_paths([folder])

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "Open articles", "", "Articles (*.txt *.md *.html *.htm);;All (*)")
        if files:
            self.open_paths(files)

    def open_paths(self, paths: list[str]) -> None:
        from app.core.settings import Settings  # light: the engine itself is imported on the worker thread

        if self.task is not None:
            self.cancel_scan()
        self.paths = [str(Path(p)) for p in paths]
        for p in self.paths:
            if os.path.isdir(p):
                opts.add_recent(os.path.abspath(p))
        self._fill_recent()
        settings = Settings(min_overlap=opts.get(opts.MIN_OVERLAP), use_cache=opts.get(opts.USE_CACHE))
        from app.gui.tasks import ScanTask

        self.task = ScanTask(self.paths, settings, self)
        w = self.task.worker
        w.progress.connect(self._on_progress)
        w.partial.connect(self._on_partial)
        w.finished.connect(self._on_finished)
        w.failed.connect(self._on_failed)
        w.cancelled.connect(self._on_cancelled)
        self._set_busy(True)
        self.status_text.setText("Scanning " + ", ".join(os.path.basename(p) or p for p in self.paths) + "…")
        self.task.start()

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
        self.status_text.setText(message)

    def _on_partial(self, partial) -> None:
        """The documents and skipped files as soon as they are read; the pairs follow when aligned."""
        self._show_documents(partial)

    def _show_documents(self, result) -> None:
        self.documents.model_.columns = document_columns(result)
        self.documents.set_records(list(range(len(result.articles))))
        self._set_count(self.documents, "Documents", len(result.articles))
        self.skipped.clear()
        for s in result.skipped:
            self.skipped.addItem(f"{s.path}: {s.reason}")
        self._set_count(self.skipped, "Skipped", len(result.skipped))

    def _set_count(self, tab, name: str, count: int) -> None:
        self.tabs.setTabText(self.tabs.indexOf(tab), f"{name} ({count})")

    def _end_task(self) -> None:
        if self.task is not None:
            self.task.wait()
            self.task.deleteLater()
            self.task = None
        self._set_busy(False)

    def _on_finished(self, result) -> None:
        self._end_task()
        # two turns of the event loop, so neither keeps the window from repainting for long
        self.result = result
        self._fill_tables(result)
        QTimer.singleShot(0, lambda: self._finish_showing(result))

    def _finish_showing(self, result) -> None:
        if self.result is result:
            self.show_result(result, tables=False)
            self.scan_finished.emit(result)

    def _on_failed(self, message: str) -> None:
        self._end_task()
        self.status_text.setText("Scan failed")
        QMessageBox.warning(self, "Scan failed", message)

    def _on_cancelled(self) -> None:
        self._end_task()
        self.status_text.setText("Scan cancelled")
        self.scan_cancelled.emit()

    def _fill_tables(self, result) -> None:
        self.pairs.model_.columns = pair_columns(result)
        self.pairs.set_records(result.pairs)
        self._set_count(self.pairs, "Pairs", len(result.pairs))
        self._show_documents(result)

    def show_result(self, result, tables: bool = True) -> None:
        self.result = result
        if tables:
            self._fill_tables(result)
        self.overview.set_result(result)
        self.families.set_result(result)
        self._set_count(self.families, "Families", len(result.families))
        self.status_text.setText(
            f"{len(result.articles)} articles · {len(result.families)} story families · {len(result.pairs)} "
            f"overlapping pairs · {len(result.skipped)} skipped")
        if result.pairs:
            self.open_pair(0)

    def open_pair(self, index: int) -> None:
        if self.result is None or not 0 <= index < len(self.result.pairs):
            return
        self.swap.setChecked(False)
        self.pair_view.set_pair(self.result, index)
        self.views.setCurrentWidget(self.pair_view)
        self._current_pair = index

    def _open_documents(self, a: int, b: int) -> None:
        for n, p in enumerate(self.result.pairs):
            if {p.a, p.b} == {a, b}:
                self.open_pair(n)
                return
        self.status_text.setText("These two copies share too little to be listed as a pair.")

    def _step_pair(self, step: int) -> None:
        if self.result and self.result.pairs:
            self.open_pair((getattr(self, "_current_pair", 0) + step) % len(self.result.pairs))

    def show_family(self, doc: int) -> None:
        if self.result is not None:
            self.family.show_family(self.result, doc)
            self.views.setCurrentWidget(self.family)

    def _filter(self, text: str) -> None:
        for t in (self.pairs, self.documents):
            t.proxy.setFilterFixedString(text)

    def _toggle_flags(self, checked: bool) -> None:
        opts.put(opts.HIDE_FLAGGED, checked)
        self.pair_view.set_hide_flagged(checked)

    # ------------------------------------------------------------ reports

    def export(self, kind: str, pair_only: bool = False) -> None:
        if self.result is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, "Export", f"wiretrace.{kind}", f"{kind.upper()} (*.{kind})")
        if path:
            self.write_report(path, kind, pair_only)

    def _pair_result(self):
        from app.core.records import ScanResult

        p = self.pair_view.pair
        one = ScanResult(self.result.settings, self.result.articles, [], [p],
                         [f for f in self.result.families if p.a in f.members and p.b in f.members])
        return one

    def write_report(self, path: str, kind: str, pair_only: bool = False) -> None:
        from app.core import report

        result = self._pair_result() if pair_only and self.pair_view.pair else self.result
        writer = {"html": report.write_html, "csv": report.write_csv, "json": report.write_json}[kind]
        with open(path, "w", encoding="utf-8", newline="") as fh:
            writer(result, fh)
        self.status_text.setText(f"Saved {path}")

    def _pair_document(self):
        import io

        from PySide6.QtGui import QTextDocument

        from app.core import report

        out = io.StringIO()
        report.write_html(self._pair_result(), out)
        doc = QTextDocument()
        doc.setHtml(out.getvalue())
        return doc

    def save_pdf(self, path: str | None = None) -> None:
        if self.pair_view.pair is None:
            return
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, "Save pair as PDF", "pair.pdf", "PDF (*.pdf)")
        if path:
            from PySide6.QtGui import QPageLayout, QPdfWriter

            writer = QPdfWriter(path)
            writer.setPageOrientation(QPageLayout.Orientation.Landscape)
            self._pair_document().print_(writer)
            self.status_text.setText(f"Saved {path}")

    def print_pair(self) -> None:
        if self.pair_view.pair is None:
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        if QPrintDialog(printer, self).exec():
            self._pair_document().print_(printer)

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
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        else:
            self.splitter.setSizes([420, 980])

    def save_layout(self) -> None:
        opts.put(opts.GEOMETRY, self.saveGeometry())
        opts.put(opts.SIZE, self.size())
        opts.put(opts.SPLITTER, self.splitter.saveState())

    def closeEvent(self, event) -> None:
        if self.task is not None:
            self.task.cancel()
            self.task.wait(5000)
        self.save_layout()
        super().closeEvent(event)
