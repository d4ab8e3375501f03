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


def members(family) -> list[int]:
    """A family's documents, whether the engine gives a `Family` record or a plain list."""
    return list(getattr(family, "members", family))


def family_of(families, doc: int) -> list[int]:
    return next((members(f) for f in families if doc in members(f)), [doc])


def pair_index(pairs) -> dict[tuple[int, int], object]:
    return {(p.a, p.b): p for p in pairs}


def aligned_pair(articles, ref: int, copy: int):
    """Reference and copy aligned now, as the scan would have: copies of one family joined through a third
    copy have no pair of their own in the scan."""
    from app.core.index import overlapping_pairs, shingle_hashes
    from app.core.records import Overlap, PairResult, Relation
    from app.core.scan import align_pair, body_words

    a, b = articles[ref], articles[copy]
    found = overlapping_pairs([shingle_hashes(body_words(a)), shingle_hashes(body_words(b))], 0.0, 1)
    overlap = Overlap(ref, copy, found[0].shared, found[0].a_in_b, found[0].b_in_a) if found else \
        Overlap(ref, copy, 0, 0.0, 0.0)
    rows, fidelity, relation, figures = align_pair(a, b)
    return PairResult(ref, copy, overlap, rows, fidelity, relation or Relation.QUOTES, figures)


def rows_against(result, by_pair: dict, ref: int, copy: int) -> tuple[list, object]:
    """The alignment rows of reference (side A) against copy (side B), from the scan or aligned now (then
    with the pair made for them)."""
    if (ref, copy) in by_pair:
        return by_pair[(ref, copy)].rows, None
    if (copy, ref) in by_pair:
        return [r.mirrored() for r in by_pair[(copy, ref)].rows], None
    pair = aligned_pair(result.articles, ref, copy)
    return pair.rows, pair


def copy_marks(result, by_pair: dict, ref: int, copy: int) -> CopyMarks:
    art = result.articles[ref]
    marks = bytearray(len(art.sentences))
    for i in art.flagged_sentences():
        if i < len(marks):
            marks[i] = FLAGGED
    rows, pair = rows_against(result, by_pair, ref, copy)
    for row in rows:
        mark = _KIND.get(str(row.kind))
        if mark is None:
            continue
        if mark == CHANGED and row.severity == "high":
            mark |= RISK
        for i in row.a:
            if marks[i] != FLAGGED:
                marks[i] = mark
    kept = sum(m in (KEPT, MOVED) for m in marks)
    changed = sum(m & 0x0F == CHANGED for m in marks)
    dropped = marks.count(DROPPED)
    return CopyMarks(copy, bytes(marks), kept, changed, dropped, sum(m & RISK != 0 for m in marks), pair)
