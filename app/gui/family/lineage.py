"""The family's lineage as a tree: the first version, the wire's updates, outlets' copies and copies of copies."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem

from app.core.lineage import lineage_tree
from app.core.records import Link
from app.core.styling import MARKS, Role
from app.core.triage import ADDED, CHANGED, DROPPED, HIGH_RISK, KEPT, Figures
from app.gui import settings as opts
from app.gui.lists.columns import ColumnWidths, header_width
from app.gui.lists.pairs import side_text
from app.gui.style import qcolour

DOC_ROLE = Qt.ItemDataRole.UserRole

HEADERS = ("Copy: site · headline", "From its parent",
           *(c.header("parent", "copy", "\n") for c in (KEPT, CHANGED, DROPPED, ADDED, HIGH_RISK)))
HEADER_TIPS = (
    "Each member under the copy or version it most likely came from (hover for the evidence)",
    "What it is to the member above it: the first version, the wire's update (↻), an outlet's copy, a copy of a copy",
    "Share of its source it keeps in any form", "Share of its source it changes", "Share of its source it drops",
    "Share of its own text its source does not have",
    "High-risk edits the outlet made against its source; ↻ update: the wire's own rewrite, never an outlet's edit",
)


def link_text(link: Link, version: int) -> str:
    """The parent column: the kind of link in words, with the version it carries (and ↻ for the wire's update)."""
    if link is Link.FIRST:
        return f"version {version}: the first"
    if link is Link.UPDATE:
        return f"{MARKS[Role.UPDATE]} version {version}: wire update"
    return f"{link.label} (version {version})"


class LineageTree(QTreeWidget):
    """One row per member, indented under its source. Clicking (or Enter on) a copy opens it against its source."""

    open_source = Signal(int)  # the copy to show beside its source

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setColumnCount(len(HEADERS))
        self.setHeaderLabels(list(HEADERS))
        for c, tip in enumerate(HEADER_TIPS):
            self.headerItem().setToolTip(c, tip)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setAccessibleName("Lineage of the family")
        self.setToolTip("Where each copy came from: click a copy to see it beside its source")
        # headers stack name over unit, so the figures stay narrow and the copy's name keeps the room
        head = self.header()
        self.widths = ColumnWidths(self, head, opts.LINEAGE_COLUMNS, flexible=(0,))
        cell = self.fontMetrics().horizontalAdvance
        self.widths.set_fits([header_width(head, HEADERS[0]), cell("↻ version 3: wire update") + 22,
                              *(max(header_width(head, text), cell("100%") + 14) for text in HEADERS[2:])])
        self.items: dict[int, QTreeWidgetItem] = {}
        self.itemClicked.connect(self._open)
        self.itemActivated.connect(self._open)

    def show_family(self, result, family) -> None:
        """Fill the tree from the family's lineage (a family of 300 is 300 rows: built at once, no alignment)."""
        self.clear()
        self.items = {}
        if family is None:
            return
        arts = result.articles
        update = qcolour(Role.UPDATE)
        for node in lineage_tree(family):
            s, f = node.source, node.source.fidelity
            cells = [side_text(arts[s.copy]), link_text(node.link, node.version)]
            if f is None:
                cells += [""] * 5
            else:  # the figures every list shows (triage.py), the copy against its own parent
                cells += list(Figures.of(f, update=s.update).cells())
            parent = self.items.get(s.source)
            item = QTreeWidgetItem(parent, cells) if parent is not None else QTreeWidgetItem(self, cells)
            item.setData(0, DOC_ROLE, s.copy)
            source = "" if s.source is None else f"\n{node.link.label} of {arts[s.source].id}"
            tip = f"{arts[s.copy].id}{source}\n" + "\n".join(f"• {e}" for e in s.evidence)
            for c in range(len(HEADERS)):
                item.setToolTip(c, tip)
                if c >= 2:
                    item.setTextAlignment(c, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if node.link is Link.UPDATE:  # the wire's update has its own look, beside its mark and word
                for c in (1, 6):
                    item.setBackground(c, update)
            elif f is not None and f.high_risk:
                item.setForeground(6, qcolour(Role.HIGH_RISK))
                bold = item.font(6)
                bold.setBold(True)
                item.setFont(6, bold)
            self.items[s.copy] = item
        self.expandAll()

    def item_of(self, doc: int) -> QTreeWidgetItem | None:
        return self.items.get(doc)

    def parent_of(self, doc: int) -> int | None:
        """The member the tree shows `doc` under (None for the root)."""
        item = self.items.get(doc)
        parent = item.parent() if item is not None else None
        return parent.data(0, DOC_ROLE) if parent is not None else None

    def _open(self, item, _column=0) -> None:
        if item.parent() is not None:  # the first version came from nothing in the folder
            self.open_source.emit(item.data(0, DOC_ROLE))
