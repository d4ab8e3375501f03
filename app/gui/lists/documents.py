"""The documents list: every article read, with its size, flags, copies, language and encoding."""

from __future__ import annotations

from app.gui import settings as opts
from app.gui.lists.columns import ColumnWidths, header_width
from app.gui.lists.table import Table


def document_columns(result) -> list:
    arts = result.articles if result else []
    copies = [0] * len(arts)
    for p in result.pairs if result else []:
        copies[p.a] += 1
        copies[p.b] += 1
    words = {}

    def word_count(i: int) -> int:  # counted when first shown or sorted, then kept
        if i not in words:
            words[i] = arts[i].word_count()
        return words[i]

    return [("Document", lambda i: arts[i].id, str), ("Words", word_count, str),
            ("Flags", lambda i: len(arts[i].flags), str), ("Copies", lambda i: copies[i], str),
            ("Language", lambda i: arts[i].language, str), ("Encoding", lambda i: arts[i].encoding, str)]




class DocumentsTable(Table):
    """The documents list: the name takes the room, the figures what they need."""

    def __init__(self, parent=None):
        super().__init__(document_columns(None), parent)
        header = self.horizontalHeader()
        self.widths = ColumnWidths(self, header, opts.DOCUMENTS_COLUMNS, flexible=(0,))
        samples = ("", "00000", "00", "00", "en", "windows-1252")  # the widest cell each figure shows
        self.widths.set_fits([max(header_width(header, text), self.fontMetrics().horizontalAdvance(sample) + 14)
                              for (text, _, _), sample in zip(self.model_.columns, samples, strict=True)])

    def set_result(self, result) -> None:
        self.model_.columns = document_columns(result)
        self.set_records(list(range(len(result.articles))))
        self.widths.fit()
