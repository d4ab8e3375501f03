"""Which relation two aligned articles have (copy, partial, quotes), decided from their narrative sentences.

A *narrative* sentence is the article's own telling: not flagged, not mostly inside quotation marks (a quote
left open at a paragraph's end stays open while the next paragraph starts with an opening mark, as news
style writes long quotes), not part of an embedded post (a tweet and its "— Name (@handle) date" line), not
a caption or photo credit. Two reports that quote the same speech share quoted sentences, not narrative
ones; copies of one report share their narrative. Everything here is linear in the sentences of a pair.
"""

from __future__ import annotations

import re

from app.core.align import MATCH_SIMILARITY
from app.core.records import Article, Relation, RelationFigures, Row, RowKind
from app.core.text import WORD

#: A matched row counts as shared when its sentences are at least this similar (the aligner's word similarity):
#: an edited copy keeps most words of a sentence; two reports paraphrasing one fact rarely reach it.
SHARED_SIMILARITY = 0.8
#: A pair is reported only if some shared sentence has at least this many words on both sides (of any kind):
#: a stock phrase ("Sign up for our newsletter") or a dateline is not evidence of anything.
REAL_SENTENCE_WORDS = 8
#: `copy`: most of one article's narrative words are shared (a trimmed reprint, a copy with unflagged furniture) ...
COPY_CONTAINMENT = 0.5
#: ... and at least this share of the other's (a story folding a few rewritten wire paragraphs into its own
#: reporting, or a page of briefs holding one short story whole, keeps most of its narrative to itself).
COPY_OTHER_CONTAINMENT = 0.35
#: ... or, for a copy cut short (however short), at least this share of its narrative runs in order through the
#: other from the other's first narrative sentence: a trimmed reprint keeps the top and little of its own.
TRIMMED_CONTAINMENT = 0.9
#: `version` rather than `copy`: at least this share of the narrative aligned in order is rewritten (similar,
#: below SHARED_SIMILARITY) rather than near-verbatim. An outlet edits a word here and there; a wire's
#: write-through rewrites sentences through the story.
REWRITTEN = 0.3
#: ... or each side opens with at least this many narrative sentences of its own before the shared narrative:
#: a write-through's new top replaces the old one, while an outlet's copy keeps the lede it was given.
NEW_TOP_SENTENCES = 2
#: `partial` (and `copy`): at least this many shared narrative sentences, a block rather than one stock line.
BLOCK_SENTENCES = 2

_TOP_ROLES = frozenset(("narrative", "quoted"))
_OPENING = "“«„"
_CLOSING = "”»"
_QUOTE_MARKS = re.compile(r"[“”«»„\"]")
_LINE = re.compile(r"[^\n]+")
#: "— Name (@handle) January 26, 2017": the signature line under an embedded tweet.
_POST_SIGNATURE = re.compile(r"^[ \t]*[—–-]{1,2}[^\n]{0,80}\(@\w{1,30}\)[^\n]{0,40}\d{4}[ \t]*$", re.MULTILINE)
_POST_LINE = re.compile(r"pic\.twitter\.com/|https?://t\.co/|A post shared by [^\n]*\(@\w+\)", re.IGNORECASE)
#: A caption or credit paragraph: it opens like an agency caption ("FILE - In this May 1, 2018, file photo",
#: "In this ... photo") or ends with a photo credit ("(AP Photo/Name)", "(Name/Associated Press/File 2019)",
#: "Photo: Name, Agency"), or it is a copyright line. Every sentence of such a paragraph is caption or credit.
_CAPTION_START = re.compile(
    r"[ \t]*(?:(?:FILE[ \t]*[-–—][ \t]*)?(?:In )?this\b[^\n]{0,60}\b(?:file )?photo\b"
    r"|(?:Photo|Image|Picture)s?[ \t]*(?:credit)?[ \t]*:[ \t]*\S|Image \d+ ?of ?/?\d+|(?:Copyright|©)[^\n]{0,80}$)",
    re.IGNORECASE,
)
_CAPTION_END = re.compile(
    r"\((?:[^()\n]{0,60}/)?(?:AP|Associated Press|Reuters|AFP|Getty Images|EPA|Invision)\b[^()\n]{0,40}\)[ \t]*$"
    r"|\([ \t]*(?:AP )?Photo\b[^()\n]{0,60}\)[ \t]*$",
    re.IGNORECASE,
)


def is_caption(line: str) -> bool:
    """Whether one line (paragraph) is a caption or credit. Anchored tests only: this runs on every line."""
    return (bool(_CAPTION_START.match(line)) or (line.rstrip().endswith(")") and bool(_CAPTION_END.search(line[-160:])))
            or "rights reserved" in line.lower())


#: Single quotation marks open after a space or bracket and close before a space or punctuation; an apostrophe
#: between letters is neither (British style quotes speech in single marks).
_SINGLE = re.compile(r"[‘’']")
_BEFORE_OPENING = frozenset(" \t\n([—–-")
_AFTER_CLOSING = frozenset(" \t\n.,;:!?)]—–-")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Half-open spans of `text` inside quotation marks, news-style continuation across paragraphs included."""
    doubles = _spans(text, [(m.start(), m.end(), m.group() in _OPENING, m.group() in _CLOSING)
                            for m in _QUOTE_MARKS.finditer(text)])
    singles = []
    last = len(text) - 1
    for m in _SINGLE.finditer(text):
        pos, mark = m.start(), m.group()
        before = text[pos - 1] if pos else "\n"
        after = text[pos + 1] if pos < last else "\n"
        if mark != "’" and before in _BEFORE_OPENING and not after.isspace():
            singles.append((pos, pos + 1, True, False))
        elif mark != "‘" and not before.isspace() and after in _AFTER_CLOSING:
            singles.append((pos, pos + 1, False, True))
    return sorted(doubles + _spans(text, singles))


def _spans(text: str, marks: list[tuple[int, int, bool, bool]]) -> list[tuple[int, int]]:
    """Quoted spans from the text's marks in order: (position, end, opens, closes); a mark that does
    neither (a straight double quote) toggles."""
    spans: list[tuple[int, int]] = []
    if not marks:
        return spans
    open_at = -1
    previous_end = 0
    k = 0
    for para in _LINE.finditer(text):
        start, end = para.span()
        if open_at < 0 and (k >= len(marks) or marks[k][0] >= end):
            previous_end = end if para.group().strip() else previous_end
            continue  # no quote open and no mark here: nothing to do
        first = k
        while k < len(marks) and marks[k][0] < end:
            k += 1
        found = marks[first:k]
        skip = -1
        if open_at >= 0:
            first = found[0] if found else None
            if first and not first[3] and not text[start:first[0]].strip():
                skip = first[0]  # the paragraph opens with a quotation mark: the quote goes on
            else:
                spans.append((open_at, previous_end))  # a quote left open ends with its paragraph
                open_at = -1
        for pos, mark_end, opens, closes in found:
            if pos == skip:
                continue
            if open_at < 0:
                if not closes:
                    open_at = pos
            elif not opens:
                spans.append((open_at, mark_end))
                open_at = -1
        if para.group().strip():
            previous_end = end
    if open_at >= 0:
        spans.append((open_at, previous_end))
    return spans


def _post_spans(text: str) -> list[tuple[int, int]]:
    """Embedded posts: each signature line with the paragraph just above it (the post's text)."""
    spans: list[tuple[int, int]] = []
    if "@" not in text and "t.co/" not in text and "twitter.com" not in text:
        return spans  # no handle, no short link: no embedded post (a cheap test, most articles have none)
    for m in _POST_SIGNATURE.finditer(text):
        above = text[: m.start()].rstrip()
        spans.append((max(above.rfind("\n") + 1, m.start() - 700), m.end()))
    for m in _POST_LINE.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        spans.append((line_start, len(text) if line_end < 0 else line_end))
    return spans


def _caption_spans(text: str) -> list[tuple[int, int]]:
    """The lines (paragraphs) holding a caption or credit."""
    return [m.span() for m in _LINE.finditer(text) if is_caption(m.group())]


def _covered(spans: list[tuple[int, int]], s: int, e: int) -> int:
    return sum(max(0, min(e, t) - max(s, f)) for f, t in spans if f < e and t > s)


def sentence_roles(article: Article) -> list[str]:
    """For each sentence: `narrative`, or why not (`flagged`, `quoted`, `post`, `caption`). Memoised."""
    if article.derived.roles is not None:
        return article.derived.roles
    text = article.text
    flagged = article.flagged_sentences()
    quotes = quoted_spans(text)
    posts = _post_spans(text)
    captions = _caption_spans(text)
    # a caption flag says what the text is (a caption: shown, shared, never narrative), not that it is junk
    flagged_captions = [(f.start, f.end) for f in article.flags if f.kind == "caption"]
    roles = []
    qi = 0
    for i, (s, e) in enumerate(article.sentences):
        if i in flagged:
            caption = flagged_captions and _covered(flagged_captions, s, e) * 2 > e - s
            roles.append("caption" if caption else "flagged")
            continue
        body = text[s:e]
        size = len(body.strip()) or 1
        while qi < len(quotes) and quotes[qi][1] <= s:
            qi += 1
        inside = 0
        k = qi
        while k < len(quotes) and quotes[k][0] < e:
            inside += max(0, min(e, quotes[k][1]) - max(s, quotes[k][0]))
            k += 1
        if posts and _covered(posts, s, e) * 2 > size:
            roles.append("post")
        elif captions and _covered(captions, s, e) * 2 > size:
            roles.append("caption")
        elif inside * 2 > size:
            roles.append("quoted")
        else:
            roles.append("narrative")
    article.derived.roles = roles
    return roles


def _word_counts(article: Article) -> list[int]:
    if article.derived.sentence_words is None:
        article.derived.sentence_words = [len(WORD.findall(article.text, s, e)) for s, e in article.sentences]
    return article.derived.sentence_words


def own_sentences(article: Article) -> frozenset[int]:
    """The article's narrative sentences of real length: what a version may add and an outlet's copy does not."""
    words = _word_counts(article)
    return frozenset(i for i, r in enumerate(sentence_roles(article))
                     if r == "narrative" and words[i] >= REAL_SENTENCE_WORDS)


def relate(a: Article, b: Article, rows: list[Row]) -> tuple[Relation | None, RelationFigures]:
    """The pair's relation (None: not worth reporting) and the figures it rests on."""
    roles_a, roles_b = sentence_roles(a), sentence_roles(b)
    words_a, words_b = _word_counts(a), _word_counts(b)
    narrative_a = sum(w for w, r in zip(words_a, roles_a, strict=True) if r == "narrative")
    narrative_b = sum(w for w, r in zip(words_b, roles_b, strict=True) if r == "narrative")
    shared_a = shared_b = 0  # narrative words in shared sentences
    count_a = count_b = other = 0
    aligned_a = aligned_b = rewritten = aligned_count_a = aligned_count_b = 0  # any in-order narrative match
    top_a = top_b = 0  # narrative sentences before the first aligned one
    seen_aligned = False
    run = longest = 0
    real = False
    for row in rows:
        matched = _matched(row)
        narr_a = [i for i in row.a if roles_a[i] == "narrative"]
        narr_b = [i for i in row.b if roles_b[i] == "narrative"]
        if matched:
            wa, wb = sum(words_a[i] for i in row.a), sum(words_b[i] for i in row.b)
            unflagged = any(roles_a[i] != "flagged" for i in row.a) and any(roles_b[i] != "flagged" for i in row.b)
            real = real or (unflagged and min(wa, wb) >= REAL_SENTENCE_WORDS)
        if row.kind in (RowKind.SAME, RowKind.CHANGED) and narr_a and narr_b and row.similarity >= MATCH_SIMILARITY:
            wa, wb = sum(words_a[i] for i in narr_a), sum(words_b[i] for i in narr_b)
            aligned_a += wa
            aligned_b += wb
            aligned_count_a += len(narr_a)
            aligned_count_b += len(narr_b)
            rewritten += (wa + wb) * (row.similarity < SHARED_SIMILARITY)
            seen_aligned = True
        elif not seen_aligned and row.kind in (RowKind.ONLY_A, RowKind.ONLY_B):
            # the article's own telling or speech, of real length, that the other lacks: a furniture line is no top
            top_a += sum(words_a[i] >= REAL_SENTENCE_WORDS and roles_a[i] in _TOP_ROLES for i in row.a)
            top_b += sum(words_b[i] >= REAL_SENTENCE_WORDS and roles_b[i] in _TOP_ROLES for i in row.b)
        if matched and narr_a and narr_b:
            shared_a += sum(words_a[i] for i in narr_a)
            shared_b += sum(words_b[i] for i in narr_b)
            count_a += len(narr_a)
            count_b += len(narr_b)
            if row.kind != RowKind.MOVED:
                run += 1
                longest = max(longest, run)
        elif matched:
            other += 1  # shared, but quoted, posted or captioned on a side: neither extends nor breaks a run
        elif narr_a or narr_b:
            run = 0

    def share(x: int, total: int) -> float:
        return round(x / total, 4) if total else 0.0

    figures = RelationFigures(
        shared_sentences=min(count_a, count_b),
        narrative_a_in_b=share(shared_a, narrative_a), narrative_b_in_a=share(shared_b, narrative_b),
        longest_run=longest, narrative_a=narrative_a, narrative_b=narrative_b, shared_other=other,
        aligned_sentences=min(aligned_count_a, aligned_count_b),
        aligned_a_in_b=share(aligned_a, narrative_a), aligned_b_in_a=share(aligned_b, narrative_b),
        rewritten=share(rewritten, aligned_a + aligned_b),
        new_top_a=top_a if seen_aligned else 0, new_top_b=top_b if seen_aligned else 0,
    )
    if not real:
        return None, figures
    return decide(figures), figures


def _matched(row: Row) -> bool:
    return row.kind in (RowKind.SAME, RowKind.CHANGED, RowKind.MOVED) and row.similarity >= SHARED_SIMILARITY


def verdict_rows(a: Article, b: Article, rows: list[Row], relation: Relation | None) -> set[int] | None:
    """The rows a fidelity verdict (high-risk and style counts) rests on: every row of a copy (None); of a
    partial pair, only its shared narrative; of a quotes-only pair, none. Two stories quoting one speaker
    share quotations, not a report: their differences elsewhere are not edits of anything."""
    if relation is Relation.COPY:
        return None
    if relation is not Relation.PARTIAL:
        return set()
    roles_a, roles_b = sentence_roles(a), sentence_roles(b)
    return {n for n, row in enumerate(rows) if _matched(row) and any(roles_a[i] == "narrative" for i in row.a)
            and any(roles_b[i] == "narrative" for i in row.b)}


def decide(f: RelationFigures) -> Relation:
    """The relation from the figures: the named thresholds above, and nothing else."""
    high, low = max(f.narrative_a_in_b, f.narrative_b_in_a), min(f.narrative_a_in_b, f.narrative_b_in_a)
    # a version may keep a single sentence word for word, but then twice the block must align, rewritten
    if same_report(f) and (f.shared_sentences >= BLOCK_SENTENCES or f.aligned_sentences >= 2 * BLOCK_SENTENCES):
        return Relation.VERSION if is_version(f) else Relation.COPY
    if f.shared_sentences < BLOCK_SENTENCES:
        return Relation.QUOTES
    if high >= COPY_CONTAINMENT and low >= COPY_OTHER_CONTAINMENT:
        return Relation.COPY  # near-verbatim but out of order (moved paragraphs): one version, rearranged
    return Relation.PARTIAL


def same_report(f: RelationFigures) -> bool:
    """The narrative runs in order through both sides, word for word or rewritten: one report. Or one side is
    the other cut short: nearly all its narrative runs in order from the other's first sentence (outlets trim
    from the bottom; a story folding in wire paragraphs, or a page of briefs, has text of its own above them)."""
    high, low = max(f.aligned_a_in_b, f.aligned_b_in_a), min(f.aligned_a_in_b, f.aligned_b_in_a)
    if f.aligned_sentences < BLOCK_SENTENCES:
        return False
    return (high >= COPY_CONTAINMENT and low >= COPY_OTHER_CONTAINMENT) or (
        high >= TRIMMED_CONTAINMENT and f.new_top_a == f.new_top_b == 0)


def is_version(f: RelationFigures) -> bool:
    """Another version of the report, not one version edited: much of the shared narrative is rewritten,
    or each side opens with a top of its own over a longer shared body (a write-through replaces the top; an
    outlet keeps the lede it was given)."""
    tops = (f.new_top_a, f.new_top_b)
    return f.rewritten >= REWRITTEN or (min(tops) >= NEW_TOP_SENTENCES and max(tops) < f.aligned_sentences)
