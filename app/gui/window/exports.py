"""Exports the window offers: the scan as HTML, CSV or JSON, one pair as HTML or PDF, and printing a pair.

The writing happens off the GUI thread through the task helper; the window only asks for a path (in the last
export folder, with a name from what is exported: see `dialogs`) and says where the file went (or why it could
not be written).
"""

from __future__ import annotations

import os

from PySide6.QtCore import QObject

from app.gui.window import dialogs


def write_report(result, path: str, kind: str) -> str:
    """Write `result` as `kind` to `path` (on a worker thread); returns the path written."""
    from app.core import report

    writer = {"html": report.write_html, "csv": report.write_csv, "json": report.write_json}[kind]
    with open(path, "wb") as fh:  # the writers stream bytes, item by item
        writer(result, fh)
    return path


def write_pdf(result, path: str) -> str:
    """The pair (the only pair of `result`) as a PDF with Qt's printing: safe off the GUI thread, no widgets."""
    from app.core.pair_model import PairModel
    from app.gui.pdf import write_pair_pdf

    write_pair_pdf(PairModel.of(result), path)
    return path


class Exports(QObject):
    """The window's exports: asks where, writes through the task helper, reports in the status bar."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.dialog = None  # the save dialog open now, if any (window-modal: the window stays drawn behind it)

    def _say(self, text: str) -> None:
        self.window.status_text.setText(text)

    def _failed(self, err: BaseException) -> None:
        self._say(f"Could not save: {err}")

    def _saved(self, path: str) -> None:
        dialogs.remember_export(path)
        self._say(f"Saved {path}")

    def _ask(self, title: str, name: str, kind: str, then) -> None:
        self.dialog = dialogs.save_dialog(self.window, title, name, kind)
        self.dialog.fileSelected.connect(then)
        self.dialog.open()

    def _pair(self):
        w = self.window
        return w.result.with_pair(w.pair_view.pair) if w.result is not None and w.pair_view.pair else None

    def export(self, kind: str, pair_only: bool = False) -> None:
        if self.window.result is None or (pair_only and self._pair() is None):
            return
        w = self.window
        if pair_only:
            name, title = dialogs.pair_name(w.result, w.pair_view.pair, kind), f"Export Pair as {kind.upper()}"
        else:
            name, title = dialogs.scan_name(w.paths, kind), f"Export Scan as {kind.upper()}"
        self._ask(title, name, kind, lambda path: self.write(path, kind, pair_only))

    def write(self, path: str, kind: str, pair_only: bool = False) -> int:
        result = self._pair() if pair_only else self.window.result
        self._say(f"Saving {os.path.basename(path)}…")
        return self.window.tasks.run("export", lambda: write_report(result, path, kind), self._saved, self._failed)

    def save_pdf(self, path: str | None = None) -> int | None:
        one = self._pair()
        if one is None:
            return None
        if not path:
            self._ask("Save Pair as PDF", dialogs.pair_name(self.window.result, self.window.pair_view.pair, "pdf"), "pdf",
                      self.save_pdf)
            return None
        self._say(f"Saving {os.path.basename(path)}…")
        return self.window.tasks.run("export", lambda: write_pdf(one, path), self._saved, self._failed)

    def print_pair(self) -> None:
        one = self._pair()
        if one is None:
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        if not QPrintDialog(printer, self.window).exec():
            return
        self._say("Preparing the pair for printing…")
        from app.core.pair_model import PairModel
        from app.gui.pdf import paint_pair

        self.window.tasks.run("print", lambda: paint_pair(PairModel.of(one), printer), lambda _: self._say("Sent to the printer"),
                              self._failed)
