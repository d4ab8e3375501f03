"""Lists that belong to the article after its prose: ones it announces, or that go on in its own form."""

from __future__ import annotations

import re
from collections.abc import Callable

from app.core.flags.lines import Line

#: Most items followed, and the longest item in words (an item is a line of a list, not a paragraph).
MAX_ITEMS = 80
ITEM_WORDS = 40
#: A heading of the article's own list names its subject: at least this many words from the body, and most.
HEADING_WORDS = 2
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
#: How a list item opens: a date, a number, a question-and-answer label, a link, a bullet.
_SHAPES = [
    ("date", re.compile(rf"^{_MONTH} \d{{1,2}}\b", re.IGNORECASE)),
    ("number", re.compile(r"^\d{1,3}[.)]\s")),
    ("question", re.compile(r"^Q\s?[:.]\s")),
    ("answer", re.compile(r"^A\s?[:.]\s")),
    ("link", re.compile(r"^https?://\S+$")),
    ("bullet", re.compile(r"^[•·*–-]\s")),
]

_INTERVIEW = ("question", "answer")


def shape(text: str) -> str | None:
    """How a line opens, if it opens like a list item."""
    return next((name for name, pattern in _SHAPES if pattern.match(text)), None)


def list_after_body(lines: list[Line], first: int, last: int, body_vocab,
                    furniture: Callable[[Line], object]) -> int:
    """The article's last line, `last` or further: a list under the body is the article's when the body
    announces it (its last paragraph ends with a colon: "... tour dates:"), when a heading naming the
    article's subject stands over it ("The Doobie Brothers Tour Dates"), or when its items open as the body's
    own lines do (an interview's "Q:" and "A:"). The list runs while its lines open alike."""
    start = last + 1
    allowed: set[str] | None = None  # learnt from the first items where the list is announced
    if lines[last].text.rstrip().endswith(":"):
        pass
    elif start < len(lines) and _subject_heading(lines[start], body_vocab) and not furniture(lines[start]):
        start += 1
    elif any(line.text[:1] in "QA" and shape(line.text) in _INTERVIEW for line in lines[first : last + 1]):
        allowed = set(_INTERVIEW)
    else:
        return last
    end = last
    for j in range(start, min(len(lines), start + MAX_ITEMS)):
        line, s = lines[j], shape(lines[j].text)
        if s is None or furniture(line):
            break
        if allowed is None:  # items may alternate in two forms (a numbered offer, then its link)
            allowed = {s, shape(lines[j + 1].text) if j + 1 < len(lines) else s} - {None}
        if s not in allowed or (len(line.words) > ITEM_WORDS and s not in _INTERVIEW):
            break
        end = j
    return end


def _subject_heading(line: Line, body_vocab) -> bool:
    shared = sum(1 for w in line.content if w in body_vocab)
    return not line.prose and len(line.words) <= 8 and shared >= HEADING_WORDS and shared * 2 > len(
        line.content)
