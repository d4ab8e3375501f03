"""The documents list: every article read, with its size, flags, copies, language and encoding."""

from __future__ import annotations


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


