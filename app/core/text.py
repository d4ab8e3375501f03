"""Typography-insensitive normal forms and the word tokens every stage shares."""

from __future__ import annotations

import re
import unicodedata

_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'", "\u00b4": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2212": "-",
        "\u2013": " - ", "\u2014": " - ", "\u2015": " - ",
        "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ", "\u200b": "", "\ufeff": "", "\u00ad": "",
        "\u2026": "...",
    }
)
#: Punctuation that takes no space before it, as the space-and-mark pairs a normal form joins.
_SPACED_PUNCT = [(" " + mark, mark) for mark in ",.;:!?"]

#: The one stopword list, in three named parts. Function words carry no evidence that two sentences match.
FUNCTION_WORDS = frozenset(
    "the a an and or but of to in on at for with from by as is are was were be it its".split())
#: The commonest words of English prose: a text dense with them is English without asking a model.
COMMON_ENGLISH = frozenset(
    "the of and to in is was for that on with as by at from he it his said are be has have an not but they were "
    "had this which who will their been would its".split())
#: Every word too common to say what a line is about (content words are the rest).
STOPWORDS = FUNCTION_WORDS | COMMON_ENGLISH | frozenset(
    "being these those she we you i her our your no says can could do does did than then there here whom "
    "what when where why how all any some more most also after before over under about into out up down new "
    "one two".split())

#: A word for matching: letters or digits, with inner apostrophes, periods or commas (U.S., 1,000.5, don't).
WORD = re.compile(r"\w+(?:['’.,]\w+)*")
#: A token for word-level diffs: a word, a run of white space, or one other character.
DIFF_TOKEN = re.compile(r"\w+(?:['’.,]\w+)*|\s+|[^\w\s]")


def normalize_typography(text: str) -> str:
    """The text as a careful reader compares it: quotes, dashes, spaces and ellipses made uniform."""
    text = unicodedata.normalize("NFKC", text.translate(_TYPOGRAPHY))
    # str.split and re's \s agree on what white space is (every code point checked); with spaces single,
    # a space before punctuation is a plain replacement: half the time of the two regex substitutions
    text = " ".join(text.split())
    for spaced, mark in _SPACED_PUNCT:
        if spaced in text:
            text = text.replace(spaced, mark)
    return text


def words(text: str) -> list[str]:
    """Lower-cased, typography-normalised words, for matching and shingles (NFC: a decomposed é matches é)."""
    # both apostrophes join words, so unifying them before splitting gives the same tokens, in one pass
    return WORD.findall(unicodedata.normalize("NFC", text.lower()).replace("’", "'"))


def line_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank lines of `text`, without their leading and trailing white space."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + (len(line) - len(line.lstrip()))
            spans.append((start, start + len(stripped)))
        pos += len(line) + 1
    return spans
