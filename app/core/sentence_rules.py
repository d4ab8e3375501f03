"""News rules on top of Punkt's sentence breaks within a line: lists, abbreviations, number signs, ellipses."""

from __future__ import annotations

import re

#: Opening words after which a capital clearly starts a new sentence (pronouns, determiners, conjunctions,
#: question words, the prepositions news sentences open with, and the titles before a name).
SENTENCE_STARTERS = frozenset("""
    i you he she it we they his her its their our my your the a an this that these those there here some many
    most all both each how what why when where who which but and so yet or still also then now in on at by
    for after before during since as if while although though with from meanwhile however mr mrs ms dr
""".split())
#: Words that open a prepositional lead-in: "At 5 a.m." or "In the U.S." alone is not a sentence.
_LEAD_IN = frozenset("at by in on from until till before after since around about near".split())

_BULLET = "•·▪●‣◦⁃"
#: A list item's marker: "1.", "2)", "3.)", "a.", "• 9.", "⁃10." (lower-case letters only: "A. Smith" is a name).
LIST_MARKER = re.compile(rf"(?:[{_BULLET}]\s*)?(\d{{1,3}}|[a-z])(\.\)|[.)])(?=\s)")
_INNER_MARKER = re.compile(rf"(?<=\s){LIST_MARKER.pattern}")
LIST_START = frozenset(_BULLET + "0123456789abcdefghijklmnopqrstuvwxyz")
_ONLY_MARKER = re.compile(rf"(?:[{_BULLET}]\s*)?(?:\d{{1,3}}|[a-z])(?:\.\)|[.)])")
_CLOSING = "”\"’')\\]"
#: Abbreviations that come after a name, number or place, so that they can end a sentence: initialisms
#: (U.S., E.U., a.m., P.M.) and company and family suffixes (Inc., Jr.); not "e.g." or "i.e.".
_INITIALISM = re.compile(r"(?!e\.g\.|i\.e\.)(?:[A-Za-z]\.){2,}")
_SUFFIXES = ("Jr", "Sr", "Inc", "Corp", "Co", "Ltd", "Plc", "Bros", "Esq", "etc")
#: A full stop (maybe closed by quotation marks or a parenthesis), then the next word (maybe opened by one).
_STOP_THEN_WORD = re.compile(rf"\.(?P<close>[{_CLOSING}]*)\s+(?P<next>[“\"‘(]?(?P<word>[A-Z][a-z]*))(?![\w-])")
#: "No. 5", "N°. 1026": a number sign, the number after it belongs to the same sentence.
_NUMBER_SIGNS = frozenset({"No.", "Nos.", "Nr.", "N°.", "Nº.", "no.", "nos.", "n°.", "nº."})
#: A run of dots that is an ellipsis ("...", ". . .", "…", four dots when a full stop comes first).
_DOTS = re.compile(r"(?:\.\s?){2,}\.|…\s?\.?|\.\s?…")
_AFTER_DOTS = re.compile(rf"[{_CLOSING}]*(\s+(?=[“\"‘(]?[A-Z])|\s*$)?")


def _looking_back_at(words) -> str:
    """Look-behinds for any of `words` and a stop: one per width of word (`re` needs a fixed width, and one
    per word would be slower)."""
    widths: dict[int, list[str]] = {}
    for word in words:
        widths.setdefault(len(word), []).append(re.escape(word))
    return "|".join(rf"(?<=(?:{'|'.join(same)})\.)" for same in widths.values())


#: Where a rule but lists may apply: an ellipsis, or a stop closed by a quotation mark or parenthesis or ending
#: an initialism or a suffix, before a sentence starter on the same line, or a number sign before a number.
#: Few lines have one, and only those are revised. The pattern opens on a literal stop so that `re` skips
#: from stop to stop ("|…" would cost 4x).
_STARTER_WORD = "|".join(sorted(word.capitalize() for word in SENTENCE_STARTERS))
_MAY_APPLY = re.compile(
    rf"\.(?:\s?\."
    rf"|(?:[{_CLOSING}]+|(?:(?<=[A-Za-z]\.[A-Za-z]\.)|{_looking_back_at(_SUFFIXES)})[{_CLOSING}]*)"
    rf"[^\S\n]+[“\"‘(]?(?:{_STARTER_WORD})(?![\w-])"
    rf"|(?:{_looking_back_at(sign[:-1] for sign in _NUMBER_SIGNS)})[^\S\n]*\d)"
)


def rule_sites(text: str) -> list[int]:
    """Where in `text` a rule other than lists could apply, in order: only lines holding one, or opening
    with a `LIST_MARKER`, need `revise_breaks` (most lines of an article need nothing)."""
    sites = [m.start() for m in _MAY_APPLY.finditer(text)]
    if "…" in text:
        sites = sorted(sites + [m.start() for m in re.finditer("…", text)])
    return sites


def revise_breaks(line: str, pieces: list[tuple[int, int]], english: bool = True) -> list[tuple[int, int]]:
    """Punkt's sentence pieces of one line (spans inside `line`), with the news rules applied."""
    punkt = {start for start, _ in pieces[1:]}
    cuts = set(punkt)
    if ".." in line or ". ." in line or "…" in line:
        _ellipses(line, cuts)
    _list_items(line, cuts)
    if english:
        _abbreviation_ends(line, cuts)
    if cuts != punkt:
        starts = sorted(cuts | {0})
        stops = [*starts[1:], len(line)]
        pieces = [(start, start + len(line[start:stop].rstrip())) for start, stop in zip(starts, stops, strict=True)]
    out = pieces[:1]
    for start, end in pieces[1:]:
        before, stop = out[-1]
        if (stop - before <= 6 and _ONLY_MARKER.fullmatch(line, before, stop)) or (
            line[start].isdigit() and line[line.rfind(" ", 0, stop) + 1 : stop] in _NUMBER_SIGNS
        ):
            out[-1] = (before, end)  # a list marker or a number sign never ends a sentence
        else:
            out.append((start, end))
    return out


def _ellipses(line: str, cuts: set[int]) -> None:
    """Three dots mark words left out inside a sentence ("the thing is . . . I didn't"): no break at or after
    them. A fourth dot is the full stop of a sentence that ends there: a break before the capital after it,
    and when the stop sits on the word with the ellipsis spaced after it ("compounds. . . . The"), the
    ellipsis opens the next sentence instead (the omission is at its start)."""
    for run in _DOTS.finditer(line):
        dots = run.group().count(".") + 3 * run.group().count("…")
        tail = _AFTER_DOTS.match(line, run.end())
        end = tail.end()
        ends_sentence = dots > 3 and bool(tail.group(1))  # a stop and an ellipsis, then a capital
        cuts.difference_update(range(run.start() + 1, end if ends_sentence else end + 1))
        if not ends_sentence:
            continue
        if line[run.start() - 1 : run.start()].isalnum() and run.group()[1:2] == " ":
            cuts.discard(end)
            cuts.add(run.start() + 2)
        else:
            cuts.add(end)


def _list_items(line: str, cuts: set[int]) -> None:
    """A line that opens a numbered or lettered list ("1.) The first item 2.) The second item") starts a
    new item at each next marker of the same series (a marker alone is joined to its item afterwards)."""
    first = LIST_MARKER.match(line)
    if not first:
        return
    label, punct = first.groups()
    for marker in _INNER_MARKER.finditer(line, first.end()):
        following = str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)
        if marker.groups() == (following, punct):
            cuts.add(marker.start())
            label = following


def _abbreviation_ends(line: str, cuts: set[int]) -> None:
    """An abbreviation's full stop also ends the sentence when a sentence starter follows it ("I live in the
    U.S. How about you?", "Wilbur L. Ross Jr. By that summer"), and any full stop closed by a quotation
    mark or parenthesis does too; but a prepositional lead-in ("At 5 a.m. Mr. Smith went") or two words
    ("The U.S. “It is over,” he said.") are no sentence."""
    for m in _STOP_THEN_WORD.finditer(line):
        start = m.start("next")
        if start in cuts or m.group("word").lower() not in SENTENCE_STARTERS:
            continue
        stop = m.start()
        word = line[line.rfind(" ", 0, stop) + 1 : stop + 1].lstrip("(“\"‘")
        # Inside one of Punkt's sentences a closed stop is an abbreviation's ("(D-Calif.) The").
        closed = m.group("close") and word[-2:-1].isalnum()
        if not (closed or _INITIALISM.fullmatch(word) or word[:-1] in _SUFFIXES):
            continue
        opening = max((c for c in cuts if c < start), default=0)
        words = line[opening:start].split()
        if len(words) < 3 or (words[0].lower() in _LEAD_IN and len(words) <= 4):
            continue
        cuts.add(start)
