"""One article on its own: its main block of prose, its own headline and deck, and the flags around them."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from app.core.flags.captions import caption_blocks, caption_like, sure_caption
from app.core.flags.comments import comments_start
from app.core.flags.furniture import (
    inline_teaser,
    known_furniture,
    looks_like_code,
    site_notice,
)
from app.core.flags.headline import find_headline_and_deck, headline_text
from app.core.flags.lines import Line, page_lines
from app.core.flags.lists import list_after_body
from app.core.flags.repeats import repeated_lines
from app.core.records import Flag

#: A flag taken for where a paragraph stands (outside the main block) may not remove more than this share
#: of the page's prose unless the paragraph also fails to fit the article's vocabulary.
MAX_UNCORROBORATED_SHARE = 0.5
#: Headline-shaped lines in a row inside the body that make a list of other stories (a subhead stands alone).
MIN_LIST = 3
#: How many lines under one "related" heading are looked at.
MAX_TEASERS = 20
#: Paragraphs of the article above a "related" heading needed to judge what fits it by them alone.
MIN_ABOVE = 3
#: Headings of lists of other stories ("Read more" or "Continue reading" may lead on to the article itself).
SIDEBAR_HEADING = re.compile(
    r"(?:related|recommended|more stories|most (?:read|popular|viewed)|trending|you may also like|top stories|"
    r"latest news|what to read next|read next|up next|next up|more from|more on this|also read|read also)\b",
    re.IGNORECASE,
)

#: A paragraph told in sentences: it ends on a full stop (a closing quote or bracket may follow; never an
#: ellipsis), or one sentence ends inside it and another starts. A headline ends on its last word, a question
#: mark, a quote or "...", and holds one sentence at most ("R. Kelly", "U.S." end no sentence).
SENTENCES = re.compile(r"(?<![.…])\.[\"'”’)\]]*$|[a-z0-9%][.!?][\"'”’)]*\s+[\"'“‘]?[A-Z]")


@dataclass(frozen=True, slots=True)
class ArticleParts:
    """What one page holds besides its body: the flags, the article's own headline and deck (spans), and its
    title: the headline without a site's name beside it, "" where the page has none."""

    flags: list[Flag]
    headline: tuple[int, int] | None = None
    deck: tuple[int, int] | None = None
    title: str = ""


def main_block(lines: list[Line], notices: frozenset[int] = frozenset()) -> tuple[int, int]:
    """The densest run of prose lines (inclusive indices): a maximum-sum run over per-line scores. The site's
    cookie and copyright notices (`notices`, by index) are prose but never the article: they break a run as
    furniture does."""
    best, best_span = 0.0, (0, -1)
    run, run_start = 0.0, 0
    for i, line in enumerate(lines):
        if line.prose and i not in notices:
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
    return read_parts(text).flags


def read_parts(text: str, lines: list[Line] | None = None) -> ArticleParts:
    """The flags of one article, and its own headline and deck, which are never flagged. `lines`: the text's
    `page_lines`, where the caller has them already."""
    if lines is None:
        lines = page_lines(text)
    if not lines:
        return ArticleParts([])
    # a notice is told by its opening; a short one is furniture by its phrases like any other line
    notices = frozenset(i for i, line in enumerate(lines) if line.prose and site_notice(line.text))
    first, last = main_block(lines, notices)
    prose_chars = sum(len(line.text) for line in lines if line.prose)
    comments_from = comments_start(lines, first, prose_chars)
    if comments_from is not None and comments_from <= last:
        last = comments_from - 1
    body_vocab: Counter[str] = Counter()
    for line in lines[first : last + 1]:
        body_vocab.update(line.content)
    if comments_from is None or comments_from > last + 1:
        end = list_after_body(lines, first, last, body_vocab, lambda line: _furniture(line, False, False))
        for line in lines[last + 1 : end + 1]:
            body_vocab.update(line.content)
        last = end if comments_from is None else min(end, comments_from - 1)
    known = [_furniture(line, first <= i <= last, i in notices) for i, line in enumerate(lines)]
    for i, reason in caption_blocks(lines, known, first, last).items():
        known[i] = ("caption", reason)
    headline, deck = find_headline_and_deck(lines, known, first, last, body_vocab)
    own = {k for k in (headline, deck) if k is not None}
    duplicate_lines = repeated_lines(lines, first, last)
    loose = _loose_outside(lines, known, first, last, comments_from, duplicate_lines, own, body_vocab, prose_chars)
    teasers = _under_link_heading(lines, known, first, last, body_vocab)
    listed = _headline_list_inside(lines, known, first, last, body_vocab, own)
    flags: list[Flag] = []
    for i, line in enumerate(lines):
        inside = first <= i <= last
        if i in own:
            continue
        if known[i]:
            flags.append(Flag(line.start, line.end, *known[i]))
        elif comments_from is not None and i >= comments_from:
            flags.append(Flag(line.start, line.end, "comments", "reader comments after the article"))
        elif i in duplicate_lines:
            flags.append(Flag(line.start, line.end, "duplicate", duplicate_lines[i]))
        elif i in teasers:
            flags.append(Flag(line.start, line.end, "unrelated", "headline of another story under a 'related' "
                                                                  "heading: it does not fit the article's words"))
        elif i in listed:
            flags.append(Flag(line.start, line.end, "unrelated", "headline of another story in a list of them "
                                                                 "inside the page's text: it does not fit the "
                                                                 "article's words"))
        elif not inside:
            if i not in loose:
                flags.append(Flag(line.start, line.end, *_outside_reason(line, i, first, last, body_vocab)))
        elif not line.prose and caption_like(line):
            flags.append(Flag(line.start, line.end, "caption", "caption or credit inside the article"))
        else:
            span = inline_teaser(text, line)
            if span:
                flags.append(Flag(*span, "unrelated", "pointer to another story inside the paragraph"))
    title = headline_text(lines[headline].text) if headline is not None else ""
    return ArticleParts(flags, _span(lines, headline), _span(lines, deck), title)


def _under_link_heading(lines: list[Line], known: list, first: int, last: int, body_vocab: Counter) -> set[int]:
    """Lines under a heading such as "Related" or "Next Up": other stories' headlines, and teasers that do not
    fit the article's vocabulary even where they are long enough to pass for prose. A list of other stories
    opens with a headline (no full stop: a title, a question, a line cut off with "..."), and a summary
    sentence follows its headline; so the run ends at the first paragraph that is the article going on: one
    that fits the article's words, or one told in full sentences where the list's first headline would
    stand (the page kept the heading of a box whose links it lost). Where that paragraph is the body going on,
    the heading was a pointer inside the article and the lines under it are the article's own (subheads, its
    next paragraphs)."""
    out: set[int] = set()
    for i, flag in enumerate(known):
        if not flag or len(lines[i].words) > 8 or not SIDEBAR_HEADING.match(lines[i].text):
            continue
        # the article is what stands above the heading: teasers below it share words with one another
        vocab = body_vocab
        if first < i <= last and sum(1 for line in lines[first:i] if line.prose) >= MIN_ABOVE:
            vocab = Counter()
            for line in lines[first:i]:
                vocab.update(line.content)
        run: list[int] = []
        j = i + 1
        while j < min(len(lines), i + 1 + MAX_TEASERS):
            line = lines[j]
            if not known[j]:
                elsewhere = 1 if vocab is body_vocab and first <= j <= last else 0  # a line's words count once
                shared = sum(1 for w in line.content if vocab[w] > elsewhere)
                # related stories share the topic: a headline-shaped line is one of them whatever its words;
                # a list opens with a headline, so sentences with nothing above them but the heading are the story
                if line.prose and (shared * 3 >= len(line.content) or (not run and SENTENCES.search(line.text))):
                    break
                run.append(j)
            j += 1
        if run and not (j <= last and j < len(lines) and lines[j].prose):
            out.update(run)
    return out


def _headline_list_inside(lines: list[Line], known: list, first: int, last: int, body_vocab: Counter,
                          own: set[int]) -> set[int]:
    """Other stories' headlines listed among the body's paragraphs with no heading over them: a run of
    MIN_LIST short lines, none a sentence, most of which do not fit the article's words. A subhead of the
    article fits its words and stands alone between paragraphs."""
    out: set[int] = set()
    run: list[int] = []
    for i in range(first, last + 2):
        line = lines[i] if i <= last else None
        if line is not None and (known[i] or i in own):
            continue  # a kicker flagged as furniture, a share button: the list goes on past it
        if line is not None and not line.prose and line.words:
            run.append(i)
            continue
        strays = [j for j in run if _stray(lines[j], body_vocab)]
        if len(run) >= MIN_LIST and len(strays) * 3 >= 2 * len(run):
            out.update(strays)
        run = []
    return out


def _stray(line: Line, body_vocab: Counter) -> bool:
    """A line whose words the article hardly uses elsewhere (its own words count once)."""
    content = line.content
    return sum(1 for w in content if body_vocab[w] > 1) * 3 < len(content)


def _span(lines: list[Line], i: int | None) -> tuple[int, int] | None:
    return None if i is None else (lines[i].start, lines[i].end)


def _furniture(line: Line, inside: bool, notice: bool) -> tuple[str, str] | None:
    text = line.text
    if looks_like_code(text):
        return "boilerplate", "script or data pasted into the text"
    if sure_caption(text):
        return "caption", "photo caption or credit"
    if notice:
        return "boilerplate", "the site's notice about its cookies or copyright"
    # a long paragraph of the body is never furniture, whatever phrase it quotes
    if inside and line.prose and len(line.words) >= 30:
        return None
    return known_furniture(text)


def _fits(line: Line, body_vocab: Counter) -> bool:
    content = line.content
    return bool(content) and sum(1 for w in content if body_vocab[w]) * 2 >= len(content)


def _loose_outside(lines: list[Line], known: list, first: int, last: int, comments_from: int | None,
                   duplicates: dict, own: set, body_vocab: Counter, prose_chars: int) -> set[int]:
    """Prose paragraphs outside the main block that stay unflagged: when flagging every paragraph apart from
    the block would remove more than half the page's prose, the block is weak evidence, and a paragraph is
    flagged only if it also does not fit the article's vocabulary."""
    outside = [i for i, line in enumerate(lines)
               if line.prose and not (first <= i <= last) and i not in own and not known[i]
               and i not in duplicates and (comments_from is None or i < comments_from)]
    if sum(len(lines[i].text) for i in outside) <= MAX_UNCORROBORATED_SHARE * prose_chars:
        return set()
    return {i for i in outside if _fits(lines[i], body_vocab)}


def _outside_reason(line: Line, i: int, first: int, last: int, body_vocab: Counter) -> tuple[str, str]:
    where = "before" if i < first else "after"
    content = line.content
    shared = [w for w in content if body_vocab[w]]
    if line.prose:
        return "boilerplate", f"paragraph {where} the article's body, apart from it"
    if i < first and content and len(shared) * 2 >= len(content) and len(line.words) >= 4:
        return "headline", "another headline or summary of the story before its body"
    if len(line.words) >= 5 and len(shared) * 3 < len(content):
        fit = "shares no words with it" if not shared else (
            f"shares only {len(shared)} of its {len(content)} words with it")
        return "unrelated", f"headline of another story {where} the article: {fit}"
    if not shared:
        return "navigation", f"menu or link text {where} the article: shares no words with it"
    return "boilerplate", f"short line {where} the article's body"



