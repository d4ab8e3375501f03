"""The window's actions: menus, toolbar and shortcuts, declared in one place and wired to the window's slots."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QStyle

from app.gui import settings as opts


@dataclass
class Actions:
    """The actions other code enables, checks or triggers by name."""

    open_folder: QAction
    rescan: QAction
    exports: list[QAction]  # need a scan result
    pair_exports: list[QAction]  # need a pair shown
    hide_flags: QAction
    swap: QAction
    next_pair: QAction
    previous_pair: QAction
    preferences: QAction
    watch: QAction  # the open folder is watched: new, changed and removed files are shown as they land
    next_high: QAction
    previous_high: QAction


def _action(window, menu, text, slot, shortcut=None, checkable=False, icon=None) -> QAction:
    """An action in `menu`; `shortcut` may be a list, every key of which the menu entry shows (Qt's menus show
    only the first unless told)."""
    act = QAction(text, window, checkable=checkable)
    if isinstance(shortcut, list):
        keys = [QKeySequence(k) for k in shortcut]
        act.setShortcuts(keys)
        shown = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
        act.setText(f"{text}\t{shown}")
        act.setIconText(text.replace("&", ""))
    elif shortcut:
        act.setShortcut(QKeySequence(shortcut))
    if icon is not None:
        act.setIcon(window.style().standardIcon(icon))
    act.triggered.connect(slot)
    menu.addAction(act)
    return act


def build(window) -> Actions:
    """Menus and toolbar of `window` (a MainWindow); returns the actions it needs to reach later."""
    bar = window.menuBar()
    ex = window.exports
    sp = QStyle.StandardPixmap
    m = bar.addMenu("&File")
    open_folder = _action(window, m, "Open &Folder…", window.choose_folder, QKeySequence.StandardKey.Open,
                          icon=sp.SP_DirOpenIcon)
    _action(window, m, "Open Fi&les…", window.choose_files, "Ctrl+Shift+O")
    window.recent_menu = m.addMenu("Open &Recent")
    rescan = _action(window, m, "&Rescan", window.rescan, "F5", icon=sp.SP_BrowserReload)
    rescan.setToolTip("Scan the same folders again: only files that changed are read and aligned anew")
    _action(window, m, "&Watch Folder…", window.choose_watch_folder, "Ctrl+Shift+W")
    watch = _action(window, m, "Watc&h for New Files", window.set_watching, checkable=True, icon=sp.SP_MediaPlay)
    watch.setToolTip("Follow the open folder: files that land, change or go are added, read again or removed in "
                     "place, without a rescan (one folder at a time)")
    m.addSeparator()
    exports = [
        _action(window, m, "Export Scan as &HTML…", lambda: ex.export("html"), icon=sp.SP_DialogSaveButton),
        _action(window, m, "Export Scan as &CSV…", lambda: ex.export("csv")),
        _action(window, m, "Export Scan as &JSON…", lambda: ex.export("json")),
    ]
    pair_exports = [
        _action(window, m, "Export Pair as HTML…", lambda: ex.export("html", pair_only=True)),
        _action(window, m, "Save Pair as &PDF…", lambda: ex.save_pdf()),
        _action(window, m, "&Print Pair…", ex.print_pair, QKeySequence.StandardKey.Print),
    ]
    m.addSeparator()
    preferences = _action(window, m, "Pr&eferences…", window.show_preferences, QKeySequence.StandardKey.Preferences)
    m.addSeparator()
    _action(window, m, "&Quit", window.close, QKeySequence.StandardKey.Quit)

    v = bar.addMenu("&View")
    hide_flags = _action(window, v, "&Hide Flagged Text", window.toggle_flags, "Ctrl+H", checkable=True)
    hide_flags.setChecked(opts.get(opts.HIDE_FLAGGED))
    v.addAction(window.pair_view.include_minor)  # Next/Previous Change also stop at flagged and typography rows
    swap = _action(window, v, "&Swap Sides", lambda c: window.pair_view.set_swapped(c), "Ctrl+Shift+S",
                   checkable=True)
    _action(window, v, "&Find…", window.pair_view.show_find, QKeySequence.StandardKey.Find)
    _action(window, v, "Find &Next", window.pair_view.find_next, QKeySequence.StandardKey.FindNext)
    _action(window, v, "Find Pre&vious", window.pair_view.find_previous, QKeySequence.StandardKey.FindPrevious)

    g = bar.addMenu("&Go")
    pv = window.pair_view
    _action(window, g, "&Next Change", lambda: pv.next_change(True), "Alt+Down", icon=sp.SP_ArrowDown)
    _action(window, g, "&Previous Change", lambda: pv.next_change(False), "Alt+Up", icon=sp.SP_ArrowUp)
    # F8 too: Alt+Shift is the layout switch on many X11 desktops, which then never passes the arrow on; F8 is
    # no standard key of Qt's and no desktop's (an editor's "next problem")
    next_high = _action(window, g, "Next &High-Risk Change", lambda: pv.next_change(True, True),
                        ["Alt+Shift+Down", "F8"])
    previous_high = _action(window, g, "Previous High-Risk Change", lambda: pv.next_change(False, True),
                            ["Alt+Shift+Up", "Shift+F8"])
    g.addSeparator()
    next_pair = _action(window, g, "Next &Pair", lambda: window.step_pair(1), "Ctrl+PgDown",
                        icon=sp.SP_MediaSkipForward)
    previous_pair = _action(window, g, "Previous Pair", lambda: window.step_pair(-1), "Ctrl+PgUp",
                            icon=sp.SP_MediaSkipBackward)

    h = bar.addMenu("&Help")
    _action(window, h, "&About Wiretrace", window.about)

    tools = window.addToolBar("Main")
    tools.setObjectName("main-toolbar")
    tools.setMovable(False)
    for act in (open_folder, rescan, watch, None, previous_pair, next_pair, None, hide_flags, swap, None, exports[0],
                pair_exports[1]):
        if act is None:
            tools.addSeparator()
        else:
            tools.addAction(act)
    return Actions(open_folder, rescan, exports, pair_exports, hide_flags, swap, next_pair, previous_pair,
                   preferences, watch, next_high, previous_high)
