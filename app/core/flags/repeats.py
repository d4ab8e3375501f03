"""Text repeated inside one article, and lines recurring across unrelated articles of a scan.

Both work by hashing lines and word runs, never by comparing every line with every other, so a page of
megabytes costs time in proportion to its size.
"""

from __future__ import annotations

from collections import defaultdict

from app.core.flags.lines import Line
from app.core.records import Article, Flag
from app.core.text import line_spans

#: A repeated paragraph is at least this many words: shorter lines repeat by chance (datelines, subheads).
MIN_WORDS = 12
#: How many lines sharing one opening run of words are checked as containers of each other. Real pages have
#: a handful; a pathological one (the same opening on thousands of lines) must not make this quadratic.
MAX_CANDIDATES = 32


def repeated_lines(lines: list[Line], first: int, last: int) -> dict[int, str]:
    """Lines whose text appears again in the article: the copy to flag, with why."""
    seen: dict[tuple[str, ...], int] = {}
    out: dict[int, str] = {}
    for i, line in enumerate(lines):
        if len(line.words) < MIN_WORDS:
            continue
        key = tuple(line.words)
        if key in seen:
            j = seen[key]
            # flag the copy that stands outside the body, else the later one
            victim = j if not (first <= j <= last) and first <= i <= last else i
            out[victim] = "repeated paragraph: the same text appears again in the article"
        else:
            seen[key] = i
    # lines contained in a longer line: found through the run of words each one opens with
    openings: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, line in enumerate(lines):
        if i not in out and len(line.words) >= MIN_WORDS:
            found = openings[tuple(line.words[:MIN_WORDS])]
            if len(found) < MAX_CANDIDATES:
                found.append(i)
    if not openings:
        return out
    size = [len(" ".join(line.words)) for line in lines]
    firsts = {key[0] for key in openings}  # most positions fail on their first word: no tuple is built for them
    container: dict[int, int] = {}  # line -> the longest line containing it (the first, among equals)
    for j, line in enumerate(lines):
        ws = line.words
        if len(ws) <= MIN_WORDS:
            continue
        for p in range(len(ws) - MIN_WORDS + 1):
            if ws[p] not in firsts:
                continue
            for i in openings.get(tuple(ws[p : p + MIN_WORDS]), ()):
                n = len(lines[i].words)
                if size[j] > size[i] and ws[p : p + n] == lines[i].words:
                    held = container.get(i)
                    if held is None or size[j] > size[held] or (size[j] == size[held] and j < held):
                        container[i] = j
    containers: dict[int, list[int]] = defaultdict(list)
    for i, j in sorted(container.items()):
        containers[j].append(i)
    for j, parts in containers.items():
        if len(parts) >= 2:
            # one line that repeats several paragraphs (a page's summary or embedded copy of the body)
            out[j] = "repeated text: this line repeats several paragraphs of the article"
        else:
            out[parts[0]] = "repeated paragraph: this text appears again, in a longer paragraph"
    return out


#: A line recurring in this many different stories is site furniture, not any one story.
MIN_FAMILIES = 3
#: How a recurring line's flag explains itself; the live engine finds these flags again by it.
RECURRING_REASON = "recurs in {} unrelated articles of this scan"


def recurring_candidates(article: Article) -> list[tuple[str, int, int]]:
    """The lines that could recur across a corpus: (normalised text, start, end) of each short line that no
    flag covers. They depend on the article alone, so the live engine keeps them from one change to the next."""
    flagged = sorted((f.start, f.end) for f in article.flags)
    out = []
    k, reach = 0, -1  # reach: the furthest end of the flags starting at or before the line
    for start, end in line_spans(article.text):
        while k < len(flagged) and flagged[k][0] <= start:
            reach = max(reach, flagged[k][1])
            k += 1
        if end - start > 160 or reach >= end:
            continue
        key = " ".join(article.text[start:end].lower().split())
        if len(key) >= 4:
            out.append((key, start, end))
    return out


def recurring_flag(start: int, end: int, families: int) -> Flag:
    return Flag(start, end, "boilerplate", RECURRING_REASON.format(families))


def with_recurring(article: Article, flags: list[Flag]) -> None:
    """Add recurring-line flags to an article's own, in the order a scan leaves them."""
    if flags:
        article.flags.extend(flags)
        article.flags.sort(key=lambda f: f.start)
        article.forget()


def flag_recurring_lines(articles: list[Article], families: list[list[int]],
                         min_families: int = MIN_FAMILIES) -> set[int]:
    """Flag short lines that recur in articles of at least `min_families` different stories.

    Such a line is site furniture (a sidebar headline, a promotion) rather than the story: copies of one
    story sharing a subhead do not count, since they form one family. Returns the articles it changed.
    """
    family_of = {i: n for n, fam in enumerate(families) for i in fam}
    seen: dict[str, set] = defaultdict(set)
    spans_by_key: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for i, art in enumerate(articles):
        for key, start, end in recurring_candidates(art):
            seen[key].add(family_of.get(i, -1 - i))
            spans_by_key[key].append((i, start, end))
    found: dict[int, list[Flag]] = defaultdict(list)
    for key, fams in seen.items():
        if len(fams) >= min_families:
            for i, start, end in spans_by_key[key]:
                found[i].append(recurring_flag(start, end, len(fams)))
    for i, flags in found.items():
        with_recurring(articles[i], flags)
    return set(found)
