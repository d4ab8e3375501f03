"""Where the open and save dialogs start and the file names they suggest: the last folder used, a name from the content."""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from app.gui import settings as opts
from app.gui.lists.pairs import site

#: Characters no file name may hold on one system or another, and runs of white space.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
#: Suggested names are cut here (before the extension): long enough for a headline, short for every system.
NAME_MAX = 90


def first_folder() -> str:
    """Where a dialog starts the first time: the user's Documents, else home; never the working folder."""
    from platformdirs import user_documents_dir

    documents = user_documents_dir()
    return documents if os.path.isdir(documents) else str(Path.home())


def _existing(path: str) -> str | None:
    """The nearest folder of `path` that still exists (a folder can be moved or unmounted between runs)."""
    here = Path(path)
    while not here.is_dir():
        if here.parent == here:
            return None
        here = here.parent
    return str(here)


def last_opened() -> str | None:
    """The folder the last opened articles were in (or that was opened)."""
    paths = opts.get(opts.LAST_PATHS)
    if not paths:
        return None
    last = Path(paths[0])
    return _existing(str(last if last.is_dir() else last.parent))


def export_folder() -> str:
    """The folder of the last export, remembered across runs; the first time, Documents or home."""
    saved = opts.get(opts.EXPORT_DIR)
    return (_existing(saved) if saved else None) or first_folder()


def remember_export(path: str) -> None:
    opts.put(opts.EXPORT_DIR, os.path.dirname(os.path.abspath(path)))


def file_name(text: str, ext: str) -> str:
    """`text` as a file name on every system: unsafe characters out, white space single, cut at a word."""
    name = " ".join(_UNSAFE.sub(" ", text).split()).strip(". ")
    if len(name) > NAME_MAX:
        name = name[:NAME_MAX].rsplit(" ", 1)[0].rstrip(" .,;-")
    return f"{name or 'wiretrace'}.{ext}"


def pair_name(result, pair, ext: str) -> str:
    """A pair's file: both sites and the headline ("sfgate.com vs cnn.com - Spotify reverses...")."""
    a, b = result.articles[pair.a], result.articles[pair.b]
    sites = " vs ".join(dict.fromkeys(site(x.id) or os.path.splitext(os.path.basename(x.id))[0] for x in (a, b)))
    headline = a.title or b.title
    return file_name(f"{sites} - {headline}" if headline else sites, ext)


def scan_name(paths: list[str], ext: str, today: datetime.date | None = None) -> str:
    """A scan report's file: the folder's name and the day ("desk 2026-12-05")."""
    names = [os.path.basename(p.rstrip(os.sep)) or p for p in paths] or ["wiretrace"]
    what = names[0] if len(names) == 1 else f"{names[0]} and {len(names) - 1} more"
    return file_name(f"{what} {(today or datetime.date.today()).isoformat()}", ext)


def save_dialog(parent, title: str, name: str, kind: str) -> QFileDialog:
    """A save dialog in the last export folder with `name` filled in; the caller opens it."""
    dialog = QFileDialog(parent, title, export_folder(), f"{kind.upper()} (*.{kind})")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setDefaultSuffix(kind)
    dialog.selectFile(name)
    return dialog


def open_dialog(parent, title: str, folders: bool) -> QFileDialog:
    """An open dialog at the last opened folder: for a folder, beside it and selected (the next day's folder is
    its neighbour); for files, inside it."""
    last = last_opened()
    start = (str(Path(last).parent) if folders else last) if last else first_folder()
    dialog = QFileDialog(parent, title, start)
    if folders:
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly)
        if last:
            dialog.selectFile(os.path.basename(last))
    else:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setNameFilters(["Articles (*.txt *.md *.html *.htm)", "All (*)"])
    return dialog
