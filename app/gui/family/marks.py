"""What each copy did with each sentence of the reference, as one byte per sentence (Qt-free, thread-safe).

A family of 300 copies of a 60-sentence report is 18,000 marks: bytes keep them small and cheap to paint,
and they are computed on a worker thread from the pairs the engine aligned (or aligned there if missing).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.records import RowKind
from app.core.triage import Figures, Tier, figures

UNKNOWN, KEPT, CHANGED, MOVED, DROPPED, FLAGGED = range(6)
RISK = 0x10  # or-ed onto CHANGED when the change is high-risk (a number, a name, a negation…)
NAMES = {UNKNOWN: "not compared yet", KEPT: "kept", CHANGED: "changed", MOVED: "moved", DROPPED: "dropped",
         FLAGGED: "flagged in the reference"}
_KIND = {RowKind.SAME: KEPT, RowKind.CHANGED: CHANGED, RowKind.MOVED: MOVED, RowKind.ONLY_A: DROPPED}


@dataclass(frozen=True, slots=True)
class CopyMarks:
    """One copy against the reference: a mark per reference sentence, and the figures the list shows (the
    same as every list and report: triage.Figures, reference as A)."""

    copy: int
    marks: bytes
    figures: Figures
    pair: object = None  # the PairResult aligned here when the scan had none for reference and copy


def pair_index(pairs) -> dict[tuple[int, int], object]:
    return {(p.a, p.b): p for p in pairs}


def rows_against(result, by_pair: dict, ref: int, copy: int) -> tuple[list, Figures, object]:
    """The alignment rows and figures of reference (side A) against copy (side B), from the scan or aligned
    now (then with the pair made for them)."""
    if (ref, copy) in by_pair:
        p = by_pair[(ref, copy)]
        return p.rows, figures(p), None
    if (copy, ref) in by_pair:
        p = by_pair[(copy, ref)]
        return [r.mirrored() for r in p.rows], figures(p, p.fidelity.mirrored()), None
    from app.core.families import set_roles  # the engine loads on first use, not as the window opens
    from app.core.scan import compare_articles

    pair = compare_articles(result.articles, ref, copy)
    set_roles([pair], result.families)
    return pair.rows, figures(pair), pair


def copy_marks(result, by_pair: dict, ref: int, copy: int) -> CopyMarks:
    art = result.articles[ref]
    marks = bytearray(len(art.sentences))
    for i in art.flagged_sentences():
        if i < len(marks):
            marks[i] = FLAGGED
    rows, figs, pair = rows_against(result, by_pair, ref, copy)
    for row in rows:
        mark = _KIND.get(str(row.kind))
        if mark is None:
            continue
        if mark == CHANGED and row.severity == "high" and figs.tier is not Tier.UPDATE:  # the wire's update is no outlet's risk
            mark |= RISK
        for i in row.a:
            if marks[i] != FLAGGED:
                marks[i] = mark
    return CopyMarks(copy, bytes(marks), figs, pair)
