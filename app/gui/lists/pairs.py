"""The pairs list: each side by title and site, the relation, what was kept, changed, dropped or added, high-risk.

Records are pair indices in triage order (the pair that most needs an editor first), so the unsorted list, the
first pair shown and Next Pair agree.
"""

from __future__ import annotations

import posixpath
from urllib.parse import urlsplit

from PySide6.QtWidgets import QHeaderView

from app.gui.lists.table import Table


def _pct(x: float) -> str:
    return f"{x:.0%}"


def site(article_id: str) -> str:
    """Where an article came from: the domain of a URL id, else the folder it was read from."""
    if "://" in article_id:
        return urlsplit(article_id).netloc.removeprefix("www.")
    folder = posixpath.dirname(article_id.replace("\\", "/"))
    return posixpath.basename(folder) or folder


def side_text(article) -> str:
    title = " ".join(article.title.split())[:120] or posixpath.basename(article.id.replace("\\", "/"))
    where = site(article.id)
    return f"{title} · {where}" if where else title


def relation_of(pair) -> str:
    return str(pair.relation)


def is_identical(pair) -> bool:
    """Nothing to check: no sentence changed, dropped or added, no edit at all."""
    f = pair.fidelity
    return f.changed == 0 and f.dropped == 0 and f.added == 0 and f.high_risk == 0


def triage_order(result) -> list[int]:
    """Pair indices, the pair that most needs an editor first: copies before looser relations, most high-risk
    edits, then most changed; identical copies last (they need no check)."""
    rank = {"copy": 0, "partial": 1, "quotes": 2}

    def key(i: int):
        p = result.pairs[i]
        f = p.fidelity
        return (is_identical(p), rank.get(relation_of(p), 3), -f.high_risk, -(f.changed + f.dropped + f.added), i)

    return sorted(range(len(result.pairs)), key=key)


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
        ("Relation", lambda i: relation_of(pairs[i]), str),
        ("Overlap", lambda i: pairs[i].score, _pct), ("Kept", lambda i: pairs[i].fidelity.verbatim + pairs[i].fidelity.moved, _pct),
        ("Changed", lambda i: pairs[i].fidelity.changed, _pct), ("Dropped", lambda i: pairs[i].fidelity.dropped, _pct),
        ("Added", lambda i: pairs[i].fidelity.added, _pct), ("High-risk", lambda i: pairs[i].fidelity.high_risk, str),
    ]


class PairsTable(Table):
    """The pairs list; `hide_identical` folds away copies with nothing to check."""

    TIPS = ("Copy A: title · site (hover for the file)", "Copy B: title · site (hover for the file)",
            "copy: the same report; partial: borrows a block; quotes: only quotes the same people",
            "Share of the smaller article found in the other", "Share of A kept word for word in B (moved included)",
            "Share of A changed in B", "Share of A dropped from B", "Share of B not in A",
            "Edits that change numbers, names, quotations, negations or the credit")

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
        for c in range(self.model_.columnCount()):
            mode = QHeaderView.ResizeMode.Stretch if c < 2 else QHeaderView.ResizeMode.ResizeToContents
            header.setSectionResizeMode(c, mode)

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

    def pair_at(self, row: int) -> int | None:
        """The pair index shown at `row` of the table as sorted and filtered."""
        if not 0 <= row < self.proxy.rowCount():
            return None
        return self.record_at(row)

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


