"""Sentence units for news: Punkt with the bundled models, plus lines, datelines, quotes and abbreviations."""

from __future__ import annotations

import copy
import functools
import re
import sys

from app.core.language import punkt_model
from app.core.sentence_rules import LIST_MARKER, LIST_START, revise_breaks, rule_sites
from app.core.text import line_spans

#: Abbreviations news copy uses that Punkt's English model does not always know (lower case, no final dot).
NEWS_ABBREVIATIONS = {
    "gov", "sen", "rep", "reps", "sens", "gen", "lt", "col", "sgt", "capt", "cmdr", "adm", "maj", "cpl", "pvt",
    "dr", "mr", "mrs", "ms", "jr", "sr", "st", "ft", "mt", "rev", "prof", "pres", "supt", "insp", "det",
    "u.s", "u.k", "u.n", "e.u", "d.c", "u.s.a", "l.a", "n.y", "a.m", "p.m", "no", "nos", "vs", "v", "etc",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "inc", "corp", "co", "ltd", "llc", "plc", "bros", "dept", "univ", "assn", "est", "approx", "fig",
    "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "ky", "la",
    "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "tenn", "tex",
    "va", "vt", "wash", "wis", "wyo",
}

#: A line that is only a dateline ("WASHINGTON (AP) —", "KYIV:"): it belongs to the sentence after it.
_DATELINE_LINE = re.compile(
    r"^[A-Z][A-Z .,'’-]{1,40}(?:\s*\([A-Za-z .]{2,20}\))?\s*(?:[:—–]|--|-)$"
)
#: A dateline at the start of a paragraph: "KYIV:", "WASHINGTON (AP) —", "Kyiv, March 12:".
DATELINE = re.compile(
    r"^(?:"
    r"[A-Z][A-Z.'’ -]{1,30}(?:,\s*[A-Z][A-Za-z.'’ -]{1,30})?(?:\s*\([A-Za-z .]{2,20}\))?"
    r"|[A-Z][\w.'’ -]{1,30}(?:,\s*[A-Z][\w.'’ -]{1,30})?,\s*"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?"
    r"(?:\s*\([A-Za-z .]{2,20}\))?"
    r"|[A-Z][\w.'’ -]{1,30}(?:,\s*[A-Z][\w.'’ -]{1,30})?\s*\((?:AP|Reuters|AFP|UPI|IANS|PTI|ANI|dpa|Xinhua|AAP|CNN)\)"
    r")\s*(?::|—|–|--|-)\s+"
)
_OTHER_WHITESPACE = re.compile(r"[\t\n\r\x0b\x0c]")
_OPENS_LOWER = re.compile(r"[\W\d_]*[a-z]")  # used with match(): anchored where the piece starts
#: Where a sentence could end inside a line: end punctuation, maybe closing quotes, then space.
_INNER_END = re.compile(r"[.?!…][\"'”’)\]]*\s")


def _import_nltk():
    """Import NLTK without the SciPy statistics it loads for collocation metrics Wiretrace never uses
    (a second of start-up per process where SciPy is installed). SciPy stays importable afterwards."""
    hide = "scipy" not in sys.modules
    if hide:
        sys.modules["scipy"] = None  # makes `import scipy...` fail fast inside NLTK's optional imports
    try:
        import nltk
    finally:
        if hide and sys.modules.get("scipy", 0) is None:
            del sys.modules["scipy"]
    return nltk


def ensure_nltk_data() -> None:
    """Put the bundled Punkt models first on NLTK's search path; NLTK never downloads anything here."""
    nltk = _import_nltk()

    from app import resources_path

    root = str(resources_path("nltk_data"))
    if root not in nltk.data.path:
        nltk.data.path.insert(0, root)


@functools.cache
def _tokenizer(model: str):
    ensure_nltk_data()
    from nltk.tokenize.punkt import PunktTokenizer

    tokenizer = PunktTokenizer(model)
    if model == "english":
        tokenizer._params.abbrev_types.update(NEWS_ABBREVIATIONS)
    return tokenizer


class _FastPunkt:
    """NLTK's Punkt span tokenizer with its decisions memoised, on stdlib `re`.

    NLTK runs every Punkt regex through its ReDoS guard (the `regex` engine under a wall-clock timeout),
    which costs more than the splitting itself. The two patterns applied to the text here are NLTK's own
    (fixed, linear ones, not caller input), compiled with `re`. Whether a candidate ending is a sentence
    break is decided as Punkt decides it: the commonest case (word, full stop, word) from Punkt's own
    abbreviation and collocation tables, every other case by NLTK (`text_contains_sentbreak`), once per
    distinct context. tests/test_sentences.py proves the agreement on real text and benchmarks/punkt.py
    on a generated corpus.
    """

    def __init__(self, tokenizer, memo_size: int = 200_000):
        lang = tokenizer._lang_vars
        period = lang.period_context_re()
        realign = lang.re_boundary_realignment
        self._nltk = _judge(tokenizer)
        self._period = re.compile(getattr(period, "pattern", period), re.UNICODE | re.VERBOSE)
        self._realign = re.compile(getattr(realign, "pattern", realign), re.MULTILINE)
        self._memo: dict[str, bool] = {}
        self._memo_size = memo_size
        self._abbrevs = tokenizer._params.abbrev_types
        self._collocations = tokenizer._params.collocations

    def _breaks(self, match: re.Match, word: str) -> bool:
        # The commonest case decided as Punkt decides it, without tokenising: a plain word (two letters or
        # more) and a full stop, then a plain word. Punkt's first pass marks the stop a break unless the word
        # is a known abbreviation; its second pass can then only undo it for a known collocation (an initial
        # or a number would need the orthographic heuristics: those go to NLTK).
        following = match.group("next_tok")
        if match.group() == "." and following and len(word) > 1 and word.isalpha() and following.isalpha():
            typ = word.lower()
            if typ not in self._abbrevs:
                return (typ, following.lower()) not in self._collocations
        context = word + match.group() + match.group("after_tok")
        found = self._memo.get(context)
        if found is None:
            found = self._nltk.text_contains_sentbreak(context)
            if len(self._memo) >= self._memo_size:
                self._memo.clear()
            self._memo[context] = found
        return found

    def _slices(self, text: str) -> list[tuple[int, int]]:
        """NLTK's `_slices_from_text`: each candidate ending (`_match_potential_end_contexts`) is judged with
        the word before it; one loop, without the generator and slices NLTK's needs (a fifth of the time)."""
        out, last = [], 0
        prev_start = prev_stop = 0
        prev_match = None
        spaces_only = not _OTHER_WHITESPACE.search(text)
        for match in self._period.finditer(text):
            stop = match.start()
            # NLTK looks for the last of string.whitespace; most texts have no whitespace but spaces
            space = text.rfind(" ", prev_stop, stop) if spaces_only else max(
                text.rfind(" ", prev_stop, stop), text.rfind("\t", prev_stop, stop),
                text.rfind("\n", prev_stop, stop), text.rfind("\r", prev_stop, stop),
                text.rfind("\x0b", prev_stop, stop), text.rfind("\x0c", prev_stop, stop))
            word_start = space + 1 if space > prev_stop else prev_start
            if prev_match is not None and prev_stop <= word_start and self._breaks(
                prev_match, text[prev_start:prev_stop]
            ):
                out.append((last, prev_match.end()))
                last = prev_match.start("next_tok") if prev_match.group("next_tok") else prev_match.end()
            prev_match, prev_start, prev_stop = match, word_start, stop
        if prev_match is not None and self._breaks(prev_match, text[prev_start:prev_stop]):
            out.append((last, prev_match.end()))
            last = prev_match.start("next_tok") if prev_match.group("next_tok") else prev_match.end()
        out.append((last, len(text.rstrip())))
        return out

    def span_tokenize(self, text: str) -> list[tuple[int, int]]:
        """NLTK's `span_tokenize` with boundary realignment."""
        slices = self._slices(text)
        spans, realign = [], 0
        for n, (start, stop) in enumerate(slices):
            start += realign
            if n + 1 == len(slices):
                if start < stop:
                    spans.append((start, stop))
                continue
            nstart, nstop = slices[n + 1]
            m = self._realign.match(text, nstart, nstop)  # as on text[nstart:nstop], without the copy
            if m:
                spans.append((start, nstart + len(m.group(0).rstrip())))
                realign = m.end() - nstart
            else:
                realign = 0
                if start < stop:
                    spans.append((start, stop))
        return spans


def _judge(tokenizer):
    """A copy of NLTK's tokenizer for the contexts it decides, its word tokenizer on stdlib `re`: NLTK's own
    fixed pattern (as NLTK compiled it before its ReDoS guard), so the words and the decisions are the same,
    without the guard's timed `regex` call, which cost most of the splitting on news text (measured)."""
    judge = copy.copy(tokenizer)  # the parameters (abbreviations, collocations) are shared, not copied
    lang = type(tokenizer._lang_vars)()
    words = tokenizer._lang_vars._word_tokenizer_re()
    lang._re_word_tokenizer = re.compile(getattr(words, "pattern", words), re.UNICODE | re.VERBOSE)
    judge._lang_vars = lang
    return judge


@functools.cache
def _fast_tokenizer(model: str) -> _FastPunkt:
    return _FastPunkt(_tokenizer(model))


def dateline_length(sentence: str) -> int:
    """How many leading characters of a sentence are its dateline (0 when it has none)."""
    m = DATELINE.match(sentence)
    return m.end() if m else 0


def split_sentences(
    text: str, language: str = "en", reference: bool = False, news_rules: bool = True,
    lines: list[tuple[int, int]] | None = None,
) -> list[tuple[int, int]]:
    """Half-open spans of the sentence units of `text`, in order, not overlapping.

    A line break always ends a unit (headlines, bylines and captions have no full stop), except after a
    line that is only a dateline. Within a line, Punkt decides; a piece that Punkt cut off but that opens
    in lower case (an attribution like “..., ” he said.) stays with the sentence before it; then the news
    rules of `sentence_rules` (lists, abbreviations that end a sentence, number signs, ellipses) revise it.
    `reference` runs NLTK's own tokenizer instead of the fast path (same splits), `news_rules=False` leaves
    Punkt's splits as they are (both for tests and benchmarks). `lines`: the text's `line_spans`, where the
    caller has them already.
    """
    model = punkt_model(language)
    english = model == "english"
    tokenizer = _tokenizer(model) if reference else _fast_tokenizer(model)
    sites = rule_sites(text) if news_rules else []
    site, last_site = 0, len(sites)
    spans: list[tuple[int, int]] = []
    if lines is None:
        lines = line_spans(text)
    last = len(lines) - 1
    carry: int | None = None
    for n, (start, end) in enumerate(lines):
        line = text[start:end]
        if n < last and len(line) <= 48 and _DATELINE_LINE.match(line):
            carry = start if carry is None else carry
            continue
        if _INNER_END.search(line):
            pieces: list[tuple[int, int]] = []
            for s, e in tokenizer.span_tokenize(line):
                if pieces and _OPENS_LOWER.match(line, s, e):
                    pieces[-1] = (pieces[-1][0], e)
                else:
                    pieces.append((s, e))
        else:
            pieces = [(0, end - start)]
        while site < last_site and sites[site] < start:
            site += 1
        if (site < last_site and sites[site] < end) or (
            news_rules and line[0] in LIST_START and LIST_MARKER.match(line)
        ):
            pieces = revise_breaks(line, pieces, english) or [(0, end - start)]
        if carry is not None:
            spans.append((carry, start + pieces[0][1]))
            carry = None
            spans.extend([(start + s, start + e) for s, e in pieces[1:]])
        elif len(pieces) == 1:
            spans.append((start + pieces[0][0], start + pieces[0][1]))
        else:
            spans.extend([(start + s, start + e) for s, e in pieces])
    return spans
