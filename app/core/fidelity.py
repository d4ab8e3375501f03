"""Fidelity of a pair: how much of A survives in B verbatim, changed or not at all, and what B adds."""

from __future__ import annotations

from app.core.align import Row
from app.core.documents import Article


def pair_fidelity(a: Article, b: Article, rows: list[Row]) -> dict:
    """Figures over body text (flagged sentences left out), as shares of each side's characters."""
    flagged_a, flagged_b = a.flagged_sentences(), b.flagged_sentences()

    def size(article: Article, flagged: set[int], idx: list[int]) -> int:
        return sum(article.sentences[i][1] - article.sentences[i][0] for i in idx if i not in flagged)

    total_a = size(a, flagged_a, list(range(len(a.sentences))))
    total_b = size(b, flagged_b, list(range(len(b.sentences))))
    verbatim = changed = moved = dropped = added = 0
    high = typography = 0
    for row in rows:
        if row.kind == "same":
            verbatim += size(a, flagged_a, row.a)
            typography += row.typography
        elif row.kind == "changed":
            changed += size(a, flagged_a, row.a)
        elif row.kind == "moved":
            moved += size(a, flagged_a, row.a)
        elif row.kind == "only_a":
            dropped += size(a, flagged_a, row.a)
        else:
            added += size(b, flagged_b, row.b)
        high += row.severity == "high"

    def share(x: int, total: int) -> float:
        return round(x / total, 4) if total else 0.0

    figures = {
        "verbatim": share(verbatim, total_a), "changed": share(changed, total_a), "moved": share(moved, total_a),
        "dropped": share(dropped, total_a), "added": share(added, total_b), "high_risk": high,
        "typography_only": typography,
        "flagged_a": sum(f.end - f.start for f in a.flags), "flagged_b": sum(f.end - f.start for f in b.flags),
    }
    figures["likely_source"], figures["source_reason"] = _likely_source(dropped, added, total_a, total_b)
    figures["summary"] = _in_words(figures)
    return figures


def _likely_source(dropped: int, added: int, total_a: int, total_b: int) -> tuple[str | None, str]:
    margin = 0.05 * max(total_a, total_b, 1)
    if dropped - added > margin:
        return "a", "A holds text that B lacks, and B adds little: B looks trimmed from A"
    if added - dropped > margin:
        return "b", "B holds text that A lacks, and A adds little: A looks trimmed from B"
    return None, "Neither copy holds clearly more of the story"


def _in_words(f: dict) -> str:
    pct = lambda x: f"{round(x * 100)}%"  # noqa: E731
    parts = [f"B keeps {pct(f['verbatim'])} of A word for word"]
    if f["changed"]:
        risk = f", {f['high_risk']} high-risk" if f["high_risk"] else ""
        parts.append(f"changes {pct(f['changed'])}{risk}")
    if f["moved"]:
        parts.append(f"moves {pct(f['moved'])}")
    parts.append(f"drops {pct(f['dropped'])}")
    text = ", ".join(parts) + f", and adds {pct(f['added'])} of its own."
    if f["typography_only"]:
        text += f" {f['typography_only']} sentences differ only in typography."
    return text
