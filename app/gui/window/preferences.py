"""The Preferences dialog: every option that used to live only in the INI file, with its meaning beside it."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.settings import CACHE_FILE, default_cache_folder
from app.core.styling import Role
from app.gui import settings as opts
from app.gui.style import qcolour

RELATIONS = (("copy", "Copies (the same report)"),
             ("version", "Versions (another version of the report: the wire's update)"),
             ("partial", "Partial (borrows a block)"), ("quotes", "Quotes (only quotes the same people)"))


def cache_folder() -> Path:
    """Where the analysis cache lives: the folder chosen in Preferences, else the platform's cache folder."""
    chosen = opts.get(opts.CACHE_DIR)
    if chosen:
        return Path(chosen)
    return default_cache_folder()


def cache_file() -> Path:
    return cache_folder() / CACHE_FILE


def clear_cache() -> int:
    """Delete the cache database (and SQLite's side files); returns the bytes freed. Only our own file names."""
    freed = 0
    for suffix in ("", "-wal", "-shm", "-journal"):
        path = cache_folder() / (CACHE_FILE + suffix)
        if path.is_file() and not path.is_symlink():
            freed += path.stat().st_size
            path.unlink()
    return freed


def parse_languages(text: str) -> list[str] | None:
    """'en, fr de' -> ['en', 'fr', 'de']; None when a code is not two or three letters."""
    codes = [c.lower() for c in re.split(r"[\s,;]+", text.strip()) if c]
    return codes if all(re.fullmatch(r"[a-z]{2,3}", c) for c in codes) else None


class PreferencesDialog(QDialog):
    """Reads every option when opened, writes them all on OK; Cancel changes nothing."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Wiretrace Preferences")
        form = QFormLayout()

        self.threshold = QSpinBox()
        self.threshold.setRange(5, 95)
        self.threshold.setSingleStep(5)
        self.threshold.setSuffix(" %")
        self.threshold.setValue(round(opts.get(opts.MIN_OVERLAP) * 100))
        self.threshold.setToolTip("List a pair when at least this share of the smaller article is found in the "
                                  "other. Lower finds looser borrowing; takes effect at the next scan (F5).")
        form.addRow("Overlap threshold:", self.threshold)

        shown = set(opts.get(opts.RELATIONS))
        self.relations: dict[str, QCheckBox] = {}
        box = QWidget()
        rows = QVBoxLayout(box)
        rows.setContentsMargins(0, 0, 0, 0)
        for key, text in RELATIONS:
            check = QCheckBox(text)
            check.setChecked(key in shown)
            check.toggled.connect(self._validate)
            rows.addWidget(check)
            self.relations[key] = check
        form.addRow("Relations listed:", box)

        self.languages = QLineEdit(", ".join(opts.get(opts.LANGUAGES)))
        self.languages.setPlaceholderText("every language")
        self.languages.setToolTip("ISO 639-1 codes, such as 'en, de': list only pairs where a side is written in "
                                  "one of them. Empty lists every language.")
        self.languages.textChanged.connect(self._validate)
        form.addRow("Languages:", self.languages)

        self.use_cache = QCheckBox("Keep an analysis cache, so a rescan reads only files that changed")
        self.use_cache.setChecked(opts.get(opts.USE_CACHE))
        form.addRow("Cache:", self.use_cache)
        self.cache_dir = QLineEdit(opts.get(opts.CACHE_DIR))
        self.cache_dir.setPlaceholderText(str(cache_folder()) if not opts.get(opts.CACHE_DIR) else "")
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._choose_cache_dir)
        self.clear_button = QPushButton("Clear Cache")
        self.clear_button.setToolTip("Delete the cached analysis; the next scan reads every file again")
        self.clear_button.clicked.connect(self._clear_cache)
        where = QHBoxLayout()
        where.addWidget(self.cache_dir, 1)
        where.addWidget(browse)
        where.addWidget(self.clear_button)
        form.addRow("Cache location:", where)

        self.reopen = QCheckBox("Scan the folders opened last when Wiretrace starts")
        self.reopen.setChecked(opts.get(opts.REOPEN))
        form.addRow("At start:", self.reopen)

        self.problem = QLabel()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet(f"color: {qcolour(Role.HIGH_RISK).name()}")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def _validate(self) -> bool:
        problem = ""
        if not any(c.isChecked() for c in self.relations.values()):
            problem = "List at least one relation."
        elif parse_languages(self.languages.text()) is None:
            problem = "Languages are two- or three-letter codes, such as 'en, de'."
        self.problem.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)
        return not problem

    def _choose_cache_dir(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Folder for the analysis cache", str(cache_folder()))
        if folder:
            self.cache_dir.setText(folder)

    def _clear_cache(self) -> None:
        try:
            freed = clear_cache()
        except OSError as err:
            QMessageBox.warning(self, "Clear Cache", f"Could not delete the cache: {err}")
            return
        self.clear_button.setText(f"Cleared ({freed / 1e6:.1f} MB)")

    def accept(self) -> None:
        if not self._validate():
            return
        opts.put(opts.MIN_OVERLAP, self.threshold.value() / 100)
        opts.put(opts.RELATIONS, [k for k, c in self.relations.items() if c.isChecked()])
        opts.put(opts.LANGUAGES, parse_languages(self.languages.text()))
        opts.put(opts.USE_CACHE, self.use_cache.isChecked())
        opts.put(opts.CACHE_DIR, self.cache_dir.text().strip())
        opts.put(opts.REOPEN, self.reopen.isChecked())
        super().accept()
