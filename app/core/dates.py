"""When an article says it was published or updated: a "Published/Updated" line or a dated line near its top."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from app.core.records import Article

#: Only the top of a page carries its own time; further down a date is the story's subject ("on May 1, 2018").
TOP_CHARS = 3000

_MONTHS = {m: n for n, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
    ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
    ("dec", "december")), 1) for m in names}
_MONTH = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?" \
         r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_CLOCK = r"(?P<hour>\d{1,2}):(?P<minute>\d{2})\s*(?P<half>[ap]\.?\s?m\.?)?\s*\(?(?P<zone>[A-Z]{2,4}\b)?"
#: Hours behind UTC of the zones news pages print; a time in another zone is read as UTC.
_ZONES = {"UTC": 0, "GMT": 0, "BST": -1, "ET": 4, "EDT": 4, "EST": 5, "CT": 5, "CDT": 5, "CST": 6, "MT": 6,
          "MDT": 6, "MST": 7, "PT": 7, "PDT": 7, "PST": 8}
_WORDED = re.compile(r"(?:(?P<day_first>\d{1,2})\s+)?" + _MONTH + r"(?:\s+(?P<day>\d{1,2}),?)?\s+(?P<year>(?:19|20)\d{2})",
                     re.IGNORECASE)  # "May 31, 2019" and "31 May 2018"
_ISO = re.compile(r"(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})(?:[T ]" + _CLOCK + ")?")
_TIME = re.compile(_CLOCK, re.IGNORECASE)
#: A line that says what it dates: the page's own publication or update, not a date in the story.
_LABELLED = re.compile(r"^\W{0,3}(?P<label>(?:Last\s+)?Updated|(?:First\s+)?Published|Posted)\b", re.IGNORECASE)
_LINE = re.compile(r"[^\n]+")


def published(article: Article) -> tuple[datetime | None, str]:
    """The article's latest own time in UTC (an update over its publication) and the line that gives it.

    A labelled line ("Updated 1:45 pm, Friday, June 1, 2018") wins over a bare dated line at the top
    ("May 31, 2019 / 10:50 AM"). A date without a clock is that day at 00:00 (`not_later` compares it by day).
    """
    memo = article.derived.published
    if memo is not None:
        return memo
    labelled: list[tuple[datetime, str]] = []
    bare: list[tuple[datetime, str]] = []
    for m in _LINE.finditer(article.text, 0, min(len(article.text), TOP_CHARS)):
        line = m.group().strip()
        if len(line) > 120 or "(@" in line:
            continue  # a sentence of the story, or an embedded post's signature: not the page's own time
        when = parse_time(line)
        if when is None:
            continue
        (labelled if _LABELLED.match(line) else bare).append((when, line))
    found = labelled or bare[:1]
    memo = max(found, key=lambda wl: wl[0]) if found else (None, "")
    article.derived.published = memo
    return memo


def parse_time(line: str) -> datetime | None:
    """A date (worded or ISO) and, if the line has one, a clock time; None when the line holds no date."""
    m = _WORDED.search(line)
    if m and not (m["day"] or m["day_first"]):
        m = None  # "May 2019": no day, no time to order by
    iso = None if m else _ISO.search(line)
    if m:
        year, month, day = int(m["year"]), _MONTHS[m["month"].lower()], int(m["day"] or m["day_first"])
        clock = _TIME.search(line)
    elif iso:
        year, month, day = int(iso["year"]), int(iso["month"]), int(iso["day"])
        clock = iso if iso["hour"] else _TIME.search(line, iso.end())
    else:
        return None
    hour = minute = 0
    shift = 0
    if clock:
        shift = _ZONES.get(clock["zone"] or "", 0)
        hour, minute = int(clock["hour"]), int(clock["minute"])
        half = (clock["half"] or "").lower()
        if half.startswith("p") and hour < 12:
            hour += 12
        elif half.startswith("a") and hour == 12:
            hour = 0
    try:
        return datetime(year, month, day, hour, minute) + timedelta(hours=shift)
    except ValueError:
        return None


def not_later(x: datetime, y: datetime) -> bool:
    """Whether x is not after y; by day when either has no clock time (a bare date)."""
    if (x.hour, x.minute) == (0, 0) or (y.hour, y.minute) == (0, 0):
        return x.date() <= y.date()
    return x <= y
