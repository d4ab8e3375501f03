"""What a photo caption or credit is, by its form and by where it stands (beside a credit, repeated)."""

from __future__ import annotations

import re

from app.core.flags.lines import TERMINAL, Line

# The one rule for captions: the flags use these patterns, and relations reads the flags of kind "caption".

#: Credit and caption phrases of a short line (lower-cased, one entry of furniture.KNOWN_FURNITURE): a credit
#: in brackets or after "Photo:", an agency's name, "FILE - In this ...", a name with an agency in brackets.
CREDIT_PHRASES = (
    r"\((?:photo|image|file photo|picture)s?\b[^)]*\)$|^(?:photo|image|picture|video|file photo)s?"
    r"(?: credit)?\s*[:|/]|^(?:фото|снимки|foto|bild|imagen|credit)s?\s*:|\b(?:getty images|afp via getty|"
    r"reuters/|ap photo|shutterstock|image copyright|image caption|photo credit)\b|"
    r"\bcredit(?:\.\.\.|…|:)\s*\S|^file ?[-–—] (?:in (?:this|an?) |this )|\([^()/]{2,50}/[^()]{2,60}\)$"
)
#: A caption shown cut short, with a control to see the rest ("... more").
CUT_SHORT = r"(?:\.\.\.|…)\s*more$"
#: Marks that make a line a caption however long it runs, even a paragraph of the body: how an agency caption
#: opens ("FILE - In this May 1, 2018, file photo", "In this photo provided by ...", "This March 3 photo
#: shows ...", a gallery's "Image 3 of 12" before the description, "Photo: Name"), a gallery's "SHOW MORE SHOW
#: LESS", and a photo credit in brackets closing it ("(AP Photo/Name)", "(Name/Associated Press/File 2019)",
#: "(REUTERS/Name)", "(Name via Getty Images)", "(Photo by Name)").
SURE_CAPTION = re.compile(
    r"^(?:FILE ?[-–—] ?(?:In (?:this|an?) |This )|In this [^.\n]{0,60}\bphoto\b|In an? [^.\n]{0,40}\bfile photo\b|"
    r"This [^.\n]{0,60}\bphoto (?:provided|released|made available|taken|shows)\b|"
    r"(?i:(?:image|photo|picture|slide) ?\d+ ?(?:of|/) ?\d+ +\S|(?:photo|image|picture)s?(?: credit)? ?: ?\S))"
    r"|SHOW MORE SHOW LESS|"
    r"(?i:\((?:[^()]{0,80}\b(?:AP|Associated Press|Reuters|AFP|EPA|Getty Images|Bloomberg|Xinhua|Invision)\b ?"
    r"(?:Photo|Images|Pool)?(?:/[^()]{1,60})?|(?:AP|AFP|EPA|Reuters|Pool) ?Photo/[^()]{1,60}|(?:AP )?Photo\b[^()]{0,60}"
    r"|[^()]{2,80} via (?:AP|Getty Images|Reuters)(?:, File)?,?)\)\s*$)"
)


def sure_caption(text: str) -> bool:
    """`SURE_CAPTION.search(text)`, told faster: only its two alternatives that can match past the line's
    start need a "(" or "SHOW MORE SHOW LESS" in it; without them, matching at the start alone decides (a
    search tries every position of every line, most of the flagging's regex time on a page of prose)."""
    if "(" in text or "SHOW MORE SHOW LESS" in text:
        return SURE_CAPTION.search(text) is not None
    return SURE_CAPTION.match(text) is not None

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
_CUT = re.compile(r"\s*" + CUT_SHORT, re.IGNORECASE)


def caption_like(line: Line) -> bool:
    """A short line inside the body that reads as a caption or credit: wholly in brackets, or a name with a
    slash, bar or copyright sign."""
    text = line.text
    if text.startswith("(") and text.endswith(")"):
        return True
    return len(line.words) <= 3 and not TERMINAL.search(text) and text[:1].isupper() and any(
        ch in text for ch in "/|©"
    )


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
