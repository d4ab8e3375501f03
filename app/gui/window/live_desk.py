"""The live desk in the window: a watched folder's changes shown in place, keeping what the editor is on (the
selected rows, the scroll positions, the open pair and family), new rows marked until seen, and new copies of
the story in view announced in the status bar."""

from __future__ import annotations

import os
import time

from PySide6.QtCore import QObject

from app.core.records import ArticleAdded, ArticleRemoved, PairFound, PairLost, Watching
from app.gui.lists.table import NEW_MARK

#: New copies of the story in view are counted over this many seconds.
ANNOUNCE_S = 600


def pair_key(result, index: int) -> tuple[str, str]:
    p = result.pairs[index]
    return result.articles[p.a].id, result.articles[p.b].id


class LiveDesk(QObject):
    """Starts and stops watching for a window, and shows each batch of changes in it."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.session = None
        self.new_pairs: set[tuple[str, str]] = set()
        self.new_docs: set[str] = set()
        self.arrived: dict[str, float] = {}  # article id -> when it landed (monotonic seconds)
        self.clock = time.monotonic

    @property
    def active(self) -> bool:
        return self.session is not None

    def start(self, root: str, result) -> None:
        from app.gui.window.live_session import LiveSession
        from app.gui.window.preferences import cache_file

        self.stop()
        self.session = LiveSession(os.path.abspath(root), result, cache_file(), self)
        self.session.changed.connect(self._changed)
        self.session.failed.connect(self._failed)
        self.window.status_text.setText(f"Starting to watch {os.path.basename(root.rstrip(os.sep)) or root}…")
        self.session.start()

    def stop(self) -> None:
        if self.session is not None:
            self.session.stop()
            self.session.deleteLater()
            self.session = None

    def forget(self) -> None:
        """Another folder: nothing is new in it yet."""
        self.new_pairs.clear()
        self.new_docs.clear()
        self.arrived.clear()

    # ------------------------------------------------------------ what arrives

    def _failed(self, message: str) -> None:
        self.stop()
        self.window.actions.watch.setChecked(False)
        self.window.status_text.setText(f"Watching stopped: {message}")

    def _changed(self, events: list, view) -> None:
        if self.session is None or self.sender() is not self.session:
            return  # a batch from a watch already stopped
        now = self.clock()
        watching = None
        for e in events:
            if isinstance(e, ArticleAdded):
                self.new_docs.add(e.id)
                self.arrived[e.id] = now
            elif isinstance(e, ArticleRemoved):
                self.new_docs.discard(e.id)
                self.arrived.pop(e.id, None)
            elif isinstance(e, PairFound):
                self.new_pairs.add((e.a, e.b))
            elif isinstance(e, PairLost):
                self.new_pairs.discard((e.a, e.b))
            elif isinstance(e, Watching):
                watching = e
        if view.result is not self.window.result:
            self.refresh(view)
        self.window.status_text.setText(self.announcement(watching, view.outlet_risky))
        self.window.live_changed.emit(events)

    def seen_pair(self, index: int) -> None:
        """The editor opened a pair: it and its two documents are no longer new."""
        result = self.window.result
        if result is None or not 0 <= index < len(result.pairs):
            return
        key = pair_key(result, index)
        if key in self.new_pairs or self.new_docs & set(key):
            self.new_pairs.discard(key)
            self.new_docs.difference_update(key)
            self.window.pairs.viewport().update()
            self.window.documents.viewport().update()

    # ------------------------------------------------------------ showing it in place

    def refresh(self, view) -> None:
        """Show a `LiveView`'s result in every list and view without losing the editor's place: row by row from
        the result shown when the view starts from it (the lists keep their selection and scroll), else anew."""
        w = self.window
        old, result = w.result, view.result
        in_place = old is not None and view.base is old
        open_key = pair_key(old, w.current_pair) if old is not None and w.current_pair is not None else None
        chosen = w.pairs.currentIndex()
        chosen_key = pair_key(old, w.pairs.record_at(chosen.row())) if chosen.isValid() and old else None
        chosen_doc = w.documents.currentIndex()
        doc_id = old.articles[w.documents.record_at(chosen_doc.row())].id if chosen_doc.isValid() and old else None
        scrolls = [(v, v.verticalScrollBar().value()) for v in (w.pairs, w.documents, w.families)]
        opened_families = set()
        if not in_place:
            tops = [w.families.topLevelItem(k) for k in range(w.families.topLevelItemCount())]
            opened_families = {old.articles[f.reference].id for top in tops
                               if top.isExpanded() and (f := w.families.family_at(top)) is not None}
        family_ref = old.articles[w.family.reference].id if old and w.family.reference >= 0 else None

        w.result = result
        at_pair, at_doc = view.pair_at, view.doc_at
        w.pairs.model_.is_new = lambda i: pair_key(result, i) in self.new_pairs
        w.documents.model_.is_new = lambda i: result.articles[i].id in self.new_docs
        w.open_selected.timer.blockSignals(True)  # the list's selection is restored, not chosen anew: open nothing
        if in_place:
            w.pairs.change_result(result, view.pairs)  # its filters ask the table's result: they hold
            w.documents.change_result(result, view.documents)
            if result.skipped != old.skipped or result.warnings != old.warnings:
                w._show_skipped(result)
        else:
            w.pairs.set_result(result, view.pairs.records)
            w._show_documents(result)
        for table, chosen_record in ((w.pairs, at_pair.get(chosen_key)), (w.documents, at_doc.get(doc_id))):
            row = table.row_of(chosen_record) if chosen_record is not None else None
            if row is not None:
                table.setCurrentIndex(table.proxy.index(row, 0))
        w.open_selected.timer.stop()
        w.open_selected.timer.blockSignals(False)
        if in_place:
            made = w.families.change_result(result, view.families)  # 2,000 families: only those changed built
            shown = w.families.set_text_filter(w.filter.text()) if w.filter.text() else len(result.families)
            self._mark_families(result, made)
        else:
            w.families.set_result(result)
            shown = w.families.set_text_filter(w.filter.text())
            self._mark_families(result, [w.families.topLevelItem(k) for k in range(w.families.topLevelItemCount())],
                                opened_families)
        w._set_count(w.families, "Families", shown, len(result.families))
        for list_view, value in scrolls:
            list_view.verticalScrollBar().setValue(value)
        w.overview.set_result(result)

        if open_key is not None:
            n = at_pair.get(open_key)
            w.current_pair = n
            if n is not None and result.pairs[n].rows is w.pair_view.pair.rows:
                w.pair_view.result, w.pair_view.pair = result, result.pairs[n]  # the same alignment: left as it is
            elif n is not None:
                w.pair_view.set_pair(result, n)  # a new version of a side: shown again
        if family_ref in at_doc:
            family = result.family_of(at_doc[family_ref])
            before = old.family_of(w.family.reference)
            members = [(result.articles[m].id, m) for m in family.members] if family else []
            # the view holds document numbers: shown again when its copies changed or their numbers moved
            if before is None or members != [(old.articles[m].id, m) for m in before.members]:
                w.family.show_family(result, at_doc[family_ref])
        w._enable_actions()
        w._update_title()

    def _mark_families(self, result, tops: list, opened: set = frozenset()) -> None:
        """Families holding a new copy read "●" and bold; the ones the editor had open, open again."""
        tree = self.window.families
        for top in tops:
            family = tree.family_at(top)
            if family is None:
                continue
            if any(result.articles[m].id in self.new_docs for m in family.members):
                top.setText(0, NEW_MARK + top.text(0))
                font = top.font(0)
                font.setBold(True)
                top.setFont(0, font)
            if result.articles[family.reference].id in opened:
                top.setExpanded(True)

    def announcement(self, watching: Watching | None = None, risky: int | None = None) -> str:
        """The status line: new copies of the story in view, else what the folder holds and that it is watched."""
        w = self.window
        result = w.result
        if result is None:
            return ""
        doc = None
        if w.current_pair is not None:
            doc = result.pairs[w.current_pair].a
        elif w.views.currentWidget() is w.family and w.family.reference >= 0:
            doc = w.family.reference
        family = result.family_of(doc) if doc is not None else None
        if family is not None:
            since = self.clock() - ANNOUNCE_S
            fresh = sum(self.arrived.get(result.articles[m].id, -1e18) >= since for m in family.members)
            if fresh:
                title = family.title if len(family.title) <= 40 else family.title[:37].rstrip() + "..."
                return f"{fresh} new {'copy' if fresh == 1 else 'copies'} of '{title}' in the last 10 minutes"
        where = "polling" if watching is not None and watching.polling else "watching"
        return f"{w._summary(result, risky)} · {where} {os.path.basename(self.session.root) if self.session else ''}"

