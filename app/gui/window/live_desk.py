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


def same_families(old, new) -> bool:
    """Whether the families list of `old` shows `new` as it is: the documents only appended (so every number
    the list holds still names the same document) and every family as it was."""
    if old is None or len(old.articles) > len(new.articles):
        return False
    if any(a.id != b.id for a, b in zip(old.articles, new.articles, strict=False)):
        return False

    def shown(result) -> list:
        return [(f.members, f.reference, f.title, f.links, f.member_fidelity) for f in result.families]

    return shown(old) == shown(new)


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

    def _changed(self, events: list, result) -> None:
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
        if result is not self.window.result:
            self.refresh(result)
        self.window.status_text.setText(self.announcement(watching))
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

    def refresh(self, result) -> None:
        """Show `result` in every list and view without losing the editor's place."""
        w = self.window
        old = w.result
        open_key = pair_key(old, w.current_pair) if old is not None and w.current_pair is not None else None
        chosen = w.pairs.currentIndex()
        chosen_key = pair_key(old, w.pairs.record_at(chosen.row())) if chosen.isValid() and old else None
        chosen_doc = w.documents.currentIndex()
        doc_id = old.articles[w.documents.record_at(chosen_doc.row())].id if chosen_doc.isValid() and old else None
        scrolls = [(v, v.verticalScrollBar().value()) for v in (w.pairs, w.documents, w.families)]
        tops = [w.families.topLevelItem(k) for k in range(w.families.topLevelItemCount())]
        opened_families = {old.articles[f.reference].id for top in tops
                           if top.isExpanded() and (f := w.families.family_at(top)) is not None}
        family_ref = old.articles[w.family.reference].id if old and w.family.reference >= 0 else None

        w.result = result
        at_pair = {pair_key(result, n): n for n in range(len(result.pairs))}
        at_doc = {a.id: n for n, a in enumerate(result.articles)}
        w.pairs.model_.is_new = lambda i: pair_key(result, i) in self.new_pairs
        w.documents.model_.is_new = lambda i: result.articles[i].id in self.new_docs
        w.open_selected.timer.blockSignals(True)  # the list's selection is restored, not chosen anew: open nothing
        w.pairs.set_result(result)  # its filters ask the table's result, so they hold for the new one
        w._show_documents(result)
        for table, chosen_record in ((w.pairs, at_pair.get(chosen_key)), (w.documents, at_doc.get(doc_id))):
            row = table.row_of(chosen_record) if chosen_record is not None else None
            if row is not None:
                table.setCurrentIndex(table.proxy.index(row, 0))
        w.open_selected.timer.stop()
        w.open_selected.timer.blockSignals(False)
        if same_families(old, result):
            w.families.result = result  # 2,000 families are not built again for a file that joined none
        else:
            w.families.set_result(result)
            w._set_count(w.families, "Families", w.families.set_text_filter(w.filter.text()), len(result.families))
            self._mark_families(result, opened_families)
        for view, value in scrolls:
            view.verticalScrollBar().setValue(value)
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

    def _mark_families(self, result, opened: set) -> None:
        """Families holding a new copy read "●" and bold; the ones the editor had open, open again."""
        tree = self.window.families
        for k in range(tree.topLevelItemCount()):
            top = tree.topLevelItem(k)
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

    def announcement(self, watching: Watching | None = None) -> str:
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
        return f"{w._summary(result)} · {where} {os.path.basename(self.session.root) if self.session else ''}"

