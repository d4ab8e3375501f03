"""Photo captions found by where they stand: the description beside a photo's credit, and its repeats."""

from __future__ import annotations

import re

from app.core.flags.lines import Line

#: A credit on its own line is short: a name and an agency ("Photo: John Locher, AP", "Getty Images").
CREDIT_WORDS = 8
#: Shortest and longest photo description, in words (wire captions run to three sentences).
DESCRIPTION_WORDS = (3, 80)
#: What only a caption says inside the body: where people stand in the picture, or what they are doing as the
#: photo was taken (present tense) with the day it was taken ("... speaks during a fundraiser, Sunday, Nov. 17").
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
CAPTION_STYLE = re.compile(
    r",\s*(?:left|right|center|centre|second (?:from )?(?:left|right)|from left|(?:top|bottom|front|back) row)\b"
    r"|\bpictured\b|\bis (?:seen|shown)\b"
    r"|\b(?:waves?|speaks?|talks?|poses?|arrives?|walks?|looks on|listens?|gestures?|smiles?|attends?|holds?|"
    r"sits?|stands?|performs?|reacts?|celebrates?|passes|greets?|leaves|departs?|addresses|watches)\b"
    rf"[^.]{{0,160}}(?:\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\bon {_MONTH} \d{{1,2}}\b|, {_MONTH} \d{{1,2}}, \d{{4}})",
    re.IGNORECASE,
)
#: A caption shown cut short, with a control to see the rest.
_CUT = re.compile(r"\s*(?:\.\.\.|…)\s*more$", re.IGNORECASE)


def caption_blocks(lines: list[Line], known: list, first: int, last: int) -> dict[int, str]:
    """Captions next to a photo credit standing on its own line: the description just above the credit (or
    just below it, where nothing above describes the photo), and the copies of that description above it
    (galleries repeat a caption in full and cut short). Inside the body a paragraph above a credit is a
    caption only when it reads as one (people placed in the picture, the moment and its day), since a
    credit may stand under a photo with no caption between two paragraphs of the story; above the body, at
    its edges and outside it the place is evidence enough."""
    out: dict[int, str] = {}
    for c, line in enumerate(lines):
        if not _bare_credit(line, known[c]):
            continue
        above = c - 1
        copies = _copies_above(lines, known, above) if above >= 0 else []
        if above >= 0 and (copies or _description(lines, known, above, first, last)):
            out[above] = "photo caption: the description above the photo's credit"
            for k in copies:
                out[k] = "photo caption repeated (a gallery shows it in full and cut short)"
        elif (above < 0 or (known[above] and known[above][0] != "caption")) and c + 1 < len(lines) \
                and _description(lines, known, c + 1, first, last, below=True):
            out[c + 1] = "photo caption: the description under the photo's credit"
    return out


def _bare_credit(line: Line, flag: tuple[str, str] | None) -> bool:
    """A credit and nothing else: a caption by its form or wholly in brackets ("(Walt Disney Co.)"), a few
    words, not a sentence."""
    credit = (bool(flag) and flag[0] == "caption") or (line.text.startswith("(") and line.text.endswith(")"))
    return credit and len(line.words) <= CREDIT_WORDS and not line.prose


def _description(lines: list[Line], known: list, i: int, first: int, last: int, below: bool = False) -> bool:
    line = lines[i]
    if known[i] or not DESCRIPTION_WORDS[0] <= len(line.words) <= DESCRIPTION_WORDS[1]:
        return False
    if CAPTION_STYLE.search(line.text):
        return True
    if below:  # under the credit the body may start: only a line that is not a sentence describes the photo
        return not line.prose
    return not line.prose or not (first < i < last)


def _copies_above(lines: list[Line], known: list, i: int) -> list[int]:
    """Lines right above a caption that repeat it (whole, or cut short with "... more")."""
    out = []
    text = _CUT.sub("", lines[i].text)
    if known[i] or not DESCRIPTION_WORDS[0] <= len(lines[i].words) <= DESCRIPTION_WORDS[1]:
        return []
    k = i - 1
    while k >= 0 and not known[k]:
        other = _CUT.sub("", lines[k].text)
        if not other or not (text.startswith(other) or other.startswith(text)):
            break
        out.append(k)
        k -= 1
    return out
