"""Lines that are page furniture by what they say: phrases, credit and caption forms, code pasted as text."""

from __future__ import annotations

import re

from app.core.flags.lines import TERMINAL, Line
from app.core.text import WORD

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?"

#: Phrases that mark page furniture wherever they stand, with the kind and reason of the flag.
KNOWN_FURNITURE: list[tuple[re.Pattern, str, str]] = [
    (re.compile(p, 0 if p.startswith("^[Bb][Yy] ") else re.IGNORECASE), kind, reason)
    for p, kind, reason in [
        (r"^scroll (?:for|to) (?:next|continue)", "navigation", "navigation: scroll prompt"),
        (r"^(?:leave a (?:reply|comment)|post a comment|add a comment|\d+ comments?|comments?)\b", "comments",
         "comment form"),
        (r"your email address will not be published|required fields are marked|^reply$|^cancel reply",
         "comments", "comment form"),
        (r"\b(?:join|follow|subscribe to|like)\b.{0,40}\b(?:telegram|whatsapp|facebook|twitter|instagram|"
         r"youtube|google news|channel|newsletter|on x)\b|^chat with us\b|\bfacebook messenger$", "promotion",
         "social or subscription promotion"),
        (r"^(?:sign up|subscribe|register|log ?in|sign in|create (?:an|your) account|already a subscriber)",
         "promotion", "subscription prompt"),
        (r"\bnewsletters?\b.{0,60}\b(?:sign up|subscribe|inbox|delivered)|\b(?:sign up|subscribe)\b.{0,60}"
         r"\bnewsletters?\b|(?:delivered|straight|sent) (?:directly |right )?to your inbox|"
         r"^enter your (?:e-?mail|email address)\b|^(?:get|receive) (?:our|the) .{0,50}\b(?:newsletter|briefing)\b",
         "promotion", "newsletter promotion"),
        (r"^(?:advertisement|advertising|sponsored(?: content)?|ad|ads|promoted|story continues below)"
         r"(?: ?- ?\w+)?$|^(?:advertisement|story continues below advertisement)\b.{0,30}$", "boilerplate",
         "advertisement marker"),
        (r"^(?:image|photo|picture|slide)\s?\d+\s?(?:of|/|of/)\s?\d+$|^\d+\s?(?:/|of)\s?\d+$|^(?:back to (?:the )?gallery|"
         r"view (?:the )?gallery|launch (?:the )?gallery|open (?:the )?gallery|view (?:all )?\d+ (?:photos|images)|"
         r"\d+ (?:photos|images)|enlarge(?: this image)?|expand|fullscreen|full screen|next|previous|prev|"
         r"next (?:slide|image|photo)|previous (?:slide|image|photo)|hide caption|toggle caption|show caption)$|"
         r"^show more show less$", "navigation", "gallery or slideshow control"),
        (r"(?:\.\.\.|…)\s*more$|^(?:show )?less$", "caption", "gallery caption cut short (\"... more\", \"less\")"),
        (r"^(?:continue reading|read more|read full (?:story|article)|click here|see more|show more|"
         r"load more|more stories|related(?: stories| articles| coverage| news)?|recommended(?: for you)?|"
         r"most (?:read|popular|viewed)|trending(?: now)?|you may also like|top stories|latest news|"
         r"what to read next|read next|up next|next up|more from|more on this|"
         r"also read|read also|watch|listen)\b", "navigation", "link to other content"),
        (r"^(?:share|tweet|email|print|copy link|whatsapp|facebook|twitter|linkedin|pinterest|reddit)"
         r"(?: (?:this|on|article|story|via|link)\b.*)?$", "navigation", "share button"),
        (r"(?:©|\(c\)|copyright)\s*\d{4}|all rights reserved|^terms (?:of|&) (?:use|service)|"
         r"privacy (?:(?:&|and) cookies? )?policy|cookies? (?:policy|settings|preferences)|(?:we|site|website) uses? cookies", "boilerplate",
         "site footer or legal notice"),
        (r"^this (?:story|article|is an unedited)|auto-generated (?:story|from)|syndicated (?:news )?feed|"
         r"has not been edited by|may not have modified or edited|published from a (?:wire|syndicated)|"
         r"^disclaimer\b|views expressed (?:here|in this)|does not (?:necessarily )?reflect",
         "disclaimer", "syndication disclaimer"),
        (r"\((?:photo|image|file photo|picture)s?\b[^)]*\)$|^(?:photo|image|picture|video|file photo)s?"
         r"(?: credit)?\s*[:|/]|^(?:фото|снимки|foto|bild|imagen|credit)s?\s*:|\b(?:getty images|afp via getty|"
         r"reuters/|ap photo|shutterstock|image copyright|image caption|photo credit)\b|"
         r"\bcredit(?:\.\.\.|…|:)\s*\S|^file ?[-–—] (?:in (?:this|an?) |this )|\([^()/]{2,50}/[^()]{2,60}\)$",
         "caption",
         "photo caption or credit"),
        (r"\bletters? to the editor\b|we(?:'|’)d like to hear what you think", "promotion", "invitation to write in"),
        (r"^order (?:a )?reprint|^reprints?(?: & permissions)?$|^(?:back to top|skip to (?:main )?content|"
         r"menu|home|search|close|open)$", "navigation", "page navigation"),
        (r"^(?:the )?(?:associated press|ap|reuters|afp|agence france-presse|pti|ians|ani|upi|dpa|xinhua|"
         r"bloomberg|press trust of india|cnn wire|staff(?: reporter| writer)?)$", "byline", "agency credit line"),
        (r"^[Bb][Yy] [A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}(?:,| and| \||$)", "byline", "byline"),
        (rf"^(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*,? )?{_MONTH} "
         r"\d{1,2},? \d{4}(?:,? (?:at )?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?: [a-z]{2,4})?)?$|"
         rf"^(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*,? )?\d{{1,2}} {_MONTH} \d{{4}}"
         r"(?:,? (?:at )?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?: [a-z]{2,4})?)?$", "byline", "date line of the page"),
        (r"^(?:updated|published|posted|last updated)[: ]", "byline", "date line of the page"),
    ]
]



def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regular expression (split at `|` outside groups and classes)."""
    out, depth, in_class, cur, i = [], 0, False, "", 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            cur, i = cur + pattern[i : i + 2], i + 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c in "()":
            depth += 1 if c == "(" else -1
        elif c == "|" and depth == 0:
            out.append(cur)
            cur, i = "", i + 1
            continue
        cur, i = cur + c, i + 1
    return [*out, cur]


# A cheap test first: most lines are not furniture. Alternatives anchored at the start of the line are tried
# there only (one combined match); the others, which would be tried at every position of every paragraph, only
# when the line holds one of the words they need (`_NEEDS`, checked by the tests against every pattern). Both run
# on the lower-cased line (case-insensitive matching is slow in Python's re); a byline needs its capitals.
_FOLDED = [a for p, _, _ in KNOWN_FURNITURE if p.flags & re.IGNORECASE for a in _alternatives(p.pattern)]
_AT_START = re.compile("|".join(f"(?:{a[1:]})" for a in _FOLDED if a.startswith("^")))
_ANYWHERE = re.compile("|".join(f"(?:{a})" for a in _FOLDED if not a.startswith("^")))
_NEEDS = ("email", "required", "telegram", "whatsapp", "facebook", "twitter", "instagram", "youtube", "google",
          "channel", "newsletter", "on x", "inbox", "more", "©", "(c)", "copyright", "rights", "privacy", "cookie",
          "auto-generated", "syndicated", "edited", "modified", "published", "expressed", "reflect", "photo",
          "image", "picture", "getty", "reuters", "shutterstock", "credit", "letter", "hear")
_CASED_FURNITURE = [p for p, _, _ in KNOWN_FURNITURE if not p.flags & re.IGNORECASE]


#: The site's notices about itself: its cookies, its copyright. They open by saying what they are, however
#: long they run, and are never the article's (which may mention cookies or copyright further in).
SITE_NOTICE = re.compile(
    r"\b(?:we|site|website|sito) (?:uses?|utilizza) (?:the )?cookies?\b|\butilizziamo i cookie|"
    r"\bcookies? (?:policy|settings|preferences)\b|^(?:necessary|non-necessary|any|these|functional|analytics?) "
    r"cookies\b|\bsubject to copyright\b|\ball rights reserved\b|^(?:©|copyright\b)",
    re.IGNORECASE,
)
#: How far into a line a notice says what it is.
NOTICE_OPENING = 200


#: Pieces of the words every notice has (cookie, copyright, reserved), in either case: tested first, as
#: substrings, since the test runs on every prose line.
_NOTICE_PIECES = ("ookie", "OOKIE", "opyright", "OPYRIGHT", "eserved", "ESERVED", "©")


def site_notice(line: str) -> bool:
    opening = line[:NOTICE_OPENING]
    return any(piece in opening for piece in _NOTICE_PIECES) and SITE_NOTICE.search(opening) is not None


def maybe_furniture(line: str) -> bool:
    """True for every line some KNOWN_FURNITURE pattern matches (and a few more): the cheap test first."""
    low = line.lower()
    if _AT_START.match(low) or any(p.search(line) for p in _CASED_FURNITURE):
        return True
    return (any(k in low for k in _NEEDS) or (low.endswith(")") and "/" in low)) and bool(_ANYWHERE.search(low))

#: Marks that make even a long paragraph of the body a caption: a wire photo credit closing it, the AP's
#: "FILE - In this ... file photo" opening, a gallery's "SHOW MORE SHOW LESS".
SURE_CAPTION = re.compile(
    r"^FILE ?[-–—] ?(?:In (?:this|an?) |This )|^In (?:this|an?) [^.]{0,40}\bfile photo\b|SHOW MORE SHOW LESS|"
    r"\((?:[^()]{0,80}\b(?:AP|Reuters|AFP|EPA|Getty Images|Bloomberg|Xinhua)\b ?(?:Photo|Images|Pool)?"
    r"(?:/[^()]{1,60})?|(?:AP|AFP|EPA|Reuters|Pool) ?Photo/[^()]{1,60}|[^()]{2,80} via (?:AP|Getty Images|Reuters)"
    r"(?:, File)?,?)\)\s*$"
)

#: Script or structured data pasted into the text: assignments to page objects, JSON-LD, script wrappers.
_CODE_START = re.compile(
    r"^\s*(?:window\.[\w$.]+\s*=|document\.\w+|var [\w$]+\s*=|let [\w$]+\s*=|const [\w$]+\s*=|"
    r"function\s*[\w$]*\s*\(|\(function\s*\(|!function\s*\(|googletag\.|\(adsbygoogle|_taboola|"
    r"\{\s*\"@context\"|\{\s*\"@type\"|//\s*<!\[CDATA\[|if\s*\(\s*typeof\b|\$\(\s*(?:document|function))"
)
_CODE_MARKS = re.compile(r"[{};=]|=>|&&|\|\|")


def known_furniture(line: str) -> tuple[str, str] | None:
    if len(line) > 400:
        return None
    if not maybe_furniture(line):
        return None
    for pattern, kind, reason in KNOWN_FURNITURE:
        if pattern.search(line):
            return kind, reason
    return None


def looks_like_code(line: str) -> bool:
    """Script or JSON: starts like code, or is dense with braces, semicolons and assignments."""
    if _CODE_START.search(line):
        return True
    if "{" not in line and ";" not in line:
        return False  # prose with an equals sign or a semicolon is common; code without either is not
    marks = len(_CODE_MARKS.findall(line))
    return marks >= 6 and marks * 25 >= len(line)


def caption_like(line: Line) -> bool:
    """A short line inside the body that reads as a caption or credit: wholly in brackets, or a name with a
    slash, bar or copyright sign."""
    text = line.text
    if text.startswith("(") and text.endswith(")"):
        return True
    return len(line.words) <= 3 and not TERMINAL.search(text) and text[:1].isupper() and any(
        ch in text for ch in "/|©"
    )


#: Inline pointers to other stories inside a paragraph ("Latest Updates: ...", "ALSO READ: ...").
INLINE_TEASER = re.compile(
    r"(?:latest updates|also read|read also|read more|related|watch|must read|don't miss|also see)\s*[:|–—-]\s",
    re.IGNORECASE,
)


def inline_teaser(text: str, line: Line) -> tuple[int, int] | None:
    """The span of a pointer to another story that ends a paragraph of the body, if there is one."""
    if not any(mark in line.text for mark in ":|–—-"):
        return None
    m = INLINE_TEASER.search(line.text)
    if not m:
        return None
    # A teaser runs from the sentence it starts to the end of the paragraph.
    start = line.start + m.start()
    cut = max(text.rfind(". ", line.start, start), text.rfind("? ", line.start, start),
              text.rfind("! ", line.start, start))
    start = cut + 2 if cut >= line.start else line.start
    if start == line.start and len(WORD.findall(text[start : line.end])) > 40:
        return None
    return start, line.end
