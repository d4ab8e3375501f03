"""What each copy did with each sentence of the reference, as one byte per sentence (Qt-free, thread-safe).

A family of 300 copies of a 60-sentence report is 18,000 marks: bytes keep them small and cheap to paint,
and they are computed on a worker thread from the pairs the engine aligned (or aligned there if missing).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.records import RowKind

UNKNOWN, KEPT, CHANGED, MOVED, DROPPED, FLAGGED = range(6)
RISK = 0x10  # or-ed onto CHANGED when the change is high-risk (a number, a name, a negation…)
NAMES = {UNKNOWN: "not compared yet", KEPT: "kept", CHANGED: "changed", MOVED: "moved", DROPPED: "dropped",
         FLAGGED: "flagged in the reference"}
_KIND = {RowKind.SAME: KEPT, RowKind.CHANGED: CHANGED, RowKind.MOVED: MOVED, RowKind.ONLY_A: DROPPED}


@dataclass(frozen=True, slots=True)
class CopyMarks:
    """One copy against the reference: a mark per reference sentence, and the totals the list shows."""

    copy: int
    marks: bytes
    kept: int
    changed: int
    dropped: int
    high_risk: int
    pair: object = None  # the PairResult aligned here when the scan had none for reference and copy

    @property
    def fidelity(self) -> float:
        """Share of the reference's (unflagged) sentences the copy keeps word for word."""
        counted = self.kept + self.changed + self.dropped
        return self.kept / counted if counted else 0.0


def pair_index(pairs) -> dict[tuple[int, int], object]:
    return {(p.a, p.b): p for p in pairs}


def rows_against(result, by_pair: dict, ref: int, copy: int) -> tuple[list, object, bool]:
    """The alignment rows of reference (side A) against copy (side B), from the scan or aligned now (then
    with the pair made for them), and whether the two are versions (their differences the wire's update)."""
    if (ref, copy) in by_pair:
        return by_pair[(ref, copy)].rows, None, by_pair[(ref, copy)].is_update
    if (copy, ref) in by_pair:
        return [r.mirrored() for r in by_pair[(copy, ref)].rows], None, by_pair[(copy, ref)].is_update
    from app.core.families import set_roles  # the engine loads on first use, not as the window opens
    from app.core.scan import compare_articles

    pair = compare_articles(result.articles, ref, copy)
    set_roles([pair], result.families)
    return pair.rows, pair, pair.is_update


def copy_marks(result, by_pair: dict, ref: int, copy: int) -> CopyMarks:
    art = result.articles[ref]
    marks = bytearray(len(art.sentences))
    for i in art.flagged_sentences():
        if i < len(marks):
            marks[i] = FLAGGED
    rows, pair, update = rows_against(result, by_pair, ref, copy)
    for row in rows:
        mark = _KIND.get(str(row.kind))
        if mark is None:
            continue
        if mark == CHANGED and row.severity == "high" and not update:  # the wire's update is no outlet's risk
            mark |= RISK
        for i in row.a:
            if marks[i] != FLAGGED:
                marks[i] = mark
    kept = sum(m in (KEPT, MOVED) for m in marks)
    changed = sum(m & 0x0F == CHANGED for m in marks)
    dropped = marks.count(DROPPED)
    return CopyMarks(copy, bytes(marks), kept, changed, dropped, sum(m & RISK != 0 for m in marks), pair)
