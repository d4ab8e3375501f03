"""The pairs list: each side by title and site, the relation, what was kept, changed, dropped or added, high-risk.

Records are pair indices in triage order (the pair that most needs an editor first), so the unsorted list, the
first pair shown and Next Pair agree.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import urlsplit

from app.core import triage
from app.gui import settings as opts
from app.gui.lists.columns import ColumnWidths, header_width
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


NL = "\n"  # headers stack name over unit: the figures stay narrow and the two sides keep the width


def pair_columns(result) -> list:
    pairs = result.pairs if result else []
    arts = result.articles if result else []
    sides: dict[int, str] = {}
    figures: dict[int, triage.Figures] = {}

    def side(doc: int) -> str:  # built when first shown or sorted, then kept
        if doc not in sides:
            sides[doc] = side_text(arts[doc])
        return sides[doc]

    def fig(i: int) -> triage.Figures:
        if i not in figures:
            figures[i] = triage.figures(pairs[i])
        return figures[i]

    return [
        ("A", lambda i: side(pairs[i].a), str), ("B", lambda i: side(pairs[i].b), str),
        ("Relation", lambda i: relation_of(pairs[i]), str), ("Overlap", lambda i: pairs[i].score, _pct),
        (triage.KEPT.header(sep=NL), lambda i: fig(i).kept, triage.pct),
        (triage.CHANGED.header(sep=NL), lambda i: fig(i).changed, triage.pct),
        (triage.DROPPED.header(sep=NL), lambda i: fig(i).dropped, triage.pct),
        (triage.ADDED.header(sep=NL), lambda i: fig(i).added, triage.pct),
        (triage.HIGH_RISK.header(sep=NL), lambda i: -1 if fig(i).tier is triage.Tier.UPDATE else fig(i).high_risk,
         lambda v: triage.UPDATE_CELL if v < 0 else str(v)),  # versions: the wire's update, sorted last
    ]


class PairsTable(Table):
    """The pairs list; `hide_identical` folds away copies with nothing to check."""

    TIPS = ("Copy A: site · title (hover for the file)", "Copy B: site · title (hover for the file)",
            "copy: the same report; version: another version of it (the wire's update); partial: borrows a block; "
            "quotes: only quotes the same people",
            "Share of the smaller article found in the other", *(c.tooltip() for c in triage.COLUMNS))

    def __init__(self, parent=None):
        super().__init__(pair_columns(None), parent)
        self.result = None
        self.model_.tooltip = self._tooltip
        self.model_.header_tips = list(self.TIPS)
        self.proxy.extra_text = self._file_names
        # the figures take what their header or "100%" needs, the two sides share the rest; all draggable
        self.widths = ColumnWidths(self, self.horizontalHeader(), opts.PAIRS_COLUMNS, flexible=(0, 1))
        header, cell = self.horizontalHeader(), self.fontMetrics().horizontalAdvance
        widest = {2: "partial", len(self.model_.columns) - 1: triage.UPDATE_CELL}  # the longest cell a column shows
        self.widths.set_fits([header_width(header, text) if c < 2 else
                              max(header_width(header, text), cell(widest.get(c, "100%")) + 14)
                              for c, (text, _, _) in enumerate(self.model_.columns)])

    def set_result(self, result, order: list[int] | None = None) -> None:
        self.result = result
        self.model_.columns = pair_columns(result)
        self.set_records(triage.order(result) if order is None else order)
        self.widths.fit()

    def set_filters(self, hide_identical: bool, relations: set[str], languages: set[str]) -> None:
        """Hide identical copies (if asked), relations not chosen, pairs with neither side in `languages`."""
        if self.result is None:
            return

        def hidden(i: int) -> bool:
            # the table's result when asked, not when the filter was set: a rescan or a watched folder brings
            # a new result, and asking the old one about the new records crashed the window (more pairs)
            result = self.result
            p = result.pairs[i]
            if hide_identical and triage.figures(p).identical:
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

    def select_row(self, row: int) -> None:
        self.setCurrentIndex(self.proxy.index(row, 0))
        self.scrollTo(self.proxy.index(row, 0))


