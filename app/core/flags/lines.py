"""The lines of a page as the flag rules see them: words, content words, whether a line reads as prose."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.core.text import STOPWORDS, WORD, line_spans

TERMINAL = re.compile(r"[.!?…:;][\"'”’)\]]*$|[\"'”’]$")


@dataclass(slots=True)
class Line:
    start: int
    end: int
    text: str
    words: list[str]
    prose: bool
    content: set[str]


def page_lines(text: str, spans: list[tuple[int, int]] | None = None) -> list[Line]:
    """The page's non-blank lines; `spans`: their `line_spans`, where the caller has them already."""
    if spans is None:
        spans = line_spans(text)
    out = []
    for start, end in spans:
        line = text[start:end]
        ws = WORD.findall(line.lower())
        prose = len(ws) >= 25 or (len(ws) >= 8 and TERMINAL.search(line) is not None)
        out.append(Line(start, end, line, ws, prose, content_words(ws)))
    return out


def content_words(words: list[str]) -> set[str]:
    # distinct words first: a paragraph repeats its words, and set difference runs in C
    return {w for w in set(words) - STOPWORDS if len(w) > 2 and not w.isdigit()}
