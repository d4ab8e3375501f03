"""Reader comments after an article: where they start, and whether what follows really has their structure.

Flagging everything after a line removes the rest of the page, so a start line alone is not enough when it
would take much of the article's prose: the lines after it must look like comments (a commenter's name with
a time, "says:", reply and like controls) or the heading must say how many comments follow.
"""

from __future__ import annotations

import re

from app.core.flags.lines import Line

#: The start of reader comments: everything after it may be comments, not article.
COMMENTS_START = re.compile(
    r"^(?:\[?\s*\d+\s+(?:comments?|responses?|replies|thoughts on)\b|(?:one|two|\d+) thoughts? on\b|(?:top rated |all |view |show |read |reader )?comments?"
    r"(?: \(\d+\))?$|\d+ responses? to\b|leave a (?:reply|comment)|join the (?:conversation|discussion)|"
    r"(?:conversation|discussion)$)|^\S.{0,40} (?:says|said|wrote):$|^.{1,60} on \w+ \d{1,2}, \d{4} at \d",
    re.IGNORECASE,
)

#: A heading that counts the comments under it: evidence on its own.
_COUNTED = re.compile(r"^\[?\s*\d+\s+(?:comments?|responses?|replies)\b|^\d+ responses? to\b|comments? \(\d+\)$|"
                      r"^(?:one|two|\d+) thoughts? on\b",
                      re.IGNORECASE)

#: Lines that only a comment thread has: a commenter's header, a relative or clock time, reply/like controls.
COMMENT_STRUCTURE = re.compile(
    r"^\S.{0,40} (?:says|said|wrote):$|^.{1,60} on \w+ \d{1,2}, \d{4} at \d|"
    r"^(?:reply|report|flag|like|dislike|share|log in to reply|reply to this comment|\d+ (?:likes?|replies))$|"
    r"^(?:\d+|an?) (?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?) ago$|"
    r"^\d{1,2}:\d{2}\s*[ap]\.?m\.?$|^(?:up|down)vote|^\d+\s*(?:points?|upvotes?)$|"
    r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.? \d{1,2}, \d{4}(?:,| at) \d{1,2}:\d{2}",
    re.IGNORECASE,
)

#: How many structure lines a long comment section must show.
MIN_STRUCTURE = 2


def comments_start(lines: list[Line], first: int, prose_chars: int) -> int | None:
    """Index of the line where reader comments begin, after the start of the body `first`, or None.

    A start that would take more than half the page's prose needs corroboration: a counted heading
    ("34 responses to ...") or comment structure in the lines after it.
    """
    after = prose_chars - sum(len(line.text) for line in lines[: first + 1] if line.prose)
    for i in range(first + 1, len(lines)):
        if COMMENTS_START.search(lines[i].text) and (after * 2 <= prose_chars or _corroborated(lines, i)):
            return i
        after -= len(lines[i].text) if lines[i].prose else 0
    return None


def _corroborated(lines: list[Line], i: int) -> bool:
    if _COUNTED.search(lines[i].text):
        return True
    seen = 0
    for line in lines[i + 1 : i + 200]:
        if len(line.text) <= 80 and COMMENT_STRUCTURE.search(line.text):
            seen += 1
            if seen >= MIN_STRUCTURE:
                return True
    return False
