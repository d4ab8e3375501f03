"""Why a word edit matters: a change of fact or meaning (high-risk), a matter of house style, or other wording.

An *edit* here is one run of deleted and inserted words between two unchanged stretches of a changed row:
`classify_edit(row_a, row_b, span_a, span_b)` looks at what each side has there (an empty span where a side
has nothing) and at the rest of both rows, so a number that only moved within the sentence, or a name kept
on the other side, is not read as changed. The rules were written against the `tune` part of
`tests/fixtures/edits/labelled.jsonl`; `benchmarks/edits.py` reports them on the held-out part.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cached_property

from app.core.records import EditReason
from app.core.sentences import dateline_length
from app.core.text import STOPWORDS, WORD, normalize_typography

NEGATIONS = frozenset(["not", "no", "never", "none", "nobody", "nothing", "neither", "cannot", "nowhere", "without"])
#: Words that say a claim is unproven; changing them changes what the article asserts.
HEDGES = frozenset(["allegedly", "alleged", "alleges", "accused", "accuses", "accusing", "accusation",
                    "accusations", "reportedly", "purportedly", "apparently", "suspected", "supposedly",
                    "unconfirmed", "unverified", "claimed", "claims", "claiming"])
#: Speech verbs that only report; one may stand for another ("said" / "added") without changing the meaning.
REPORTING = frozenset(["said", "says", "say", "saying", "told", "tells", "added", "adds", "continued", "continues",
                       "wrote", "writes", "reads", "stated", "states", "noted", "notes", "explained", "according",
                       "report", "reports", "reported"])
#: Speech verbs that judge what is reported: "said" -> "claimed" is a change of meaning.
LOADED = frozenset(["claimed", "claims", "insisted", "insists", "admitted", "admits", "conceded", "concedes",
                    "alleged", "alleges", "denied", "denies", "argued", "argues", "asserted", "asserts",
                    "acknowledged", "acknowledges", "contended", "contends", "maintained", "maintains", "boasted",
                    "warned", "suggested"])
_NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
                          "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
                          "hundred thousand million billion trillion dozen dozens half quarter".split())
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_MONTHS = frozenset("january february march april may june july august september october november december "
                    "jan feb mar apr jun jul aug sep sept oct nov dec".split())
_DATES = _WEEKDAYS | _MONTHS
#: Capitalised words that are not names: the stopwords (a clause can open with any of them) and titles.
_NOT_NAMES = STOPWORDS | frozenset("this if while my him them mr mrs ms dr sen rep gov gen pres".split())
_CREDIT = re.compile(r"\((?:AP|Reuters|AFP|CNN|UPI|Bloomberg)\)|\bAP Photo\b|Associated Press|\bfile photo\b"
                     r"|\bPhotos?\s*:|©|\bGetty Images\b|\bEPA\b|/\s*File\b", re.IGNORECASE)
_ABBREVIATION = re.compile(r"\b[A-Z]\.")
_QUOTE_MARKS = frozenset("\"“”„«»‘’'`´′″")
_CONTRACTIONS = ((re.compile(r"\bcan't\b"), "cannot"), (re.compile(r"\bwon't\b"), "will not"),
                 (re.compile(r"n't\b"), " not"), (re.compile(r"'re\b"), " are"), (re.compile(r"'ve\b"), " have"),
                 (re.compile(r"'ll\b"), " will"), (re.compile(r"'d\b"), " would"), (re.compile(r"'m\b"), " am"),
                 (re.compile(r"\b(it|he|she|who|that|what|there|here)'s\b"), r"\1 is"))
#: British and American spellings of one word (normalise -> normalize, colour -> color, centre -> center).
_SPELLING = ((re.compile(r"is(e|es|ed|ing|ation|ations)\b"), r"iz\1"), (re.compile(r"ys(e|es|ed|ing)\b"), r"yz\1"),
             (re.compile(r"our(s|ed|ing|ful|ite)?\b"), r"or\1"), (re.compile(r"tre(s)?\b"), r"ter\1"),
             (re.compile(r"ll(ed|ing|er|ers)\b"), r"l\1"), (re.compile(r"ogue(s)?\b"), r"og\1"))

#: What a contraction or a British / American spelling shows; only edits with one are spelt out and compared.
_VARIANT = re.compile(r"['’]|is(?:e|es|ed|ing|ation)\b|ys(?:e|es|ed|ing)\b|our|tre\b|ll(?:ed|ing|er)\b|ogue", re.IGNORECASE)


def classify_edit(row_a: str, row_b: str, span_a: tuple[int, int], span_b: tuple[int, int]) -> EditReason:
    """The reason of one edit: `row_a[span_a]` became `row_b[span_b]` (either may be empty)."""
    return classify_edits(row_a, row_b, [(span_a, span_b)])[0]


def classify_edits(row_a: str, row_b: str, spans: list[tuple[tuple[int, int], tuple[int, int]]]) -> list[EditReason]:
    """The reasons of the edits of one row, each given as (span in `row_a`, span in `row_b`)."""
    rows = _Rows(row_a, row_b)
    return [_classify(rows, span_a, span_b) for span_a, span_b in spans]


class _Rows:
    """Both rows' text, with what the rules read of them computed once for all the row's edits."""

    def __init__(self, a: str, b: str):
        self.a, self.b = a, b

    @cached_property
    def numbers(self) -> tuple[set[str], set[str]]:
        return set(_number_tokens(self.a.lower())), set(_number_tokens(self.b.lower()))

    @cached_property
    def lower(self) -> tuple[set[str], set[str]]:
        return set(_lower_words(self.a)), set(_lower_words(self.b))

    @cached_property
    def names(self) -> tuple[set[str], set[str]]:
        return {_bare(w) for w in WORD.findall(self.a)}, {_bare(w) for w in WORD.findall(self.b)}

    @cached_property
    def quotes(self) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """Quoted spans of each row; none in a headline, whose quotation marks are scare quotes."""
        return tuple([] if title else quoted_spans(row) for row, title in zip((self.a, self.b), self.titles, strict=True))

    @cached_property
    def titles(self) -> tuple[bool, bool]:
        return _title_case(self.a), _title_case(self.b)


def _classify(rows: _Rows, span_a: tuple[int, int], span_b: tuple[int, int]) -> EditReason:
    row_a, row_b = rows.a, rows.b
    body_a, body_b = _outside_dateline(row_a, span_a), _outside_dateline(row_b, span_b)
    span_a, span_b = body_a or (span_a[0], span_a[0]), body_b or (span_b[0], span_b[0])
    old, new = row_a[span_a[0]:span_a[1]], row_b[span_b[0]:span_b[1]]
    if not old.strip() and not new.strip():
        return EditReason.DATELINE if body_a is None or body_b is None else EditReason.SPACING
    form = _form_only(row_a, row_b, span_a, span_b, old, new)
    if form:
        return form
    if _CREDIT.search(old) or _CREDIT.search(new) or _after_bar(row_a, span_a) or _after_bar(row_b, span_b):
        return EditReason.CREDIT
    if _numbers_changed(rows, old.lower(), new.lower()):
        return EditReason.NUMBER
    old_words, new_words = _lower_words(old), _lower_words(new)
    if _negations(old_words) != _negations(new_words):
        return EditReason.NEGATION
    if HEDGES & set(old_words) != HEDGES & set(new_words):
        return EditReason.HEDGING
    if _inside_quote(row_a, span_a, rows.quotes[0]) or _inside_quote(row_b, span_b, rows.quotes[1]):
        return EditReason.QUOTE
    if _attribution_changed(old_words, new_words):
        return EditReason.ATTRIBUTION
    return _names(rows, span_a, span_b)


# ---------------------------------------------------------------- form only: style

def _outside_dateline(row: str, span: tuple[int, int]) -> tuple[int, int] | None:
    """The part of a span after the row's dateline; None when the span lies inside it."""
    cut = dateline_length(row)
    if not cut or span[0] >= cut or span[0] == span[1]:
        return span
    return None if span[1] <= cut else (cut, span[1])


def _compact(text: str) -> str:
    """Letters and digits only: what is left when punctuation, quotes, dashes and spaces are dropped."""
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _form_only(row_a: str, row_b: str, span_a, span_b, old: str, new: str) -> EditReason | None:
    """A style reason when the edit changes no letter or digit (or only spells a word another way)."""
    if _compact(old) != _compact(new):
        # a spelling variant or contraction is a word or two that start alike, never a rewritten clause
        alike = old.strip()[:1].lower() == new.strip()[:1].lower() and len(old) <= 40 and len(new) <= 40
        if alike and _VARIANT.search(old + " " + new) and _spelled(old) == _spelled(new):
            return EditReason.SPELLING
        return None
    if "".join(old.split()) == "".join(new.split()):
        return EditReason.SPACING
    # "U.S." / "US", "R." / "R": look one word either side, since the edit may be the full stop alone
    wide_a, wide_b = _widen(row_a, span_a), _widen(row_b, span_b)
    if len(_ABBREVIATION.findall(wide_a)) != len(_ABBREVIATION.findall(wide_b)):
        return EditReason.ABBREVIATION
    if any(ch in _QUOTE_MARKS for ch in old + new) and old.strip() and new.strip():
        return EditReason.TYPOGRAPHY
    if {ch for ch in old + new if not ch.isspace()} <= {"'", "’", "`", "´"}:
        return EditReason.TYPOGRAPHY
    return EditReason.PUNCTUATION


def _spelled(text: str) -> str:
    """The words as one spelling: contractions spelt out, British endings made American."""
    out = normalize_typography(text).lower()
    for pattern, repl in _CONTRACTIONS:
        out = pattern.sub(repl, out)
    words = WORD.findall(out)
    return " ".join(_american(w) for w in words)


def _american(word: str) -> str:
    for pattern, repl in _SPELLING:
        word = pattern.sub(repl, word)
    return word


def _widen(row: str, span: tuple[int, int]) -> str:
    start, end = span
    while start > 0 and not row[start - 1].isspace():
        start -= 1
    while end < len(row) and not row[end].isspace():
        end += 1
    return row[start:end]


def _after_bar(row: str, span: tuple[int, int]) -> bool:
    """Text after " | " in a headline is the site's masthead ("... | Miami Herald")."""
    return span[0] != span[1] and "|" in row[max(0, span[0] - 3):span[0]]


# ---------------------------------------------------------------- fact and meaning: high-risk

def _lower_words(text: str) -> list[str]:
    return [w.replace("’", "'") for w in WORD.findall(unicodedata.normalize("NFC", text.lower()))]


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*|\b(?:" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\b")
_DATE = re.compile(r"\b(?:" + "|".join(sorted(_DATES, key=len, reverse=True)) + r")\b")


def _number_tokens(lowered: str) -> list[str]:
    """Numbers in lower-cased text, in figures or words ("1,000" and "1000" are one number)."""
    return [n.replace(",", "") for n in _NUMBER.findall(lowered)]


def _numbers_changed(rows: _Rows, old: str, new: str) -> bool:
    """A number in the deletion that B's row lacks, or in the insertion that A's row lacks (moved is kept);
    a weekday or month only when the other row names a different one (dropped is not changed)."""
    nums_a, nums_b = rows.numbers
    if any(n not in nums_b for n in _number_tokens(old)) or any(n not in nums_a for n in _number_tokens(new)):
        return True
    if not _DATE.search(old) and not _DATE.search(new):
        return False
    in_a, in_b = rows.lower
    for names in (_WEEKDAYS, _MONTHS):
        days_a, days_b = names & in_a, names & in_b
        if days_a and days_b and days_a != days_b and names.intersection(_lower_words(old + " " + new)):
            return True
    return False


def _negations(words: list[str]) -> int:
    return sum(w in NEGATIONS or w.endswith("n't") for w in words)


def _attribution_changed(old: list[str], new: list[str]) -> bool:
    """Attribution added or removed, or a speech verb that judges what is said put in or taken out."""
    speech_old = {w for w in old if w in REPORTING or w in LOADED}
    speech_new = {w for w in new if w in REPORTING or w in LOADED}
    return bool(speech_old) != bool(speech_new) or (LOADED & speech_old) != (LOADED & speech_new)


_MARKS = re.compile(r"[\"“”„«»‘’']+")
_OPENERS_BEFORE = frozenset("([{—–-:/")
_CLOSERS_AFTER = frozenset(".,;:!?)]}—–-")


def quoted_spans(row: str) -> list[tuple[int, int]]:
    """Spans of the row inside quotation marks, read from where each mark stands rather than its glyph
    (scraped text mixes “ ” " ‘‘ and ' freely). A lone single mark inside or after a word is an apostrophe.
    A closing mark before any other mark means the row began inside a quotation (a long quote split into
    sentences); a quotation left open runs to the row's end. Nested quotations count as their outer one.
    """
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    opened_single = False
    for m in _MARKS.finditer(row):
        i, j = m.span()
        before = row[i - 1] if i else " "
        after = row[j] if j < len(row) else " "
        single = len(m.group()) == 1 and m.group() in "‘’'"
        if before.isspace() or before in _OPENERS_BEFORE or i == 0:
            opening = not (after.isspace() and opened is not None)
        elif after.isspace() or after in _CLOSERS_AFTER or j == len(row):
            opening = False
        else:
            opening = m.group()[0] in "“„«‘"
        if opening:
            if opened is None:
                opened, opened_single = i, single
        elif opened is not None:
            if single and not opened_single:
                continue  # an apostrophe ("players’ ") inside a double quotation
            spans.append((opened, j))
            opened = None
        elif not single and not spans:
            spans.append((0, j))
    if opened is not None:
        spans.append((opened, len(row)))
    return spans


def _inside_quote(row: str, span: tuple[int, int], quotes: list[tuple[int, int]]) -> bool:
    """Whether a word of the span lies inside one of the row's quotations."""
    if span[0] == span[1] or not quotes:
        return False
    for m in WORD.finditer(row, span[0], span[1]):
        if any(qs < m.start() and m.end() < qe for qs, qe in quotes):
            return True
    return False


#: Words that refer back to someone already named: a name put in their place names no one new.
_REFERRING = frozenset("the it he she they its his her their him them".split())


def _names(rows: _Rows, span_a, span_b) -> EditReason:
    """NAME when a person or place is named on one side only; NAME_FORM when every such word stands beside
    a name both rows share ("Donald" before "Trump"); WORDING when the other side refers to the one named
    ("the company" / "Spotify", "he" / "Ek") or nothing is capitalised."""
    found = False
    sides = ((rows.a, span_a, rows.titles[0], rows.names[1], rows.b[span_b[0]:span_b[1]]),
             (rows.b, span_b, rows.titles[1], rows.names[0], rows.a[span_a[0]:span_a[1]]))
    for row, span, title, other_names, other_edit in sides:
        if title:
            continue  # a headline: every word is capitalised
        refers = bool(_REFERRING.intersection(_lower_words(other_edit)))
        for m in WORD.finditer(row, span[0], span[1]):
            word = _bare(m.group())
            if not word[0].isupper() or word.lower() in _NOT_NAMES or word.lower() in _DATES:
                continue
            if word in other_names or _sentence_start(row, m.start()):
                continue
            if _beside_kept_name(row, span, other_names):
                found = True
            elif not refers:
                return EditReason.NAME
    return EditReason.NAME_FORM if found else EditReason.WORDING


def _bare(word: str) -> str:
    """A word without its possessive ending: "Spotify's" names Spotify."""
    return word[:-2] if word[-2:] in ("'s", "’s") else word


def _title_case(row: str) -> bool:
    words = [w for w in WORD.findall(row) if w.lower() not in _NOT_NAMES]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) * 4 >= len(words) * 3


def _sentence_start(row: str, at: int) -> bool:
    head = row[:at].rstrip(" \t\n\"'“‘(—–-")
    return not head or head[-1] in ".!?:;"


def _beside_kept_name(row: str, span: tuple[int, int], other_names: set[str]) -> bool:
    """The edit touches a capitalised word both rows share: "Donald" before "Trump", ", California" after a city."""
    before = WORD.findall(row[max(0, span[0] - 40):span[0]])
    after = WORD.findall(row[span[1]:span[1] + 40])
    edge = [before[-1]] if before else []
    edge += [after[0]] if after else []
    return any(w[0].isupper() and _bare(w) in other_names for w in edge)
