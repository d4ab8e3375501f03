"""Fidelity of a pair: how much of A survives in B verbatim, changed or not at all, and what B adds."""

from __future__ import annotations

from app.core.records import Article, Fidelity, Row, RowKind


def pair_fidelity(a: Article, b: Article, rows: list[Row], counted: set[int] | None = None) -> Fidelity:
    """Figures over body text (flagged sentences left out), as shares of each side's characters.

    `high_risk` and `style` count rows, only those in `counted` when given (relations.verdict_rows): a
    partial or quotes-only pair gets no verdict on text it does not share.
    """
    flagged_a, flagged_b = a.flagged_sentences(), b.flagged_sentences()

    def size(article: Article, flagged: set[int], idx: list[int]) -> int:
        return sum(article.sentences[i][1] - article.sentences[i][0] for i in idx if i not in flagged)

    total_a = size(a, flagged_a, list(range(len(a.sentences))))
    total_b = size(b, flagged_b, list(range(len(b.sentences))))
    kept_a = {RowKind.SAME: 0, RowKind.CHANGED: 0, RowKind.MOVED: 0}
    kept_b = dict(kept_a)
    dropped = added = high = typography = style = 0
    for n, row in enumerate(rows):
        if row.kind in kept_a:
            kept_a[row.kind] += size(a, flagged_a, row.a)
            kept_b[row.kind] += size(b, flagged_b, row.b)
            typography += row.kind == RowKind.SAME and row.typography
        elif row.kind == RowKind.ONLY_A:
            dropped += size(a, flagged_a, row.a)
        else:
            added += size(b, flagged_b, row.b)
        if counted is None or n in counted:
            high += row.severity == "high"
            body = not (all(i in flagged_a for i in row.a) and all(j in flagged_b for j in row.b))
            style += body and row.style_only

    def share(x: int, total: int) -> float:
        return round(x / total, 4) if total else 0.0

    return Fidelity(
        verbatim=share(kept_a[RowKind.SAME], total_a), changed=share(kept_a[RowKind.CHANGED], total_a),
        moved=share(kept_a[RowKind.MOVED], total_a), dropped=share(dropped, total_a), added=share(added, total_b),
        high_risk=high, style=style, typography_only=typography,
        flagged_a=sum(f.end - f.start for f in a.flags), flagged_b=sum(f.end - f.start for f in b.flags),
        verbatim_b=share(kept_b[RowKind.SAME], total_b), changed_b=share(kept_b[RowKind.CHANGED], total_b),
        moved_b=share(kept_b[RowKind.MOVED], total_b), chars_a=total_a, chars_b=total_b,
    )
