"""Which pairs need an editor first: an outlet's copy against its own source, ranked by what the outlet changed."""

from __future__ import annotations

from app.core.records import PairResult, PairRole, Relation

#: A copy against its source shows what one outlet changed; two copies of one version show two outlets' edits
#: at once; two versions show the wire's own update; partial and quotes pairs are different reports.
ROLE_ORDER = {PairRole.SOURCE: 0, PairRole.COPIES: 1, PairRole.UPDATE: 2, PairRole.OTHER: 3}
RELATION_ORDER = {Relation.COPY: 0, Relation.VERSION: 1, Relation.PARTIAL: 2, Relation.QUOTES: 3}


def is_identical(pair: PairResult) -> bool:
    """Nothing to check: no sentence changed, moved, dropped or added, no edit at all."""
    f = pair.fidelity
    return f.high_risk == 0 and not (f.changed or f.moved or f.dropped or f.added)


def need(pair: PairResult) -> tuple:
    """Sort key, the pair that most needs an editor first: copies against their source before other copies,
    versions and looser relations; the most high-risk edits an outlet made, then the most changed; identical
    copies last. Pairs whose roles are not known yet (families not built) rank by relation alone."""
    f = pair.fidelity
    return (is_identical(pair), ROLE_ORDER.get(getattr(pair, "role", PairRole.OTHER), 3),
            RELATION_ORDER.get(pair.relation, 4), -pair.outlet_high_risk, -(f.changed + f.moved + f.dropped + f.added),
            -pair.score)


def triage_order(pairs: list[PairResult]) -> list[int]:
    """Pair indices in the order an editor should check them (ties keep the list's order)."""
    return sorted(range(len(pairs)), key=lambda n: need(pairs[n]))
