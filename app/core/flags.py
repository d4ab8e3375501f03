"""What does not belong to an article: sidebars, navigation, promotions, comment forms, credits, repeats.

Every flag carries a kind and a reason a person understands. The signals, in order of trust: phrases that
only ever mean page furniture, the article's main block of prose (the densest run of sentence-like
paragraphs), how well a line fits the article's vocabulary, the shape of the line, paragraphs repeated inside
the article, and, across a corpus, lines that recur in many unrelated articles (see `flag_recurring_lines`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from app.core.documents import Flag
from app.core.text import WORD, line_spans

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
         r"youtube|google news|channel|newsletter|on x)\b", "promotion", "social or subscription promotion"),
        (r"^(?:sign up|subscribe|register|log ?in|sign in|create (?:an|your) account|already a subscriber)",
         "promotion", "subscription prompt"),
        (r"\bnewsletters?\b.{0,60}\b(?:sign up|subscribe|inbox|delivered)|\b(?:sign up|subscribe)\b.{0,60}"
         r"\bnewsletters?\b", "promotion", "newsletter promotion"),
        (r"^(?:advertisement|advertising|sponsored(?: content)?|ad|ads|promoted|story continues below)"
         r"(?: ?- ?\w+)?$", "boilerplate", "advertisement marker"),
        (r"^(?:continue reading|read more|read full (?:story|article)|click here|see more|show more|"
         r"load more|more stories|related(?: stories| articles| coverage| news)?|recommended(?: for you)?|"
         r"most (?:read|popular|viewed)|trending(?: now)?|you may also like|top stories|latest news|"
         r"what to read next|read next|up next|more from|more on this|"
         r"also read|read also|watch|listen)\b", "navigation", "link to other content"),
        (r"^(?:share|tweet|email|print|copy link|whatsapp|facebook|twitter|linkedin|pinterest|reddit)"
         r"(?: (?:this|on|article|story|via|link)\b.*)?$", "navigation", "share button"),
        (r"(?:©|\(c\)|copyright)\s*\d{4}|all rights reserved|^terms (?:of|&) (?:use|service)|"
         r"privacy policy|cookie (?:policy|settings|preferences)|we use cookies", "boilerplate",
         "site footer or legal notice"),
        (r"^this (?:story|article|is an unedited)|auto-generated (?:story|from)|syndicated (?:news )?feed|"
         r"has not been edited by|may not have modified or edited|published from a (?:wire|syndicated)|"
         r"^disclaimer\b|views expressed (?:here|in this)|does not (?:necessarily )?reflect",
         "disclaimer", "syndication disclaimer"),
        (r"\((?:photo|image|file photo|picture)s?\b[^)]*\)$|^(?:photo|image|picture|video|file photo)s?"
         r"(?: credit)?\s*[:|/]|^(?:фото|снимки|foto|bild|imagen|credit)s?\s*:|\b(?:getty images|afp via getty|reuters/|ap photo|shutterstock|"
         r"image copyright|image caption|photo credit)\b|\bcredit(?:\.\.\.|…|:)\s*\S", "caption", "photo caption or credit"),
        (r"\bletters? to the editor\b|we(?:'|’)d like to hear what you think", "promotion", "invitation to write in"),
        (r"^order (?:a )?reprint|^reprints?(?: & permissions)?$|^(?:back to top|skip to (?:main )?content|"
         r"menu|home|search|close|open)$", "navigation", "page navigation"),
        (r"^(?:the )?(?:associated press|ap|reuters|afp|agence france-presse|pti|ians|ani|upi|dpa|xinhua|"
         r"bloomberg|press trust of india|cnn wire|staff(?: reporter| writer)?)$", "byline", "agency credit line"),
        (r"^[Bb][Yy] [A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}(?:,| and| \||$)", "byline", "byline"),
        (r"^(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*,? )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.? "
         r"\d{1,2},? \d{4}(?:,? (?:at )?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?: [a-z]{2,4})?)?$|"
         r"^\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w* \d{4}$", "byline", "date line of the page"),
        (r"^(?:updated|published|posted|last updated)[: ]", "byline", "date line of the page"),
    ]
]

# One combined search first: most lines are not furniture, and then one search is all they cost. It runs on
# the lower-cased line (case-insensitive matching is slow in Python's re); a byline needs its capitals.
_ANY_FURNITURE = re.compile("|".join(f"(?:{p.pattern})" for p, _, _ in KNOWN_FURNITURE if p.flags & re.IGNORECASE))
_CASED_FURNITURE = [p for p, _, _ in KNOWN_FURNITURE if not p.flags & re.IGNORECASE]

#: Inline pointers to other stories inside a paragraph ("Latest Updates: ...", "ALSO READ: ...").
INLINE_TEASER = re.compile(
    r"(?:latest updates|also read|read also|read more|related|watch|must read|don't miss|also see)\s*[:|–—-]\s",
    re.IGNORECASE,
)

#: The start of reader comments: everything after it is comments, not article.
COMMENTS_START = re.compile(
    r"^(?:\[?\s*\d+\s+(?:comments?|responses?|replies)\b|(?:top rated |all |view |show |read |reader )?comments?"
    r"(?: \(\d+\))?$|\d+ responses? to\b|leave a (?:reply|comment)|join the (?:conversation|discussion)|"
    r"(?:conversation|discussion)$)|^\S.{0,40} (?:says|said|wrote):$|^.{1,60} on \w+ \d{1,2}, \d{4} at \d",
    re.IGNORECASE,
)

_TERMINAL = re.compile(r"[.!?…:;][\"'”’)\]]*$|[\"'”’]$")
_STOPWORDS = frozenset(
    ["the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "from", "by", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those", "he", "she", "they", "we", "you", "i", "his", "her", "their", "our", "your", "not", "no", "said", "says", "will", "would", "can", "could", "has", "have", "had", "do", "does", "did", "than", "then", "there", "here", "who", "whom", "which", "what", "when", "where", "why", "how", "all", "any", "some", "more", "most", "also", "after", "before", "over", "under", "about", "into", "out", "up", "down", "new", "one", "two"]
)


@dataclass(slots=True)
class Line:
    start: int
    end: int
    text: str
    words: list[str]
    prose: bool
    content: set[str]


def _lines(text: str) -> list[Line]:
    out = []
    for start, end in line_spans(text):
        line = text[start:end]
        ws = WORD.findall(line)
        terminal = bool(_TERMINAL.search(line))
        prose = (len(ws) >= 8 and terminal) or len(ws) >= 25
        lower = [w.lower() for w in ws]
        out.append(Line(start, end, line, lower, prose, _content(lower)))
    return out


def _content(words: list[str]) -> set[str]:
    return {w for w in words if len(w) > 2 and w not in _STOPWORDS and not w.isdigit()}


def main_block(lines: list[Line]) -> tuple[int, int]:
    """The densest run of prose lines (inclusive indices): a maximum-sum run over per-line scores."""
    best, best_span = 0.0, (0, -1)
    run, run_start = 0.0, 0
    for i, line in enumerate(lines):
        if line.prose:
            score = float(len(line.text))
        elif len(line.words) >= 6:
            score = -15.0
        else:
            score = -100.0  # a short line breaks a run of prose unless the prose around it is long
        if run <= 0:
            run, run_start = score, i
        else:
            run += score
        if run > best:
            best, best_span = run, (run_start, i)
    return best_span


def flag_article(text: str) -> list[Flag]:
    """Flags for one article on its own, in text order."""
    lines = _lines(text)
    if not lines:
        return []
    first, last = main_block(lines)
    comments_from = next((i for i in range(first + 1, len(lines)) if COMMENTS_START.search(lines[i].text)), None)
    if comments_from is not None and comments_from <= last:
        last = comments_from - 1
    body_vocab: Counter[str] = Counter()
    for line in lines[first : last + 1]:
        body_vocab.update(line.content)
    flags: list[Flag] = []
    duplicate_lines = _repeated_lines(lines, first, last)
    for i, line in enumerate(lines):
        inside = first <= i <= last
        # a long paragraph of the body is never furniture, whatever phrase it quotes
        known = _known_furniture(line.text) if not inside or not line.prose or len(line.words) < 30 else None
        if known:
            flags.append(Flag(line.start, line.end, *known))
        elif comments_from is not None and i >= comments_from:
            flags.append(Flag(line.start, line.end, "comments", "reader comments after the article"))
        elif i in duplicate_lines:
            flags.append(Flag(line.start, line.end, "duplicate", duplicate_lines[i]))
        elif not inside:
            flags.append(Flag(line.start, line.end, *_outside_reason(line, i, first, last, body_vocab)))
        elif not line.prose and _caption_like(line, body_vocab):
            flags.append(Flag(line.start, line.end, "caption", "caption or credit inside the article"))
        else:
            flags.extend(_inline_teasers(text, line))
    return flags


def _known_furniture(line: str) -> tuple[str, str] | None:
    if len(line) > 400:
        return None
    if not _ANY_FURNITURE.search(line.lower()) and not any(p.search(line) for p in _CASED_FURNITURE):
        return None
    for pattern, kind, reason in KNOWN_FURNITURE:
        if pattern.search(line):
            return kind, reason
    return None


def _outside_reason(line: Line, i: int, first: int, last: int, body_vocab: Counter) -> tuple[str, str]:
    where = "before" if i < first else "after"
    content = line.content
    shared = [w for w in content if body_vocab[w]]
    if line.prose:
        return "boilerplate", f"paragraph {where} the article's body, apart from it"
    if i < first and content and len(shared) * 2 >= len(content) and len(line.words) >= 4:
        return "headline", "headline or summary, not body text"
    if len(line.words) >= 5 and len(shared) * 3 < len(content):
        fit = "shares no words with it" if not shared else (
            f"shares only {len(shared)} of its {len(content)} words with it")
        return "unrelated", f"headline of another story {where} the article: {fit}"
    if not shared:
        return "navigation", f"menu or link text {where} the article: shares no words with it"
    return "boilerplate", f"short line {where} the article's body"


def _caption_like(line: Line, body_vocab: Counter) -> bool:
    text = line.text
    if text.startswith("(") and text.endswith(")"):
        return True
    return len(line.words) <= 3 and not _TERMINAL.search(text) and line.text[:1].isupper() and any(
        ch in text for ch in "/|©"
    )


def _repeated_lines(lines: list[Line], first: int, last: int) -> dict[int, str]:
    """Lines whose every sentence-sized part appears again in the article: the copy to flag, with why."""
    seen: dict[str, int] = {}
    out: dict[int, str] = {}
    norm = [" ".join(line.words) for line in lines]
    for i, key in enumerate(norm):
        if len(lines[i].words) < 12:
            continue
        if key in seen:
            j = seen[key]
            # flag the copy that stands outside the body, else the later one
            victim = j if not (first <= j <= last) and first <= i <= last else i
            out[victim] = "repeated paragraph: the same text appears again in the article"
        else:
            seen[key] = i
    containers: dict[int, list[int]] = {}
    by_length = sorted(range(len(norm)), key=lambda k: -len(norm[k]))
    for i, key in enumerate(norm):
        if i in out or len(lines[i].words) < 12:
            continue
        for j in by_length:
            if len(norm[j]) <= len(key):
                break
            if key in norm[j]:
                containers.setdefault(j, []).append(i)
                break
    for j, parts in containers.items():
        if len(parts) >= 2:
            # one line that repeats several paragraphs (a page's summary or embedded copy of the body)
            out[j] = "repeated text: this line repeats several paragraphs of the article"
        else:
            out[parts[0]] = "repeated paragraph: this text appears again, in a longer paragraph"
    return out


def _inline_teasers(text: str, line: Line) -> list[Flag]:
    if not any(mark in line.text for mark in ":|–—-"):
        return []
    m = INLINE_TEASER.search(line.text)
    if not m:
        return []
    # A teaser runs from the sentence it starts to the end of the paragraph.
    start = line.start + m.start()
    cut = max(text.rfind(". ", line.start, start), text.rfind("? ", line.start, start),
              text.rfind("! ", line.start, start))
    start = cut + 2 if cut >= line.start else line.start
    if start == line.start and len(WORD.findall(text[start : line.end])) > 40:
        return []
    return [Flag(start, line.end, "unrelated", "pointer to another story inside the paragraph")]
