"""Column widths of a list: headers fit their text, title columns share the room, widths the user drags are kept."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QStyleOptionHeader

from app.gui import settings as opts

#: A title column never gets narrower than this many average characters while it fills the room.
MIN_TITLE_CHARS = 12


def header_width(header: QHeaderView, text: str) -> int:
    """The width a section needs to show every line of `text` whole beside a sort indicator, as the style draws
    it (Fusion puts the arrow beside the label, other styles elsewhere: the style is asked, not assumed)."""
    fm = header.fontMetrics()
    lines = text.split("\n")
    probe = QStyleOptionHeader()
    probe.rect = QRect(0, 0, 400, fm.height() * len(lines) + 8)
    probe.state = QStyle.StateFlag.State_Horizontal
    probe.orientation = Qt.Orientation.Horizontal
    probe.fontMetrics = fm
    probe.text = text
    probe.sortIndicator = QStyleOptionHeader.SortIndicator.SortDown
    label = header.style().subElementRect(QStyle.SubElement.SE_HeaderLabel, probe, header)
    return max(fm.horizontalAdvance(line) for line in lines) + probe.rect.width() - label.width() + 4


class ColumnWidths(QObject):
    """Every section is interactive. Until the user drags a column, it has its fitted width; the title columns
    (`flexible`) share what the others leave of the view's width. A dragged width is the user's: stored under
    `option` in the settings and used from then on ("" in the stored list means "fitted")."""

    def __init__(self, view: QAbstractItemView, header: QHeaderView, option: opts.Option,
                 flexible: Sequence[int]):
        super().__init__(view)
        self.view, self.header, self.option = view, header, option
        self.flexible = tuple(flexible)
        self.fits: list[int] = []
        stored = opts.get(option)
        self.user: dict[int, int] = {c: int(w) for c, w in enumerate(stored) if str(w).isdigit()}
        self._setting = False
        self._save = QTimer(self, singleShot=True, interval=400)  # a drag sends a resize per pixel
        self._save.timeout.connect(self.save)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.sectionResized.connect(self._resized)
        view.viewport().installEventFilter(self)

    def set_fits(self, fits: Sequence[int]) -> None:
        """Each column's fitted width (a title column's is its least), then lay them out."""
        self.fits = list(fits)
        self.fit()

    def fit(self) -> None:
        """Fitted and user widths, the free room shared by the title columns the user has not dragged."""
        if not self.fits:
            return
        n = min(len(self.fits), self.header.count())
        widths = [self.user.get(c, self.fits[c]) for c in range(n)]
        free = [c for c in self.flexible if c < n and c not in self.user]
        if free:
            least = max(self.view.fontMetrics().averageCharWidth() * MIN_TITLE_CHARS, *(self.fits[c] for c in free))
            room = self.view.viewport().width() - sum(w for c, w in enumerate(widths) if c not in free)
            share = max(least, room // len(free))
            for c in free:
                widths[c] = share
        self._setting = True
        try:
            for c, w in enumerate(widths):
                if self.header.sectionSize(c) != w:
                    self.header.resizeSection(c, w)
        finally:
            self._setting = False

    def _resized(self, column: int, _old: int, new: int) -> None:
        if self._setting:
            return
        self.user[column] = new
        self._save.start()
        self.fit()  # the other title columns take up the difference

    def flush(self) -> None:
        """Store a drag not yet stored (the window is closing)."""
        if self._save.isActive():
            self._save.stop()
            self.save()

    def save(self) -> None:
        n = self.header.count()
        opts.put(self.option, [str(self.user[c]) if c in self.user else "" for c in range(n)])

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False
