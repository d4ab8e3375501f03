"""The article's own headline and deck: title-like lines near the top that the body is about."""

from __future__ import annotations

import re
from collections import Counter

from app.core.flags.furniture import caption_like
from app.core.flags.lines import Line

#: Shortest and longest headline, in words; a deck (standfirst) is a sentence or two.
HEADLINE_WORDS = (3, 30)
#: A headline names something and says what happened to it: a label ("Filed to: innovation") does not.
HEADLINE_CONTENT = 3
DECK_WORDS = (8, 80)
#: The lede: the body's opening, which a headline announces. A sidebar headline on the same topic may share
#: the body's common words, but rarely the words of its first paragraphs.
LEDE_WORDS = 120
#: Words compared by their first letters, so "reverses" in a headline meets "reversing" in the lede.
STEM = 5
#: The site's name or a section beside the headline in a page title ("... | Miami Herald", "Opinion | ...").
_TITLE_PARTS = re.compile(r"\s*\|\s*|\s+[-–—]\s+")
#: A page's control telling the reader what to do ("Click the photo and see ...", "Enter City and State"),
#: in the languages of the pages read so far, or a link marked as one ("» Power Ranking").
UI_PROMPT = re.compile(
    r"(?:click|tap|clique|klicken|klick|haga clic|cliquez|enter|scroll|sign (?:up|in)|log ?in|subscribe|"
    r"download|swipe|share|print|follow us)\b|[»›→▶>]",
    re.IGNORECASE,
)
#: Most words a site or section name beside the headline has.
LABEL_WORDS = 4


def find_headline_and_deck(lines: list[Line], known: list, first: int, last: int,
                           body_vocab: Counter) -> tuple[int | None, int | None]:
    """The article's own headline: the first line above the body that is not furniture, reads as a title (a
    few words, no closing full stop, not a caption) and is about the body: it shares words with the lede, and
    at least half of its words with the body. The deck: the next such line above the body, a sentence or two
    long, that is not the headline again. The page's title printed again above the body comes first."""
    lede = _lede_stems(lines, first, last)
    body = _Stems(body_vocab)
    headline, deck = _title_again(lines, known, first), None
    # a headline ending in a quotation reads as a sentence, so the body's block may open with it
    top = first + 1 if first < len(lines) and reads_as_title(lines[first].text) else first
    for i in range(top):
        line = lines[i]
        if known[i] or caption_like(line):
            continue
        n = len(line.words)
        if headline is None:
            # the block's own first line is compared with the lede under it
            opening = _lede_stems(lines, first + 1, last) if i == first else lede
            if (HEADLINE_WORDS[0] <= n <= HEADLINE_WORDS[1] and reads_as_title(line.text)
                    and _about(headline_words(line), opening, body)):
                headline = i
        elif (i > headline and DECK_WORDS[0] <= n <= DECK_WORDS[1] and not same_title(line, lines[headline])
              and _about(line.content, lede, body)):
            deck = i
            break
    return headline, deck


def _title_again(lines: list[Line], known: list, first: int) -> int | None:
    """The page's title (its first line, from the page's <title>, without the site's name) printed again above
    the body: the headline, even where the lede says it in other words ("State Swim Results") or the body's
    block was not found."""
    if not lines or known[0] or not reads_as_title(lines[0].text):
        return None
    shown = _words(headline_text(lines[0].text))
    page_title = {w for w in lines[0].content if w in shown}
    if len(page_title) < HEADLINE_CONTENT:
        return None
    for i in range(1, first):
        shared = len(lines[i].content & page_title)
        if not known[i] and shared * 5 >= 4 * max(len(lines[i].content), len(page_title)):
            return i
    return None


def reads_as_title(text: str) -> bool:
    """A title does not end a sentence (a full stop, even inside closing quotes), introduce what follows (a
    colon: "TERRY GROSS, HOST:") or tell the reader what to do with the page (a control's prompt)."""
    return (not text.rstrip("\"'”’)] ").endswith((".", ":", ";", ",")) and len(text.split()) <= HEADLINE_WORDS[1]
            and not UI_PROMPT.match(text))


def headline_words(line: Line) -> set[str]:
    """The content words of a title line without a site or section name beside it."""
    return line.content - _label_words(line.text)


def headline_text(text: str) -> str:
    """A headline as a title: one line, without the site's or section's name beside it."""
    text = " ".join(text.split())
    if "|" not in text and " - " not in text and " – " not in text and " — " not in text:
        return text
    parts = _TITLE_PARTS.split(text)
    if len(parts) < 2:
        return text
    # the longest part is the headline; short parts around it are labels ("Opinion", "Miami Herald")
    main = max(range(len(parts)), key=lambda k: len(parts[k]))
    if all(len(p.split()) <= LABEL_WORDS for k, p in enumerate(parts) if k != main):
        return parts[main]
    return text


def same_title(line: Line, headline: Line) -> bool:
    """The headline again (the page title with the site's name, then the printed headline)."""
    shared = len(line.content & headline.content)
    return shared * 5 >= 4 * max(len(line.content), len(headline.content))


def _label_words(text: str) -> set[str]:
    cleaned = headline_text(text)
    if cleaned == " ".join(text.split()):
        return set()
    return _words(text) - _words(cleaned)


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\w+", text)}


def _lede_stems(lines: list[Line], first: int, last: int) -> set[str]:
    out: set[str] = set()
    seen = 0
    for line in lines[first : last + 1]:
        if not line.prose:
            continue
        out.update(w[:STEM] for w in line.content)
        seen += len(line.words)
        if seen >= LEDE_WORDS:
            break
    return out


class _Stems:
    """The body's word stems, made when a line first needs them (most pages ask once or never)."""

    def __init__(self, vocab: Counter) -> None:
        self.vocab, self.stems = vocab, None

    def shared(self, stems: set[str]) -> int:
        if self.stems is None:
            self.stems = {w[:STEM] for w in self.vocab}
        return len(stems & self.stems)


def _about(content: set[str], lede: set[str], body: _Stems) -> bool:
    """Whether the body is about this line: it shares a word with the lede (two when it has more than three)
    and at least half its words with the body."""
    stems = {w[:STEM] for w in content}
    if len(stems) < HEADLINE_CONTENT:
        return False
    return len(stems & lede) >= (1 if len(stems) <= 3 else 2) and body.shared(stems) * 2 >= len(stems)
