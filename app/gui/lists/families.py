"""The families list: each story family with its size, reference copy and links to other families; expanding a
family lists its copies ranked by fidelity against the reference (as the engine ranked them)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from app.core.triage import Figures
from app.gui import settings as opts
from app.gui.lists.columns import ColumnWidths, header_width
from app.gui.lists.pairs import side_text

DOC_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


class _Item(QTreeWidgetItem):
    """Sorts by the number behind a cell where there is one (size), by text elsewhere."""

    def __lt__(self, other) -> bool:
        column = self.treeWidget().sortColumn() if self.treeWidget() else 0
        mine, theirs = self.data(column, SORT_ROLE), other.data(column, SORT_ROLE)
        if mine is not None and theirs is not None:
            return mine < theirs
        return self.text(column).casefold() < other.text(column).casefold()


def fidelity_text(f) -> str:
    """A copy against its reference, in the figures every list uses (triage.py)."""
    t = Figures.of(f)
    kept, changed, dropped, added, risk = t.cells()
    return (f"kept {kept} · changed {changed} · dropped {dropped} of the reference · added {added} of the copy"
            + (f" · high-risk {risk}" if t.high_risk else ""))


class FamilyTree(QTreeWidget):
    """Story families; a family's copies are listed when it is first expanded (a family may hold 300)."""

    open_document = Signal(int)  # compare the family against this document (the family view)
    open_documents = Signal(int, int)  # open the pair reference ~ copy

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setHeaderLabels(["Family / copy", "Copies", "Reference / fidelity against it", "Links"])
        self.setRootIsDecorated(True)
        self.setSortingEnabled(True)
        self.setUniformRowHeights(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        # the title and the reference share the room; the links are cut short (every link is in the tooltip), so
        # a family linked to many others never squeezes the titles to "1. T…"
        self.widths = ColumnWidths(self, self.header(), opts.FAMILIES_COLUMNS, flexible=(0, 2))
        head, cell = self.header(), self.fontMetrics().horizontalAdvance
        self.widths.set_fits([header_width(head, self.headerItem().text(0)),
                              max(header_width(head, "Copies"), cell("000") + 14),
                              header_width(head, self.headerItem().text(2)),
                              max(header_width(head, "Links"), cell("partial #00, quotes #00") + 14)])
        self.result = None
        self.itemActivated.connect(self._activated)
        self.itemExpanded.connect(self._fill)
        self.setToolTip("Expand a family to see its copies ranked against the reference; activate a copy to open "
                        "it beside the reference, a family to compare every copy with the reference")

    def set_result(self, result) -> None:
        self.result = result
        self.clear()
        names = {f.id: f.title for f in result.families}
        items = []
        for n, family in enumerate(result.families, 1):
            ref = result.articles[family.reference]
            links = ", ".join(f"{rel} #{other}" for other, rel in family.links)
            top = _Item([f"{n}. {family.title[:100]}", str(len(family)), side_text(ref), links])
            top.setData(0, DOC_ROLE, family.reference)
            top.setData(0, SORT_ROLE, n)
            top.setData(1, SORT_ROLE, len(family))
            top.setToolTip(0, family.title)
            top.setToolTip(2, f"{ref.id}\nreference: {family.reference_reason}")
            if family.links:
                top.setToolTip(3, "\n".join(f"{rel.label}: #{other} "
                                            f"{names.get(other, '')}" for other, rel in family.links))
            top.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
            top.setData(1, DOC_ROLE, family.id)
            items.append(top)
        self.addTopLevelItems(items)
        self.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # by number: the engine's order, largest first
        self.widths.fit()

    def set_text_filter(self, text: str) -> int:
        """Show only families whose title, reference or any copy's name or title holds `text`; returns how many."""
        needle = text.casefold()
        shown = 0
        for k in range(self.topLevelItemCount()):
            top = self.topLevelItem(k)
            hit = not needle or needle in " ".join(top.text(c) for c in range(4)).casefold() or (
                self._copies_match(top, needle))
            top.setHidden(not hit)
            shown += hit
        return shown

    def _copies_match(self, top, needle: str) -> bool:
        family = self.family_at(top)
        arts = self.result.articles
        return family is not None and any(needle in f"{arts[d].id} {arts[d].title}".casefold() for d in family.members)

    def family_at(self, item):
        fid = item.data(1, DOC_ROLE)
        if self.result is None or fid is None:
            return None
        families = self.result.families
        if 0 < fid <= len(families) and families[fid - 1].id == fid:  # numbered in order: no search of 2,000
            return families[fid - 1]
        return next((f for f in families if f.id == fid), None)

    def _fill(self, top) -> None:
        if top.childCount() or top.parent() is not None:
            return
        family = self.family_at(top)
        if family is None:
            return
        arts = self.result.articles
        ref = _Item([side_text(arts[family.reference]), "", f"reference: {family.reference_reason}", ""])
        ref.setData(0, DOC_ROLE, family.reference)
        ref.setData(0, SORT_ROLE, 0)
        ref.setToolTip(0, arts[family.reference].id)
        children = [ref]
        ranked = [doc for doc, _ in family.member_fidelity]
        fidelity = dict(family.member_fidelity)
        for rank, doc in enumerate(ranked + [d for d in family.members if d != family.reference and d not in fidelity],
                                   1):
            f = fidelity.get(doc)
            child = _Item([side_text(arts[doc]), "", fidelity_text(f) if f else "", ""])
            child.setData(0, DOC_ROLE, doc)
            child.setData(0, SORT_ROLE, rank)
            child.setToolTip(0, arts[doc].id)
            if f is not None:
                child.setToolTip(2, Figures.of(f).summary("the reference", "the copy"))
            children.append(child)
        top.addChildren(children)

    def copies_of(self, top) -> list[int]:
        """The documents listed under a family, in the order shown (the reference first)."""
        self._fill(top)
        return [top.child(k).data(0, DOC_ROLE) for k in range(top.childCount())]

    def _activated(self, item, _column) -> None:
        doc = item.data(0, DOC_ROLE)
        if doc is None:
            return
        if item.parent() is None:
            self.open_document.emit(doc)
            return
        family = self.family_at(item.parent())
        if family is not None and doc != family.reference:
            self.open_documents.emit(family.reference, doc)
        else:
            self.open_document.emit(doc)
