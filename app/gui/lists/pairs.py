"""The pairs list: each side by title and site, the relation, what was kept, changed, dropped or added, high-risk.

Records are pair indices in triage order (the pair that most needs an editor first), so the unsorted list, the
first pair shown and Next Pair agree.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import urlsplit

from PySide6.QtWidgets import QHeaderView

from app.core.styling import MARKS, Role
from app.core.triage import is_identical
from app.core.triage import triage_order as core_triage_order
from app.gui.lists.table import Table


def _pct(x: float) -> str:
    return f"{x:.0%}"


_DOMAIN = re.compile(r"(?:[a-z0-9-]+\.)+(?:com|net|org|edu|gov|info|news|co\.uk|[a-z]{2})(?=[._-]|$)", re.I)


def site(article_id: str) -> str:
    """Where an article came from: the domain in a URL id or in the file name (as scrapers name files),
    else the folder it was read from."""
    if "://" in article_id:
        return urlsplit(article_id).netloc.removeprefix("www.")
    path = article_id.replace("\\", "/")
    stem = posixpath.splitext(posixpath.basename(path))[0]
    found = _DOMAIN.search(stem.split("_", 1)[-1])
    if found:
        return found.group(0).lower().removeprefix("www.")
    folder = posixpath.dirname(path)
    return posixpath.basename(folder) or folder


def side_text(article) -> str:
    title = " ".join(article.title.split())[:120] or posixpath.basename(article.id.replace("\\", "/"))
    where = site(article.id)
    return f"{where} · {title}" if where else title  # the site first: it tells copies of one story apart


def relation_of(pair) -> str:
    return str(pair.relation)


def triage_order(result) -> list[int]:
    """Pair indices, the pair that most needs an editor first (the engine's triage: app/core/triage.py)."""
    return core_triage_order(result.pairs)


def pair_columns(result) -> list:
    pairs = result.pairs if result else []
    arts = result.articles if result else []
    sides: dict[int, str] = {}

    def side(doc: int) -> str:  # built when first shown or sorted, then kept
        if doc not in sides:
            sides[doc] = side_text(arts[doc])
        return sides[doc]

    return [
        ("A", lambda i: side(pairs[i].a), str), ("B", lambda i: side(pairs[i].b), str),
        ("Relation", lambda i: relation_of(pairs[i]), str), ("Overlap", lambda i: pairs[i].score, _pct),
        ("Kept", lambda i: pairs[i].fidelity.verbatim + pairs[i].fidelity.moved, _pct),
        ("Chg.", lambda i: pairs[i].fidelity.changed, _pct), ("Drop.", lambda i: pairs[i].fidelity.dropped, _pct),
        ("Add.", lambda i: pairs[i].fidelity.added, _pct), ("Risk", lambda i: _risk(pairs[i]), _risk_text),
    ]


def _risk(pair) -> int:
    """High-risk edits an outlet made; -1 for two versions, whose differences are the wire's update (sorted last)."""
    return -1 if pair.is_update else pair.outlet_high_risk


def _risk_text(value: int) -> str:
    return f"{MARKS[Role.UPDATE]} update" if value < 0 else str(value)


class PairsTable(Table):
    """The pairs list; `hide_identical` folds away copies with nothing to check."""

    TIPS = ("Copy A: site · title (hover for the file)", "Copy B: site · title (hover for the file)",
            "copy: the same report; version: another version of it (the wire's update); partial: borrows a block; "
            "quotes: only quotes the same people",
            "Share of the smaller article found in the other", "Share of A kept word for word in B (moved included)",
            "Changed: share of A changed in B", "Dropped: share of A dropped from B",
            "Added: share of B not in A",
            "High-risk edits: changed numbers, names, quotations, negations, hedging or attribution "
            "(spelling, punctuation, abbreviations and credits are style, counted apart); "
            "↻ update: two versions of one report, whose differences are the wire's own update")

    def __init__(self, parent=None):
        super().__init__(pair_columns(None), parent)
        self.result = None
        self.model_.tooltip = self._tooltip
        self.model_.header_tips = list(self.TIPS)
        self.proxy.extra_text = self._file_names

    def set_result(self, result, order: list[int] | None = None) -> None:
        self.result = result
        self.model_.columns = pair_columns(result)
        self.set_records(triage_order(result) if order is None else order)
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        # the figures take what "100%" needs, the two sides share the rest: all visible at the default size
        figure = self.fontMetrics().horizontalAdvance("100%") + 14
        for c in range(self.model_.columnCount()):
            if c < 2:
                header.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch)
            else:
                header.setSectionResizeMode(c, QHeaderView.ResizeMode.Interactive)
                text = self.model_.columns[c][0]
                self.setColumnWidth(c, max(figure, self.fontMetrics().horizontalAdvance(text) + 18))

    def set_filters(self, hide_identical: bool, relations: set[str], languages: set[str]) -> None:
        """Hide identical copies (if asked), relations not chosen, pairs with neither side in `languages`."""
        result = self.result
        if result is None:
            return

        def hidden(i: int) -> bool:
            p = result.pairs[i]
            if hide_identical and is_identical(p):
                return True
            if relations and relation_of(p) not in relations:
                return True
            return bool(languages) and not {result.articles[p.a].language, result.articles[p.b].language} & languages

        self.proxy.set_hidden(hidden)

    def _file_names(self, record: int) -> str:
        p = self.result.pairs[record]
        return f"{self.result.articles[p.a].id}\n{self.result.articles[p.b].id}"

    def _tooltip(self, record: int, column: int) -> str | None:
        if self.result is None or column > 1:
            return None
        p = self.result.pairs[record]
        art = self.result.articles[p.b if column else p.a]
        return f"{art.id}\n{art.title}" if art.title else art.id

    def row_of(self, pair: int) -> int | None:
        """Where a pair index is in the table as sorted and filtered (None if filtered out)."""
        try:
            source = self.model_.records.index(pair)
        except ValueError:
            return None
        row = self.proxy.mapFromSource(self.model_.index(source, 0)).row()
        return row if row >= 0 else None

    def select_row(self, row: int) -> None:
        self.setCurrentIndex(self.proxy.index(row, 0))
        self.scrollTo(self.proxy.index(row, 0))


